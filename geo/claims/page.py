"""Page furniture that is not reporting: related-story links, captions; the lead sentence."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from geo.claims.dates import (
    find_dates,
    in_dateline,
)
from geo.claims.nlp import Sentence, lexicon
from geo.claims.rules import _alt

# A line listed under "Related:" is a headline: no longer than this.
LINK_LINE_MAX = 160


@lru_cache(maxsize=1)
def _link_heading() -> re.Pattern[str]:
    heads = _alt(lexicon()["link_lines"]["headings"])
    return re.compile(r"^[ \t]*(?:[-•*]\s*)?(?:" + heads + r")[ \t]*(?::[ \t]*(?P<inline>\S[^\n]*)?|(?=\n)|$)",
                      re.IGNORECASE | re.MULTILINE)


def link_spans(text: str) -> list[tuple[int, int]]:
    """Spans of links to other articles: "Related: ..." lines, a "Related" heading and the lines under it."""
    spans = []
    for m in _link_heading().finditer(text):
        if m.group("inline"):
            spans.append((m.start(), m.end()))  # "Related: Taliban close in on Nerkh"
            continue
        # the link lines under it: short lines up to a blank line (a long line is the article again)
        end = m.end()
        for line in re.finditer(r"\n([^\n]*)", text[m.end():m.end() + 2000]):
            body = line.group(1).strip()
            if not body or len(body) > LINK_LINE_MAX:
                break
            end = m.end() + line.end()
        spans.append((m.start(), end))
    return spans


class _CueSentences:
    """Which sentences carry an action cue, worked out only for those asked about.

    The cue pattern is the costliest regular expression; most sentences are
    never asked about (no place near them).
    """

    def __init__(self, sentences: list[Sentence], pattern: re.Pattern[str]) -> None:
        self._sentences = sentences
        self._pattern = pattern
        self._known: dict[int, bool] = {}

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or not 0 <= i < len(self._sentences):
            return False
        if i not in self._known:
            self._known[i] = bool(self._pattern.search(self._sentences[i].text))
        return self._known[i]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def _lead_span(sentences: list[Sentence], cue_sents: _CueSentences) -> tuple[int, int] | None:
    """The first sentence (of the first three) with a cue and a day-precise date."""
    for i, s in enumerate(sentences[:4]):
        if not _SENTENCE_END.search(s.text):
            continue  # a headline or a byline, not the lead
        if i in cue_sents:
            exprs = [e for e in find_dates(s.text) if not in_dateline(s.text, e)]
            if any(e.kind in ("weekday", "absolute") or (e.kind == "relative" and e.offset is not None)
                   for e in exprs):
                return (s.start, s.end)
            return None
    return None


def _is_caption(text: str, rules: Any) -> bool:
    """A photo caption: a caption word near the start, or a photo credit.

    Not a report that merely mentions photographs ("captured the district, posting photographs").
    """
    m = rules.captions.search(text)
    return m is not None and (m.start() < CAPTION_WORD_REACH or bool(_PHOTO_CREDIT.search(text)))


CAPTION_WORD_REACH = 40


_PHOTO_CREDIT = re.compile(r"\(\s*(?:photo|file\s+photo|picture|image)|(?:photo|picture|image)\s*(?:by|credit|:)|"
                           r"/\s*(?:AFP|Reuters|AP|Getty|EPA|Xinhua)\s*\)", re.IGNORECASE)
