"""Who the article says made a claim, and the coarse class of that source.

Conflict reporting attributes almost every control claim ("..., officials
said", "according to the Taliban", "a statement by the Defence Ministry").
The speaker phrase is found next to a verb of saying; its class comes from
word lists in the lexicon (``[attribution]``). Without a speaker the claim is
the reporter's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from geo.claims.nlp import lexicon
from geo.models import SourceType

_NAME_LIMIT = 90


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase (as written, trimmed) and its class."""

    who: str
    source_type: SourceType


REPORTER = Attribution("reporter", "reporter")


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
    lex = lexicon()["attribution"]
    speech = "|".join(lex["speech"])
    np_ = _np(12, commas=False)
    return {
        # "..., Interior Ministry spokesman Tareq Arian told AFP."
        # "Zabihullah Mujahid, a spokesman for the Taliban, said ..."
        "np_verb": re.compile(
            r"(?:^|[,;:“”\"]\s*|\bthat\s+|\band\s+)" + np_ + _APPOSITIVE +
            r"(?:\s*,\s*(?:however|though|also|in\s+turn)\s*,)?\s+(?:has\s+|have\s+|had\s+)?"
            r"(?:also\s+)?(?:" + speech + r")\b", re.IGNORECASE),
        # "..., said Inamuddin Rahmani, police spokesman."
        "verb_np": re.compile(r"[,“”\"]\s*(?:" + speech + r")\s+" + _np(12, commas=False)
                              + r"(?:\s*,\s*([^,;.“”\"]{2,80}?))?\s*(?:[.,;“”\"]|\s+said\b|$)", re.IGNORECASE),
        "according": re.compile(r"\baccording\s+to\s+" + _np(10, commas=False)
                                + r"(?:\s*,\s*([^,;.“”\"]{2,80}?))?\s*(?:[.,;]|$)", re.IGNORECASE),
        "statement": re.compile(r"\b(?:a|in\s+a)\s+statement\s+(?:by|from|issued\s+by)\s+" + _np(8, commas=False) + r"\s*(?:[.,;]|$)", re.IGNORECASE),
        "citing": re.compile(r"\b(?:reported|said)\s+citing\s+" + _np(6, commas=False) + r"\s*(?:[.,;]|$)", re.IGNORECASE),
        "taliban": _words(lex["taliban"]),
        "government": _words(lex["government"]),
        "third_party": _words(lex["third_party"]),
        "hedge": _words(lexicon()["attribution"]["hedges"]),
        "denial": _words(lexicon()["attribution"]["denial"]),
    }


# An apposition after a name: "Fawad Aman, a defence ministry spokesman,".
# ", a spokesman for the Taliban," or a name: "A Taliban spokesman, Qari Yousuf Ahmadi, said"
_APPOSITIVE = (r"(?:\s*,\s*((?:a|an|the)\s+[^,;“”\"]{2,80}?|(?-i:[A-Z][\w'’.-]+)(?:\s+(?-i:[A-Z][\w'’.-]+)){0,4})"
               r"\s*,)?")


def _np(n: int, *, commas: bool = True) -> str:
    """A speaker phrase of up to ``n`` words; each word must end at a separator (no backtracking blow-up)."""
    sep = r"(?:\s*,\s*|\s+)" if commas else r"\s+"
    return r"((?:[\w'’.\-]+" + sep + r"){0," + str(n - 1) + r"}?[\w'’.\-]+)"


def _words(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(items) + r")", re.IGNORECASE)


# An apposition that describes a speaker ("a spokesman for the Taliban",
# "provincial police spokesman"), not a clause ("further consolidating links").
_ROLE = re.compile(r"^(?:a|an|the)\s|^(?:provincial|district|police|deputy|senior|former|local|chief|head|acting)\b|"
                   r"spokes|minister|official|commander|governor|member|lawmaker|\bmp\b", re.IGNORECASE)
_WHEN_SAID = re.compile(r"\s+(?:early\s+|late\s+)?(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|"
                        r"today|earlier|later|last\s+week)\b.*$", re.IGNORECASE)
_AUX_END = re.compile(r"\b(?:was|were|is|are|been|be|being)$|\b(?:have|has|had|will|would|was|were|is|are)\s+\w+",
                      re.IGNORECASE)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "the source", "the official", "the ministry",
             "the statement", "the message", "officials", "sources", "the sources"}


def classify(who: str) -> SourceType:
    """Class a speaker phrase: taliban, government, third_party or reporter.

    Taliban words win over government ones ("Taliban spokesman"); a foreign
    state or an outside observer is third party.
    """
    rules = _rules()
    if not who or who == "reporter":
        return "reporter"
    if rules["taliban"].search(who):
        return "taliban"
    third = rules["third_party"].search(who)
    gov = rules["government"].search(who)
    if third and gov:
        # "Pakistani security source", "Tajik officials": a foreign state.
        foreign = re.search(r"\b(?:pakistan|tajik|iran|uzbek|turkmen|china|chinese|russia|u\.s\.|us\b|american|nato|un\b|united nations)", who, re.IGNORECASE)
        return "third_party" if foreign else "government"
    if gov:
        return "government"
    if third:
        return "third_party"
    return "third_party"


