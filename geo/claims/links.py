"""Links from each cue to the places it governs: objects, subjects, lists, colons, fronted places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from geo.claims.cues import Cue, cue_controller
from geo.claims.rules import _rules
from geo.claims.targets import _FRONTED, Target

# How far (in words) a place may sit from the cue that governs it.
MAX_OBJECT_GAP = 9


MAX_SUBJECT_GAP = 11


MAX_INCLUDING_GAP = 16


# Text that ends the reach of a cue: a new clause, a quote, a new statement.
_BOUNDARY = re.compile(
    r"[;:!?“”\"]|\.\s|\s[–—]\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bhowever\b|\bafter\b|\bbefore\b|"
    r"\bwhen\b|\bsince\b|\bwhere\b|\bamid\b|\bsaid\b|\bsays\b|\btold\b|\baccording\b|\bthough\b|\bmeanwhile\b|"
    r"\bbecause\b|(?<!\bwell\s)(?<!\bsuch\s)\bas\b(?!\s+well\b)(?!\s+(?:the|its)\s+(?:only|last|sole|lone)\b)|\bthen\b|\bwho\b",
    re.IGNORECASE,
)


# "Also captured were Sayghan and Shibar": the verb fronted, its places after "were"
_FRONTED_VERB = re.compile(r"\s*(?:also\s+|and\s+|likewise\s+)?", re.IGNORECASE)
_WERE = re.compile(r"\s+(?:were|was)\s+(?:also\s+)?(?:the\s+)?(?:(?:districts?|towns?|cities|city)\s+of\s+)?", re.IGNORECASE)


# "all but two districts of": no new clause
_ALL_BUT = re.compile(r"\ball\s+but\b", re.IGNORECASE)


_WORD = re.compile(r"[\w'’-]+")


_EXCEPT = re.compile(r"\b(?:except|except\s+for|apart\s+from|other\s+than|save\s+for|but\s+not|all\s+but)\s+(?:the\s+|for\s+)?$",
                     re.IGNORECASE)


# "fallen to the Taliban, including Dasht-e Archi": the list names places of the claim.
_INCLUDING = re.compile(r"\b(?:including|among\s+them|such\s+as|namely|notably|in\s+addition\s+to|besides|"
                        r"along\s+with|together\s+with|(?:preceded|followed)\s+(?:\w+\s+){0,4}?by(?:\s+th(?:at|ose)\s+of)?)\s+(?:the\s+)?$",
                        re.IGNORECASE)


# Fighting and sieges govern only a place named right after them ("fighting in
# Kunduz", "encircled the city of Kunduz"), not "an attack on an outpost in X".
_CONTEST_GAP = re.compile(
    r"^\s*(?:control\s+(?:of|over)\s+)?(?:(?:some|several|many|large|other)\s+)?(?:(?:the|its)\s+)?"
    r"(?:(?:[a-z]+ern|key|strategic|provincial|main)\s+)?(?:(?:parts?|areas?|outskirts|fringes|edges?|gates|suburbs)\s+of\s+)?"
    r"(?:the\s+)?(?:(?:[a-z]+ern|key|strategic|provincial)\s+)?(?:(?:city|town|district|provincial\s+capital|"
    r"capital|center|centre|outskirts|fringes|edge|gates|cities|towns|districts|provincial\s+capitals)\s+"
    r"(?:of\s+|like\s+|such\s+as\s+|including\s+)?(?:the\s+)?)?$", re.IGNORECASE)


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
    if _BOUNDARY.search(_ALL_BUT.sub(" all ", gap_text)):
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
                             or _EXCEPT.search(text, max(0, g_start - 30), g_start)
                             or (_FRONTED_VERB.fullmatch(text[:cue.start]) and _WERE.fullmatch(text[cue.end:g_start])))
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
        rel_link = _object_relative_link(text, g_end, doc)
        if rel_link is not None and all(lk.controller != rel_link.controller for lk in found):
            found.append(rel_link)
        if found:
            links[gid] = found
    return links


# "Kunduz city, which the Taliban briefly held in 2015, ...": the place is the object of the clause's verb
_OBJECT_RELATIVE = re.compile(
    r"\s*,\s*(?:which|that)\s+(?P<actor>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+(?:\w+ly\s+)?"
    r"(?:had\s+|has\s+|have\s+)?(?:also\s+|first\s+|once\s+|briefly\s+)?"
    r"(?P<verb>held|controlled|captured|seized|overran|overrun|took|taken|retook|recaptured|retaken|occupied|conquered)\b",
    re.IGNORECASE)


def _object_relative_link(text: str, g_end: int, doc: Any) -> _Link | None:
    m = _OBJECT_RELATIVE.match(text, g_end)
    if m is None or _BOUNDARY.search(m.group("actor")):
        return None
    held = m.group("verb").lower() in ("held", "controlled", "occupied")
    cue = Cue("hold_object" if held else "take", m.start("verb"), m.end("verb"), m.group("verb"), "object",
              "agent", "", 1)
    ctl = cue_controller(cue, text, m.start("actor"), doc)
    return _Link(cue, 0, ctl) if ctl in ("taliban", "government") else None


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
    heading = not intro.strip() and (not text[:cue.start].strip() or (
        _PLURAL_PLACES.search(text, 0, cue.start) and len(_WORD.findall(text[:cue.start])) <= 4))
    if heading:
        pass  # "Districts under siege: Khan Abad and Chahar Dara", "Contested: ...": a round-up's heading
    elif cue.mode in ("object", "both") and not cue.passive:
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
