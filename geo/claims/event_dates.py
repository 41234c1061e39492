"""Event dates of claims: from the claim's sentence, the sentence before, the lead, or the article.

A claim records where it was found (``Claim.extra``), so its date can be
worked out again when the article's publication date is inferred later
(``geo.claims.dating``): these functions are pure over the text and that record.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from geo.claims.dates import (
    ANCHORED,
    ResolvedDate,
    find_dates,
    in_dateline,
    pick_expression,
    resolve,
    resolve_among,
    with_year_of_context,
)
from geo.models import Claim

_REL_CLAUSE_SPAN = re.compile(r",\s*(?:which|where|whom?|whose|that)\b[^,;:“”\"]*,", re.IGNORECASE)

# A sentence that ends like one (not a headline).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def claim_date(text: str, extra: dict[str, Any], published: date | None,
               year_hint: int | None = None, *, month: tuple[int, int] | None = None) -> ResolvedDate:
    """The event date of a claim, from its sentence, else the lead, else the article date.

    ``extra`` holds what extraction recorded: the sentence span, the cue
    offset, whether the claim states a standing state, and the lead event's
    date expression. Re-run with a new ``published`` when it is inferred.
    ``month`` is the (year, month) of an article dated only to a month: a
    claim the text does not date otherwise gets that month, with precision
    ``month``, rather than no date or an invented day.
    """
    got = _claim_date(text, extra, published, year_hint if year_hint or not month else month[0])
    if got.date is None and month is not None and published is None and not got.historical:
        return ResolvedDate(date(month[0], month[1], 1), "month",
                            f"{got.reason}: the article's month {month[0]:04d}-{month[1]:02d}")
    return got


def _claim_date(text: str, extra: dict[str, Any], published: date | None,
                year_hint: int | None = None) -> ResolvedDate:
    if "sentence_span" not in extra:  # a claim read back from elsewhere: nothing to re-resolve
        if published is None:
            return ResolvedDate(None, "unknown", "no date context recorded and no article date")
        return ResolvedDate(published, "unknown", f"article date {published}")
    if extra.get("own_day_at") is not None:
        own = _own_day(text, extra["own_day_at"], published, year_hint)
        if own is not None:
            return own
    s0, s1 = extra["sentence_span"]
    sentence = text[s0:s1]
    exprs = with_year_of_context(sentence, find_dates(sentence), text[max(0, s0 - 1500):s0])
    shifted = _shifted_date(sentence, exprs, extra["cue_start"] - s0, published, year_hint,
                            lambda: _day_named_before(text, s0, published, year_hint))
    if shifted is not None:
        return shifted
    cue_end = extra.get("cue_end", extra["cue_start"]) - s0
    # "the biggest gain since the US began its withdrawal in May": a date inside a
    # later "since" clause dates that other event, not this one.
    exprs = [e for e in exprs if not (e.start > cue_end and _SINCE_CLAUSE.search(sentence, cue_end, e.start))]
    # "recaptured Alishang, which the Taliban had overrun last month": the relative
    # clause dates its own event, when the sentence has another date or none.
    exprs = [e for e in exprs if not (e.start > cue_end and _REL_CLAUSE_DATE.search(sentence[cue_end:e.start]))]
    # "Kunduz city, which the Taliban held in 2015, came under attack on Monday": a relative
    # clause the cue stands outside of dates its own event
    cue_at = extra["cue_start"] - s0
    clauses = [m.span() for m in _REL_CLAUSE_SPAN.finditer(sentence) if not m.start() <= cue_at < m.end()]
    inside = [e for e in exprs if any(a <= e.start < b for a, b in clauses)]
    if inside and len(inside) < len(exprs):
        exprs = [e for e in exprs if e not in inside]
    if (extra.get("state") or _PRESENT_STATE.match(extra.get("cue", ""))) and exprs:
        # "overran an outpost on Saturday, but the district centre remains under government
        # control": a state is dated by its own clause, else by the day of the report
        turns = [m.start() for m in _STATE_TURN.finditer(sentence)]
        cue_at = extra["cue_start"] - s0
        lo = max([t for t in turns if t <= cue_at], default=0)
        hi = min([t for t in turns if t > cue_at], default=len(sentence))
        exprs = [e for e in exprs if lo <= e.start < hi or _SAID_ON.search(sentence, max(0, e.start - 60), e.start)]
        if not exprs:
            if published is None:
                return ResolvedDate(None, "unknown", "a state, with no date in its clause and no article date")
            return ResolvedDate(published, "unknown", f"a state, with no date in its clause: article date {published}")
    opening = _OPENING_DATELINE.match(sentence)
    if exprs and sentence[opening.end() if opening else 0:][:12].lower().startswith(("after ", "following ",
                                                                                        "before ")):
        # "After the fall of Jalalabad, the Taliban took Torkham on Sunday": the day of
        # the main clause is not the day of the event in the clause before it.
        comma = sentence.find(",", opening.end() if opening else 0)
        cue_at = extra["cue_start"] - s0
        if 0 < cue_at < comma:
            exprs = [e for e in exprs if e.end <= comma]
            if not exprs:
                same = tuple(extra.get("lead_span") or ()) == tuple(extra["sentence_span"])
                extra = {**extra, "lead_ok": not same and extra.get("lead_ok", True)}
    if exprs:
        expr = pick_expression(exprs, extra["cue_start"] - s0,
                               extra.get("cue_end", extra["cue_start"]) - s0, sentence)
        anchor = _day_named_before(text, s0, published, year_hint) if expr.period in ANCHORED else None
        return resolve_among(exprs, expr, published, year_hint=year_hint, anchor=anchor)
    if _SAME_DAY.search(sentence):
        # "came under their control the same day": the day named just before.
        r = _day_named_before(text, s0, published, year_hint, day_only=False)
        if r is not None:
            return ResolvedDate(r.date, r.precision, "the same day as " + r.reason, r.year_inferred)
    later = _LATER.search(sentence)
    if later:
        return _later_date(later, text[max(0, s0 - 600):s0], published, year_hint)
    prev = extra.get("prev_span")
    if prev:
        # "overran a district early on Wednesday. The fall of Nerkh district ...": the same event.
        prev_text = text[prev[0]:prev[1]]
        for e in find_dates(prev_text):
            if in_dateline(prev_text, e) or e.kind not in ("weekday", "absolute"):
                continue
            r = resolve(e, published, year_hint=year_hint)
            if r.date is not None and r.precision == "day":
                return ResolvedDate(r.date, r.precision, "from the sentence before: " + r.reason, r.year_inferred)
    lead = extra.get("lead_span")
    if lead and not extra.get("state") and extra.get("lead_ok", True):
        lead_text = text[lead[0]:lead[1]]
        lead_exprs = [e for e in find_dates(lead_text) if not in_dateline(lead_text, e)]
        if lead_exprs:
            r = resolve(lead_exprs[0], published, year_hint=year_hint)
            if r.date is not None and (published is None or r.date <= published):
                return ResolvedDate(r.date, r.precision, "from the lead: " + r.reason, r.year_inferred)
    if published is None:
        return ResolvedDate(None, "unknown", "no date in the sentence and no article date")
    return ResolvedDate(published, "unknown", f"no date in the sentence: article date {published}")


# "TORKHAM: ", "HERAT (AP) — " opening a sentence
_OPENING_DATELINE = re.compile(r"[A-Z][A-Z .'’/-]{2,30}(?:\s*\([\w .&-]{1,20}\))?\s*[:\-–—]\s+")


# How far back the day a story is at may be named.
STORY_DAY_REACH = 600


def _day_named_before(text: str, s0: int, published: date | None, year_hint: int | None,
                      *, day_only: bool = True) -> ResolvedDate | None:
    """The last day named before offset ``s0`` (a weekday or a date, not a dateline), resolved."""
    chunk = text[max(0, s0 - STORY_DAY_REACH):s0]
    days = [e for e in find_dates(chunk) if e.kind in ("absolute", "weekday") and not in_dateline(chunk, e)]
    if not days:
        return None
    r = resolve(days[-1], published, year_hint=year_hint)
    if r.date is None or (day_only and r.precision != "day"):
        return None
    return r


def _later_date(later: re.Match[str], before: str, published: date | None,
                year_hint: int | None) -> ResolvedDate:
    """ "It was retaken two days later": the day named just before, plus the interval.

    Without a day before it, the interval floats: the date stays unknown rather
    than falling back to the article's date.
    """
    days = [e for e in find_dates(before) if e.kind in ("absolute", "weekday") and not in_dateline(before, e)]
    base = resolve(days[-1], published, year_hint=year_hint) if days else None
    written = later.group(0)
    if base is None or base.date is None or base.precision != "day":
        return ResolvedDate(None, "unknown", f"'{written}' after an event without a day")
    unit = later.group("unit").lower().rstrip("s")
    n = _LATER_N.get((later.group("n") or "").lower())
    if unit == "hour":
        return ResolvedDate(base.date, "day", f"'{written}': the day of " + base.reason, base.year_inferred)
    if n is None or unit in ("month", "year"):
        return ResolvedDate(None, "unknown", f"'{written}' is too vague to date")
    got = base.date + timedelta(days=n * (7 if unit == "week" else 1))
    if published is not None and got > published:
        return ResolvedDate(None, "unknown", f"'{written}' would fall after the article date")
    return ResolvedDate(got, "day" if unit == "day" else "week",
                        f"'{written}' after {base.date}", base.year_inferred)


# "two days after the insurgents seized it", "a day after they took Zaranj",
# "hours after it fell": the event is dated from the day named before.
_AFTER_SHIFT = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|\d+|(?:just\s+|only\s+|a\s+few\s+|several\s+)?hours|"
    r"(?:just\s+|only\s+|a\s+few\s+)?minutes)\s+(?P<unit>days?|weeks?)?\s*after\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE)


_SAME_DAY = re.compile(r"\b(?:the\s+same\s+(?:day|night|evening|morning)|later\s+(?:that|in\s+the|the\s+same)\s+day|"
                       r"that\s+same\s+day|that\s+(?:night|evening|afternoon)|(?:by|in\s+the)\s+(?:evening|afternoon)|"
                       r"by\s+nightfall|by\s+the\s+end\s+of\s+the\s+day|within\s+hours)\b",
                       re.IGNORECASE)


# "retaken hours later", "two weeks later": counted from the day named before
_LATER = re.compile(r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|several|a\s+few|few|\d{1,2})\s+)?"
                    r"(?P<unit>hours?|days?|weeks?|months?|years?)\s+later\b", re.IGNORECASE)


_LATER_N = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


# "remain contested", "is under siege": a state told in the present tense
_PRESENT_STATE = re.compile(r"(?:is|are|remains?|still)\b", re.IGNORECASE)


_STATE_TURN = re.compile(r",?\s+\b(?:but|while|although|though|whereas)\b|;", re.IGNORECASE)


_REL_CLAUSE_DATE = re.compile(r",\s*(?:which|where|whom?|whose)\s+(?:\w+\s+){0,2}?(?:had|has|have|was|were)\b[^,;:“”\"]*$",
                              re.IGNORECASE)


_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the\s+|its\s+|their\s+)?[a-z]+\s+[a-z]+", re.IGNORECASE)


# What may close a caption after its date: the end, or a photo credit.
_CAPTION_CLOSE = re.compile(r"[\s.]*(?:\(?(?:photo|image|picture|credit)?[:\s]*[A-Z][\w./ -]{0,40}\)?)?[\s.]*$")


def _shift_days(m: re.Match[str]) -> int | None:
    """The days of "two days after", "a week after"; 0 for "hours after"; None for "two after"."""
    word = m.group("n").lower()
    if m.group("unit"):
        n = _COUNT_WORDS.get(word) or (int(word) if word.isdigit() else 1)
        return n * 7 if m.group("unit").lower().startswith("week") else n
    if word.isdigit() or word in _COUNT_WORDS:
        return None  # "two after": not a span of time
    return 0  # hours or minutes after: the same day


_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _shifted_date(sentence: str, exprs: list[Any], cue: int, published: date | None,
                  year_hint: int | None, story_day: Any = None) -> ResolvedDate | None:
    """The date of an event told as "N days after" another.

    The other is dated in the same sentence before "after", else by a
    caption's closing date ("Fighters gather a day after taking Kandahar,
    Afghanistan, 14 August 2021"), else by the day the story named before
    (``story_day()``), else by the article date ("The clashes come a day after
    the Taliban captured ...").
    """
    m = _AFTER_SHIFT.search(sentence[:cue])
    if m is None:
        return None
    before = [e for e in exprs if e.end <= m.start()]
    closing = [e for e in exprs if e.start > cue and e.kind == "absolute" and e.year
               and _CAPTION_CLOSE.match(sentence, e.end) and sentence[:e.start].rstrip().endswith(",")]
    if not before and closing:
        before = closing
    elif not before and not exprs and (m.group("unit") or not m.group("n")[0].isdigit()):
        base = story_day() if story_day is not None else None
        if base is None and published is not None:
            base = ResolvedDate(published, "day", f"the article date {published}")
        if base is None:
            return None
        days = _shift_days(m)
        if days is None:
            return None
        return ResolvedDate(base.date - timedelta(days=days), "day",
                            f"'{m.group(0).strip()}' {base.reason}", base.year_inferred)
    if not before or any(m.end() <= e.start <= cue + 40 for e in exprs if e not in closing):
        return None
    days = _shift_days(m)
    if days is None:
        return None
    base = resolve_among(exprs, before[-1], published, year_hint=year_hint)
    if base.date is None:
        return None
    return ResolvedDate(base.date - timedelta(days=days), base.precision,
                        f"'{m.group(0).strip()}' {base.reason}", base.year_inferred)


def align_event_dates(claims: list[Claim]) -> list[Claim]:
    """Date a claim without its own date like an earlier dated report of the same event.

    "Tuesday's capture of the crossing ... The take over of the border
    crossing forced ...": the second mention is the same event, not a new one
    on the article date.
    """
    claims = _event_over_report_dates(claims)
    dated: dict[tuple[str, str], tuple[int, Claim]] = {}
    for n, c in enumerate(claims):
        if c.time_precision != "unknown" and not c.date_reason.startswith("from the lead"):
            dated.setdefault((c.place_key, c.controller), (n, c))
    out = []
    for n, c in enumerate(claims):
        key = (c.place_key, c.controller)
        own = c.time_precision != "unknown" and not c.date_reason.startswith("from the lead")
        # A headline, or a claim dated only by the lead, takes the date the
        # article gives the same event further down ("... a day after Herat falls").
        first = dated.get(key, (n, None))[1]
        ahead_ok = first is not None and first.time_precision == "day" and (
            not _SENTENCE_END.search(c.sentence)
            or (c.date_reason.startswith("from the lead")
                and tuple(first.extra.get("sentence_span", ())) == tuple(c.extra.get("lead_span") or ())))
        if not own and key in dated and dated[key][1].event_date and (dated[key][0] < n or ahead_ok):
            first = dated[key][1]
            c = replace(c, event_date=first.event_date, time_precision=first.time_precision,
                        date_reason=f"as the earlier report of the same event: {first.date_reason}")
        out.append(c)
    return out


# "... the ministry said on Wednesday": the date of the saying, not of the event.
_SAID_ON = re.compile(r"\b(?:said|says|told|announced|confirmed|reported|stated|added)\s+(?:[\w'’-]+\s+){0,3}?$",
                      re.IGNORECASE)


_REASON_EXPR = re.compile(r"^'([^']+)'")


# How many days before the report the event day of the same event may lie.
REPORT_LAG_DAYS = 7


def _report_dated(c: Claim) -> bool:
    m = _REASON_EXPR.match(c.date_reason)
    if m is None or c.time_precision != "day":
        return False
    i = c.sentence.find(m.group(1))
    return i > 0 and bool(_SAID_ON.search(c.sentence, max(0, i - 60), i))


_ONGOING = re.compile(r"\bcontinu(?:e|es|ing)\b|\bstill\b|\bfor\s+the\s+\w+\s+(?:consecutive\s+|straight\s+)?day\b",
                      re.IGNORECASE)


def _event_over_report_dates(claims: list[Claim]) -> list[Claim]:
    """A claim dated by its reporting verb ("X was retaken, the ministry said on Wednesday") takes
    the event day a later sentence gives the same event ("the district was retaken on Tuesday")."""
    out = list(claims)
    for n, c in enumerate(out):
        if not c.event_date or not _report_dated(c) or c.extra.get("state") or _ONGOING.search(c.sentence):
            continue  # "fighting continues ..., officials said on Monday": the state on the day of the report
        said = date.fromisoformat(c.event_date)
        for later in out[n + 1:]:
            if (later.place_key, later.controller) != (c.place_key, c.controller) or not later.event_date \
                    or later.time_precision != "day" or not _REASON_EXPR.match(later.date_reason) \
                    or _report_dated(later):
                continue
            day = date.fromisoformat(later.event_date)
            if 0 < (said - day).days <= REPORT_LAG_DAYS:
                out[n] = replace(c, event_date=later.event_date, time_precision=later.time_precision,
                                 date_reason=f"the event day given later: {later.date_reason}")
            break
    return out


_DAY_RIGHT_AFTER = re.compile(r"\s+(?:district\s+|province\s+|city\s+)?(?:late\s+|early\s+)?on\s+", re.IGNORECASE)


def _own_day(text: str, end: int, published: date | None, year_hint: int | None) -> ResolvedDate | None:
    """The day written right after a listed place ("Qadis district on Tuesday"), resolved; else None."""
    m = _DAY_RIGHT_AFTER.match(text, end)
    if m is None:
        return None
    exprs = [e for e in find_dates(text[end:end + 60]) if e.start <= m.end() - end + 1
             and e.kind in ("weekday", "absolute")]
    if not exprs:
        return None
    got = resolve(exprs[0], published, year_hint=year_hint)
    return got if got.date is not None else None


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per place, controller and date (the first, most precise)."""
    seen: dict[tuple[str, str, str], int] = {}
    out: list[Claim] = []
    for c in claims:
        # Undated claims stay apart when their date expressions differ: a date
        # inferred later for the article may tell them apart.
        key = (c.place_key, c.controller, c.event_date or c.date_reason)
        if key in seen:
            continue
        seen[key] = len(out)
        out.append(c)
    return out
