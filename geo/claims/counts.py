"""Count claims: "seized over 80 of the country's 421 districts".

They name no place, so they never become place claims; ``tcmap counts`` lists
them (number, total, qualifier, claimant, date) as a separate series.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.claims.nlp import lexicon

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100, "one hundred": 100, "two hundred": 200, "dozens": 24,
}
_NUM = r"(\d{1,3}(?:,\d{3})?|" + "|".join(k for k in _NUMBER_WORDS if k != "dozens") + r")"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = lexicon()["counts"]
    qual = "|".join(sorted(lex["qualifiers"], key=len, reverse=True))
    units = "|".join(sorted(lex["units"], key=len, reverse=True))
    # Either "N of (the country's) M districts" or "N districts" after a
    # verb of taking or holding.
    return re.compile(
        r"\b(?:(?P<qual>" + qual + r")\s+)?" + _NUM.replace("(", "(?P<num>", 1)
        + r"(?:\s+(?:of|out\s+of)\s+(?:the\s+)?(?:country['’]?s?\s+|afghanistan['’]?s?\s+|its\s+|all\s+)?"
        + _NUM.replace("(", "(?P<total>", 1) + r")?\s+(?:\w+\s+)?(?:" + units + r")\b",
        re.IGNORECASE,
    )


_VERBS = re.compile(
    r"\b(?:seiz|captur|took|taken|tak|control|hold|held|overr|fallen|fell|gain|overt|"
    r"conquer|presence|retak|retook|recaptur|regain)\w*", re.IGNORECASE)


def _value(raw: str) -> int:
    raw = raw.lower().replace(",", "")
    return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)


def find_counts(sentence: str) -> list[tuple[int, int | None, str, int, int]]:
    """(number, total, qualifier, start, end) for each count of districts claimed.

    A bare "24 districts" counts only when a verb of taking or holding is in
    the sentence; "over 80 of 421 districts" always does.
    """
    out = []
    has_verb = bool(_VERBS.search(sentence))
    for m in _pattern().finditer(sentence):
        number = _value(m.group("num"))
        total = _value(m.group("total")) if m.group("total") else None
        if number <= 1 or (total is None and not has_verb):
            continue
        if total is not None and total < number:
            continue
        out.append((number, total, (m.group("qual") or "").lower(), m.start(), m.end()))
    return out
