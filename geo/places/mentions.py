"""Find the place names in an article and resolve each to a gazetteer place.

How it works, and why it is fast: one regex finds the runs of capitalised
words (with the connectors ``-e-``, ``wa`` inside) and skips the lower-case
bulk of the text. A name never crosses a run, so what a run holds is a pure
function of the run, memoised per gazetteer (``_run_names``): each word gets its
folded key (``geo.places.normalize.token_key``), at every word the n-grams of up to six
words are looked up in the gazetteer's dict of keys, longest first, and the
word groups left over become candidates for rapidfuzz. An article then costs
one regex scan plus a dict lookup per run. Only candidates that are long
enough and stand where a place stands (before "district", after "in") are
kept from rapidfuzz, whose answers are memoised too; so is the part of the
resolution that the name and its cues decide alone (``_resolve_by_cues``).
Around each name a few short regexes read the cues in the 40 characters on
either side, and what those say is memoised by the characters (wire copy
repeats its phrases). Whole-text regexes are avoided unless they begin with a
literal (Python's engine tests every position against a class of characters,
about 10 ns a character, but skips fast to a literal): sentence ends are found
with one such pattern per mark, and case-insensitive phrases are searched in
the lower-cased text when lower-casing keeps every offset (``_lowers_in_place``).

Each found name is then resolved, in this order:

1. the kind the text gives it ("Kunduz province", "the city of Herat",
   "Islam Qala border crossing", a list ending in "districts");
2. a province that contains its other candidates (Kunduz the province, the
   district and the city): the province when the text says so or lists it with
   other provinces, otherwise the city ("Kunduz fell" is about the city);
3. the province named in the same sentence; then the reading an earlier mention of
   the same name got from its sentence's province or a kind cue (a later "Jani
   Khel district" stays in Paktia); then the province the sentence implies, then
   the one named in the article (Jani Khel of Paktia vs. Jani Khel of Paktika);
4. geodesic distance to the other places the article names;
5. a provincial capital over a namesake elsewhere (Faizabad);
6. otherwise nothing, with the reason.

Around the names: "X area in Y district" puts X in Y; "the provincial capital"
and "the airport" become mentions of the capital (or its airport) of the
province or city named just before ("the airport in Kunduz city", "the airport
of Herat": of the city named right after). A name alone before "districts"
("three Kunduz districts") is the province.

Names that are also words or people's names ("Nari", "Ghani") resolve only with
a cue; foreign places come back unresolved with rule ``foreign``; a name the
text calls a district, province or crossing that the gazetteer lacks comes back
unresolved with rule ``unknown-name`` (``geo.places.unknown_names``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from geo.models import Mention, Place
from geo.places.gazetteer import Entry, Gazetteer
from geo.places.normalize import CONNECTORS, name_key, token_key
from geo.places.unknown_names import unknown_names

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
    "earlier-in-article": "several places bear the name; an earlier mention in the article was resolved by its sentence's province or a kind cue, and this sentence names no other",
    "distance": "several places bear the name; one lies clearly nearest the other places named",
    "alias-in-text": "'Mandawal (Mandol)': a spelling glossed in brackets by a known name, here and elsewhere in the article",
    "same-name": "'the district of the same name in Kandahar': the namesake, in the province named, of the district named before",
    "prominence": "a provincial capital and a namesake elsewhere; the capital",
    "fuzzy": "a misspelling, matched by rapidfuzz above the cutoff",
    "ambiguous": "unresolved: several places bear the name and nothing in the text tells them apart",
    "distractor": "unresolved: also a word or a person's name, and the text does not use it as a place",
    "weak-name": "unresolved: a village known only from GeoNames, not used as a place here",
    "foreign": "unresolved: a place outside Afghanistan",
    "unknown-name": "unresolved: the text calls it a district, province or crossing, but the gazetteer has no place of that name",
    "geocoder": "found by the opt-in online geocoder (geo.places.geocode)",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# the text between two names of one list, matched in place: _LIST_GAP.match(text, a.end, b.start)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|&)\s*$", re.IGNORECASE)
# a sentence ends at one of these; the end mark is consumed (group "mark") rather than looked
# behind at, so a match starts at the mark
_SENT_END = re.compile(
    r"(?P<mark>[.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z0-9\"\u201c])"
)
# _SENT_END where it begins with each mark, and where it begins with a line break
_MARK_ENDS = {
    mark: re.compile(rf"(?P<mark>\{mark}[\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
    for mark in ".!?"
}
_LINE_END = re.compile(r"\n(?:\s*\n|(?=\s*[A-Z0-9\"\u201c]))")

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
    r"^\s*,?\s*(?:the\s+)?(?:provincial\s+capital|capital\s+(?:city\s+)?of|city\b|capital\b(?!\s+(?-i:[A-Z])))",
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
    r"^(?:['\u2019]s)?\s+(?:provincial|province's|governor|governor's|districts|police|council|province"
    # "Sar-e-Pul's seven districts"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|all|other|remaining|several|many|most)\s+districts)\b",
    re.IGNORECASE,
)
_CITY_WORDS_STEMS = ("cit", "capital", "outskirts", "airport", "downtown", "gates", "suburb")
_CITY_WORDS = re.compile(
    r"\b(?:city|cities|capital|capitals|outskirts|airport|downtown|gates|suburbs?|city's)\b",
    re.IGNORECASE,
)
_CITY_WORDS_LOWER = re.compile(_CITY_WORDS.pattern)  # for lower-cased ASCII text


def _has_city_word(s: str) -> bool:
    """``_CITY_WORDS.search(s)``, twice as fast lower-cased (see ``_lowers_in_place``)."""
    low = s.lower()
    if s.isascii():
        return _may_hold(s, low, _CITY_WORDS_STEMS) and _CITY_WORDS_LOWER.search(low) is not None
    if _lowers_in_place(s, low):
        return _CITY_WORDS_LOWER.search(low) is not None
    return _CITY_WORDS.search(s) is not None


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
    r"\b(?:in|of|from|to|near|at|into|toward|towards|outside|around|seized|overran|overrun|retook"
    r"|recaptured)\s+(?:the\s+)?$"
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
    """A word of a run of capitalised words; offsets are within the run."""

    start: int
    end: int
    text: str
    lower: str
    key: str  # folded as the last word of a name
    key_inner: str  # folded as a non-final word
    cap: bool


@dataclass(frozen=True, slots=True)
class _After:
    """What the text right after a name says (``_cues_after``)."""

    cue: str | None = None  # the kind it gives the name ("district", "city", "crossing", ...)
    cue_len: int = 0  # the length of the cue the mention takes in ("Kunduz province"), or 0
    capital_after: bool = False  # "Badghis's provincial capital"
    cue_word: str | None = None  # the cue as written, lower-cased ("districts", "border")
    plural: bool = False  # a plural cue, which may end a list ("Chahab and Qadis districts")
    province_context: bool = False  # "Kunduz provincial council": the province
    may_join: bool = False  # a list may go on after the name (see ``_may_join``)


@dataclass(frozen=True, slots=True)
class _Before:
    """What the text right before a name says (``_cues_before``)."""

    cue: str | None = None  # the kind it gives the name ("the city of" -> "city")
    province_context: bool = False  # "districts of Kunduz": the province
    direction: bool = False  # "northern Kunduz": the province
    placey: bool = False  # after a preposition of place ("in", "near")
    title: str | None = None  # the title or given name before a person's name ("General")
    city_list: bool = False  # "provincial capitals including", "the cities of": a list of cities


_NO_AFTER = _After()
_NO_BEFORE = _Before()


@dataclass(slots=True)
class _Raw:
    """A matched span before resolution."""

    start: int
    end: int
    key: str = ""  # the gazetteer key that matched
    entries: tuple[Entry, ...] = ()
    foreign: tuple[str, str] | None = None
    distractor: tuple[str, str] | None = None
    # what the key says whatever the text (see _name_facts), filled in once per key
    places: tuple[Place, ...] = ()
    facts: tuple[str | None, bool, str | None, tuple[float, float] | None] | None = None
    province_only: bool = False  # every place of the name is a province
    fuzzy_score: float = 0.0
    cue: str | None = None
    cue_end: int | None = None
    cue_before: str | None = None
    sentence: int = 0
    list_group: int = -1
    # what the words around it say (memoised records, shared between names: never written to)
    before: _Before = _NO_BEFORE
    after: _After = _NO_AFTER
    province_context: bool = False  # the words around it or its list make it the province
    listed_provinces: bool = False  # listed with provinces ("Baghlan, Kunduz and Balkh")
    tok_start: int = 0  # the words of its run it covers (used while matching a run)
    tok_end: int = 0  # exclusive


# an explicit capital class is twice as fast as "any letter but a-z" in Python's re; Latin
# Extended letters count as capitals, since transliterations begin with them ("Ḩāfiz")
_CAP = "A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff"
# "[a-z]*" first: the engine runs through ASCII letters faster than through the Unicode class
# after it, which takes the rest of the word (the same word: the pattern never backtracks into it)
_CAPW = rf"[{_CAP}][a-z]*[^\W\d_]*"
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


def _run_tokens(run: str, gaz: Gazetteer) -> list[_Tok]:
    """The words of one run of capitalised words, with their folded keys.

    A run of one word that is neither a name nor long enough for fuzzy
    matching ("The", "He", "Taliban") gives no words, and so no name.
    """
    if run.isalpha():
        low, key, inner, cap = _word_info(run)
        if (
            key not in gaz.index
            and key not in gaz.foreign
            and (len(key) < FUZZY_MIN_KEY or low in _STOP)
        ):
            return []
        return [_Tok(0, len(run), run, low, key, inner, cap)]
    toks = []
    for m in _WORD.finditer(run):
        w = m.group()
        low, key, inner, cap = _word_info(w)
        toks.append(_Tok(m.start(), m.end(), w, low, key, inner, cap))
    return toks


_SENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _sentence_breaks(text: str) -> list[tuple[int, int]]:
    """(end of the sentence, start of the next) at each match of ``_SENT_END`` in ``text``.

    Python's regex engine tests every position of a text against a pattern that begins
    with a class of characters (about 10 ns a character), but skips fast to a literal.
    Each match of _SENT_END holds one mark [.!?], at its start, then closing quotes and
    whitespace alone: so every mark is tried whatever the matches before it, and the
    matches at each mark and at line breaks are searched for apart, with patterns that
    begin with a literal. A match at a mark takes in all the whitespace after it, and a
    match at a line break is whitespace alone: so the line breaks that count lie between
    the matches at marks (not inside one, as in ".\n\nThe"), and they are searched for
    only where a gap holds a line break (most hold none).
    """
    at_marks: list[tuple[int, int, int]] = []  # (start, end of the mark, end) of each match
    for mark, pattern in _MARK_ENDS.items():
        if mark in text:
            at_marks += [(m.start(), m.end("mark"), m.end()) for m in pattern.finditer(text)]
    at_marks.sort()
    breaks = []
    gap_start = 0  # where the gap after the last match at a mark begins
    for start, mark_end, end in [*at_marks, (len(text), -1, -1)]:  # and the gap after the last
        if text.find("\n", gap_start, start) >= 0:
            # whitespace alone, a match at a line break never crosses the mark that ends the gap
            breaks += [(m.start(), m.end()) for m in _LINE_END.finditer(text, gap_start, start)]
        if mark_end >= 0:
            breaks.append((mark_end, end))
        gap_start = end
    return breaks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? followed by a capital, or at a line break."""
    spans = []
    pos = 0
    for end, next_start in _sentence_breaks(text):
        if end > pos:
            spans.append((pos, end))
        pos = next_start
    if len(text) > pos:
        spans.append((pos, len(text)))
    return spans


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


