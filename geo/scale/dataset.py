"""Claims datasets: write claims as they come, read them back without any article.

``tcmap extract --format parquet --out claims/`` writes a folder of Parquet
files (``part-00000.parquet``...), each with the columns of the claim record
(../shared/CLAIMS.md, names and values unchanged, plus tcmap's extra fields;
``extra`` as a JSON string), and ``_common_metadata`` holding the schema and
the run summary (key ``tcmap.run``). pandas (``pd.read_parquet("claims/")``),
DuckDB (``SELECT * FROM 'claims/*.parquet'``) and pyarrow read it as is.

The map commands read such a folder (or a JSON Lines file from ``extract``)
with :func:`read_claims`, so maps are made from millions of claims without
reading or extracting any article again.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from geo.models import Article, Claim

RUN_KEY = b"tcmap.run"
PART_ROWS = 100_000

# Column order: the contract's fields first, then tcmap's own.
CONTRACT_COLUMNS = [
    "article_id", "published", "published_source", "mention", "char_start", "char_end", "sentence",
    "place_level", "place_name", "adm2_pcode", "adm1_pcode", "lat", "lon", "controller", "event_date",
    "time_precision", "geo_precision", "scope", "attributed_to", "source_type", "confidence",
]
EXTRA_COLUMNS = ["place_key", "date_reason", "adm1_name", "adm2_name", "publisher", "title", "url",
                 "extra", "content_hash"]


def schema():
    """The claims table's Arrow schema (fixed, so every part agrees even when a column is all null)."""
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    types = {"char_start": i, "char_end": i, "lat": f, "lon": f, "geo_precision": i, "confidence": f}
    return pa.schema([(c, types.get(c, s)) for c in CONTRACT_COLUMNS + EXTRA_COLUMNS])


def claim_row(c: Claim, content_hash: str | None = None) -> dict[str, Any]:
    """A claim as one row of the table; ``extra`` becomes a JSON string."""
    row = c.to_dict()
    row["extra"] = json.dumps(row.get("extra") or {}, ensure_ascii=False, default=str, sort_keys=True)
    row["content_hash"] = content_hash
    return row


def is_url(path: str | Path) -> bool:
    s = str(path)
    return "://" in s and not s.startswith("file://")


