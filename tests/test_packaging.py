"""The wheel built from this tree carries every data file tcmap reads at run time.

A user or a Dask worker gets tcmap from a wheel, not from a checkout, so a data
file missing from the wheel only shows up there: as a FileNotFoundError at the
first command. Building the wheel and listing it catches that here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# What the code opens at run time, relative to site-packages.
REQUIRED = [
    "geo/data/boundaries_manifest.json",
    "geo/data/lexicon.toml",
    "geo/data/crosswalk.csv",
    "geo/data/points.csv",
    "geo/data/distractors.csv",
    "geo/data/foreign.csv",
    "geo/maps/static/leaflet.js",
    "geo/maps/static/leaflet.css",
    "geo/maps/static/LICENSE",
]


def _setuptools_can_build() -> bool:
    """True when the running env has a setuptools new enough to build offline."""
    try:
        import setuptools
    except ImportError:
        return False
    major = int(setuptools.__version__.split(".")[0])
    return major >= 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the tree (so the checkout gets no build/ litter)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "geo", src / "geo",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(src)]
    if _setuptools_can_build():
        cmd.insert(4, "--no-build-isolation")  # no download needed
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # -v shows the build backend's output: the data folders are declared packages
    assert "is absent from the `packages` configuration" not in proc.stdout + proc.stderr
    wheels = sorted(out.glob("tcmap-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.mark.slow
def test_wheel_carries_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in REQUIRED if n not in names]
    assert not missing, f"not in {wheel.name}: {missing}"
    # every data file of the tree is in the wheel, not only the ones named above
    for folder in ("geo/data", "geo/maps/static"):
        for p in (REPO / folder).iterdir():
            if p.is_file():
                assert f"{folder}/{p.name}" in names, p


@pytest.mark.slow
def test_wheel_holds_the_package_and_nothing_of_the_checkout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert "geo" in tops and all(t == "geo" or t.endswith(".dist-info") for t in tops), tops
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    for pkg in ("geo/places/boundaries.py", "geo/claims/extract.py", "geo/app/store.py",
                "geo/maps/htmlmap.py", "geo/cli.py"):
        assert pkg in names
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "tcmap = geo.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
