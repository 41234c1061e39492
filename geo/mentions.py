"""Find the place names in an article and resolve each to a gazetteer place.

How it works, and why it is fast: one regex finds the runs of capitalised
words (with the connectors ``-e-``, ``wa`` inside) and skips the lower-case
bulk of the text; each word gets its folded key (``geo.normalize.token_key``,
memoised); at every word of a run the n-grams of up to six words are looked
up in the gazetteer's dict of keys, longest first. Only runs that match
nothing, are long enough and stand where a place stands (before "district",
after "in") go to rapidfuzz, and its answers are memoised too.

Each found name is then resolved, in this order:

1. the kind the text gives it ("Kunduz province", "the city of Herat",
   "Islam Qala border crossing", a list ending in "districts");
2. a province that contains its other candidates (Kunduz the province, the
   district and the city): the province when the text says so or lists it with
   other provinces, otherwise the city ("Kunduz fell" is about the city);
3. the province named in the same sentence, then in the article (Jani Khel of
   Paktia vs. Jani Khel of Paktika);
4. geodesic distance to the other places the article names;
5. a provincial capital over a namesake elsewhere (Faizabad);
6. otherwise nothing, with the reason.

Around the names: "X area in Y district" puts X in Y; "the provincial capital"
and "the airport" become mentions of the capital (or its airport) of the
province or city named just before.

Names that are also words or people's names ("Nari", "Ghani") resolve only with
a cue; foreign places come back unresolved with rule ``foreign``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from .gazetteer import Entry, Gazetteer
from .models import Mention, Place
from .normalize import CONNECTORS, name_key, token_key

__all__ = ["PLACES_COLUMNS", "RULES", "find_mentions", "places_rows", "sentence_spans"]

#: Every value of ``Mention.rule``, and what it means (shown to analysts by ``tcmap places``).
RULES: dict[str, str] = {
    "exact": "the name as the boundaries or points.csv write it",
    "variant": "an alternative name from the boundaries, points.csv or GeoNames",
    "crosswalk": "a re-spelled or renamed place from geo/data/crosswalk.csv",
    "kind-cue": "the words around the name chose the level or kind (district, province, city, crossing)",
    "capital-of": "'the capital of Badghis': the capital city of the named province",
    "capital-default": "a capital's name with no cue: the city, as news about a capital usually means",
    "capital-anaphora": "'the provincial capital': the capital of the one province the sentence names",
    "airport-anaphora": "'the airport': the airport of the city (or province capital) named just before",
    "area-in-district": "'X area in Y district', 'PD4 in Lashkargah': a place inside the district named",
    "province-in-sentence": "several places bear the name; the sentence names the province of one",
    "province-in-article": "several places bear the name; the article names the province of one",
    "distance": "several places bear the name; one lies clearly nearest the other places named",
    "prominence": "a provincial capital and a namesake elsewhere; the capital",
    "fuzzy": "a misspelling, matched by rapidfuzz above the cutoff",
    "ambiguous": "unresolved: several places bear the name and nothing in the text tells them apart",
    "distractor": "unresolved: also a word or a person's name, and the text does not use it as a place",
    "weak-name": "unresolved: a village known only from GeoNames, not used as a place here",
    "foreign": "unresolved: a place outside Afghanistan",
    "geocoder": "found by the opt-in online geocoder (geo.geocode)",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or|&)\s*$", re.IGNORECASE)
# the end mark is consumed (group "mark") rather than looked behind at, so the regex engine
# jumps from one [.!?\n] to the next instead of testing every position
_SENT_END = re.compile(
    r"(?P<mark>[.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"\u201c])"
)

# lower-case words inside a name: connectors and "wa" (and), as in Kiran wa Monjan
_INNER = CONNECTORS | {"wa", "o", "u", "va", "al", "ul", "us", "ud", "ad", "e", "i", "de", "da"}

_CUE_AFTER: dict[str, str] = {
    "district": "district",
    "districts": "district",
    "province": "province",
    "provinces": "province",
    "city": "city",
    "cities": "city",
    "town": "city",
    "towns": "city",
    "crossing": "crossing",
    "port": "crossing",
    "dam": "dam",
    "airport": "airport",
    "airfield": "airport",
    "airbase": "airport",
    "base": "airport",
    "bridge": "crossing",
}
_INCLUDE_CUE = {"district", "province", "city"}  # singular cues that become part of the mention
_APPOSITIVE_CITY = re.compile(
    r"^\s*,?\s*(?:the\s+)?(?:provincial\s+capital|capital\s+(?:city\s+)?of|city\b|capital\b)",
    re.IGNORECASE,
)
_PROVINCE_CAPITAL_AFTER = re.compile(
    r"^(?:['\u2019]s)?\s+(?:provincial\s+)?capital\b(?!\s*(?:city\s+)?,?\s*(?:of\s+)?[A-Z])"
)
_APPOSITIVE_CAPITAL_BEFORE = re.compile(
    r"[\w)]\s*[,\u2013\u2014(-]\s*(?:which\s+is\s+)?(?:the\s+)?(?:provincial\s+)?capital(?:\s+city)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_GIVEN_NAME = re.compile(
    r"^(?:mohammad|muhammad|mohammed|muhammed|mohammd|ahmad|ahmed|abdul|abdal|gul|mir|sayed|syed|said|sher|shir|"
    r"haji|mullah|mawlawi|qari|hafiz|noor|nur|khan|jan|shah|amir|zabihullah|zabiullah|fazel|fazal|fazil|ghulam|"
    r"rahmatullah|abdullah|ashraf|hamid|karim|rahim|rashid|ali|hassan|hussain|hussein|hasan|habib|hekmatullah|"
    r"ajmal|fawad|tariq|tareq|amrullah|atta|ismail|rashid|nazar|wahid|waheed|javid|jawed|naser|nasir|khalid|"
    r"abdul|mohibullah|sediq|sediqullah|jamal|kamal|akbar|asad|bashir|daud|dawood|farid|hamidullah|"
    r"[a-z]+(?:ullah|ulla|uddin|udin|addin|ddin|allah|zada|zadah|zai|zay|yar|gul))$"
)
_PROVINCE_AFTER = re.compile(
    r"^(?:['\u2019]s)?\s+(?:provincial|province's|governor|governor's|districts|police|council|province)\b",
    re.IGNORECASE,
)
_CITY_WORDS = re.compile(
    r"\b(?:city|cities|capital|capitals|outskirts|airport|downtown|gates|suburbs?|city's)\b",
    re.IGNORECASE,
)
_TITLES = frozenset(
    [
        "president",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "governor",
        "commander",
        "mullah",
        "mawlawi",
        "maulvi",
        "haji",
        "qari",
        "hafiz",
        "minister",
        "spokesman",
        "spokesperson",
        "marshal",
        "sheikh",
        "ustad",
        "engineer",
        "eng",
        "colonel",
        "col",
        "lt",
        "major",
        "maj",
        "sgt",
        "captain",
        "capt",
        "senator",
        "mp",
        "lawmaker",
        "ambassador",
        "envoy",
        "amir",
        "emir",
        "chief",
        "judge",
        "professor",
        "prof",
    ]
)

# capitalised words that start sentences and headlines and are never names
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "to",
        "from",
        "for",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "after",
        "before",
        "during",
        "since",
        "while",
        "when",
        "where",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "there",
        "here",
        "some",
        "many",
        "most",
        "all",
        "no",
        "not",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "taliban",
        "afghan",
        "afghanistan",
        "government",
        "forces",
        "officials",
        "official",
        "security",
        "police",
        "army",
        "local",
        "provincial",
        "district",
        "province",
        "city",
        "town",
        "village",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "read",
        "more",
        "photo",
        "news",
        "us",
        "un",
        "nato",
    ]
)

PLACES_COLUMNS: tuple[str, ...] = (
    "mention",
    "start",
    "end",
    "level",
    "place",
    "adm2_pcode",
    "adm1_pcode",
    "lat",
    "lon",
    "rule",
    "score",
    "reason",
)

_DOUBLE = re.compile(r"(.)\1+")
_PLACEY_BEFORE = re.compile(
    r"\b(?:in|of|from|to|near|at|into|toward|towards|outside|around)\s+(?:the\s+)?$"
)
_PLACEY_AFTER = re.compile(r"^\s*(?:district|province|city|town|border|crossing|port|area)")
_NEXT_WORD = re.compile(r"^[ \t]+(?:border\s+)?([A-Za-z]+)")
_ENDS_WORD_SPACE = re.compile(r"[A-Za-z.]\s+$")
_ENDS_LETTER_SPACE = re.compile(r"[A-Za-z]\s$")

CONTEXT_CHARS = 250
FUZZY_MIN_KEY = 6
FUZZY_CUTOFF = 88.0
FUZZY_MAX_PER_TEXT = 300
DISTANCE_MAX_KM = 250.0
DISTANCE_RATIO = 0.75  # the nearer candidate must be clearly nearer


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    lower: str
    key: str  # folded as the last word of a name
    key_inner: str  # folded as a non-final word
    cap: bool
    run: int  # words of one run of capitalised words (and connectors) may form one name


@dataclass
class _Raw:
    """A matched span before resolution."""

    start: int
    end: int
    tok_start: int
    tok_end: int  # exclusive
    entries: tuple[Entry, ...] = ()
    foreign: tuple[str, str] | None = None
    distractor: tuple[str, str] | None = None
    fuzzy_score: float = 0.0
    cue: str | None = None
    cue_end: int | None = None
    cue_before: str | None = None
    sentence: int = 0
    list_group: int = -1
    extra: dict = field(default_factory=dict)
    key: str = ""  # the gazetteer key that matched


# an explicit capital class is twice as fast as "any letter but a-z" in Python's re; Latin
# Extended letters count as capitals, since transliterations begin with them ("Ḩāfiz")
_CAP = "A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff"
_CAPW = rf"[{_CAP}][^\W\d_]*"
_GAP = r"(?:[ \t\u00a0]{1,2}|[ \t]?[-\u2010-\u2013][ \t]?|['\u2019\u02bc`])"
_INNERW = r"(?:e|i|ye|yi|y|wa|o|u|va|al|ul|us|ud|ad|de|da)"
# lower-case last words of names in points.csv ("Kajaki dam", "Kunduz airport", "Torkham crossing")
_TAILW = r"bandar|bander|qala|port|dam|airport|airfield|crossing|bridge"
# Only runs of capitalised words can be names: finding them with one regex skips the
# lower-case bulk of the text, which is what makes mention finding cheap.
_RUN = re.compile(rf"{_CAPW}(?:{_GAP}(?:{_CAPW}|{_INNERW}(?={_GAP}[{_CAP}])|(?:{_TAILW})\b))*")


_KEYS: dict[str, tuple[str, str, str, bool]] = {}


def _word_info(w: str) -> tuple[str, str, str, bool]:
    info = _KEYS.get(w)
    if info is None:
        if len(_KEYS) > 200_000:  # hostile input with endless distinct words: keep memory bounded
            _KEYS.clear()
        info = _KEYS[w] = (w.lower(), token_key(w, True), token_key(w, False), w[0].isupper())
    return info


def _tokenise(text: str, gaz: Gazetteer | None = None) -> list[_Tok]:
    """The words of every capitalised run, with their folded keys.

    A run of one word that is neither a name nor long enough for fuzzy
    matching ("The", "He", "Taliban") is dropped here, before any object is made.
    """
    toks = []
    append = toks.append
    finditer = _WORD.finditer
    index = gaz.index if gaz is not None else None
    foreign = gaz.foreign if gaz is not None else None
    for run_no, run in enumerate(_RUN.finditer(text)):
        a, b = run.span()
        w = run.group()
        if index is not None and w.isalpha():
            low, key, inner, cap = _word_info(w)
            if (
                key not in index
                and key not in foreign
                and (len(key) < FUZZY_MIN_KEY or low in _STOP)
            ):
                continue
            append(_Tok(a, b, w, low, key, inner, cap, run_no))
            continue
        for m in finditer(text, a, b):
            w = m.group()
            low, key, inner, cap = _word_info(w)
            append(_Tok(m.start(), m.end(), w, low, key, inner, cap, run_no))
    return toks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? followed by a capital, or at a line break."""
    spans = []
    pos = 0
    for m in _SENT_END.finditer(text):
        spans.append((pos, m.end("mark") if m.group("mark") else m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    return a.run == b.run


def _join_keys(pieces: list[str]) -> str:
    """Concatenate word keys; fold letters doubled across a boundary, as name_key does."""
    key = "".join(pieces)
    prev = ""
    for p in pieces:
        if p and prev and prev[-1] == p[0]:
            return _DOUBLE.sub(r"\1", key)
        if p:
            prev = p
    return key


def _glue(acc: str, piece: str) -> str:
    """Append a word key, folding a letter doubled across the boundary (as ``name_key`` does)."""
    if acc and piece and acc[-1] == piece[0]:
        return acc + piece[1:]
    return acc + piece


def _scan(text: str, toks: list[_Tok], gaz: Gazetteer) -> list[_Raw]:
    """Longest match at every capitalised word, growing the key word by word.

    The key grows only while it is the prefix of some gazetteer key, so a run
    of capitalised words that names nothing costs one set lookup per word.
    """
    out: list[_Raw] = []
    n = len(toks)
    i = 0
    index, foreign, distractors = gaz.index, gaz.foreign, gaz.distractors
    prefixes = gaz.key_prefixes
    maxn = gaz.max_tokens
    while i < n:
        t = toks[i]
        if not t.cap or not t.key or t.key_inner not in prefixes and t.key not in prefixes:
            i += 1
            continue
        best: _Raw | None = None
        acc = ""
        end = i
        limit = min(n, i + maxn)
        while end < limit:
            last = toks[end]
            if end > i and not (
                _joinable(text, toks[end - 1], last)
                and (last.cap or last.lower in _INNER or last.lower in _TAIL_WORDS)
            ):
                break
            if last.key and (end > i or t.cap):
                key = _glue(acc, last.key)
                if key in index:
                    best = _Raw(t.start, last.end, i, end + 1, entries=index[key], key=key)
                elif key in foreign:
                    best = _Raw(t.start, last.end, i, end + 1, foreign=foreign[key], key=key)
                if best is not None and best.key == key:
                    d = distractors.get(key)
                    if d is not None:
                        best.distractor = d
            acc = _glue(acc, last.key_inner)
            if acc not in prefixes:
                break
            end += 1
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.tok_end
    return out


_TAIL_WORDS = frozenset(_TAILW.split("|"))


def _capital_runs(text: str, toks: list[_Tok], covered: set[int]) -> list[tuple[int, int]]:
    """Capitalised word runs (token index ranges) that no exact match covers."""
    runs = []
    n = len(toks)
    i = 0
    while i < n:
        if not toks[i].cap or i in covered or toks[i].lower in _STOP:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and j + 1 - i < 4
            and _joinable(text, toks[j], toks[j + 1])
            and (toks[j + 1].cap or toks[j + 1].lower in _INNER)
            and j + 1 not in covered
        ):
            j += 1
        while j > i and not toks[j].cap:
            j -= 1
        runs.append((i, j + 1))
        i = j + 1
    return runs


def _fuzzy_lookup(key: str, gaz: Gazetteer) -> tuple[str, float] | None:
    """The best gazetteer key within the cutoff, memoised: the same capitalised words recur."""
    cache = gaz.memo("fuzzy")
    if key in cache:
        return cache[key]
    from rapidfuzz import fuzz, process

    hit = process.extractOne(key, gaz.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if len(cache) > 100_000:
        cache.clear()
    cache[key] = (hit[0], float(hit[1])) if hit else None
    return cache[key]


def _fuzzy(text: str, toks: list[_Tok], gaz: Gazetteer, raws: list[_Raw]) -> list[_Raw]:
    """rapidfuzz over long capitalised runs that stand where place names stand."""
    covered = {k for r in raws for k in range(r.tok_start, r.tok_end)}
    found = []
    lookups = 0
    for a, b in _capital_runs(text, toks, covered):
        key = _join_keys([toks[k].key_inner for k in range(a, b - 1)] + [toks[b - 1].key])
        if len(key) < FUZZY_MIN_KEY:
            continue
        if lookups >= FUZZY_MAX_PER_TEXT:
            break  # a real article has a few dozen candidate runs; a hostile one gets no more
        lookups += 1
        hit = _fuzzy_lookup(key, gaz)
        if hit is None:
            continue
        match, score = hit
        before = text[max(0, toks[a].start - 30) : toks[a].start].lower()
        after = text[toks[b - 1].end : toks[b - 1].end + 25].lower()
        placey = bool(_PLACEY_BEFORE.search(before)) or bool(_PLACEY_AFTER.match(after))
        if not placey:
            continue
        if (
            a > 0
            and toks[a - 1].cap
            and toks[a - 1].lower not in _STOP
            and _joinable(text, toks[a - 1], toks[a])
        ):
            continue  # part of a longer capitalised phrase, such as a person's name
        if match in gaz.distractors:
            continue
        found.append(
            _Raw(
                toks[a].start,
                toks[b - 1].end,
                a,
                b,
                entries=gaz.index[match],
                fuzzy_score=score / 100.0,
                key=match,
            )
        )
    return found


_BEFORE_WORDS = re.compile(r"[A-Za-z'\u2019]+")
_CUE_BEFORE_NOUN = {
    "city": "city",
    "town": "city",
    "district": "district",
    "province": "province",
    "provinces": "province",
    "crossing": "crossing",
    "port": "crossing",
    "capital": "capital",
}
_PROVINCE_NOUNS = frozenset(
    [
        "district",
        "districts",
        "province",
        "provinces",
        "part",
        "parts",
        "area",
        "areas",
        "village",
        "villages",
        "most",
        "rest",
        "all",
    ]
)
_DIRECTIONS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "restive",
        "volatile",
        "neighbouring",
        "neighboring",
    ]
)
_NAMED_BEFORE_NOUN = re.compile(
    r"(?<![.!?]\s)\b(?!The\b|A\b|This\b|That\b)[A-Z][\w'\u2019-]*\s+(?:district|city)\s+of\s+(?:the\s+)?$"
)
_PLACE_PREPS = frozenset(
    ["in", "of", "from", "to", "near", "at", "into", "toward", "towards", "outside", "around"]
)