class ParquetSink:
    """Writes claims to a Parquet dataset folder as they come: memory stays at one row group.

    Rows go out in row groups of ``GROUP_ROWS``; a new part file starts every ``part_rows`` rows.
    """

    GROUP_ROWS = 5_000

    def __init__(self, out: str | Path, *, part_rows: int = PART_ROWS) -> None:
        self.out = str(out)
        self.part_rows = part_rows
        self._rows: list[dict[str, Any]] = []
        self._parts = 0
        self._in_part = 0
        self._writer: Any = None
        self._handle: Any = None
        self.count = 0
        self._fs, self._root = _fs_for(self.out)
        self._fs.makedirs(self._root, exist_ok=True)
        for old in self._fs.glob(self._root.rstrip("/") + "/part-*.parquet"):
            self._fs.rm(old)  # an earlier run's parts must not mix with this run's

    def write(self, claims: Iterable[Claim], content_hash: str | None = None) -> None:
        for c in claims:
            self._rows.append(claim_row(c, content_hash))
            self.count += 1
            if len(self._rows) >= min(self.GROUP_ROWS, self.part_rows - self._in_part):
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._rows:
            return
        if self._writer is None:
            name = f"{self._root.rstrip('/')}/part-{self._parts:05d}.parquet"
            self._handle = self._fs.open(name, "wb")
            self._writer = pq.ParquetWriter(self._handle, schema(), compression="zstd")
            self._parts += 1
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=schema()))
        self._in_part += len(self._rows)
        self._rows = []
        if self._in_part >= self.part_rows:
            self._close_part()

    def _close_part(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._handle.close()
        self._writer = self._handle = None
        self._in_part = 0

    def close(self, summary: dict[str, Any]) -> str:
        """Write the last rows and ``_common_metadata`` with the run summary; returns the folder."""
        import pyarrow.parquet as pq

        self._flush()
        self._close_part()
        if self._parts == 0:  # no claims: one empty part, so readers still find the columns
            import pyarrow as pa

            with self._fs.open(f"{self._root.rstrip('/')}/part-00000.parquet", "wb") as handle:
                pq.write_table(pa.Table.from_pylist([], schema=schema()), handle)
        meta = schema().with_metadata({RUN_KEY: json.dumps(summary, default=str).encode()})
        with self._fs.open(f"{self._root.rstrip('/')}/_common_metadata", "wb") as handle:
            pq.write_metadata(meta, handle)
        return self.out


class LinesSink:
    """Writes claims as JSON Lines (or CSV) to a stream, as they come."""

    def __init__(self, handle: io.TextIOBase, fmt: str = "jsonl", columns: list[str] | None = None) -> None:
        from geo.csvcells import SafeDictWriter

        self.handle = handle
        self.fmt = fmt
        self.count = 0
        self._csv = None
        if fmt == "csv":
            self._csv = SafeDictWriter(handle, fieldnames=columns or CONTRACT_COLUMNS, extrasaction="ignore",
                                       lineterminator="\n")
            self._csv.writeheader()

    def write(self, claims: Iterable[Claim], content_hash: str | None = None) -> None:
        for c in claims:
            row = c.to_dict()
            if self._csv is not None:
                self._csv.writerow(row)
            else:
                self.handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            self.count += 1

    def close(self, summary: dict[str, Any]) -> None:
        self.handle.flush()


def _fs_for(path: str):
    import fsspec

    if is_url(path):
        return fsspec.core.url_to_fs(path)
    return fsspec.filesystem("file"), str(Path(path).resolve())


def run_summary(path: str | Path) -> dict[str, Any] | None:
    """The run summary kept in a dataset's ``_common_metadata`` (None when there is none)."""
    import pyarrow.parquet as pq

    fs, root = _fs_for(str(path))
    name = f"{root.rstrip('/')}/_common_metadata"
    if not fs.exists(name):
        return None
    with fs.open(name, "rb") as handle:
        meta = pq.read_schema(handle).metadata or {}
    raw = meta.get(RUN_KEY)
    return json.loads(raw) if raw else None


class ClaimsDatasetError(ValueError):
    """A --claims dataset that cannot be read; the message says why."""


def _claim(row: dict[str, Any]) -> Claim:
    extra = row.get("extra")
    if isinstance(extra, str):
        try:
            row["extra"] = json.loads(extra) if extra else {}
        except json.JSONDecodeError:
            row["extra"] = {}
    elif extra is None:
        row["extra"] = {}
    for k in ("lat", "lon"):
        v = row.get(k)
        if isinstance(v, float) and math.isnan(v):
            row[k] = None
    return Claim.from_dict(row)


def iter_claims(path: str | Path) -> Iterator[Claim]:
    """Stream the claims of a Parquet dataset (folder or file) or a JSON Lines file (also .gz)."""
    for claim, _ in iter_claim_rows(path):
        yield claim


def iter_claim_rows(path: str | Path) -> Iterator[tuple[Claim, str | None]]:
    """Each claim with its article's content hash (None when the dataset has none)."""
    p = str(path)
    low = p.lower().rstrip("/")
    if low.endswith((".jsonl", ".jsonl.gz", ".json")):
        yield from _iter_jsonl(p)
        return
    import pyarrow.dataset as ds

    fs, root = _fs_for(p)
    if not fs.exists(root):
        raise ClaimsDatasetError(f"{p}: no such file or folder")
    try:
        dataset = ds.dataset(root, filesystem=fs, format="parquet", exclude_invalid_files=False)
        scanner = dataset.scanner(batch_size=50_000)
        for batch in scanner.to_batches():
            for row in batch.to_pylist():
                yield _claim(row), row.get("content_hash")
    except (OSError, ValueError) as error:
        if isinstance(error, ClaimsDatasetError):
            raise
        raise ClaimsDatasetError(f"{p}: not a claims dataset ({type(error).__name__}: {str(error)[:200]})") from error


def _iter_jsonl(path: str) -> Iterator[Claim]:
    import fsspec

    try:
        with fsspec.open(path, "rt", encoding="utf-8", compression="infer") as handle:
            for n, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line, parse_int=lambda d: int(d) if len(d) <= 640 else float(d))
                    yield _claim(row), row.get("content_hash")
                except (ValueError, TypeError, AttributeError, RecursionError) as error:
                    raise ClaimsDatasetError(f"{path}:{n}: not a claim record ({error})") from error
    except FileNotFoundError as error:
        raise ClaimsDatasetError(f"{path}: no such file") from error


def read_claims(path: str | Path) -> list[Claim]:
    """Every claim of a dataset (what the timeline needs at once)."""
    return list(iter_claims(path))


@dataclass
class ClaimsOnlyResult:
    """An article known only by its claims, for the store: the sentences stand in for its text."""

    article: Article
    claims: list[Claim]
    counts: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    content_hash: str | None = None


def results_from_claims(path: str | Path) -> list[ClaimsOnlyResult]:
    """The dataset's claims grouped by article, as the store's ``add_results`` takes them.

    The article's text is its claims' sentences (what the app shows as
    evidence); its identity for de-duplication is the content hash of the
    original text when the dataset has one, so a wire copy stored before is
    recognised.
    """
    groups: dict[str, ClaimsOnlyResult] = {}
    for c, chash in iter_claim_rows(path):
        r = groups.get(c.article_id)
        if r is None:
            pub = date.fromisoformat(c.published) if c.published else None
            r = groups[c.article_id] = ClaimsOnlyResult(
                Article(c.article_id, "", pub, c.published_source, c.title, c.url, c.publisher,  # type: ignore[arg-type]
                        origin=f"{path} (claims dataset)"), [], content_hash=chash)
        r.claims.append(c)
    out = []
    for r in groups.values():
        text = "\n\n".join(dict.fromkeys(c.sentence for c in r.claims))
        out.append(replace(r, article=replace(r.article, text=text)))
    return out