def attribute(sentence: str, *,
              previous: Attribution | Callable[[], Attribution | None] | None = None) -> Attribution:
    """The speaker of ``sentence`` and its class, else ``previous`` or the reporter.

    ``previous`` carries a speaker over from the sentence before, when this one
    is a bare continuation of a quote ("He said ..." is resolved to it).
    """
    rules = _rules()
    pronoun: str | None = None
    for key in ("according", "statement", "citing", "verb_np", "np_verb"):
        for m in rules[key].finditer(sentence):
            who = _clean(m.group(1), split=key == "np_verb")
            if not who or _AUX_END.search(who) or (key != "np_verb" and _not_a_speaker().search(who)):
                # "Heavy fighting was reported": a passive, not a speaker;
                # "confirmed the fall of Moqur since yesterday": an object.
                continue
            extra = m.group(2) if m.re.groups >= 2 else None
            if extra and _ROLE.search(extra) and not _not_a_speaker().search(extra):
                who = f"{who}, {_clean(extra, split=False) or extra.strip()}"
            if who.lower() in _PRONOUNS:
                pronoun = pronoun or who
                continue
            return Attribution(who, classify(who))
    if pronoun is not None:
        if callable(previous):
            previous = previous()
        if previous is not None and previous.who != "reporter":
            return previous
        if pronoun.lower() in ("officials", "the ministry", "the official"):
            return Attribution(pronoun, "government")
        if pronoun.lower() in ("sources", "the source", "the sources"):
            return Attribution(pronoun, "third_party")
    return REPORTER


_CLAUSES = re.compile(r";|,?\s+but\b|,\s*while\b|,\s*whereas\b|,\s*however\b", re.IGNORECASE)


def attribute_in_clause(sentence: str, at: int) -> Attribution | None:
    """The speaker named in the clause around offset ``at``, if the sentence has several clauses.

    "The Taliban claim they took the town, but officials say it is still in
    government hands": each half has its own speaker.
    """
    cuts = [0] + [m.start() for m in _CLAUSES.finditer(sentence)] + [len(sentence)]
    if len(cuts) == 2:
        return None
    for a, b in pairwise(cuts):
        if a <= at < b:
            found = attribute(sentence[a:b])
            return None if found is REPORTER else found
    return None


@lru_cache(maxsize=1)
def _not_a_speaker() -> re.Pattern[str]:
    """Words that show a phrase after a verb of saying is what was said, not who."""
    cues = [p for spec in lexicon()["cues"].values() for p in spec["patterns"]]
    dates = r"yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month"
    return re.compile(r"\b(?:" + "|".join(cues) + "|" + dates + r")\b", re.IGNORECASE)


def _clean(raw: str, *, split: bool = True) -> str:
    who = " ".join(raw.replace("“", " ").replace("”", " ").replace('"', " ").split()).strip(" ,.-")
    if split:
        # "The attack comes as the UN envoy warned": the speaker follows the subordinator.
        parts = re.split(r"\b(?:as|although|though|while|because|since|after|when|that|and\s+that)\s+", who,
                         flags=re.IGNORECASE)
        who = parts[-1].strip(" ,")
    who = _WHEN_SAID.sub("", who)  # "Officials on Tuesday said"
    who = re.sub(r"\s+(?:later|also|earlier|again|then|now|previously|\w+ly)$", "", who, flags=re.IGNORECASE)
    if not who or re.search(r"\b(?:their|its|his|her|the|a|an|many|some|all|and|but|or)$", who, re.IGNORECASE):
        return ""  # "many of their claims": a noun, not a verb of saying
    who = re.sub(r"^(?:and|but|while|as|that|also|which|who|whom|where)\s+", "", who, flags=re.IGNORECASE)
    who = re.sub(r"\s*,?\s*\b(?:however|though|also|meanwhile|in turn)$", "", who, flags=re.IGNORECASE)
    return who[:_NAME_LIMIT]


def hedged(sentence: str) -> bool:
    """Whether the sentence hedges its claim ("claimed", "reportedly", "unconfirmed")."""
    return bool(_rules()["hedge"].search(sentence))


def denies(sentence: str) -> bool:
    """Whether the sentence reports a denial ("denied the reports", "rejected it")."""
    return denial_at(sentence) is not None


def denial_at(sentence: str) -> int | None:
    """Where the first denial of the sentence starts, or None."""
    m = _denial_pattern().search(sentence)
    return m.start() if m else None


@lru_cache(maxsize=1)
def _denial_pattern() -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + "|".join(lexicon()["attribution"]["denial"]) + r")\s+(?:as\s+\w+\s+)?"
        # "denied it", "rejected the claims" -- not "denied that Lashkar Gah had fallen", which says what
        r"(?:it|this|them|that(?=\s*(?:[,.;:]|$))|th(?:e|ese|at|is|ose)\s+(?:\w+\s+)?(?:claims?|reports?|news|allegations?|rumou?rs?))\b",
        re.IGNORECASE)