def _scan(toks: list[_Tok], gaz: Gazetteer) -> list[_Raw]:
    """Longest match at every capitalised word of a run, growing the key word by word.

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
            if end > i and not (last.cap or last.lower in _INNER or last.lower in _TAIL_WORDS):
                break
            if last.key and (end > i or t.cap):
                key = _glue(acc, last.key)
                if key in index:
                    best = _Raw(t.start, last.end, key, index[key], tok_start=i, tok_end=end + 1)
                elif key in foreign:
                    best = _Raw(
                        t.start, last.end, key, foreign=foreign[key], tok_start=i, tok_end=end + 1
                    )
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


def _capital_runs(toks: list[_Tok], covered: set[int]) -> list[tuple[int, int]]:
    """Groups of up to four capitalised words (token index ranges) that no exact match covers."""
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
            and (toks[j + 1].cap or toks[j + 1].lower in _INNER)
            and j + 1 not in covered
        ):
            j += 1
        while j > i and not toks[j].cap:
            j -= 1
        runs.append((i, j + 1))
        i = j + 1
    return runs


@dataclass(frozen=True, slots=True)
class _RunNames:
    """What one run of capitalised words holds, offsets within the run.

    ``found``: (start, end, the other fields of its ``_Raw`` up to ``province_only``) of each
    exact match;
    ``fuzzy``: (start, end, key, after_word) of each group of words left over that is long
    enough for rapidfuzz, ``after_word`` when a capitalised word ("Ahmad") stands before it.
    """

    found: tuple[tuple, ...]
    fuzzy: tuple[tuple[int, int, str, bool], ...]


_NO_NAMES = _RunNames((), ())
RUN_MEMO_MAX = 100_000


def _run_names(run: str, gaz: Gazetteer) -> _RunNames:
    """The names of one run of capitalised words: a pure function of the run, so memoised."""
    toks = _run_tokens(run, gaz)
    if not toks:
        return _NO_NAMES
    raws = _scan(toks, gaz)
    found = tuple(
        (
            r.start,
            r.end,
            (r.key, r.entries, r.foreign, r.distractor, *_name_facts(r.key, r.entries, gaz)),
        )
        for r in raws
    )
    covered = {k for r in raws for k in range(r.tok_start, r.tok_end)}
    fuzzy = []
    for a, b in _capital_runs(toks, covered):
        key = _join_keys([toks[k].key_inner for k in range(a, b - 1)] + [toks[b - 1].key])
        if len(key) < FUZZY_MIN_KEY:
            continue
        after_word = a > 0 and toks[a - 1].cap and toks[a - 1].lower not in _STOP
        fuzzy.append((toks[a].start, toks[b - 1].end, key, after_word))
    if not found and not fuzzy:
        return _NO_NAMES
    return _RunNames(found, tuple(fuzzy))


def _find_names(text: str, gaz: Gazetteer) -> list[_Raw]:
    """Every name the gazetteer knows, and the misspelt ones rapidfuzz finds, sorted by offset.

    Names never cross a run of capitalised words, so each distinct run is
    matched once per process ("The Taliban", "Kunduz", "Spin Boldak" recur in
    every article) and an article costs one regex scan plus a dict lookup per run.
    """
    memo = gaz.memo("runs")
    raws: list[_Raw] = []
    fuzzy: list[tuple[int, tuple[tuple[int, int, str, bool], ...]]] = []
    for m in _RUN.finditer(text):
        run = m.group()
        names = memo.get(run)
        if names is None:
            if len(memo) > RUN_MEMO_MAX:  # hostile input with endless distinct runs
                memo.clear()
            names = memo[run] = _run_names(run, gaz)
        if names is _NO_NAMES:
            continue
        base = m.start()
        for s, e, fields in names.found:
            raws.append(_Raw(base + s, base + e, *fields))
        if names.fuzzy:
            fuzzy.append((base, names.fuzzy))
    misspelt = _fuzzy(text, fuzzy, gaz, raws) if fuzzy else []
    if misspelt:
        raws.extend(misspelt)
        raws.sort(key=lambda r: r.start)
    return raws


def _fuzzy_lookup(key: str, gaz: Gazetteer) -> tuple[str, float] | None:
    """The best gazetteer key within the cutoff, memoised: the same capitalised words recur."""
    cache = gaz.memo("fuzzy")
    if key in cache:
        return cache[key]
    from rapidfuzz import fuzz, process

    choices = _fuzzy_choices(len(key), gaz)
    hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if len(cache) > 100_000:
        cache.clear()
    cache[key] = (hit[0], float(hit[1])) if hit else None
    return cache[key]


def _fuzzy_choices(length: int, gaz: Gazetteer) -> list[str]:
    """The fuzzy keys that can reach the cutoff against a key of this length, in their order.

    ``fuzz.ratio`` is at most ``100 * (1 - |a - b| / (a + b))`` for lengths a and b (every
    letter one word has more needs an edit); the keys left out could not match, so
    ``extractOne`` gives the same answer, scoring a third of the keys.
    """
    memo = gaz.memo("fuzzy-choices")
    choices = memo.get(length)
    if choices is None:
        slack = 1 - FUZZY_CUTOFF / 100
        keys = gaz.fuzzy_keys
        fits = {n for n in set(map(len, keys)) if abs(n - length) <= slack * (n + length) + 0.5}
        choices = memo[length] = [k for k in keys if len(k) in fits]
    return choices


def _fuzzy(
    text: str,
    groups: list[tuple[int, tuple[tuple[int, int, str, bool], ...]]],
    gaz: Gazetteer,
    exact: Sequence[_Raw] = (),
) -> list[_Raw]:
    """rapidfuzz over the leftover word groups that stand where place names stand: after
    a preposition of place or a verb of capture, before a level word, or in a list with
    a name the gazetteer knows ("Kang, Chankhansur and Delaram").

    ``groups``: (offset of the run, its ``_RunNames.fuzzy``) in text order; ``exact``: the
    names matched exactly, sorted by offset.
    """
    found = []
    lookups = 0
    memo = gaz.memo("fuzzy")
    known = [r for r in exact if r.entries]
    known_starts = [r.start for r in known]
    for base, cands in groups:
        for s, e, key, after_word in cands:
            if lookups >= FUZZY_MAX_PER_TEXT:
                return found  # a real article has a few dozen candidate runs; a hostile one gets no more
            lookups += 1
            # most groups ("United Nations", "Associated Press") are near no name: look that up
            # first (memoised, and rapidfuzz is quick), then the words around the few that are
            hit = memo[key] if key in memo else _fuzzy_lookup(key, gaz)
            if hit is None or after_word:
                continue  # after_word: part of a longer capitalised phrase, such as a person's name
            match, score = hit
            if match in gaz.distractors:
                continue
            s += base
            e += base
            before = text[max(0, s - 30) : s].lower()
            after = text[e : e + 25].lower()
            if not (
                _PLACEY_BEFORE.search(before)
                or _PLACEY_AFTER.match(after)
                or _listed_with_known(text, s, e, known, known_starts)
            ):
                continue
            entries = gaz.index[match]
            places, facts, province_only = _name_facts(match, entries, gaz)
            found.append(
                _Raw(s, e, match, entries, None, None, places, facts, province_only, score / 100.0)
            )
    return found


def _listed_with_known(
    text: str, s: int, e: int, known: Sequence[_Raw], starts: list[int]
) -> bool:
    """Whether the words at [s, e) stand in a list ("X, Y and Z") next to a known name."""
    i = bisect_left(starts, e)
    if i < len(known) and known[i].start - e <= 6 and _LIST_GAP.match(text, e, known[i].start):
        return True
    k = bisect_left(starts, s) - 1
    return k >= 0 and 0 <= s - known[k].end <= 6 and _LIST_GAP.match(text, known[k].end, s) is not None


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
    r"(?<![.!?]\s)\b(?!The\b|A\b|This\b|That\b|Afghan\b|Afghanistan\b|Afghanistan's\b|Pakistani\b|Iranian\b"
    r"|Tajik\b|Uzbek\b|Turkmen\b|Northern\b|Southern\b|Eastern\b|Western\b|Central\b)"
    r"[A-Z][\w'\u2019-]*\s+(?:district|city)\s+of\s+(?:the\s+)?$"
)
_APPOSITIVE_CAPITAL_OF_REGION = re.compile(
    r"[\w)]\s*[,\u2013\u2014(-]\s*(?:which\s+is\s+)?(?:the\s+)?(?:provincial\s+)?capital(?:\s+city)?\s+of"
    r"(?:\s+(?:the|Afghanistan['\u2019]s|[\w-]+ern|central|restive|volatile|neighbou?ring))+\s+$",
    re.IGNORECASE,
)
# "Sar-e Pul city and Qala-e-Naw, the capitals of Sar-e Pul and Badghis": the provinces
_APPOSITIVE_CAPITALS_OF = re.compile(
    r"[\w)]\s*[,\u2013\u2014(]\s*(?:the\s+)?(?:provincial\s+)?capitals\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_SKIP_BEFORE_PROVINCE = frozenset(["the", "afghanistan's", "afghanistan\u2019s"])
# "the 34 provincial capitals, including", "cities such as", "the provincial capitals of",
# "three capitals over the weekend -": what follows is a list of cities
_CITY_LIST_BEFORE = re.compile(
    r"\b(?:capitals|cities)(?:\s+of|(?:[\s,]+[^.;:!?]{0,40}?)?[\s,]*(?:including|such\s+as|namely"
    r"|among\s+them|:|\u2014|\u2013|--|(?<=\s)-))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PLACE_PREPS = frozenset(
    ["in", "of", "from", "to", "near", "at", "into", "toward", "towards", "outside", "around"]
)


def _last_words(before: str) -> list[str]:
    """The last four words before a name, lower case, ``the`` dropped: cheap context without regex scans."""
    if before.isascii():  # lower-casing first finds the same words
        words = _BEFORE_WORDS.findall(before.lower())[-5:]
    else:
        words = [w.lower() for w in _BEFORE_WORDS.findall(before)[-5:]]
    if words and words[-1] == "the":
        words.pop()
    return words[-4:]


def _may_hold(s: str, low: str, words: tuple[str, ...]) -> bool:
    """Whether an IGNORECASE regex that needs one of ``words`` can match ``s`` (``low`` is ``s.lower()``).

    Exact for ASCII text; on other text the regex decides (its case folding also
    matches dotless i and long s).
    """
    if not s.isascii():
        return True
    for w in words:
        if w in low:
            return True
    return False


# What the 40 characters after and before a name say is a pure function of them, and wire
# copy repeats its phrases ("X district of", "in the Y province"): both are memoised.
CUE_WINDOW = 40
CUE_MEMO_MAX = 100_000
_AFTER_CUES: dict[str, _After] = {}
# "X is the (sixth) provincial capital ...", "X will be the tenth province ...": the kind it is
_COPULA_KIND = re.compile(
    r"^\s+(?:is|was|will\s+be|would\s+be|became|becomes|has\s+become)\s+(?:now\s+)?(?:one\s+of\s+)?the\s+"
    r"(?:[a-z]+\s+){0,2}?(provinces?|provincial\s+capitals?|capitals?|city|cities|districts?)\b"
)
_COPULA_KINDS = {
    "province": "province",
    "provinces": "province",
    "capital": "city",
    "capitals": "city",
    "city": "city",
    "cities": "city",
    "district": "district",
    "districts": "district",
}
_BEFORE_CUES: dict[str, _Before] = {}


def _cues_after(after: str) -> _After:
    """What the text right after a name says."""
    cue = None
    cue_len = 0
    cue_word = None
    m = _NEXT_WORD.match(after) if after[:1] in (" ", "\t") else None
    if m:
        word = m.group(1).lower()
        cue = _CUE_AFTER.get(word)
        if word == "border":
            cue = "crossing"
        elif word == "air" and after[m.end() : m.end() + 6].strip().lower().startswith("base"):
            cue = "airport"
        if cue:
            cue_word = word
            if word in _INCLUDE_CUE:
                cue_len = m.end()
    if (
        cue is None
        and after[:1] in (",", " ")
        and _may_hold(after, after.lower(), ("cit", "capital"))
        and _APPOSITIVE_CITY.match(after)
    ):
        cue = "city"
    if cue is None and " the " in after and after[:1] == " ":
        # "Ghazni will be the tenth province to fall", "Aybak is the sixth provincial capital"
        c = _COPULA_KIND.match(after)
        if c is not None:
            cue = _COPULA_KINDS[c.group(1).split()[-1]]
    capital_after = "capital" in after and bool(_PROVINCE_CAPITAL_AFTER.match(after))
    province_context = (
        not capital_after
        and (after[:1].isspace() or after[:1] in ("'", "\u2019"))  # as the regex begins
        and _PROVINCE_AFTER.match(after) is not None
    )
    may_join = _may_join(after, 0)
    if cue is None and not capital_after and not province_context and not may_join:
        return _NO_AFTER
    plural = cue_word is not None and cue_word.endswith("s")
    return _After(cue, cue_len, capital_after, cue_word, plural, province_context, may_join)


def _cues_before(before: str) -> _Before:
    """What the text right before a name says."""
    province_context = direction = placey = False
    title = None
    cue_before = None
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
            province_context = True
        if noun:
            cue_before = noun
        if w2 in ("districts", "provinces", "parts", "areas", "villages"):
            province_context = True
    if cue_before is None and w1 != "of" and "capital" in words:
        # "the capital of Afghanistan's northern Kunduz province": as "the capital of Kunduz"
        ws = list(words)
        while ws and (ws[-1] in _DIRECTIONS or ws[-1] in _SKIP_BEFORE_PROVINCE):
            ws.pop()
        if len(ws) > 1 and ws[-1] == "of" and ws[-2] == "capital" and len(ws) < len(words):
            if _APPOSITIVE_CAPITAL_OF_REGION.search(before):
                province_context = True  # "Puli Khumri, the capital of northern Baghlan"
            else:
                cue_before = "capital"
    if cue_before == "capital" and _APPOSITIVE_CAPITAL_BEFORE.search(before):
        cue_before = None  # "Mazar-i-Sharif, the capital of Balkh": Balkh is the province
        province_context = True
    city_list = (
        ("capitals" in before or "cities" in before)
        and _CITY_LIST_BEFORE.search(before) is not None
        and _APPOSITIVE_CAPITALS_OF.search(before) is None
    )
    if w1 in ("in", "of", "across") and w2 in _PROVINCE_NOUNS:
        province_context = True
    direction = w1 in _DIRECTIONS
    placey = w1 in _PLACE_PREPS
    if (
        before[-1:] == " "
        and w1
        # the tests below need a title before the name, or a capital letter in this window
        and (w1 in _TITLES or w1.rstrip(".") in _TITLES or not before[-25:].islower())
    ):
        prev = _BEFORE_WORDS.findall(before[-25:])
        if prev and prev[-1].lower() == w1:
            if w1 in _TITLES or (w1.rstrip(".") in _TITLES):
                title = prev[-1]
            elif prev[-1][0].isupper() and _GIVEN_NAME.match(w1) and before[-2:-1].isalpha():
                title = prev[-1]  # "Fazel Ahmad Shirzad": the name of a person
            elif (
                len(prev) > 1
                and prev[-1][0].isupper()
                and prev[-1].lower() not in _STOP
                and prev[-2].lower().rstrip(".") in _TITLES
                and before[-2:-1].isalpha()
            ):
                title = f"{prev[-2]} {prev[-1]}"  # "General Ajmal Shinwari"
    if not (cue_before or province_context or direction or placey or title or city_list):
        return _NO_BEFORE
    return _Before(cue_before, province_context, direction, placey, title, city_list)


def _attach_cues(
    text: str, raws: list[_Raw], sentences: list[tuple[int, int]], gaz: Gazetteer
) -> None:
    """Fill in each name's sentence, the kind the words around it give it, and its lists."""
    after_memo, before_memo = _AFTER_CUES, _BEFORE_CUES
    sentence_ends = [end for _, end in sentences]
    last_sentence = max(len(sentences) - 1, 0)
    # whether the text between a name and the next joins them in a list
    list_gap: list[bool] = []
    plural: list[int] = []  # the names before a plural cue ("districts")
    prev, prev_may_join = None, False
    for idx, r in enumerate(raws):
        # the sentence that holds the name (the last one, should it lie beyond)
        r.sentence = min(bisect_right(sentence_ends, r.start), last_sentence)
        after = text[r.end : r.end + CUE_WINDOW]
        a = after_memo.get(after)
        if a is None:
            if len(after_memo) > CUE_MEMO_MAX:  # hostile input with endless distinct windows
                after_memo.clear()
            a = after_memo[after] = _cues_after(after)
        if r.entries:  # a foreign place needs no cue
            before = text[max(0, r.start - CUE_WINDOW) : r.start]
            b = before_memo.get(before)
            if b is None:
                if len(before_memo) > CUE_MEMO_MAX:
                    before_memo.clear()
                b = before_memo[before] = _cues_before(before)
            r.after, r.before = a, b
            r.cue = a.cue
            if a.cue_len:
                r.cue_end = r.end + a.cue_len
            r.cue_before = (b.cue or "capital-after") if a.capital_after else b.cue
            r.province_context = a.province_context or b.province_context
            if a.plural:
                plural.append(idx)
        if prev is not None:
            list_gap.append(prev_may_join and _LIST_GAP.match(text, prev.end, r.start) is not None)
            if r.start - prev.end <= 4:  # as long as the longest gap below
                _join_neighbours(text, prev, r, gaz)
        prev, prev_may_join = r, a.may_join
    # a list of names ending in a plural cue: "Pashtun Kot and Khan Chaharbagh districts"
    group = 0
    for idx in reversed(plural):
        r = raws[idx]
        if r.list_group >= 0:
            continue
        r.list_group = group
        k = idx
        while k > 0 and list_gap[k - 1]:
            prev = raws[k - 1]
            prev.list_group = group
            if prev.cue is None and prev.cue_end is None:
                prev.cue = r.cue
            k -= 1
        if (
            k == idx
            and r.after.cue_word == "districts"
            and any(p.level == "province" for p in r.places)
        ):
            # "three Kunduz districts": a name alone before "districts" says whose districts
            r.cue = "province"
            r.province_context = True
        group += 1
    # "provincial capitals including Kandahar, Herat and Zabul": each the city (Zabul's capital)
    for idx, r in enumerate(raws):
        if not r.before.city_list:
            continue
        k = idx
        while True:
            x = raws[k]
            if x.entries and x.cue_before is None and x.cue in (None, "province"):
                if any(p.level == "province" for p in x.places):
                    x.cue_before = "capital"
                elif x.cue is None:
                    x.cue = "city"
            if k < len(list_gap) and list_gap[k]:
                k += 1
            else:
                break
    # "Sar-e-Pul, in the northern province of the same name": the capital of that province
    if "same name" in text:
        for r in raws:
            if (
                r.cue is None
                and _SAME_NAME_PROVINCE_AFTER.match(text, r.end, r.end + 80) is not None
                and any(p.kind == "city" for p in r.places)
            ):
                r.cue = "city"
    # names in one list without a cue: "Baghlan, Kunduz, Balkh and Takhar"
    k = 0 if any(list_gap) else len(raws)
    while k < len(raws):
        m = k
        while m + 1 < len(raws) and list_gap[m]:
            m += 1
        if m > k:
            provinces = sum(raws[x].province_only for x in range(k, m + 1))
            for x in range(k, m + 1):
                if provinces - raws[x].province_only > 0:
                    raws[x].listed_provinces = True  # the others are provinces
        k = m + 1


