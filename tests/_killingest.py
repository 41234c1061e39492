"""SIGKILL ``tcmap ingest`` at random points, re-run it, and compare the store with a clean ingest.

Shared by the CI test (a handful of kills, tests/app/test_ingest_kill.py) and
the benchmark (``python benchmarks/kill_ingest.py --kills 60``). The batch is
written so that dates depend on the whole run: a third of the articles are
dated, a third carry a wire dateline without a year (the run's dated articles
give it) and a third are undated reports of the same events (dated by them).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# (district, province) pairs the gazetteer places without doubt.
DISTRICTS = [
    ("Paghman", "Kabul"), ("Bagrami", "Kabul"), ("Musahi", "Kabul"), ("Kalakan", "Kabul"),
    ("Guldara", "Kabul"), ("Nijrab", "Kapisa"), ("Tagab", "Kapisa"), ("Alasay", "Kapisa"),
    ("Bagram", "Parwan"), ("Shinwari", "Parwan"), ("Salang", "Parwan"), ("Ghorband", "Parwan"),
    ("Nerkh", "Maidan Wardak"), ("Jalrez", "Maidan Wardak"), ("Saydabad", "Maidan Wardak"),
    ("Jaghatu", "Maidan Wardak"), ("Charkh", "Logar"), ("Khoshi", "Logar"), ("Kharwar", "Logar"),
    ("Azra", "Logar"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def write_batch(folder: Path, n_districts: int = 20) -> int:
    """Write the batch (three articles per district); return how many articles."""
    from datetime import date, timedelta

    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for i, (district, province) in enumerate(DISTRICTS[:n_districts]):
        event = date(2021, 7, 1) + timedelta(days=i)
        published = event + timedelta(days=1)
        side = "The Taliban captured" if i % 2 == 0 else "Government forces retook"
        day = WEEKDAYS[event.weekday()]
        (folder / f"{i:02d}-dated.txt").write_text(
            f"date: {published.isoformat()}\n{side} {district} district of {province} province on {day}, "
            "a local official said.\n", encoding="utf-8")
        (folder / f"{i:02d}-wire.txt").write_text(
            f"KABUL, {published:%B} {published.day} (Wire) - {side} {district} district of {province} "
            f"province on {day}, residents said by telephone.\n", encoding="utf-8")
        (folder / f"{i:02d}-echo.txt").write_text(
            f"Residents said {side.lower().replace('the taliban', 'the Taliban')} {district} district of "
            f"{province} province on {day} after heavy clashes overnight.\n", encoding="utf-8")
        count += 3
    return count


def ingest_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "geo", "ingest", str(folder)]


def _env(home: Path) -> dict[str, str]:
    from geo.places.boundaries import ENV_DIR, cache_dir

    env = dict(os.environ)
    env.setdefault(ENV_DIR, str(cache_dir()))  # the boundaries stay where they are installed
    env["TCMAP_HOME"] = str(home)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def ingest(home: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(folder), env=_env(home), capture_output=True, text=True, check=False,
                          cwd=REPO)


def snapshot(home: Path) -> dict:
    """What the store holds, without what differs between runs by nature (times, run ids, row ids)."""
    db = home / "tcmap.sqlite3"
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute(
            """SELECT id, content_hash, title, url, publisher, published, published_source,
                      published_reason, text, origin, extractor_version FROM articles ORDER BY id""").fetchall()
        claims = sorted(conn.execute(
            "SELECT article_id, rejected, extractor_version, data FROM claims").fetchall())
        unresolved = sorted(conn.execute(
            "SELECT article_id, text, norm, char_start, char_end, rule, reason FROM unresolved").fetchall())
    finally:
        conn.close()
    return {"articles": articles, "claims": claims, "unresolved": unresolved}


def differences(clean: dict, got: dict) -> list[str]:
    """The article ids whose row, claims or unresolved names differ, in words."""
    out = []
    by_id = lambda rows: {r[0]: r for r in rows}  # noqa: E731
    a, b = by_id(clean["articles"]), by_id(got["articles"])
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            out.append(f"article {key}: clean {a.get(key, ('missing',))[5:8]} vs resumed {b.get(key, ('missing',))[5:8]}")
    for what in ("claims", "unresolved"):
        if clean[what] != got[what]:
            ca, cb = set(clean[what]), set(got[what])
            ids = sorted({r[0] for r in ca ^ cb})
            out.append(f"{what} differ for {ids[:10]}")
    return out


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


@dataclass
class KillFigures:
    kills: int = 0
    killed_while_storing: int = 0
    trials: int = 0
    finished_before_kill: int = 0
    seconds: float = 0.0
    mismatches: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"kills": self.kills, "killed_while_storing": self.killed_while_storing,
                "trials": self.trials, "finished_before_kill": self.finished_before_kill,
                "seconds": round(self.seconds, 1), "mismatches": self.mismatches}


def kill_once(home: Path, folder: Path, rng: random.Random, n_articles: int, startup_s: float) -> tuple[bool, bool]:
    """Run an ingest and SIGKILL it at a random point; return (killed, killed while storing).

    Two kills in three wait until the store holds a random number of articles
    (the moment that matters: some stored, some not); the others come at a
    random instant of the whole run (start-up, reading, extraction, schema creation).
    """
    db = home / "tcmap.sqlite3"
    before = max(_count(db), 0) if db.exists() else 0
    proc = subprocess.Popen(ingest_command(folder), env=_env(home), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=REPO)
    storing = False
    try:
        if rng.random() < 2 / 3 and before < n_articles:
            target = rng.randint(before + 1, n_articles)
            while proc.poll() is None:
                got = _count(db) if db.exists() else -1
                if got >= target:
                    storing = got < n_articles
                    break
                time.sleep(0.001)
        else:
            deadline = time.monotonic() + rng.uniform(0, startup_s * 1.5)
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            got = _count(db) if db.exists() else -1
            storing = before < got < n_articles
        if proc.poll() is not None:
            return False, False
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True, storing
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def kill_and_compare(work: Path, kills: int, *, seed: int = 0, kills_per_trial: int = 2) -> KillFigures:
    """Kill ingests ``kills`` times in all; after each trial's kills, finish the ingest and compare."""
    started = time.monotonic()
    rng = random.Random(seed)
    folder = work / "batch"
    n_articles = write_batch(folder)
    t0 = time.monotonic()
    clean_home = work / "clean"
    done = ingest(clean_home, folder)
    assert done.returncode == 0, done.stderr
    startup_s = time.monotonic() - t0
    clean = snapshot(clean_home)
    assert len(clean["articles"]) == n_articles
    figures = KillFigures()
    while figures.kills < kills:
        figures.trials += 1
        home = work / f"trial-{figures.trials}"
        for _ in range(kills_per_trial):
            killed, storing = kill_once(home, folder, rng, n_articles, startup_s)
            if killed:
                figures.kills += 1
                figures.killed_while_storing += storing
            else:
                figures.finished_before_kill += 1
            if home.exists() and (home / "tcmap.sqlite3").exists():
                conn = sqlite3.connect(home / "tcmap.sqlite3")
                check = conn.execute("PRAGMA integrity_check").fetchone()[0]
                conn.close()
                assert check == "ok", f"trial {figures.trials}: integrity_check says {check}"
        final = ingest(home, folder)
        assert final.returncode == 0, final.stderr
        diff = differences(clean, snapshot(home))
        if diff:
            figures.mismatches.append(f"trial {figures.trials}: " + "; ".join(diff[:5]))
    figures.seconds = time.monotonic() - started
    return figures


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(kill_and_compare(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 4).as_dict()))
