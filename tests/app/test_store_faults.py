"""Faults of the store's machine: a full disk, damaged pages, a read-only folder.

Each ends in a message naming the file, the problem and the fix; the store is
left as it was; a read-only store can still be read.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.app.store import Store, StoreError
from geo.cli import EXIT_FATAL, EXIT_OK, EXIT_SKIPPED, cli
from tests._storedata import make_result

REPO = Path(__file__).resolve().parents[2]


def _filled(home: Path, n: int = 40) -> Path:
    with Store.open(home) as st:
        st.add_results([make_result(i) for i in range(n)])
    return home / "tcmap.sqlite3"


def _rows(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall(),
                conn.execute("SELECT article_id, data FROM claims ORDER BY id").fetchall())
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# A full disk
# ---------------------------------------------------------------------------


def _fill_disk(store: Store) -> None:
    """What a full disk does to SQLite: the store may not grow past its current pages."""
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 1}")


def test_a_full_disk_is_a_store_error_naming_the_file_and_the_fix(tmp_path):
    db = _filled(tmp_path / "home", 5)
    before = _rows(db)
    st = Store.open(tmp_path / "home")
    _fill_disk(st)
    big = [make_result(100 + i, prefix="big") for i in range(200)]
    with pytest.raises(StoreError) as info:
        st.add_results(big)
    message = str(info.value)
    assert str(db) in message and "disk is full" in message
    assert "Free space" in message and "run the command again" in message
    st.close()
    with Store.open(tmp_path / "home") as again:
        assert again.integrity_check() == "ok"
        ids = again.article_ids()
    assert {a for a, _ in before[0]} <= ids  # nothing stored before is lost
    assert all(len(again_claims) for again_claims in _rows(db))


def test_ingest_on_a_full_disk_says_so_and_a_rerun_finishes_the_job(boundaries, tmp_path, monkeypatch):
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"r{i:02d}.txt").write_text(
            f"date: 2021-07-0{1 + i % 9}\nThe Taliban captured Chahab district of Takhar province on Tuesday. "
            f"Report number {i} " + "with a long tail of words " * 200 + "\n", encoding="utf-8")
    real_open = Store.open.__func__

    def full_open(cls, *args, **kwargs):
        store = real_open(cls, *args, **kwargs)
        _fill_disk(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(full_open))
    res = CliRunner().invoke(cli, ["ingest", str(folder)])
    assert res.exit_code == EXIT_FATAL, res.output
    assert not isinstance(res.exception, sqlite3.Error) and "Traceback" not in res.output
    assert "disk is full" in res.stderr and "tcmap.sqlite3" in res.stderr
    monkeypatch.undo()
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    done = CliRunner().invoke(cli, ["ingest", str(folder)], catch_exceptions=False)
    assert done.exit_code == EXIT_OK, done.output
    with Store.open(tmp_path / "home") as st:
        assert st.count_articles() == 30 and st.integrity_check() == "ok"


# ---------------------------------------------------------------------------
# Damaged pages
# ---------------------------------------------------------------------------


def _damage(db: Path, seed: int, pages: int) -> None:
    rng = random.Random(seed)
    size = db.stat().st_size
    page = 4096
    with open(db, "r+b") as fh:
        for n in rng.sample(range(1, size // page), min(pages, size // page - 1)):
            fh.seek(n * page + rng.randrange(0, page - 64))
            fh.write(bytes(rng.randrange(256) for _ in range(rng.choice((8, 48, 200)))))


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    home = tmp_path_factory.mktemp("filled")
    return _filled(home, 120)


@pytest.mark.parametrize("seed", range(24))
@pytest.mark.parametrize("command", [["extract", "--store"], ["extract", "--store", "--format", "csv"]])
def test_a_store_with_damaged_pages_reads_what_it_can_and_names_the_rest(store_file, tmp_path, monkeypatch,
                                                                         seed, command):
    home = tmp_path / "home"
    home.mkdir()
    db = home / "tcmap.sqlite3"
    shutil.copy(store_file, db)
    _damage(db, seed, pages=1 + seed % 4)
    monkeypatch.setenv("TCMAP_HOME", str(home))
    res = CliRunner().invoke(cli, command)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert res.exit_code in (EXIT_OK, EXIT_SKIPPED, EXIT_FATAL), res.output
    if res.exit_code != EXIT_OK:
        assert str(db) in res.stderr
        assert ".recover" in res.stderr or "backup" in res.stderr


def test_a_damaged_claim_row_is_left_out_and_named(tmp_path, monkeypatch):
    db = _filled(tmp_path / "home", 3)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE claims SET data = '{\"char_start\": 1, broken' WHERE id = 2")
    conn.commit()
    conn.close()
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    res = CliRunner().invoke(cli, ["extract", "--store"])
    assert res.exit_code == EXIT_SKIPPED, res.output
    assert len(res.stdout.splitlines()) == 2  # the two sound claims
    assert "claim row 2" in res.stderr and "art-1" in res.stderr and str(db) in res.stderr


@pytest.mark.parametrize("seed", range(8))
def test_ingest_into_a_damaged_store_is_refused_in_words(boundaries, store_file, tmp_path, monkeypatch, seed):
    home = tmp_path / "home"
    home.mkdir()
    db = home / "tcmap.sqlite3"
    shutil.copy(store_file, db)
    _damage(db, 100 + seed, pages=6)
    (tmp_path / "a.txt").write_text("date: 2021-07-01\nThe Taliban captured Chahab district on Tuesday.\n")
    monkeypatch.setenv("TCMAP_HOME", str(home))
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt")])
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    if res.exit_code == EXIT_FATAL:
        assert str(db) in res.stderr


# ---------------------------------------------------------------------------
# A read-only folder
# ---------------------------------------------------------------------------


def _read_only_runner(home: Path):
    """Run tcmap with $TCMAP_HOME on a read-only mount (root) or a folder without write permission."""
    if os.geteuid() != 0:
        for p in [home, *home.iterdir()]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return lambda *args: subprocess.run([sys.executable, "-m", "geo", *args], env=_env(home),
                                            capture_output=True, text=True, check=False, cwd=REPO)
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot make a read-only mount here")

    def run(*args):
        script = (f'mount --bind -o ro "{home}" "{home}" && exec "{sys.executable}" -m geo '
                  + " ".join(f"'{a}'" for a in args))
        return subprocess.run(["unshare", "-m", "sh", "-c", script], env=_env(home), capture_output=True,
                              text=True, check=False, cwd=REPO)
    return run


def _env(home: Path) -> dict:
    from geo.places.boundaries import ENV_DIR, cache_dir

    env = dict(os.environ, TCMAP_HOME=str(home), PYTHONPATH=str(REPO))
    env.setdefault(ENV_DIR, str(cache_dir()))
    return env


@pytest.fixture()
def read_only_home(boundaries, tmp_path):
    home = tmp_path / "home"
    _filled(home, 4)
    (tmp_path / "a.txt").write_text("date: 2021-07-01\nThe Taliban captured Chahab district on Tuesday.\n")
    before = _rows(home / "tcmap.sqlite3")
    yield home, _read_only_runner(home), tmp_path / "a.txt"
    assert _rows(home / "tcmap.sqlite3") == before  # untouched
    for p in [home, *home.iterdir()]:
        p.chmod(0o755 if p.is_dir() else 0o644)


def test_a_read_only_store_can_be_read(read_only_home):
    home, run, _ = read_only_home
    res = run("extract", "--store")
    assert res.returncode == EXIT_OK, res.stderr
    assert len(res.stdout.splitlines()) == 4
    res = run("status", "--store", "--date", "2021-07-01", "--format", "csv")
    assert res.returncode == EXIT_OK, res.stderr
    assert "AF1809" in res.stdout


def test_ingest_into_a_read_only_folder_says_the_folder_is_read_only(read_only_home):
    home, run, article = read_only_home
    res = run("ingest", str(article))
    assert res.returncode == EXIT_FATAL, res.stderr
    assert "Traceback" not in res.stderr
    assert str(home) in res.stderr and ("read-only" in res.stderr or "not writable" in res.stderr)
    assert "TCMAP_HOME" in res.stderr


def test_commands_that_do_not_need_the_store_never_open_it(read_only_home):
    home, run, article = read_only_home
    res = run("places", str(article))
    assert res.returncode == EXIT_OK, res.stderr
    assert "store" not in res.stderr.lower()


def test_a_read_only_home_without_a_store_says_there_is_none(boundaries, tmp_path):
    home = tmp_path / "empty"
    home.mkdir()
    run = _read_only_runner(home)
    res = run("extract", "--store")
    assert res.returncode == EXIT_FATAL, res.stderr
    assert "no tcmap store" in res.stderr and "TCMAP_HOME" in res.stderr and "Traceback" not in res.stderr
    assert not (home / "tcmap.sqlite3").exists()


def test_a_store_opened_read_only_reads_and_refuses_writes_in_words(tmp_path, monkeypatch):
    import geo.app.store as store_mod

    db = _filled(tmp_path / "home", 3)
    monkeypatch.setattr(store_mod, "_unwritable", lambda _db: f"{db.parent} is on a read-only file system")
    with Store.open(tmp_path / "home", mode="read") as st:
        assert st.read_only and len(st.claims()) == 3 and st.count_articles() == 3
        with pytest.raises(StoreError, match="read-only") as info:
            st.add_results([make_result(9)])
        assert str(db) in str(info.value) and "TCMAP_HOME" in str(info.value)
    with pytest.raises(StoreError, match="read-only file system") as info:
        Store.open(tmp_path / "home")  # a writer is told, before anything is tried
    assert "TCMAP_HOME" in str(info.value)


# ---------------------------------------------------------------------------
# The app: the same faults in words on the page
# ---------------------------------------------------------------------------

APP = str(REPO / "app.py")


def _app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=120)


def test_the_app_says_a_store_file_is_damaged_instead_of_a_traceback(boundaries, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "tcmap.sqlite3").write_bytes(b"not a database at all " * 400)
    monkeypatch.setenv("TCMAP_HOME", str(home))
    at = _app().run()
    assert not at.exception, at.exception
    assert any("tcmap.sqlite3" in e.value and "recover" in e.value for e in at.error), [e.value for e in at.error]


def test_the_app_shows_a_read_only_store_with_its_read_only_pages(boundaries, tmp_path, monkeypatch):
    import geo.app.store as store_mod

    db = _filled(tmp_path / "home", 3)
    monkeypatch.setattr(store_mod, "_unwritable", lambda _db: f"{db.parent} is on a read-only file system")
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    at = _app().run()
    assert not at.exception, at.exception
    pages = at.sidebar.radio[0].options
    assert "Add articles" not in pages and "Map" in pages
    assert any("read-only folder" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("damage", [
    "UPDATE overrides SET start = 'garbage'",
    "UPDATE overrides SET \"end\" = '2021-13-45'",
])
def test_a_damaged_override_row_is_left_out_and_named(boundaries, tmp_path, monkeypatch, damage):
    from datetime import date

    from geo.timeline.build import Override

    db = _filled(tmp_path / "home", 2)
    with Store.open(tmp_path / "home") as st:
        st.add_override(Override(adm2_pcode="AF1809", status="government", start=date(2021, 7, 1), end=None,
                                 note="seen"))
    conn = sqlite3.connect(db)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with Store.open(tmp_path / "home") as st:
        assert st.overrides() == []
        assert any("override row 1" in p for p in st.problems)
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    res = CliRunner().invoke(cli, ["status", "--store", "--date", "2021-07-02"])
    assert res.exit_code == EXIT_OK, res.output
    assert "override row 1" in res.stderr and str(db) in res.stderr


def test_a_real_full_disk_during_ingest_then_room_made_finishes_the_job(boundaries, tmp_path):
    """On a 400 KB tmpfs (a private mount: root and unshare only), then the same mount made larger."""
    if os.geteuid() != 0 or shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("needs root and unshare for a private tmpfs")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i:02d}.txt").write_text(
            f"date: 2021-07-0{1 + i % 9}\nThe Taliban captured Chahab district of Takhar province on Tuesday. "
            f"Report {i} " + "with a long tail of words " * 600 + "\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    py = f'"{sys.executable}" -m geo ingest "{folder}"'
    check = (f'"{sys.executable}" -c "import sqlite3; c = sqlite3.connect(\'{home}/tcmap.sqlite3\'); '
             "print('CHECK', c.execute('pragma integrity_check').fetchone()[0], "
             "c.execute('select count(*) from articles').fetchone()[0])\"")
    script = (f'mount -t tmpfs -o size=400k tmpfs "{home}" || exit 97\n'
              f'{py}; echo "FIRST=$?"\n{check}\n'
              f'mount -o remount,size=64m "{home}"\n{py}; echo "SECOND=$?"\n{check}\n')
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], env=_env(home), capture_output=True,
                         text=True, check=False, cwd=REPO)
    if out.returncode == 97:
        pytest.skip("cannot mount a tmpfs here")
    text = out.stdout + out.stderr
    assert f"FIRST={EXIT_FATAL}" in text, text
    assert "Traceback" not in text
    assert "disk is full" in text and f"{home}/tcmap.sqlite3" in text and "Free space" in text
    checks = [line.split() for line in out.stdout.splitlines() if line.startswith("CHECK")]
    assert checks[0][1] == "ok" and 0 <= int(checks[0][2]) < 40
    assert f"SECOND={EXIT_OK}" in text, text
    assert checks[1] == ["CHECK", "ok", "40"]
