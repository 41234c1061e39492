"""Batch extraction on a Dask cluster: a local one of N processes, or an existing one.

Why Dask: archives of millions of articles need more than one core, and
often more than one machine; ``dask.distributed`` is what the Python
geospatial and NLP stacks already run on, so a user's cluster runs tcmap too.

The run has two phases, so that what needs the whole corpus stays right:

1. **Workers extract.** Each task reads one partition (``geo.ingest.sources``)
   and extracts its articles. It sends back claims and, per article, its base
   id, text digest and content hash; the text only of *undated* articles (the
   only ones the next phase needs). Tasks are retried on failure; a partition
   that keeps failing is named in the run summary with the error, and an
   article whose extraction raises is Skipped with the reason.
2. **The client reduces**, in input order: it hands out the batch's unique ids
   (as ``read_articles`` would), flags repeated texts (wire copies), writes
   the claims of dated articles at once, and builds the run's dating index
   (``geo.claims.dating.reference_events``). Undated articles wait in a spill
   file on disk.
3. **Workers date the undated articles**: once every partition is in, the
   whole run's index is broadcast to the workers, which date the spilled
   articles in batches with ``infer_published`` (the same function one
   process uses); their claims are written last.

Memory stays flat: at most a few partitions are in flight, claims go to the
output as they arrive, and the index keeps one count per (place, controller,
day), not per article.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from geo.ingest.sources import DEFAULT_PART_ARTICLES, Partition, ReadSettings
from geo.models import Article, ArticleResult, Claim, CountClaim, Skipped

ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
RETRIES = 2


class Sink(Protocol):
    def write(self, claims: list[Claim], content_hash: str | None = None) -> None: ...


# ---------------------------------------------------------------------------
# Worker side
# ---------------------------------------------------------------------------


@dataclass
class ArticleOut:
    """One extracted article as a worker sends it: text kept only when the article is undated."""

    article: Article
    digest: str
    content_hash: str
    claims: list[Claim]
    counts: list[CountClaim]


@dataclass
class PartResult:
    index: int
    items: list[ArticleOut | Skipped]
    worker: str = ""
    peak_rss_mb: float = 0.0
    seconds: float = 0.0


@dataclass(frozen=True)
class TaskSettings:
    """Everything a worker needs besides its partition; the boundaries path comes from the client."""

    read: ReadSettings
    boundaries_dir: str | None = None


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract_partition(part: Partition, settings: TaskSettings) -> PartResult:
    """Read and extract one partition (runs on a worker; gazetteer and spaCy load once per process)."""
    t0 = time.perf_counter()
    # The worker's own TCMAP_BOUNDARIES_DIR wins; else the client's folder, when this machine has it.
    if settings.boundaries_dir and not os.environ.get("TCMAP_BOUNDARIES_DIR") and Path(settings.boundaries_dir).is_dir():
        os.environ["TCMAP_BOUNDARIES_DIR"] = settings.boundaries_dir
    from geo.app.store import content_hash
    from geo.claims.extract import extract_article, load_nlp
    from geo.ingest.sources import RecordingIds, read_partition
    from geo.pipeline import with_sources
    from geo.places.gazetteer import load_gazetteer
    from geo.places.mentions import find_mentions

    gazetteer, nlp = load_gazetteer(), load_nlp()
    ids = RecordingIds()
    items: list[ArticleOut | Skipped] = []
    for item in read_partition(part, settings.read, ids):
        if isinstance(item, Skipped):
            items.append(item)
            continue
        digest = ids.digests[-1]
        try:
            r = extract_article(item, gazetteer=gazetteer, nlp=nlp, mentions=find_mentions(item.text, gazetteer))
        except Exception as error:  # noqa: BLE001 - one article must not cost its partition
            items.append(Skipped(item.origin or item.id, f"extraction failed ({type(error).__name__}: {error})"))
            continue
        (r,) = with_sources([r])  # outlet, title and text signature, as ``tcmap extract`` writes them
        article = r.article if r.article.published is None else _without_text(r.article)
        items.append(ArticleOut(article, digest, content_hash(item.text), r.claims, r.counts))
    worker = ""
    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):
        pass
    return PartResult(part.index, items, worker, _peak_rss_mb(), time.perf_counter() - t0)


def date_batch(batch: list[tuple[ArticleResult, str]], context: tuple[int | None, dict]) -> list[tuple[ArticleResult, str]]:
    """Date undated articles against the whole run's ``(year, index)`` (runs on a worker)."""
    from geo.claims.dating import infer_published

    year, index = context
    out = []
    for r, chash in batch:
        (dated,) = infer_published([r], year=year, index=index)
        out.append((ArticleResult(_without_text(dated.article), dated.claims, dated.counts), chash))
    return out


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _without_text(a: Article) -> Article:
    from dataclasses import replace

    return replace(a, text="")


def worker_peak_rss_mb() -> float:
    """Peak memory of this worker process (``client.run`` calls it on every worker)."""
    return _peak_rss_mb()


# ---------------------------------------------------------------------------
# Client side
# ---------------------------------------------------------------------------


