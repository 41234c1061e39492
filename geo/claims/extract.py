"""Control claims from articles: who holds which place, since when, says whom.

The extractor reads only sentences that name a place *and* carry an action
cue (``[cues]`` in ``geo/data/lexicon.toml``). In such a sentence each cue is
tied to the places it governs: the object that follows an active verb
("captured Nerkh"), the subject before a passive or intransitive one ("Nerkh
fell to the Taliban"), a whole coordinated list ("Bangi and Khwaja Ghar").
The controller comes from the cue and its actor ("security forces regained"
vs "the Taliban regained"); places that are only references (distances,
destinations, people's titles, the province a district lies in) are dropped.

Lists come in three shapes: coordinated ("Bangi and Khwaja Ghar", also across
an appositive), inverted ("among the districts that fell were A, B and C"),
and bulleted lines under an intro that carries the claim ("The districts that
fell are:"). Between a place and its verb the extractor skips appositives and
relative clauses, and never binds a verb to a place named inside a relative
clause, after "from" (origins), or in a dateline ("KABUL, July 5 (Reuters) -").

Some sentences are not reporting: captions, and links to other articles
("Related: ...", a "Related" heading and the short lines under it; a "READ
MORE" headline is kept, as the reference sets count it). A headline count
("Taliban Take Two Uruzgan Districts") names no province claim; a place with
its own verb right after it ("..., Dehrawud Under Siege") is that verb's
subject. Foreign forces leaving a place ("U.S. outposts in Barmal were later
abandoned") hand it to neither side. A date in a relative clause after the
cue ("retook Alishang, which the Taliban had overrun last month") dates that
clause's event, not the claim.

Public surface: ``load_nlp``, ``extract_article``, ``extract`` (results are ``geo.models.ArticleResult``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from geo.claims.attribution import (
    REPORTER,
    Attribution,
    attribute,
    attribute_in_clause,
    denial_at,
    denies,
    hedged,
)
from geo.claims.counts import find_counts
from geo.claims.dates import (
    ResolvedDate,
    find_dates,
    in_dateline,
    years_in,
)
from geo.claims.event_dates import _DAY_RIGHT_AFTER, align_event_dates, claim_date, dedupe
from geo.claims.nlp import Sentence, lexicon, load_nlp, split_sentences
from geo.models import Article, ArticleResult, Claim, CountClaim, Mention, Place

__all__ = ["claim_date", "extract", "extract_article", "load_nlp"]

# How far (in words) a place may sit from the cue that governs it.
MAX_OBJECT_GAP = 9
MAX_SUBJECT_GAP = 11
# An entry and a taking of one place this many days apart are one event.
ENTRY_TAKING_DAYS = 3
MAX_INCLUDING_GAP = 16
# An anaphor ("the district") looks back this many sentences for its place.
ANAPHOR_REACH = 3
CLAIMED_REACH = 5
# A line listed under "Related:" is a headline: no longer than this.
LINK_LINE_MAX = 160
# Confidence taken off a claim read from a link to another article.
LINK_PENALTY = 0.2
# A denial ("the ministry denied the reports") answers claims this many sentences back.
DENIAL_REACH = 2


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


@dataclass(frozen=True)
class Cue:
    """An action cue in a sentence (offsets are in the sentence)."""

    cls: str
    start: int
    end: int
    text: str
    mode: str
    controller: str
    default: str
    strength: int
    passive: bool = False
    negated: bool = False
    irrealis: bool = False

    @property
    def nominal(self) -> bool:
        """A noun phrase cue ("the capture of", "fall of"): its agent follows "by"."""
        return bool(_NOMINAL.match(self.text))


@dataclass
class Target:
    """A place named in a sentence that a cue may govern."""

    start: int
    end: int
    text: str
    place: Place
    mention: Mention | None
    excluded: str | None = None
    container: bool = False
    group: int = -1
    anaphor_of: Any = None
    base: int = 0  # where the sentence of the offsets starts in the article
    noun: str = ""  # what the text calls it: "town" in "the border town of Spin Boldak"
    claimed: bool = False  # a claim was made on it in its sentence
    seen_at: int = -1  # the latest sentence that named it or pointed back to it with a claim
    scope: str | None = None  # a province scope the text gives after the name ("Kunduz districts fall")

    def named(self) -> Target:
        """The target that names the place: itself, or what its anaphor points back to."""
        t = self
        while t.anaphor_of is not None:
            t = t.anaphor_of
        return t


# ---------------------------------------------------------------------------
# Compiled rules


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


# Text allowed between the places of one list ("Bangi and Khwaja Ghar",
# "Chahab, Darkad districts in Takhar province and ...").
_GLUE = re.compile(
    r"^(?:\s|,|\band\b|&|\bor\b|\bas well as\b|\bdistricts?\b|\bprovinces?\b|\bareas?\b|\btowns?\b|"
    r"\bcity\b|\bcities\b|\bborder\b|\bcrossings?\b|\bports?\b|\bcustoms\b|\bin\b|\bof\b|\bthe\b|['’]s\b|"
    r"\bincluding\b|\brespectively\b|\bplus\b|\balso\b|\bnorthern\b|\bsouthern\b|\beastern\b|\bwestern\b|"
    r"\bcentral\b|\bneighbou?ring\b|\bkey\b|\bstrategic\b|\bcapitals?\b|\bprovincial\b|\bcentres?\b|\bcenters?\b|"
    r"\bat\b|\bthe\b|\bboth\b|\bdistrict\s+centers?\b|\bborder\s+towns?\b|\bcrossing\s+points?\b|\(|\)|-|–|"
    # "the Aqina port on the Turkmen border in Faryab, the Dand-e-Patan crossing": where it lies, inside a list
    r"\bon\s+the\s+(?:[\w-]+\s+)?(?:border|frontier)(?:\s+with\s+[\w-]+)?\b|"
    # "overran Muqur district on Monday and Qadis district on Tuesday": each with its day
    r"\b(?:late\s+|early\s+)?on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|night|evening|afternoon))?\b)*$",
    re.IGNORECASE,
)
# "Mazar-i-Sharif, the main city in the north, and Sharana": an appositive inside a list.
_APPOSITIVE_AND = re.compile(
    r"^\s*,\s*(?:the|a|an|its|their|long|once|home|(?:just\s+|about\s+|some\s+)?(?:[\d.]+\s*(?:km|kilomet(?:re|er)s|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?)\b(?:(?!\b(?:said|says|told|after|before|when|while|where|which|who|"
    r"but|as|since)\b)[^,;:.“”\"()])+,\s*(?:and|as\s+well\s+as)\s+(?:the\s+)?$", re.IGNORECASE)
# Text that ends the reach of a cue: a new clause, a quote, a new statement.
_BOUNDARY = re.compile(
    r"[;:!?“”\"]|\.\s|\s[–—]\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bhowever\b|\bafter\b|\bbefore\b|"
    r"\bwhen\b|\bsince\b|\bwhere\b|\bamid\b|\bsaid\b|\bsays\b|\btold\b|\baccording\b|\bthough\b|\bmeanwhile\b|"
    r"\bbecause\b|(?<!\bwell\s)(?<!\bsuch\s)\bas\b(?!\s+well\b)|\bthen\b|\bwho\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|gets|got)\s+(?:\w+ly\s+|all\s+|also\s+|now\s+|since\s+|later\s+)?$", re.IGNORECASE)
_NOMINAL = re.compile(r"^(?:fall|fell|fallen|capture|seizure|takeover|take\s*over|recapture|re-capture|clearance|"
                      r"liberation|overrunning)\b.*\bof$", re.IGNORECASE)
# "the Islam Qala and Spin Boldak ports taken earlier": a past participle right after place nouns is passive.
_PARTICIPLE = re.compile(r"^(?:taken|captured|seized|overrun|retaken|recaptured|occupied|conquered|abandoned|evacuated)$",
                         re.IGNORECASE)
_REDUCED_REL = re.compile(r"\b(?:ports|districts|crossings|cities|towns|capitals|provinces|areas|bases|posts|"
                          r"district\s+cent(?:re|er)s)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "calls on the soldiers still at the base to surrender": an appeal, not a fact
_APPEAL = re.compile(r"\b(?:call(?:s|ed|ing)?\s+on|urg(?:e|es|ed|ing)|appeal(?:s|ed|ing)?\s+to|ask(?:s|ed|ing)?|"
                     r"demand(?:s|ed|ing)?|invit(?:e|es|ed|ing))\s+[^.;:!?]{0,100}?\bto\s+$", re.IGNORECASE)
_FIGURES_FALL = re.compile(r"\b(?:prices?|production|output|trade|imports?|exports?|revenues?|incomes?|wages|sales|"
                           r"rates?|values?|levels?|numbers|figures|temperatures?|currency|afghani|demand|supply|"
                           r"attendance|enrol?ments?)\s+(?:\w+\s+){0,3}?(?:have\s+|has\s+|had\s+)?(?:also\s+)?$",
                           re.IGNORECASE)
# "captured by the Taliban" is passive; "in control of Nerkh by Sunday evening" is a time
_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?by\b(?!\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|then|now|noon|midday|"
                 r"nightfall|dawn|dusk|evening|morning|night|tonight|tomorrow|late|early|mid|the\s+(?:end|time|evening|"
                 r"morning|afternoon|weekend|night)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d))",
                 re.IGNORECASE)
_PROVINCIAL_CAPITAL = re.compile(
    r"\b(?:the|its|their)\s+(?:(?:[a-z]+ern|key|strategic)\s+)?(?:provincial\s+capital|provincial\s+centre|"
    r"provincial\s+center|capital\s+city|capital(?=\s+of\b))", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
_EXCEPT = re.compile(r"\b(?:except|except\s+for|apart\s+from|other\s+than|save\s+for|but\s+not)\s+(?:the\s+|for\s+)?$",
                     re.IGNORECASE)
# "Mianshin in Kandahar", "Arghandab district of Kandahar": where the place before lies.
_WHERE_IT_LIES = re.compile(
    r"(?:\bin|\b(?:district|districts|province|city|town)\s+of)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$", re.IGNORECASE)
# "fallen to the Taliban, including Dasht-e Archi": the list names places of the claim.
_INCLUDING = re.compile(r"\b(?:including|among\s+them|such\s+as|namely|notably|in\s+addition\s+to|besides|"
                        r"along\s+with|together\s+with|(?:preceded|followed)\s+(?:\w+\s+){0,4}?by(?:\s+th(?:at|ose)\s+of)?)\s+(?:the\s+)?$",
                        re.IGNORECASE)
# Fighting and sieges govern only a place named right after them ("fighting in
# Kunduz", "encircled the city of Kunduz"), not "an attack on an outpost in X".
_CONTEST_GAP = re.compile(
    r"^\s*(?:control\s+(?:of|over)\s+)?(?:(?:some|several|many|large)\s+)?(?:parts\s+of\s+)?(?:the\s+)?(?:(?:[a-z]+ern|key|strategic|provincial)\s+)?(?:(?:city|town|district|provincial\s+capital|"
    r"capital|center|centre|outskirts|fringes|edge|gates|cities|towns|districts|provincial\s+capitals)\s+(?:of\s+)?(?:the\s+)?)?$", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Cues


def find_cues(sentence: str) -> list[Cue]:
    """Every action cue in a sentence, longest first where two overlap."""
    return list(_find_cues(sentence))


@lru_cache(maxsize=512)
def _find_cues(sentence: str) -> tuple[Cue, ...]:
    # Cached: a sentence is looked at for parsing, claims and list continuations.
    rules = _rules()
    found: list[Cue] = []
    for cls, spec, pattern in rules.cues:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            before = sentence[max(0, s - 40):s]
            passive = False
            if (spec.get("controller") == "agent" or spec.get("mode") == "both") \
                    and spec.get("mode") in ("both", "object") \
                    and not _NOMINAL.match(m.group(0)):
                # "are entering Kabul" is progressive, not passive
                progressive = m.group(0).split(None, 1)[0].lower().endswith("ing")
                passive = bool(not progressive and _PASSIVE_BEFORE.search(before)) \
                    or bool(_BY.match(sentence[e:e + 40])) \
                    or bool(_PARTICIPLE.match(m.group(0)) and _REDUCED_REL.search(before))
            negated = bool(rules.negation.search(before))
            irrealis = bool(rules.irrealis.search(sentence[max(0, s - 50):s])) \
                or bool(_APPEAL.search(sentence, max(0, s - 120), s))
            if cls == "take" and rules.people_taken.search(before):
                continue
            if cls == "fall" and _FIGURES_FALL.search(before):
                continue  # "livestock prices have fallen in Maymana": figures, not places, fall
            if cls == "situation_under_control" and "situation" not in sentence[max(0, s - 60):s].lower():
                continue  # "the fire in the bazaar was under control": only "the situation in X" is X
            found.append(Cue(cls, s, e, m.group(0), spec.get("mode", "object"),
                             spec.get("controller", "contested"), spec.get("default", ""),
                             int(spec.get("strength", 1)), passive, negated, irrealis))
    found.sort(key=lambda c: (c.start, -(c.end - c.start), -c.strength))
    kept: list[Cue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return tuple(kept)


def actor_side(text: str, *, last: bool) -> str | None:
    """The side of the actor named in ``text`` (the nearest to its end if ``last``)."""
    best: tuple[int, int, str] | None = None
    for side, pattern in _rules().actors:
        for m in pattern.finditer(text):
            key = (m.end() if last else -m.start(), m.end() - m.start())
            if best is None or key > best[:2]:
                best = (*key, side)
    if best is None:
        return None
    # "militias loyal to the government", "pro-government": the longest wins
    # already; a possessive "Taliban's enemies" is rare enough to ignore.
    return best[2]


def cue_controller(cue: Cue, sentence: str, clause_start: int, doc: Any = None) -> str | None:
    """Who holds the place after this cue, from the cue and its actor.

    With ``doc`` (the sentence parsed by spaCy) the actor is the verb's
    grammatical subject or passive agent; without, the nearest actor before
    the verb (or after "by").
    """
    if cue.irrealis:
        return None
    if cue.controller in ("taliban", "government", "contested"):
        if cue.negated and cue.controller != "contested":
            return None
        if cue.controller == "contested" and (cue.negated or _NO_BEFORE.search(sentence, max(0, cue.start - 30), cue.start)
                                              or re.search(r"\b(?:not|no|never)\b|n't\b", cue.text, re.IGNORECASE)):
            return None  # "there are no clashes in Jalalabad", "is not under siege"
        return cue.controller
    if cue.controller == "opposite":
        side = actor_side(cue.text, last=False)
        return _OPPOSITE.get(side or "", None) if not cue.irrealis else None
    if cue.controller == "after":
        if re.search(r"\btheir\b", cue.text, re.IGNORECASE):
            # "government forces were pushed back and only the compound remained under their control"
            side = actor_side(sentence[:cue.start], last=True)
            return side if side is not None else "speaker"
        if re.search(r"\b(?:[Oo]ur|[Ww]e|us)\b", cue.text):  # "US air power" is not "us"
            return "speaker"
        window = sentence[cue.start:min(len(sentence), cue.end + 60)]
        stop = re.search(r"[,;.:“”\"]", window[cue.end - cue.start:])
        if stop:
            window = window[:cue.end - cue.start + stop.start()]
        if cue.cls == "fall" and not _TO_SIDE_END.search(cue.text):
            # "the first district to fall since foreign troops began ...": the side
            # is only the one the place fell to.
            to = _TO_SIDE.match(window, cue.end - cue.start)
            window = window[to.start(1):] if to else cue.text
        side = actor_side(window, last=False)
        if side is None and cue.cls == "hold":
            # "under the control of Mawlawi X, a commander who defected to the Taliban"
            loyal = _LOYAL_TO.match(sentence, cue.start + len(window))
            side = actor_side(loyal.group(1), last=False) if loyal else None
        side = side or cue.default or None
        if cue.negated and cue.cls == "hold" and side in _OPPOSITE and actor_side(window, last=False):
            # "the only province not under Taliban control": the other side holds it;
            # "not yet / not fully under ... control" leaves it contested.
            before = sentence[max(0, cue.start - 25):cue.start]
            return "contested" if re.search(r"\b(?:yet|fully|completely|entirely)\b", before + cue.text, re.IGNORECASE) \
                else _OPPOSITE[side]
    else:
        to = _HANDED_TO.match(sentence, cue.end) if _HANDING.match(cue.text) else None
        if to is not None and not cue.passive and actor_side(to.group(1), last=False):
            # "handed over Bagram to Afghan forces", "surrendered the base to the Taliban": the receiver holds it
            return None if cue.negated else actor_side(to.group(1), last=False)
        if cue.cls in ("withdraw", "withdraw_troops") and _foreign_left(sentence, clause_start, cue):
            return None  # "U.S. forces built outposts in Barmal that were later abandoned"
        side = parsed_side(doc, cue) if doc is not None else None
        if side is None and (cue.passive or cue.nominal):
            m = _BY.match(sentence[cue.end:cue.end + 60])
            side = actor_side(sentence[cue.end:cue.end + 70], last=False) if m else None
        elif side is None:
            side = actor_side(sentence[clause_start:cue.start], last=True)
        side = side or cue.default or None
    if side is None:
        return None
    if cue.cls in ("withdraw", "withdraw_troops"):
        side = {"government": "taliban", "taliban": "government"}[side]
    if cue.cls == "enter" and side == "taliban":
        return "contested"
    if cue.negated:
        return "contested" if cue.cls in ("take", "enter") else None
    return side


@lru_cache(maxsize=1)
def _foreign() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + _alt(lexicon()["foreign_actors"]["patterns"]) + r"(?![\w-])", re.IGNORECASE)


def _foreign_left(sentence: str, clause_start: int, cue: Cue) -> bool:
    """Whether the one leaving is a foreign force: named last before the cue (or after "by")."""
    start = 0 if cue.passive else clause_start
    before = sentence[start:cue.start]
    last = None
    for m in _foreign().finditer(before):
        last = m
    if cue.passive and _BY.match(sentence[cue.end:cue.end + 60]):
        return bool(_foreign().search(sentence[cue.end:cue.end + 60]))
    if last is None:
        return False
    rest = before[last.end():]
    return not any(rx.search(re.sub(r"^\W*(?:forces|troops|soldiers|military|army)\b", "", rest))
                   for _, rx in _rules().actors)


_LOYAL_TO = re.compile(
    r"\s*,\s*(?:a|an|the)\b[^,.;:“”\"]{0,60}?\b(?:who|which|that)\s+(?:had\s+|has\s+|have\s+)?(?:since\s+|recently\s+|later\s+)?"
    r"(?:defected|switched\s+sides|went\s+over|joined|pledged\s+(?:his\s+|their\s+)?allegiance|is\s+loyal|are\s+loyal|was\s+loyal)"
    r"\s+(?:to\s+)?((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)", re.IGNORECASE)
_HANDING = re.compile(r"^(?:hand|surrender)", re.IGNORECASE)
_HANDED_TO = re.compile(r"[^,;.:]{0,60}?\bto\s+((?:the\s+)?(?:[\w'’-]+\s+){0,4}[\w'’-]+)")
_NO_BEFORE = re.compile(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_TO_SIDE_END = re.compile(r"\b(?:to|into|under|in|by)$", re.IGNORECASE)
_TO_SIDE = re.compile(r"(?:\s+[\w'’-]+){0,4}?\s+((?:to|into|under|by)\b.*)$", re.IGNORECASE)
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def parsed_side(doc: Any, cue: Cue) -> str | None:
    """The side of the verb's subject (active) or agent (passive) in a parsed sentence."""
    span = [tok for tok in doc if cue.start <= tok.idx < cue.end and tok.pos_ in ("VERB", "AUX", "NOUN")]
    # "have held": the main verb carries the subject, not the auxiliary before it
    verb = next((tok for tok in span if tok.pos_ == "VERB"), span[0] if span else None)
    if verb is None:
        return None
    for _ in range(4):
        agent = [c for c in verb.children if c.dep_ == "agent"]
        if agent:
            objs = [g for g in agent[0].children if g.dep_ == "pobj"]
            if objs:
                return actor_side(_phrase(objs[0]), last=False)
        subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subj and subj[0].dep_ == "nsubj":
            side = actor_side(_phrase(subj[0]), last=False)
            if side is not None or subj[0].pos_ != "PRON":
                return side
            if subj[0].lower_ not in ("who", "which", "that"):
                return None
            # "the Taliban, who captured ...": the relative pronoun's noun.
            return actor_side(_phrase(verb.head), last=False) if verb.dep_ == "relcl" else None
        if subj:  # a passive subject without "by": nothing said about the actor
            return None
        if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def _phrase(tok: Any) -> str:
    """A noun with its modifiers, without relative clauses or appositions."""
    keep = [t for t in tok.lefts if t.dep_ in ("amod", "compound", "det", "poss", "nmod", "case")]
    tail = [t for t in tok.rights if t.dep_ in ("prep",) and t.lower_ in ("of", "loyal")]
    words = [t.text for t in keep] + [tok.text]
    for t in tail:
        words += [w.text for w in t.subtree]
    return " ".join(words)


