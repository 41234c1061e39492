"""Publication dates for undated articles, inferred from the run they came in.

Scraped text often loses its date line, yet "on Tuesday" only means something
against one. Two sources of evidence, in this order:

1. Other articles of the same run that report the same events (same place,
   same controller) with a known date: a publication day is consistent when
   the undated article's own expressions ("on Tuesday", "yesterday", "June
   21") resolve to the dates the dated articles give. The earliest day that
   agrees with the most events wins.
2. The article's own text: "today, June 28", or a
   weekday written with its day and month ("Saturday 10 July"), which pins
   the year, or else the latest full date the text writes that falls on a
   weekday it names ("on Monday" and, in a caption, "September 6, 2021").

A wire dateline opening the article ("KABUL, July 5 (Reuters) -", "SAR-E-PUL,
June 30 (Pajhwok):") is the publication day itself and is read before either
(without a year in it, the year is the run's, else the latest written in the
text, and the reason says so). Next comes a byline or posting line in the
first 1,500 characters ("By Khaama Press – Sat Jun 26 2021", "Posted: Jul 14,
2021", "(Last Updated On: July 7, 2021)", "Published 26 June 2021").

Today's date and file times are never used. When nothing fits, the date stays
null. A day and month written without a year still get one from the run
(the commonest year among its dated articles), marked ``year_inferred``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from geo.claims.dates import find_dateline, find_dates, resolve, years_in
from geo.claims.event_dates import align_event_dates, claim_date, dedupe
from geo.ingest.articles import published_month
from geo.models import ArticleResult, Claim, CountClaim, claim_place

# Reports of the same event appear within about a week of it.
WINDOW_DAYS = 7
# An event with no date expression supports a day only weakly.
WEAK = 0.3

_DATELINE = re.compile(
    r"(?:\b(?:posted|published|updated|last\s+updated(?:\s+on)?)\s*:?\s*(?P<a>[^|\n)]{4,40}))"
    r"|(?:^[A-Z][\w ]{0,40}(?:\[[^\]]*\])?\s+(?P<b>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\([A-Z]{2,6}\))"
    r"|(?:\btoday\s*,\s*(?P<c>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))",
    re.MULTILINE,
)


def run_year(results: list[ArticleResult]) -> int | None:
    """The year most dated articles of a run were published in (the year of a date that lacks one)."""
    years = Counter(r.article.published.year for r in results
                    if r.article.published and r.article.published_source != "inferred")
    return years.most_common(1)[0][0] if years else None


def reference_events(r: ArticleResult) -> list[tuple[tuple[str, str], date]]:
    """The dated events an article offers undated ones: ((place, controller), day) per claim.

    Public so that a run split over many processes can build the run's index
    (and ``run_year``) from per-article summaries and pass them to ``infer_published``.
    """
    if r.article.published is None or r.article.published_source == "inferred":
        return []
    out = []
    for c in r.claims:
        place = claim_place(c)
        if place and c.event_date and c.time_precision in ("day", "unknown"):
            out.append(((place, c.controller), date.fromisoformat(c.event_date)))
    return out


def reference_index(results: list[ArticleResult]) -> dict[tuple[str, str], list[tuple[date, str]]]:
    """The run's dated events, (place, controller) -> [(day, article id)], from ``reference_events``."""
    index: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for r in results:
        for key, day in reference_events(r):
            index.setdefault(key, []).append((day, r.article.id))
    return index


def _from_events(r: ArticleResult, index: dict[tuple[str, str], list[tuple[date, str]]],
                 year: int | None) -> tuple[date, str] | None:
    """The publication day most consistent with the same events reported elsewhere.

    The same event is reported by many articles of a large run: each claim is
    re-dated once per candidate day and looked up among the days the index
    gives (with how many articles gave each), not once per matching article.
    """
    per_claim: list[tuple[Claim, dict[date, list[str]]]] = []
    for c in r.claims:
        place = claim_place(c)
        days: dict[date, list[str]] = {}
        for d, other in index.get((place, c.controller), []) if place else []:
            days.setdefault(d, []).append(other)
        if days:
            per_claim.append((c, days))
    if not per_claim:
        return None
    candidates = sorted({d + timedelta(days=k) for _, days in per_claim for d in days
                         for k in range(WINDOW_DAYS + 1)})
    window = [timedelta(days=k) for k in range(WINDOW_DAYS + 1)]
    best: tuple[float, date, list[str]] | None = None
    for p in candidates:
        exact = weak = 0
        why: list[str] = []
        for c, days in per_claim:
            got = claim_date(r.article.text, c.extra, p, year)
            if got.precision != "unknown":
                others = days.get(got.date) if got.date is not None else None
                if others:
                    exact += len(others)
                    why.extend(f"'{c.mention}' {c.controller} on {got.date} as in {other} ({got.reason})"
                               for other in others)
            else:  # d <= p <= d + WINDOW_DAYS
                weak += sum(len(days.get(p - k, ())) for k in window)
        support = exact + WEAK * weak
        if support >= 1 and (best is None or support > best[0]):
            best = (support, p, why)
    if best is None:
        return None
    return best[1], "same events as dated articles of the run: " + "; ".join(dict.fromkeys(best[2]))


