"""tcmap's timeline lined up against a reference table: agreement, precision, recall, disagreements.

Pure: a :class:`geo.timeline.build.Timeline` and reference rows
(:class:`geo.timeline.reference.ReferenceRow`) in, a :class:`Comparison` out.

What is compared
----------------
1. **Every reference row.** The row says district P was S on day D; tcmap's
   status of P on D is set against it. With ``tolerance_days`` = N the row
   agrees when tcmap shows S on any day from D - N to D + N: reports and
   reference tables often date one fall a day or two apart.
2. **tcmap's statuses the reference does not speak of** (two-sided
   reference, the default). Each period of one tcmap status (taliban,
   government, contested) that overlaps the reference's dates and has no
   reference row of its district within it is compared once, on its first
   day (or the reference's first day, if later), with the reference's
   standing status: the district's latest row before, else ``government`` —
   a table that lists what fell says, by leaving a district out, that it did
   not fall. These points give tcmap's statuses a precision. The tolerance
   works both ways here (the reference's standing status on any day within
   N days also counts).
3. **One-sided reference** (``one_sided``: a list of captures only): leaving
   a district out says nothing, so only the rows are compared; tcmap's other
   statuses are counted as *unmentioned*, and precision is not measured (every
   row being a capture, it would be 100 % by construction).

tcmap's ``no_report`` counts against agreement and recall (the map is blank
where the reference has a status) and is also reported apart, as coverage.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from geo.models import STATUSES, Claim
from geo.timeline.build import DistrictStatus, Timeline
from geo.timeline.reference import REFERENCE_STATUSES, ReferenceRow

__all__ = ["Comparison", "Point", "compare"]

ABSENT_STATUS = "government"


@dataclass(frozen=True)
class Point:
    """One district on one day, as the reference and tcmap see it.

    ``origin`` is ``row`` (a reference row, ``line`` its line) or ``absent``
    (a district tcmap colours that the reference does not list that day;
    ``reference`` is then its standing status). ``tcmap`` is tcmap's status on
    ``day``; ``matched_day`` the day within the tolerance on which the two
    agreed (None when they did not).
    """

    adm2_pcode: str
    district: str
    province: str
    day: date
    reference: str
    tcmap: str
    origin: str
    line: int | None = None
    matched_day: date | None = None
    since: date | None = None
    stale: bool = False
    unconfirmed: bool = False
    overridden: bool = False
    evidence: tuple[Claim, ...] = ()
    next_change: tuple[date, str] | None = None  # tcmap's next different status after ``day``

    @property
    def agree(self) -> bool:
        return self.matched_day is not None

    @property
    def tcmap_effective(self) -> str:
        """tcmap's status as scored: the reference's where they agreed within the tolerance."""
        return self.reference if self.agree else self.tcmap


@dataclass(frozen=True)
class StatusScore:
    status: str
    reference: int  # points where the reference says this status
    tcmap: int  # points where tcmap (as scored) says it
    both: int
    precision: float | None
    recall: float | None


@dataclass
class Comparison:
    """The figures and the points behind them; ``format()`` for people, ``as_dict()`` for programs."""

    points: list[Point]
    tolerance_days: int
    one_sided: bool
    until: date | None
    unmentioned: list[Point] = field(default_factory=list)
    skipped_after: int = 0  # reference rows after ``until``

    @property
    def rows(self) -> list[Point]:
        return [p for p in self.points if p.origin == "row"]

    @property
    def agreed(self) -> int:
        return sum(p.agree for p in self.points)

    @property
    def agreement(self) -> float | None:
        return _ratio(self.agreed, len(self.points))

    @property
    def reported(self) -> list[Point]:
        return [p for p in self.points if p.tcmap != "no_report" or p.agree]

    @property
    def agreement_where_reported(self) -> float | None:
        rep = self.reported
        return _ratio(sum(p.agree for p in rep), len(rep))

    @property
    def coverage(self) -> float | None:
        """Share of the reference rows on which tcmap has a status (within the tolerance)."""
        rows = self.rows
        return _ratio(sum(1 for p in rows if p.tcmap != "no_report" or p.agree), len(rows))

    @property
    def disagreements(self) -> list[Point]:
        return [p for p in self.points if not p.agree]

    def scores(self) -> list[StatusScore]:
        out = []
        for s in REFERENCE_STATUSES:
            ref = sum(1 for p in self.points if p.reference == s)
            mine = sum(1 for p in self.points if p.tcmap_effective == s)
            both = sum(1 for p in self.points if p.reference == s and p.agree)
            precision = None if self.one_sided else _ratio(both, mine)
            out.append(StatusScore(s, ref, mine, both, precision, _ratio(both, ref)))
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        """Reference status -> tcmap status (as scored) -> number of points."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for p in self.points:
            counts[p.reference][p.tcmap_effective] += 1
        return {r: {t: counts[r][t] for t in STATUSES} for r in REFERENCE_STATUSES}

    def as_dict(self) -> dict[str, Any]:
        return {
            "tolerance_days": self.tolerance_days,
            "one_sided": self.one_sided,
            "until": self.until.isoformat() if self.until else None,
            "points": len(self.points),
            "reference_rows": len(self.rows),
            "absent_from_reference": len(self.points) - len(self.rows),
            "rows_after_until": self.skipped_after,
            "agreed": self.agreed,
            "agreement": self.agreement,
            "agreement_where_tcmap_reports": self.agreement_where_reported,
            "coverage": self.coverage,
            "statuses": {s.status: {"reference": s.reference, "tcmap": s.tcmap, "agreed": s.both,
                                    "precision": s.precision, "recall": s.recall} for s in self.scores()},
            "confusion": self.confusion(),
            "disagreements": [point_dict(p) for p in self.disagreements],
            "unmentioned": [point_dict(p) for p in self.unmentioned],
        }

    def format(self, *, limit: int | None = 50) -> str:
        """The figures and the disagreements as plain text for a terminal (article text made printable)."""
        n_rows, n_abs = len(self.rows), len(self.points) - len(self.rows)
        lines = []
        what = f"{n_rows} reference row{'s' if n_rows != 1 else ''}"
        if n_abs:
            what += (f" + {n_abs} tcmap status{'es' if n_abs != 1 else ''} no row speaks of "
                     f"(against the reference's standing status, else {ABSENT_STATUS})")
        tol = f", tolerance {self.tolerance_days} day{'s' if self.tolerance_days != 1 else ''}"
        side = ", one-sided reference" if self.one_sided else ""
        until = f", until {self.until}" if self.until else ""
        lines.append(f"Compared {len(self.points)} district-days: {what}{tol}{side}{until}.")
        if self.skipped_after:
            lines.append(f"{self.skipped_after} reference row(s) after {self.until} left out.")
        lines.append(f"Agreement: {_pct(self.agreement)} ({self.agreed}/{len(self.points)})")
        rep = self.reported
        lines.append(f"Agreement where tcmap has a status: {_pct(self.agreement_where_reported)} "
                     f"({sum(p.agree for p in rep)}/{len(rep)})")
        lines.append(f"Coverage: tcmap has a status for {_pct(self.coverage)} of the reference rows")
        lines.append("")
        lines.append(f"{'status':<12}{'reference':>10}{'tcmap':>8}{'agreed':>8}{'precision':>11}{'recall':>9}")
        for s in self.scores():
            lines.append(f"{s.status:<12}{s.reference:>10}{s.tcmap:>8}{s.both:>8}"
                         f"{_pct(s.precision):>11}{_pct(s.recall):>9}")
        if self.one_sided:
            lines.append("(one-sided reference: precision is not measured; "
                         f"tcmap colours {len(self.unmentioned)} district-day(s) the reference does not mention)")
        dis = self.disagreements
        lines.append("")
        lines.append(f"Disagreements ({len(dis)}):" if dis else "No disagreement.")
        for p in dis[:limit] if limit is not None else dis:
            lines.append("  " + _describe(p))
            for c in p.evidence[:2]:
                lines.append(f"      {_printable(c.article_id)} ({c.event_date or c.published or 'undated'}, "
                             f"{c.controller}): {_printable(_clip(c.sentence, 110))}")
        if limit is not None and len(dis) > limit:
            lines.append(f"  ... and {len(dis) - limit} more (--disagreements FILE.csv lists them all)")
        return "\n".join(lines)