# ---------------------------------------------------------------------------
# Targets


def _targets(sentence: Sentence, mentions: list[Mention], capital_of: _Capitals,
             earlier: list[Target] | None = None, gazetteer: Any = None) -> list[Target]:
    """The places of a sentence, marked as references, containers, list groups.

    ``earlier`` are places of the sentences just before, for an anaphor ("the
    district", "the area") in a sentence that names none of its own.
    """
    text = sentence.text
    out: list[Target] = []
    for m in mentions:
        if m.place is None or m.start < sentence.start or m.end > sentence.end:
            continue
        out.append(Target(m.start - sentence.start, m.end - sentence.start, m.text, m.place, m,
                          base=sentence.start))
    # "the provincial capital", "the capital of Badghis": the capital of the
    # province named around it.
    provinces = [t for t in out if t.place.level == "province"]
    for pm in _PROVINCIAL_CAPITAL.finditer(text):
        following = [t for t in provinces if t.start >= pm.end() and t.start - pm.end() < 40]
        near = following or sorted(provinces, key=lambda t: abs(t.start - pm.start()))
        if not near:
            continue
        cap = capital_of.get(near[0].place.adm1_pcode)
        if cap is not None and not any(t.start <= pm.start() < t.end for t in out):
            out.append(Target(pm.start(), pm.end(), pm.group(0), cap, None, base=sentence.start))
    out.sort(key=lambda t: t.start)
    for t in out:
        if t.mention is not None and t.place.kind in ("city", "town") and _GENERIC_MENTION.match(t.text) \
                and not any(0 <= o.start - t.end < 40 for o in out):
            # "the airport" the mention finder tied to the last city named: the city the text is about.
            ref = _antecedent(t.text, [o for o in (earlier or []) if o.claimed])
            if ref is not None:
                t.place = ref.place
    rules = _rules()
    dateline = _DATELINE_PLACE.match(text)
    for t in out:
        before = text[max(0, t.start - 90):t.start]
        after = text[t.end:t.end + 60]
        called = _CALLED_BEFORE.search(before) or _CALLED_AFTER.match(after)
        if called:
            t.noun = called.group(1).lower()
        if _PROVINCE_DISTRICTS.match(after) and gazetteer is not None and hasattr(gazetteer, "province_named") \
                and (t.place.level == "province" or t.mention is not None):
            # "Kunduz districts collapse": some districts of the province, not one named district.
            prov = t.place if t.place.level == "province" else gazetteer.province_named(t.text)
            if prov is not None:
                t.place, t.scope = prov, "part"
                if _COUNTED.search(before):
                    t.excluded = "unnamed district"  # "three more Ghazni districts fall": unnamed places
        elif re.match(r"^\s+districts\s*,?\s+(?-i:[A-Z])", after) and gazetteer is not None \
                and hasattr(gazetteer, "province_named") and t.mention is not None \
                and gazetteer.province_named(t.text) is not None:
            t.excluded = "container"  # "Kunduz districts Imam Sahib and Khanabad": where the names lie
        if t.place.level == "province" and re.match(r"^\s+districts\b", after, re.IGNORECASE) \
                and _COUNTED.search(before):
            t.excluded = "unnamed district"  # "Taliban Take Two Uruzgan Districts, Dehrawud ...": a count
        if t.place.level == "province" and _IS_CAPITAL.match(after):
            # "Samangan is the sixth provincial capital to fall": the name stands for the city.
            cap = capital_of.get(t.place.adm1_pcode)
            if cap is not None:
                t.place = cap
        capital_after = _CAPITAL_AFTER.match(after) if t.place.level == "province" else None
        if capital_after is not None:
            # "Jawzjan capital falls": the capital; "Jawzjan capital Shibirghan falls": the name after it.
            if capital_after.group(1):
                t.excluded = "container"
            else:
                cap = capital_of.get(t.place.adm1_pcode)
                if cap is not None:
                    t.place = cap
        if t.place.level == "province" and _CITY_OF.search(before):
            # "the northern city of Kunduz": the province's capital, not the province.
            cap = capital_of.get(t.place.adm1_pcode)
            if cap is not None:
                t.place = cap
        if dateline and t.start < dateline.end("place"):
            t.excluded = "dateline"  # "KUNDUZ/KABUL, Oct 4 -": where the reporter files from
        elif t.place.level == "province" and (_UNNAMED_DISTRICT.match(text, t.end)
                                              or re.search(r"\sdistrict$", t.text, re.IGNORECASE)):
            t.excluded = "unnamed district"  # "Taliban overrun Zabul district": one district of Zabul
        elif _ORIGIN.search(before) and not _WITHDREW_FROM.search(before):
            t.excluded = "origin"  # "reinforcements flown in from Kabul": where they came from
        elif rules.title_before.search(before) and not _CLAIMING_RELATIVE.match(after):
            t.excluded = "title"  # "intelligence chief in Bamyan": a person's post, no antecedent for "the district"
        elif rules.non_before.search(before) and not _CLAIMING_RELATIVE.match(after) \
                and not (t.place.kind in ("airport", "base")
                                                      and _FELL_BACK_TO.search(before)):
            # (not "retreated to the Kandahar airport": where the side that pulls back holds out)
            t.excluded = "reference"
        elif rules.non_after.match(after):
            t.excluded = "title"
        elif _FRONTED.match(text[:t.start]) and _SPEAKER_AFTER.match(after):
            t.excluded = "speaker's place"  # "In Kabul, the ministry said ...": where the speaker is
        if t.place.level == "province":
            share = _district_share(before, after)
            t.container = (share is None or share[0] * 2 <= share[1]) and _is_container(before, after, t, out)
    group = 0
    for i, t in enumerate(out):
        if i:
            glue = text[out[i - 1].end:t.start]
            if not _GLUE.match(glue) and not _APPOSITIVE_AND.match(glue):
                group += 1
            elif _WHERE_IT_LIES.search(text, max(out[i - 1].start, t.start - 30), t.start) \
                    and not re.search(r"\b(?:and|or)\s+(?:also\s+)?in\s+(?:the\s+)?$", glue, re.IGNORECASE):
                # (not "around Lashkar Gah and in Nad-e-Ali": two places of one verb)
                # "Mianshin in Kandahar", "Wesh in Kandahar": where the first lies.
                t.container = True
        t.group = group
        prev = out[i - 1] if i else None
        if prev is not None and t.place.level == "province" and prev.place.level != "province" \
                and prev.place.adm1_pcode == t.place.adm1_pcode \
                and re.fullmatch(r"\s*,\s*", text[prev.end:t.start]) \
                and re.match(r"\s*(?:$|[,;:.)]|province\b)", text[t.end:], re.IGNORECASE):
            # "Khwaja Ghar, Takhar": the province the place before lies in.
            t.container = True
        if prev is not None and prev.group == t.group and prev.excluded in ("reference", "origin") \
                and t.excluded is None and _LIST_JOIN.fullmatch(text[prev.end:t.start]):
            # "families fled towards Khan Abad and Taloqan": the list shares its first place's role
            t.excluded = prev.excluded
    _province_lists(text, out, gazetteer)
    _capital_lists(text, out, capital_of)
    # Anaphors: "overran the district headquarters", "captured the area".
    for am in rules.anaphora.finditer(text):
        if any(t.start <= am.start() < t.end or am.start() <= t.start < am.end() for t in out):
            continue
        if _NAMED_AFTER_KINDS.search(am.group(0)) and any(0 <= t.start - am.end() < 120 and not t.excluded
                                                          for t in out):
            continue  # "the governor's compound and the police headquarters in Kunduz city": named after it
        if _NEW_REFERENT.match(text, am.end()) or rules.non_before.search(text[max(0, am.start() - 90):am.start()]):
            # "the district that surrounds its airport" is another place; "west of the city" a reference.
            continue
        if am.group(0).lower().endswith("province"):
            # "the province": the province of the place named last.
            before_it = [t for t in out if t.end <= am.start()] or list(earlier or [])
            if not before_it or gazetteer is None or not hasattr(gazetteer, "province") \
                    or _IN_THE.search(text, max(0, am.start() - 50), am.start()) \
                    or _OF_THE_PROVINCE.search(text, max(0, am.start() - 40), am.start()):
                continue  # "the first district in the province to fall": a container
            try:
                prov = gazetteer.province(before_it[-1].place.adm1_pcode)
            except KeyError:
                continue
            group += 1
            out.append(Target(am.start(), am.end(), am.group(0), prov, None, group=group, base=sentence.start,
                              anaphor_of=before_it[-1]))
            continue
        # A place named as a reference earlier in the same sentence can still be
        # what "the city" points back to ("within a kilometre of Kunduz ... had
        # not entered the city").
        prior = [t for t in out if t.end <= am.start() and t.excluded in (None, "reference")
                 and not t.container and t.place.level != "province" and t.anaphor_of is None]
        ref = _antecedent(am.group(0), prior)
        if ref is None and am.group(0).lower() == "it" and _PLACE_NOUN.search(text, 0, am.start()):
            # "the main crossing ... remains under their control after they seized it":
            # "it" is the unnamed place of its own sentence, not one named before.
            continue
        if ref is None and earlier:
            ref = _antecedent(am.group(0), earlier)
        if ref is None:
            continue
        group += 1
        out.append(Target(am.start(), am.end(), am.group(0), ref.place, ref.mention, base=sentence.start,
                          group=group, container=False))
        out[-1].excluded = None
        out[-1].anaphor_of = ref  # type: ignore[attr-defined]
    out.sort(key=lambda t: t.start)
    return out


