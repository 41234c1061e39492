"""Places enumerated after a counted noun that a cue governs.

"The insurgents took three provincial capitals over the weekend — Zaranj,
Sar-e-Pul and Taloqan", "have control of four districts including A, B and C",
"seized two more districts in Faryab: A and B". The verb governs the counted
noun ("three provincial capitals"); the list after a dash, a colon or
"including" names what was counted, so every place of the list takes the
verb's claim. The word rules of ``geo.claims.links`` stop at a dash or a colon
(they end a clause elsewhere); this step links across them only when a count
noun stands between the verb and the list, which is what makes the list the
verb's object.
"""

from __future__ import annotations

import re
from typing import Any

from geo.claims.cues import Cue, cue_controller
from geo.claims.links import _clause_start, _Link
from geo.claims.targets import Target

_COUNT = (r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|dozens\s+of|"
          r"several|a\s+number\s+of|many|a\s+few|some|both|the\s+two|the\s+three|the\s+four)")
_NOUN = (r"(?:districts|provinces|provincial\s+capitals|provincial\s+(?:centres|centers)|capitals|cities|towns|"
         r"border\s+crossings|crossings|border\s+towns|district\s+(?:centres|centers)|areas)")
# Between the cue and the list: "three provincial capitals over the weekend —",
# "control of four districts including", "19 of the country's 34 provincial capitals, including"
_COUNTED_LIST = re.compile(
    r"^\s+(?:(?:control|hold|charge)\s+(?:of|over)\s+)?(?:the\s+)?(?:(?:another|other|more|further)\s+)?" + _COUNT +
    r"\s+(?:(?:more|other|further)\s+)?(?:of\s+(?:the\s+)?(?:[\w’'-]+['’]s\s+)?\d{1,3}\s+)?"
    r"(?:(?:key|strategic|important|major|remote|rural|new|[a-z]+ern|neighbou?ring)\s+){0,2}" + _NOUN +
    r"\b(?P<between>[^.;:!?—–“”\"()]{0,60}?)"
    r"(?:\s[—–]\s?|\s?:\s*|\s\(|,?\s+(?:including|namely|such\s+as|among\s+them|notably|specifically)\s+)"
    r"(?:the\s+)?(?:(?:[a-z]+ern|key|strategic)\s+)?(?:(?:city|town|district|districts|cities)\s+of\s+)?$",
    re.IGNORECASE)
# A new clause or statement ends the list.
_LIST_END = re.compile(r"[.;!?“”\"]|\b(?:said|says|told|while|but|after|before|when|where|which|who)\b", re.IGNORECASE)
# What may stand between two places of the enumerated list: commas, "and", and where each lies
# ("Zaranj in the southern province of Nimroz, Sar-e-Pul, in the northern province of the same name, and").
_LIST_GAP = re.compile(
    r"^(?:\s|,|\band\b|\bas\s+well\s+as\b|\bin\b|\bof\b|\bthe\b|\bsame\b|\bname\b|\bprovinces?\b|\bdistricts?\b|"
    r"\bcity\b|\btowns?\b|\bcapital\b|\bnorth(?:-?(?:east|west))?(?:ern)?\b|\bsouth(?:-?(?:east|west))?(?:ern)?\b|"
    r"\beast(?:ern)?\b|\bwest(?:ern)?\b|\bcentral\b|[()\-–])*$", re.IGNORECASE)


def counted_lists(text: str, cues: list[Cue], targets: list[Target], links: dict[int, list[_Link]],
                  doc: Any = None) -> None:
    """Link the places listed after a counted noun to the cue before it (in place)."""
    groups: dict[int, list[Target]] = {}
    for t in targets:
        groups.setdefault(t.group, []).append(t)
    order = sorted(groups, key=lambda g: groups[g][0].start)
    for cue in cues:
        if cue.passive or cue.mode not in ("object", "both"):
            continue
        first = next((g for g in order if groups[g][0].start >= cue.end), None)
        if first is None or first in links:
            continue
        head = _COUNTED_LIST.match(text[cue.end:groups[first][0].start])
        if head is None or any(cue.end <= c.start < groups[first][0].start for c in cues if c is not cue):
            continue
        ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc)
        if not ctl:
            continue
        link = _Link(cue, 0, ctl)
        links[first] = [link]
        prev_end = groups[first][-1].end
        for g in order[order.index(first) + 1:]:
            start = groups[g][0].start
            gap = text[prev_end:start]
            if g in links or _LIST_END.search(gap) or any(prev_end <= c.start < start for c in cues) \
                    or not _LIST_GAP.match(gap):
                break
            links[g] = [link]
            prev_end = groups[g][-1].end
