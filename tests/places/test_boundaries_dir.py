"""Where the boundaries (and the caches beside them) live, and the manifest in the package.

Order: the ``dir`` argument, ``use_dir()``, ``$TCMAP_BOUNDARIES_DIR``,
``$TCMAP_HOME/boundaries``, then ``boundaries`` in the per-user data folder,
the folder the store uses by default too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geo import paths
from geo.app.store import default_home
from geo.places import boundaries as b
from tests.conftest import REPO, SHARED_MIRROR

needs_mirror = pytest.mark.skipif(not SHARED_MIRROR.is_dir(), reason="needs the ../shared boundary mirror")


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """No tcmap folder settings; HOME and XDG_DATA_HOME inside tmp_path."""
    for var in (b.ENV_DIR, paths.ENV_HOME, "XDG_DATA_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    b.use_dir(None)
    yield tmp_path
    b.use_dir(None)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux layout")
def test_default_is_the_user_data_folder_shared_with_the_store(clean_env):
    expected = clean_env / "user" / ".local" / "share" / "tcmap"
    assert paths.user_data_dir() == expected
    assert default_home() == expected
    assert b.cache_dir() == expected / "boundaries"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux layout")
def test_xdg_data_home_moves_the_default(clean_env, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(clean_env / "xdg"))
    assert b.cache_dir() == clean_env / "xdg" / "tcmap" / "boundaries"
    assert default_home() == clean_env / "xdg" / "tcmap"


def test_tcmap_home_holds_store_and_boundaries(clean_env, monkeypatch):
    monkeypatch.setenv(paths.ENV_HOME, str(clean_env / "home"))
    assert default_home() == clean_env / "home"
    assert b.cache_dir() == clean_env / "home" / "boundaries"


def test_resolution_order(clean_env, monkeypatch):
    monkeypatch.setenv(paths.ENV_HOME, str(clean_env / "home"))
    monkeypatch.setenv(b.ENV_DIR, str(clean_env / "bdir"))
    assert b.cache_dir() == clean_env / "bdir"  # beats $TCMAP_HOME
    assert default_home() == clean_env / "home"  # the store stays in $TCMAP_HOME
    b.use_dir(clean_env / "used")
    assert b.cache_dir() == clean_env / "used"  # beats the environment
    assert b.cache_dir(clean_env / "arg") == clean_env / "arg"  # the argument beats all
    b.use_dir(None)
    assert b.cache_dir() == clean_env / "bdir"


def test_empty_variables_count_as_unset(clean_env, monkeypatch):
    monkeypatch.setenv(b.ENV_DIR, "")
    monkeypatch.setenv(paths.ENV_HOME, "  ")
    assert b.cache_dir() == paths.user_data_dir() / "boundaries"


def test_fallback_agrees_with_platformdirs(clean_env, monkeypatch):
    platformdirs = pytest.importorskip("platformdirs")
    assert paths._fallback_user_data_dir() == Path(platformdirs.user_data_dir("tcmap", appauthor=False))
    monkeypatch.setenv("XDG_DATA_HOME", str(clean_env / "xdg"))
    assert paths._fallback_user_data_dir() == Path(platformdirs.user_data_dir("tcmap", appauthor=False))


def test_without_platformdirs_the_fallback_is_used(clean_env, monkeypatch):
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # import fails
    assert paths.user_data_dir() == paths._fallback_user_data_dir()


@pytest.mark.parametrize("setting, shown", [
    ("dir", "from $TCMAP_BOUNDARIES_DIR"),
    ("home", "from $TCMAP_HOME"),
    ("default", "per-user data folder"),
])
def test_missing_boundaries_message_names_the_folder(clean_env, monkeypatch, setting, shown):
    if setting == "dir":
        monkeypatch.setenv(b.ENV_DIR, str(clean_env / "bdir"))
    elif setting == "home":
        monkeypatch.setenv(paths.ENV_HOME, str(clean_env / "home"))
    folder = b.cache_dir()
    with pytest.raises(b.BoundariesNotInstalled) as err:
        b.load_districts()
    msg = str(err.value)
    assert f"not installed in {folder} " in msg and shown in msg
    assert "tcmap boundaries install" in msg
    assert str(folder / "districts.parquet") in msg


def test_gazetteer_message_names_the_setting_not_the_internal_call(clean_env, monkeypatch):
    from geo.places.gazetteer import load_gazetteer

    monkeypatch.setenv(paths.ENV_HOME, str(clean_env / "home"))
    with pytest.raises(b.BoundariesNotInstalled) as err:
        load_gazetteer()
    assert f"not installed in {clean_env / 'home' / 'boundaries'} (from $TCMAP_HOME)" in str(err.value)
    with pytest.raises(b.BoundariesNotInstalled, match="passed by the caller"):
        load_gazetteer(clean_env / "elsewhere")


def test_map_geometry_message_names_the_folder(clean_env, monkeypatch):
    from geo.maps.geometry import load_map_geometry

    monkeypatch.setenv(b.ENV_DIR, str(clean_env / "nothing"))
    with pytest.raises(b.BoundariesNotInstalled, match=f"not installed in {clean_env / 'nothing'}"):
        load_map_geometry()


def test_manifest_comes_from_the_package():
    import geo

    packaged = Path(geo.__file__).parent / "data" / b.MANIFEST_NAME
    assert b.manifest_text() == packaged.read_text(encoding="utf-8")
    assert not (REPO / "data" / "boundaries" / "manifest.json").exists()  # one manifest only
    assert {f.layer for f in b.read_manifest().files} == set(b.LAYERS)


def test_package_copied_outside_the_checkout_finds_manifest_and_data_home(tmp_path):
    """What a wheel install sees: the package alone, run from another folder."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "geo", site / "geo", ignore=shutil.ignore_patterns("__pycache__"))
    code = ("import json; from geo.places import boundaries as b; from geo.app.store import default_home; "
            "print(json.dumps([b.read_manifest().file_for('districts').name, str(b.cache_dir()), "
            "str(default_home())]))")
    env = {k: v for k, v in os.environ.items() if k not in (b.ENV_DIR, "PYTHONPATH")}
    env.update(PYTHONPATH=str(site), TCMAP_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    name, bdir, home = json.loads(out)
    assert name == "afg_admbnda_adm2_agcho_20180522.zip"
    assert Path(bdir) == tmp_path / "home" / "boundaries"
    assert Path(home) == tmp_path / "home"


def test_loaders_take_the_folder_as_an_argument(boundaries, clean_env, monkeypatch):
    monkeypatch.setenv(b.ENV_DIR, str(clean_env / "empty"))
    assert not b.is_installed()
    assert b.is_installed(boundaries)
    assert len(b.load_districts(dir=boundaries)) == 399
    assert len(b.load_provinces(boundaries)) == 34
    assert len(b.load_country(boundaries)) == 1
    b.use_dir(boundaries)  # what a Dask worker is told by its client
    assert len(b.load_districts()) == 399


def test_gazetteer_and_geometry_take_the_folder(boundaries, clean_env, monkeypatch):
    from geo.maps.geometry import load_map_geometry
    from geo.places.gazetteer import load_gazetteer

    monkeypatch.setenv(b.ENV_DIR, str(clean_env / "empty"))
    assert len(load_map_geometry(dir=boundaries).districts) == 399
    assert load_gazetteer(boundaries).places
    assert not (clean_env / "empty").exists()  # nothing written to the other folder


def test_ensure_installed_does_nothing_when_installed(boundaries, monkeypatch):
    def no_install(*a, **k):
        raise AssertionError("installed again")

    monkeypatch.setattr(b, "install", no_install)
    assert b.ensure_installed("http://127.0.0.1:9/never", dir=boundaries) == boundaries


def test_workers_ensuring_at_once_install_once(tmp_path, monkeypatch):
    calls = []

    def fake_install(source, *, dest, progress=None):
        calls.append(source)
        time.sleep(0.3)  # long enough for the others to arrive
        for layer in b.LAYERS:
            (dest / f"{layer}.parquet").write_bytes(b"x")
        return dest

    monkeypatch.setattr(b, "install", fake_install)
    dest = tmp_path / "boundaries"
    results = []
    threads = [threading.Thread(target=lambda: results.append(b.ensure_installed("src", dir=dest)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [dest] * 4
    if sys.platform != "win32":
        assert calls == ["src"]


@needs_mirror
@pytest.mark.slow
def test_ensure_installed_installs_into_the_folder_and_keeps_other_files(tmp_path):
    dest = tmp_path / "worker" / "boundaries"
    dest.mkdir(parents=True)
    (dest / "geocoder-cache.json").write_text("{}", encoding="utf-8")
    assert b.ensure_installed(str(SHARED_MIRROR), dir=dest) == dest
    assert b.is_installed(dest)
    assert (dest / "geocoder-cache.json").read_text(encoding="utf-8") == "{}"
    assert not list(dest.glob(".install-*"))  # no temporary folder left
    assert json.loads((dest / "installed.json").read_text(encoding="utf-8"))["source"] == str(SHARED_MIRROR)


@needs_mirror
@pytest.mark.slow
def test_two_installs_at_once_leave_a_whole_install(tmp_path):
    dest = tmp_path / "boundaries"
    errors: list[BaseException] = []

    def run():
        try:
            b.install(str(SHARED_MIRROR), dest=dest)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert b.is_installed(dest) and len(b.load_districts(dest)) == 399
    assert not list(dest.glob(".install-*"))


def test_gazetteer_cache_writes_are_whole_and_old_keys_pruned(tmp_path):
    from geo.places import gazetteer as gz

    for i in range(6):
        (tmp_path / f"gazetteer-old{i}.json").write_text("{}", encoding="utf-8")
        os.utime(tmp_path / f"gazetteer-old{i}.json", (1_000_000 + i, 1_000_000 + i))
    target = tmp_path / "gazetteer-new.json"
    payloads = [json.dumps({"n": i, "pad": "x" * 200_000}) for i in range(8)]
    threads = [threading.Thread(target=gz._write_cache, args=(target, p)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert json.loads(target.read_text(encoding="utf-8"))["n"] in range(8)  # one whole payload
    assert not list(tmp_path.glob(".gazetteer-*"))  # no temporary file left
    left = sorted(p.name for p in tmp_path.glob("gazetteer-old*.json"))
    assert left == ["gazetteer-old3.json", "gazetteer-old4.json", "gazetteer-old5.json"]