# A dateline opening a sentence: "KABUL, July 5 (Reuters) -", "GHAZNI CITY (Pajhwok):".
_DATELINE_PLACE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.\-]{2,}(?:[ /][A-Z][A-Z'’.\-]+)*)(?:\s*\[[^\]]{1,30}\])?"
    r"(?:\s*,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:\s*,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^)\n]{1,25}\))?\s*(?:--|[:\-–—])\s")
_ORIGIN = re.compile(
    r"\b(?:flown|flew|fly|brought|sent|deployed|dispatched|airlifted|transferred|moved|rushed|arrived|arriving|"
    r"came|coming|reinforcements?|troops|forces|commandos|fled|escaped|withdrawn|redeployed)\s+(?:in\s+|back\s+)?"
    r"from\s+(?:the\s+)?(?:[\w'’-]+\s*(?:,|\band\b)\s*){0,3}$", re.IGNORECASE)
# "withdrew the last troops from Musa Qala": the place left, not where troops came from.
_WITHDREW_FROM = re.compile(r"\b(?:withdr(?:ew|awn|aw|aws|awing)|pull(?:ed|s|ing)?\s+out)\s+(?:[\w'’-]+\s+){0,4}?"
                            r"(?:troops|forces|soldiers|personnel|garrison)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
# Anaphors that stand for a named place only when no place is named after them
# ("seized its headquarters in Kunduz city", "the airport of Kandahar").
_NAMED_AFTER_KINDS = re.compile(r"^(?:its|the\s+governor|the\s+provincial\s+government|the\s+(?:city['’]s\s+)?airport|"
                                r"the\s+DAC)\b", re.IGNORECASE)
_GENERIC_MENTION = re.compile(r"^the\s+(?:[a-z]+\s+)?(?:airport|airfield)$")
_NEW_REFERENT = re.compile(r"\s+(?:that|which|where|whose)\b", re.IGNORECASE)
# "the first district in the province": one unnamed place of it, no claim on the province.
# "the capital of the province", "two districts of the province": the province contains the place named
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*", re.IGNORECASE)
_OF_THE_PROVINCE = re.compile(r"\b(?:capital|centre|center|districts?|areas?|villages?)\s+of\s+$",
                              re.IGNORECASE)
_IN_THE = re.compile(r"\b(?:a|an|the|one|first|second|third|only|last|latest)\s+(?:[\w-]+\s+)?"
                     r"(?:district|town|city|village|area|base|post|checkpoint)\s+(?:in|of|within)\s+$", re.IGNORECASE)
_PLACE_NOUN = re.compile(r"\b(?:crossing|port|district|city|town|base|airport|dam|village|capital|province|"
                         r"headquarters|compound|outpost|checkpoint)s?\b", re.IGNORECASE)
_CALLED_BEFORE = re.compile(r"\b(city|town)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CALLED_AFTER = re.compile(r"^\s+(city|town)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
                      r"dozens?|a\s+number\s+of)\s+(?:more\s+|other\s+|key\s+|new\s+)?$", re.IGNORECASE)
_PROVINCE_DISTRICTS = re.compile(r"^\s+districts\b(?!\s+(?:of|in)\b)(?!\s*,?\s+(?-i:[A-Z]))", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"^['’]?s?\s+(?:provincial\s+)?capital\b(?!\s+(?:of|city\s+of)\b)(\s+(?-i:[A-Z]))?", re.IGNORECASE)
_IS_CAPITAL = re.compile(r"^\s+(?:is|was|became|becomes|has\s+become)\s+the\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:provincial\s+)?capitals?\b(?!\s+(?:of|city\s+of)\b)", re.IGNORECASE)
_CITY_OF = re.compile(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "Zabul district" with a province's name: an unnamed district of it (the
# mention finder resolves a district so named to the district itself).
_UNNAMED_DISTRICT = re.compile(r"\s+district\b(?!\s+of\b)", re.IGNORECASE)


def _antecedent(anaphor: str, candidates: list[Target]) -> Target | None:
    """The latest candidate that fits the anaphor ("the crossing" wants a crossing)."""
    a = anaphor.lower()
    want = None
    if "airport" in a or "governor" in a and "district" not in a or "provincial government" in a \
            or a.startswith("all other"):
        want = lambda t: t.place.kind in ("city", "town") or t.noun in ("city", "town")
    elif "border town" in a:
        want = lambda t: t.place.kind in ("city", "town", "crossing") or t.place.level == "district"
    elif "crossing" in a or "port" in a:
        want = lambda t: t.place.kind == "crossing"
    elif "city" in a or "town" in a:
        want = lambda t: t.place.kind in ("city", "town") or t.noun in ("city", "town")
    elif "district" in a or a.endswith("dac"):
        want = lambda t: t.place.level == "district" or t.place.kind in ("city", "town")
    fitting = [t for t in candidates if want is None or want(t)]
    # The place that carried a claim, not a destination or a speaker's place named since.
    claimed = [t for t in fitting if t.claimed]
    if claimed:
        # Of the latest sentence with a claim, the place it is about (the first claimed) --
        # unless a later sentence names one fitting place alone ("Spin Boldak, on the road to
        # Chaman. The Taliban captured the border town ..."): the text has moved on to it.
        latest = max(t.seen_at for t in claimed)
        newer = [t for t in fitting if t.seen_at > latest]
        if len({t.place.key for t in newer if t.seen_at == max(o.seen_at for o in newer)}) == 1 if newer else False:
            return newer[-1]
        return next(t for t in claimed if t.seen_at == latest)
    return fitting[-1] if fitting else None


def claimable(targets: list[Target]) -> list[Target]:
    """The places of a sentence an anaphor in a later sentence may point back to."""
    return [t for t in targets if not t.excluded and not t.container and t.anaphor_of is None
            and t.place.level != "province"]


def _province_lists(text: str, out: list[Target], gazetteer: Any) -> None:
    """A list named as provinces ("the provinces of Kunduz, Baghlan and Balkh") is one of provinces."""
    groups: dict[int, list[Target]] = {}
    for t in out:
        groups.setdefault(t.group, []).append(t)
    for members in groups.values():
        first = members[0]
        before = text[max(0, first.start - 60):first.start]
        tail = text[members[-1].end:members[-1].end + 12]
        if not (re.search(r"\bprovinces\s+(?:of\s+)?(?:the\s+)?$", before, re.IGNORECASE)
                or re.match(r"\s+provinces\b", tail, re.IGNORECASE)):
            continue
        for t in members:
            if t.place.level != "province" and gazetteer is not None and hasattr(gazetteer, "province_named"):
                prov = gazetteer.province_named(t.text)
                if prov is not None:
                    t.place = prov
        scope_first = first.container
        for t in members:
            if t.place.level == "province":
                t.container = scope_first


def _capital_lists(text: str, out: list[Target], capital_of: _Capitals) -> None:
    """ "Takhar and Kunduz capitals fall": the capitals of the provinces listed."""
    groups: dict[int, list[Target]] = {}
    for t in out:
        groups.setdefault(t.group, []).append(t)
    for members in groups.values():
        if len(members) < 2 or not _CAPITALS_AFTER.match(text, members[-1].end):
            continue
        for t in members:
            if t.place.level == "province" and not t.excluded:
                cap = capital_of.get(t.place.adm1_pcode)
                if cap is not None:
                    t.place, t.container = cap, False


_CAPITALS_AFTER = re.compile(r"\s+(?:provincial\s+)?capitals\b(?!\s+of\b)", re.IGNORECASE)


def _is_container(before: str, after: str, t: Target, targets: list[Target]) -> bool:
    """Whether a province is named only as where another place lies."""
    rules = _rules()
    if any(s.search(before) for _, s in rules.scopes):
        return False
    if rules.cont_after.match(after):
        return True
    if rules.cont_nouns.search(before):
        return True
    if re.search(r"\b(?:in|inside|within|across|throughout|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", before, re.IGNORECASE):
        return True
    return bool(re.search(r"\b(?:in|of)\s+(?:the\s+)?(?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+))*$", before, re.IGNORECASE)
                and any(o.end <= t.start and o.place.level != "province" for o in targets))


_SHARE_BEFORE = re.compile(r"\b(\d{1,3})\s+of\s+(?:the\s+)?$")
_SHARE_AFTER = re.compile(r"^['’]s?\s+(\d{1,3})\s+districts\b", re.IGNORECASE)


def _district_share(before: str, after: str) -> tuple[int, int] | None:
    """(n, m) for "26 of Badakhshan's 28 districts", else None."""
    b, a = _SHARE_BEFORE.search(before), _SHARE_AFTER.match(after)
    if b is None or a is None:
        return None
    n, m = int(b.group(1)), int(a.group(1))
    return (n, m) if 0 < n <= m else None


def province_scope(before: str) -> str:
    """The scope of a province claim from the words before the name."""
    for scope, pattern in _rules().scopes:
        if pattern.search(before):
            return scope
    return "all"


# ---------------------------------------------------------------------------
# Attaching cues to places


@dataclass(frozen=True)
class _Link:
    cue: Cue
    gap: int
    controller: str


def _clause_start(text: str, pos: int) -> int:
    last = 0
    for m in _BOUNDARY.finditer(text, 0, pos):
        last = m.end()
    return last


def _gap_ok(gap_text: str, limit: int) -> int | None:
    if _BOUNDARY.search(gap_text):
        return None
    n = len(_WORD.findall(gap_text))
    return n if n <= limit else None


def link_cues(text: str, cues: list[Cue], targets: list[Target], doc: Any = None) -> dict[int, list[_Link]]:
    """For each group of places, the cues that govern it (nearest per side)."""
    groups: dict[int, list[Target]] = {}
    for t in targets:
        groups.setdefault(t.group, []).append(t)
    links: dict[int, list[_Link]] = {}
    for gid, members in groups.items():
        g_start, g_end = members[0].start, members[-1].end
        best_obj: _Link | None = None
        best_subj: _Link | None = None
        best_rel: _Link | None = None
        for cue in cues:
            object_side = cue.mode in ("object", "both") and not cue.passive
            subject_side = cue.mode == "subject" or cue.passive
            including = bool(_INCLUDING.search(text[max(0, g_start - 40):g_start])
                             or _EXCEPT.search(text, max(0, g_start - 30), g_start))
            if (object_side or including) and cue.end <= g_start:
                gap_text = text[cue.end:g_start]
                if _any_cue_between(cues, cue.end, g_start):
                    continue
                if cue.controller == "contested" and not _CONTEST_GAP.match(gap_text):
                    continue
                if not including and any(cue.end <= o.start and o.end <= g_start for o in targets):
                    continue
                if cue.controller != "contested" and not including and not _object_gap_ok(gap_text):
                    continue
                # "hold the governor's compound and the police headquarters in the city": facilities of it
                wide = including or (cue.cls in ("take", "retake", "hold_object") and _FACILITY.match(gap_text))
                gap = _gap_ok(gap_text, MAX_INCLUDING_GAP if wide else MAX_OBJECT_GAP)
                if gap is not None:
                    ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc)
                    if ctl and (best_obj is None or gap <= best_obj.gap):
                        best_obj = _Link(cue, gap, ctl)
            if (subject_side or (cue.mode == "both" and _relative_gap(text[g_end:cue.start]))) \
                    and cue.start >= g_end:
                subject_gap = text[g_end:cue.start]
                rel = _REL_CLAUSE.match(subject_gap)
                said = _SAID_WAS.match(text, g_end)
                aside = (_INCLUDING_ASIDE.match(subject_gap) or _APPOSITIVE.match(subject_gap)) if not rel else None
                if aside and not _any_cue_between(cues, g_end, g_end + aside.end()):
                    subject_gap = subject_gap[aside.end():]
                elif rel:
                    # "Guzara district, where the airport is, fell": skip the relative clause
                    # (and a verb in it: "Nerkh, which fell on Monday, was retaken").
                    subject_gap = subject_gap[rel.end():]
                elif said and said.end() <= cue.start:
                    subject_gap = text[said.end():cue.start]
                gap_from = cue.start - len(subject_gap)
                if _any_cue_between(cues, gap_from, cue.start):
                    continue
                if any(gap_from <= o.start and o.end <= cue.start and o.group != gid and not o.excluded
                       and not o.container for o in targets):
                    continue  # another place stands nearer the verb: it is the subject
                if re.fullmatch(r"\s*[\"“”]\s*", subject_gap):
                    subject_gap = " "  # 'that the city "is under the control of ..."': a quote opens on the verb
                gap = _gap_ok(subject_gap, MAX_SUBJECT_GAP)
                coord = _COORD_VP.search(subject_gap)
                if gap is None and coord and _gap_ok(subject_gap[:coord.start()], MAX_SUBJECT_GAP) is not None:
                    # "the DAC changed hands twice during the period and was reported to be under ...":
                    # a second verb of the same subject
                    gap = _gap_ok(subject_gap[coord.end():], MAX_SUBJECT_GAP)
                if gap is not None and _FRONTED.match(text[:g_start]) and "," not in text[g_start:g_end] \
                        and text[g_end:cue.start].lstrip().startswith(",") and not _object_gap_ok(text[g_end:cue.start]):
                    # "In Nerkh district, an army convoy came under attack": the convoy, not Nerkh.
                    gap = None
                if gap is not None and "," in text[g_end:cue.start] \
                        and _RELATIVE_BEFORE.search(text, max(0, g_start - 160), g_start):
                    # "Ismail Khan, who had led the defence of Herat, surrendered":
                    # the place ends a relative clause; the subject is someone else.
                    gap = None
                if gap is not None:
                    ctl = cue_controller(cue, text, g_end, doc)
                    if ctl and rel and (best_rel is None or gap < best_rel.gap):
                        # the main verb after a relative clause: a claim besides the clause's own
                        best_rel = _Link(cue, gap, ctl)
                    elif ctl and not rel and (best_subj is None or gap < best_subj.gap):
                        best_subj = _Link(cue, gap, ctl)
            if best_obj is None and cue.end <= g_start and cue.mode in ("subject", "both") \
                    and _INVERTED_HEAD.search(text, max(0, cue.start - 50), cue.start) \
                    and _INVERTED_TAIL.search(text, cue.end, g_start) \
                    and not _any_cue_between(cues, cue.end, g_start):
                # "Among the districts that fell on Sunday were Khash and Kishim".
                gap = _gap_ok(text[cue.end:g_start], MAX_OBJECT_GAP)
                ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc) if gap is not None else None
                if ctl:
                    best_obj = _Link(cue, gap or 0, ctl)
        if best_obj is None and best_subj is None and _FRONTED.match(text[:g_start]) \
                and text[g_end:g_end + 2].startswith(","):
            best_obj = _fronted_link(text, cues, g_end, doc)
        if best_obj is None and best_subj is None:
            after_list = _ORDINAL_AFTER.search(text, max(0, g_start - 200), g_start)
            if after_list is not None:
                # "X is the sixth capital to fall to the Taliban, after A, B and C": A-C fell before it.
                inside = [c for c in cues if after_list.start() <= c.start and c.end <= after_list.end()
                          and c.mode in ("subject", "both") and not c.negated and not c.irrealis]
                if inside:
                    ctl = cue_controller(inside[-1], text, _clause_start(text, inside[-1].start), doc)
                    if ctl:
                        best_obj = _Link(inside[-1], 0, ctl)
        if best_obj is None and best_subj is None:
            colon = _COLON_LIST.search(text, max(0, g_start - 12), g_start)
            if colon is not None:
                best_obj = _colon_link(text, cues, colon.start(), doc)
        if best_subj is None:
            best_subj, best_rel = best_rel, None
        found = [lk for lk in (best_obj, best_subj) if lk is not None]
        if len(found) == 2 and found[0].controller == found[1].controller:
            found = [min(found, key=lambda lk: lk.gap)]
        if best_rel is not None and all(lk.controller != best_rel.controller for lk in found):
            found.append(best_rel)
        if found:
            links[gid] = found
    return links


_COORD_VP = re.compile(r"\band\s+(?=(?:was|were|is|are|has|have|had|remains?|remained)\b)", re.IGNORECASE)
# An inverted list: "the districts that fell were A, B and C", "places captured
# by the Taliban include A".
_INVERTED_HEAD = re.compile(
    r"\b(?:districts|areas|places|towns|cities|provinces|capitals|crossings|ones|bases)\s+(?:that\s+|which\s+)?"
    r"(?:have\s+|had\s+|has\s+)?(?:been\s+|were\s+|was\s+|are\s+|remain\s+)?(?:still\s+|now\s+|currently\s+)?$",
    re.IGNORECASE)
_INVERTED_TAIL = re.compile(r"\b(?:were|are|include|included)\s+(?:the\s+)?$", re.IGNORECASE)
# (a non-restrictive clause, opened by a comma: "Ismail Khan, who had led the defence of Herat,"; not
# "residents who reached Kabul described fighting in X")
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|whom|whose|which|where)\b[^,]*$", re.IGNORECASE)
# A relative clause between a place and its verb ("Pato district, which borders Khadir, fell").
_REL_CLAUSE = re.compile(r"^\s*,\s*(?:where|which|whose|who)\b[^,;:“”\"]{1,80},\s*", re.IGNORECASE)
# "all of Panjshir, including its capital Bazarak, remained ...": a part named inside; the verb is the whole's too.
_INCLUDING_ASIDE = re.compile(r"^\s*,\s*(?:including|among\s+them)\b[^,;:“”\"]{1,60},\s*", re.IGNORECASE)
# "Bagram air base, the former hub of US forces, and its prison have been taken over": a noun
# phrase in apposition (and "its ..." joined to the subject) stands between the place and its verb.
_APPOSITIVE = re.compile(r"^\s*(?:(?:air\s*base|airbase|airport|airfield|base|border\s+crossing|crossing|port|dam|"
                         r"city|town|district|province)\s*)?,\s*(?:the|a|an|once|now)\s+(?![\w'’-]+\s+(?:of\s+)?(?:which|who|where)\b)"
                         r"[^,;:“”\"()]{1,120},\s*(?:and\s+its\s+[\w'’-]+\s+(?!(?:has|have|had|is|are|was|were)\b)(?:[\w'’-]+\s+)?)?", re.IGNORECASE)