def compare(
    timeline: Timeline,
    rows: Sequence[ReferenceRow],
    *,
    tolerance_days: int = 0,
    one_sided: bool = False,
    until: date | None = None,
) -> Comparison:
    """Line the timeline up against the reference rows (module docstring)."""
    if isinstance(tolerance_days, bool) or not isinstance(tolerance_days, int) or tolerance_days < 0:
        raise ValueError(f"Expected a whole number of days >= 0 for tolerance_days, instead got: {tolerance_days!r}.")
    known = {d.adm2_pcode for d in timeline.districts}
    outside = sorted({r.adm2_pcode for r in rows} - known)
    if outside:
        raise ValueError(f"Reference rows name districts that are not in the timeline: {outside!r}.")
    kept = [r for r in rows if until is None or r.day <= until]
    window = [timedelta(days=k) for k in _offsets(tolerance_days)]
    by_district: dict[str, list[ReferenceRow]] = defaultdict(list)
    for r in sorted(kept, key=lambda r: (r.day, r.line)):
        by_district[r.adm2_pcode].append(r)

    points: list[Point] = []
    for r in sorted(kept, key=lambda r: (r.day, r.adm2_pcode, r.line)):
        st = timeline.status_of(r.adm2_pcode, r.day)
        matched = next((r.day + w for w in window
                        if _tcmap_on(timeline, r.adm2_pcode, r.day + w) == r.status), None)
        points.append(_point(timeline, st, r.day, r.status, "row", r.line, matched))

    unmentioned: list[Point] = []
    if kept:
        first, last = min(r.day for r in kept), max(r.day for r in kept)
        for d in timeline.districts:
            history = by_district.get(d.adm2_pcode, [])
            for start, end, status in _runs(timeline, d.adm2_pcode):
                if status == "no_report" or start > last or (end is not None and end < first):
                    continue
                lo, hi = start - timedelta(days=tolerance_days), (end or date.max)
                if any(lo <= r.day <= hi for r in history):
                    continue  # a reference row already speaks of this period
                day = max(start, first)
                st = timeline.status_of(d.adm2_pcode, day)
                if one_sided:
                    unmentioned.append(_point(timeline, st, day, "", "absent", None, None))
                    continue
                ref = _standing(history, day)
                matched = next((day + w for w in window
                                if _tcmap_on(timeline, d.adm2_pcode, day + w) == ref
                                or _standing(history, day + w) == st.status), None)
                points.append(_point(timeline, st, day, ref, "absent", None, matched))
    points.sort(key=lambda p: (p.day, p.adm2_pcode, p.origin != "row"))
    return Comparison(points, tolerance_days, one_sided, until, unmentioned, len(rows) - len(kept))


