"""Claims datasets: written by extract, read back by the map commands, the store and the app with no article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import EXIT_FATAL, EXIT_OK, cli
from geo.models import Claim
from geo.scale.dataset import CONTRACT_COLUMNS, ParquetSink, iter_claims, read_claims, run_summary

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def _claim(i: int, **kw) -> Claim:
    base = dict(article_id=f"a{i}", published="2021-07-01", published_source="header", mention="Kohsan",
                char_start=4, char_end=10, sentence="The Kohsan district fell.", place_level="district",
                place_name="Kohsan", adm2_pcode="AF3011", adm1_pcode="AF30", lat=None, lon=None,
                controller="taliban", event_date="2021-06-30", time_precision="day", geo_precision=1,
                scope=None, attributed_to="reporter", source_type="reporter", confidence=0.8,
                extra={"sentence_span": [0, 25], "cue": "fell"})
    base.update(kw)
    return Claim(**base)


def test_parquet_round_trip_keeps_every_field(tmp_path: Path) -> None:
    claims = [_claim(i) for i in range(5)] + [_claim(9, place_level="point", lat=34.5, lon=61.2, scope=None,
                                                    event_date=None, published=None, published_source=None)]
    sink = ParquetSink(tmp_path / "ds", part_rows=4)
    sink.write(claims[:4], "h1")
    sink.write(claims[4:], "h2")
    sink.close({"articles": 6, "summary": "6 articles read"})
    assert sorted(p.name for p in (tmp_path / "ds").iterdir()) == ["_common_metadata", "part-00000.parquet",
                                                                  "part-00001.parquet"]
    back = read_claims(tmp_path / "ds")
    assert [c.to_dict() for c in back] == [c.to_dict() for c in claims]
    assert run_summary(tmp_path / "ds")["articles"] == 6


def test_readable_by_pandas_and_pyarrow_as_is(tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow.dataset as ds

    sink = ParquetSink(tmp_path / "ds")
    sink.write([_claim(i) for i in range(3)])
    sink.close({})
    df = pd.read_parquet(tmp_path / "ds")
    assert list(df.columns[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    assert json.loads(df.extra[0]) == {"sentence_span": [0, 25], "cue": "fell"}
    assert ds.dataset(tmp_path / "ds").count_rows() == 3


def test_empty_dataset_still_has_columns(tmp_path: Path) -> None:
    import pandas as pd

    ParquetSink(tmp_path / "ds").close({"articles": 0})
    assert list(pd.read_parquet(tmp_path / "ds").columns[:3]) == CONTRACT_COLUMNS[:3]
    assert read_claims(tmp_path / "ds") == []


def test_jsonl_and_errors(tmp_path: Path) -> None:
    from geo.scale.dataset import ClaimsDatasetError

    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps(_claim(i).to_dict()) + "\n" for i in range(2)), encoding="utf-8")
    assert [c.article_id for c in iter_claims(p)] == ["a0", "a1"]
    with pytest.raises(ClaimsDatasetError):
        read_claims(tmp_path / "missing")
    (tmp_path / "bad.jsonl").write_text("{nope\n", encoding="utf-8")
    with pytest.raises(ClaimsDatasetError, match="bad.jsonl:1"):
        read_claims(tmp_path / "bad.jsonl")


@pytest.fixture(scope="module")
def seeds_dataset(tmp_path_factory, boundaries) -> Path:
    out = tmp_path_factory.mktemp("claims") / "seeds"
    res = CliRunner().invoke(cli, ["extract", str(SEEDS), "--format", "parquet", "--out", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == EXIT_OK
    return out


def test_map_commands_build_from_the_dataset_alone(seeds_dataset: Path, tmp_path: Path, monkeypatch) -> None:
    import geo.ingest.articles as articles

    runner = CliRunner()
    want = runner.invoke(cli, ["status", str(SEEDS), "--date", "2021-07-01", "--format", "jsonl"]).stdout

    def no_reading(*a, **k):
        raise AssertionError("an article was read")

    monkeypatch.setattr(articles, "read_articles", no_reading)
    got = runner.invoke(cli, ["status", "--claims", str(seeds_dataset), "--date", "2021-07-01", "--format", "jsonl"])
    assert got.exit_code == EXIT_OK and got.stdout == want
    for args in (["export", "--format", "csv", "--date", "2021-07-01", "--out", str(tmp_path / "s.csv")],
                 ["export", "--format", "acled", "--out", str(tmp_path / "a.csv")],
                 ["png", "--date", "2021-07-01", "--out", str(tmp_path / "m.png")],
                 ["map", "--out", str(tmp_path / "m.html")]):
        res = runner.invoke(cli, [*args, "--claims", str(seeds_dataset)])
        assert res.exit_code == EXIT_OK, (args, res.output)
    assert runner.invoke(cli, ["map", "--claims", str(tmp_path / "nothing"), "--out", str(tmp_path / "x.html")]
                         ).exit_code == EXIT_FATAL
    assert runner.invoke(cli, ["map", str(SEEDS), "--claims", str(seeds_dataset)]).exit_code == 2


def test_ingest_claims_into_the_store_once(seeds_dataset: Path, tmp_path: Path, monkeypatch) -> None:
    from geo.app.store import Store

    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--claims", str(seeds_dataset)]).exit_code == EXIT_OK
    again = runner.invoke(cli, ["ingest", "--claims", str(seeds_dataset)])
    assert "0 articles added, 5 already there" in again.output
    with Store.open(tmp_path / "home") as st:
        assert st.count_articles() == 5
        assert sorted(c.to_dict()["char_start"] for c in st.claims()) == sorted(
            c.char_start for c in read_claims(seeds_dataset))


def test_app_opens_a_dataset_read_only(seeds_dataset: Path) -> None:
    from geo.app import appdata as ad

    home = ad.dataset_home(str(seeds_dataset))
    assert ad.dataset_path(home) == str(seeds_dataset) and ad.dataset_home(None) is None
    view = ad.DatasetView(ad.dataset_path(home))
    assert view.read_only and view.count_articles() == 5 and view.overrides() == []
    claims = view.claims()
    rows = ad.evidence_rows(claims[:3], view.article)
    assert len(rows) == 3
    assert not hasattr(view, "add_override") and not hasattr(view, "ingest_result")
