"""Several claims on one place: an entry and a taking, fighting and a fall, conflicts in a sentence."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from geo.claims.cues import Cue, cue_controller
from geo.claims.links import _BOUNDARY, _FACILITY, _clause_start, _Link
from geo.claims.targets import Target
from geo.models import Claim

# An entry and a taking of one place this many days apart are one event.
ENTRY_TAKING_DAYS = 3


# "entered Qadis until forces retook it", "clashes in Qadis; the DAC ...": a new clause, a claim of its own.
_CLAUSE_TURN = re.compile(r";|\b(?:until|although|though|whereas|while|but)\b|\bbefore\s+being\b", re.IGNORECASE)


_AND_THEN = re.compile(r"^[^,;.:]{0,60}?\band\s+(?:then\s+|later\s+|quickly\s+|soon\s+|swiftly\s+)?$", re.IGNORECASE)


_TAKEN_WITHIN = re.compile(r"^\s+(?:it\b|the\s+(?:city|town)\b)", re.IGNORECASE)


def _entered_and_took(found: list[tuple[Target, _Link]], cues: list[Cue], text: str,
                      doc: Any) -> list[tuple[Target, _Link]]:
    """ "Entered Kabul and took control of the presidential palace": the taking, not a contest."""
    out = []
    for t, lk in found:
        if lk.cue.cls == "enter" and lk.controller == "contested":
            for c in cues:
                if c.cls == "take" and c.start > t.end and _AND_THEN.match(text[t.end:c.start]) \
                        and (_FACILITY.match(text[c.end:c.end + 60]) or _TAKEN_WITHIN.match(text[c.end:c.end + 20])):
                    ctl = cue_controller(c, text, _clause_start(text, lk.cue.start), doc)
                    if ctl in ("taliban", "government"):
                        lk = _Link(c, lk.gap, ctl)
                    break
        out.append((t, lk))
    return out


def _resolve_conflicts(found: list[tuple[Target, _Link]], text: str) -> list[tuple[Target, _Link]]:
    """Within a sentence, drop what a stronger cue on the same place overrides.

    Fighting before a capture led to it ("fighting began on Sunday and by
    Monday the Taliban had overrun it"); a past state in a relative clause
    ("which was still under government control") was ended by the capture.
    """
    by_place: dict[str, list[tuple[Target, _Link]]] = {}
    for t, lk in found:
        by_place.setdefault(t.place.key, []).append((t, lk))
    keep: list[tuple[Target, _Link]] = []
    for t, lk in found:
        others = [o for o in by_place[t.place.key] if o[1].controller != lk.controller]
        fought_only = not any(o[1].cue.cls in ("take", "fall", "enter") for o in by_place[t.place.key])
        strong_later = any(o[1].cue.strength > lk.cue.strength and o[1].cue.start > lk.cue.start
                           and not (fought_only and o[1].cue.cls == "driven_out")
                           and not _CLAUSE_TURN.search(text, lk.cue.end, o[1].cue.start) for o in others)
        if lk.controller == "contested" and strong_later:
            continue
        if lk.cue.cls == "driven_out" and fought_only and any(o[1].controller == "contested" for o in others):
            # "reached the outskirts of X and fought inside parts of the city before being
            # pushed back": fought over, never taken.
            continue
        # "Taliban Take Two Districts, Dehrawud Under Siege": a place with its own
        # cue right after it is the subject of that cue, not the object of one before
        if lk.cue.end <= t.start and any(
                o[1].cue.start >= t.end and o[1].cue.mode == "subject"
                and not re.match(r"(?:before|until|but|and|when)\b", o[1].cue.text, re.IGNORECASE)
                and re.fullmatch(r"\s*(?:(?:is|are|was|were|now|still|also)\s+)*", text[t.end:o[1].cue.start], re.IGNORECASE)
                and not _BOUNDARY.search(text, lk.cue.end, t.start) for o in others):
            continue
        past = re.search(r"\b(?:was|were)\s+(?:still\s+|once\s+|previously\s+)?$",
                         text[max(0, lk.cue.start - 20):lk.cue.start], re.IGNORECASE)
        if lk.cue.cls == "hold" and (past or re.match(r"(?:was|were)\b", lk.cue.text, re.IGNORECASE)) and any(
                o[1].cue.strength > lk.cue.strength for o in others):
            continue
        keep.append((t, lk))
    return keep


def _drop_fighting(claims: list[Claim]) -> list[Claim]:
    """Drop "fighting in X" where the article says X was taken or held: it was the taking."""
    settled = {c.place_key for c in claims if c.extra.get("cue_class") not in ("fight", "contest", "enter")}
    taken: dict[str, list[str | None]] = {}
    for c in claims:
        if c.controller == "taliban" and c.extra.get("cue_class") in ("take", "fall") \
                and not c.extra.get("historical") and not c.extra.get("partial"):
            taken.setdefault(c.place_key, []).append(c.event_date)

    def entry_was_the_taking(c: Claim) -> bool:
        # "The enemy entered the city from several directions": told of a place the
        # article says was taken, the entry was the taking -- unless the two are
        # days apart ("entered the city again in 2016" in a history of its falls).
        return c.extra.get("cue_class") == "enter" and c.controller == "contested" and any(
            d is None or c.event_date is None
            or abs((date.fromisoformat(d) - date.fromisoformat(c.event_date)).days) <= ENTRY_TAKING_DAYS
            for d in taken.get(c.place_key, []))

    return [c for c in claims if not (c.extra.get("cue_class") == "fight" and c.place_key in settled)
            and not entry_was_the_taking(c)]
