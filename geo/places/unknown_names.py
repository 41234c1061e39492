"""Names the text calls a district, province or border crossing that the gazetteer lacks.

"Zorabad district", "the Kamari border crossing": the words after the name say
it is a place an analyst would want on the map, yet no gazetteer entry (nor a
close misspelling) matches it. Such a name comes back as an unresolved mention
with rule ``unknown-name``, so ``tcmap places`` and the app's "Unresolved
places" page list it instead of dropping it silently; it never becomes a claim.

The search costs a few ``str.find`` calls per article: the cue words are rare,
and only the words just before each one are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from geo.models import Mention

__all__ = ["unknown_names"]

# the cue word (as it follows the name) and what the reason calls the place
_CUES: dict[str, str] = {
    "district": "district",
    "districts": "district",
    "District": "district",
    "province": "province",
    "Province": "province",
    "crossing": "border crossing",
}
# the cue words without their first letter, which case makes differ
_CUE_STEMS: dict[str, tuple[str, ...]] = {
    "istrict": ("district", "districts", "District"),
    "rovince": ("province", "Province"),
    "rossing": ("crossing",),
}
assert sorted(w for ws in _CUE_STEMS.values() for w in ws) == sorted(_CUES)
# the capitalised words (with -e-/-i- connectors or a lower-case "wa"/"e" between them)
# that end right before the cue; at most four words
_NAME = (
    r"(?:(?<=[\s(\"'\u201c])|^)"
    r"(?P<name>[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*(?:\s+(?:(?:wa|e|i|ye|-e|-i)\s+)?[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*){0,3})"
)
_NAME_BEFORE = re.compile(_NAME + r"(?P<gap>\s+(?:border\s+)?)$")
_NAME_ENDING = re.compile(_NAME + "$")
# between two names of a list ending in a plural cue: "Zorabad, Gul Tepa and Imam Sahib districts"
_LIST_SEP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
_PLURAL = frozenset({"districts"})
MAX_LISTED = 8
# first words that make a capitalised run a description, not a name
_NOT_NAMES = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "each", "every", "another", "other", "both", "either", "neither", "same", "whole", "key", "strategic", "important", "remote", "restive", "volatile", "neighbouring", "neighboring", "nearby", "adjacent", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern", "main", "major", "official", "unofficial", "new", "old", "former", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "capital", "provincial", "border", "police", "security", "taliban", "government", "afghan", "pakistani", "iranian", "tajik", "uzbek", "turkmen", "which", "what", "whose", "its", "their", "his", "her", "our", "my", "your", "all", "some", "many", "most", "several", "few", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "insurgent", "militant", "rebel", "enemy", "home", "native", "own", "entire", "rural", "urban", "mountainous", "contested", "embattled", "besieged", "beleaguered", "crossing", "district", "province", "in", "on", "at", "of", "to", "from", "by", "with", "for", "and", "or", "but", "as", "after", "before", "since", "during", "when", "while", "where", "if"]
)
_WORD = re.compile(r"[A-Za-z]+")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")
# what may stand between a name already found and the unknown one: a possessive, a space
_AFTER_NAME = re.compile(r"(?:['\u2019]s)?\s+")


def unknown_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Unresolved mentions for capitalised names before a place cue that no mention covers.

    ``mentions`` are the ones already found, sorted by offset; the result holds only
    the new ones, which overlap none of them. Before a plural cue the whole list
    is read ("Zorabad and Imam Sahib districts").
    """
    found: list[Mention] = []
    starts = [m.start for m in mentions]
    at = _cue_positions(text)
    for cue_word, kind in _CUES.items():
        for i in at[cue_word]:
            if text[i - 2 : i - 1].isalpha() and text[i - 1] == " " and kind != "border crossing":
                end = i - 1  # the commonest case, "Zorabad district"
            else:
                end = _end_of_word_before(text, i, kind)
            listed = MAX_LISTED if cue_word in _PLURAL else 1
            while end > 0 and listed:
                k = bisect_left(starts, end) - 1
                if k >= 0 and mentions[k].end >= end:
                    start, known = mentions[k].start, True  # as _name_span begins
                else:
                    span = _name_span(text, end, mentions, starts)
                    if span is None:
                        break
                    start, known = span
                if not known and not any(f.start < end and start < f.end for f in found):
                    found.append(_unknown(text, start, end, kind))
                listed -= 1
                sep = _LIST_SEP.search(text, max(0, start - 8), start) if listed else None
                end = sep.start() if sep else -1
    found.sort(key=lambda m: m.start)
    return found