def _from_dateline(text: str, year: int | None, by_events: date | None = None) -> tuple[date, str] | None:
    """The day of a wire dateline ("KABUL, July 5 (Reuters) -"), its year from the run or the text.

    A day the same events put within a week of the dateline's day and month
    (in another year than the run's) gives the year instead.
    """
    found = find_dateline(text)
    if found is None:
        return None
    expr, m = found
    written = m.group(0).strip()[:60]
    if expr.year:
        got = resolve(expr, None)
        return (got.date, f"dateline in the text: '{written}'") if got.date else None
    source = "the run's dated articles"
    if by_events is not None:
        near = resolve(expr, None, year_hint=by_events.year)
        if near.date is not None and abs((near.date - by_events).days) <= WINDOW_DAYS:
            year, source = by_events.year, "the same events in dated articles of the run"
    if year is None:
        text_years = years_in(text[:20000])
        year, source = (max(text_years), "the years written in the text") if text_years else (None, "")
    if year is None:
        return None
    got = resolve(expr, None, year_hint=year)
    if got.date is None:
        return None
    return got.date, f"dateline in the text: '{written}' (year {got.date.year} inferred from {source})"


# A byline or posting line near the top: "By Khaama Press – Sat Jun 26 2021, 10:12 am",
# "Posted: Jul 14, 2021", "(Last Updated On: July 7, 2021)", "Published 26 June 2021".
_BYLINE = re.compile(
    r"(?:^|\n|\(|\|)\s*(?:(?:by\s+[^\n|–—,-]{2,60}?\s*[|–—,-]+\s*)|(?:(?:posted|published|updated|last\s+updated)"
    r"(?:\s+on)?\s*:?\s*))(?P<d>[^\n|)]{6,40})",
    re.IGNORECASE)
BYLINE_REACH = 1500


def _from_byline(text: str, year: int | None) -> tuple[date, str] | None:
    """The publication day of a byline or posting line near the top of the article.

    Besides "By ... –" and "Posted:" lines, a page's masthead line of segments
    between bars ("Dawn | Updated July 15, 2021", "Press Release | 12 July 2021")
    is read when one segment is a date with its year.
    """
    head = text[:BYLINE_REACH]
    for m in _BYLINE.finditer(head):
        exprs = [e for e in find_dates(m.group("d")) if e.kind == "absolute"]
        day = resolve(exprs[0], None, year_hint=year).date if exprs else _numeric_date(m.group("d"))
        if day is not None:
            return day, f"byline or posting date near the top: '{m.group(0).strip()[:60]}'"
    for line in head.splitlines():
        if "|" not in line or len(line) > MASTHEAD_MAX:
            continue
        for segment in line.split("|"):
            exprs = [e for e in find_dates(segment) if e.kind == "absolute" and e.year and e.day]
            day = resolve(exprs[0], None).date if exprs else _numeric_date(segment)
            if day is not None:
                return day, f"date in the page's masthead (byline) line: '{line.strip()[:60]}'"
    return None


MASTHEAD_MAX = 160


# Page furniture writes dates in figures: "Updated: 2021-07-05 10:22", "12.08.2021", "14/07/2021".
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_DMY_DATE = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)\b")