def _last_words(before: str) -> list[str]:
    """The last four words before a name, lower case, ``the`` dropped: cheap context without regex scans."""
    words = [w.lower() for w in _BEFORE_WORDS.findall(before)[-5:]]
    if words and words[-1] == "the":
        words.pop()
    return words[-4:]


def _attach_cues(
    text: str, raws: list[_Raw], sentences: list[tuple[int, int]], gaz: Gazetteer
) -> None:
    for r in raws:
        if not r.entries:
            continue  # a foreign place needs no cue
        after = text[r.end : r.end + 40]
        m = _NEXT_WORD.match(after)
        if m:
            word = m.group(1).lower()
            cue = _CUE_AFTER.get(word)
            if word == "border":
                cue = "crossing"
            elif word == "air" and after[m.end() : m.end() + 6].strip().lower().startswith("base"):
                cue = "airport"
            if cue:
                r.cue = cue
                r.extra["plural_cue"] = word.endswith("s")
                if word in _INCLUDE_CUE:
                    r.cue_end = r.end + m.end()
        if r.cue is None and after[:1] in (",", " ") and _APPOSITIVE_CITY.match(after):
            r.cue = "city"
        before = text[max(0, r.start - 40) : r.start]
        words = _last_words(before)
        w1 = words[-1] if words else ""
        w2 = words[-2] if len(words) > 1 else ""
        if w1 == "of" and w2:
            noun = _CUE_BEFORE_NOUN.get(w2)
            if w2 == "city" and len(words) > 2 and words[-3] == "capital":
                noun = "capital"
            if noun in ("district", "city") and _NAMED_BEFORE_NOUN.search(before):
                # "the Chimtal district of Balkh", "the Herat city of ...": the second name contains the first
                noun = None
                r.extra["province_context"] = True
            if noun:
                r.cue_before = noun
            if w2 in ("districts", "provinces", "parts", "areas", "villages"):
                r.extra["province_context"] = True
        if r.cue_before == "capital" and _APPOSITIVE_CAPITAL_BEFORE.search(before):
            r.cue_before = None  # "Mazar-i-Sharif, the capital of Balkh": Balkh is the province
            r.extra["province_context"] = True
        capital_after = bool(_PROVINCE_CAPITAL_AFTER.match(after))
        if capital_after:
            r.cue_before = r.cue_before or "capital-after"
        if (w1 in ("in", "of", "across") and w2 in _PROVINCE_NOUNS) or (
            not capital_after and _PROVINCE_AFTER.match(after)
        ):
            r.extra["province_context"] = True
        if w1 in _DIRECTIONS:
            r.extra["direction"] = True
        if w1 in _PLACE_PREPS:
            r.extra["placey"] = True
        if r.start > 0 and before[-1:] == " " and w1:
            prev = _BEFORE_WORDS.findall(before[-25:])
            if prev and prev[-1].lower() == w1:
                if w1 in _TITLES or (w1.rstrip(".") in _TITLES):
                    r.extra["title"] = prev[-1]
                elif prev[-1][0].isupper() and _GIVEN_NAME.match(w1) and before[-2:-1].isalpha():
                    r.extra["title"] = prev[-1]  # "Fazel Ahmad Shirzad": the name of a person
                elif (
                    len(prev) > 1
                    and prev[-1][0].isupper()
                    and prev[-1].lower() not in _STOP
                    and prev[-2].lower().rstrip(".") in _TITLES
                    and before[-2:-1].isalpha()
                ):
                    r.extra["title"] = f"{prev[-2]} {prev[-1]}"  # "General Ajmal Shinwari"
    # "Kandahar's Spin Boldak district": a name in the possessive before another place is its province
    for a, b in pairwise(raws):
        gap = text[a.end : b.start]
        if gap in ("'s ", "\u2019s ", "' ", "\u2019 ") and b.entries:
            a.extra["province_context"] = True
        # "Imam Sahib, Kunduz" and "Qala-i-Naw, Badghis's provincial capital": the province after a comma
        if (
            gap in (", ", " , ", " in ", " of ")
            and a.entries
            and b.entries
            and "title" not in b.extra
        ):
            places = gaz.places
            b_provs = {e.place_key for e in b.entries if places[e.place_key].level == "province"}
            a_adm1 = {places[e.place_key].adm1_pcode for e in a.entries}
            if len(b_provs) == 1 and b_provs <= a_adm1:
                b.extra["province_context"] = True
                if b.cue_before == "capital-after":
                    b.cue_before = None
    # a list of names ending in a plural cue: "Pashtun Kot and Khan Chaharbagh districts"
    group = 0
    for idx in range(len(raws) - 1, -1, -1):
        r = raws[idx]
        if r.cue is None or r.list_group >= 0 or not r.extra.get("plural_cue"):
            continue
        r.list_group = group
        k = idx
        while k > 0 and _LIST_GAP.match(text[raws[k - 1].end : raws[k].start]):
            prev = raws[k - 1]
            prev.list_group = group
            if prev.cue is None and prev.cue_end is None:
                prev.cue = r.cue
            k -= 1
        group += 1
    # names in one list without a cue: "Baghlan, Kunduz, Balkh and Takhar"
    k = 0
    while k < len(raws):
        m = k
        while m + 1 < len(raws) and _LIST_GAP.match(text[raws[m].end : raws[m + 1].start]):
            m += 1
        if m > k:
            for x in range(k, m + 1):
                raws[x].extra["listed"] = (k, m)
        k = m + 1
    si = 0
    for r in raws:
        while si + 1 < len(sentences) and r.start >= sentences[si][1]:
            si += 1
        r.sentence = si


