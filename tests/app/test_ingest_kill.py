"""A killed ``tcmap ingest``, run again, leaves the store a clean ingest leaves.

Dates inferred from the rest of the batch (a wire dateline's year, the same
events in dated reports) used to come out missing when the dated articles had
been stored before the kill: the re-run dated only the articles it extracted.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from geo.cli import EXIT_OK, cli
from tests._killingest import differences, kill_and_compare, snapshot, write_batch

KILLS = int(os.environ.get("TCMAP_KILL_ITERATIONS", "4"))


@pytest.fixture()
def batch(tmp_path):
    folder = tmp_path / "batch"
    return folder, write_batch(folder, n_districts=8)


def _ingest(home, folder, monkeypatch):
    monkeypatch.setenv("TCMAP_HOME", str(home))
    res = CliRunner().invoke(cli, ["ingest", str(folder)], catch_exceptions=False)
    assert res.exit_code == EXIT_OK, res.output
    return res


@pytest.mark.parametrize("stored", [1, 2, 3, 7, 13, 23])
def test_an_ingest_resumed_after_a_crash_dates_like_one_run(boundaries, tmp_path, monkeypatch, batch, stored):
    folder, n = batch
    clean_home = tmp_path / "clean"
    _ingest(clean_home, folder, monkeypatch)
    clean = snapshot(clean_home)
    assert sum(1 for a in clean["articles"] if a[6] == "inferred") == 2 * n // 3
    # What a kill after `stored` commits leaves: the first articles, in reading order.
    home = tmp_path / "resumed"
    shutil.copytree(clean_home, home)
    conn = sqlite3.connect(home / "tcmap.sqlite3")
    conn.execute("PRAGMA foreign_keys=ON")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY added_at")]
    conn.execute(f"DELETE FROM articles WHERE id IN ({','.join('?' * (n - stored))})", ids[stored:])
    conn.commit()
    conn.close()
    res = _ingest(home, folder, monkeypatch)
    assert f"{stored} article(s) already in the store" in res.stderr
    assert differences(clean, snapshot(home)) == []


def test_sigkills_at_random_points_then_a_rerun_leave_a_clean_store(boundaries, tmp_path):
    figures = kill_and_compare(tmp_path, KILLS, seed=20210706)
    assert figures.kills >= KILLS
    assert figures.mismatches == [], figures.as_dict()
