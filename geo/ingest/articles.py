"""Read news articles from files, folders, JSON Lines and zip uploads.

The one reader shared by the CLI and the app. It never stops a batch on one
bad input: whatever cannot be read becomes a :class:`~geo.models.Skipped` with
a one-line reason naming the file (and line, for JSONL), and everything else
an :class:`~geo.models.Article` whose ``text`` is what all offsets refer to.

Inputs
    ``.txt`` / ``.md``
        Plain text. An optional first line `` date 2021-06-23`` (leading
        spaces, ``date``, an optional ``:``) gives the publication date and may
        be followed by the article text on the same line; the header is not
        part of ``Article.text``. ``date: 23/06/2021`` (day first) and
        ``date: June 23, 2021`` are accepted too. A Markdown file's first
        ``# heading`` is its title (and stays in the text).
    ``.html`` / ``.htm``
        Visible text only; title, date and publisher from meta tags.
    ``.jsonl``
        One JSON object per line with ``text`` and optional ``date`` (or
        ``published``), ``url``, ``title``, ``id``, ``publisher``.
    ``NAME.meta.json``
        Beside ``NAME.txt`` (or ``NAME.html``): ``date``, ``title``, ``url``,
        ``publisher`` for an article that lacks them. Never read as an article.
    ``.zip`` (named explicitly, or uploaded through the app)
        Read with :func:`read_zip`, which refuses zip bombs and unsafe paths.

Dates
    Only the article itself (header, meta tags, JSONL field), its sidecar, a
    date the page prints near its top (``find_page_date``: "Published: 9 Mar,
    2017", "Last Updated On: June 3, 2019", a date line under the headline;
    a site's clock above the article's own date is passed over), or the
    user's ``user_date`` give ``published``, in that order; never the file's
    mtime or today. The reason is kept in ``published_reason``. A header
    that names only a month (`` date 2021-08``) leaves ``published`` empty
    and records the month (``published_month``), so claims are dated to the
    month, not to an invented day. An impossible, unparseable or future date
    keeps the article with ``published=None`` and a warning saying what was
    wrong.

Ids
    The file stem for files (the member's stem inside a zip); the JSONL ``id``
    else ``sha256(text)[:16]``. When two inputs of one call would get the same
    id (the same stem in two folders), the later one gets
    ``<id>~<first 8 hex digits of sha256(text)>`` (and ``-2``, ``-3``... if that
    is taken too), so ids stay unique and stable for the same inputs. An
    article whose text repeats an earlier one is kept, with a warning naming
    the first ("same text as article 'a' (path)").

Folders
    Walked depth-first in sorted name order; hidden entries (``.git``) and
    files of other types are passed over silently; symlinks are followed but
    no folder or file is read twice.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from geo.ingest._decode import (
    BinaryInput,
    decode_bytes,
    drop_invisible,
    looks_utf16,
    normalize_text,
    sniff_binary,
)
from geo.ingest._html import declared_charset, parse_html
from geo.models import Article, Skipped

__all__ = [
    "ARTICLE_SUFFIXES",
    "MB",
    "Limits",
    "find_page_date",
    "iter_jsonl",
    "join_soft_wraps",
    "limit_value",
    "loads_json",
    "parse_date_header",
    "parse_date_value",
    "published_month",
    "read_articles",
    "read_html_article",
    "read_text_article",
    "read_zip",
    "unescape_entities",
]

MB = 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Archive formats read from files and folders (not from zip uploads): gzipped
# JSON Lines and Parquet, streamed line by line / row group by row group.
ARCHIVE_SUFFIXES = frozenset({".jsonl.gz", ".parquet"})
META_SUFFIX = ".meta.json"
_MAX_META_BYTES = 1 * MB
_MAX_TITLE = 500
# Small zip members cannot be bombs; checking their ratio would only reject
# short repetitive texts that compress well.
_RATIO_MIN_BYTES = 1 * MB
_CHUNK = 1 * MB
# What zipfile and zlib raise on damaged or unsupported archives.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
_SNIFF = 512


# ---------------------------------------------------------------------------
# Limits
# ---------------------------------------------------------------------------

# field -> (environment variable, CLI flag, unit in bytes or None, words for messages)
# field -> (environment variable, CLI flag or None, unit in bytes or None, words for messages).
# Only limits the CLI has a flag for name one: a message must not send users
# to a flag that does not exist.
_LIMIT_KNOBS: dict[str, tuple[str, str | None, int | None, str]] = {
    "max_article_bytes": ("TCMAP_MAX_ARTICLE_MB", "--max-article-mb", MB, "article size"),
    "max_upload_bytes": ("TCMAP_MAX_UPLOAD_MB", None, MB, "upload size"),
    "max_zip_files": ("TCMAP_MAX_ZIP_FILES", None, None, "number of files in a zip"),
    "max_zip_uncompressed_bytes": ("TCMAP_MAX_ZIP_UNCOMPRESSED_MB", None, MB, "unpacked zip size"),
    "max_zip_ratio": ("TCMAP_MAX_ZIP_RATIO", None, None, "zip compression ratio"),
}


@dataclass(frozen=True)
class Limits:
    """Explicit input limits, so one huge or hostile input cannot exhaust memory.

    Sizes are in bytes (``MB`` = 2**20 bytes). Every message about a hit limit
    names the limit, its value, and the CLI flag and environment variable
    that raise it.
    """

    max_article_bytes: int = 20 * MB
    max_upload_bytes: int = 50 * MB
    max_zip_files: int = 500
    max_zip_uncompressed_bytes: int = 200 * MB
    max_zip_ratio: float = 100.0

    def __post_init__(self) -> None:
        for name in _LIMIT_KNOBS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise ValueError(
                    f"Expected a positive number for Limits.{name}, instead got: {value!r}."
                )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Read limits from ``TCMAP_MAX_ARTICLE_MB``, ``TCMAP_MAX_UPLOAD_MB``,
        ``TCMAP_MAX_ZIP_FILES``, ``TCMAP_MAX_ZIP_UNCOMPRESSED_MB`` and
        ``TCMAP_MAX_ZIP_RATIO``; unset ones keep their defaults.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, (var, _flag, _unit, _words) in _LIMIT_KNOBS.items():
            raw = env.get(var)
            if raw is None or not raw.strip():
                continue
            values[name] = limit_value(name, raw, f"the environment variable {var}")
        return cls(**values)

    def describe(self, name: str) -> str:
        """Say what limit ``name`` is, its value, and how to raise it."""
        var, flag, unit, label = _LIMIT_KNOBS[name]
        value = getattr(self, name)
        shown = _mb(value) if unit else f"{value:g}"
        how = (
            f"{flag} or the environment variable {var}"
            if flag
            else f"the environment variable {var}"
        )
        return f"the {label} limit of {shown} (raise it with {how})"


# The largest value each limit accepts: far above any real need, and small
# enough that bytes fit in an int (1e308 MB must be refused, not overflow).
_LIMIT_MAX: dict[str, float] = {
    "max_article_bytes": 1024 * 1024,  # MB: 1 TB
    "max_upload_bytes": 1024 * 1024,
    "max_zip_files": 10_000_000,
    "max_zip_uncompressed_bytes": 1024 * 1024,
    "max_zip_ratio": 1_000_000,
}


def limit_value(name: str, raw: str | float, where: str) -> int | float:
    """One limit from what a user typed (MB for sizes), range-checked; raises ValueError in words.

    ``where`` names the setting in the message ("the environment variable
    TCMAP_MAX_ARTICLE_MB", "--max-article-mb"). 0, negatives, NaN, infinity
    and absurdly large values are refused rather than overflowing later.
    """
    _var, _flag, unit, label = _LIMIT_KNOBS[name]
    top = _LIMIT_MAX[name]
    shown = f"{top:,.0f}" + (" (MB)" if unit else "")
    problem = f"Expected a number above 0 and at most {shown} for {where} ({label}), instead got: {raw!r}."
    if isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            raise ValueError(problem) from None
    else:
        number = float(raw)
    if not 0 < number <= top:  # also false for NaN
        raise ValueError(problem)
    if name == "max_zip_ratio":
        return number
    return max(1, int(number * unit)) if unit else max(1, int(number))


def _mb(size: float) -> str:
    if size < MB // 10:
        return f"{size:,.0f} bytes"
    return f"{size / MB:.1f} MB" if size % MB else f"{size // MB:.0f} MB"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Each form is tried in turn at the start of the value; a date must end at a
# word boundary so "2021-06-231" is not read as a date.
_ISO_DATE = r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
_ISO_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"
_DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", _ISO_DATE + _ISO_TIME + r"?(?![\w-])"),
        ("iso", r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\w/])"),
        ("dmy", r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})(?![\w/.]\w)"),
        ("dmy", r"(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>\d{4})(?![\w-])"),
        ("name", _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"(?!\w)"),
        ("name", _WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR + r"(?!\w)"),
    )
)
# What may follow a date in a metadata value: a clock time and a zone.
_TIME_TAIL_RE = re.compile(
    r"(?:[\sT,]*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[A-Z]{2,5}|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)?)?\s*",
    re.IGNORECASE,
)
_HEADER_RE = re.compile(r"\A\s*date(?P<colon>[ \t]*:)?[ \t]*", re.IGNORECASE)
_MD_TITLE_RE = re.compile(r"#[ \t]+([^\n]{1,500}?)[ \t#]*(?:\n|\Z)")
_TOKEN_RE = re.compile(r"\S*")
_NON_SPACE_RE = re.compile(r"\S")
# An unparseable value after "date:" is taken as the header when the first line is this short.
_HEADER_LINE_MAX = 60


@dataclass(frozen=True)
class DateValue:
    """The outcome of reading one date string: a date, or why there is none.

    ``month`` is set (with ``value=None``) for a header that names only a
    month (`` date 2021-08``): a month to date the article by, not a day.
    """

    raw: str
    value: date | None
    problem: str | None = None
    note: str | None = None
    month: tuple[int, int] | None = None


def parse_date_value(raw: str, *, today: date | None = None) -> DateValue:
    """Read a whole date string strictly: ISO, day-first numeric, or month name.

    Never fills in missing parts from today and never moves a date into the
    future; an impossible, unparseable or future date comes back with
    ``value=None`` and a ``problem`` in words.
    """
    text = raw.strip()
    found = _match_date(text)
    if found is None or not _TIME_TAIL_RE.fullmatch(text, found[1]):
        return DateValue(raw, None, _unknown_format(raw))
    return _check_date(found[0], today)


def parse_date_header(text: str, *, today: date | None = None) -> tuple[DateValue | None, str]:
    """Split an optional first-line date header off ``text``.

    Returns ``(date value or None, text after the header)``. The header is
    `` date 2021-06-23`` after optional whitespace, with an optional ``:``
    after ``date`` and any of the accepted date forms; the article may
    continue on the same line. Without a recognisable header the text is
    returned unchanged.
    """
    value, start = _split_header(text, today)
    return value, text[start:] if start else text


def _split_header(text: str, today: date | None) -> tuple[DateValue | None, int]:
    """Find the header; return its value and where the article text starts.

    Works with positions rather than slices so a 20 MB article is not copied.
    """
    head = _HEADER_RE.match(text)
    if head is None:
        return None, 0
    pos = head.end()
    found = _match_date(text, pos)
    if found is not None:
        parsed, end = found
        return _check_date(parsed, today, raw=text[pos:end]), end
    month = _match_month(text, pos, today)
    if month is not None:
        return month
    if head.group("colon") is None:
        return None, 0  # "Date palms grow..." is an article, not a header.
    line_end = text.find("\n", pos, pos + 4 * _HEADER_LINE_MAX)
    line = text[pos:line_end].strip() if line_end >= 0 else None
    if line is not None and len(line) <= _HEADER_LINE_MAX:
        # "date: unknown" on a line of its own: the whole line is the header.
        return DateValue(line, None, _unknown_format(line, "date header")), line_end
    token_end = _TOKEN_RE.match(text, pos).end()  # type: ignore[union-attr]  # \S* always matches
    raw = text[pos : min(token_end, pos + 100)]
    return DateValue(raw, None, _unknown_format(raw, "date header")), token_end


# A header that gives only a month: "2021-08", "2021/08", "08/2021", "August 2021", "Aug. 2021".
_MONTH_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?P<year>\d{4})[-/](?P<month>\d{1,2})(?![\w/-])",
        r"(?P<month>\d{1,2})/(?P<year>\d{4})(?![\w/-])",
        _MONTH + r",?\s+" + _YEAR + r"(?![\w-])",
    )
)


def _match_month(text: str, pos: int, today: date | None) -> tuple[DateValue, int] | None:
    """A month-only header at ``pos``: its value (``month`` set, or a problem) and where it ends."""
    for pattern in _MONTH_FORMS:
        m = pattern.match(text, pos)
        if m is None:
            continue
        raw = m.group(0)
        word = m.group("month")
        month = _MONTHS.get(word.lower().rstrip(".")) if word[0].isalpha() else int(word)
        year = int(m.group("year"))
        today = today or date.today()
        if month is None or not 1 <= month <= 12:
            return DateValue(raw, None, f"date {_show(raw)} is not a real month"), m.end()
        if year < 1900:
            return DateValue(
                raw, None, f"date {_show(raw)} is before 1900, which cannot be a news date"
            ), m.end()
        if date(year, month, 1) > today:
            return DateValue(
                raw, None, f"date {_show(raw)} is in the future (today is {today.isoformat()})"
            ), m.end()
        return DateValue(raw, None, month=(year, month)), m.end()
    return None


# How an article dated only to a month says so: ``published`` stays None, ``published_source``
# is "header" and ``published_reason`` names the month in this form (see ``published_month``).
_MONTH_REASON = "the first line of the article gives only the month {year:04d}-{month:02d} ({raw}), not a day"
_MONTH_REASON_RE = re.compile(r"the first line of the article gives only the month (\d{4})-(\d{2}) ")


def published_month(article: Article) -> tuple[int, int] | None:
    """The (year, month) an article is dated to when its date line gives only a month, else None."""
    if article.published is not None or article.published_source != "header":
        return None
    m = _MONTH_REASON_RE.match(article.published_reason or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _unknown_format(raw: str, what: str = "date") -> str:
    return (
        f"{what} {_show(raw)} is not a date in a known format "
        "(expected YYYY-MM-DD, DD/MM/YYYY or 'June 23, 2021')"
    )


def _match_date(text: str, pos: int = 0) -> tuple[tuple[str, int, int, int, str], int] | None:
    """Match a date form at ``pos``: ((kind, year, month, day, matched text), end)."""
    for kind, pattern in _DATE_FORMS:
        m = pattern.match(text, pos)
        if m is None:
            continue
        month = m.group("month")
        month_no = _MONTHS[month.lower().rstrip(".")] if kind == "name" else int(month)
        return (kind, int(m.group("year")), month_no, int(m.group("day")), m.group(0)), m.end()
    return None


def _check_date(
    found: tuple[str, int, int, int, str], today: date | None, raw: str | None = None
) -> DateValue:
    kind, year, month, day, matched = found
    raw = matched if raw is None else raw
    note = None
    try:
        value = date(year, month, day)
    except ValueError as error:
        # 06/23/2021 cannot be day first; read month first rather than lose it.
        if kind == "dmy" and month > 12 and day <= 12:
            try:
                value = date(year, day, month)
                note = f"date {_show(raw)} read as month/day/year"
            except ValueError:
                return DateValue(raw, None, f"date {_show(raw)} is not a real date ({error})")
        else:
            return DateValue(raw, None, f"date {_show(raw)} is not a real date ({error})")
    today = today or date.today()
    if value > today:
        return DateValue(
            raw, None, f"date {_show(raw)} is in the future (today is {today.isoformat()})"
        )
    if year < 1900:
        return DateValue(
            raw, None, f"date {_show(raw)} is before 1900, which cannot be a news date"
        )
    return DateValue(raw, value, None, note)


# ---------------------------------------------------------------------------
# A date printed on the page
# ---------------------------------------------------------------------------

# Scraped pages keep their date as a line of text near the top: "Published - June 21,
# 2021 10:14 pm IST", "(Last Updated On: May 18, 2018 6:02 pm)", "PublishDate: Wednesday,
# October 23, 2019 12:12", "Posted on 2016-05-02", "Wednesday, 23 June 2021 - 07:59",
# "| @agency | Jul 11, 2021, at 05:32 am", or a date alone under the headline.
PAGE_DATE_REACH = 2000
PAGE_DATE_LINES = 40
_PAGE_LABEL_RE = re.compile(
    r"[(\[]?\s*(?P<label>(?:first\s+|originally\s+)?(?:published|posted)(?:\s+on)?|"
    r"publish(?:ed)?[ _-]?date|date\s+published|created(?:\s+on)?|"
    r"(?:last\s+)?(?:updated|modified)(?:\s+on)?|date(?:d)?(?=\s*:)|"
    # "Written by Staff Writer on August 12, 2021", "By Ahmad Shah - 12 Aug 2021"
    r"(?:written\s+)?by\s+[\w.'’ -]{2,40}?\s+(?:on|[-–—,])(?=\s))\s*(?:[:\-–—]\s*)?"
    # "Updated 3:45 PM ET, Thu August 12, 2021": a clock time before the date
    r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\s*)?,?\s*)?",
    re.IGNORECASE,
)
# What may follow a date on a page's date line: a clock time, a zone, punctuation.
_PAGE_TAIL_RE = re.compile(
    r"[\s,/\-–—]*(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?[\s)\].]*",
)
_PAGE_BULLETS = " \t•·*>|–—-"


@dataclass(frozen=True)
class _PageDate:
    value: DateValue
    line: str
    labelled: bool
    updated: bool


def _page_date_candidates(text: str, today: date | None) -> list[_PageDate]:
    """Date lines among the first lines of a page, in order."""
    found: list[_PageDate] = []
    for line in text[:PAGE_DATE_REACH].splitlines()[:PAGE_DATE_LINES]:
        if len(line) > 200 or not any(ch.isdigit() for ch in line):
            continue
        for segment in line.split("|"):
            part = segment.strip(_PAGE_BULLETS)
            label = _PAGE_LABEL_RE.match(part)
            pos = label.end() if label else 0
            if not label and part[:1] == "(":
                pos = 1
            got = _match_date(part, pos)
            if got is None or not _PAGE_TAIL_RE.fullmatch(part, got[1]):
                continue
            value = _check_date(got[0], today)
            if value.value is None:
                continue
            updated = bool(label) and bool(re.search(r"updated|modified", label.group("label"), re.IGNORECASE))
            found.append(_PageDate(value, line.strip(), bool(label), updated))
    return found


def find_page_date(text: str, *, today: date | None = None) -> tuple[date, str] | None:
    """The publication day a page prints in its text, and the reason; None when it prints none.

    A labelled line ("Published:", "Posted on", "PublishDate:") wins over an
    "Updated" one, and either over a bare date line. Of two bare date lines, a
    first one later than the second is the site's current date (a masthead
    clock shows the day the page was saved, never before the article's), so
    the second is the article's.
    """
    found = _page_date_candidates(text, today)
    if not found:
        return None
    for group in (
        [c for c in found if c.labelled and not c.updated],
        [c for c in found if c.updated],
    ):
        if group:
            c = group[0]
            return c.value.value, f"the page's date line gives the date ({_show(c.line, 60)})"  # type: ignore[return-value]
    first = found[0]
    if len(found) > 1 and first.value.value > found[1].value.value:  # type: ignore[operator]
        c = found[1]
        return c.value.value, (  # type: ignore[return-value]
            f"the page's date line gives the date ({_show(c.line, 60)}); "
            f"{_show(first.line, 60)} above it is the site's current date"
        )
    return first.value.value, f"the page's date line gives the date ({_show(first.line, 60)})"  # type: ignore[return-value]


def _header_reason(header: DateValue) -> str:
    return f"the first line of the article gives the date ({header.raw.strip()})"


def _show(value: str, limit: int = 40) -> str:
    value = value if len(value) <= limit else value[: limit - 3] + "..."
    return repr(value)


# ---------------------------------------------------------------------------
# Building articles
# ---------------------------------------------------------------------------


@dataclass
class _Draft:
    """An article being assembled: later sources only fill what is still missing."""

    text: str
    name: str
    origin: str
    id: str | None = None
    published: date | None = None
    published_source: str | None = None
    published_reason: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    warnings: list[str] = field(default_factory=list)
    today: date | None = None
    month: DateValue | None = None

    def warn(self, message: str) -> None:
        self.warnings.append(_one_line(message))

    def take_date(self, value: DateValue | None, source: str, reason: str) -> None:
        if value is None:
            return
        if value.month is not None:
            if self.month is None:
                self.month = value
            return
        if value.problem:
            self.warn(
                f"{value.problem}; published left empty"
                if self.published is None
                else value.problem
            )
            return
        if value.note:
            self.warn(value.note)
        if self.published is None and value.value is not None:
            self.published, self.published_source, self.published_reason = (
                value.value,
                source,
                reason,
            )

    def take_fields(self, fields: Mapping[str, object], where: str) -> None:
        for key in ("title", "publisher"):
            raw = fields.get(key)
            if raw is None:
                continue
            if not isinstance(raw, str):
                self.warn(
                    f"{where}: expected text for {key!r}, instead got: {_show(repr(raw))}; ignored"
                )
            elif getattr(self, key) is None and raw.strip():
                setattr(self, key, _clean_field(raw))
        raw_url = fields.get("url")
        if raw_url is not None and self.url is None:
            url = _clean_url(raw_url)
            if url is None:
                self.warn(
                    f"{where}: expected an http(s) URL for 'url', "
                    f"instead got: {_show(str(raw_url))}; ignored"
                )
            else:
                self.url = url

    def _take_page_date(self, text: str) -> None:
        """A date the page prints near its top (within the month of a month-only header)."""
        found = find_page_date(text, today=self.today)
        if found is None:
            return
        day, reason = found
        if self.month is not None and self.month.month != (day.year, day.month):
            return
        self.published, self.published_source, self.published_reason = day, "header", reason

    def finish(self, user_date: date | None, ids: _Ids | None) -> Article | Skipped:
        # Zero-width characters go before any offset is taken: "Cha\u200dhab" is Chahab.
        text = drop_invisible(self.text).strip()
        if not text:
            return Skipped(self.origin, "no article text (empty or whitespace only)")
        if self.published is None:
            self._take_page_date(text)
        if self.published is None and user_date is not None:
            self.published, self.published_source = user_date, "user"
            self.published_reason = (
                f"the article gives no date; the user supplied {user_date.isoformat()}"
            )
        if self.published is None and self.month is not None and self.month.month is not None:
            year, month = self.month.month
            self.published_source = "header"
            self.published_reason = _MONTH_REASON.format(
                year=year, month=month, raw=_show(self.month.raw.strip())
            )
        publisher = self.publisher or _domain(self.url)
        base = self.id or _printable(_stem(self.name)) or _hash(text)[:16]
        article_id, duplicate_of = (ids or _Ids()).allocate(base, text, self.origin)
        if duplicate_of is not None:
            self.warn(f"same text as {duplicate_of}")
        return Article(
            id=article_id,
            text=text,
            published=self.published,
            published_source=self.published_source,  # type: ignore[arg-type]
            title=self.title,
            url=self.url,
            publisher=publisher,
            origin=self.origin,
            warnings=tuple(self.warnings),
            published_reason=self.published_reason,
        )


class _Ids:
    """Hands out unique article ids within one call and spots repeated texts."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._texts: dict[str, str] = {}

    def allocate(self, base: str, text: str, origin: str) -> tuple[str, str | None]:
        return self.allocate_digest(base, _hash(text), origin)

    def allocate_digest(self, base: str, digest: str, origin: str) -> tuple[str, str | None]:
        """``allocate`` for a text known by its sha256 (a worker's article, on the client)."""
        article_id = base
        if article_id in self._taken:
            article_id = f"{base}~{digest[:8]}"
            n = 2
            while article_id in self._taken:
                article_id = f"{base}~{digest[:8]}-{n}"
                n += 1
        self._taken.add(article_id)
        duplicate_of = self._texts.get(digest)
        if duplicate_of is None:
            self._texts[digest] = f"article {article_id!r} ({origin})"
        return article_id, duplicate_of


def _apply_meta(draft: _Draft, meta: Mapping[str, object] | None, meta_name: str) -> None:
    if not meta:
        return
    raw = meta.get("date", meta.get("published"))
    if raw is not None:
        if isinstance(raw, str):
            value = parse_date_value(raw, today=draft.today)
            if draft.published is None:
                draft.take_date(value, "user", f"the sidecar file {meta_name} gives the date")
            elif value.problem:
                draft.warn(f"{meta_name}: {value.problem}")
        else:
            draft.warn(
                f"{meta_name}: expected a date string for 'date', "
                f"instead got: {_show(repr(raw))}; ignored"
            )
    draft.take_fields(meta, meta_name)


def _decode_or_skip(
    data: bytes, origin: str, declared: str | None = None
) -> tuple[str, tuple[str, ...]] | Skipped:
    try:
        decoded = decode_bytes(data, declared=declared)
    except BinaryInput as error:
        return Skipped(
            origin, f"binary file ({error.kind}), not an article: expected text, HTML or JSON Lines"
        )
    return normalize_text(decoded.text), decoded.warnings


def _size_skip(size: int, origin: str, limits: Limits) -> Skipped | None:
    if size > limits.max_article_bytes:
        return Skipped(origin, f"file is {_mb(size)}, over {limits.describe('max_article_bytes')}")
    return None


def read_text_article(
    data: bytes,
    *,
    name: str,
    origin: str,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    meta: Mapping[str, object] | None = None,
    meta_name: str = "sidecar",
    _ids: _Ids | None = None,
) -> Article | Skipped:
    """Read one plain-text (or Markdown) article from its bytes.

    ``name`` gives the id (its stem) and ``origin`` is used in messages. The
    optional first-line date header is removed from the text. ``meta`` is a
    sidecar's fields (date, title, url, publisher), used where the text has none.
    """
    origin = _printable(origin)
    if (skipped := _size_skip(len(data), origin, limits)) is not None:
        return skipped
    decoded = _decode_or_skip(data, origin)
    if isinstance(decoded, Skipped):
        return decoded
    text, warnings = decoded
    draft = _Draft(text="", name=name, origin=origin, warnings=list(warnings), today=today)
    header, start = _split_header(text, today)
    body = _strip_from(text, start)
    if header is not None:
        draft.take_date(header, "header", _header_reason(header))
        if not body:
            return Skipped(origin, "only a date header, no article text")
    draft.text = join_soft_wraps(unescape_entities(body))
    if name.lower().endswith(".md") and (heading := _MD_TITLE_RE.match(body)):
        draft.title = _clean_field(heading.group(1))  # the heading stays in the text
    _apply_meta(draft, meta, meta_name)
    return draft.finish(user_date, _ids)


def read_html_article(
    data: bytes,
    *,
    name: str,
    origin: str,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    meta: Mapping[str, object] | None = None,
    meta_name: str = "sidecar",
    _ids: _Ids | None = None,
) -> Article | Skipped:
    """Read one saved web page: visible text, title, date and publisher.

    Scripts, styles, comments, CDATA and hidden elements are dropped; the
    date comes from ``article:published_time`` (or a similar meta tag) else
    the first ``<time datetime>``, with ``published_source="header"``.
    """
    origin = _printable(origin)
    if (skipped := _size_skip(len(data), origin, limits)) is not None:
        return skipped
    decoded = _decode_or_skip(data, origin, declared_charset(data))
    if isinstance(decoded, Skipped):
        return decoded
    markup, warnings = decoded
    page = parse_html(markup)
    draft = _Draft(text="", name=name, origin=origin, warnings=list(warnings), today=today)
    header, start = _split_header(page.text, today)
    body = _strip_from(page.text, start)
    if page.published:
        value = parse_date_value(page.published, today=today)
        draft.take_date(value, "header", f"the page's {page.published_from} tag gives the date")
    if header is not None:
        draft.take_date(header, "header", _header_reason(header))
    draft.text = body
    draft.title = _clean_field(page.title) if page.title else None
    draft.publisher = _clean_field(page.publisher) if page.publisher else None
    if page.url:
        draft.url = _clean_url(page.url)
    _apply_meta(draft, meta, meta_name)
    if not draft.text:
        return Skipped(origin, "no visible text in the HTML page")
    return draft.finish(user_date, _ids)


def iter_jsonl(
    source: bytes | str | Path,
    *,
    origin: str | None = None,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    _ids: _Ids | None = None,
) -> Iterator[Article | Skipped]:
    """Read JSON Lines articles, one per line, streaming a file line by line.

    ``source`` is the file's bytes or its path. Each line needs ``text``;
    ``date`` (or ``published``), ``url``, ``title``, ``id`` and ``publisher``
    are optional. A bad line is Skipped as ``origin:LINE`` and reading goes on.
    The article size limit applies to each line, not to the whole file.
    """
    ids = _ids or _Ids()
    if isinstance(source, bytes | bytearray | memoryview):
        where = _printable(origin or "<jsonl>")
        yield from _jsonl_lines(io.BytesIO(bytes(source)), where, limits, user_date, today, ids)
        return
    path = Path(source)
    where = _printable(origin or str(path))
    try:
        with open_binary(path) as handle:
            yield from _jsonl_lines(handle, where, limits, user_date, today, ids)
    except (OSError, EOFError, zlib.error) as error:  # unreadable, or damaged halfway through
        yield Skipped(where, f"cannot read: {_stream_reason(error)}")


def open_binary(path: str | Path, opener: Any = None) -> io.BufferedIOBase:
    """A file opened for reading, decompressed on the fly when its name ends in .gz.

    ``opener(path)`` opens another filesystem's file (an fsspec URL) instead of the local one.
    """
    import gzip

    raw = opener(path) if opener is not None else open(path, "rb")  # noqa: SIM115
    if str(path).lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _stream_reason(error: BaseException) -> str:
    if isinstance(error, OSError) and not isinstance(error, EOFError) and error.strerror:
        return _os_reason(error)
    return f"damaged compressed file ({type(error).__name__}: {_one_line(str(error))})"


def iter_jsonl_range(
    handle: io.BufferedIOBase,
    *,
    origin: str,
    start: int,
    end: int,
    first_line: int,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    _ids: _Ids | None = None,
) -> Iterator[Article | Skipped]:
    """The JSON Lines articles whose lines *start* in bytes ``[start, end)`` of a seekable file.

    How a large file is cut into partitions that several processes read at
    once: every line belongs to exactly one range. ``first_line`` is the
    number of the first line starting at or after ``start`` (counted by the
    caller), so skipped lines are named ``origin:LINE`` as in :func:`iter_jsonl`.
    The whole-file binary check is made on the file's head by every range.
    """
    ids = _ids or _Ids()
    where = _printable(origin)
    head = handle.read(_SNIFF)
    kind = _binary_kind(head)
    if kind is not None:
        if start == 0:
            yield Skipped(where, f"binary file ({kind}), not JSON Lines: expected UTF-8 text, one JSON object per line")
        return
    if start > 0:
        handle.seek(start - 1)
        _read_line(handle, end + 1)  # the end of the line that began before ``start``
    else:
        handle.seek(0)
    yield from _numbered_lines(handle, where, first_line, end, limits, user_date, today, ids)


def _binary_kind(head: bytes) -> str | None:
    kind = sniff_binary(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_utf16(head):
        return "UTF-16"
    if kind == "NUL bytes" and head.count(0) < len(head) // 4:
        return None  # a junk line among good ones is skipped on its own
    return kind


PARQUET_FIELDS = ("text", "date", "published", "url", "title", "id", "publisher")


def iter_parquet(
    source: str | Path | Any,
    *,
    origin: str | None = None,
    row_groups: Iterable[int] | None = None,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    _ids: _Ids | None = None,
) -> Iterator[Article | Skipped]:
    """Read the articles of a Parquet file, one row group at a time (never the whole file).

    Columns as in JSON Lines (``text``, optional ``date``, ``url``, ``title``,
    ``id``, ``publisher``; others are ignored). A bad row is Skipped as
    ``origin:ROW`` (counted from 1), like a bad JSON Lines line.
    ``source`` is a path or an open binary file (an fsspec file).
    """
    import pyarrow.parquet as pq

    ids = _ids or _Ids()
    where = _printable(origin or str(source))
    try:
        pf = pq.ParquetFile(source)
    except Exception as error:  # noqa: BLE001 - pyarrow raises many types for a bad file
        yield Skipped(where, f"not a readable Parquet file ({type(error).__name__}: {_one_line(str(error))[:200]})")
        return
    names = [n for n in pf.schema_arrow.names if n in PARQUET_FIELDS]
    if "text" not in names:
        yield Skipped(where, "Parquet file has no 'text' column; each row needs the article text in 'text'")
        return
    meta = pf.metadata
    offsets = [0]
    for i in range(meta.num_row_groups):
        offsets.append(offsets[-1] + meta.row_group(i).num_rows)
    for group in row_groups if row_groups is not None else range(meta.num_row_groups):
        try:
            table = pf.read_row_group(group, columns=names)
        except Exception as error:  # noqa: BLE001
            yield Skipped(f"{where}:row group {group}", f"cannot read ({type(error).__name__}: {_one_line(str(error))[:200]})")
            continue
        for n, record in enumerate(table.to_pylist(), start=offsets[group] + 1):
            at = f"{where}:{n}"
            text = record.get("text")
            if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > limits.max_article_bytes:
                yield Skipped(at, f"text is over {limits.describe('max_article_bytes')}")
                continue
            if isinstance(text, bytes):
                record["text"] = text.decode("utf-8", errors="replace")
            yield _record_article(record, at, user_date, today, ids)


def _jsonl_lines(
    handle: io.BufferedIOBase,
    where: str,
    limits: Limits,
    user_date: date | None,
    today: date | None,
    ids: _Ids,
) -> Iterator[Article | Skipped]:
    head = handle.read(_SNIFF)
    handle.seek(0)
    kind = _binary_kind(head)
    if kind is not None:
        yield Skipped(
            where,
            f"binary file ({kind}), not JSON Lines: expected UTF-8 text, one JSON object per line",
        )
        return
    yield from _numbered_lines(handle, where, 1, None, limits, user_date, today, ids)


def _numbered_lines(handle: io.BufferedIOBase, where: str, first_line: int, end: int | None, limits: Limits,
                    user_date: date | None, today: date | None, ids: _Ids) -> Iterator[Article | Skipped]:
    """The articles of the lines from the handle's position (to byte ``end``), named ``where:LINE``."""
    number = first_line - 1
    while end is None or handle.tell() < end:
        line, too_long = _read_line(handle, limits.max_article_bytes)
        if not line and not too_long:
            return
        number += 1
        at = f"{where}:{number}"
        if too_long:
            yield Skipped(at, f"line is over {limits.describe('max_article_bytes')}")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        yield _jsonl_article(line, at, user_date, today, ids)


def _read_line(handle: io.BufferedIOBase, limit: int) -> tuple[bytes, bool]:
    """Read one line of at most ``limit`` bytes; skip (without keeping) a longer one."""
    line = handle.readline(limit + 2)
    if len(line.rstrip(b"\r\n")) <= limit:
        return line, False
    while not line.endswith(b"\n"):  # drop the rest of the over-long line, chunk by chunk
        line = handle.readline(_CHUNK)
        if not line:
            break
    return b"", True


def _jsonl_article(
    line: bytes, origin: str, user_date: date | None, today: date | None, ids: _Ids
) -> Article | Skipped:
    warnings: list[str] = []
    if b"\x00" in line:
        if b"\x00\x00" in line or line.count(0) * 10 > len(line):
            return Skipped(origin, "binary data (NUL bytes) in a JSON Lines line")
        nuls = line.count(0)  # a converter's litter in a good line: drop it, keep the article
        line = line.replace(b"\x00", b"")
        warnings.append(f"{nuls} stray NUL byte{'s' if nuls != 1 else ''} dropped from the line")
    try:
        raw = line.decode("utf-8")
    except UnicodeDecodeError:
        raw = line.decode("cp1252", errors="replace")
        warnings.append("line is not valid UTF-8; decoded as cp1252")
    try:
        record = loads_json(raw)
    except json.JSONDecodeError as error:
        return Skipped(origin, f"malformed JSON ({error.msg} at column {error.colno})")
    except RecursionError:
        return Skipped(origin, "malformed JSON (nested too deeply)")
    except ValueError as error:  # anything else json or int() may refuse: this line only
        return Skipped(origin, f"malformed JSON ({_one_line(str(error))[:200]})")
    if not isinstance(record, dict):
        return Skipped(
            origin,
            f"expected a JSON object with a 'text' field, instead got a {_json_type(record)}",
        )
    return _record_article(record, origin, user_date, today, ids, warnings)


def _record_article(
    record: Mapping[str, Any],
    origin: str,
    user_date: date | None,
    today: date | None,
    ids: _Ids,
    warnings: list[str] | None = None,
) -> Article | Skipped:
    """An article from one record (a JSON Lines object or a Parquet row)."""
    warnings = warnings if warnings is not None else []
    text = record.get("text")
    if not isinstance(text, str) or not text or text.isspace():
        what = (
            "no 'text' field"
            if text is None
            else (
                "'text' is empty"
                if isinstance(text, str)
                else f"'text' is a {_json_type(text)}, not a string"
            )
        )
        return Skipped(origin, f"{what}; each line needs the article text in 'text'")
    draft = _Draft(text="", name="", origin=origin, warnings=warnings, today=today)
    key = "date" if record.get("date") is not None else "published"
    raw_date = record.get(key)
    if raw_date is not None:
        if isinstance(raw_date, date):  # a Parquet date or timestamp column
            raw_date = raw_date.isoformat()[:10]
        if isinstance(raw_date, str):
            reason = f"the JSON Lines record's {key!r} field gives the date"
            draft.take_date(parse_date_value(raw_date, today=today), "header", reason)
        else:
            draft.warn(
                f"expected a date string for 'date', instead got: {_show(repr(raw_date))}; ignored"
            )
    body = normalize_text(text)
    header, start = _split_header(body, today)
    if header is not None:
        draft.take_date(header, "header", _header_reason(header))
    draft.text = join_soft_wraps(unescape_entities(_strip_from(body, start)))
    draft.take_fields(record, "record")
    raw_id = record.get("id")
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        draft.id = _printable(str(raw_id).strip())[:200]
    elif raw_id is not None:
        draft.warn(
            f"expected a string or number for 'id', instead got: {_show(repr(raw_id))}; "
            "used a content hash"
        )
    if draft.id is None:
        draft.id = _hash(draft.text)[:16]
    if not draft.text:
        return Skipped(origin, "only a date header, no article text")
    return draft.finish(user_date, ids)


# Python refuses int() of more than 4,300 digits (a guard against slow
# conversions); a longer JSON integer is read as a float (inf), so the field
# it sits in is ignored with a warning and the line's article is kept.
_MAX_INT_DIGITS = 640


class _HugeNumber(float):
    """A JSON integer too long to convert: infinity, named by its length in messages."""

    digits: int = 0

    def __repr__(self) -> str:
        return f"a number of {self.digits:,} digits"


def _parse_int(digits: str) -> int | float:
    if len(digits) <= _MAX_INT_DIGITS:
        return int(digits)
    huge = _HugeNumber("-inf" if digits.startswith("-") else "inf")
    huge.digits = len(digits.lstrip("-"))
    return huge


def loads_json(raw: str) -> Any:
    """``json.loads`` that never fails on a number: a 5,000-digit integer becomes a float."""
    return json.loads(raw, parse_int=_parse_int)


def _json_type(value: object) -> str:
    return {
        list: "list",
        dict: "object",
        str: "string",
        int: "number",
        float: "number",
        bool: "boolean",
        type(None): "null",
    }.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------
# Zip uploads
# ---------------------------------------------------------------------------


def read_zip(
    data: bytes,
    *,
    origin: str,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    _ids: _Ids | None = None,
) -> Iterator[Article | Skipped]:
    """Read the articles in a zip (the app's upload), refusing what is unsafe.

    Rejects the whole upload when it is over the upload size, holds too many
    files, or declares more uncompressed bytes than allowed. Skips members
    with ``..`` or absolute paths, encrypted ones, nested zips (never
    expanded), and any whose declared or actual size or compression ratio is
    over the limits; decompression stops as soon as a limit is passed.
    Members are read in name order; ``origin/member`` names each one.
    """
    origin = _printable(origin)
    ids = _ids or _Ids()
    if len(data) > limits.max_upload_bytes:
        yield Skipped(
            origin, f"upload is {_mb(len(data))}, over {limits.describe('max_upload_bytes')}"
        )
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as error:
        yield Skipped(
            origin, f"not a readable zip file ({_one_line(str(error)) or type(error).__name__})"
        )
        return
    with archive:
        files = [info for info in infos if not info.filename.endswith("/")]
        if len(files) > limits.max_zip_files:
            yield Skipped(
                origin, f"zip holds {len(files)} files, over {limits.describe('max_zip_files')}"
            )
            return
        declared = sum(info.file_size for info in files)
        if declared > limits.max_zip_uncompressed_bytes:
            yield Skipped(
                origin,
                f"zip would unpack to {_mb(declared)}, over "
                f"{limits.describe('max_zip_uncompressed_bytes')}",
            )
            return
        metas = {
            info.filename: info for info in files if info.filename.lower().endswith(META_SUFFIX)
        }
        budget = [limits.max_zip_uncompressed_bytes]
        for info in sorted(files, key=lambda i: i.filename):
            name = info.filename
            where = f"{origin}/{_printable(name)}"
            unsafe = _unsafe_member(name)
            if unsafe:
                yield Skipped(where, f"unsafe path in zip ({unsafe}); not read")
                continue
            pure = PurePosixPath(name)
            if name in metas or _ignored_member(pure):
                continue
            suffix = pure.suffix.lower()
            if suffix == ".zip":
                yield Skipped(where, "nested zip file; nested archives are not expanded")
                continue
            if suffix not in ARTICLE_SUFFIXES:
                yield Skipped(where, f"unsupported file type {suffix or '(none)'!r}: {_SUPPORTED}")
                continue
            member = _read_member(archive, info, where, limits, budget)
            if isinstance(member, Skipped):
                yield member
                continue
            if suffix in JSONL_SUFFIXES:
                yield from iter_jsonl(
                    member, origin=where, limits=limits, user_date=user_date, today=today, _ids=ids
                )
                continue
            meta, meta_name, warning = _zip_meta(archive, metas, pure)
            reader = read_html_article if suffix in HTML_SUFFIXES else read_text_article
            result = reader(
                member,
                name=pure.name,
                origin=where,
                limits=limits,
                user_date=user_date,
                today=today,
                meta=meta,
                meta_name=meta_name,
                _ids=ids,
            )
            yield _with_warning(result, warning)


def _unsafe_member(name: str) -> str | None:
    if not name.strip():
        return "empty name"
    if "\x00" in name:
        return "NUL in name"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or re.match(r"[A-Za-z]:", posix):
        return "absolute path"
    if ".." in posix.split("/"):
        return "'..' in path"
    return None


def _ignored_member(path: PurePosixPath) -> bool:
    """macOS resource forks and hidden files are zip clutter, not articles."""
    return any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, limits: Limits, budget: list[int]
) -> bytes | Skipped:
    if info.flag_bits & 0x1:
        return Skipped(where, "encrypted zip member; not read")
    # A JSON Lines member holds many articles: only the unpacked-size budget bounds it.
    cap_name = (
        "max_zip_uncompressed_bytes"
        if info.filename.lower().endswith(".jsonl")
        else "max_article_bytes"
    )
    cap = getattr(limits, cap_name)
    if info.file_size > cap:
        return Skipped(where, f"member is {_mb(info.file_size)}, over {limits.describe(cap_name)}")
    if info.file_size > _RATIO_MIN_BYTES and info.file_size > limits.max_zip_ratio * max(
        info.compress_size, 1
    ):
        return Skipped(
            where,
            f"compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 "
            f"is over {limits.describe('max_zip_ratio')} (zip bomb?)",
        )
    allowed = min(cap, budget[0])
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(min(_CHUNK, allowed + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > allowed:
                    which = cap_name if allowed == cap else "max_zip_uncompressed_bytes"
                    return Skipped(
                        where, f"member unpacks past {limits.describe(which)} (zip bomb?)"
                    )
                if total > _RATIO_MIN_BYTES and total > limits.max_zip_ratio * max(
                    info.compress_size, 1
                ):
                    return Skipped(
                        where, f"member unpacks past {limits.describe('max_zip_ratio')} (zip bomb?)"
                    )
                chunks.append(chunk)
    except _ZIP_ERRORS as error:
        return Skipped(
            where, f"cannot unpack zip member ({type(error).__name__}: {_one_line(str(error))})"
        )
    budget[0] -= total
    return b"".join(chunks)


def _zip_meta(
    archive: zipfile.ZipFile, metas: Mapping[str, zipfile.ZipInfo], path: PurePosixPath
) -> tuple[Mapping[str, object] | None, str, str | None]:
    for candidate in (f"{path}{META_SUFFIX}", str(path.with_suffix(META_SUFFIX))):
        info = metas.get(candidate)
        if info is None:
            continue
        shown = _printable(candidate)
        if info.file_size > _MAX_META_BYTES or info.flag_bits & 0x1:
            return None, shown, f"sidecar {shown} ignored: too large or encrypted"
        try:
            with archive.open(info) as stream:
                raw = stream.read(_MAX_META_BYTES + 1)
        except _ZIP_ERRORS as error:  # a corrupt sidecar must not cost the article
            return None, shown, f"sidecar {shown} ignored: {type(error).__name__}"
        meta, warning = _parse_meta(raw, shown)
        return meta, shown, warning
    return None, "sidecar", None


# ---------------------------------------------------------------------------
# Files and folders
# ---------------------------------------------------------------------------

_SUPPORTED = "expected .txt, .md, .html, .htm or .jsonl (or a .zip of them), .jsonl.gz or .parquet"
READ_SUFFIXES = ARTICLE_SUFFIXES | ARCHIVE_SUFFIXES


def input_suffix(name: str) -> str:
    """The type of an input by its name: ``.jsonl.gz`` counts as one suffix."""
    lower = name.lower()
    if lower.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return PurePosixPath(lower).suffix


def list_inputs(paths: Iterable[str | Path] | str | Path) -> Iterator[tuple[Path, bool] | Skipped]:
    """The files ``read_articles`` would read, in its order, without opening any.

    Yields ``(path, explicit)`` for each file (``explicit``: named by the user
    rather than found in a folder) and a Skipped for what the walk itself
    refuses (loops, unreadable folders, a file reached twice). How a large
    batch is cut into partitions that other processes read with
    :func:`read_listed`.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    walk = _Walk(limits=Limits(), user_date=None, today=None)
    stack: list[Iterator[tuple[Path, bool]]] = [((Path(raw), True) for raw in paths)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, explicit = entry
        children = walk.folder(path)
        if isinstance(children, list):
            stack.append(iter(children))
            continue
        if children is not None:
            yield children
            continue
        try:
            info = path.stat()
        except OSError as error:
            # The reader names the problem (a path too long, no permission), as in
            # one process; a vanished or dangling entry of another type stays silent.
            if explicit or not isinstance(error, FileNotFoundError) or _wanted(path):
                yield path, explicit
            continue
        if not explicit and not _wanted(path):
            continue
        key = (info.st_dev, info.st_ino)
        origin = _printable(str(path))
        if key in walk.seen_files:
            yield Skipped(origin, f"same file as {walk.seen_files[key]} (already read)")
            continue
        walk.seen_files[key] = origin
        yield path, explicit


def _wanted(path: Path) -> bool:
    """Whether a folder walk reads a file of this name."""
    name = path.name.lower()
    return input_suffix(name) in READ_SUFFIXES and not name.endswith(META_SUFFIX)


def read_listed(
    entries: Iterable[tuple[Path, bool]],
    *,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
    ids: _Ids | None = None,
) -> Iterator[Article | Skipped]:
    """Read files listed by :func:`list_inputs` (a partition of a batch)."""
    walk = _Walk(limits=limits, user_date=user_date, today=today, ids=ids or _Ids())
    for path, explicit in entries:
        yield from walk.file(Path(path), explicit)


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    limits: Limits = Limits(),
    user_date: date | None = None,
    today: date | None = None,
) -> Iterator[Article | Skipped]:
    """Read every article under ``paths`` (files and folders), in a stable order.

    Folders are walked recursively in sorted order, following symlinks but
    never the same folder twice (loops are reported once, as Skipped). In
    folders only .txt .md .html .htm .jsonl files are read; other files and
    hidden ones are ignored, and ``NAME.meta.json`` sidecars are applied to
    ``NAME.txt``/``NAME.html``. A file named explicitly with another type is
    Skipped. ``user_date`` dates articles that have no date of their own.
    """
    if isinstance(paths, str | Path):
        paths = [paths]  # one path, not the characters of its name
    walk = _Walk(limits=limits, user_date=user_date, today=today)
    # An explicit stack rather than recursion: a hostile folder nested a
    # thousand levels deep must not hit Python's recursion limit.
    stack: list[Iterator[tuple[Path, bool]]] = [((Path(raw), True) for raw in paths)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path, explicit = entry
        children = walk.folder(path)
        if isinstance(children, list):
            stack.append(iter(children))
        elif children is not None:
            yield children
        else:
            yield from walk.file(path, explicit)


@dataclass
class _Walk:
    """State of one ``read_articles`` call: limits, ids, and what was already read."""

    limits: Limits
    user_date: date | None
    today: date | None
    ids: _Ids = field(default_factory=_Ids)
    seen_dirs: set[tuple[int, int]] = field(default_factory=set)
    seen_files: dict[tuple[int, int], str] = field(default_factory=dict)

    def folder(self, path: Path) -> list[tuple[Path, bool]] | Skipped | None:
        """List a folder's entries (sorted, hidden ones left out); None if not a folder."""
        try:
            if not path.is_dir():
                return None
            info = path.stat()
        except OSError:
            return None  # file() reports it
        origin = _printable(str(path))
        key = (info.st_dev, info.st_ino)
        if key in self.seen_dirs:
            return Skipped(
                origin, "folder already read (symlink loop or repeated path); not read again"
            )
        self.seen_dirs.add(key)
        try:
            with os.scandir(path) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            return Skipped(origin, f"cannot open folder: {_os_reason(error)}")
        # Hidden files and folders (.git, editor backups) are not articles.
        return [(path / name, False) for name in names if not name.startswith(".")]

    def file(self, path: Path, explicit: bool) -> Iterator[Article | Skipped]:
        """Read one file; in a folder walk, quietly pass over what is not an article."""
        origin = _printable(str(path))
        limits = self.limits
        try:
            info = path.stat()
        except OSError as error:
            if _is_symlink(path):
                if _is_loop(error):
                    yield Skipped(origin, "symlink loop; not read")
                elif explicit or path.suffix.lower() in ARTICLE_SUFFIXES:
                    yield Skipped(origin, "broken symlink (its target does not exist); not read")
            elif explicit or not isinstance(error, FileNotFoundError):
                yield Skipped(origin, f"cannot read: {_os_reason(error)}")
            return
        suffix = input_suffix(path.name)
        is_meta = path.name.lower().endswith(META_SUFFIX)
        if not explicit and (suffix not in READ_SUFFIXES or is_meta):
            return
        if not stat.S_ISREG(info.st_mode):
            yield Skipped(origin, "not a regular file (device, pipe or socket); not read")
            return
        if is_meta:
            yield Skipped(
                origin, f"a sidecar file ({META_SUFFIX}) is applied to its article, not read as one"
            )
            return
        if suffix not in READ_SUFFIXES and suffix != ".zip":
            yield Skipped(origin, f"unsupported file type {suffix or '(none)'!r}: {_SUPPORTED}")
            return
        key = (info.st_dev, info.st_ino)
        if key in self.seen_files:
            yield Skipped(origin, f"same file as {self.seen_files[key]} (already read)")
            return
        self.seen_files[key] = origin
        common: dict[str, Any] = {
            "limits": limits,
            "user_date": self.user_date,
            "today": self.today,
            "_ids": self.ids,
        }
        if suffix in JSONL_SUFFIXES or suffix == ".jsonl.gz":
            yield from iter_jsonl(path, origin=origin, **common)
            return
        if suffix == ".parquet":
            yield from iter_parquet(path, origin=origin, **common)
            return
        which = "max_upload_bytes" if suffix == ".zip" else "max_article_bytes"
        if info.st_size > getattr(limits, which):
            # Decided from stat alone: a 200 MB file is never opened.
            yield Skipped(origin, f"file is {_mb(info.st_size)}, over {limits.describe(which)}")
            return
        data = _read_bytes(path, getattr(limits, which), origin, limits, which)
        if isinstance(data, Skipped):
            yield data
        elif suffix == ".zip":
            yield from read_zip(data, origin=origin, **common)
        else:
            meta, meta_name, warning = _file_meta(path)
            reader = read_html_article if suffix in HTML_SUFFIXES else read_text_article
            result = reader(
                data, name=path.name, origin=origin, meta=meta, meta_name=meta_name, **common
            )
            yield _with_warning(result, warning)


def _read_bytes(path: Path, limit: int, origin: str, limits: Limits, which: str) -> bytes | Skipped:
    # In chunks, not read(limit + 1): a limit of a terabyte must not allocate one.
    chunks: list[bytes] = []
    total = 0
    try:
        with open(path, "rb") as handle:
            while total <= limit:
                chunk = handle.read(min(_CHUNK * 16, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except OSError as error:
        return Skipped(origin, f"cannot read: {_os_reason(error)}")
    if total > limit:  # the file grew after stat
        return Skipped(origin, f"file is over {limits.describe(which)}")
    return b"".join(chunks)


def _file_meta(path: Path) -> tuple[Mapping[str, object] | None, str, str | None]:
    for candidate in (
        path.with_name(path.name + META_SUFFIX),
        path.with_name(path.stem + META_SUFFIX),
    ):
        try:
            info = candidate.stat()
        except OSError:
            continue
        shown = _printable(candidate.name)
        if not stat.S_ISREG(info.st_mode):
            return None, shown, f"sidecar {shown} ignored: not a regular file"
        if info.st_size > _MAX_META_BYTES:
            return None, shown, f"sidecar {shown} ignored: over {_mb(_MAX_META_BYTES)}"
        try:
            raw = candidate.read_bytes()
        except OSError as error:
            return None, shown, f"sidecar {shown} ignored: cannot read ({_os_reason(error)})"
        meta, warning = _parse_meta(raw, shown)
        return meta, shown, warning
    return None, "sidecar", None


def _parse_meta(raw: bytes, name: str) -> tuple[Mapping[str, object] | None, str | None]:
    try:
        meta = loads_json(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError and JSONDecodeError too
        detail = error.msg if isinstance(error, json.JSONDecodeError) else type(error).__name__
        return None, f"sidecar {name} ignored: not valid UTF-8 JSON ({detail})"
    if not isinstance(meta, dict):
        return (
            None,
            f"sidecar {name} ignored: expected a JSON object, instead got a {_json_type(meta)}",
        )
    return meta, None


def _with_warning(result: Article | Skipped, warning: str | None) -> Article | Skipped:
    if warning is None or isinstance(result, Skipped):
        return result
    return replace(result, warnings=(*result.warnings, _one_line(warning)))


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _is_loop(error: OSError) -> bool:
    import errno

    return error.errno == errno.ELOOP


def _is_symlink(path: Path) -> bool:
    """``path.is_symlink()`` that says False, not raises, for a path the OS refuses (too long)."""
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def _os_reason(error: OSError) -> str:
    import errno

    if error.errno == errno.ENAMETOOLONG:
        length = len(os.fsencode(error.filename)) if isinstance(error.filename, str | bytes) else None
        size = f" ({length:,} bytes)" if length else ""
        return (
            f"the path is longer than the system allows{size}; move the folder nearer the "
            "top of the disk or shorten folder names, then read it again"
        )
    return (error.strerror or type(error).__name__).lower()


def _hash(text: str) -> str:
    digest = hashlib.sha256()
    for at in range(0, len(text), _CHUNK):  # in slices: no second full copy of a 20 MB text
        digest.update(text[at : at + _CHUNK].encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


# HTML entities left in scraped plain text: "city&#8217;s airport", "Bread &amp; Roses"
_ENTITY_RE = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A line broken in the middle of a sentence by a scraper or a mailer: it runs on
SOFT_WRAP_MIN_LINE = 30
_CLOSING = frozenset('.!?:;"”’)]|')
_NO_SENTENCE_ENDS_WITH = frozenset(
    ["of", "the", "a", "an", "in", "on", "at", "to", "from", "and", "or", "by", "with", "for", "that", "its", "their", "his", "her", "was", "were", "is", "are", "has", "had", "have"]
)
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)[ \t]*$")


def unescape_entities(text: str) -> str:
    """Decode HTML entities a scraper left in plain text; a text without any is returned as is."""
    if "&" not in text or not _ENTITY_RE.search(text):
        return text
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)


def join_soft_wraps(text: str) -> str:
    """Turn a line break inside a sentence into a space (same length: offsets do not move).

    A break is inside a sentence when the line before has no closing punctuation
    and either is long and the next line goes on in lower case, or ends on a word
    no sentence ends with ("the district centre of\nQaram Qul"). Headlines,
    bylines, lists and paragraphs keep their breaks.
    """
    if "\n" not in text:
        return text
    joins = []
    start = 0
    i = text.find("\n")
    while i >= 0:
        line = text[start:i].rstrip()
        nxt = text[i + 1 : i + 2]
        if line and nxt.isalpha() and line[-1] not in _CLOSING and (i == 0 or text[i - 1] != "\n"):
            last = _LAST_WORD_RE.search(line[-20:])
            if (len(line) >= SOFT_WRAP_MIN_LINE and nxt.islower()) or (
                last is not None and last.group(1).lower() in _NO_SENTENCE_ENDS_WITH
            ):
                joins.append(i)
        start = i + 1
        i = text.find("\n", start)
    if not joins:
        return text
    chars = list(text)
    for i in joins:
        chars[i] = " "
    return "".join(chars)


def _strip_from(text: str, start: int) -> str:
    """``text[start:].strip()`` in one slice (one copy, not two, of a long text)."""
    first = _NON_SPACE_RE.search(text, start)
    if first is None:
        return ""
    end = len(text)
    while text[end - 1].isspace():
        end -= 1
    return text[first.start() : end]


def _stem(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return PurePosixPath(base).stem


_UNPRINTABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(value: str) -> str:
    """Make a file name safe for one-line messages, JSON and terminals.

    Undecodable bytes in names (kept by Python as surrogates) and control
    characters (a newline in a file name) are shown as escapes.
    """
    try:  # names with undecodable bytes: show the original bytes as \xNN
        value = value.encode("utf-8", errors="surrogateescape").decode(
            "utf-8", errors="backslashreplace"
        )
    except UnicodeEncodeError:
        value = value.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return _UNPRINTABLE_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), value)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _clean_field(value: str) -> str:
    return _printable(" ".join(value.split()))[:_MAX_TITLE]


def _clean_url(value: object) -> str | None:
    """Keep only http(s) URLs: a ``javascript:`` link must never reach a map popup."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in url)
    ):
        return None
    return _printable(url)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
