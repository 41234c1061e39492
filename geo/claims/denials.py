"""Denials ("the ministry denied the reports") and the claim each one answers."""

from __future__ import annotations

import re
from dataclasses import replace

from geo.claims.attribution import (
    Attribution,
    denial_at,
)
from geo.claims.cues import _OPPOSITE
from geo.claims.event_dates import claim_date
from geo.claims.nlp import Sentence
from geo.models import Article, Claim

# (not "uprising forces": before August 2021 they fought beside the government)
_RESISTANCE = re.compile(r"\b(?:national\s+resistance\s+front|(?-i:NRF)|resistance\s+(?:front|forces?|fighters?|movement)|"
                         r"anti-taliban\s+(?:forces?|fighters?|militias?|front))\b", re.IGNORECASE)


def _denied_to(controller: str, denier: Attribution, sentence: str) -> str:
    """Who holds a place, by a denial of a claim that ``controller`` holds it.

    After August 2021 the Taliban's foes are not the government: their denial leaves it contested.
    """
    if controller == "taliban" and (_RESISTANCE.search(denier.who) or _RESISTANCE.search(sentence)):
        return "contested"
    return _OPPOSITE[controller]


def _denies_own_claim(s: Sentence, own: list[Claim]) -> bool:
    """ "The Taliban claimed to have captured Alasay, but the police rejected the claim": the
    denial answers the claim told before it in the same sentence, not the sentences before."""
    m = denial_at(s.text)
    return m is not None and any(c.extra.get("cue_start", s.end) - s.start < m for c in own)


def _denials(article: Article, s: Sentence, previous: list[Claim], own: list[Claim],
             att: Attribution, year_hint: int | None) -> list[Claim]:
    """A denial of the claims just made ("the ministry denied the reports").

    The denial is the opposite claim, by the denier, dated like the claim it
    denies unless it carries its own date. Claims the sentence states itself
    ("saying the crossing was still under government control") are kept and
    dated the same way.
    """
    out = []
    used: set[int] = set()
    for c in previous:
        if c.controller not in _OPPOSITE:
            continue
        ctl = _denied_to(c.controller, att, s.text)
        mine = [o for o in own if o.place_key == c.place_key and o.controller == ctl]
        used.update(id(o) for o in mine)
        base = mine[0] if mine else replace(
            c, controller=ctl, sentence=s.text, attributed_to=att.who, source_type=att.source_type,
            confidence=round(max(c.confidence - 0.15, 0.05), 2),
            extra=dict(c.extra, sentence_span=(s.start, s.end), cue_start=s.start, cue_end=s.start,
                       state=True))
        d = claim_date(article.text, base.extra, article.published, year_hint)
        if d.precision == "unknown" and c.event_date:
            base = replace(base, event_date=c.event_date, time_precision=c.time_precision,
                           date_reason="same date as the claim it denies",
                           extra=dict(base.extra, denial_of=c.attributed_to, date_from_denied=True))
        out.append(base)
    return out + [o for o in own if id(o) not in used]