_SAME_NAME_PROVINCE_AFTER = re.compile(
    r"\s*,?\s*(?:(?:the\s+)?(?:provincial\s+)?capital\s+of\s+|in\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"province\s+of\s+the\s+same\s+name",
    re.IGNORECASE,
)


def _join_neighbours(text: str, a: _Raw, b: _Raw, gaz: Gazetteer) -> None:
    """What two names a few characters apart say of each other."""
    gap = text[a.end : b.start]
    # "Kandahar's Spin Boldak district": a name in the possessive before another place is its province
    if gap in ("'s ", "\u2019s ", "' ", "\u2019 ") and b.entries:
        a.province_context = True
    # "Imam Sahib, Kunduz" and "Qala-i-Naw, Badghis's provincial capital": the province after a comma
    if gap in (", ", " , ", " in ", " of ") and a.entries and b.entries and b.before.title is None:
        places = gaz.places
        b_provs = {e.place_key for e in b.entries if places[e.place_key].level == "province"}
        a_adm1 = {places[e.place_key].adm1_pcode for e in a.entries}
        if len(b_provs) == 1 and b_provs <= a_adm1:
            b.province_context = True
            if b.cue_before == "capital-after":
                b.cue_before = None


def _may_join(text: str, i: int) -> bool:
    """Whether ``_LIST_GAP`` can match at ``i``: it needs "," or "&" there, or after a space
    those or "and", "or". Most names are followed by a space and another word. Reads two
    characters: the same in the text and in the window after a name."""
    c = text[i : i + 1]
    if c == " ":
        c = text[i + 1 : i + 2]
        return c in ("a", "A", "o", "O", ",", "&") or c.isspace()
    return c in (",", "&") or c.isspace()


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
    by_cues: dict | None = None  # the gazetteer's memo of _resolve_by_cues
    # name key -> the province a strong rule gave an ambiguous name earlier in the article
    settled: dict[str, str] = field(default_factory=dict)