def _numeric_date(s: str) -> date | None:
    """A date written in figures in a posting line; None when it is not one or is ambiguous.

    Dotted dates are day first (European usage); slashed ones are read only when
    one part exceeds 12, which tells the order.
    """
    try:
        if m := _ISO_DATE.search(s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY_DATE.search(s):
            a, b, y = int(m[1]), int(m[3]), int(m[4])
            if m[2] == ".":
                return date(y, b, a)
            if a > 12 >= b:
                return date(y, b, a)
            if b > 12 >= a:
                return date(y, a, b)
    except ValueError:
        return None  # "31.02.2021": not a day
    return None


def _from_text(text: str, year: int | None) -> tuple[date, str] | None:
    """A publication day written in the article itself."""
    head = text[:3000]
    for m in _DATELINE.finditer(head):
        raw = m.group("a") or m.group("b") or m.group("c")
        exprs = [e for e in find_dates(raw) if e.kind == "absolute"]
        if exprs:
            got = resolve(exprs[0], None, year_hint=year)
            if got.date is not None:
                return got.date, f"dateline in the text: '{m.group(0).strip()[:60]}'"
    found = []
    for e in find_dates(text[:20000]):
        if e.kind == "absolute" and e.weekday is not None:
            got = resolve(e, None, year_hint=year)
            if got.date is not None and got.date.weekday() == e.weekday:
                found.append((got.date, e.text))
    if found:
        d, written = max(found)
        return d, f"latest day written with its weekday in the text: '{written}'"
    return _from_named_weekday(text[:20000])


def _from_named_weekday(text: str) -> tuple[date, str] | None:
    """The latest full date written in the text that falls on a weekday the text names.

    "The Taliban claimed victory on Monday" in a text that also writes
    "September 6, 2021" (a Monday, in a caption or a later paragraph): the
    report is of that day. Only dates with their year count.
    """
    exprs = find_dates(text)
    named = {e.weekday: e.text for e in exprs if e.kind == "weekday" and e.weekday is not None}
    best: tuple[date, str, str] | None = None
    for e in exprs:
        if e.kind != "absolute" or not e.year or e.since:
            continue
        got = resolve(e, None)
        if got.date is None or got.date.weekday() not in named:
            continue
        if best is None or got.date > best[0]:
            best = (got.date, e.text, named[got.date.weekday()])
    if best is None:
        return None
    return best[0], (f"latest full date written in the text ('{best[1].strip()}'), "
                     f"a {best[0]:%A} as the text's '{best[2].strip()}'")


def redate(r: ArticleResult, published: date | None, reason: str | None, *,
           year: int | None, month: tuple[int, int] | None = None) -> ArticleResult:
    """The result with a new publication date and every claim re-dated against it.

    ``month`` is the month an article is dated to when it has no day.
    """
    article = r.article
    if published is not None:
        article = replace(article, published=published, published_source="inferred",
                          published_reason=reason)
    claims = []
    for c in r.claims:
        d = claim_date(article.text, c.extra, article.published, year, month=month)
        extra = dict(c.extra)
        if d.year_inferred:
            extra["year_inferred"] = True
        claims.append(replace(
            c, published=article.published.isoformat() if article.published else None,
            published_source=article.published_source,
            event_date=d.date.isoformat() if d.date else c.event_date,
            time_precision=d.precision if d.date else c.time_precision,
            date_reason=d.reason if d.date else c.date_reason, extra=extra))
    counts = [_redate_count(k, article.text, article.published, year) for k in r.counts]
    return ArticleResult(article, dedupe(align_event_dates(claims)), counts, r.mentions)


def _redate_count(k: CountClaim, text: str, published: date | None, year: int | None) -> CountClaim:
    s0 = text.find(k.sentence, max(0, k.char_start - len(k.sentence)))
    if s0 < 0:
        return k
    d = claim_date(text, {"sentence_span": (s0, s0 + len(k.sentence)), "cue_start": k.char_start},
                   published, year)
    when = d.date if d.precision == "day" else published
    return replace(k, date=when.isoformat() if when else k.date)


_FROM_RESULTS: Any = object()


def infer_published(results: list[ArticleResult], *, year: int | None = _FROM_RESULTS,
                    index: dict[tuple[str, str], list[tuple[date, str]]] | None = None,
                    ) -> list[ArticleResult]:
    """Give undated articles of a run a publication date where the evidence allows.

    Dated articles come back unchanged. Each inferred article gets
    ``published_source="inferred"`` and the reasoning in ``published_reason``;
    its claims are re-dated. Articles with no evidence keep a null date.
    ``year`` and ``index`` (from ``reference_events`` of the whole run) replace
    what is otherwise computed from ``results``, when those are only the run's
    undated articles.
    """
    year = run_year(results) if year is _FROM_RESULTS else year
    index = reference_index(results) if index is None else index
    out = []
    for r in results:
        if r.article.published is not None:
            out.append(r)
            continue
        month = published_month(r.article)
        own_year = month[0] if month else year
        events = _from_events(r, index, own_year)
        found = _from_dateline(r.article.text, own_year, events[0] if events else None) \
            or _from_byline(r.article.text, own_year) or events \
            or _from_text(r.article.text, own_year)
        if found is not None and month is not None and (found[0].year, found[0].month) != month:
            found = None  # a day outside the month the article's date line gives
        if found is None:
            out.append(redate(r, None, None, year=own_year, month=month) if own_year else r)
        else:
            out.append(redate(r, found[0], found[1], year=found[0].year))
    return out


def describe(results: list[ArticleResult]) -> dict[str, Any]:
    """How many articles were dated by header, inferred, or left undated."""
    c = Counter((r.article.published_source or "undated") for r in results)
    return dict(c)
