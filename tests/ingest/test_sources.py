"""Partitioned reading: every partition read apart gives what one ``read_articles`` call gives.

No Dask here: ``plan`` and ``read_partition`` are plain functions, run one
after the other; what differs on a cluster is only who runs them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo.ingest.articles import _Ids, read_articles
from geo.ingest.sources import RecordingIds, ReadSettings, estimate_articles, plan, read_partition
from geo.models import Article, Skipped


def _lines(n: int) -> list[str]:
    out = []
    for i in range(n):
        if i % 41 == 3:
            out.append("{not json")
        elif i % 53 == 9:
            out.append("")
        elif i % 67 == 11:
            out.append(json.dumps({"title": "no text here"}))
        else:
            body = f"Report {i}: the council met in the town hall and talked about roads. " * (1 + i % 5)
            rec = {"text": body, "date": "2021-07-0" + str(1 + i % 9)}
            if i % 7:
                rec["id"] = f"r{i % 150}"  # repeated ids across the file: renamed as in one process
            out.append(json.dumps(rec))
    return out


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "texts").mkdir(parents=True)
    for i in range(23):
        (root / "texts" / f"a{i:02d}.txt").write_text(f" date 2021-06-{1 + i:02d}\nThe bridge in town {i} reopened.\n",
                                                      encoding="utf-8")
    (root / "texts" / "a05.meta.json").write_text(json.dumps({"title": "Sidecar title"}), encoding="utf-8")
    (root / "texts" / "empty.txt").write_text("", encoding="utf-8")
    data = "\n".join(_lines(400)).encode()
    (root / "big.jsonl").write_bytes(data)
    (root / "zipped.jsonl.gz").write_bytes(gzip.compress(data + b"\n"))
    rows = [{"text": f"The market in village {i} was busy.", "id": f"p{i}", "date": None if i % 3 else "2021-06-30",
             "url": f"https://example.org/{i}", "publisher": "Example"} for i in range(90)]
    rows[17]["text"] = ""
    pq.write_table(pa.Table.from_pylist(rows), root / "rows.parquet", row_group_size=20)
    return root


def _key(x: Article | Skipped) -> tuple:
    if isinstance(x, Skipped):
        return ("skipped", x.origin, x.reason)
    return ("article", x.id, x.text, x.published, x.title, x.url, x.publisher, x.warnings)


def _read_partitioned(paths: list[Path], size: int) -> list[Article | Skipped]:
    """What the client does with the workers' output: ids handed out again, in input order."""
    from dataclasses import replace

    ids, out = _Ids(), []
    for part in plan(paths, part_articles=size):
        if isinstance(part, Skipped):
            out.append(part)
            continue
        rec = RecordingIds()
        got = list(read_partition(part, ReadSettings(), rec))
        digests = iter(rec.digests)
        for item in got:
            if isinstance(item, Article):
                new_id, dup = ids.allocate_digest(item.id, next(digests), item.origin or "")
                warnings = item.warnings + ((f"same text as {dup}",) if dup else ())
                item = replace(item, id=new_id, warnings=warnings)
            out.append(item)
    return out


@pytest.mark.parametrize("size", [1, 7, 50, 10_000])
def test_partitions_read_what_one_reader_reads(corpus: Path, size: int) -> None:
    whole = [_key(x) for x in read_articles([corpus])]
    parts = [_key(x) for x in _read_partitioned([corpus], size)]
    assert sorted(parts) == sorted(whole)
    assert any(k[0] == "skipped" and k[1].endswith("big.jsonl:4") for k in whole)  # named by line


def test_byte_ranges_cover_every_line_once(corpus: Path) -> None:
    parts = [p for p in plan([corpus / "big.jsonl"], part_articles=13)]
    assert len(parts) > 20
    assert parts[0].start == 0
    for a, b in zip(parts, parts[1:]):
        assert a.end == b.start


def test_gzip_and_parquet_in_process(corpus: Path) -> None:
    gz = list(read_articles([corpus / "zipped.jsonl.gz"]))
    plain = list(read_articles([corpus / "big.jsonl"]))
    assert [_key(x)[1:] for x in gz if isinstance(x, Article)] == [_key(x)[1:] for x in plain if isinstance(x, Article)]
    rows = list(read_articles([corpus / "rows.parquet"]))
    arts = [x for x in rows if isinstance(x, Article)]
    assert len(arts) == 89 and arts[0].id == "p0" and arts[0].publisher == "Example"
    assert str(arts[0].published) == "2021-06-30" and arts[1].published is None
    (bad,) = [x for x in rows if isinstance(x, Skipped)]
    assert bad.origin.endswith("rows.parquet:18") and "'text' is empty" in bad.reason


def test_parquet_date_column_and_missing_text(tmp_path: Path) -> None:
    from datetime import date

    pq.write_table(pa.table({"text": ["The road was repaired."], "date": [date(2021, 7, 4)]}), tmp_path / "d.parquet")
    (art,) = read_articles([tmp_path / "d.parquet"])
    assert art.published == date(2021, 7, 4) and art.published_source == "header"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "n.parquet")
    (skip,) = read_articles([tmp_path / "n.parquet"])
    assert isinstance(skip, Skipped) and "no 'text' column" in skip.reason
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (skip,) = read_articles([tmp_path / "broken.parquet"])
    assert isinstance(skip, Skipped) and "not a readable Parquet file" in skip.reason


def test_damaged_gzip_is_named(tmp_path: Path) -> None:
    data = gzip.compress(b"\n".join(json.dumps({"text": f"line {i} " * 50}).encode() for i in range(200)))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_articles([tmp_path / "cut.jsonl.gz"]))
    assert isinstance(items[-1], Skipped) and "cut.jsonl.gz" in items[-1].origin


def test_estimate_is_close(corpus: Path) -> None:
    exact = sum(1 for _ in read_articles([corpus])) 
    assert 0.5 * exact <= estimate_articles([corpus]) <= 2 * exact


def test_fsspec_url_inputs(corpus: Path) -> None:
    """A memory:// filesystem stands for s3:// here: same listing, same reading."""
    import fsspec

    fs = fsspec.filesystem("memory")
    for p in sorted(corpus.rglob("*")):
        if p.is_file():
            fs.pipe(f"/arch/{p.relative_to(corpus).as_posix()}", p.read_bytes())
    local = sorted((k[0], k[2]) for k in map(_key, _read_partitioned([corpus], 9)))
    remote = sorted((k[0], k[2]) for k in map(_key, _read_partitioned(["memory://arch"], 9)))
    assert remote == local