# "Khuram district, which it said was "cleared of Taliban"", "Bala Buluk, which he said has been under
# Taliban control for years": the speaker's word on the place.
_SAID_WAS = re.compile(r"\s*,\s*(?:which|that)\s+(?:[\w'’-]+\s+){1,3}(?:said|says|claimed|claims|reported|added)\s+"
                       r"(?=(?:has|have|had|is|are|was|were|remains?|remained)\b|[\"“‘']?cleared\b)", re.IGNORECASE)
# "In Herat, the Taliban seized the police headquarters ...": the place of the
# sentence, named up front, is where the facilities were taken.
_FRONTED = re.compile(r"^\s*(?:In|Inside)\s+(?:the\s+(?:city|town|district)\s+of\s+)?$")
# "residents of Imam Sahib, which fell last week": the relative clause claims the place all the same
_CLAIMING_RELATIVE = re.compile(r"^\s*,\s*(?:which|that)\s+(?:[\w'’-]+\s+){0,3}?(?:fell|fallen|was\s+(?:captured|overrun|"
                                r"seized|taken|retaken)|(?:is|are)\s+(?:now\s+|still\s+)?(?:under|in)\b|remains?\b|"
                                r"(?:has|had)\s+been\s+(?:under|captured|overrun|seized|taken))", re.IGNORECASE)
