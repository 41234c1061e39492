"""The places of a sentence a cue may govern: references, containers, lists, anaphors, provincial capitals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.claims.nlp import Sentence, lexicon
from geo.claims.rules import _rules
from geo.models import Mention, Place


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
    destination: bool = False  # where someone went ("officials moved to the provincial capital, Gardez")

    def named(self) -> Target:
        """The target that names the place: itself, or what its anaphor points back to."""
        t = self
        while t.anaphor_of is not None:
            t = t.anaphor_of
        return t


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


_PROVINCIAL_CAPITAL = re.compile(
    r"\b(?:the|its|their)\s+(?:(?:[a-z]+ern|key|strategic)\s+)?(?:provincial\s+capital|provincial\s+centre|"
    r"provincial\s+center|capital\s+city|capital(?=\s+of\b))(?![\w-])", re.IGNORECASE)


# "Mianshin in Kandahar", "Arghandab district of Kandahar": where the place before lies.
_WHERE_IT_LIES = re.compile(
    r"(?:\bin|\b(?:district|districts|province|city|town)\s+of)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$", re.IGNORECASE)


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
        if not re.match(r"\s+of\b", text[pm.end():]) \
                and any(t.place.level != "province" and re.fullmatch(r"\s*,\s*", text[t.end:pm.start()]) for t in out):
            continue  # "except Taloqan, the capital city": an appositive of the place just named
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
    dateline = _DATELINE_PLACE.match(text) or _DATELINE_TITLE.match(text)
    for t in out:
        before = text[max(0, t.start - 90):t.start]
        after = text[t.end:t.end + 60]
        t.destination = bool(_DESTINATION.search(before))
        called = _CALLED_BEFORE.search(before) or _CALLED_AFTER.match(after)
        if called:
            t.noun = called.group(1).lower()
        share = _district_share(before, after)
        if share is not None and gazetteer is not None and hasattr(gazetteer, "province"):
            # "controls five districts out of Sar-e-Pul's seven", "17 of 19 Herat districts": the province
            try:
                prov = t.place if t.place.level == "province" else gazetteer.province(t.place.adm1_pcode)
            except KeyError:
                prov = None
            if prov is not None and share[0] * 2 > share[1]:
                t.place = prov
                t.scope = "all" if share[0] >= share[1] else "most"
            elif prov is not None:
                t.excluded = "unnamed district"  # "one of Sar-e-Pul's seven districts": unnamed places
        elif _PROVINCE_DISTRICTS.match(after) and gazetteer is not None and hasattr(gazetteer, "province_named") \
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
                and _COUNTED.search(before) and share is None:
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
        elif t.start < 60 and _FRONTED.match(text[:t.start]) and _SPEAKER_AFTER.match(after):
            t.excluded = "speaker's place"  # "In Kabul, the ministry said ...": where the speaker is
        elif _SPEAKER_IN.search(before) and _speech_after().match(after):
            t.excluded = "speaker's place"  # "The defence ministry in Kabul denied ...": where the speaker sits
        if t.place.level == "province":
            share = _district_share(before, after)
            t.container = (share is None or share[0] * 2 <= share[1]) and _is_container(before, after, t, out)
        if t.start < 80 and after.startswith(",") and _FRONTED_REGION.match(text[:t.start]) \
                and (t.place.level == "province" or (t.mention is not None and t.mention.rule == "capital-default")) \
                and any(o.start > t.end and o.place.adm1_pcode == t.place.adm1_pcode and o.place.key != t.place.key
                        for o in out):
            # "In Ghazni, Deh Yak district has also fallen": the province the sentence's places lie in
            t.container = True
        if text[t.end:t.end + 1] == ")" and any(
                o is not t and o.place.key != t.place.key and o.end <= t.start and t.start - o.end <= 4
                and re.fullmatch(r"\s*\(\s*", text[o.end:t.start]) for o in out):
            t.container = True  # "Nahrin (Baghlan)", "Kohistanat (Sar-e Pul)": where the place before lies
    group = 0
    for i, t in enumerate(out):
        if i:
            glue = text[out[i - 1].end:t.start]
            if not _GLUE.match(glue) and not _APPOSITIVE_AND.match(glue):
                group += 1
            elif re.fullmatch(r"\s*,\s*", glue) and _FRONTED_CLAUSE.match(text[:out[i - 1].start]):
                # "While clashes continued in Shindand, Adraskan fell": the comma ends the fronted clause
                group += 1
            elif _WHERE_IT_LIES.search(text, max(out[i - 1].start, t.start - 30), t.start) \
                    and not re.search(r"\b(?:and|or)\s+(?:also\s+)?in\s+(?:the\s+)?$", glue, re.IGNORECASE) \
                    and not re.search(r"\b(?:and|or)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:districts?|city|cities|towns?)\s+of\s+$", glue, re.IGNORECASE) \
                    and not (out[i - 1].place.level == "province"
                             and re.fullmatch(r"\s+(?:province\s+)?districts?\s+of\s+(?:the\s+)?", glue, re.IGNORECASE)):
                # (nor "the Helmand province district of Musa Qala": the district named)
                # (nor "Ishkashim and the neighbouring district of Zebak": a second place)
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
    _capitals_named_by_province(text, out, capital_of)
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
            if text[am.end():am.end() + 2] in ("'s", "’s"):
                continue  # "the province's Balkhab district": where the district lies
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
        prior = [t for t in out if t.end <= am.start() and (t.excluded in (None, "reference") or (
                     t.excluded == "title" and _PEOPLE_OF.search(text, max(0, t.start - 40), t.start)))
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
    _both(text, out, sentence.start)
    _bare_district_scopes(text, out, gazetteer, sentence.start)
    out.sort(key=lambda t: t.start)
    return out


# "recaptured Doshi and Dahana-i-Ghori, a week after both fell": each place of the list before
_BOTH = re.compile(r"\b(?:both(?:\s+of\s+them)?|all\s+(?:three|four|five|of\s+them)|the\s+(?:two|three)(?!\s+[a-z]+s\b))"
                   r"(?=\s+(?:had\s+|have\s+|were\s+|are\s+)?(?:\w+ly\s+)?(?:fell|fallen|captured|seized|taken|"
                   r"overrun|retaken|recaptured|under|in\s+(?:taliban|government)|came)\b)", re.IGNORECASE)


def _both(text: str, out: list[Target], base: int) -> None:
    for m in _BOTH.finditer(text):
        before = [t for t in out if t.end <= m.start() and t.anaphor_of is None and not t.container
                  and t.place.level != "province"]
        if not before:
            continue
        last = before[-1].group
        members = [t for t in before if t.group == last]
        want = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
        n = next((v for k, v in want.items() if k in m.group(0).lower()), None)
        if len(members) < 2 or (n is not None and len(members) != n):
            continue
        group = max(t.group for t in out) + 1
        for t in members:
            out.append(Target(m.start(), m.end(), m.group(0), t.place, t.mention, group=group, base=base,
                              anaphor_of=t))


# "all districts have fallen", "most of the districts are now under Taliban control": a share of
# districts with no province after it stands for the province in view (named up front, or of its exception).
_BARE_DISTRICT_SCOPE = re.compile(
    r"\b(?P<q>all|every|most|nearly\s+all|almost\s+all|the\s+majority)\s+(?:of\s+)?(?:the\s+|its\s+)?"
    r"(?:other\s+|remaining\s+|rural\s+)?(?:districts|district(?=\s+(?:has|had|is|was)\b))(?!\s+(?:of|in|across)\b)"
    r"(?!\s*(?:,\s*)?(?:including|namely|such\s+as|:))", re.IGNORECASE)


_EXCEPT_CAPITAL = re.compile(r"\s+(?:except|but|apart\s+from|save)\s+(?:for\s+)?(?:the\s+)?", re.IGNORECASE)


def _bare_district_scopes(text: str, out: list[Target], gazetteer: Any, base: int) -> None:
    if gazetteer is None or not hasattr(gazetteer, "province"):
        return
    for m in _BARE_DISTRICT_SCOPE.finditer(text):
        if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in out):
            continue
        before = [t for t in out if t.end <= m.start()]
        # the province named in this sentence, else the province of the exception after it
        fronted = [t for t in before if _FRONTED_REGION.match(text[:t.start]) and (
            t.place.level == "province" or (t.mention is not None and t.mention.rule == "capital-default"))]
        provinces = [t for t in before if t.place.level == "province"]
        if fronted or provinces:
            # "In Faryab, which borders Jawzjan, ... every district": the province named up front
            ref = (fronted or provinces)[0 if fronted else -1]
        elif (exc := _EXCEPT_CAPITAL.match(text, m.end())) is not None and \
                (after := [t for t in out if t.start >= m.end() and t.start <= exc.end() + 2]):
            if len({t.place.adm1_pcode for t in out if t.group == after[0].group}) > 1:
                continue  # "all districts except Nerkh and Maywand": of no one province
            ref = after[0]  # "all districts except the provincial capital": the capital's province
        else:
            continue
        try:
            prov = gazetteer.province(ref.place.adm1_pcode)
        except KeyError:
            continue
        q = m.group("q").lower()
        group = max((t.group for t in out), default=-1) + 1
        out.append(Target(m.start(), m.end(), m.group(0), prov, None, group=group, base=base, anaphor_of=ref,
                          scope="all" if q in ("all", "every") else "most"))


# The same in title case, with its date or its agency: "Kabul, Aug 8 (Pajhwok):", "Ghazni City (Pajhwok):".
_DATELINE_TITLE = re.compile(
    r"^\s*(?P<place>[A-Z][a-z'’\-]+(?:[ -][A-Z][a-z'’\-]+)?)(?:\s*,\s*[A-Z][a-z]+)?"
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?\s*(?:\([^)\n]{1,25}\))?|\s*\([^)\n]{1,25}\))"
    r"\s*(?:--|[:\-–—])\s")


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


_IN_THE = re.compile(r"\b(?:a|an|the|one|any|every|each|no|first|second|third|only|last|latest)\s+(?:[\w-]+\s+)?"
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
    elif "capital" in a or "provincial cent" in a:
        want = lambda t: t.place.kind == "city" or t.noun == "city"
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
        newer = [t for t in fitting if t.seen_at > latest and not t.destination]
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


def _capitals_named_by_province(text: str, out: list[Target], capital_of: _Capitals) -> None:
    """ "The capitals of Laghman and Kapisa provinces fell", "took three provincial capitals:
    Zaranj, Sar-e-Pul and Taloqan": a province named as a capital stands for its capital city."""
    groups: dict[int, list[Target]] = {}
    for t in out:
        groups.setdefault(t.group, []).append(t)
    listed_from = [m.end() for m in _CAPITALS_LISTED.finditer(text)]
    for members in groups.values():
        first = members[0]
        named_as = _CAPITALS_OF.search(text, max(0, first.start - 60), first.start)
        listed = any(0 <= first.start - end and not _LIST_BREAK.search(text, end, first.start) for end in listed_from)
        if named_as is None and not listed:
            continue
        for t in members:
            if t.place.level != "province" or t.excluded:
                continue
            if listed and named_as is None and _LIES_IN.search(text, max(0, t.start - 40), t.start):
                continue  # "Zaranj in the southern province of Nimroz": where the capital lies
            cap = capital_of.get(t.place.adm1_pcode)
            if cap is not None:
                t.place, t.container = cap, False