@dataclass
class RunStats:
    """What a distributed run did: the figures of ``RunResult.summary`` and the skipped inputs."""

    articles: int = 0
    claims: int = 0
    inferred: int = 0
    undated: int = 0
    wire_copies: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    partitions: int = 0
    retried_failures: int = 0
    seconds: float = 0.0
    dashboard: str | None = None
    workers: int = 0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The one-line summary, worded as the single-process run's."""
        s = lambda n, w: f"{n} {w}{'s' if n != 1 else ''}"
        parts = [f"{s(self.articles, 'article')} read", f"{len(self.skipped)} skipped", s(self.claims, "claim")]
        if self.inferred:
            parts.append(f"{s(self.inferred, 'publication date')} inferred")
        if self.undated:
            parts.append(f"{self.undated} undated (give --date or a NAME.meta.json)")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "claims": self.claims, "inferred": self.inferred,
            "undated": self.undated, "wire_copies": self.wire_copies,
            "skipped": [{"origin": k.origin, "reason": k.reason} for k in self.skipped],
            "partitions": self.partitions, "seconds": round(self.seconds, 2), "workers": self.workers,
            "summary": self.summary(),
        }


class DatingIndex:
    """The run's dated events, one count per (place, controller, day): memory bounded by events, not articles."""

    def __init__(self) -> None:
        self.events: dict[tuple[str, str], dict[date, list]] = {}
        self.years: Counter[int] = Counter()

    def add(self, r: ArticleResult) -> None:
        from geo.claims.dating import reference_events

        a = r.article
        if a.published is not None and a.published_source != "inferred":
            self.years[a.published.year] += 1
        for key, day in reference_events(r):
            slot = self.events.setdefault(key, {}).setdefault(day, [0, a.id])
            slot[0] += 1

    def year(self) -> int | None:
        return self.years.most_common(1)[0][0] if self.years else None

    def expanded(self) -> dict[tuple[str, str], list[tuple[date, str]]]:
        """The index ``infer_published`` takes: each event repeated as often as it was reported."""
        out = {}
        for key, days in self.events.items():
            entries: list[tuple[date, str]] = []
            for day, (n, first) in days.items():
                entries.extend([(day, first)] * n)
            out[key] = entries
        return out


class _Spill:
    """Undated articles waiting for the whole run's index, pickled to a temporary file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()
        self.count = 0

    def add(self, item: tuple[ArticleResult, str]) -> None:
        pickle.dump(item, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[tuple[ArticleResult, str]]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


class Progress:
    """Articles done of about how many, rate and ETA: a tqdm bar on a terminal, else a line every 30 s."""

    def __init__(self, total: int, echo: Callable[[str], None], desc: str = "extracting") -> None:
        from tqdm import tqdm

        self.total, self.echo, self.done, self.desc = total, echo, 0, desc
        self.t0 = self.last = time.perf_counter()
        self.bar = tqdm(total=total, desc=desc, unit="article", file=sys.stderr, disable=None,
                        leave=False, smoothing=0.1)
        self.tty = not self.bar.disable

    def update(self, n: int) -> None:
        self.done += n
        self.bar.update(n)
        now = time.perf_counter()
        if not self.tty and now - self.last >= 30:
            self.last = now
            self.echo(self.line())

    def line(self) -> str:
        elapsed = time.perf_counter() - self.t0
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = max(self.total - self.done, 0)
        eta = f"{left / rate / 60:.1f} min" if rate > 0 else "?"
        return f"{self.desc}: {self.done} of ~{self.total} articles, {rate:.1f}/s, ETA {eta}"

    def close(self) -> None:
        self.bar.close()


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None, *, quiet: bool = True) -> Iterator[Any]:
    """A Dask client: on ``scheduler`` (an existing cluster), else on a LocalCluster of ``workers`` processes."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                           silence_logs=logging.ERROR if quiet else logging.WARNING,
                           dashboard_address=":0")
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def scheduler_from_env(given: str | None) -> str | None:
    return given or os.environ.get(ENV_SCHEDULER) or None