_CUE_LEVELS = {
    "district": lambda p: p.level == "district",
    "province": lambda p: p.level == "province",
    "city": lambda p: p.level == "point" and p.kind in ("city", "town"),
    "crossing": lambda p: p.level == "point" and p.kind == "crossing",
    "dam": lambda p: p.level == "point" and p.kind == "dam",
    "airport": lambda p: p.level == "point" and p.kind in ("airport", "base"),
}


@dataclass
class _Ctx:
    gaz: Gazetteer
    sent_provs: dict[int, set[str]]  # sentence -> explicitly named provinces
    sent_implied: dict[int, set[str]]  # sentence -> provinces of unambiguous places
    art_provs: set[str]
    art_implied: set[str]
    anchors: list[tuple[float, float]]
    sent_bounds: list[tuple[int, int]]


def _rule_of(entries: tuple[Entry, ...], place: Place) -> str:
    for e in entries:
        if e.place_key == place.key:
            return e.rule if e.rule != "geonames" else "variant"
    return "exact"


def _resolve(
    r: _Raw, ctx: _Ctx, text: str
) -> tuple[Place | None, tuple[Place, ...], str, float, str | None]:
    gaz = ctx.gaz
    cands = _places_of(r.entries, gaz, r.key)
    name = text[r.start : r.end]
    base_score = r.fuzzy_score or 1.0
    fuzzy = r.fuzzy_score > 0
    if r.foreign is not None and not cands:
        return None, (), "foreign", 1.0, f"{name!r} is in {r.foreign[1]}, not Afghanistan"
    if "title" in r.extra and not r.cue:
        return (
            None,
            cands,
            "distractor",
            0.0,
            f"{name!r} follows {r.extra['title']!r}: part of a person's name",
        )
    if r.distractor is not None:
        cls, policy = r.distractor
        if policy == "never" or not cands:
            return (
                None,
                cands,
                "distractor",
                0.0,
                f"{name!r} is a {cls.replace('_', ' ')}, not a place",
            )
        own = {p.adm1_pcode for p in cands}
        near = (
            ctx.sent_provs.get(r.sentence, set())
            | ctx.sent_implied.get(r.sentence, set())
            | ctx.art_provs
        )
        if not (r.cue in ("district", "province", "city") or near & own):
            return (
                None,
                cands,
                "distractor",
                0.0,
                (
                    f"{name!r} is also a {cls.replace('_', ' ')}; it is taken as a place only when called a district "
                    "or its province is named"
                ),
            )

    # "the capital of Badghis", "Badghis's provincial capital": the capital city
    if r.cue_before in ("capital", "capital-after"):
        provs = [p for p in cands if p.level == "province"]
        if len(provs) == 1 and gaz.capital_of(provs[0].adm1_pcode) is not None:
            return gaz.capital_of(provs[0].adm1_pcode), cands, "capital-of", 0.95 * base_score, None

    cue = r.cue or (r.cue_before if r.cue_before in _CUE_LEVELS else None)
    pool = cands
    rule_prefix = "fuzzy" if fuzzy else None
    if cue and len(pool) > 1:
        narrowed = tuple(p for p in pool if _CUE_LEVELS[cue](p))
        if not narrowed and cue in ("crossing", "dam", "airport"):
            found = {
                pt.key: pt
                for p in pool
                if p.level != "province"
                for pt in [_point_of_kind(gaz, p, cue, r.key)]
                if pt
            }
            if len(found) == 1:
                return (
                    next(iter(found.values())),
                    cands,
                    rule_prefix or "kind-cue",
                    0.9 * base_score,
                    None,
                )
        if not narrowed and cue == "city":
            narrowed = tuple(p for p in pool if p.level == "district")
        if not narrowed and cue == "district":
            # "Shir Khan district" and the like: the district holding the named point
            narrowed = tuple(
                dict.fromkeys(
                    gaz.places[p.adm2_pcode] for p in pool if p.level == "point" and p.adm2_pcode
                )
            )
        if narrowed:
            if len(narrowed) == 1:
                return narrowed[0], cands, rule_prefix or "kind-cue", 0.95 * base_score, None
            pool = narrowed
    elif (
        cue == "district" and len(pool) == 1 and pool[0].level == "point" and pool[0].kind == "city"
    ):
        d = gaz.places[pool[0].adm2_pcode]
        return d, cands, rule_prefix or "kind-cue", 0.95 * base_score, None
    if len(pool) == 1:
        p = pool[0]
        if cue in ("crossing", "dam", "airport") and p.level != "point":
            # "Ishkashim border crossing", "Bagram air base": the point of that kind in the named district
            pt = _point_of_kind(gaz, p, cue, r.key)
            if pt is not None:
                return pt, cands, rule_prefix or "kind-cue", 0.9 * base_score, None
        return p, cands, rule_prefix or _rule_of(r.entries, p), base_score, None

    # a province and places inside it (Kunduz, Herat, Ghazni, Khost)
    provs = [p for p in pool if p.level == "province"]
    if (
        len(provs) == 1
        and r.cue is None
        and (r.extra.get("province_context") or r.extra.get("direction"))
    ):
        return provs[0], cands, rule_prefix or "kind-cue", 0.85 * base_score, None
    if len(provs) == 1:
        prov = provs[0]
        inner = [p for p in pool if p.level != "province"]
        if any(p.adm1_pcode != prov.adm1_pcode for p in inner) and not (
            ctx.sent_provs.get(r.sentence, set()) | ctx.sent_implied.get(r.sentence, set())
        ) - {prov.adm1_pcode}:
            # Khost: the province and its capital, and a Baghlan district whose second name is
            # Khost; with no other province in the sentence the province's own reading wins
            own = [p for p in inner if p.adm1_pcode == prov.adm1_pcode]
            if own and all(
                _rule_of(r.entries, p) in ("variant", "geonames") for p in inner if p not in own
            ):
                inner = own
                pool = (prov, *own)
        if all(p.adm1_pcode == prov.adm1_pcode for p in inner):
            return _province_or_city(r, prov, inner, ctx, text, cands, rule_prefix, base_score)
    # places of one district (a district and its seat): the city or town point
    adm2 = {p.adm2_pcode for p in pool if p.level != "province"}
    if len(adm2) == 1 and not provs:
        pts = [p for p in pool if p.level == "point"]
        chosen = (
            pts[0]
            if len(pts) == 1
            else next(p for p in pool if p.level == "district")
            if any(p.level == "district" for p in pool)
            else pts[0]
        )
        return chosen, cands, rule_prefix or _rule_of(r.entries, chosen), base_score, None

    # the province named in the sentence, then in the article, then distance
    for rule, provset in (
        ("province-in-sentence", ctx.sent_provs.get(r.sentence, set())),
        ("province-in-sentence", ctx.sent_implied.get(r.sentence, set())),
        ("province-in-article", ctx.art_provs),
        ("province-in-article", ctx.art_implied),
    ):
        hits = [p for p in pool if p.adm1_pcode in provset and p.level != "province"]
        hit = _one_place(hits)
        if hit is not None:
            return hit, cands, rule_prefix or rule, 0.9 * base_score, None
    near = _by_distance(pool, ctx)
    if near is not None:
        return near, cands, rule_prefix or "distance", 0.75 * base_score, None
    # a provincial capital against a village or district of the same name elsewhere (Faizabad)
    capitals = [p for p in pool if p.level == "point" and p.kind == "city"]
    if len(capitals) == 1 and not any(p.level == "province" for p in pool):
        return capitals[0], cands, rule_prefix or "prominence", 0.6 * base_score, None
    names = "; ".join(f"{p.name} ({p.adm1_name})" for p in pool)
    return (
        None,
        cands,
        "ambiguous",
        0.0,
        f"{name!r} names several places ({names}) and the text does not say which",
    )


