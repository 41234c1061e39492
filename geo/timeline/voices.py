"""Whose word a claim is, and whether that word serves its speaker.

An analyst discounts a party's statement only when it is self-serving: the
Taliban announcing a capture, the ministry announcing a retake or that a place
"remains under government control". The same party admitting the opposite (an
official conceding that a district fell, the Taliban conceding a withdrawal) is
a statement against interest and carries weight; so do a reporter's own
account, a third party (the UN, a neighbouring state) and two parties who agree
("Taliban and Afghan official sources said"). The timeline marks a status
*unconfirmed* only when every claim behind it is self-serving and all come from
the same party (rule 6 of :mod:`geo.timeline.build`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geo.claims.attribution import classify
from geo.models import Claim

__all__ = ["PARTIES", "self_serving", "unconfirmed", "voices"]

PARTIES = ("taliban", "government")

# "Taliban and Afghan official sources", "local officials as well as the Taliban",
# "the Taliban, and provincial officials": each part is a speaker of its own.
_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bas\s+well\s+as\b|\bboth\b|\balong\s+with\b)\s*", re.IGNORECASE)
_BOTH_SIDES = re.compile(r"\bboth\s+(?:sides|parties)\b|\bthe\s+two\s+sides\b", re.IGNORECASE)


def voices(claim: Claim) -> frozenset[str]:
    """The parties (``taliban``, ``government``) that speak in a claim; empty for a reporter or third party.

    ``source_type`` decides the main voice; the words of ``attributed_to`` only
    add a second party that the article names beside the first. A reporter's or
    a third party's claim has no party voice, whatever words it contains.
    """
    if claim.source_type not in PARTIES:
        return frozenset()
    who = claim.attributed_to or ""
    if _BOTH_SIDES.search(who):
        return frozenset(PARTIES)
    found = {claim.source_type}
    for part in _SPLIT.split(who):
        if part and classify(part) in PARTIES:
            found.add(classify(part))
    return frozenset(found)


def self_serving(claim: Claim) -> bool:
    """True when a single party claims its own gain.

    A party's gain is the place passing to (or staying with) it; for the
    Taliban, a place being fought over is also a gain, while a government
    source saying a place is under attack concedes ground.
    """
    spoken = voices(claim)
    if len(spoken) != 1:
        return False
    party = next(iter(spoken))
    if claim.controller == party:
        return True
    return party == "taliban" and claim.controller == "contested"


def unconfirmed(claims: Iterable[Claim]) -> bool:
    """True when every claim is self-serving and all come from one party (rule 6)."""
    parties: set[str] = set()
    for c in claims:
        if not self_serving(c):
            return False
        parties |= voices(c)
    return len(parties) == 1