def _rule_of(entries: tuple[Entry, ...], place: Place) -> str:
    for e in entries:
        if e.place_key == place.key:
            return e.rule if e.rule != "geonames" else "variant"
    return "exact"


def _resolve_by_cues(
    r: _Raw, gaz: Gazetteer
) -> tuple[tuple[Place, tuple[Place, ...], str, float, None] | None, tuple[Place, ...]]:
    """The resolution the name and its cues decide alone, else None and the candidates left.

    Reads only ``r.key`` (and so ``r.entries``, ``r.places``), ``r.cue``, ``r.cue_before``
    and ``r.fuzzy_score``: ``_resolve`` memoises it on them.
    """
    cands = r.places
    base_score = r.fuzzy_score or 1.0
    fuzzy = r.fuzzy_score > 0
    # "the capital of Badghis", "Badghis's provincial capital": the capital city
    if r.cue_before in ("capital", "capital-after"):
        provs = [p for p in cands if p.level == "province"]
        if len(provs) == 1 and gaz.capital_of(provs[0].adm1_pcode) is not None:
            capital = gaz.capital_of(provs[0].adm1_pcode)
            return (capital, cands, "capital-of", 0.95 * base_score, None), cands

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
                point = next(iter(found.values()))
                return (point, cands, rule_prefix or "kind-cue", 0.9 * base_score, None), cands
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
                return (
                    narrowed[0],
                    cands,
                    rule_prefix or "kind-cue",
                    0.95 * base_score,
                    None,
                ), cands
            pool = narrowed
    elif (
        cue == "district" and len(pool) == 1 and pool[0].level == "point" and pool[0].kind == "city"
    ):
        d = gaz.places[pool[0].adm2_pcode]
        return (d, cands, rule_prefix or "kind-cue", 0.95 * base_score, None), cands
    if len(pool) == 1:
        p = pool[0]
        if cue == "city" and p.level == "province" and gaz.capital_of(p.adm1_pcode) is not None:
            # "Zabul city": the capital of the province, whatever its own name (Qalat)
            capital = gaz.capital_of(p.adm1_pcode)
            return (capital, cands, rule_prefix or "capital-of", 0.9 * base_score, None), cands
        if cue in ("crossing", "dam", "airport") and p.level != "point":
            # "Ishkashim border crossing", "Bagram air base": the point of that kind in the named district
            pt = _point_of_kind(gaz, p, cue, r.key)
            if pt is not None:
                return (pt, cands, rule_prefix or "kind-cue", 0.9 * base_score, None), cands
        return (p, cands, rule_prefix or _rule_of(r.entries, p), base_score, None), cands
    return None, pool


