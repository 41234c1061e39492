"""The analyst's store: articles, claims, overrides and runs in one SQLite file.

The store is the edge where tcmap keeps work between sessions, so it is built to
lose nothing:

- the standard library's ``sqlite3`` in WAL mode: readers (the app) never block
  a writer (an ingest), and a killed process leaves the last committed state;
- one transaction per article: an article is in the store with all its claims
  and unresolved mentions, or not at all;
- a ``schema_version`` table and ordered migrations, each applied in its own
  transaction, so an old store opens in a new tcmap;
- analyst work (overrides, rejections) lives in tables of its own, keyed by
  what the analyst saw, so re-extracting an article never erases it.

The data folder is ``$TCMAP_HOME`` (default: the per-user data folder,
``~/.local/share/tcmap`` on Linux; see ``geo.paths``); the database is
``tcmap.sqlite3`` inside it, beside ``boundaries/``.

Example
-------
>>> store = Store.open(tmp_path)                            # doctest: +SKIP
>>> run = store.start_run("seeds")                           # doctest: +SKIP
>>> store.add_results(results, run)                          # doctest: +SKIP
>>> store.finish_run(run, skipped=[])                        # doctest: +SKIP
>>> claims = store.claims()                                  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.models import STATUSES, Article, Claim, Skipped

if TYPE_CHECKING:
    from geo.timeline.build import Override

__all__ = [
    "DB_NAME",
    "ENV_HOME",
    "SCHEMA_VERSION",
    "AddSummary",
    "Store",
    "StoreError",
    "StoredOverride",
    "UnresolvedPlace",
    "content_hash",
    "default_home",
    "explain",
]

ENV_HOME = "TCMAP_HOME"
DB_NAME = "tcmap.sqlite3"
BUSY_TIMEOUT_S = 30.0


class StoreError(RuntimeError):
    """The store could not be opened or changed; the message names the file and what to do."""


# Ordered migrations: version N is reached by running MIGRATIONS[N-1] on a store
# at version N-1. Never edit a released step; append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: articles, claims, overrides, runs.
    (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, url TEXT, publisher TEXT,
            published TEXT, published_source TEXT,
            text TEXT NOT NULL,
            origin TEXT,
            added_at TEXT NOT NULL,
            run_id INTEGER,
            extractor_version TEXT
        )""",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            adm2_pcode TEXT, adm1_pcode TEXT,
            controller TEXT NOT NULL,
            event_date TEXT,
            source_type TEXT,
            confidence REAL,
            rejected INTEGER NOT NULL DEFAULT 0,
            extractor_version TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX claims_article ON claims(article_id)",
        """CREATE TABLE overrides (
            id INTEGER PRIMARY KEY,
            adm2_pcode TEXT NOT NULL,
            status TEXT NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT,
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            label TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            counts TEXT,
            skipped TEXT
        )""",
    ),
    # 2: the date's reasoning, unresolved mentions (the gazetteer to-do list),
    # rejections keyed by what the analyst saw so they survive re-extraction,
    # and soft-deleted overrides (kept for the record).
    (
        "ALTER TABLE articles ADD COLUMN published_reason TEXT",
        "ALTER TABLE overrides ADD COLUMN deleted_at TEXT",
        """CREATE TABLE unresolved (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            char_start INTEGER, char_end INTEGER,
            rule TEXT, reason TEXT
        )""",
        "CREATE INDEX unresolved_norm ON unresolved(norm)",
        "CREATE INDEX unresolved_article ON unresolved(article_id)",
        """CREATE TABLE rejections (
            article_id TEXT NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            controller TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            PRIMARY KEY (article_id, char_start, char_end, controller)
        )""",
        # Rejections made under schema 1 move to the new table.
        """INSERT OR IGNORE INTO rejections (article_id, char_start, char_end, controller, note, created_at)
           SELECT article_id, json_extract(data, '$.char_start'), json_extract(data, '$.char_end'),
                  controller, '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
           FROM claims WHERE rejected = 1""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def default_home() -> Path:
    """The data folder: ``$TCMAP_HOME``, else the per-user data folder (``geo.paths``)."""
    from geo.paths import tcmap_home

    return tcmap_home()


def content_hash(text: str) -> str:
    """The article's identity for de-duplication: sha256 of its text, whitespace-folded.

    Folding whitespace makes the same report saved with Windows line ends, or
    re-wrapped by a scraper, count as the same article.
    """
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _iso(d: date | str | None) -> str | None:
    if d is None or isinstance(d, str):
        return d
    return d.isoformat()


def _norm_name(s: str) -> str:
    """How unresolved names are grouped: the gazetteer's folding when it exists."""
    try:
        from geo.places.normalize import normalize_name
    except ImportError:  # the gazetteer module is optional for the store
        return " ".join(s.lower().split())
    return normalize_name(s) or " ".join(s.lower().split())


def _extractor_version() -> str:
    import geo

    try:
        from geo.claims.extract import extract as claims_mod
    except ImportError:
        return geo.__version__
    return str(getattr(claims_mod, "EXTRACTOR_VERSION", geo.__version__))


@dataclass
class AddSummary:
    """What one ``add_results`` call did, for the CLI and the app to report."""

    added: int = 0
    duplicates: int = 0
    replaced: int = 0
    renamed: int = 0
    claims: int = 0
    unresolved: int = 0
    article_ids: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"store: {self.added} article{'s' if self.added != 1 else ''} added"]
        if self.replaced:
            parts.append(f"{self.replaced} re-extracted")
        parts.append(f"{self.duplicates} already there")
        parts.append(f"{self.claims} claim{'s' if self.claims != 1 else ''} stored")
        if self.renamed:
            parts.append(f"{self.renamed} renamed (id taken by another text)")
        return ", ".join(parts)

    def merge(self, other: AddSummary) -> None:
        for f in ("added", "duplicates", "replaced", "renamed", "claims", "unresolved"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.article_ids.extend(other.article_ids)


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the store holds it: the claim, its row id and the analyst's verdict."""

    id: int
    claim: Claim
    rejected: bool
    note: str
    extractor_version: str | None


@dataclass(frozen=True)
class StoredOverride:
    """An analyst override with its row id and when it was made."""

    id: int
    override: Override
    created_at: str


@dataclass(frozen=True)
class UnresolvedPlace:
    """A name the gazetteer could not place, over all articles in the store."""

    name: str
    count: int
    articles: int
    reason: str
    example_article: str
    rule: str = ""  # the mention finder's rule; "foreign" for a place outside Afghanistan

    @property
    def foreign(self) -> bool:
        return self.rule == "foreign"


@dataclass(frozen=True)
class Run:
    id: int
    label: str | None
    started_at: str
    finished_at: str | None
    counts: dict
    skipped: list[dict]


class Store:
    """One open store. Thread-safe: Streamlit sessions may share one instance."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self.read_only = False
        # Rows a read had to leave out because they are damaged, in words (the CLI prints them).
        self.problems: list[str] = []

    # -- opening ----------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, mode: str = "write") -> Store:
        """Open (creating and migrating as needed) the store in ``path``.

        ``path`` is a data folder (the database goes inside it) or a ``.sqlite3``
        file; default ``$TCMAP_HOME``. ``mode="read"`` is for commands that
        only read: on a read-only folder or file (a read-only mount, a shared
        archive) the store is opened read-only instead of refused. Every
        failure is a ``StoreError`` naming the file, the problem and the fix.
        """
        if mode not in ("write", "read"):
            raise ValueError(f"Expected mode 'write' or 'read', instead got: {mode!r}.")
        p = Path(path).expanduser() if path is not None else default_home()
        db = p if p.suffix in (".sqlite3", ".sqlite", ".db") else p / DB_NAME
        problem = _unwritable(db)
        if problem is not None:
            if mode == "read" and db.is_file():
                return cls._open_readonly(db)
            if mode == "read":
                raise StoreError(f"There is no tcmap store at {db} yet, and {problem}, so none can "
                                 f"be made there. Run `tcmap ingest` with ${ENV_HOME} set to a writable "
                                 "folder first.")
            raise StoreError(f"Cannot write the tcmap store {db}: {problem}. Set ${ENV_HOME} to a "
                             "writable folder (or make this one writable) and run the command again; "
                             "commands that only read the store (--store) work on a read-only folder.")
        conn = None
        try:
            conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.text_factory = _text
            mode_got = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode_got.lower() != "wal":
                raise StoreError(f"{db}: the store needs WAL mode, the file system gave {mode_got!r}. "
                                 f"Put ${ENV_HOME} on a local disk.")
            # NORMAL is durable against a killed process (the WAL is written
            # before COMMIT returns); only a power cut may lose the last commits.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            store = cls(db, conn)
            store._migrate()
        except sqlite3.Error as e:
            if conn is not None:
                conn.close()
            raise StoreError(explain(db, e, opening=True)) from e
        except StoreError:
            if conn is not None:
                conn.close()
            raise
        return store

    @classmethod
    def _open_readonly(cls, db: Path) -> Store:
        """The store of a read-only folder, for reading: never written, never migrated."""
        uri = db.resolve().as_uri()
        last: sqlite3.Error | None = None
        # mode=ro reads a WAL store when its -shm file can be used; on a read-only
        # mount it often cannot, and nothing can write there: immutable is then exact.
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = None
            try:
                conn = sqlite3.connect(uri + query, uri=True, timeout=BUSY_TIMEOUT_S,
                                       isolation_level=None, check_same_thread=False)
                conn.row_factory = sqlite3.Row
                conn.text_factory = _text
                version = _current_version(conn)
            except sqlite3.Error as e:
                if conn is not None:
                    conn.close()
                last = e
                continue
            if version != SCHEMA_VERSION:
                conn.close()
                how = ("was written by a newer tcmap; upgrade tcmap" if version > SCHEMA_VERSION else
                       f"needs an upgrade this tcmap cannot write on a read-only folder; copy {db.name} "
                       f"to a writable folder and set ${ENV_HOME} to it")
                raise StoreError(f"{db}: the store is at schema {version} (this tcmap reads {SCHEMA_VERSION}) "
                                 f"and {how}.")
            store = cls(db, conn)
            store.read_only = True
            return store
        assert last is not None
        raise StoreError(explain(db, last, opening=True)) from last

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:  # noqa: PYI034 - Store has no subclasses
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken up front so two writers queue instead of deadlocking.

        A failure (disk full, read-only file, damaged pages) rolls the whole
        change back and becomes a ``StoreError`` that names the file and the fix.
        """
        with self._lock:
            if self.read_only:
                raise StoreError(f"{self.path}: the store was opened read-only (its folder is read-only); "
                                 f"set ${ENV_HOME} to a writable folder to change it.")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise StoreError(explain(self.path, e)) from e
            try:
                yield self._conn
            except sqlite3.Error as e:
                self._rollback()
                raise StoreError(explain(self.path, e)) from e
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.Error as e:
                    self._rollback()
                    raise StoreError(explain(self.path, e)) from e

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (a full disk does that itself)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as e:
                raise StoreError(explain(self.path, e)) from e

    def schema_version(self) -> int:
        with self._lock:
            return _current_version(self._conn)

    def _migrate(self) -> None:
        migrate(self._conn, SCHEMA_VERSION, name=str(self.path))

    def integrity_check(self) -> str:
        """SQLite's own check: ``"ok"`` or the first problems found."""
        rows = self._read("PRAGMA integrity_check")
        return "; ".join(r[0] for r in rows)

    # -- runs -------------------------------------------------------------
    def start_run(self, label: str | None = None) -> int:
        with self._tx() as c:
            cur = c.execute("INSERT INTO runs (label, started_at) VALUES (?, ?)", (label, _now()))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, *, counts: dict | None = None,
                   skipped: Iterable[Skipped] = ()) -> None:
        sk = [{"origin": s.origin, "reason": s.reason} for s in skipped]
        with self._tx() as c:
            c.execute("UPDATE runs SET finished_at = ?, counts = ?, skipped = ? WHERE id = ?",
                      (_now(), json.dumps(counts or {}), json.dumps(sk), run_id))

    def runs(self) -> list[Run]:
        rows = self._read("SELECT * FROM runs ORDER BY id DESC")
        out = []
        for r in rows:
            try:
                out.append(Run(r["id"], r["label"], r["started_at"], r["finished_at"],
                               json.loads(r["counts"] or "{}"), json.loads(r["skipped"] or "[]")))
            except (ValueError, TypeError) as e:
                self._damaged(f"run row {r['id']}", e)
        return out

    # -- articles and claims ---------------------------------------------
    def add_results(self, results: Iterable[Any], run_id: int | None = None, *,
                    extractor_version: str | None = None, replace: bool = False) -> AddSummary:
        """Store extraction results (``ArticleResult``: article, claims, counts, mentions).

        An article already stored (same text) changes nothing, unless it was
        extracted by another extractor version or ``replace`` is set: then its
        claims and unresolved mentions are replaced, in one transaction.
        Rejections and overrides are untouched either way.
        """
        version = extractor_version or _extractor_version()
        total = AddSummary()
        for res in results:
            total.merge(self._add_one(res, run_id, version, replace))
        return total

    def ingest_result(self, run_result: Any, *, label: str | None = None) -> AddSummary:
        """Store a ``pipeline.RunResult`` as one recorded run (what ``tcmap ingest`` does)."""
        run_id = self.start_run(label)
        summary = self.add_results(run_result.results, run_id)
        self.finish_run(run_id, counts=_counts(summary, len(run_result.skipped)),
                        skipped=run_result.skipped)
        return summary

    def _add_one(self, res: Any, run_id: int | None, version: str, replace: bool) -> AddSummary:
        art: Article = res.article
        claims: list[Claim] = list(res.claims)
        mentions = list(getattr(res, "mentions", None) or ())
        # A result read back from a claims dataset brings its article's hash (its text stayed behind).
        h = getattr(res, "content_hash", None) or content_hash(art.text)
        out = AddSummary()
        with self._tx() as c:
            row = c.execute("SELECT id, extractor_version FROM articles WHERE content_hash = ?",
                            (h,)).fetchone()
            if row is not None:
                if not replace and row["extractor_version"] == version:
                    out.duplicates = 1
                    out.article_ids.append(row["id"])
                    return out
                stored_id = row["id"]
                c.execute("DELETE FROM claims WHERE article_id = ?", (stored_id,))
                c.execute("DELETE FROM unresolved WHERE article_id = ?", (stored_id,))
                c.execute(
                    """UPDATE articles SET title = ?, url = ?, publisher = ?, published = ?,
                       published_source = ?, published_reason = ?, extractor_version = ?
                       WHERE id = ?""",
                    (art.title, art.url, art.publisher, _iso(art.published), art.published_source,
                     art.published_reason, version, stored_id))
                out.replaced = 1
            else:
                stored_id = art.id
                if c.execute("SELECT 1 FROM articles WHERE id = ?", (stored_id,)).fetchone():
                    # Same name, other text (two "report.txt" from two folders):
                    # keep both, the newcomer under a suffixed id.
                    stored_id = f"{art.id}-{h[:8]}"
                    out.renamed = 1
                c.execute(
                    """INSERT INTO articles (id, content_hash, title, url, publisher, published,
                       published_source, published_reason, text, origin, added_at, run_id,
                       extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (stored_id, h, art.title, art.url, art.publisher, _iso(art.published),
                     art.published_source, art.published_reason, art.text, art.origin, _now(),
                     run_id, version))
                out.added = 1
            for cl in claims:
                if cl.article_id != stored_id:
                    cl = dataclasses.replace(cl, article_id=stored_id)
                _insert_claim(c, cl, version)
            out.claims = len(claims)
            c.execute(
                """UPDATE claims SET rejected = 1 WHERE article_id = ? AND EXISTS (
                   SELECT 1 FROM rejections r WHERE r.article_id = claims.article_id
                   AND r.char_start = json_extract(claims.data, '$.char_start')
                   AND r.char_end = json_extract(claims.data, '$.char_end')
                   AND r.controller = claims.controller)""", (stored_id,))
            for m in mentions:
                if getattr(m, "place", None) is not None:
                    continue
                c.execute(
                    """INSERT INTO unresolved (article_id, text, norm, char_start, char_end, rule, reason)
                       VALUES (?,?,?,?,?,?,?)""",
                    (stored_id, m.text, _norm_name(m.text), m.start, m.end, m.rule, m.reason))
                out.unresolved += 1
            out.article_ids.append(stored_id)
        return out

    def articles(self) -> list[Article]:
        """Every stored article, oldest first."""
        rows = self._read("SELECT * FROM articles ORDER BY added_at, id")
        out = []
        for r in rows:
            try:
                out.append(_article(r))
            except (ValueError, TypeError) as e:
                self._damaged(f"article row {r['id']!r}", e)
        return out

    def article(self, article_id: str) -> Article | None:
        rows = self._read("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _article(rows[0]) if rows else None

    def stored_ids(self, articles: Iterable[Article], *, extractor_version: str | None = None) -> dict[str, str]:
        """Which of ``articles`` are already stored (same text, same extractor): input id -> stored id.

        Lets callers skip extracting what ``add_results`` would ignore anyway.
        """
        version = extractor_version or _extractor_version()
        out = {}
        for a in articles:
            rows = self._read("SELECT id FROM articles WHERE content_hash = ? AND extractor_version = ?",
                              (content_hash(a.text), version))
            if rows:
                out[a.id] = rows[0][0]
        return out

    def known_results(self, articles: Iterable[Article], known: dict[str, str]) -> dict[str, Any]:
        """Results for the ``articles`` already stored (``known``: input id -> stored id, from ``stored_ids``).

        Each is the article as read now with the claims the store keeps for
        it (rejected ones too: they are what extraction gave). What a resumed
        ingest needs to date the rest of its batch as one run would
        (``pipeline.extract_articles(..., known=...)``); only dated articles
        date others, so undated ones cost no query.
        """
        from geo.models import ArticleResult

        out: dict[str, Any] = {}
        for a in articles:
            stored_id = known.get(a.id)
            if stored_id is None:
                continue
            claims: list[Claim] = []
            if a.published is not None:
                rows = self._read("SELECT data FROM claims WHERE article_id = ? ORDER BY id", (stored_id,))
                claims = [dataclasses.replace(c, article_id=a.id) for c in
                          (Claim.from_dict(json.loads(r[0])) for r in rows)]
            out[a.id] = ArticleResult(a, claims, [], [])
        return out

    def article_ids(self) -> set[str]:
        return {r[0] for r in self._read("SELECT id FROM articles")}

    def count_articles(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])

    def claims(self, include_rejected: bool = False) -> list[Claim]:
        """The claims of every article (the timeline's input); rejected ones only on request."""
        return [s.claim for s in self.stored_claims(include_rejected=include_rejected)]

    def stored_claims(self, include_rejected: bool = True) -> list[StoredClaim]:
        """Claims with their row ids and verdicts, for the review table.

        A row whose data is damaged (a bad disk page) is left out and named in
        ``problems``, so one bad page does not hide every other claim.
        """
        rejections = {(r["article_id"], r["char_start"], r["char_end"], r["controller"]): r["note"]
                      for r in self._read("SELECT article_id, char_start, char_end, controller, note "
                                          "FROM rejections")}
        rows = self._read("SELECT id, article_id, controller, data, extractor_version FROM claims ORDER BY id")
        out = []
        for r in rows:
            try:
                data = json.loads(r["data"])
                claim = Claim.from_dict(data)
                key = (r["article_id"], data["char_start"], data["char_end"], r["controller"])
                note = rejections.get(key)
            except (ValueError, TypeError, KeyError, RecursionError) as e:
                self._damaged(f"claim row {r['id']} (article {r['article_id']!r})", e)
                continue
            rejected = note is not None
            if rejected and not include_rejected:
                continue
            out.append(StoredClaim(r["id"], claim, rejected, note or "", r["extractor_version"]))
        return out

    def _damaged(self, what: str, error: BaseException) -> None:
        self.problems.append(
            f"{self.path}: {what} is damaged ({type(error).__name__}: {str(error)[:80]}) and was left out; "
            f"check the file with `sqlite3 {self.path} 'PRAGMA integrity_check'` and recover it with "
            f"`sqlite3 {self.path} .recover` (or restore a backup)")

    def reject_claim(self, claim_id: int, note: str = "") -> None:
        """Mark a claim wrong. Kept by (article, offsets, controller): survives re-extraction."""
        with self._tx() as c:
            row = c.execute("SELECT article_id, controller, data FROM claims WHERE id = ?",
                            (claim_id,)).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: no claim with id {claim_id} to reject.")
            d = _claim_data(self.path, claim_id, row["data"])
            c.execute(
                """INSERT OR REPLACE INTO rejections (article_id, char_start, char_end, controller,
                   note, created_at) VALUES (?,?,?,?,?,?)""",
                (row["article_id"], d["char_start"], d["char_end"], row["controller"], note, _now()))
            c.execute("UPDATE claims SET rejected = 1 WHERE id = ?", (claim_id,))

    def restore_claim(self, claim_id: int) -> None:
        """Undo a rejection."""
        with self._tx() as c:
            row = c.execute("SELECT article_id, controller, data FROM claims WHERE id = ?",
                            (claim_id,)).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: no claim with id {claim_id} to restore.")
            d = _claim_data(self.path, claim_id, row["data"])
            c.execute("""DELETE FROM rejections WHERE article_id = ? AND char_start = ?
                         AND char_end = ? AND controller = ?""",
                      (row["article_id"], d["char_start"], d["char_end"], row["controller"]))
            c.execute("UPDATE claims SET rejected = 0 WHERE id = ?", (claim_id,))

    def set_published(self, article_id: str, day: date, reason: str = "given by the analyst") -> None:
        """Record the analyst's publication date for an article and its claims.

        Claims' event dates were resolved against the old date; re-extract the
        article (``add_results(..., replace=True)``) to resolve them again.
        """
        with self._tx() as c:
            cur = c.execute("""UPDATE articles SET published = ?, published_source = 'user',
                               published_reason = ? WHERE id = ?""",
                            (day.isoformat(), reason, article_id))
            if cur.rowcount == 0:
                raise StoreError(f"{self.path}: no article {article_id!r} to date.")
            c.execute("""UPDATE claims SET data = json_set(data, '$.published', ?,
                         '$.published_source', 'user') WHERE article_id = ?""",
                      (day.isoformat(), article_id))

    def set_title(self, article_id: str, title: str) -> None:
        """The analyst's title for an article (pasted text has none)."""
        with self._tx() as c:
            c.execute("UPDATE articles SET title = ? WHERE id = ?", (title, article_id))
            c.execute("UPDATE claims SET data = json_set(data, '$.title', ?) WHERE article_id = ?",
                      (title, article_id))

    def revision(self) -> tuple:
        """Changes whenever claims, rejections or overrides change: the app's cache key."""
        row = self._read(
            """SELECT (SELECT count(*) FROM claims), (SELECT max(id) FROM claims),
                      (SELECT count(*) FROM rejections), (SELECT max(created_at) FROM rejections),
                      (SELECT count(*) FROM overrides WHERE deleted_at IS NULL),
                      (SELECT max(id) FROM overrides), (SELECT max(deleted_at) FROM overrides),
                      (SELECT count(*) FROM articles),
                      (SELECT group_concat(id || published, ',') FROM
                          (SELECT id, coalesce(published, '') AS published FROM articles
                           WHERE published_source = 'user'))""")[0]
        return tuple(row)

    def delete_article(self, article_id: str) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def unresolved_places(self, limit: int | None = None) -> list[UnresolvedPlace]:
        """Names the gazetteer could not place, most frequent first: the gazetteer to-do list."""
        rows = self._read(
            """SELECT norm, count(*) AS n, count(DISTINCT article_id) AS na,
                      min(text) AS name, max(coalesce(reason, '')) AS reason,
                      min(article_id) AS example, max(coalesce(rule, '')) AS rule
               FROM unresolved GROUP BY norm ORDER BY n DESC, na DESC, name
               """ + ("LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [UnresolvedPlace(r["name"], r["n"], r["na"], r["reason"], r["example"], r["rule"])
                for r in rows]

    def unresolved_for(self, article_id: str) -> list[dict]:
        rows = self._read("SELECT text, char_start, char_end, reason FROM unresolved "
                          "WHERE article_id = ? ORDER BY char_start", (article_id,))
        return [dict(r) for r in rows]

    # -- overrides --------------------------------------------------------
    def add_override(self, override: Override) -> int:
        """Keep an analyst's status for a district over a date range; returns its id."""
        status = getattr(override, "status", None)
        if status not in STATUSES:
            raise StoreError(f"Expected one of {STATUSES} for an override's status, "
                             f"instead got: {status!r}.")
        start, end = _iso(override.start), _iso(override.end)
        if start is None:
            raise StoreError("An override needs a start date.")
        if end is not None and end < start:
            raise StoreError(f"Override for {override.adm2_pcode}: end {end} is before start {start}.")
        with self._tx() as c:
            cur = c.execute(
                """INSERT INTO overrides (adm2_pcode, status, start, "end", note, author, created_at)
                   VALUES (?,?,?,?,?,?,?)""",
                (override.adm2_pcode, status, start, end, override.note or "",
                 override.author or "", _now()))
            return int(cur.lastrowid)

    def remove_override(self, override_id: int) -> None:
        with self._tx() as c:
            c.execute("UPDATE overrides SET deleted_at = ? WHERE id = ?", (_now(), override_id))

    def overrides(self) -> list[Override]:
        """The overrides in force, oldest first (a later one wins where they overlap)."""
        return [s.override for s in self.stored_overrides()]

    def stored_overrides(self) -> list[StoredOverride]:
        from geo.timeline.build import Override

        rows = self._read('SELECT * FROM overrides WHERE deleted_at IS NULL ORDER BY id')
        out = []
        for r in rows:
            try:
                out.append(StoredOverride(r["id"], Override(
                    adm2_pcode=r["adm2_pcode"], status=r["status"],
                    start=date.fromisoformat(r["start"]),
                    end=date.fromisoformat(r["end"]) if r["end"] else None,
                    note=r["note"], author=r["author"]), r["created_at"]))
            except (ValueError, TypeError) as e:
                self._damaged(f"override row {r['id']}", e)
        return out


def _text(raw: bytes) -> str:
    """Text columns as str; bytes a bad disk page left invalid are replaced, not a crash on read."""
    return raw.decode("utf-8", errors="replace")


def _claim_data(db: Path, claim_id: int, raw: str) -> dict:
    try:
        data = json.loads(raw)
        data["char_start"], data["char_end"]
    except (ValueError, TypeError, KeyError) as e:
        raise StoreError(f"{db}: claim {claim_id} is damaged ({type(e).__name__}); recover the file with "
                         f"`sqlite3 {db} .recover` (or restore a backup).") from e
    return data


def _unwritable(db: Path) -> str | None:
    """Why the store cannot be written at ``db`` (read-only folder or file), or None.

    Tried, not guessed from permission bits: root ignores those, a read-only
    mount does not. Creates the data folder when it is missing.
    """
    import errno
    import tempfile

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=db.parent, prefix=".tcmap-write-test-"):
            pass
        if db.exists():
            with open(db, "r+b"):
                pass
    except OSError as e:
        where = db if e.filename and Path(e.filename) == db else db.parent
        why = {errno.EROFS: "is on a read-only file system", errno.EACCES: "is not writable by you",
               errno.EPERM: "is not writable by you", errno.ENOSPC: "is on a full disk",
               errno.ENOTDIR: "is under a file, not a folder", errno.EEXIST: "is a file, not a folder"}.get(e.errno or 0)
        return f"{where} {why}" if why else f"{where} cannot be written ({e.strerror or e})"
    return None


# SQLite's primary result codes (the low byte of the extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 3, 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def explain(db: Path, error: sqlite3.Error, *, opening: bool = False) -> str:
    """A SQLite failure in words: the file, what went wrong, that the store is intact, what to do."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error)
    if code == _SQLITE_FULL or "disk is full" in text:
        return (f"{db}: the disk is full. The change under way was rolled back; everything stored "
                f"before it is intact. Free space on the disk of {db.parent} (or set ${ENV_HOME} to a "
                "folder on another disk) and run the command again: articles already stored are not "
                "extracted again.")
    if code in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return (f"{db}: the store is read-only ({text}); nothing was changed. Set ${ENV_HOME} to a "
                "writable folder, or make this file and its folder writable.")
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return (f"{db}: the store file is damaged or not a tcmap store ({text}); nothing was changed. "
                f"Keep a copy, then recover what it holds with `sqlite3 {db} .recover | sqlite3 "
                f"repaired.sqlite3` and set ${ENV_HOME} to the repaired store's folder (or restore a "
                f"backup); if the file is not a tcmap store, point ${ENV_HOME} elsewhere.")
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return (f"{db}: another process has held the store for over {BUSY_TIMEOUT_S:.0f} s ({text}). "
                "Wait for it to finish (or stop it) and run the command again.")
    if code == _SQLITE_IOERR:
        return (f"{db}: the disk reported an input/output error ({text}); the change under way was "
                "rolled back. Check the disk (full, removed, or a network folder gone offline) and run "
                "the command again.")
    if code == _SQLITE_CANTOPEN or opening:
        return (f"{db}: cannot open the tcmap store ({text}). Check that the folder exists and is "
                f"readable, or set ${ENV_HOME} to another folder.")
    return f"{db}: the store failed ({type(error).__name__}: {text}); the change under way was rolled back."


def _counts(summary: AddSummary, skipped: int) -> dict:
    return {"added": summary.added, "duplicates": summary.duplicates, "replaced": summary.replaced,
            "claims": summary.claims, "unresolved": summary.unresolved, "skipped": skipped}


def _insert_claim(c: sqlite3.Connection, cl: Claim, version: str) -> None:
    c.execute(
        """INSERT INTO claims (article_id, adm2_pcode, adm1_pcode, controller, event_date,
           source_type, confidence, extractor_version, data) VALUES (?,?,?,?,?,?,?,?,?)""",
        (cl.article_id, cl.adm2_pcode, cl.adm1_pcode, cl.controller, cl.event_date,
         cl.source_type, cl.confidence, version, json.dumps(cl.to_dict(), default=str)))


def _article(r: sqlite3.Row) -> Article:
    keys = r.keys()
    return Article(
        id=r["id"], text=r["text"],
        published=date.fromisoformat(r["published"]) if r["published"] else None,
        published_source=r["published_source"], title=r["title"], url=r["url"],
        publisher=r["publisher"], origin=r["origin"],
        published_reason=r["published_reason"] if "published_reason" in keys else None)


def _current_version(conn: sqlite3.Connection) -> int:
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
                       ).fetchone()
    if not has:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION, *, name: str = "store") -> int:
    """Bring a store up to ``target``, one version per transaction; returns the version reached.

    Each step and its version record commit together, so a crash mid-upgrade
    leaves the store at the last complete version, and the next open resumes.
    """
    current = _current_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(f"{name} was written by a newer tcmap (schema {current}; this tcmap "
                         f"knows up to {SCHEMA_VERSION}). Upgrade tcmap.")
    while current < target:
        step = MIGRATIONS[current]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            current = _current_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                break
            step = MIGRATIONS[current]
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            for sql in step:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                         (current + 1, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
    return current