def _point_of_kind(gaz: Gazetteer, place: Place, cue: str, key: str) -> Place | None:
    """The crossing, dam or airport in ``place``'s district whose name starts with the mention."""
    kinds = {"crossing": ("crossing",), "dam": ("dam",), "airport": ("airport", "base")}[cue]
    for p in gaz.points_in(place.adm2_pcode or ""):
        if p.kind in kinds and name_key(p.name).startswith(key[:4]):
            return p
    return None


def _one_place(hits: list[Place]) -> Place | None:
    """One place, or a district and its own points collapsed to the point."""
    if not hits:
        return None
    adm2 = {p.adm2_pcode for p in hits}
    if len(adm2) != 1:
        return None
    pts = [p for p in hits if p.level == "point"]
    return pts[0] if len(pts) == 1 else hits[0]


def _province_or_city(r, prov, inner, ctx, text, cands, rule_prefix, base_score):
    """Kunduz: the province, or the city and district of the same name."""
    city = next((p for p in inner if p.level == "point" and p.kind == "city"), None)
    districts = [p for p in inner if p.level == "district"]
    local = city or (districts[0] if len(districts) == 1 else None)
    if r.cue == "province":
        return prov, cands, rule_prefix or "kind-cue", 0.95 * base_score, None
    listed = r.extra.get("listed")
    if (
        r.extra.get("direction")
        or r.extra.get("province_context")
        or (listed and r.extra.get("listed_provinces"))
    ):
        return prov, cands, rule_prefix or "kind-cue", 0.85 * base_score, None
    if local is None:
        # several districts of that name inside the province: the province is the safe reading
        return prov, cands, rule_prefix or "exact", 0.8 * base_score, None
    sent = ctx.sent_bounds[r.sentence]
    # a window of the sentence: enough for "city", "capital", "airport" to speak, and
    # bounded, so a text that is one endless sentence costs no more than a short one
    stext = text[max(sent[0], r.start - CONTEXT_CHARS) : min(sent[1], r.end + CONTEXT_CHARS)]
    if (
        r.cue in ("city", "district")
        or r.cue_before in ("city", "district")
        or _CITY_WORDS.search(stext)
    ):
        chosen = local if r.cue != "district" else (districts[0] if districts else local)
        return chosen, cands, rule_prefix or "kind-cue", 0.9 * base_score, None
    if city is None and districts:
        return prov, cands, rule_prefix or "exact", 0.8 * base_score, None
    # no cue at all: news that a capital "fell" or "was attacked" speaks of the city
    return local, cands, rule_prefix or "capital-default", 0.7 * base_score, None