_PoolFacts = tuple[
    tuple[Place, ...], tuple[Place, ...], bool, tuple[Place | None, tuple[Place, ...]]
]


def _split_pool(pool: tuple[Place, ...]) -> _PoolFacts:
    """What ``_resolve`` asks of a pool left undecided, memoised with it: its provinces; when
    there is one, its other places, whether they all lie in that province, and
    ``_city_and_districts`` of them."""
    provs = tuple(p for p in pool if p.level == "province")
    if len(provs) != 1:
        return provs, (), False, (None, ())
    inner = tuple(p for p in pool if p.level != "province")
    nested = all(p.adm1_pcode == provs[0].adm1_pcode for p in inner)
    return provs, inner, nested, _city_and_districts(inner)


def _city_and_districts(inner: Sequence[Place]) -> tuple[Place | None, tuple[Place, ...]]:
    """The first city of a province's namesakes, and its districts (for ``_province_or_city``)."""
    city = next((p for p in inner if p.level == "point" and p.kind == "city"), None)
    return city, tuple(p for p in inner if p.level == "district")


_OWN_PROVINCE_AFTER = re.compile(
    r"\s*(?:district\s+)?(?:of|in|,)\s+(?:the\s+)?(?:[a-z]+ern\s+)?(?:province\s+of\s+)?"
    r"([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)"
)


def _resolve(
    r: _Raw, ctx: _Ctx, text: str
) -> tuple[Place | None, tuple[Place, ...], str, float, str | None]:
    gaz = ctx.gaz
    cands = r.places
    if r.foreign is not None and not cands:
        name = text[r.start : r.end]
        return None, (), "foreign", 1.0, f"{name!r} is in {r.foreign[1]}, not Afghanistan"
    if r.before.title is not None and not r.cue:
        name = text[r.start : r.end]
        return (
            None,
            cands,
            "distractor",
            0.0,
            f"{name!r} follows {r.before.title!r}: part of a person's name",
        )
    if r.distractor is not None:
        name = text[r.start : r.end]
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

    # what the name and its cues decide alone recurs across texts: memoised
    memo = ctx.by_cues if ctx.by_cues is not None else gaz.memo("by-cues+pool")
    sig = (r.key, r.cue, r.cue_before, r.fuzzy_score)
    hit = memo.get(sig)
    if hit is None:
        if len(memo) > 100_000:
            memo.clear()
        decided, pool = _resolve_by_cues(r, gaz)
        hit = memo[sig] = (decided, pool, None if decided is not None else _split_pool(pool))
    decided, pool, split = hit
    if decided is not None:
        return decided
    provs, inner, nested, local_places = split
    base_score = r.fuzzy_score or 1.0
    rule_prefix = "fuzzy" if r.fuzzy_score > 0 else None

    # a province and places inside it (Kunduz, Herat, Ghazni, Khost)
    if len(provs) == 1 and r.cue is None and (r.province_context or r.before.direction):
        return provs[0], cands, rule_prefix or "kind-cue", 0.85 * base_score, None
    if len(provs) == 1:
        prov = provs[0]
        if not nested and not (
            ctx.sent_provs.get(r.sentence, set()) | ctx.sent_implied.get(r.sentence, set())
        ) - {prov.adm1_pcode}:
            # Khost: the province and its capital, and a Baghlan district whose second name is
            # Khost; with no other province in the sentence the province's own reading wins
            own = [p for p in inner if p.adm1_pcode == prov.adm1_pcode]
            if own and all(
                _rule_of(r.entries, p) in ("variant", "geonames") for p in inner if p not in own
            ):
                inner, nested, local_places = own, True, _city_and_districts(own)
        if nested:
            return _province_or_city(
                r, prov, *local_places, ctx, text, cands, rule_prefix, base_score
            )
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

    # the province named right after the name: "the Tagab district of Badakhshan", "Tagab in Kapisa"
    own_prov = _OWN_PROVINCE_AFTER.match(text, r.end, min(len(text), r.end + 60))
    if own_prov is not None and hasattr(gaz, "province_named"):
        prov = gaz.province_named(own_prov.group(1))
        if prov is not None:
            hit = _one_place([p for p in pool if p.adm1_pcode == prov.adm1_pcode and p.level != "province"])
            if hit is not None:
                return hit, cands, rule_prefix or "province-in-sentence", 0.9 * base_score, None
    # the province named in the sentence; then the reading a strong rule gave the name earlier
    # in the article (a later "Jani Khel district" stays in Paktia); then the province implied
    # by the sentence, named in the article, then distance
    hit = _one_place(
        [
            p
            for p in pool
            if p.adm1_pcode in ctx.sent_provs.get(r.sentence, ()) and p.level != "province"
        ]
    )
    if hit is not None:
        return hit, cands, rule_prefix or "province-in-sentence", 0.9 * base_score, None
    settled = ctx.settled.get(r.key)
    if settled is not None:
        hit = _one_place([p for p in pool if p.adm1_pcode == settled and p.level != "province"])
        if hit is not None:
            return hit, cands, rule_prefix or "earlier-in-article", 0.9 * base_score, None
    for rule, provset in (
        ("province-in-sentence", ctx.sent_implied.get(r.sentence, set())),
        ("province-in-article", ctx.art_provs),
        ("province-in-article", ctx.art_implied),
    ):
        hits = [p for p in pool if p.adm1_pcode in provset and p.level != "province"]
        hit = _one_place(hits)
        if hit is not None:
            return hit, cands, rule_prefix or rule, 0.9 * base_score, None
    # a provincial capital against a village or district of the same name elsewhere (Faizabad):
    # the capital, unless the article names the namesake's province or places in it; then
    # distance, else the text does not say which
    capitals = [p for p in pool if p.level == "point" and p.kind == "city"]
    if len(capitals) == 1 and not provs:
        in_view = ctx.art_provs | ctx.art_implied
        cap1 = capitals[0].adm1_pcode
        if not any(p.adm1_pcode in in_view for p in pool if p.adm1_pcode != cap1):
            return capitals[0], cands, rule_prefix or "prominence", 0.6 * base_score, None
    near = _by_distance(pool, ctx)
    if near is not None:
        return near, cands, rule_prefix or "distance", 0.75 * base_score, None
    name = text[r.start : r.end]
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