def _cue_positions(text: str) -> dict[str, list[int]]:
    """Where each cue word stands as a word of its own after a space, tab or line break (not
    the start of a longer or hyphenated word), in order. One scan per stem of the cue words
    ("istrict" finds "district", "districts" and "District") rather than one per word."""
    at: dict[str, list[int]] = {cue_word: [] for cue_word in _CUES}
    for stem, cue_words in _CUE_STEMS.items():
        j = text.find(stem, 2)  # the cue word begins at j - 1, after a character
        while j >= 0:
            i = j - 1
            if text[i - 1] in " \t\n":
                for cue_word in cue_words:
                    if text.startswith(cue_word, i):
                        after = text[i + len(cue_word) : i + len(cue_word) + 1]
                        if not (after.isalpha() or after == "-"):
                            at[cue_word].append(i)
                            break  # no other cue word stands whole here
            j = text.find(stem, j + 1)
    return at


def _end_of_word_before(text: str, cue_at: int, kind: str) -> int:
    """Where the word before the cue (and before "border" for a crossing) ends; -1 if it is no letter."""
    j = cue_at - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    if kind == "border crossing" and text[max(0, j - 5) : j + 1] == "border":
        j -= 6
        while j >= 0 and text[j] in " \t\n":
            j -= 1
    return j + 1 if j >= 0 and text[j].isalpha() else -1


def _name_span(
    text: str, end: int, mentions: list[Mention], starts: list[int]
) -> tuple[int, bool] | None:
    """(start, whether a mention already covers it) of the name ending at ``end``; None if no name."""
    k = bisect_left(starts, end) - 1
    if k >= 0 and mentions[k].end >= end:
        return mentions[k].start, True  # the commonest case: a known name right before the cue
    # cheap test before the regex: the last word must be capitalised
    j = end - 1
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "-'\u2019"):
        j -= 1
    if not text[j].isupper():
        return None
    # "The district lies": a word that is no name, and the name cannot reach back past it
    # (no spaces and letter before it), so the search below would strip it and find nothing
    if (
        text[j:end].lower() in _NOT_NAMES
        and _PLAIN_WORD.fullmatch(text, j, end)
        and (k < 0 or mentions[k].end <= j)
        and not _letter_then_spaces_before(text, j)
    ):
        return None
    m = _NAME_ENDING.search(text, max(0, end - 60), end)
    if m is None:
        return None
    start = m.start("name")
    # "Kandahar's Zorabad district": keep what follows the last name already found
    if k >= 0 and mentions[k].end > start:
        if mentions[k].end >= end:
            return mentions[k].start, True
        rest = _AFTER_NAME.match(text, mentions[k].end, end)
        if rest is None:
            return mentions[k].start, True
        start = rest.end()
    name = text[start:end]
    words = _WORD.findall(name)
    # a run at the start of a sentence may begin with an ordinary word: "Fighters seized Zorabad district"
    while words and words[0].lower() in _NOT_NAMES:
        cut = name.find(words[0]) + len(words[0])
        rest_text = name[cut:]
        stripped = rest_text.lstrip()
        start += cut + (len(rest_text) - len(stripped))
        name = stripped
        words = words[1:]
    if not words or len(name) < 3 or not name[0].isupper() or words[-1].lower() in _NOT_NAMES:
        return None
    if name.isupper():
        return None  # a shouted headline word
    if name.endswith(("'s", "\u2019s", "'", "\u2019")):
        return None  # "Afghanistan's districts": the name owns the place, it does not name it
    return start, _covered(start, end, mentions, starts)


def _letter_then_spaces_before(text: str, j: int) -> bool:
    """Whether a letter, then whitespace, stand right before ``j`` (as they must for a name
    to go on before it: its words end in letters and whitespace separates them)."""
    q = j - 1
    while q >= 0 and text[q].isspace():
        q -= 1
    return 0 <= q < j - 1 and text[q].isalpha()


def _unknown(text: str, start: int, end: int, kind: str) -> Mention:
    name = text[start:end]
    reason = (
        f"the text calls {name!r} a {kind}, but the gazetteer has no {kind} or place of that name "
        "(nor a close spelling)"
    )
    return Mention(name, start, end, None, (), "unknown-name", 0.0, reason)


def _covered(start: int, end: int, mentions: list[Mention], starts: list[int]) -> bool:
    """Whether [start, end) overlaps a mention already found."""
    i = bisect_left(starts, end)
    return any(mentions[k].end > start for k in range(max(0, i - 4), i))