def _offsets(n: int) -> list[int]:
    """0, -1, +1, -2, +2, ...: the nearest matching day is the one reported."""
    out = [0]
    for k in range(1, n + 1):
        out += [-k, k]
    return out


def _runs(timeline: Timeline, pcode: str) -> list[tuple[date, date | None, str]]:
    """The district's periods of one status (qualifier changes such as staleness merged)."""
    out: list[tuple[date, date | None, str]] = []
    for start, end, seg in timeline.history(pcode):
        if out and out[-1][2] == seg.status:
            out[-1] = (out[-1][0], end, seg.status)
        else:
            out.append((start, end, seg.status))
    return out


def _tcmap_on(timeline: Timeline, pcode: str, day: date) -> str:
    return timeline.status_of(pcode, day).status


def _standing(history: list[ReferenceRow], day: date) -> str:
    """The reference's status of a district on ``day``: its latest row on or before, else government."""
    status = ABSENT_STATUS
    for r in history:
        if r.day > day:
            break
        status = r.status
    return status


def _point(timeline: Timeline, st: DistrictStatus, day: date, reference: str, origin: str,
           line: int | None, matched: date | None) -> Point:
    nxt = None
    for start, _end, seg in timeline.history(st.adm2_pcode):
        if start > day and seg.status != st.status:
            nxt = (start, seg.status)
            break
    return Point(st.adm2_pcode, st.adm2_name, st.adm1_name, day, reference, st.status, origin, line, matched,
                 st.since, st.stale, st.unconfirmed, st.overridden, tuple(st.evidence), nxt)


def point_dict(p: Point) -> dict[str, Any]:
    """A point as a flat record (the disagreements CSV and JSON)."""
    newest = max(p.evidence, key=lambda c: (c.event_date or c.published or "", c.article_id), default=None)
    return {
        "adm2_pcode": p.adm2_pcode, "district": p.district, "province": p.province,
        "date": p.day.isoformat(), "reference": p.reference, "tcmap": p.tcmap,
        "agree": p.agree, "matched_date": p.matched_day.isoformat() if p.matched_day else "",
        "origin": p.origin, "reference_line": p.line if p.line is not None else "",
        "tcmap_since": p.since.isoformat() if p.since else "",
        "tcmap_next": f"{p.next_change[1]} from {p.next_change[0]}" if p.next_change else "",
        "stale": p.stale, "unconfirmed": p.unconfirmed, "overridden": p.overridden,
        "claims": len(p.evidence),
        "articles": " ".join(sorted({c.article_id for c in p.evidence})),
        "evidence": newest.sentence if newest else "",
    }  # fmt: skip


POINT_COLUMNS = list(point_dict(Point("", "", "", date.min, "", "", "")).keys())


def _describe(p: Point) -> str:
    ref = f"reference {p.reference}" + (f" (line {p.line})" if p.line is not None else " (not listed)")
    mine = f"tcmap {p.tcmap}"
    if p.since:
        mine += f" since {p.since}"
    quals = [q for q, on in (("stale", p.stale), ("unconfirmed", p.unconfirmed), ("overridden", p.overridden)) if on]
    if quals:
        mine += f" ({', '.join(quals)})"
    if p.next_change:
        mine += f"; {p.next_change[1]} from {p.next_change[0]}"
    if p.evidence:
        mine += f"; {len(p.evidence)} claim{'s' if len(p.evidence) != 1 else ''}"
    return f"{p.day}  {p.adm2_pcode} {_printable(p.district)} ({_printable(p.province)}): {ref}; {mine}"


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _printable(s: str) -> str:
    """Article text on a terminal: control characters (escape sequences) shown as spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in s)