def _province_or_city(r, prov, city, districts, ctx, text, cands, rule_prefix, base_score):
    """Kunduz: the province, or the city and district of the same name."""
    local = city or (districts[0] if len(districts) == 1 else None)
    if r.cue == "province":
        return prov, cands, rule_prefix or "kind-cue", 0.95 * base_score, None
    if r.before.direction or r.province_context or r.listed_provinces:
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
        or _has_city_word(stext)
    ):
        chosen = local if r.cue != "district" else (districts[0] if districts else local)
        return chosen, cands, rule_prefix or "kind-cue", 0.9 * base_score, None
    if city is None and districts:
        return prov, cands, rule_prefix or "exact", 0.8 * base_score, None
    # no cue at all: news that a capital "fell" or "was attacked" speaks of the city
    return local, cands, rule_prefix or "capital-default", 0.7 * base_score, None


_GEODESIC: dict[tuple[tuple[float, float], tuple[float, float]], float] = {}
# geopy's WGS-84 (geopy.distance.ELLIPSOIDS["WGS-84"]: semi-major axis in km, flattening)
_WGS84_KM = (6378.137, 1 / 298.257223563)


@lru_cache(maxsize=1)
def _ellipsoid():
    # geographiclib is the engine of geopy's geodesic; called directly it gives the same
    # kilometres to the last bit, without importing geopy (whose geocoders take 0.2 s to import)
    from geographiclib.geodesic import Geodesic

    return Geodesic(*_WGS84_KM)


def _geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """geopy's geodesic distance (``geodesic(a, b).km``), memoised: pairs recur across articles."""
    d = _GEODESIC.get((a, b))
    if d is None:
        if len(_GEODESIC) > 100_000:
            _GEODESIC.clear()
        g = _ellipsoid()
        d = _GEODESIC[(a, b)] = g.Inverse(a[0], a[1], b[0], b[1], g.DISTANCE)["s12"]
    return d


# The sphere of this radius (km) over the same latitudes and longitudes is the ellipsoid
# stretched by a factor between R / 6399.594 and R / 6335.439 (the extreme radii of curvature
# of WGS-84), so its great-circle distance lies within 0.51 % of the geodesic; the margin
# below is twice that.
_SPHERE_KM = 6367.47
_SPHERE_ERROR = 0.01


def _sphere_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance, within ``_SPHERE_ERROR`` of ``_geodesic_km``."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * _SPHERE_KM * math.asin(min(1.0, math.sqrt(h)))


def _nearest(scored: list[tuple[float, Place]]) -> Place | None:
    """The rule on (distance, place) pairs: the nearest, if near enough and clearly nearest."""
    scored.sort(key=lambda x: x[0])
    if not scored or scored[0][0] > DISTANCE_MAX_KM:
        return None
    if len(scored) > 1 and scored[0][0] > DISTANCE_RATIO * scored[1][0]:
        return None
    return scored[0][1]


_UNSURE = object()


def _nearest_by_bounds(approx: list[tuple[float, Place]], err: float) -> Place | None | object:
    """``_nearest`` of the exact distances, known only within ``err`` of ``approx``; else _UNSURE.

    A distance ``d`` with ``|x - d| <= err * d`` lies in ``[x / (1 + err), x / (1 - err)]``:
    the answer is sure when every comparison the rule makes holds at both ends.
    """
    xs = sorted(approx, key=lambda x: x[0])
    lo = [x / (1 + err) for x, _ in xs]
    hi = [x / (1 - err) for x, _ in xs]
    if lo[0] > DISTANCE_MAX_KM:
        return None  # every place is too far
    if hi[0] > DISTANCE_MAX_KM or (len(xs) > 1 and hi[0] >= lo[1]):
        return _UNSURE  # near the limit, or the nearest is not sure
    if len(xs) == 1 or hi[0] <= DISTANCE_RATIO * lo[1]:
        return xs[0][1]
    if lo[0] > DISTANCE_RATIO * hi[1]:
        return None  # not clearly nearer
    return _UNSURE


def _by_distance(pool: tuple[Place, ...], ctx: _Ctx) -> Place | None:
    if not ctx.anchors:
        return None
    pairs = []
    for p in pool:
        c = ctx.gaz.centroid(p.key)
        if c is None:
            continue
        # the nearest anchor by a flat-earth estimate, then one exact geodesic to it
        coslat = math.cos(math.radians(c[0]))
        nearest = min(ctx.anchors, key=lambda a: (a[0] - c[0]) ** 2 + ((a[1] - c[1]) * coslat) ** 2)
        pairs.append((c, nearest, p))
    if not pairs:
        return None
    # the geodesic takes 50 us; a great circle within 1 % of it settles all but close calls
    sure = _nearest_by_bounds([(_sphere_km(c, a), p) for c, a, p in pairs], _SPHERE_ERROR)
    if sure is not _UNSURE:
        return sure
    return _nearest([(_geodesic_km(c, a), p) for c, a, p in pairs])


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
    cands = _places_of(entries, gaz, key)  # in the order of the entries
    provs = [p for p in cands if p.level == "province"]
    prov = provs[0].adm1_pcode if len(provs) == 1 else None
    nested = prov is not None and all(p.adm1_pcode == prov for p in cands)
    adm1s = {p.adm1_pcode for p in cands}
    adm1 = next(iter(adm1s)) if len(adm1s) == 1 else None
    anchor = None
    if adm1 is not None and (len(cands) == 1 or len({p.adm2_pcode for p in cands}) == 1):
        # the first place of the name, not any member of a set: Place hashes differ from one
        # process to the next (hash(None) is an address), and so would the result
        anchor = gaz.centroid(cands[0].key)
    cache[key] = (prov, nested, adm1, anchor)
    return cache[key]


def _name_facts(
    key: str, entries: tuple[Entry, ...], gaz: Gazetteer
) -> tuple[tuple[Place, ...], tuple | None, bool]:
    """``_Raw.places``, ``.facts`` and ``.province_only`` of a matched key."""
    if not entries:
        return (), None, False
    places = _places_of(entries, gaz, key)
    return places, _facts(entries, gaz, key), all(p.level == "province" for p in places)


_MENTION_FIELDS = ("text", "start", "end", "place", "candidates", "rule", "score", "reason")
assert tuple(Mention.__dataclass_fields__) == _MENTION_FIELDS and "__slots__" not in vars(Mention)


def _mention(
    text: str,
    start: int,
    end: int,
    place: Place | None,
    candidates: tuple[Place, ...],
    rule: str,
    score: float,
    reason: str | None,
) -> Mention:
    """``Mention(...)``, twice as fast: a frozen dataclass's ``__init__`` sets each field with
    ``object.__setattr__``; this fills the instance dict at once (the same object)."""
    m = object.__new__(Mention)
    m.__dict__.update(
        text=text,
        start=start,
        end=end,
        place=place,
        candidates=candidates,
        rule=rule,
        score=score,
        reason=reason,
    )
    return m


