"""Spelling-variant folding for Afghan place names.

Journalists transliterate Dari and Pashto names in many ways: ``Qala-e-Naw``,
``Qala-i-Naw``, ``Qalai Naw``, ``Kala Nau``; ``Khwaja Ghar`` and ``Khajaghar``;
``Sher Khan`` and ``Shir Khan``; ``Darqad`` and ``Darkad``. Two functions fold
them:

- :func:`normalize_name` gives a readable normal form (ASCII, lower case,
  connectors and punctuation folded): ``"Qala-ye Zal"`` -> ``"qala zal"``.
- :func:`name_key` gives the matching key, which also folds vowels, ``q``/``k``,
  doubled letters, silent ``h`` and the spaces between words, so that every
  spelling above of one name gets one key: ``"Qala-e-Naw"`` and ``"Kala Nau"``
  -> ``"kalanau"``.

The gazetteer indexes every name by its key and the mention finder looks up
the key of each n-gram of the text, so both sides fold the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["CONNECTORS", "ascii_fold", "name_key", "normalize_name", "token_key"]

#: Izafe and other connectors written between the words of a name
#: (``Dasht-e Archi``, ``Qala-ye Zal``, ``Sar-i-Pul``); they carry no identity.
CONNECTORS: frozenset[str] = frozenset({"e", "i", "ye", "yi", "y", "ee", "-e-"})

# Whole-word transliteration pairs, applied after ASCII folding and before the
# letter-level folding (which cannot see that "khoja" and "khwaja" are one word).
_WORD_VARIANTS: dict[str, str] = {
    # Khwaja / Khaja / Khoja / Khwajah / Khawaja
    "khaja": "khwaja",
    "khoja": "khwaja",
    "khuja": "khwaja",
    "khwajah": "khwaja",
    "khawaja": "khwaja",
    "khowaja": "khwaja",
    "khwaja": "khwaja",
    "hoja": "khwaja",
    # Qala / Qalah / Kala / Qal'eh / Qalat is a different word (a town) and is not here
    "qalah": "qala",
    "qaleh": "qala",
    "qalai": "qala",
    "qalay": "qala",
    "qalaye": "qala",
    "kalai": "qala",
    "qalae": "qala",
    "kalae": "qala",
    "qal": "qala",
    "kalah": "qala",
    "qila": "qala",
    "qilla": "qala",
    # Bandar / Bander / Bandargah
    "bander": "bandar",
    "bandargah": "bandar",
    # Dasht / Dashte / Dashti before a second word (handled as connector too)
    "dashti": "dasht",
    "dashte": "dasht",
    # Sar-e-Pul / Sari Pul / Sare Pul / Saripul
    "sari": "sar",
    "sare": "sar",
    # Mazar-e-Sharif / Mazari Sharif
    "mazari": "mazar",
    "mazare": "mazar",
    # Pul-e-Khumri / Puli Khumri
    "puli": "pul",
    "pule": "pul",
    # Nahr-e-Saraj / Nahri Saraj
    "nahri": "nahr",
    "nahre": "nahr",
    # Chahar / Char / Chaar (four)
    "chahar": "char",
    "chaar": "char",
    "chehar": "char",
    # Deh / Dih (village)
    "dih": "deh",
    # Shahr-e / Shahri
    "shahri": "shahr",
    "shahre": "shahr",
    # Khan-e / Khani (Khan-e-Char Bagh)
    "khane": "khan",
    "khani": "khan",
    # Rubat / Robat / Ribat
    "robat": "rubat",
    "ribat": "rubat",
    "rabat": "rubat",
    # Kushk / Kishk / Koshk
    "koshk": "kushk",
    "kishk": "kushk",
    "kushke": "kushk",
    "kushki": "kushk",
    "koshke": "kushk",
    "kashk": "kushk",
    "kashke": "kushk",
    # Kuhna / Kohna / Kuhnah
    "kohna": "kuhna",
    "kuhnah": "kuhna",
    "kohneh": "kuhna",
    "kohnah": "kuhna",
    "kuhneh": "kuhna",
    # Hazrat-e / Hazrati
    "hazrati": "hazrat",
    "hazrate": "hazrat",
    # Abad is often glued (Aliabad) or spaced (Ali Abad): spaces vanish in the key anyway.
    # Wuleswali / Woluswali (district centre) are dropped by the gazetteer, not here.
}

_APOSTROPHES = "'’‘ʼʻ`´"
_SPLIT = re.compile(r"[\s\-‐‑‒–—_./,()]+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def ascii_fold(s: str) -> str:
    """Unicode to plain lower-case ASCII: ``"Kōhsān"`` -> ``"kohsan"``.

    Apostrophes and ayn marks vanish (``Qal'eh`` -> ``qaleh``) because
    journalists drop them as often as they write them.
    """
    if s.isascii():  # nothing to decompose: the two ASCII apostrophes and the case only
        return s.replace("'", "").replace("`", "").lower()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    for ch in _APOSTROPHES:
        s = s.replace(ch, "")
    return s.encode("ascii", "ignore").decode("ascii").lower()


def _words(s: str) -> list[str]:
    folded = ascii_fold(s)
    return [w for w in (_NON_ALNUM.sub("", p) for p in _SPLIT.split(folded)) if w]


def normalize_name(s: str) -> str:
    """A readable normal form: ASCII, lower case, single spaces, connectors dropped.

    ``"Qala-ye Zal"`` -> ``"qala zal"``; ``"Dasht-e-Archi"`` -> ``"dasht archi"``;
    ``"KHWAJA  GHAR"`` -> ``"khwaja ghar"``.
    """
    if not isinstance(s, str):
        raise TypeError(f"Expected a str for a place name, instead got: {s!r}.")
    words = _words(s)
    kept = [w for w in words if w not in CONNECTORS] or words
    return " ".join(_WORD_VARIANTS.get(w, w) for w in kept)


# The letter-level folding, in this order: ph -> f, khw -> kh, q -> k, ck -> k, ou|oo -> u,
# ee -> i, [eiy] -> i, [ouw] -> u, v -> u, dh -> d, a silent final h after a vowel (Qalah,
# Chah, Shah; inside a word it is a consonant: Khwahan must not fold to Khan), then doubled
# letters. str.replace does what re.sub did with these literal patterns, several times faster.
_OU_OO = re.compile(r"ou|oo")  # not two str.replace: "oou" must give "uu", as re.sub does


def _fold_letters(w: str) -> str:
    w = w.replace("ph", "f").replace("khw", "kh").replace("q", "k").replace("ck", "k")
    if "o" in w:
        w = _OU_OO.sub("u", w)
    w = w.replace("ee", "i").replace("e", "i").replace("y", "i")
    w = w.replace("o", "u").replace("w", "u").replace("v", "u").replace("dh", "d")
    if len(w) > 1 and w[-1] == "h" and w[-2] in "aiu":
        w = w[:-1]
    return _undouble(w)


def _undouble(s: str) -> str:
    """Letters doubled or more once: ``_DOUBLE.sub`` costs 1 us, the search a third of it."""
    return _DOUBLE.sub(r"\1", s) if _DOUBLE.search(s) else s


@lru_cache(maxsize=65536)
def token_key(word: str, final: bool = True) -> str:
    """The folded key of one word of a name ("" for a connector).

    A non-final word ending in an izafe ``e`` (``Dashte Archi``) loses it, so
    ``Dashte Archi`` and ``Dasht-e Archi`` meet.
    """
    w = ascii_fold(word)
    w = _NON_ALNUM.sub("", w.replace(" ", ""))
    if not w or w in CONNECTORS:
        return ""
    w = _WORD_VARIANTS.get(w, w)
    if not final and len(w) > 4 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return _fold_letters(w)


@lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """The matching key of a whole name: every word folded, spaces removed.

    >>> name_key("Qala-e-Naw") == name_key("Kala Nau") == name_key("Qalai Naw")
    True
    >>> name_key("Dashte Archi") == name_key("Dasht-i-Archi")
    True
    """
    if not isinstance(s, str):
        raise TypeError(f"Expected a str for a place name, instead got: {s!r}.")
    words = _words(s)
    n = len(words)
    key = "".join(token_key(w, i == n - 1) for i, w in enumerate(words))
    # letters doubled across a word boundary (Chah Ab -> cha+ab) fold like inside a word
    return _undouble(key)