_FELL_BACK_TO = re.compile(r"\b(?:retreat|withdr|pull|f[ae]ll|regroup)\w*\s+(?:back\s+)?to\s+(?:the\s+)?$", re.IGNORECASE)
# "In Kabul, however, the interior ministry said ...": the fronted place is the speaker's
_SPEAKER_AFTER = re.compile(r"^\s*,\s*(?:however\s*,\s*|meanwhile\s*,\s*)?(?:[\w'’.-]+\s+){1,6}?"
                            r"(?:said|says|told|announced|stated|insisted|claimed|confirmed|denied)\b")
_FACILITY = re.compile(
    r"^\s+(?:all\s+)?(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?(?:headquarters|compound|buildings?|offices?|centre|center|"
    r"prison|jail|administration|facilities|palace|bazaar|market|airport|square|police\s+station|"
    r"customs\s+(?:posts?|house|office|station))\b", re.IGNORECASE)


_ORDINAL_AFTER = re.compile(
    r"\bthe\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th)|"
    r"latest|next|last)\s+(?:[\w-]+\s+){0,2}?(?:capitals?|districts?|cit(?:y|ies)|provinces?|towns?|crossings?)\s+"
    r"(?:to\s+(?:have\s+)?(?:fall(?:en)?|be\s+(?:captured|taken|overrun|seized))|(?:that\s+)?(?:fell|captured|taken|overrun|seized))"
    r"\b[^.;:“”\"]{0,80}?,?\s+(?:after|following)\s+(?:the\s+fall\s+of\s+)?(?:the\s+)?$", re.IGNORECASE)
