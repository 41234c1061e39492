"""Date expressions in news text, resolved against the article's date.

Reporters date events relative to the day they write ("on Tuesday",
"yesterday", "earlier this week") and now and then absolutely ("June 28",
"on 22 June", "March 28, 2021"). ``find_dates`` finds every expression in a
sentence with its offsets; ``resolve`` turns one into a day and an ACLED-style
precision. Everything here is pure and never raises on odd input: a date that
cannot exist (30 February) is simply not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from geo.models import TimePrecision

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
# Years outside this window are not dates of this conflict's reporting
# ("1442" in a Hijri dateline, "2,700" in a count).
MIN_YEAR, MAX_YEAR = 1979, 2035

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH.replace("month", "month2")
_WEEKDAY = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class DateExpr:
    """A date expression as found in a sentence (offsets are in that sentence).

    ``kind`` is ``absolute`` (day and month, maybe year), ``month`` (a month,
    maybe a year), ``weekday``, or ``relative`` (``offset`` days back, or a
    named period in ``period``).
    """

    kind: str
    start: int
    end: int
    text: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: int | None = None
    period: str | None = None
    since: bool = False


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date with its ACLED precision and a short reason."""

    date: date | None
    precision: TimePrecision
    reason: str
    year_inferred: bool = False
    historical: bool = False


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compile the expression patterns once, on first use (not at import)."""
    flags = re.IGNORECASE
    since = r"(?P<since>\bsince\s+(?:the\s+)?)?"
    raw = [
        # "Saturday 10 July", "22 June 2021", "on 22nd of June"
        ("dmy", since + r"\b(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?" + _DAY
         + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"),
        # "Wednesday, July 14, 2021", "June 28", "March 28, 2021", "Jul 14"
        ("mdy", since + r"\b(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+" + _DAY
         + r"(?![\d:])(?:,?\s+" + _YEAR + r")?\b"),
        # "early May", "mid-June", "in May 2021", "since late July"
        ("month", since + r"\b(?P<when>early|mid|late|end of|beginning of|start of|"
         r"the end of|the beginning of|the start of|the middle of)?[\s-]*"
         + _MONTH2 + r"(?:,?\s+" + _YEAR + r")?\b"),
        ("year", r"\b(?:in|during|since|by|back\s+in|until)\s+(?:early\s+|late\s+|mid-?)?" + _YEAR
         + r"(?![\d,.-]\d)\b"),
        ("weekday", r"\b(?:(?:early|late|earlier|later)\s+(?:on\s+)?|(?:on|last|this|since)\s+)?"
         + _WEEKDAY + r"(?:['’]s)?" + _PART + r"(?P<oflw>\s+of\s+(?:last|the\s+previous)\s+week)?\b"),
        ("rel", (r"\b(?P<rel>the day before yesterday|the next day|the following day|a day later|"
         r"the previous day|the day before|a day earlier|the previous (?:night|evening)|the night before|"
         r"(?:over|during|at|on) the weekend|"
         r"(?:in|over|during) the (?:(?:two|three|four|five|few|couple of|\d) )?(?:preceding|previous) "
         r"(?:(?:two|three|four|five|few|\d) )?days|"
         r"the next morning|the following morning|yesterday|today|tonight|this morning|"
         r"this afternoon|this evening|last night|earlier today|overnight|"
         r"(?:in|over|during|within) the (?:past|last) (?:24|twenty-four|48|forty-eight) hours|"
         r"(?:earlier|later) this week|this week|last week|the past week|the previous week|"
         r"(?:in|over|during) (?:the )?(?:past|last|recent) (?:few |couple of )?(?:days|weeks)|"
         r"in recent days|in recent weeks|recent days|"
         r"(?:earlier|later) this month|this month|last month|the previous month|"
         r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}) days? (?:ago|earlier|before)|"
         r"(?:a|one|two|three|four|\d) weeks? (?:ago|earlier)|"
         r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) years? (?:ago|earlier|before)|"
         r"last year|the previous year|a year earlier)\b")),
    ]
    return tuple((name, re.compile(p, flags)) for name, p in raw)


_NUM_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _relative(text: str) -> tuple[int | None, str | None]:
    """Map a relative phrase to (days back, None) or (None, named period)."""
    t = " ".join(text.lower().split())
    if t in ("the next day", "the following day", "a day later", "the next morning", "the following morning"):
        return None, "next_day"
    if t in ("the previous day", "the day before", "a day earlier", "the previous night", "the previous evening",
             "the night before"):
        return None, "prev_day"
    if re.search(r"\b(?:preceding|previous)\b.*\bdays$", t):
        return None, "preceding_days"
    if "year" in t:
        return None, "years_back"
    if t.endswith("weekend"):
        return None, "weekend"
    if t == "the day before yesterday":
        return 2, None
    if t in ("yesterday", "last night"):
        return 1, None
    if t in ("today", "tonight", "this morning", "this afternoon", "this evening",
             "earlier today", "overnight") or "hours" in t:
        return 0, None
    m = re.match(r"(\w+) (days?|weeks?) (ago|earlier|before)", t)
    if m:
        n = _NUM_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 1)
        days = n * 7 if m.group(2).startswith("week") else n
        # "ago" counts from the day of writing; "two days earlier" from the day the story is at
        return days, ("days_earlier" if m.group(3) == "earlier" else None)
    if "last week" in t or "previous week" in t:
        return None, "last_week"
    if "this week" in t:
        return None, "this_week"
    if "month" in t:
        return None, "last_month" if ("last" in t or "previous" in t) else "this_month"
    return None, "recent"


def find_dates(sentence: str) -> list[DateExpr]:
    """Every date expression in ``sentence``, left to right, without overlaps."""
    return list(_find_dates(sentence))


@lru_cache(maxsize=256)
def _find_dates(sentence: str) -> tuple[DateExpr, ...]:
    # Cached: an article dates several claims of one sentence.
    if not _DATE_HINT.search(sentence):
        return ()
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _patterns():
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            expr = _make(name, m)
            if expr is not None:
                found.append(expr)
                taken.append((s, e))
    return tuple(sorted(found, key=lambda d: d.start))


_DATE_HINT = re.compile(
    r"day|night|morning|afternoon|evening|week|month|year|hours|ago|earlier|before|yesterday|today|tonight|overnight|"
    r"later|(?:19|20)\d\d|"
    + "|".join(k for k in MONTHS if len(k) > 3 or k == "may") + "|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec",
    re.IGNORECASE)


def _make(name: str, m: re.Match[str]) -> DateExpr | None:
    g = m.groupdict()
    text = m.group(0)
    s, e = m.span()
    since = bool(g.get("since"))
    wd = WEEKDAYS.get((g.get("wd") or "").lower())
    year = int(g["year"]) if g.get("year") else None
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        year = None
    if name in ("dmy", "mdy"):
        day = int(g["day"])
        month = MONTHS[g["month"].lower()]
        if not 1 <= day <= 31:
            return None
        # "may 5" in lower case is rarely a date; "May 5" is.
        if g["month"].lower() == "may" and not g["month"][0].isupper():
            return None
        return DateExpr("absolute", s, e, text, day=day, month=month, year=year,
                        weekday=wd, since=since)
    if name == "month":
        mon = g["month2"]
        # "May" alone is too often the verb; require a capital and a cue.
        if mon.lower() == "may" and (not mon[0].isupper() or not (g.get("when") or year or since
                                                                 or _preceded_by_in(m))):
            return None
        if mon.lower() in ("mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
                           "feb", "apr", "sept") and not mon[0].isupper():
            return None
        if not (g.get("when") or year or since or _preceded_by_in(m)):
            return None
        return DateExpr("month", s, e, text, month=MONTHS[mon.lower()], year=year,
                        since=since, period=(g.get("when") or "").lower() or None)
    if name == "year":
        if year is None:
            return None
        return DateExpr("year", s, e, text, year=year, since=text.lower().startswith("since"))
    if name == "weekday":
        period = "of_last_week" if g.get("oflw") else ("last" if text.lower().startswith("last ") else None)
        return DateExpr("weekday", s, e, text, weekday=wd,
                        since=text.lower().startswith("since"), period=period)
    offset, period = _relative(g["rel"])
    return DateExpr("relative", s, e, text, offset=offset, period=period)


def _preceded_by_in(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 12):m.start()].lower()
    return bool(re.search(r"\b(?:in|since|until|by|from|during|of)\s*$", before))


def latest_weekday(weekday: int, on_or_before: date) -> date:
    """The latest day with this weekday on or before the given date."""
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, weekday: int | None, published: date | None,
               year_hint: int | None) -> tuple[int | None, bool]:
    """The year of a day-and-month date written without one.

    Against the article date: the latest such day not more than a month after
    it (reporters write about the past). Without an article date, a weekday
    picks the year nearest to the hint in which that day has that weekday.
    Returns (year, inferred-without-article-date).
    """
    if published is not None:
        year = published.year
        d = _safe_date(year, month, day or 1)
        if d is not None and d > published + timedelta(days=31):
            year -= 1
        return year, False
    if weekday is not None and day is not None and year_hint is not None:
        centre = year_hint
        for delta in sorted(range(-12, 13), key=abs):
            d = _safe_date(centre + delta, month, day)
            if d is not None and d.weekday() == weekday:
                return centre + delta, True
        return None, True
    if year_hint is not None:
        return year_hint, True
    return None, True


def resolve(expr: DateExpr, published: date | None, *,
            year_hint: int | None = None) -> ResolvedDate:
    """Resolve one expression against the article date.

    Absolute dates need no article date when they carry a year (or a weekday
    and a hint); relative ones do, and stay unresolved without it.
    """
    if expr.kind == "absolute":
        year, inferred = (expr.year, False) if expr.year else infer_year(
            expr.month or 1, expr.day, expr.weekday, published, year_hint)
        d = _safe_date(year, expr.month or 1, expr.day or 1) if year else None
        if d is None:
            return ResolvedDate(None, "unknown", f"'{expr.text}': year unknown")
        return ResolvedDate(d, "day", f"'{expr.text}'", inferred and not expr.year)
    if expr.kind == "month":
        year, inferred = (expr.year, False) if expr.year else infer_year(
            expr.month or 1, None, None, published, year_hint)
        if year is None:
            return ResolvedDate(None, "unknown", f"'{expr.text}': year unknown")
        # At month precision the day is the month's first, whatever the part of it
        # written ("late September"): the precision says the day is not known.
        d = _safe_date(year, expr.month or 1, 1)
        return ResolvedDate(d, "month", f"'{expr.text}'", inferred and not expr.year)
    if expr.kind == "year":
        if published is not None and expr.year is not None and expr.year < published.year:
            return ResolvedDate(None, "unknown", f"'{expr.text}': an earlier year, background", historical=True)
        if published is None:
            return ResolvedDate(None, "unknown", f"'{expr.text}': article date unknown")
        return ResolvedDate(published, "unknown", f"'{expr.text}': the article's own year")
    if published is None:
        return ResolvedDate(None, "unknown", f"'{expr.text}': article date unknown")
    if expr.kind == "weekday" and expr.weekday is not None and expr.period == "of_last_week":
        d = published - timedelta(days=published.weekday() + 7 - expr.weekday)
        return ResolvedDate(d, "day", f"'{expr.text}' = {d:%A} of the week before {published}")
    if expr.kind == "weekday" and expr.weekday is not None:
        d = latest_weekday(expr.weekday, published)
        if expr.period == "last" and d == published:
            d -= timedelta(days=7)
        return ResolvedDate(d, "day", f"'{expr.text}' = latest {d:%A} on or before {published}")
    if expr.offset is not None:
        d = published - timedelta(days=expr.offset)
        precision: TimePrecision = "week" if "week" in expr.text.lower() else "day"
        return ResolvedDate(d, precision, f"'{expr.text}' from {published}")
    monday = published - timedelta(days=published.weekday())
    if expr.period == "last_week":
        return ResolvedDate(monday - timedelta(days=7), "week", f"'{expr.text}': week before {published}")
    if expr.period == "this_week":
        return ResolvedDate(monday, "week", f"'{expr.text}': week of {published}")
    if expr.period == "weekend":
        return ResolvedDate(latest_weekday(5, published), "week", f"'{expr.text}': weekend up to {published}")
    if expr.period in ("next_day", "prev_day"):
        return ResolvedDate(None, "unknown", f"'{expr.text}': no day to count from")
    if expr.period == "preceding_days":
        return ResolvedDate(published - timedelta(days=1), "week", f"'{expr.text}': the days before {published}")
    if expr.period == "years_back":
        return ResolvedDate(None, "unknown", f"'{expr.text}': an earlier year, background", historical=True)
    if expr.period == "this_month":
        return ResolvedDate(published.replace(day=1), "month", f"'{expr.text}'")
    if expr.period == "last_month":
        first = (published.replace(day=1) - timedelta(days=1)).replace(day=1)
        return ResolvedDate(first, "month", f"'{expr.text}'")
    return ResolvedDate(published, "week", f"'{expr.text}': up to {published}")


def resolve_date(text: str, published: date | None, *, near: int | None = None,
                 year_hint: int | None = None) -> ResolvedDate:
    """Resolve the date expression in ``text`` that best dates an event.

    With ``near`` (an offset in ``text``, e.g. the action verb), the nearest
    expression wins; absolute expressions win over relative ones at equal
    distance. Without any expression the event is dated by the article date
    with precision ``unknown``.
    """
    exprs = find_dates(text)
    if not exprs:
        if published is None:
            return ResolvedDate(None, "unknown", "no date in the sentence and no article date")
        return ResolvedDate(published, "unknown", f"no date in the sentence: article date {published}")
    best = pick_expression(exprs, near)
    return resolve_among(exprs, best, published, year_hint=year_hint)


# Expressions counted from the day the story is at, not from the day of writing.
ANCHORED = ("next_day", "prev_day", "preceding_days", "days_earlier")


def resolve_among(exprs: list[DateExpr], expr: DateExpr, published: date | None, *,
                  year_hint: int | None = None, anchor: ResolvedDate | None = None) -> ResolvedDate:
    """Resolve ``expr``; "the next day" counts from the expression before it.

    ``anchor`` is the day named before the sentence (the story's day), which
    "the following day", "a day earlier" and "in the two preceding days" count
    from when the sentence itself names no day before them.
    """
    if expr.period in ANCHORED:
        step = {"next_day": 1, "prev_day": -1, "preceding_days": -1}.get(expr.period, -(expr.offset or 0))
        before = [e for e in exprs if e.end <= expr.start and e.period not in ANCHORED
                  and (e.kind in ("absolute", "weekday") or e.offset is not None)]
        base = resolve(before[-1], published, year_hint=year_hint) if before else anchor
        if base is None or base.date is None or base.precision != "day":
            if expr.period in ("preceding_days", "days_earlier"):
                return resolve(expr, published, year_hint=year_hint)  # counted from the article date
            if step == -1 and published is not None:
                return ResolvedDate(published - timedelta(days=1), "day", f"'{expr.text}' from {published}")
            return ResolvedDate(None, "unknown", f"'{expr.text}': no day to count from")
        precision: TimePrecision = "week" if expr.period == "preceding_days" or (
            expr.period == "days_earlier" and "week" in expr.text.lower()) else base.precision
        return ResolvedDate(base.date + timedelta(days=step), precision,
                            f"'{expr.text}' from {base.reason}", base.year_inferred)
    return resolve(expr, published, year_hint=year_hint)


def pick_expression(exprs: list[DateExpr], near: int | None, near_end: int | None = None,
                    text: str | None = None) -> DateExpr:
    """The expression that dates the event at ``near`` (to ``near_end``).

    A dateline ("July 11 (ANI):") dates the article, not the event, and is
    passed over when the sentence has another expression.
    """
    if text is not None and len(exprs) > 1:
        plain = [d for d in exprs if not _DATELINE_AFTER.match(text, d.end) and not in_dateline(text, d)]
        exprs = plain or exprs
    if near is None:
        return min(exprs, key=lambda d: (d.kind not in ("absolute",), d.start))
    end = near if near_end is None else near_end

    def distance(d: DateExpr) -> tuple[int, int, int]:
        gap = d.start - end if d.start >= end else near - d.end
        # "held it until an operation in July 2017 ...": a date across a turn of clause dates the other clause.
        between = (text[end:d.start] if d.start >= end else text[d.end:near]) if text is not None else ""
        return (1 if _CLAUSE_TURN.search(between) else 0, max(gap, 0), 0 if d.kind == "absolute" else 1)

    return min(exprs, key=distance)


_CLAUSE_TURN = re.compile(r"\b(?:until|although|though|whereas|while|but)\b|;|\bbefore\s+being\b", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,9}|AP|AFP|ANI|IANS|PTI)\)\s*[:\-–—]?")

# A wire dateline opening an article: "KABUL, July 5 (Reuters) -", "ASADABAD,
# Afghanistan, July 5 (AFP) -", "SAR-E-PUL, June 30 (Pajhwok):", "KUNDUZ/KABUL,
# Oct 4 -", "Kabul [Afghanistan] July 11 (ANI):". The place is written in
# capitals or the agency is named; the date is the publication day.
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w'’.\-]*(?:[ /][A-Z][\w'’.\-]*){0,3})"
    r"(?:\s*\[[^\]\n]{1,30}\])?"
    r"(?:\s*,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s*,))?"
    r"\s*,?\s*(?P<date>(?:(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+[0-3]?\d"
    r"|[0-3]?\d\s+(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?)"
    r"(?:,?\s+(?:19|20)\d\d)?)(?![\d:])"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,20})\))?\s*(?:--|[:\-–—])",
    re.MULTILINE,
)


# A dateline without a separator at the very start of a text: "Kabul, Aug 13 Police in
# the province said ...": a place, a comma, a day and month, and the story.
BARE_DATELINE = re.compile(
    r"\A[ \t]*(?P<place>[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+)?)\s*,\s*"
    r"(?P<date>(?:(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+[0-3]?\d"
    r"|[0-3]?\d\s+(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?)"
    r"(?:,?\s+(?:19|20)\d\d)?)(?![\d:])(?P<agency>)[ \t]+(?=[A-Z])",
)


def _datelines(text: str, within: int) -> list[re.Match[str]]:
    bare = BARE_DATELINE.match(text)
    if bare is not None and bare.group("place").lower() not in WEEKDAYS and \
            bare.group("place").split()[0].lower() not in ("on", "by", "since", "until", "in"):
        return [bare]
    return [m for m in DATELINE.finditer(text, 0, min(len(text), within)) if _is_dateline(m)]


def find_dateline(text: str, *, within: int = 800) -> tuple[DateExpr, re.Match[str]] | None:
    """The wire dateline among the first lines of ``text``: its date expression and match.

    The date's offsets in the returned expression are in ``text``.
    """
    for m in _datelines(text, within):
        exprs = [e for e in find_dates(m.group("date")) if e.kind == "absolute"]
        if exprs:
            e = exprs[0]
            off = m.start("date")
            return replace(e, start=e.start + off, end=e.end + off), m
    return None


def _is_dateline(m: re.Match[str]) -> bool:
    """A place in capitals ("KABUL") or a named agency ("Kabul ... (ANI)"), not "On July 5 -"."""
    if m.re is BARE_DATELINE:
        return True
    place = m.group("place")
    return bool(m.group("agency")) or (place.upper() == place and sum(ch.isalpha() for ch in place) >= 3)


def in_dateline(text: str, expr: DateExpr) -> bool:
    """Whether ``expr`` is the date of a dateline opening ``text``."""
    found = _datelines(text, 0) if BARE_DATELINE.match(text) else [DATELINE.match(text)]
    m = found[0] if found else None
    return m is not None and _is_dateline(m) and m.start("date") <= expr.start and expr.end <= m.end("date") + 1


_THAT_YEAR = re.compile(r"\b(?:of|in|later|earlier|during)\s+that\s+year\b|\bthe\s+same\s+year\b", re.IGNORECASE)


def with_year_of_context(sentence: str, exprs: list[DateExpr], before: str) -> list[DateExpr]:
    """Dates without a year that a narrative dates: the year of the story told just before.

    "in August of that year" takes the last year written before the sentence;
    "retook the city on October 1" after "on September 28, 2015" takes 2015
    when that puts it shortly after the last full date told (a history told in
    order), whatever the article's own year.
    """
    if _THAT_YEAR.search(sentence):
        years = years_in(before)
        if years:
            return [replace(e, year=years[-1]) if e.kind in ("absolute", "month") and e.year is None else e
                    for e in exprs]
        return exprs
    if not any(e.kind == "absolute" and e.year is None and e.day and e.month for e in exprs):
        return exprs
    told = [e for e in find_dates(before[-NARRATIVE_REACH:]) if e.kind == "absolute" and e.year and e.day and e.month]
    if not told:
        return exprs
    last = told[-1]
    try:
        anchor = date(last.year, last.month, last.day)
    except ValueError:
        return exprs
    out = []
    for e in exprs:
        if e.kind == "absolute" and e.year is None and e.day and e.month:
            try:
                d = date(anchor.year, e.month, e.day)
            except ValueError:
                d = None
            if d is not None and 0 <= (d - anchor).days <= NARRATIVE_DAYS:
                e = replace(e, year=anchor.year)
        out.append(e)
    return out


# A yearless day this soon after the last full date told, within this many characters, is in its year.
NARRATIVE_REACH = 800
NARRATIVE_DAYS = 92


def years_in(text: str) -> list[int]:
    """Plausible years written in a text (a hint for dates written without one)."""
    return [int(y) for y in _YEAR_RE.findall(text) if MIN_YEAR <= int(y) <= MAX_YEAR]


# a year, not part of a larger number ("1,998", "2015.5"); "in 2015, the Taliban" counts
_YEAR_RE = re.compile(r"(?<![\d,.$£€])((?:19|20)\d\d)(?!\d|,\d)")