# score -> round(score, 3); scores are products of a few factors and fuzzy ratios
_ROUNDED: dict[float, float] = {}


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place name in ``text``, resolved or not, sorted by offset and non-overlapping.

    ``Mention.text`` is always ``text[start:end]``; a level cue right after the
    name ("district", "province", "city") is part of the mention.
    """
    if not isinstance(text, str):
        raise TypeError(f"Expected the article text as a str, instead got: {type(text).__name__}.")
    raws = _find_names(text, gazetteer)
    sentences = sentence_spans(text)
    _attach_cues(text, raws, sentences, gazetteer)

    ctx = _Ctx(gazetteer, {}, {}, set(), set(), [], sentences, gazetteer.memo("by-cues+pool"))
    # first pass: what the unambiguous names say about the article's provinces
    seen_anchors: set[tuple[float, float]] = set()
    for r in raws:
        if r.foreign is not None or not r.entries:
            continue
        if r.distractor is not None and r.cue is None:
            continue
        prov, nested, adm1, anchor = r.facts
        if prov is not None and (r.cue == "province" or nested):
            ctx.sent_provs.setdefault(r.sentence, set()).add(prov)
            ctx.art_provs.add(prov)
        if adm1 is not None:
            ctx.sent_implied.setdefault(r.sentence, set()).add(adm1)
            ctx.art_implied.add(adm1)
            if anchor is not None and anchor not in seen_anchors:
                seen_anchors.add(anchor)
                ctx.anchors.append(anchor)
    out: list[Mention] = []
    last_end = -1
    for r in raws:
        place, cands, rule, score, reason = _resolve(r, ctx, text)
        if (
            place is not None
            and rule in ("province-in-sentence", "kind-cue")
            and place.level != "province"
            and r.key not in ctx.settled
            and len({p.adm1_pcode for p in cands}) > 1
        ):
            ctx.settled[r.key] = place.adm1_pcode
        if (
            place is not None
            and place.kind == "town"
            and place.key.startswith("pt:gn")
            and not (r.cue or r.before.placey)
        ):
            # a village known only from GeoNames, named where a place need not stand
            # ("Miray said ..."): too weak to colour a map
            reason = f"{text[r.start : r.end]!r} is known only as a GeoNames village and the text does not use it as a place"
            place, rule, score = None, "weak-name", 0.0
        end = r.cue_end if (r.cue_end and place is not None) else r.end
        if r.start < last_end:
            continue
        rounded = _ROUNDED.get(score)  # a few scores recur, and round() is slow
        if rounded is None:
            if len(_ROUNDED) > 10_000:  # fuzzy ratios make endless scores: keep memory bounded
                _ROUNDED.clear()
            rounded = _ROUNDED[score] = round(score, 3)
        out.append(_mention(text[r.start : end], r.start, end, place, cands, rule, rounded, reason))
        last_end = end
    out = _areas_in_districts(text, out)
    if "the district" in text:
        added = _areas_of_the_district(text, out, sentences)
        if added:
            out = sorted(out + added, key=lambda m: m.start)
    if "same name" in text:
        added = _same_name_elsewhere(text, out, sentences)
        if added:
            out = sorted(out + added, key=lambda m: m.start)
    if "(" in text:
        added = _aliases_in_text(text, out)
        if added:
            out = sorted(out + added, key=lambda m: m.start)
    if "capital" in text or "centre" in text or "center" in text:
        added = _capital_anaphora(text, out, sentences, gazetteer)
        if added:
            out = sorted(out + added, key=lambda m: m.start)
    if "airport" in text or "airfield" in text:
        extra = _airport_anaphora(text, out, sentences, gazetteer)
        if extra:
            out = sorted(out + extra, key=lambda m: m.start)
    unknown = unknown_names(text, out)
    if unknown:
        out = sorted(out + unknown, key=lambda m: m.start)
    return out


_AREA_NAME = r"[A-Z][\w'\u2019]+(?:[ -](?:[A-Z][\w'\u2019]+|e|i|ye))*"
# "fighting in Pul e Malan and Pul e Pashtun areas of the district": read backwards from the phrase
_AREAS_BEFORE_THE_DISTRICT = re.compile(
    rf"(?<![\w'\u2019-])(?P<names>{_AREA_NAME}(?:(?:,[ \t]+|,?[ \t]+and[ \t]+){_AREA_NAME})*)[ \t]+"
    r"(?:areas?|villages?|localities|locality)[ \t]+(?:of|in)[ \t]+$"
)
_AREA_SPLIT = re.compile(r",?[ \t]+and[ \t]+|,[ \t]+")


def _areas_of_the_district(
    text: str, mentions: list[Mention], sentences: list[tuple[int, int]]
) -> list[Mention]:
    """ "Pul e Malan and Pul e Pashtun areas of the district": areas of the district named
    last, in this sentence or the two before (names the gazetteer lacks, or knows elsewhere)."""
    found: list[Mention] = []
    starts = [x.start for x in mentions]
    pos = text.find("the district")
    while pos >= 0:
        at = pos
        pos = text.find("the district", pos + 12)
        if text[at + 12 : at + 13].isalpha():
            continue  # "the districts"
        a = _AREAS_BEFORE_THE_DISTRICT.search(text, max(0, at - 120), at)
        if a is None:
            continue
        si = _sentence_index(at, sentences)
        if si is None:
            continue
        lo = sentences[max(0, si - 2)][0]
        district = None
        for x in reversed(mentions[bisect_left(starts, lo) : bisect_left(starts, a.start())]):
            if x.place is not None and x.place.level == "district":
                district = x.place
                break
        if district is None:
            continue
        base = a.start("names")
        for part in _AREA_SPLIT.split(a.group("names")):
            s = text.find(part, base)
            e = s + len(part)
            base = e
            if part.split()[0].lower() in _STOP or _overlaps(s, e, mentions, starts):
                continue
            found.append(Mention(part, s, e, district, (district,), "area-in-district", 0.6, None))
    return found


_SAME_NAME_IN = re.compile(
    r"(?P<phrase>the\s+district\s+of\s+the\s+same\s+name)\s+(?:in|of)\s+(?:the\s+)?"
    r"(?:neighbou?ring\s+|nearby\s+|adjacent\s+)?(?:[a-z-]+ern\s+)?(?:province\s+of\s+)?",
    re.IGNORECASE,
)


def _same_name_elsewhere(
    text: str, mentions: list[Mention], sentences: list[tuple[int, int]]
) -> list[Mention]:
    """ "Arghandab of Zabul, not the district of the same name in neighbouring Kandahar": the
    namesake district in the province named after the phrase."""
    found = []
    starts = [x.start for x in mentions]
    for m in _SAME_NAME_IN.finditer(text):
        k = bisect_left(starts, m.end())
        if k >= len(mentions) or mentions[k].start != m.end():
            continue
        prov = mentions[k].place
        if prov is None or prov.level != "province":
            continue
        si = _sentence_index(m.start(), sentences)
        lo = sentences[si][0] if si is not None else max(0, m.start() - ANAPHOR_CHARS)
        for x in reversed(mentions[bisect_left(starts, lo) : bisect_left(starts, m.start())]):
            if x.place is None or x.place.level != "district":
                continue
            other = [
                p
                for p in x.candidates
                if p.level == "district" and p.adm1_pcode == prov.adm1_pcode and p.key != x.place.key
            ]
            if len(other) == 1:
                s, e = m.span("phrase")
                found.append(
                    Mention(text[s:e], s, e, other[0], tuple(x.candidates), "same-name", 0.8, None)
                )
            break  # the name the phrase refers to is the last district named before it
    return found


# "Mandawal (Mandol) districts": the name before the brackets is another spelling of the one inside
_ALIAS_BEFORE = re.compile(
    r"(?<![\w'\u2019-])(?P<name>[A-Z][a-z'\u2019]+(?:[ -](?:[A-Z][a-z'\u2019]+|e|i|ye))*)[ \t]?\($"
)
_ALIAS_LEVEL_AFTER = re.compile(
    r"\)\s*(?:districts?|provinces?|city|town|village|area|border\s+crossing|crossing)\b"
)
_ALIAS_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|of|at|near|from|to|into|seized|captured|took|overran|retook|recaptured)|,|\band)\s+$"
)


def _aliases_in_text(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Mandawal (Mandol) districts": a spelling the gazetteer lacks, glossed in brackets by
    one it knows, is that place here and wherever else the article writes it.

    The gloss must stand where a place stands: a level word after the brackets, or a
    preposition of place, a verb of capture or a list before the name ("Kabul (Reuters)"
    and "Amir Khan (Helmand)", an agency and a person's origin, are not glosses).
    """
    found: list[Mention] = []
    starts = [x.start for x in mentions]
    for m in mentions:
        p = m.place
        if p is None or m.start < 2 or text[m.start - 1] != "(":
            continue
        end = m.end
        if text[end : end + 1] != ")":
            continue
        a = _ALIAS_BEFORE.search(text, max(0, m.start - 40), m.start)
        if a is None or not (
            _ALIAS_LEVEL_AFTER.match(text, end, end + 25)
            or _ALIAS_PLACE_BEFORE.search(text, max(0, a.start() - 15), a.start())
        ):
            continue
        name = a.group("name")
        if name.split()[0].lower() in _STOP or len(name) < 4:
            continue
        for occ in re.finditer(rf"(?<![\w'\u2019-]){re.escape(name)}(?![\w'\u2019-])", text):
            s, e = occ.span()
            if _overlaps(s, e, mentions, starts) or any(x.start < e and s < x.end for x in found):
                continue
            found.append(Mention(name, s, e, p, (p,), "alias-in-text", 0.7, None))
    return found