def run_distributed(
    client: Any,
    paths: Sequence[str | Path],
    sink: Sink,
    *,
    user_date: date | None = None,
    limits: Any = None,
    part_articles: int = DEFAULT_PART_ARTICLES,
    echo: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
    window: int | None = None,
    boundaries_dir: str | None = None,
) -> RunStats:
    """Extract every article under ``paths`` on ``client``'s cluster, writing claims to ``sink``.

    Returns the run's figures. Warnings and skipped inputs are echoed as they
    come, in input order, worded as the single-process run words them.
    ``boundaries_dir`` is where workers load the boundaries from (default: the
    client's own folder; a worker's ``TCMAP_BOUNDARIES_DIR`` overrides both).
    """
    from geo.ingest.articles import Limits, _Ids
    from geo.ingest.sources import estimate_articles, plan
    from geo.places.boundaries import cache_dir

    t0 = time.perf_counter()
    stats = RunStats(dashboard=getattr(client, "dashboard_link", None))
    n_workers = len(client.scheduler_info().get("workers", {})) or 1
    stats.workers = n_workers
    settings = TaskSettings(ReadSettings(limits or Limits.from_env(), user_date),
                            boundaries_dir or str(cache_dir().resolve()))
    if stats.dashboard:
        echo(f"Dask dashboard: {stats.dashboard} ({n_workers} worker{'s' if n_workers != 1 else ''})")
    progress = Progress(estimate_articles(paths), echo)
    window = window or max(4, 3 * n_workers)
    ids = _Ids()
    index = DatingIndex()
    spill = _Spill()
    pending: deque[Any] = deque()
    parts: Iterator[Partition | Skipped] = plan(paths, part_articles=part_articles)
    settings_future = client.scatter(settings, broadcast=True)

    def take(result: PartResult | Skipped) -> None:
        if isinstance(result, Skipped):
            stats.skipped.append(result)
            echo(f"skipped {result.origin}: {result.reason}")
            return
        if result.worker:
            stats.worker_peak_rss_mb[result.worker] = max(stats.worker_peak_rss_mb.get(result.worker, 0.0),
                                                          result.peak_rss_mb)
        n = 0
        for item in result.items:
            if isinstance(item, Skipped):
                stats.skipped.append(item)
                echo(f"skipped {item.origin}: {item.reason}")
                continue
            n += 1
            r = _allocate(ids, item)
            if any(w.startswith("same text as ") for w in r.article.warnings):
                stats.wire_copies += 1
            for w in r.article.warnings:
                echo(f"warning {r.article.origin or r.article.id}: {w}")
            stats.articles += 1
            if r.article.published is None:
                spill.add((r, item.content_hash))
                continue
            index.add(r)
            sink.write(r.claims, item.content_hash)
            stats.claims += len(r.claims)
        progress.update(n)

    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                nxt = next(parts, None)
                if nxt is None:
                    exhausted = True
                    break
                if isinstance(nxt, Skipped):
                    pending.append(nxt)
                    continue
                stats.partitions += 1
                fut = client.submit(extract_partition, nxt, settings_future, retries=RETRIES, pure=False,
                                    key=f"tcmap-extract-{nxt.index}-{os.getpid()}-{id(stats)}")
                pending.append((nxt, fut))
            if not pending:
                break
            head = pending.popleft()
            if isinstance(head, Skipped):
                take(head)
                continue
            part, fut = head
            try:
                result = fut.result()
            except Exception as error:  # noqa: BLE001 - the partition failed RETRIES + 1 times
                stats.retried_failures += 1
                result = Skipped(part.label, f"partition failed after {RETRIES} retries "
                                             f"({type(error).__name__}: {str(error)[:300]})")
            finally:
                fut.release()
            take(result)
        progress.close()
        # Phase 2: date the undated articles against the whole run, on the workers too.
        context = (index.year(), index.expanded())
        if spill.count:
            echo(f"dating {spill.count} undated article{'s' if spill.count != 1 else ''} against the whole run")
        dating = Progress(spill.count, echo, desc="dating")
        shared = client.scatter(context, broadcast=True) if spill.count else None
        batches = _batches(iter(spill), part_articles)
        waiting: deque[Any] = deque()
        while True:
            while len(waiting) < window and (batch := next(batches, None)) is not None:
                waiting.append((batch, client.submit(date_batch, batch, shared, retries=RETRIES, pure=False)))
            if not waiting:
                break
            batch, fut = waiting.popleft()
            try:
                done = fut.result()
            except Exception:  # noqa: BLE001 - dating is cheap enough to finish here
                done = date_batch(batch, context)
            finally:
                fut.release()
            for dated, chash in done:
                if dated.article.published_source == "inferred":
                    stats.inferred += 1
                elif dated.article.published is None:
                    stats.undated += 1
                sink.write(dated.claims, chash)
                stats.claims += len(dated.claims)
            dating.update(len(done))
        dating.close()
    finally:
        progress.close()
        spill.close()
        for item in pending:
            if not isinstance(item, Skipped):
                item[1].cancel()
    try:
        peaks = client.run(worker_peak_rss_mb)
        for addr, mb in peaks.items():
            stats.worker_peak_rss_mb[addr] = max(stats.worker_peak_rss_mb.get(addr, 0.0), mb)
    except Exception:  # noqa: BLE001 - figures only
        pass
    stats.seconds = time.perf_counter() - t0
    return stats


def _allocate(ids: Any, item: ArticleOut) -> ArticleResult:
    """The article under its batch-unique id (and the 'same text as' warning), as one process would give it."""
    from dataclasses import replace

    a = item.article
    new_id, duplicate_of = ids.allocate_digest(a.id, item.digest, a.origin or a.id)
    warnings = a.warnings + ((f"same text as {duplicate_of}",) if duplicate_of else ())
    claims = item.claims
    if new_id != a.id:
        claims = [replace(c, article_id=new_id) for c in claims]
        counts = [replace(k, article_id=new_id) for k in item.counts]
    else:
        counts = item.counts
    if new_id != a.id or duplicate_of:
        a = replace(a, id=new_id, warnings=warnings)
    return ArticleResult(a, claims, counts)
