"""Install and load the OCHA/AGCHO 2018 administrative boundaries.

The boundary files are never committed. ``install`` copies or downloads the
three zipped shapefiles named in the manifest (``geo/data/boundaries_manifest.json``,
package data, so it ships in the wheel), checks each against its sha256, and
converts them once to GeoParquet in the boundaries folder so every later load is
fast. ``load_districts`` and friends read that folder and nothing else: the
only network access in tcmap is here, in ``install``.

The boundaries folder (``cache_dir()``), first match wins:

1. the ``dir`` argument of the loaders (``load_districts(dir=...)``);
2. the folder given to ``use_dir(path)`` in this process;
3. ``$TCMAP_BOUNDARIES_DIR``;
4. ``$TCMAP_HOME/boundaries``;
5. ``boundaries/`` in the per-user data folder (``geo.paths.user_data_dir()``,
   ``~/.local/share/tcmap/boundaries`` on Linux), beside the store.

The gazetteer, map-geometry and geocoder caches live in the same folder, never in
site-packages or the checkout. A process that runs tcmap for someone else (a
Dask worker) is pointed at the boundaries with ``use_dir(path)`` or the
environment variable, or installs them itself with
``ensure_installed(source, dir=...)`` from a folder or URL the client passes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # geopandas is heavy; import it where it is used
    import geopandas as gpd

MANIFEST_PACKAGE = "geo.data"
MANIFEST_NAME = "boundaries_manifest.json"
ENV_SOURCE = "TCMAP_BOUNDARIES_SOURCE"
ENV_DIR = "TCMAP_BOUNDARIES_DIR"
SUBDIR = "boundaries"  # inside $TCMAP_HOME or the user data folder
LAYERS = ("country", "provinces", "districts")
DOWNLOAD_CHUNK = 1 << 16


class BoundariesError(RuntimeError):
    """Installing or loading the boundaries failed; the message says what to do."""


class BoundariesNotInstalled(BoundariesError):
    """The cache is missing: the message gives the command that installs it."""


@dataclass(frozen=True)
class ManifestFile:
    name: str
    layer: str
    sha256: str
    features: int


@dataclass(frozen=True)
class Manifest:
    dataset: str
    source_url: str
    licence: str
    attribution: str
    files: tuple[ManifestFile, ...]

    def file_for(self, layer: str) -> ManifestFile:
        for f in self.files:
            if f.layer == layer:
                return f
        raise KeyError(layer)


def manifest_text() -> str:
    """The manifest, read from the installed package (``geo/data/boundaries_manifest.json``)."""
    from importlib.resources import files

    return files(MANIFEST_PACKAGE).joinpath(MANIFEST_NAME).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def read_manifest() -> Manifest:
    raw = json.loads(manifest_text())
    files = tuple(ManifestFile(**f) for f in raw["files"])
    return Manifest(
        dataset=raw["dataset"],
        source_url=raw["source_url"],
        licence=raw["licence"],
        attribution=raw["attribution"],
        files=files,
    )


_use_dir: Path | None = None


def use_dir(path: str | os.PathLike | None) -> None:
    """Load the boundaries from ``path`` in this process from now on (None: back to the default).

    For a process tcmap runs in on someone else's behalf, a Dask worker for
    one: ``client.run(use_dir, path)`` or a worker plugin calling it points every
    loader, the gazetteer and the map geometry at a folder the client chose.
    """
    global _use_dir
    _use_dir = Path(path).expanduser() if path is not None else None


def cache_dir(dir: str | os.PathLike | None = None) -> Path:
    """The boundaries folder: ``dir``, ``use_dir()``, ``$TCMAP_BOUNDARIES_DIR``,
    ``$TCMAP_HOME/boundaries``, else ``boundaries`` in the per-user data folder."""
    if dir is not None:
        return Path(dir).expanduser()
    if _use_dir is not None:
        return _use_dir
    env = os.environ.get(ENV_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    from geo.paths import tcmap_home

    return tcmap_home() / SUBDIR


def where_from(dir: str | os.PathLike | None = None) -> str:
    """Why ``cache_dir(dir)`` is that folder, for messages: which setting chose it."""
    if dir is not None and Path(dir).expanduser() != cache_dir():
        return "the folder passed by the caller"
    if _use_dir is not None:
        return "the folder set by use_dir()"
    if os.environ.get(ENV_DIR, "").strip():
        return f"from ${ENV_DIR}"
    from geo.paths import ENV_HOME

    if os.environ.get(ENV_HOME, "").strip():
        return f"from ${ENV_HOME}"
    return f"the per-user data folder; set ${ENV_DIR} or ${ENV_HOME} to use another"


def default_source() -> str:
    return os.environ.get(ENV_SOURCE) or read_manifest().source_url


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(DOWNLOAD_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_url(source: str) -> bool:
    return urllib.parse.urlparse(source).scheme in ("http", "https")


def _download(url: str, dest: Path, timeout: float = 60.0) -> None:
    req = urllib.request.Request(url, headers={"User-Agent": "tcmap boundary installer"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp, open(dest, "wb") as out:
            shutil.copyfileobj(resp, out, DOWNLOAD_CHUNK)
    except OSError as e:  # URLError and HTTPError are OSErrors
        raise BoundariesError(f"Could not download {url}: {e}") from e


def _gather(source: str, workdir: Path, manifest: Manifest) -> dict[str, Path]:
    """Bring every manifest file into ``workdir`` from a folder, a zip or a URL.

    A zip SOURCE may be one of the manifest files itself or an archive holding
    them; a URL may point at such a zip or at a folder (``.../``) serving them.
    """
    wanted = {f.name for f in manifest.files}
    found: dict[str, Path] = {}
    if _is_url(source):
        if source.endswith("/"):
            for name in sorted(wanted):
                dest = workdir / name
                _download(urllib.parse.urljoin(source, name), dest)
                found[name] = dest
            return found
        name = Path(urllib.parse.urlparse(source).path).name or "boundaries.zip"
        local = workdir / ("download-" + name)
        _download(source, local)
        source_path = local
        if name in wanted:
            dest = workdir / name
            local.rename(dest)
            return {name: dest}
    else:
        source_path = Path(source).expanduser()
    if source_path.is_dir():
        for name in wanted:
            p = source_path / name
            if p.is_file():
                shutil.copyfile(p, workdir / name)
                found[name] = workdir / name
        return found
    if not source_path.exists():
        raise BoundariesError(f"Boundary source {source} does not exist (expected a folder, a zip or an http(s) URL).")
    if source_path.name in wanted:
        shutil.copyfile(source_path, workdir / source_path.name)
        return {source_path.name: workdir / source_path.name}
    if not zipfile.is_zipfile(source_path):
        raise BoundariesError(f"Boundary source {source} is neither a folder nor a zip archive.")
    with zipfile.ZipFile(source_path) as zf:
        for info in zf.infolist():
            base = Path(info.filename).name  # never trust paths inside an archive
            if base in wanted and not info.is_dir():
                with zf.open(info) as src, open(workdir / base, "wb") as out:
                    shutil.copyfileobj(src, out, DOWNLOAD_CHUNK)
                found[base] = workdir / base
    return found


def _standardise(layer: str, gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep the columns tcmap uses, under stable lower-case names."""
    import geopandas as gpd

    def alt(col: str):
        return gdf[col].where(gdf[col].notna(), None) if col in gdf else None

    if layer == "districts":
        out = {
            "adm2_pcode": gdf["ADM2_PCODE"],
            "adm2_name": gdf["ADM2_EN"],
            "adm2_name_da": gdf["ADM2_DA"],
            "adm2_alt1": alt("ADM2ALT1EN"),
            "adm2_alt2": alt("ADM2ALT2EN"),
            "adm1_pcode": gdf["ADM1_PCODE"],
            "adm1_name": gdf["ADM1_EN"],
            "region": gdf["REG_EN"],
        }
        order = "adm2_pcode"
    elif layer == "provinces":
        out = {
            "adm1_pcode": gdf["ADM1_PCODE"],
            "adm1_name": gdf["ADM1_EN"],
            "adm1_name_da": gdf["ADM1_DA"],
            "region": gdf["REG_EN"],
        }
        order = "adm1_pcode"
    else:
        out = {"adm0_pcode": gdf["ADM0_PCODE"], "adm0_name": gdf["ADM0_EN"]}
        order = "adm0_pcode"
    res = gpd.GeoDataFrame(out, geometry=gdf.geometry.values, crs=gdf.crs or "EPSG:4326")
    res = res.to_crs("EPSG:4326").sort_values(order).reset_index(drop=True)
    res["geometry"] = res.geometry.make_valid()
    return res