def _sentence_index(pos: int, sentences: list[tuple[int, int]]) -> int | None:
    i = bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return i
    return None


def _overlaps(start: int, end: int, mentions: list[Mention], starts: list[int]) -> bool:
    """Whether [start, end) overlaps a mention; ``mentions`` sorted, ``starts`` their starts."""
    i = bisect_left(starts, end)
    return any(mentions[k].end > start for k in range(max(0, i - 3), i))


# "the(?<!\w...)" is "\bthe": a pattern that starts with a literal is searched for quickly
_AIRPORT_PHRASE = re.compile(
    r"the(?<!\w...)\s+(?:city's\s+|city\u2019s\s+|main\s+|local\s+)?(?:airport|airfield)\b"
)
_AIRPORT_OF = re.compile(r"[ \t]+(?:in|of|at|near|outside)[ \t]+(?:the[ \t]+)?")
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
        # "the airport in Kunduz city", "the airport of Herat": the place named right after
        of = _AIRPORT_OF.match(text, m.end())
        k = bisect_left(starts, of.end()) if of else len(mentions)
        named = k < len(mentions) and mentions[k].start == of.end()
        window = (
            [mentions[k]]
            if named
            else mentions[bisect_left(starts, lo) : bisect_left(starts, m.start())]
        )
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
        if (
            named
            and city is None
            and window[0].place is not None
            and window[0].place.level == "province"
        ):
            city = gaz.capital_of(window[0].place.adm1_pcode)
        if named and city is None:
            continue  # "the airport in Bagram district": not the airport of a city named before
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
        place = _airport_of(gaz, city) or city
        found.append(
            Mention(m.group(), m.start(), m.end(), place, (place,), "airport-anaphora", 0.6, None)
        )
    return found


def _airport_of(gaz: Gazetteer, city: Place) -> Place | None:
    """The airport of a city: the one in its district, else the one named after it (Herat's
    lies in Guzara district)."""
    airport = next((p for p in gaz.points_in(city.adm2_pcode or "") if p.kind == "airport"), None)
    if airport is None:
        for e in gaz.index.get(name_key(f"{city.name} airport"), ()):
            p = gaz.places[e.place_key]
            if p.level == "point" and p.kind == "airport":
                return p
    return airport


_AREA = re.compile(
    r"(?P<name>[A-Z][\w'\u2019]+(?:[ -](?:[A-Z][\w'\u2019]+|e|i|ye))*?)\s+(?:area|village|bazaar|locality|neighbou?rhood|region|valley)"
    r"\s+(?:in|of)\s+(?:the\s+)?$"
)


_CITY_DISTRICT = re.compile(
    r"\b((?:PD|P\.D\.|[Pp]olice [Dd]istrict|[Dd]istrict|[Nn]ahia|[Ss]ecurity [Dd]istrict)\s?#?\d{1,2})"
    r"\s+(?:of|in)\s+(?:the\s+)?$"
)
_AREA_HINT_WORDS = ("area", "village", "bazaar", "locality", "neighbo", "region", "valley")
_AREA_HINT = re.compile("|".join(_AREA_HINT_WORDS))
_DIGIT = re.compile(r"\d")
_IN_OF_THE = ("in", "of", "the")  # how _AREA and _CITY_DISTRICT end, but for the spaces


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
        lo = max(0, m.start - 80)  # the 80 characters before the name
        before = text[lo : m.start]
        if not before.rstrip().endswith(_IN_OF_THE):
            continue  # both patterns need "in" or "of" (perhaps then "the") right before the name
        if m.place.kind in ("city", "") and _DIGIT.search(text, max(0, m.start - 30), m.start):
            pd = _CITY_DISTRICT.search(before)
            if pd:
                # "PD4 in Lashkargah", "police district 9 of Kabul city": a city district
                s, e = m.start - len(before) + pd.start(1), m.start - len(before) + pd.end(1)
                if not overlapping(s, e) and not any(x.start < e and s < x.end for x in added[-3:]):
                    added.append(
                        Mention(text[s:e], s, e, m.place, (m.place,), "area-in-district", 0.7, None)
                    )
                continue
        if m.place.level != "district" or not _AREA_HINT.search(text, lo, m.start):
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


_CAPITAL_PHRASE_CS = (
    r"the(?<!\w...)\s+(?:provincial\s+capital|capital\s+of\s+the\s+same\s+name|province's\s+capital"
    r"|provincial\s+cent(?:re|er)|capital\s+city)\b(?!\s+of\b)"
)
_CAPITAL_PHRASE = re.compile(_CAPITAL_PHRASE_CS, re.IGNORECASE)
# on ASCII text, the lower-case pattern over the lower-cased text finds the same spans
# six times faster than IGNORECASE (which Unicode case folding makes slow)
_CAPITAL_PHRASE_LOWER = re.compile(_CAPITAL_PHRASE_CS)


def _capital_phrases(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_CAPITAL_PHRASE.finditer(text)``."""
    low = text.lower()
    if text.isascii() or _lowers_in_place(text, low):
        return (m.span() for m in _CAPITAL_PHRASE_LOWER.finditer(low))
    return (m.span() for m in _CAPITAL_PHRASE.finditer(text))


def _lowers_in_place(text: str, low: str) -> bool:
    """Whether a lower-case pattern over ``low`` (``text.lower()``) finds what the IGNORECASE
    pattern finds over ``text``, at the same offsets: each character lowered to one (not
    "\u0130", which becomes two), and none that IGNORECASE alone equates with an ASCII letter
    (dotless "\u0131" with "i", long "\u017f" with "s"). Most non-ASCII news text is only curly
    quotes and dashes."""
    return len(low) == len(text) and "\u0131" not in text and "\u017f" not in text


def _capital_anaphora(
    text: str, mentions: list[Mention], sentences: list[tuple[int, int]], gaz: Gazetteer
) -> list[Mention]:
    """ "encircled the provincial capital": the capital of the one province the sentence names."""
    # a phrase in a sentence that names no province gives nothing: most of them
    province_sentences = {
        _sentence_index(x.start, sentences)
        for x in mentions
        if x.place is not None and x.place.level == "province"
    }
    if not province_sentences:
        return []
    added = []
    starts = [x.start for x in mentions]
    for start, end in _capital_phrases(text):
        si = _sentence_index(start, sentences)
        if si is None or si not in province_sentences or _overlaps(start, end, mentions, starts):
            continue
        sent = sentences[si]
        # an appositive ("Kunduz, the provincial capital") already names the city
        k = bisect_left(starts, start) - 1
        if (
            k >= 0
            and mentions[k].place is not None
            and _APPOSITIVE_GAP.match(text[mentions[k].end : start])
        ):
            continue
        lo, hi = max(sent[0], start - ANAPHOR_CHARS), min(sent[1], end + ANAPHOR_CHARS)
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
            Mention(text[start:end], start, end, cap, (cap,), "capital-anaphora", 0.7, None)
        )
    return added


_APPOSITIVE_GAP = re.compile(r"^\s*[,\u2013\u2014-]\s*$")


def places_rows(
    text: str, gazetteer: Gazetteer, find: Callable[[str, Gazetteer], list[Mention]] | None = None
) -> list[dict]:
    """One row per mention for ``tcmap places``: what was found, what it became and why.

    ``find`` replaces ``find_mentions`` (the opt-in geocoder uses it).
    """
    rows = []
    for m in (find or find_mentions)(text, gazetteer):
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