_GEODESIC: dict[tuple[tuple[float, float], tuple[float, float]], float] = {}


def _geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """geopy's geodesic distance, memoised: the same pairs recur within and across articles."""
    d = _GEODESIC.get((a, b))
    if d is None:
        from geopy.distance import geodesic

        if len(_GEODESIC) > 100_000:
            _GEODESIC.clear()
        d = _GEODESIC[(a, b)] = geodesic(a, b).km
    return d


def _by_distance(pool: tuple[Place, ...], ctx: _Ctx) -> Place | None:
    if not ctx.anchors:
        return None
    scored = []
    for p in pool:
        c = ctx.gaz.centroid(p.key)
        if c is None:
            continue
        # the nearest anchor by a flat-earth estimate, then one exact geodesic to it
        coslat = math.cos(math.radians(c[0]))
        nearest = min(ctx.anchors, key=lambda a: (a[0] - c[0]) ** 2 + ((a[1] - c[1]) * coslat) ** 2)
        scored.append((_geodesic_km(c, nearest), p))
    scored.sort(key=lambda x: x[0])
    if not scored or scored[0][0] > DISTANCE_MAX_KM:
        return None
    if len(scored) > 1 and scored[0][0] > DISTANCE_RATIO * scored[1][0]:
        return None
    return scored[0][1]