# "the capitals of", "the provincial centres of the northern provinces of"
_CAPITALS_OF = re.compile(
    r"\b(?:provincial\s+)?(?:capitals|capital\s+cities|centres|centers)\s+of\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern|neighbou?ring|key)\s+)?(?:provinces\s+of\s+)?$", re.IGNORECASE)
# "three provincial capitals over the weekend — A, B and C", "19 capitals, including A": a list of capitals follows
_CAPITALS_LISTED = re.compile(
    r"\b(?:provincial\s+capitals|provincial\s+centres|provincial\s+centers|capitals|capital\s+cities)\b"
    r"[^.;:—–]{0,50}?(?:\s[—–]\s?|:|\(|,?\s+(?:including|namely|such\s+as|among\s+them|notably)\b)", re.IGNORECASE)
# A list of capitals ends at a new clause.
_LIST_BREAK = re.compile(r"[.;!?]|\b(?:said|says|while|but|after|before|when)\b", re.IGNORECASE)
_LIES_IN = re.compile(r"\b(?:in|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:province\s+of\s+)?$", re.IGNORECASE)


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


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
_N = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
# "26 of Badakhshan's 28 districts", "five districts out of Sar-e-Pul's seven districts"
_SHARE_BEFORE = re.compile(r"\b" + _N + r"\s+(?:(?:of\s+the\s+)?districts\s+)?(?:out\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"^['’]s?\s+" + _N + r"\s+districts\b", re.IGNORECASE)
# "17 of 19 Herat districts", "17 of the 19 districts of Herat"
_SHARE_BEFORE_BOTH = re.compile(r"\b" + _N + r"\s+(?:(?:of\s+the\s+)?districts\s+)?(?:out\s+)?of\s+(?:the\s+|its\s+)?" + _N +
                                r"\s+(?:districts\s+(?:of|in)\s+(?:the\s+)?(?:[a-z]+ern\s+)?)?$", re.IGNORECASE)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _district_share(before: str, after: str) -> tuple[int, int] | None:
    """(n, m) for "26 of Badakhshan's 28 districts", "17 of 19 Herat districts", else None."""
    both = _SHARE_BEFORE_BOTH.search(before)
    if both is not None and (re.match(r"^\s+(?:province\s+)?districts\b", after, re.IGNORECASE)
                             or re.search(r"districts\s+(?:of|in)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$", before, re.IGNORECASE)):
        n, m = _number(both.group(1)), _number(both.group(2))
        return (n, m) if 0 < n <= m else None
    b, a = _SHARE_BEFORE.search(before), _SHARE_AFTER.match(after)
    if b is None or a is None:
        return None
    n, m = _number(b.group(1)), _number(a.group(1))
    return (n, m) if 0 < n <= m else None


def province_scope(before: str) -> str:
    """The scope of a province claim from the words before the name."""
    for scope, pattern in _rules().scopes:
        if pattern.search(before):
            return scope
    return "all"


# "In Herat, the Taliban seized the police headquarters ...": the place of the
# sentence, named up front, is where the facilities were taken.
_FRONTED = re.compile(r"^\s*(?:In|Inside)\s+(?:the\s+(?:city|town|district)\s+of\s+)?$")
_FRONTED_REGION = re.compile(r"^\s*(?:(?:Elsewhere|Meanwhile|Also|And|But)\s*,?\s+)?(?:in|across|inside)\s+(?:the\s+)?"
                             r"(?:(?:neighbou?ring|nearby|northern|southern|eastern|western|central|restive)\s+)?$",
                             re.IGNORECASE)


# A fronted subordinate clause with no comma yet: "While clashes continued in ", "After days of fighting around "
_FRONTED_CLAUSE = re.compile(r"^\s*(?:While|Whilst|As|After|Amid|Amidst|Following|Despite|Although|Though|With|Since|"
                             r"When|Before|Even\s+as|Even\s+though)\b[^,;:]*$")


# "residents of Imam Sahib, which fell last week": the relative clause claims the place all the same
_CLAIMING_RELATIVE = re.compile(r"^\s*,\s*(?:which|that)\s+(?:[\w'’-]+\s+){0,3}?(?:fell|fallen|was\s+(?:captured|overrun|"
                                r"seized|taken|retaken)|(?:is|are)\s+(?:now\s+|still\s+)?(?:under|in)\b|remains?\b|"
                                r"(?:has|had)\s+been\s+(?:under|captured|overrun|seized|taken))", re.IGNORECASE)


# "Residents of Mohammad Agha said the district remained under government control": where the people are
_PEOPLE_OF = re.compile(r"\b(?:residents?|people|elders|natives?|families|locals?|villagers)\s+(?:of|in|from)\s+(?:the\s+)?$",
                        re.IGNORECASE)
# "the district chief had moved to the provincial capital, Gardez": where people went, not what the text moved on to
_DESTINATION = re.compile(r"\b(?:moved|fled|relocated|transferred|evacuated|shifted|taken|flown|went|headed|escaped)\s+"
                          r"(?:[\w'’-]+\s+){0,2}?to\s+(?:the\s+)?(?:(?:provincial\s+capital|city|town|district\s+cent(?:re|er))\s*,?\s*(?:of\s+)?)?$",
                          re.IGNORECASE)
_FELL_BACK_TO = re.compile(r"\b(?:retreat|withdr|pull|f[ae]ll|regroup)\w*\s+(?:back\s+)?to\s+(?:the\s+)?$", re.IGNORECASE)


# "In Kabul, however, the interior ministry said ...": the fronted place is the speaker's
_SPEAKER_AFTER = re.compile(r"^\s*,\s*(?:however\s*,\s*|meanwhile\s*,\s*)?(?:[\w'’.-]+\s+){1,6}?"
                            r"(?:said|says|told|announced|stated|insisted|claimed|confirmed|denied)\b")


# "The defence ministry in Kabul denied the district had fallen", "officials in Herat said ..."
_SPEAKER_IN = re.compile(r"\b(?:ministry|government|officials?|spokes(?:man|woman|person)|authorities|"
                         r"governor['’]?s?\s+office|embassy|headquarters|sources?)\s+(?:in|from)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _speech_after() -> re.Pattern[str]:
    """A verb of saying right after a place (the lexicon's own list of them)."""
    speech = "|".join(lexicon()["attribution"]["speech"])
    return re.compile(r"^\s*(?:,\s*)?(?:(?:also|later|have|has|had|on\s+\w+day)\s+){0,2}(?:" + speech + r")\b",
                      re.IGNORECASE)


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
