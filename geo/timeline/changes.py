"""Which districts changed hands between two dates.

An analyst asks "what moved since the last briefing?": the districts whose
status on ``until`` differs from their status on ``since``, with the day of the
change and the claims behind the new status. Only the status counts (Taliban,
government, contested, partly reported, no report); a qualifier turning on or
off (unconfirmed, stale, an override keeping the same status) is no change. A
district that changed and changed back in between is no change either: the map
compares the two days.

The rows feed ``tcmap changes`` (a table or CSV), ``tcmap map --changes-since``
and the app's *Changes* view, so the three always agree.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from geo.csvcells import safe_writer
from geo.models import Claim
from geo.timeline.build import DistrictStatus, Timeline

__all__ = ["CHANGE_COLUMNS", "Change", "changes", "changes_csv", "changes_table", "status_words"]

CHANGE_COLUMNS = ("district", "province", "adm2_pcode", "from", "to", "changed_on", "evidence", "sources")
MAX_EVIDENCE_TEXT = 3  # newest sentences quoted per row in the table; the rest are counted


@dataclass(frozen=True)
class Change:
    """One district whose status on ``until`` differs from its status on ``since``.

    ``changed_on`` is the first day of the new status's run (the day the map
    first shows it), never before ``since``'s next day.
    """

    old: DistrictStatus
    new: DistrictStatus
    changed_on: date

    @property
    def adm2_pcode(self) -> str:
        return self.new.adm2_pcode

    @property
    def evidence(self) -> list[Claim]:
        return self.new.evidence


def _check_day(name: str, value: object) -> date:
    if not isinstance(value, date):
        raise TypeError(f"Expected a date for {name}, instead got: {value!r}.")
    return value


def _changed_on(timeline: Timeline, pcode: str, since: date, until: date, new: DistrictStatus) -> date:
    """The last day in (since, until] on which the district entered its ``until`` status."""
    found: date | None = None
    previous = "no_report"
    for start, _end, status in timeline.history(pcode):
        if start > until:
            break
        if status.status != previous and since < start:
            found = start
        previous = status.status
    if found is not None and found <= until:
        return found
    return new.since if new.since and since < new.since <= until else until


def changes(timeline: Timeline, since: date, until: date) -> list[Change]:
    """The districts whose status differs between ``since`` and ``until``, by province then district.

    Raises ValueError if ``until`` is before ``since``; the same day gives no rows.
    """
    since = _check_day("since", since)
    until = _check_day("until", until)
    if until < since:
        raise ValueError(
            f"Expected an end date on or after the start {since.isoformat()}, instead got: {until.isoformat()}."
        )
    out = []
    for d in timeline.districts:
        old = timeline.status_of(d.adm2_pcode, since)
        new = timeline.status_of(d.adm2_pcode, until)
        if old.status == new.status:
            continue
        out.append(Change(old, new, _changed_on(timeline, d.adm2_pcode, since, until, new)))
    out.sort(key=lambda c: (c.new.adm1_name.casefold(), c.new.adm2_name.casefold(), c.adm2_pcode))
    return out


def status_words(s: DistrictStatus) -> str:
    """'taliban (unconfirmed)': the status with its qualifiers, as the table shows it."""
    quals = [q for q, on in (("unconfirmed", s.unconfirmed), ("stale", s.stale),
                             ("analyst override", s.overridden)) if on]
    return s.status + (f" ({', '.join(quals)})" if quals else "")


def _sources(claims: Sequence[Claim]) -> str:
    seen: dict[str, None] = {}
    for c in reversed(claims):
        name = " ".join((c.publisher or "").split()) or " ".join((c.title or c.article_id or "").split())
        url = (c.url or "").strip()
        seen.setdefault(f"{name} {url}".strip() if url else name, None)
    return "; ".join(s for s in seen if s)


def _evidence(change: Change) -> str:
    new = change.new
    if new.overridden and new.note:
        lead = [f"Analyst note: {' '.join(new.note.split())}"]
    else:
        lead = []
    claims = list(reversed(new.evidence))
    quoted = [f"\u201c{' '.join((c.sentence or '').split())}\u201d ({' '.join((c.attributed_to or '').split()) or 'unattributed'})"
              for c in claims[:MAX_EVIDENCE_TEXT]]
    more = len(claims) - MAX_EVIDENCE_TEXT
    tail = [f"and {more} more claim{'s' if more != 1 else ''}"] if more > 0 else []
    return " | ".join(lead + quoted + tail)


def changes_table(rows: Sequence[Change]) -> list[dict[str, str]]:
    """The rows as the table the CLI, the app and the CSV show (columns ``CHANGE_COLUMNS``)."""
    return [
        {
            "district": r.new.adm2_name,
            "province": r.new.adm1_name,
            "adm2_pcode": r.adm2_pcode,
            "from": status_words(r.old),
            "to": status_words(r.new),
            "changed_on": r.changed_on.isoformat(),
            "evidence": _evidence(r),
            "sources": _sources(r.new.evidence),
        }
        for r in rows
    ]


def changes_csv(rows: Sequence[Change]) -> str:
    """The table as CSV text, every cell through ``geo.csvcells`` (no spreadsheet formulas)."""
    buf = io.StringIO()
    w = safe_writer(buf, lineterminator="\n")
    w.writerow(CHANGE_COLUMNS)
    for row in changes_table(rows):
        w.writerow([row[c] for c in CHANGE_COLUMNS])
    return buf.getvalue()

