"""Action cues in a sentence ("captured", "fell to", "under the control of") and who they say holds the place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.claims.nlp import lexicon
from geo.claims.rules import _alt, _rules


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


_FOREIGN_HINT = re.compile(r"\b(?:U\.?S|US|American|NATO|coalition|foreign|international|British|ISAF|allied)\b", re.IGNORECASE)
_FOREIGN_ACTOR = re.compile(r"(?<!Afghan and )(?<!Afghan, )(?<!Afghan & )\b(?:the\s+)?(?:U\.?S\.?|US|American|NATO|coalition|foreign|international|British|ISAF|allied)"
                            r"(?:[\s-]+(?:led|and\s+NATO|special|combat|ground))?\s+(?:forces|troops|soldiers|military|marines|"
                            r"special\s+forces|personnel|service\s*members)\b", re.IGNORECASE)


def actor_side(text: str, *, last: bool) -> str | None:
    """The side of the actor named in ``text`` (the nearest to its end if ``last``)."""
    best: tuple[int, int, str] | None = None
    # "under the protection of US troops": foreign forces are neither side of this map
    text = _FOREIGN_ACTOR.sub(lambda m: " " * len(m.group(0)), text) if _FOREIGN_HINT.search(text) else text
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


_OUR_FORCES = re.compile(r"\b(?:[Oo]ur\s+(?:brave\s+)?(?:forces|troops|fighters|mujahideen|soldiers|men|units)|[Ww]e)\b")
_SAID_IT = re.compile(r"\b(?:said|says|claimed|claims|announced|stated)\s+(?:that\s+)?(?:it|they|its\s+(?:forces|fighters)|"
                      r"their\s+(?:forces|fighters))\s+(?:had\s+|have\s+|has\s+)?(?:also\s+|now\s+)?$", re.IGNORECASE)
_FROM_SIDE = re.compile(r"\bfrom\s+((?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)", re.IGNORECASE)


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
            after = sentence[cue.end:cue.end + 70]
            if cue.cls in ("take", "retake"):
                # "taken from the Taliban by commandos": the agent is after "by", not the side it was taken from
                after = _FROM_SIDE.sub(lambda f: " " * len(f.group(0)), after, count=1)
            m = _BY.match(after)
            side = actor_side(after, last=False) if m else None
        elif side is None:
            side = actor_side(sentence[clause_start:cue.start], last=True)
            if side is None and _FOREIGN_ACTOR.search(sentence, clause_start, cue.start):
                return None  # "NATO troops took the hill": not a side of this map
            if side is None and _SAID_IT.search(sentence, max(0, cue.start - 60), cue.start):
                # "The National Resistance Front said it had taken Deh Saleh": "it" is the speaker
                side = actor_side(sentence[:cue.start], last=False)
            if side is None and actor_side(sentence[:cue.start], last=True) is None \
                    and _OUR_FORCES.search(sentence, 0, cue.start):
                # "Our forces cleared Nawa and raised the flag", says a spokesman: the speaker's side
                return None if cue.negated else "speaker"
        if side is None and (cue.passive or cue.nominal) and cue.cls in ("take", "retake"):
            # "Musa Qala was captured from the Taliban in 2007": the side it was taken from lost it
            lost = _FROM_SIDE.search(re.split(r"[,;.:“”\"]", sentence[cue.end:cue.end + 80])[0])
            loser = actor_side(lost.group(1), last=False) if lost else None
            side = _OPPOSITE.get(loser or "")
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


def ambiguous_actor(sentence: str, cue: Cue) -> bool:
    """Whether both sides are named before an agent cue, so only a parse can tell who acts."""
    if cue.controller != "agent" or cue.nominal or cue.passive:
        return False
    before = sentence[:cue.start]
    return all(p.search(before) for _, p in _rules().actors)


_OPPOSITE = {"taliban": "government", "government": "taliban"}