# "now control eight capitals: A, B and C", "five districts have fallen: A, B": a list after a colon.
_COLON_LIST = re.compile(r":\s*(?:the\s+)?$")
_PLURAL_PLACES = re.compile(r"\b(?:districts|capitals|provinces|cities|towns|crossings|areas|places|bases)\b", re.IGNORECASE)


def _colon_link(text: str, cues: list[Cue], colon: int, doc: Any) -> _Link | None:
    """The cue of the intro before a colon governs the list after it when the intro names places."""
    before = [c for c in cues if c.end <= colon]
    if not before:
        return None
    cue = before[-1]
    intro = text[cue.end:colon]
    if _BOUNDARY.search(intro) or len(_WORD.findall(intro)) > 12:
        return None
    if cue.mode in ("object", "both") and not cue.passive:
        if not (_PLURAL_PLACES.search(intro) and _object_gap_ok(intro)):
            return None
    elif not _PLURAL_PLACES.search(text, max(0, cue.start - 50), cue.start) \
            or _BOUNDARY.search(text, max(0, cue.start - 50), cue.start):
        return None  # "Five districts have fallen:": the places are the subject
    ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc)
    return _Link(cue, 0, ctl) if ctl else None


def _fronted_link(text: str, cues: list[Cue], after: int, doc: Any) -> _Link | None:
    """The first taking of facilities after a fronted "In X," governs X; so does fighting told right after it."""
    for cue in cues:
        if cue.start > after and cue.cls == "fighting_ongoing" and re.fullmatch(r"\s*,\s*", text[after:cue.start]):
            ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc)
            return _Link(cue, 0, ctl) if ctl else None
        if cue.start > after and cue.cls in ("take", "retake", "hold_object", "withdraw") \
                and _FACILITY.match(text[cue.end:cue.end + 60]):
            ctl = cue_controller(cue, text, _clause_start(text, cue.start), doc)
            return _Link(cue, 0, ctl) if ctl else None
    return None


def _object_gap_ok(gap_text: str) -> bool:
    """Whether only place words stand between a verb and its place (not "seized weapons in")."""
    rules = _rules()
    for w in _WORD.findall(gap_text):
        if w[0].isupper() or rules.object_gap.match(w.replace("’", "'")):
            continue
        return False
    return True


def _relative_gap(gap_text: str) -> bool:
    return bool(re.match(r"^\s*,?\s*(?:which|that)\s+(?:the\s+)?\w+", gap_text, re.IGNORECASE))


def _any_cue_between(cues: list[Cue], start: int, end: int) -> bool:
    return any(start <= c.start and c.end <= end for c in cues)


# ---------------------------------------------------------------------------
# Dates


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


# A line of a bulleted or numbered list.
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+\S")
_UNNAMED_PLACE = re.compile(
    r"\b(?:a|another|one|the\s+first)\s+(?:[\w-]+\s+){0,2}?(?:district|town|city|border\s+crossing|crossing|"
    r"provincial\s+capital|base|dam)\b", re.IGNORECASE)
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


# ---------------------------------------------------------------------------
# Extraction


class _Capitals:
    """Province P-code -> its capital (the gazetteer's city point, else district ``<province>01``)."""

    def __init__(self, gazetteer: Any) -> None:
        self._gaz = gazetteer
        self._cache: dict[str, Place | None] = {}

    def get(self, adm1: str) -> Place | None:
        if adm1 not in self._cache:
            place = None
            if hasattr(self._gaz, "capital_of"):
                place = self._gaz.capital_of(adm1)
            if place is None and hasattr(self._gaz, "places"):
                place = self._gaz.places.get(adm1 + "01")
            self._cache[adm1] = place
        return self._cache[adm1]


def _capitals(gazetteer: Any) -> _Capitals:
    return _Capitals(gazetteer)


def extract_article(article: Article, *, gazetteer: Any, nlp: Any = None,
                    mentions: list[Mention] | None = None) -> ArticleResult:
    """All claims and count claims of one article.

    ``nlp`` (``load_nlp()``), when given, parses the few sentences where
    both sides are named before an action verb, to find which one acts; the
    other rules work on the text. ``mentions`` may be given to skip the
    mention finder.
    """
    if mentions is None:
        from geo.places.mentions import find_mentions

        mentions = find_mentions(article.text, gazetteer)
    # The sentence caches serve one article; results never depend on what came before.
    _find_cues.cache_clear()
    text = article.text
    sentences = split_sentences(text)
    rules = _rules()
    capitals = _capitals(gazetteer)
    by_sentence = _mentions_by_sentence(sentences, mentions)
    cue_sents = _CueSentences(sentences, rules.any_cue)
    lead = _lead_span(sentences, cue_sents)
    hint_years = years_in(text[:20000])
    year_hint = max(hint_years) if hint_years else None

    claims: list[Claim] = []
    counts: list[CountClaim] = []
    previous_claims: list[Claim] = []
    previous_at = -1
    earlier: list[Target] = []
    recent: list[tuple[int, list[Target]]] = []
    atts: dict[int, Attribution] = {}
    docs = _parse_ambiguous(nlp, sentences, {i for i in by_sentence if i in cue_sents}) if nlp else {}
    links_at = link_spans(text)

    def att_of(i: int) -> Attribution:
        # Computed only for sentences that need one; "He said" looks back.
        if i not in atts:
            atts[i] = _known_speaker(attribute(sentences[i].text, previous=lambda: _speaker_before(i)),
                                     atts.values())
        return atts[i]

    def _speaker_before(i: int) -> Attribution | None:
        for j in range(i - 1, max(-1, i - 3), -1):
            if _SPEECH_HINT.search(sentences[j].text):
                a = att_of(j)
                if a.who != "reporter":
                    return a
        return None

    list_intro: int | None = None  # "The districts that fell are:" before a bulleted list
    # A dated taking of an unnamed place ("overran a district on Wednesday"), named in the next sentence.
    unnamed_event: tuple[int, tuple[int, int]] | None = None
    for i, s in enumerate(sentences):
        sent_claims: list[Claim] = []
        targets: list[Target] = []
        bullet = bool(_BULLET.match(s.text))
        if not bullet:
            list_intro = i if (s.text.rstrip().endswith(":") and i in cue_sents) else None
        if "district" in s.text and re.search(r"\d|\b(?:dozens|hundred|twenty|thirty|forty|fifty)\b", s.text):
            for number, total, qual, a, b in find_counts(s.text):
                counts.append(_count_claim(article, s, number, total, qual, a, b,
                                           attribute_in_clause(s.text, a) or att_of(i), year_hint))
        in_link = any(a <= s.start < b for a, b in links_at)
        if (i in by_sentence or (earlier and i in cue_sents)) and not _is_caption(s.text, rules):
            targets = _targets(s, by_sentence.get(i, []), capitals, earlier, gazetteer)
            cues = find_cues(s.text) if i in cue_sents else []
            inherited = None
            source = i - 1
            if bullet and list_intro is not None:
                # "- Khwaja Ghar, Takhar" under "The districts that fell are:": the intro's claim.
                source, cues = list_intro, []
            if not cues and i > 0 and (bullet and list_intro is not None or rules.list_cont.match(s.text)) \
                    and source in cue_sents:
                inherited = sentences[source]
                cues = find_cues(inherited.text)
            if cues and targets:
                speaker = att_of(source) if inherited is not None and att_of(i) is REPORTER else att_of(i)
                sent_claims = _sentence_claims(article, s, targets, cues, speaker, lead,
                                               year_hint, inherited_from=inherited, doc=docs.get(i))
        if previous_claims and i - previous_at <= DENIAL_REACH and denies(s.text) and not in_link \
                and not _denies_own_claim(s, sent_claims):
            sent_claims = _denials(article, s, previous_claims, sent_claims, att_of(i), year_hint)
        if unnamed_event is not None and unnamed_event[0] == i - 1:
            for c in sent_claims:
                if c.time_precision == "unknown" and not c.extra.get("state") \
                        and c.extra.get("cue_class") in ("take", "fall") and c.controller == "taliban":
                    c.extra["prev_span"] = unnamed_event[1]
                    d = claim_date(text, c.extra, article.published, year_hint)
                    c.event_date = d.date.isoformat() if d.date else None
                    c.time_precision, c.date_reason = d.precision, d.reason
        unnamed_event = None
        if not sent_claims and i in cue_sents and _UNNAMED_PLACE.search(s.text) \
                and any(e.kind in ("weekday", "absolute") and not in_dateline(s.text, e) for e in find_dates(s.text)):
            unnamed_event = (i, (s.start, s.end))
        if in_link:
            # "Related: Taliban capture Panjwai district": another report of the same war, kept as
            # the reference annotations keep "READ MORE" headlines, with less confidence; it
            # neither answers nor is answered by the article's own sentences
            for c in sent_claims:
                c.confidence = round(max(c.confidence - LINK_PENALTY, 0.05), 2)
                c.extra["link_headline"] = True
            claims.extend(sent_claims)
            continue
        claims.extend(sent_claims)
        for t in targets:
            t.claimed = any(c.place_key == t.place.key for c in sent_claims)
        if sent_claims:
            previous_claims, previous_at = sent_claims, i
        if targets:
            named = claimable(targets) + [t.named() for t in targets if t.anaphor_of is not None and t.claimed
                                          and t.named().claimed and t.named().place.level != "province"]
            for t in named:
                t.seen_at = i
            recent.append((i, named))
        # A place that carried a claim stays an antecedent a little longer than one only named.
        recent = [(j, ts if i - j < ANAPHOR_REACH else [t for t in ts if t.claimed])
                  for j, ts in recent if i - j < CLAIMED_REACH]
        earlier = list({id(t): t for _, ts in recent for t in ts}.values())
    if lead is not None:
        # The lead's date dates later sentences only for the lead's own places,
        # or when the lead names none ("seized a key district on Thursday").
        lead_places = {c.place_key for c in claims if tuple(c.extra.get("sentence_span", ())) == lead}
        for c in claims:
            if lead_places and c.place_key not in lead_places:
                # Recorded even when undated, so a date inferred later is applied the same way.
                c.extra["lead_ok"] = False
            if lead_places and c.place_key not in lead_places and c.date_reason.startswith("from the lead"):
                d = claim_date(text, c.extra, article.published, year_hint)
                c.event_date = d.date.isoformat() if d.date else None
                c.time_precision, c.date_reason = d.precision, d.reason
    claims = align_event_dates(claims)
    return ArticleResult(article, dedupe(_drop_fighting(claims)), counts, list(mentions))


