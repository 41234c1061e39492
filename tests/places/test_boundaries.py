"""The boundary installer: folder, zip and HTTP sources, checksums, the cache."""

from __future__ import annotations

import http.server
import shutil
import threading
import zipfile
from functools import partial
from pathlib import Path

import pytest

from geo.places import boundaries as b
from tests.conftest import SHARED_MIRROR

pytestmark = pytest.mark.skipif(not SHARED_MIRROR.is_dir(), reason="needs the ../shared boundary mirror")


def _zips() -> list[Path]:
    return [SHARED_MIRROR / f.name for f in b.read_manifest().files]


@pytest.fixture
def serve(tmp_path):
    """Serve a folder over HTTP on 127.0.0.1; yield the base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *a, **k: None
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def _check_installed(dest: Path) -> None:
    assert b.is_installed(dest)
    import geopandas as gpd

    d = gpd.read_parquet(dest / "districts.parquet")
    assert len(d) == 399
    assert {"adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name"} <= set(d.columns)
    jani = d[d.adm2_name == "Jani Khel"].adm1_name.tolist()
    assert sorted(jani) == ["Paktika", "Paktya"]


def test_install_from_folder(tmp_path):
    dest = tmp_path / "cache"
    b.install(str(SHARED_MIRROR), dest=dest)
    _check_installed(dest)


def test_install_from_one_zip_holding_the_three(tmp_path):
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for z in _zips():
            zf.write(z, arcname=f"nested/dir/{z.name}")
    dest = tmp_path / "cache"
    b.install(str(bundle), dest=dest)
    _check_installed(dest)


def test_install_over_http_from_a_folder_url(tmp_path, serve):
    site = tmp_path / "site"
    site.mkdir()
    for z in _zips():
        shutil.copy(z, site / z.name)
    dest = tmp_path / "cache"
    b.install(serve(site), dest=dest)
    _check_installed(dest)


def test_install_over_http_from_a_zip_url(tmp_path, serve):
    site = tmp_path / "site"
    site.mkdir()
    with zipfile.ZipFile(site / "afg.zip", "w") as zf:
        for z in _zips():
            zf.write(z, arcname=z.name)
    dest = tmp_path / "cache"
    b.install(serve(site) + "afg.zip", dest=dest)
    _check_installed(dest)


def test_bad_checksum_is_refused_and_keeps_the_old_cache(tmp_path):
    good = tmp_path / "cache"
    b.install(str(SHARED_MIRROR), dest=good)
    bad = tmp_path / "bad"
    bad.mkdir()
    for z in _zips():
        shutil.copy(z, bad / z.name)
    victim = bad / b.read_manifest().file_for("districts").name
    victim.write_bytes(victim.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(b.BoundariesError, match="Checksum mismatch for afg_admbnda_adm2"):
        b.install(str(bad), dest=good)
    _check_installed(good)


@pytest.mark.parametrize(
    "make_source, message",
    [
        (lambda p: p / "nowhere", "does not exist"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "lacks afg_admbnda_adm0"),
        (lambda p: (p / "x.txt").write_text("hi") and p / "x.txt", "neither a folder nor a zip"),
    ],
)
def test_unusable_sources_say_what_is_wrong(tmp_path, make_source, message):
    with pytest.raises(b.BoundariesError, match=message):
        b.install(str(make_source(tmp_path)), dest=tmp_path / "cache")


def test_unreachable_url_names_the_url(tmp_path, serve):
    url = serve(tmp_path) + "missing.zip"
    with pytest.raises(b.BoundariesError, match="Could not download .*missing.zip"):
        b.install(url, dest=tmp_path / "cache")


def test_loading_without_install_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv(b.ENV_DIR, str(tmp_path / "empty"))
    with pytest.raises(b.BoundariesNotInstalled, match="tcmap boundaries install"):
        b.load_districts()


def test_manifest_records_licence_and_checksums():
    m = b.read_manifest()
    assert m.licence == "CC BY-IGO"
    assert "AGCHO" in m.attribution
    assert {f.layer for f in m.files} == set(b.LAYERS)
    assert all(len(f.sha256) == 64 for f in m.files)
