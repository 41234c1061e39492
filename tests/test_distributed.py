"""Extraction on a 2-worker Dask LocalCluster gives the claims of one process.

One cluster for the module (starting one costs seconds); the corpus is the
sample articles in seeds/ plus JSON Lines written here (dated and undated
reports, a wire copy, bad lines), cut into small partitions so both
workers and the client's ordering are exercised.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import EXIT_OK, EXIT_SKIPPED, cli

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

REPORTS = [
    ("2021-07-06", "The Taliban captured Kohsan district of Herat province on Monday, officials said."),
    ("2021-07-08", "Afghan forces retook Kohsan district on Wednesday after heavy clashes, the ministry said."),
    (None, "Afghan forces retook Kohsan district on Wednesday after heavy clashes, the ministry said."),
    (None, "KABUL, July 9 (Reuters) - The Taliban overran Maywand district in Kandahar province on Thursday."),
    ("2021-07-12", "Fighting is under way on the outskirts of Qadis district in Badghis province, residents said."),
    (None, "Residents said the Taliban captured Kohsan district of Herat province on Monday."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    lines = []
    for i, (day, text) in enumerate(REPORTS * 3):
        rec = {"text": text, "id": f"wire{i % 7}"}
        if day:
            rec["date"] = day
        lines.append(json.dumps(rec))
        if i == 4:
            lines.append("{broken")
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client(boundaries):
    from geo.distributed import connect

    with connect(2) as c:
        yield c


def _rows(text: str) -> set[str]:
    return {json.dumps(json.loads(line), sort_keys=True) for line in text.splitlines() if line.strip()}


def test_two_workers_give_the_claims_of_one_process(client, corpus: Path, tmp_path: Path) -> None:
    from geo.distributed import run_distributed
    from geo.scale.dataset import LinesSink

    single = CliRunner().invoke(cli, ["extract", str(corpus)], catch_exceptions=False)
    assert single.exit_code == EXIT_SKIPPED  # the broken line
    out = tmp_path / "claims.jsonl"
    messages: list[str] = []
    with out.open("w", encoding="utf-8") as handle:
        stats = run_distributed(client, [str(corpus)], LinesSink(handle), part_articles=3, echo=messages.append)
    assert stats.partitions >= 5 and stats.workers == 2
    assert _rows(out.read_text(encoding="utf-8")) == _rows(single.stdout)
    assert stats.summary() == single.stderr.strip().splitlines()[-1]
    assert [s.origin for s in stats.skipped] == [f"{corpus / 'wire.jsonl'}:6"]
    assert any(m.startswith(f"skipped {corpus / 'wire.jsonl'}:6: malformed JSON") for m in messages)
    assert stats.wire_copies > 0 and any("same text as" in m for m in messages)
    assert stats.inferred > 0
    assert set(stats.worker_peak_rss_mb) and all(mb > 50 for mb in stats.worker_peak_rss_mb.values())


def test_cli_on_a_running_cluster_writes_parquet(client, corpus: Path, tmp_path: Path) -> None:
    import pandas as pd

    from geo.scale.dataset import run_summary

    runner = CliRunner()
    out = tmp_path / "claims"
    res = runner.invoke(cli, ["extract", str(corpus / "seeds"), "--scheduler", client.scheduler.address,
                              "--format", "parquet", "--out", str(out), "--partition-size", "2"],
                        catch_exceptions=False)
    assert res.exit_code == EXIT_OK, res.stderr
    assert "Dask dashboard: http" in res.stderr
    single = runner.invoke(cli, ["extract", str(corpus / "seeds")], catch_exceptions=False)
    df = pd.read_parquet(out)
    want = [json.loads(line) for line in single.stdout.splitlines()]
    assert len(df) == len(want)
    assert set(zip(df.article_id, df.char_start, df.controller)) == {(w["article_id"], w["char_start"],
                                                                      w["controller"]) for w in want}
    assert run_summary(out)["articles"] == 5
    m1, m2 = tmp_path / "from-claims.html", tmp_path / "from-files.html"
    assert runner.invoke(cli, ["map", "--claims", str(out), "--out", str(m1)]).exit_code == EXIT_OK
    assert runner.invoke(cli, ["map", str(corpus / "seeds"), "--out", str(m2)]).exit_code == EXIT_OK
    assert m1.read_bytes() == m2.read_bytes()


def test_usage_errors() -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["extract", str(SEEDS), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["extract", str(SEEDS), "--format", "parquet"])
    assert res.exit_code == 2 and "--out" in res.stderr


def test_progress_line_and_scheduler_from_env(monkeypatch) -> None:
    from geo.distributed import Progress, scheduler_from_env

    lines: list[str] = []
    p = Progress(1000, lines.append)
    p.t0 -= 10  # ten seconds in
    p.update(250)
    assert p.line().startswith("extracting: 250 of ~1000 articles, 25.0/s, ETA 0.5 min")
    p.close()
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://10.0.0.1:8786")
    assert scheduler_from_env(None) == "tcp://10.0.0.1:8786"
    assert scheduler_from_env("tcp://h:1") == "tcp://h:1"


def test_dating_index_gives_what_the_whole_run_gives() -> None:
    """The client's compact index dates an undated article as ``infer_published`` over the whole run does."""
    from datetime import date

    from geo.claims.dating import infer_published
    from geo.distributed import DatingIndex
    from geo.models import Article, ArticleResult, Claim

    def claim(aid, event, prec="day", extra=None):
        return Claim(aid, None, None, "Kohsan", 0, 6, "Kohsan fell on Monday.", "district", "Kohsan", "AF3011",
                     "AF30", None, None, "taliban", event, prec, 1, None, "reporter", "reporter", 0.8,
                     extra=extra or {})

    text = "Kohsan fell on Monday."
    extra = {"sentence_span": (0, len(text)), "cue_start": 7, "cue_end": 11, "cue": "fell"}
    dated = [ArticleResult(Article(f"d{i}", "x", date(2021, 7, 8), "header"), [claim(f"d{i}", "2021-07-05")], [])
             for i in range(3)]
    undated = ArticleResult(Article("u", text), [claim("u", None, "unknown", extra)], [])
    whole = infer_published([*dated, undated])[-1]
    index = DatingIndex()
    for r in dated:
        index.add(r)
    (alone,) = infer_published([undated], year=index.year(), index=index.expanded())
    assert alone.article.published == whole.article.published == date(2021, 7, 5)
    assert [c.to_dict() for c in alone.claims] == [c.to_dict() for c in whole.claims]