def ambiguous_actor(sentence: str, cue: Cue) -> bool:
    """Whether both sides are named before an agent cue, so only a parse can tell who acts."""
    if cue.controller != "agent" or cue.nominal or cue.passive:
        return False
    before = sentence[:cue.start]
    return all(p.search(before) for _, p in _rules().actors)


# Sentences parsed per call of nlp.pipe; an article rarely has more.
PIPE_BATCH = 32


def _parse_ambiguous(nlp: Any, sentences: list[Sentence], candidates: set[int]) -> dict[int, Any]:
    """Parse, in one batch, the sentences whose actor the word rules cannot settle.

    Only sentences with a place and an action cue are looked at, and only
    those naming both sides before an agent verb are parsed: the parser is the
    slowest step, and most sentences need none.
    """
    wanted = [i for i in sorted(candidates)
              if any(ambiguous_actor(sentences[i].text, c) for c in find_cues(sentences[i].text))]
    if not wanted:
        return {}
    docs = nlp.pipe((sentences[i].text for i in wanted), batch_size=PIPE_BATCH)
    return dict(zip(wanted, docs))


def _known_speaker(att: Attribution, earlier: Iterable[Attribution]) -> Attribution:
    """A bare surname ("Shams said") takes the fuller description given earlier in the article."""
    words = att.who.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return att
    for e in earlier:
        if e is not att and att.who in e.who and len(e.who) > len(att.who):
            return e
    return att


def _count_claim(article: Article, s: Sentence, number: int, total: int | None, qual: str, a: int,
                 b: int, att: Attribution, year_hint: int | None) -> CountClaim:
    """A count claim, dated by a day named with it, else by the article (a count is a state)."""
    d = claim_date(article.text, {"sentence_span": (s.start, s.end), "cue_start": s.start + a,
                                  "cue_end": s.start + b}, article.published, year_hint)
    when = d.date if d.precision == "day" else article.published
    if att.source_type == "reporter":
        # "the Taliban ... say they have seized over 80": the subject before the count.
        side = actor_side(s.text[:a], last=False)
        if side is not None:
            att = Attribution("Taliban" if side == "taliban" else "government", side)  # type: ignore[arg-type]
    return CountClaim(article.id, number, total, qual, att.who, att.source_type,
                      when.isoformat() if when else None, s.text, s.start + a, s.start + b)


def _mentions_by_sentence(sentences: list[Sentence], mentions: list[Mention]) -> dict[int, list[Mention]]:
    by_sentence: dict[int, list[Mention]] = {}
    ordered = sorted((m for m in mentions if m.place is not None), key=lambda m: m.start)
    j = 0
    for i, s in enumerate(sentences):
        while j < len(ordered) and ordered[j].start < s.start:
            j += 1
        k = j
        while k < len(ordered) and ordered[k].start < s.end:
            if ordered[k].end <= s.end:
                by_sentence.setdefault(i, []).append(ordered[k])
            k += 1
    return by_sentence


_SPEECH_HINT = re.compile(r"\b(?:said|says|told|according|claimed|confirmed|stated|reported|added)\b", re.IGNORECASE)

_CONFIDENCE = {"take": 0.85, "retake": 0.85, "fall": 0.85, "hold": 0.8, "hold_object": 0.75,
               "withdraw": 0.7, "withdraw_troops": 0.7, "enter": 0.65}


def _sentence_claims(article: Article, s: Sentence, targets: list[Target], cues: list[Cue],
                     att: Attribution, lead: tuple[int, int] | None, year_hint: int | None,
                     inherited_from: Sentence | None = None, doc: Any = None) -> list[Claim]:
    text = s.text
    if inherited_from is not None:
        # The places of a list sentence take the cue of the sentence before.
        links = {t.group: [_Link(c, 0, ctl)] for t in targets for c in cues[:1]
                 if (ctl := cue_controller(c, inherited_from.text, 0))}
    else:
        links = link_cues(text, cues, targets, doc)
        _as_does(text, targets, links)
    hedge = hedged(text)
    firsts: dict[int, Target] = {}
    lasts: dict[int, int] = {}
    for t in targets:
        firsts.setdefault(t.group, t)
        lasts[t.group] = max(lasts.get(t.group, 0), t.end)
    found: list[tuple[Target, _Link]] = []
    for t in targets:
        if t.excluded or t.container or t.group not in links:
            continue
        for link in links[t.group]:
            if t.place.level == "province" and link.controller == "contested":
                continue
            found.append((t, link))
    found = _resolve_conflicts(_entered_and_took(found, cues, text, doc), text)
    out: list[Claim] = []
    for t, link in found:
        ctl = link.controller
        if (link.cue.start < t.start or (link.cue.start >= lasts[t.group] and "," not in text[lasts[t.group]:link.cue.start])) \
                and _EXCEPT.search(text, max(0, firsts[t.group].start - 30), firsts[t.group].start):
            # "all districts except Nerkh have fallen" too (not "except X, which remains ...")
            # "captured all districts except Lashkar Gah": the exception stays with the other side.
            ctl = _OPPOSITE.get(ctl, ctl)
        if ctl == "speaker":
            # "under our control": the side of whoever says it.
            if att.source_type not in ("taliban", "government"):
                continue
            ctl = att.source_type
        scope = None
        if t.place.level == "province":
            first = firsts[t.group]
            scope = t.scope or province_scope(text[max(0, first.start - 60):first.start])
            share = _district_share(text[max(0, t.start - 30):t.start], text[t.end:t.end + 30])
            if share is not None:
                scope = "all" if share[0] >= share[1] else "most"
        base = inherited_from or s
        extra = {"sentence_span": (base.start, base.end), "cue_start": base.start + link.cue.start,
                 "cue_end": base.start + link.cue.end,
                 "cue": link.cue.text, "cue_class": link.cue.cls,
                 "state": link.cue.cls in ("hold", "hold_object", "secure"), "lead_span": lead}
        if sum(1 for o in targets if o.group == t.group) > 1 and _DAY_RIGHT_AFTER.match(text, t.end):
            # "overran Muqur district on Monday and Qadis district on Tuesday": each its own day
            extra["own_day_at"] = base.start + t.end
        d = claim_date(article.text, extra, article.published, year_hint)
        if d.year_inferred:
            extra["year_inferred"] = True
        if d.historical:
            extra["historical"] = True
        if _PARTIAL.match(text, t.end):
            extra["partial"] = True  # "took the city's prison": a part of the place, not all of it
        who = (attribute_in_clause(text, link.cue.start) if inherited_from is None else None) or att
        conf = _CONFIDENCE.get(link.cue.cls, 0.6)
        if hedge:
            conf -= 0.15
        if who.source_type == "taliban":
            conf -= 0.05
        if inherited_from is not None or t.anaphor_of is not None:
            conf -= 0.1
        denied = _DENIED_THAT.search(text, 0, link.cue.start) if ctl in _OPPOSITE else None
        if denied is not None and denied.end() <= t.start:
            # "officials denied reports that Islam Qala had been captured": the reported claim,
            # by whoever made it, and its denial, by the denier (../shared/CLAIMS.md)
            reported = Attribution("Taliban", "taliban") if re.search(r"taliban", denied.group(0), re.IGNORECASE) \
                else Attribution("reports", "third_party")
            out.append(_claim(article, t, s, ctl, d, scope, reported, round(max(conf - 0.15, 0.05), 2),
                              dict(extra, denied_by=who.who)))
            flip = _denied_to(ctl, who, text)
            out.append(_claim(article, t, s, flip, d, scope, who, round(max(conf - 0.1, 0.05), 2),
                              dict(extra, denial_of=reported.who, state=True)))
            continue
        out.append(_claim(article, t, s, ctl, d, scope, who, round(max(conf, 0.05), 2), extra))
    return out


def _is_caption(text: str, rules: Any) -> bool:
    """A photo caption: a caption word near the start, or a photo credit.

    Not a report that merely mentions photographs ("captured the district, posting photographs").
    """
    m = rules.captions.search(text)
    return m is not None and (m.start() < CAPTION_WORD_REACH or bool(_PHOTO_CREDIT.search(text)))


CAPTION_WORD_REACH = 40
_PHOTO_CREDIT = re.compile(r"\(\s*(?:photo|file\s+photo|picture|image)|(?:photo|picture|image)\s*(?:by|credit|:)|"
                           r"/\s*(?:AFP|Reuters|AP|Getty|EPA|Xinhua)\s*\)", re.IGNORECASE)


# "denied reports that X had fallen", "rejected Taliban claims that ...": the clause after is denied
_DENIED_THAT = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
                          r"(?:(?:the\s+|these\s+)?(?:taliban(?:['’]s)?\s+)?(?:reports?|claims?|rumou?rs?|allegations?|"
                          r"suggestions?|assertions?)\s+)?that\b", re.IGNORECASE)


# "Hairatan remains under government control, as does Torkham": the verb of the clause before, elided.
_AS_DOES = re.compile(r",\s*(?:and\s+)?(?:so|as)\s+(?:does|do|did|is|are|was|were|has|have|had)\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)


_FOLLOWED = re.compile(r"\s+(?:district\s+|city\s+)?(?:soon\s+|quickly\s+|then\s+)?followed(?:\s+suit)?\b(?!\s+by\b)",
                       re.IGNORECASE)
_AND_BEFORE = re.compile(r",?\s+(?:and|while)\s+$", re.IGNORECASE)


def _as_does(text: str, targets: list[Target], links: dict[int, list[_Link]]) -> None:
    """Give a place after ", as does" (or before "followed") the claim of the nearest linked place before it."""
    for t in targets:
        if t.group in links or t.excluded or t.container:
            continue
        m = _AS_DOES.search(text, max(0, t.start - 40), t.start)
        if m is None:
            # "Yangi Qala and Darqad were captured on Sunday, and Khwaja Bahawuddin followed on Tuesday"
            m = _AND_BEFORE.search(text, max(0, t.start - 12), t.start) if _FOLLOWED.match(text, t.end) else None
        if m is None:
            continue
        before = [o for o in targets if o.end <= m.start() and o.group in links and not o.container]
        if before:
            links[t.group] = links[max(before, key=lambda o: o.end).group]


# "entered Qadis until forces retook it", "clashes in Qadis; the DAC ...": a new clause, a claim of its own.
_CLAUSE_TURN = re.compile(r";|\b(?:until|although|though|whereas|while|but)\b|\bbefore\s+being\b", re.IGNORECASE)
_PARTIAL = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:prison|jail|area|areas|neighbou?rhoods?|outskirts|bazaar|market|"
                      r"headquarters|compound|airport|radio|station|square|suburbs?|parts?)\b", re.IGNORECASE)
