"""Archive-scale inputs cut into partitions that other processes read on their own.

A batch of a million articles cannot travel through one process, so the
client only *plans*: it lists files, reads Parquet footers and counts JSON
Lines line starts (one sequential read at disk speed, far faster than
extraction), and hands out :class:`Partition` s of a few hundred articles.
A worker reads its partition with :func:`read_partition`, which uses the
same readers as the single-process path, so an article reads the same
everywhere and a bad one is Skipped with the same reason and ``file:LINE``.

Paths are local files and folders or fsspec URLs (``s3://bucket/archive/``,
``gcs://...``, ``https://...``) for which a filesystem is installed.

Ids: within a partition the worker keeps each article's *base* id (file stem,
JSON ``id`` or text hash) and records the text's digest; the client then
hands out the batch's unique ids in input order (:class:`RecordingIds` here,
``_Ids.allocate_digest`` there), so ids and "same text as" warnings are those
of a single-process run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from geo.ingest.articles import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    META_SUFFIX,
    READ_SUFFIXES,
    Limits,
    _Ids,
    input_suffix,
    iter_jsonl_range,
    iter_parquet,
    list_inputs,
    loads_json,
    open_binary,
    read_html_article,
    read_listed,
    read_text_article,
)
from geo.models import Article, Skipped

PartKind = Literal["files", "jsonl", "parquet"]
# Target articles per partition: big enough that scheduling costs nothing,
# small enough that two workers share the work evenly and a retry is cheap.
DEFAULT_PART_ARTICLES = 250
_SCAN_CHUNK = 4 * 1024 * 1024
_SAMPLE = 1024 * 1024


def is_url(path: str | Path) -> bool:
    """An fsspec URL (``s3://...``) rather than a local path."""
    s = str(path)
    return "://" in s and not s.startswith("file://")


@dataclass(frozen=True)
class Partition:
    """One unit of work: a few files, a byte range of a JSON Lines file, or Parquet row groups."""

    index: int
    kind: PartKind
    files: tuple[tuple[str, bool], ...] = ()
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    row_groups: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """The partition in messages ("partition 3 (a.jsonl, bytes 0-1048576)")."""
        if self.kind == "files":
            first = self.files[0][0] if self.files else ""
            more = f" and {len(self.files) - 1} more" if len(self.files) > 1 else ""
            return f"partition {self.index} ({first}{more})"
        if self.kind == "jsonl":
            return f"partition {self.index} ({self.path}, from line {self.first_line})"
        return f"partition {self.index} ({self.path}, row groups {list(self.row_groups)})"


# ---------------------------------------------------------------------------
# Listing (client)
# ---------------------------------------------------------------------------


def _list_url(url: str) -> Iterator[tuple[str, bool] | Skipped]:
    """The article files under an fsspec URL, sorted, hidden ones and sidecars left out."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            yield url, True
            return
        names = sorted(fs.find(root))
    except Exception as error:  # noqa: BLE001 - every filesystem raises its own errors
        yield Skipped(url, f"cannot list: {type(error).__name__}: {str(error)[:200]}")
        return
    protocol = url.split("://", 1)[0]
    for name in names:
        rel = PurePosixPath(name).relative_to(PurePosixPath(root)) if name.startswith(root) else PurePosixPath(name)
        if any(part.startswith(".") for part in rel.parts):
            continue
        low = name.lower()
        if input_suffix(low) not in READ_SUFFIXES or low.endswith(META_SUFFIX):
            continue
        yield f"{protocol}://{name}", False


def list_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, bool] | Skipped]:
    """Every input file under ``paths`` in the single-process reader's order."""
    local: list[str | Path] = []
    for raw in paths:
        if is_url(raw):
            if local:
                yield from _local(local)
                local = []
            yield from _list_url(str(raw))
        else:
            local.append(raw)
    if local:
        yield from _local(local)


def _local(paths: list[str | Path]) -> Iterator[tuple[str, bool] | Skipped]:
    for item in list_inputs(paths):
        yield item if isinstance(item, Skipped) else (str(item[0]), item[1])


def _opener(path: str):
    if is_url(path):
        import fsspec

        return lambda p: fsspec.open(p, "rb").open()
    return None


def _size(path: str) -> int:
    if is_url(path):
        import fsspec

        fs, p = fsspec.core.url_to_fs(path)
        return int(fs.size(p))
    return os.stat(path).st_size


def estimate_articles(paths: Iterable[str | Path]) -> int:
    """About how many articles ``paths`` hold, cheaply: for the progress bar's total.

    Text and HTML files count one each, Parquet its footer's row count, JSON
    Lines its size over the mean line length of its first megabyte.
    """
    total = 0
    for item in list_files(paths):
        if isinstance(item, Skipped):
            continue
        path = item[0]
        kind = input_suffix(path)
        try:
            if kind == ".parquet":
                total += _parquet_rows(path)
            elif kind in JSONL_SUFFIXES or kind == ".jsonl.gz":
                total += _jsonl_estimate(path)
            else:
                total += 1
        except Exception:  # noqa: BLE001 - an estimate; the reader reports the real problem
            total += 1
    return total


def _parquet_file(path: str):
    import pyarrow.parquet as pq

    opener = _opener(path)
    return pq.ParquetFile(opener(path) if opener else path)


def _parquet_rows(path: str) -> int:
    return int(_parquet_file(path).metadata.num_rows)


def _jsonl_estimate(path: str) -> int:
    with open_binary(path, _opener(path)) as handle:
        sample = handle.read(_SAMPLE)
        if len(sample) < _SAMPLE:
            return sample.count(b"\n") + (0 if sample.endswith(b"\n") or not sample else 1)
        lines = max(sample.count(b"\n"), 1)
        raw = getattr(handle, "fileobj", None)  # a gzip stream: compressed bytes read so far
        consumed = raw.tell() if raw is not None else len(sample)
    return max(1, int(_size(path) * lines / max(consumed, 1)))


# ---------------------------------------------------------------------------
# Planning (client)
# ---------------------------------------------------------------------------


def plan(paths: Iterable[str | Path], *, part_articles: int = DEFAULT_PART_ARTICLES) -> Iterator[Partition | Skipped]:
    """Cut the batch into partitions, lazily, in input order; the walk's refusals come as Skipped.

    Text and HTML files are grouped ``part_articles`` to a partition; a JSON
    Lines file (also gzipped) is cut into byte ranges of about
    ``part_articles`` lines; a Parquet file into runs of row groups.
    """
    index = 0
    group: list[tuple[str, bool]] = []

    def flush() -> Partition:
        nonlocal index, group
        part = Partition(index, "files", files=tuple(group))
        index += 1
        group = []
        return part

    for item in list_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        path, explicit = item
        kind = input_suffix(path)
        if kind in JSONL_SUFFIXES or kind == ".jsonl.gz" or kind == ".parquet":
            if group:
                yield flush()
            try:
                parts = list(_plan_parquet(path, part_articles) if kind == ".parquet"
                             else _plan_jsonl(path, part_articles))
            except Exception:  # noqa: BLE001 - let the reader name the problem
                parts = [("parquet", 0, 0, 1, None) if kind == ".parquet" else ("jsonl", 0, 1 << 62, 1, None)]
            for kind_, start, end, first, groups in parts:
                if kind_ == "parquet":
                    yield Partition(index, "parquet", path=path, row_groups=groups)
                else:
                    yield Partition(index, "jsonl", path=path, start=start, end=end, first_line=first)
                index += 1
            continue
        group.append((path, explicit))
        if len(group) >= part_articles:
            yield flush()
    if group:
        yield flush()


def _plan_parquet(path: str, part_articles: int) -> Iterator[tuple]:
    meta = _parquet_file(path).metadata
    groups: list[int] = []
    rows = 0
    for g in range(meta.num_row_groups):
        groups.append(g)
        rows += meta.row_group(g).num_rows
        if rows >= part_articles:
            yield "parquet", 0, 0, 1, tuple(groups)
            groups, rows = [], 0
    if groups or meta.num_row_groups == 0:
        yield "parquet", 0, 0, 1, tuple(groups)


def _plan_jsonl(path: str, part_articles: int) -> Iterator[tuple]:
    """Byte ranges of about ``part_articles`` lines each, with the number of each range's first line.

    Offsets are in the decompressed stream for ``.gz`` (the worker seeks the
    decompressing reader to them). A range's first line is the first one
    starting at or after its start; its number is 2 + the newlines before ``start - 1``.
    """
    with open_binary(path, _opener(path)) as handle:
        pos = 0  # bytes scanned
        newlines = 0  # newlines in [0, pos)
        range_start, range_first = 0, 1
        lines_in_range = 0
        while True:
            chunk = handle.read(_SCAN_CHUNK)
            if not chunk:
                break
            at = 0
            while True:
                need = part_articles - lines_in_range
                # position of the need-th newline in this chunk from ``at``
                cut = at - 1
                for _ in range(need):
                    cut = chunk.find(b"\n", cut + 1)
                    if cut < 0:
                        break
                if cut < 0:
                    lines_in_range += chunk.count(b"\n", at)
                    break
                # the range ends just after this newline: its last line is complete
                end = pos + cut + 1
                yield "jsonl", range_start, end, range_first, None
                newlines_before_end = newlines + chunk.count(b"\n", 0, cut + 1)
                # next range starts at ``end``; the newline at end-1 is counted before end-1? no:
                # lines starting before ``end`` = 1 + newlines in [0, end - 1) = newlines_before_end
                range_start, range_first = end, newlines_before_end + 1
                lines_in_range = 0
                at = cut + 1
            newlines += chunk.count(b"\n")
            pos += len(chunk)
        if pos > range_start or pos == 0:
            yield "jsonl", range_start, max(pos, 1), range_first, None


# ---------------------------------------------------------------------------
# Reading (worker)
# ---------------------------------------------------------------------------


class RecordingIds(_Ids):
    """A worker's ids: keeps every base id and records the text digest for the client."""

    def __init__(self) -> None:
        super().__init__()
        self.digests: list[str] = []

    def allocate_digest(self, base: str, digest: str, origin: str) -> tuple[str, str | None]:
        self.digests.append(digest)
        return base, None


@dataclass
class ReadSettings:
    """What every partition is read with (the client's options)."""

    limits: Limits = field(default_factory=Limits)
    user_date: date | None = None


def read_partition(part: Partition, settings: ReadSettings, ids: RecordingIds) -> Iterator[Article | Skipped]:
    """The articles of one partition, in input order, read as the single-process reader reads them."""
    common: dict[str, Any] = {"limits": settings.limits, "user_date": settings.user_date}
    if part.kind == "files":
        local = [(Path(p), e) for p, e in part.files if not is_url(p)]
        if len(local) == len(part.files):
            yield from read_listed(local, ids=ids, **common)
            return
        for path, explicit in part.files:
            if is_url(path):
                yield from _read_url_file(path, settings, ids)
            else:
                yield from read_listed([(Path(path), explicit)], ids=ids, **common)
        return
    opener = _opener(part.path)
    if part.kind == "parquet":
        try:
            handle = opener(part.path) if opener else part.path
        except Exception as error:  # noqa: BLE001
            yield Skipped(part.path, f"cannot read: {type(error).__name__}: {str(error)[:200]}")
            return
        yield from iter_parquet(handle, origin=part.path, row_groups=part.row_groups, _ids=ids, **common)
        return
    try:
        with open_binary(part.path, opener) as handle:
            yield from iter_jsonl_range(handle, origin=part.path, start=part.start, end=part.end,
                                        first_line=part.first_line, _ids=ids, **common)
    except (OSError, EOFError) as error:
        yield Skipped(part.path, f"cannot read: {type(error).__name__}: {str(error)[:200]}")
    except Exception as error:  # noqa: BLE001 - zlib.error and filesystem errors
        yield Skipped(part.path, f"cannot read: {type(error).__name__}: {str(error)[:200]}")


def _read_url_file(url: str, settings: ReadSettings, ids: RecordingIds) -> Iterator[Article | Skipped]:
    """A text or HTML article (with its sidecar) from an fsspec URL."""

    import fsspec

    limits = settings.limits
    try:
        fs, path = fsspec.core.url_to_fs(url)
        if fs.size(path) > limits.max_article_bytes:
            yield Skipped(url, f"file is over {limits.describe('max_article_bytes')}")
            return
        data = fs.cat_file(path)
    except Exception as error:  # noqa: BLE001
        yield Skipped(url, f"cannot read: {type(error).__name__}: {str(error)[:200]}")
        return
    name = PurePosixPath(path).name
    meta = None
    for cand in (path + META_SUFFIX, str(PurePosixPath(path).with_suffix(META_SUFFIX))):
        try:
            if fs.exists(cand):
                meta = loads_json(fs.cat_file(cand).decode("utf-8-sig"))
                break
        except Exception:  # noqa: BLE001 - a bad sidecar must not cost the article
            meta = None
    reader = read_html_article if input_suffix(name) in HTML_SUFFIXES else read_text_article
    yield reader(data, name=name, origin=url, limits=limits, user_date=settings.user_date,
                 meta=meta if isinstance(meta, dict) else None, _ids=ids)