def _places_of(entries: tuple[Entry, ...], gaz: Gazetteer, key: str) -> tuple[Place, ...]:
    """The distinct places of a name's entries, memoised by name key (Place hashing is not free)."""
    cache = gaz.memo("places")
    hit = cache.get(key)
    if hit is None:
        seen: dict[str, Place] = {}
        for e in entries:
            seen.setdefault(e.place_key, gaz.places[e.place_key])
        hit = tuple(seen.values())
        cache[key] = hit
    return hit


def _facts(
    entries: tuple[Entry, ...], gaz: Gazetteer, key: str
) -> tuple[str | None, bool, str | None, tuple[float, float] | None]:
    """What a name says about where the article is, memoised per name.

    (its one province or None, whether every candidate lies in that province,
    its one adm1 or None, a position when it names one place or one district).
    """
    cache = gaz.memo("facts")
    hit = cache.get(key)
    if hit is not None:
        return hit
    cands = {gaz.places[e.place_key] for e in entries}
    provs = [p for p in cands if p.level == "province"]
    prov = provs[0].adm1_pcode if len(provs) == 1 else None
    nested = prov is not None and all(p.adm1_pcode == prov for p in cands)
    adm1s = {p.adm1_pcode for p in cands}
    adm1 = next(iter(adm1s)) if len(adm1s) == 1 else None
    anchor = None
    if adm1 is not None and (len(cands) == 1 or len({p.adm2_pcode for p in cands}) == 1):
        anchor = gaz.centroid(next(iter(cands)).key)
    cache[key] = (prov, nested, adm1, anchor)
    return cache[key]


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place name in ``text``, resolved or not, sorted by offset and non-overlapping.

    ``Mention.text`` is always ``text[start:end]``; a level cue right after the
    name ("district", "province", "city") is part of the mention.
    """
    if not isinstance(text, str):
        raise TypeError(f"Expected the article text as a str, instead got: {type(text).__name__}.")
    toks = _tokenise(text, gazetteer)
    raws = _scan(text, toks, gazetteer)
    raws.extend(_fuzzy(text, toks, gazetteer, raws))
    raws.sort(key=lambda r: r.start)
    sentences = sentence_spans(text)
    _attach_cues(text, raws, sentences, gazetteer)

    ctx = _Ctx(gazetteer, {}, {}, set(), set(), [], sentences)
    # first pass: what the unambiguous names say about the article's provinces
    seen_anchors: set[tuple[float, float]] = set()
    for r in raws:
        if r.foreign is not None or not r.entries:
            continue
        if r.distractor is not None and r.cue is None:
            continue
        prov, nested, adm1, anchor = _facts(r.entries, gazetteer, r.key)
        if prov is not None and (r.cue == "province" or nested):
            ctx.sent_provs.setdefault(r.sentence, set()).add(prov)
            ctx.art_provs.add(prov)
        if adm1 is not None:
            ctx.sent_implied.setdefault(r.sentence, set()).add(adm1)
            ctx.art_implied.add(adm1)
            if anchor is not None and anchor not in seen_anchors:
                seen_anchors.add(anchor)
                ctx.anchors.append(anchor)
    # lists of names where the others are provinces: "Baghlan, Kunduz, Balkh and Takhar"
    province_only = [
        bool(r.entries)
        and all(gazetteer.places[e.place_key].level == "province" for e in r.entries)
        for r in raws
    ]
    counted: dict[tuple[int, int], int] = {}
    for idx, r in enumerate(raws):
        span = r.extra.get("listed")
        if span:
            if span not in counted:
                counted[span] = sum(province_only[span[0] : span[1] + 1])
            if counted[span] - province_only[idx] > 0:
                r.extra["listed_provinces"] = True

    out: list[Mention] = []
    last_end = -1
    for r in raws:
        place, cands, rule, score, reason = _resolve(r, ctx, text)
        if (
            place is not None
            and place.kind == "town"
            and place.key.startswith("pt:gn")
            and not (r.cue or r.extra.get("placey"))
        ):
            # a village known only from GeoNames, named where a place need not stand
            # ("Miray said ..."): too weak to colour a map
            reason = f"{text[r.start : r.end]!r} is known only as a GeoNames village and the text does not use it as a place"
            place, rule, score = None, "weak-name", 0.0
        end = r.cue_end if (r.cue_end and place is not None) else r.end
        if r.start < last_end:
            continue
        out.append(
            Mention(text[r.start : end], r.start, end, place, cands, rule, round(score, 3), reason)
        )
        last_end = end
    out = _areas_in_districts(text, out)
    if "capital" in text or "centre" in text or "center" in text:
        out.extend(_capital_anaphora(text, out, sentences, gazetteer))
        out.sort(key=lambda m: m.start)
    if "airport" in text or "airfield" in text:
        extra = _airport_anaphora(text, out, sentences, gazetteer)
        if extra:
            out = sorted(out + extra, key=lambda m: m.start)
    return out


def _sentence_index(pos: int, sentences: list[tuple[int, int]]) -> int | None:
    i = bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return i
    return None


def _overlaps(start: int, end: int, mentions: list[Mention], starts: list[int]) -> bool:
    """Whether [start, end) overlaps a mention; ``mentions`` sorted, ``starts`` their starts."""
    i = bisect_left(starts, end)
    return any(mentions[k].end > start for k in range(max(0, i - 3), i))


_AIRPORT_PHRASE = re.compile(
    r"\bthe\s+(?:city's\s+|city\u2019s\s+|main\s+|local\s+)?(?:airport|airfield)\b"
)
ANAPHOR_SENTENCES = 3
ANAPHOR_CHARS = 1500  # and never further back than this, however long the sentences


def _airport_anaphora(
    text: str, mentions: list[Mention], sentences: list[tuple[int, int]], gaz: Gazetteer
) -> list[Mention]:
    """ "forces held only the airport": the airport of the city the text is about.

    The city is the last city (or capital district) named in the sentence or the
    three before it, else the capital of the one province named there; its
    airport point when the gazetteer has one, else the city.
    """
    found = []
    starts = [x.start for x in mentions]
    for m in _AIRPORT_PHRASE.finditer(text):
        if _overlaps(m.start(), m.end(), mentions, starts):
            continue
        si = _sentence_index(m.start(), sentences)
        if si is None:
            continue
        lo = max(sentences[max(0, si - ANAPHOR_SENTENCES)][0], m.start() - ANAPHOR_CHARS)
        window = mentions[bisect_left(starts, lo) : bisect_left(starts, m.start())]
        city = None
        for x in window:
            p = x.place
            if p is None:
                continue
            if p.level == "point" and p.kind == "city":
                city = p
            elif p.level == "district":
                cap = gaz.capital_of(p.adm1_pcode)
                if cap is not None and cap.adm2_pcode == p.key:
                    city = cap
        if city is None:
            # "the provincial capital of Kunduz province ... the airport": the capital of
            # the one province named nearby
            provs = {
                x.place.adm1_pcode
                for x in window
                if x.place is not None and x.place.level == "province"
            }
            if len(provs) == 1:
                city = gaz.capital_of(provs.pop())
        if city is None:
            continue
        airport = next(
            (p for p in gaz.points_in(city.adm2_pcode or "") if p.kind == "airport"), None
        )
        place = airport or city
        found.append(
            Mention(m.group(), m.start(), m.end(), place, (place,), "airport-anaphora", 0.6, None)
        )
    return found


_AREA = re.compile(
    r"(?P<name>[A-Z][\w'\u2019]+(?:[ -](?:[A-Z][\w'\u2019]+|e|i|ye))*?)\s+(?:area|village|bazaar|locality|neighbou?rhood|region|valley)"
    r"\s+(?:in|of)\s+(?:the\s+)?$"
)


_CITY_DISTRICT = re.compile(
    r"\b((?:PD|P\.D\.|[Pp]olice [Dd]istrict|[Dd]istrict|[Nn]ahia|[Ss]ecurity [Dd]istrict)\s?#?\d{1,2})"
    r"\s+(?:of|in)\s+(?:the\s+)?$"
)
_AREA_HINT = re.compile(r"area|village|bazaar|locality|neighbo|region|valley")
_DIGIT = re.compile(r"\d")


def _areas_in_districts(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Sayeed Abad area in Nad Ali district": the area lies in the district that follows.

    A village or area name may equal a district elsewhere (Sayedabad, Wardak);
    the district the sentence puts it in wins, and unknown area names become
    mentions of that district. Numbered city districts ("PD4 in Lashkargah")
    lie in their city.
    """
    starts = [x.start for x in mentions]
    dropped: set[int] = set()
    added: list[Mention] = []

    def overlapping(s: int, e: int) -> list[int]:
        i = bisect_left(starts, e)
        return [k for k in range(max(0, i - 4), i) if mentions[k].end > s and k not in dropped]

    for m in mentions:
        if m.place is None or m.place.level == "province":
            continue
        before = text[max(0, m.start - 80) : m.start]
        if m.place.kind in ("city", "") and _DIGIT.search(before, max(0, len(before) - 30)):
            pd = _CITY_DISTRICT.search(before)
            if pd:
                # "PD4 in Lashkargah", "police district 9 of Kabul city": a city district
                s, e = m.start - len(before) + pd.start(1), m.start - len(before) + pd.end(1)
                if not overlapping(s, e) and not any(x.start < e and s < x.end for x in added[-3:]):
                    added.append(
                        Mention(text[s:e], s, e, m.place, (m.place,), "area-in-district", 0.7, None)
                    )
                continue
        if m.place.level != "district" or not _AREA_HINT.search(before):
            continue
        a = _AREA.search(before)
        if not a:
            continue
        s = m.start - len(before) + a.start("name")
        e = m.start - len(before) + a.end("name")
        name = text[s:e]
        if name.split()[0].lower() in _STOP:
            continue
        prev = overlapping(s, e)
        if any(
            mentions[k].place is not None and mentions[k].place.adm2_pcode == m.place.adm2_pcode
            for k in prev
        ):
            continue
        if any(mentions[k].start < s or mentions[k].end > e for k in prev):
            continue  # overlaps something larger: leave both alone
        dropped.update(prev)
        added.append(Mention(name, s, e, m.place, (m.place,), "area-in-district", 0.7, None))
    if not added and not dropped:
        return mentions
    out = [x for k, x in enumerate(mentions) if k not in dropped] + added
    out.sort(key=lambda x: x.start)
    return out


