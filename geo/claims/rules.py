"""The lexicon (geo/data/lexicon.toml) compiled once into the patterns every step shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.claims.nlp import lexicon


@dataclass(frozen=True)
class _Rules:
    cues: tuple[tuple[str, dict[str, Any], re.Pattern[str]], ...]
    any_cue: re.Pattern[str]
    actors: tuple[tuple[str, re.Pattern[str]], ...]
    negation: re.Pattern[str]
    non_before: re.Pattern[str]
    title_before: re.Pattern[str]
    non_after: re.Pattern[str]
    cont_before: tuple[re.Pattern[str], ...]
    cont_after: re.Pattern[str]
    cont_nouns: re.Pattern[str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    list_cont: re.Pattern[str]
    captions: re.Pattern[str]
    irrealis: re.Pattern[str]
    anaphora: re.Pattern[str]
    people_taken: re.Pattern[str]
    object_gap: re.Pattern[str]


def _alt(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    lex = lexicon()
    cues = []
    for cls, spec in lex["cues"].items():
        pattern = re.compile(r"(?<![\w-])" + _alt(spec["patterns"]) + r"(?![\w-])", re.IGNORECASE)
        cues.append((cls, spec, pattern))
    actors = []
    for side in ("government", "taliban"):
        terms = sorted(lex["actors"][side], key=len, reverse=True)
        actors.append((side, re.compile(r"\b" + _alt(terms) + r"\b", re.IGNORECASE)))
    nc, ct = lex["non_claims"], lex["containers"]
    return _Rules(
        cues=tuple(cues),
        any_cue=re.compile("|".join(p.pattern for _, _, p in cues), re.IGNORECASE),
        actors=tuple(actors),
        negation=re.compile(r"\b" + _alt(lex["negation"]["patterns"]) + r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE),
        non_before=re.compile(_alt(nc["before"]), re.IGNORECASE),
        title_before=re.compile(_alt(nc["titles"]), re.IGNORECASE),
        non_after=re.compile(_alt(nc["after"]), re.IGNORECASE),
        cont_before=tuple(re.compile(p, re.IGNORECASE) for p in ct["before"]),
        cont_after=re.compile(_alt(ct["after"]), re.IGNORECASE),
        cont_nouns=re.compile(r"\b" + _alt(ct["container_nouns"]) + r"\s+(?:of|in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE),
        scopes=tuple((scope, re.compile(_alt(p) + r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE))
                     for scope, p in lex["scopes"].items()),
        list_cont=re.compile(_alt(lex["list_continuation"]["patterns"]), re.IGNORECASE),
        captions=re.compile(_alt(lex["captions"]["patterns"]), re.IGNORECASE),
        irrealis=re.compile(r"\b" + _alt(lex["irrealis"]["patterns"]) + r"\s+(?:\w+\s+){0,3}$", re.IGNORECASE),
        anaphora=re.compile(r"(?<![\w-])" + _alt(lex["anaphora"]["patterns"]), re.IGNORECASE),
        people_taken=re.compile(_alt(lex["people_taken"]["patterns"]), re.IGNORECASE),
        object_gap=re.compile(_alt(lex["object_gap"]["words"]) + r"$", re.IGNORECASE),
    )