_AND_THEN = re.compile(r"^[^,;.:]{0,60}?\band\s+(?:then\s+|later\s+|quickly\s+|soon\s+|swiftly\s+)?$", re.IGNORECASE)
_TAKEN_WITHIN = re.compile(r"^\s+(?:it\b|the\s+(?:city|town)\b)", re.IGNORECASE)


def _entered_and_took(found: list[tuple[Target, _Link]], cues: list[Cue], text: str,
                      doc: Any) -> list[tuple[Target, _Link]]:
    """ "Entered Kabul and took control of the presidential palace": the taking, not a contest."""
    out = []
    for t, lk in found:
        if lk.cue.cls == "enter" and lk.controller == "contested":
            for c in cues:
                if c.cls == "take" and c.start > t.end and _AND_THEN.match(text[t.end:c.start]) \
                        and (_FACILITY.match(text[c.end:c.end + 60]) or _TAKEN_WITHIN.match(text[c.end:c.end + 20])):
                    ctl = cue_controller(c, text, _clause_start(text, lk.cue.start), doc)
                    if ctl in ("taliban", "government"):
                        lk = _Link(c, lk.gap, ctl)
                    break
        out.append((t, lk))
    return out


def _resolve_conflicts(found: list[tuple[Target, _Link]], text: str) -> list[tuple[Target, _Link]]:
    """Within a sentence, drop what a stronger cue on the same place overrides.

    Fighting before a capture led to it ("fighting began on Sunday and by
    Monday the Taliban had overrun it"); a past state in a relative clause
    ("which was still under government control") was ended by the capture.
    """
    by_place: dict[str, list[tuple[Target, _Link]]] = {}
    for t, lk in found:
        by_place.setdefault(t.place.key, []).append((t, lk))
    keep: list[tuple[Target, _Link]] = []
    for t, lk in found:
        others = [o for o in by_place[t.place.key] if o[1].controller != lk.controller]
        fought_only = not any(o[1].cue.cls in ("take", "fall", "enter") for o in by_place[t.place.key])
        strong_later = any(o[1].cue.strength > lk.cue.strength and o[1].cue.start > lk.cue.start
                           and not (fought_only and o[1].cue.cls == "driven_out")
                           and not _CLAUSE_TURN.search(text, lk.cue.end, o[1].cue.start) for o in others)
        if lk.controller == "contested" and strong_later:
            continue
        if lk.cue.cls == "driven_out" and fought_only and any(o[1].controller == "contested" for o in others):
            # "reached the outskirts of X and fought inside parts of the city before being
            # pushed back": fought over, never taken.
            continue
        # "Taliban Take Two Districts, Dehrawud Under Siege": a place with its own
        # cue right after it is the subject of that cue, not the object of one before
        if lk.cue.end <= t.start and any(
                o[1].cue.start >= t.end and o[1].cue.mode == "subject"
                and not re.match(r"(?:before|until|but|and|when)\b", o[1].cue.text, re.IGNORECASE)
                and re.fullmatch(r"\s*(?:(?:is|are|was|were|now|still|also)\s+)*", text[t.end:o[1].cue.start], re.IGNORECASE)
                and not _BOUNDARY.search(text, lk.cue.end, t.start) for o in others):
            continue
        past = re.search(r"\b(?:was|were)\s+(?:still\s+|once\s+|previously\s+)?$",
                         text[max(0, lk.cue.start - 20):lk.cue.start], re.IGNORECASE)
        if lk.cue.cls == "hold" and (past or re.match(r"(?:was|were)\b", lk.cue.text, re.IGNORECASE)) and any(
                o[1].cue.strength > lk.cue.strength for o in others):
            continue
        keep.append((t, lk))
    return keep


def _claim(article: Article, t: Target, s: Sentence, ctl: str, d: ResolvedDate, scope: str | None,
           att: Attribution, conf: float, extra: dict[str, Any]) -> Claim:
    p = t.place
    province = p.level == "province"
    # The mention is the place name as written (offsets into the article);
    # an anaphor ("the district") is kept in extra.
    named = t.named()
    if named is not t:
        extra = dict(extra, anaphor=t.text, anaphor_span=(t.base + t.start, t.base + t.end))
    return Claim(
        article_id=article.id,
        published=article.published.isoformat() if article.published else None,
        published_source=article.published_source,
        mention=named.text,
        char_start=named.base + named.start,
        char_end=named.base + named.end,
        sentence=s.text,
        place_level=p.level,
        place_name=p.name,
        adm2_pcode=None if province else p.adm2_pcode,
        adm1_pcode=p.adm1_pcode,
        lat=p.lat if p.level == "point" else None,
        lon=p.lon if p.level == "point" else None,
        controller=ctl,  # type: ignore[arg-type]
        event_date=d.date.isoformat() if d.date else None,
        time_precision=d.precision,
        geo_precision=3 if p.level == "province" else (2 if t.mention is None else 1),
        scope=scope,  # type: ignore[arg-type]
        attributed_to=att.who,
        source_type=att.source_type,
        confidence=conf,
        place_key=p.key,
        date_reason=d.reason,
        adm1_name=p.adm1_name,
        adm2_name=p.adm2_name,
        publisher=article.publisher,
        title=article.title,
        url=article.url,
        extra=extra,
    )


_OPPOSITE = {"taliban": "government", "government": "taliban"}


# (not "uprising forces": before August 2021 they fought beside the government)
_RESISTANCE = re.compile(r"\b(?:national\s+resistance\s+front|(?-i:NRF)|resistance\s+(?:front|forces?|fighters?|movement)|"
                         r"anti-taliban\s+(?:forces?|fighters?|militias?|front))\b", re.IGNORECASE)


def _denied_to(controller: str, denier: Attribution, sentence: str) -> str:
    """Who holds a place, by a denial of a claim that ``controller`` holds it.

    After August 2021 the Taliban's foes are not the government: their denial leaves it contested.
    """
    if controller == "taliban" and (_RESISTANCE.search(denier.who) or _RESISTANCE.search(sentence)):
        return "contested"
    return _OPPOSITE[controller]


def _denies_own_claim(s: Sentence, own: list[Claim]) -> bool:
    """ "The Taliban claimed to have captured Alasay, but the police rejected the claim": the
    denial answers the claim told before it in the same sentence, not the sentences before."""
    m = denial_at(s.text)
    return m is not None and any(c.extra.get("cue_start", s.end) - s.start < m for c in own)


def _denials(article: Article, s: Sentence, previous: list[Claim], own: list[Claim],
             att: Attribution, year_hint: int | None) -> list[Claim]:
    """A denial of the claims just made ("the ministry denied the reports").

    The denial is the opposite claim, by the denier, dated like the claim it
    denies unless it carries its own date. Claims the sentence states itself
    ("saying the crossing was still under government control") are kept and
    dated the same way.
    """
    out = []
    used: set[int] = set()
    for c in previous:
        if c.controller not in _OPPOSITE:
            continue
        ctl = _denied_to(c.controller, att, s.text)
        mine = [o for o in own if o.place_key == c.place_key and o.controller == ctl]
        used.update(id(o) for o in mine)
        base = mine[0] if mine else replace(
            c, controller=ctl, sentence=s.text, attributed_to=att.who, source_type=att.source_type,
            confidence=round(max(c.confidence - 0.15, 0.05), 2),
            extra=dict(c.extra, sentence_span=(s.start, s.end), cue_start=s.start, cue_end=s.start,
                       state=True))
        d = claim_date(article.text, base.extra, article.published, year_hint)
        if d.precision == "unknown" and c.event_date:
            base = replace(base, event_date=c.event_date, time_precision=c.time_precision,
                           date_reason="same date as the claim it denies",
                           extra=dict(base.extra, denial_of=c.attributed_to, date_from_denied=True))
        out.append(base)
    return out + [o for o in own if id(o) not in used]


def _drop_fighting(claims: list[Claim]) -> list[Claim]:
    """Drop "fighting in X" where the article says X was taken or held: it was the taking."""
    settled = {c.place_key for c in claims if c.extra.get("cue_class") not in ("fight", "contest", "enter")}
    taken: dict[str, list[str | None]] = {}
    for c in claims:
        if c.controller == "taliban" and c.extra.get("cue_class") in ("take", "fall") \
                and not c.extra.get("historical") and not c.extra.get("partial"):
            taken.setdefault(c.place_key, []).append(c.event_date)

    def entry_was_the_taking(c: Claim) -> bool:
        # "The enemy entered the city from several directions": told of a place the
        # article says was taken, the entry was the taking -- unless the two are
        # days apart ("entered the city again in 2016" in a history of its falls).
        return c.extra.get("cue_class") == "enter" and c.controller == "contested" and any(
            d is None or c.event_date is None
            or abs((date.fromisoformat(d) - date.fromisoformat(c.event_date)).days) <= ENTRY_TAKING_DAYS
            for d in taken.get(c.place_key, []))

    return [c for c in claims if not (c.extra.get("cue_class") == "fight" and c.place_key in settled)
            and not entry_was_the_taking(c)]


def extract(articles: Iterable[Article], *, gazetteer: Any = None, nlp: Any = None,
            find: Callable[[str, Any], list[Mention]] | None = None) -> Iterator[ArticleResult]:
    """Stream ``ArticleResult``s, one per article, in input order.

    Holds one article (and the few parsed sentences of it) at a time. The
    gazetteer and the spaCy pipeline are loaded once when not given; pass
    ``nlp=False`` to run on the word rules alone. ``find(text, gazetteer)``
    replaces the mention finder (the opt-in geocoder uses it).
    """
    if gazetteer is None:
        from geo.places.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    if nlp is None:
        nlp = load_nlp()
    for article in articles:
        mentions = find(article.text, gazetteer) if find is not None else None
        yield extract_article(article, gazetteer=gazetteer, nlp=nlp or None, mentions=mentions)