_CAPITAL_PHRASE = re.compile(
    r"\bthe\s+(?:provincial\s+capital|capital\s+of\s+the\s+same\s+name|province's\s+capital|provincial\s+cent(?:re|er)"
    r"|capital\s+city)\b(?!\s+of\b)",
    re.IGNORECASE,
)


def _capital_anaphora(
    text: str, mentions: list[Mention], sentences: list[tuple[int, int]], gaz: Gazetteer
) -> list[Mention]:
    """ "encircled the provincial capital": the capital of the one province the sentence names."""
    added = []
    starts = [x.start for x in mentions]
    for m in _CAPITAL_PHRASE.finditer(text):
        si = _sentence_index(m.start(), sentences)
        if si is None or _overlaps(m.start(), m.end(), mentions, starts):
            continue
        sent = sentences[si]
        # an appositive ("Kunduz, the provincial capital") already names the city
        k = bisect_left(starts, m.start()) - 1
        if (
            k >= 0
            and mentions[k].place is not None
            and _APPOSITIVE_GAP.match(text[mentions[k].end : m.start()])
        ):
            continue
        lo, hi = max(sent[0], m.start() - ANAPHOR_CHARS), min(sent[1], m.end() + ANAPHOR_CHARS)
        provs = {
            x.place.adm1_pcode
            for x in mentions[bisect_left(starts, lo) : bisect_left(starts, hi)]
            if x.place is not None and x.place.level == "province"
        }
        if len(provs) != 1:
            continue
        cap = gaz.capital_of(provs.pop())
        if cap is None:
            continue
        added.append(
            Mention(m.group(), m.start(), m.end(), cap, (cap,), "capital-anaphora", 0.7, None)
        )
    return added


_APPOSITIVE_GAP = re.compile(r"^\s*[,\u2013\u2014-]\s*$")


def places_rows(text: str, gazetteer: Gazetteer) -> list[dict]:
    """One row per mention for ``tcmap places``: what was found, what it became and why."""
    rows = []
    for m in find_mentions(text, gazetteer):
        p = m.place
        rows.append(
            {
                "mention": m.text,
                "start": m.start,
                "end": m.end,
                "level": p.level if p else None,
                "place": p.name if p else None,
                "adm2_pcode": p.adm2_pcode if p else None,
                "adm1_pcode": p.adm1_pcode if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "rule": m.rule,
                "score": m.score,
                "reason": m.reason,
            }
        )
    return rows