def install(
    source: str | None = None,
    *,
    dest: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Fetch, verify and convert the boundaries into ``dest`` (default ``cache_dir()``); return it.

    Nothing in ``dest`` changes unless every file verifies: the layers are
    built in a temporary folder inside ``dest`` and each is then moved into
    place with an atomic rename, ``installed.json`` last. A process loading the
    boundaries meanwhile, or a second install running at the same time (two
    workers on one machine), sees a whole old file or a whole new one; the
    manifest pins the content, so both hold the same data. Other files in
    ``dest`` (the gazetteer and geometry caches, keyed on the installed files,
    the geocoder's answers) are left alone.
    """
    import geopandas as gpd

    say = progress or (lambda _msg: None)
    manifest = read_manifest()
    source = source or default_source()
    dest = Path(dest).expanduser() if dest else cache_dir()
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BoundariesError(f"Cannot create the boundaries folder {dest}: {e}") from e
    with tempfile.TemporaryDirectory(dir=dest, prefix=".install-") as tmp:
        work = Path(tmp)
        say(f"Fetching boundaries from {source}")
        found = _gather(source, work, manifest)
        missing = sorted({f.name for f in manifest.files} - set(found))
        if missing:
            raise BoundariesError(
                f"Boundary source {source} lacks {', '.join(missing)}; "
                "it must hold the three AGCHO zips named in tcmap's boundaries manifest: "
                + ", ".join(f.name for f in manifest.files) + "."
            )
        built = work / "built"
        built.mkdir()
        for f in manifest.files:
            digest = sha256_of(found[f.name])
            if digest != f.sha256:
                raise BoundariesError(
                    f"Checksum mismatch for {f.name} from {source}: expected sha256 {f.sha256}, got {digest}. "
                    "The file is corrupt or not the AGCHO 2018 release."
                )
            say(f"Verified {f.name}")
            gdf = gpd.read_file(f"zip://{found[f.name]}")
            if len(gdf) != f.features:
                raise BoundariesError(f"{f.name} has {len(gdf)} features, expected {f.features}.")
            _standardise(f.layer, gdf).to_parquet(built / f"{f.layer}.parquet")
        (built / "installed.json").write_text(
            json.dumps({"source": source, "files": [f.name for f in manifest.files]}, indent=2),
            encoding="utf-8",
        )
        for name in [f"{f.layer}.parquet" for f in manifest.files] + ["installed.json"]:
            os.replace(built / name, dest / name)
    _load_layer.cache_clear()
    say(f"Installed boundaries into {dest}")
    return dest


def is_installed(path: str | os.PathLike | None = None) -> bool:
    """True when the boundaries folder (``path``, else ``cache_dir()``) holds every layer."""
    base = cache_dir(path)
    return all((base / f"{layer}.parquet").is_file() for layer in LAYERS)


def ensure_installed(
    source: str | None = None,
    *,
    dir: str | os.PathLike | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """The boundaries folder, after installing into it from ``source`` if it lacks them.

    For a process that may start on a machine of its own (a Dask worker): the
    client passes ``source`` (a folder of the zips, a zip or an http(s) URL the
    worker can reach) and, if it likes, the folder ``dir``; a worker whose
    machine has them already does nothing.
    """
    base = cache_dir(dir)
    if is_installed(base):
        return base
    with _install_lock(base):  # workers of one machine: one installs, the others wait
        if is_installed(base):
            return base
        return install(source, dest=base, progress=progress)


@contextmanager
def _install_lock(folder: Path) -> Iterator[None]:
    """An advisory lock on ``folder/.install.lock`` where the platform has flock.

    Without it (Windows, some network disks) concurrent installs stay correct,
    each file being renamed into place whole; they only do the work twice.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fh = open(folder / ".install.lock", "a")  # noqa: SIM115 - closed below
    except OSError as e:
        raise BoundariesError(f"Cannot create the boundaries folder {folder}: {e}") from e
    try:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except (ImportError, OSError):
            pass
        yield
    finally:
        fh.close()  # releases the lock


INSTALL_HINT = (
    "The district boundaries are not installed. Run:\n"
    "    tcmap boundaries install /path/to/folder/with/the/AGCHO/zips\n"
    "(or `tcmap boundaries install` to download them, or `make setup` in a checkout, which "
    "installs them from ../shared/data/boundaries when that folder exists)."
)


def install_hint(dir: str | os.PathLike | None = None) -> str:
    """What to run when the boundaries are missing, naming the folder looked in."""
    folder = cache_dir(dir)
    return (
        f"The district boundaries are not installed in {folder} ({where_from(dir)}). Run:\n"
        "    tcmap boundaries install /path/to/folder/with/the/AGCHO/zips\n"
        "(or `tcmap boundaries install` to download them); with the same settings it installs "
        "into that folder. In a checkout, `make setup` does it."
    )


@lru_cache(maxsize=8)
def _load_layer(layer: str, base: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_parquet(Path(base) / f"{layer}.parquet")


def load_layer(layer: str, dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """Read one converted layer from ``dir`` (default ``cache_dir()``); a copy, so callers may modify it."""
    if layer not in LAYERS:
        raise ValueError(f"Expected one of {LAYERS} for layer, instead got: {layer!r}.")
    base = cache_dir(dir)
    path = base / f"{layer}.parquet"
    if not path.is_file():
        raise BoundariesNotInstalled(f"{install_hint(dir)}\n(missing: {path})")
    return _load_layer(layer, str(base)).copy()


def load_districts(dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """The 399 districts: adm2_pcode, adm2_name, alternative names, adm1_pcode, adm1_name, geometry."""
    return load_layer("districts", dir)


def load_provinces(dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    """The 34 provinces: adm1_pcode, adm1_name, geometry."""
    return load_layer("provinces", dir)


def load_country(dir: str | os.PathLike | None = None) -> gpd.GeoDataFrame:
    return load_layer("country", dir)
