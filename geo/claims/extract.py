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
from datetime import date
from typing import Any

from geo.claims.attribution import (
    REPORTER,
    Attribution,
    attribute,
    attribute_in_clause,
    denies,
    hedged,
)
from geo.claims.counts import find_counts
from geo.claims.dates import (
    find_dates,
    in_dateline,
    years_in,
)
from geo.claims.enumerations import counted_lists
from geo.claims.event_dates import _DAY_RIGHT_AFTER, align_event_dates, claim_date, dedupe
from geo.claims.nlp import Sentence, load_nlp, split_sentences
from geo.models import Article, ArticleResult, Claim, CountClaim, Mention

__all__ = ["claim_date", "extract", "extract_article", "load_nlp"]
from geo.claims.cues import (
    _OPPOSITE,
    Cue,
    _find_cues,
    actor_side,
    ambiguous_actor,
    cue_controller,
    find_cues,
)
from geo.claims.denials import _denials, _denied_to, _denies_own_claim
from geo.claims.learned import enabled as learned_on
from geo.claims.learned import learned_claims
from geo.claims.links import _EXCEPT, _as_does, _Link, link_cues
from geo.claims.page import _CueSentences, _is_caption, _lead_span, link_spans
from geo.claims.reconcile import _drop_fighting, _entered_and_took, _resolve_conflicts
from geo.claims.record import claim_record as _claim
from geo.claims.rules import _rules
from geo.claims.targets import (
    Target,
    _capitals,
    _district_share,
    _targets,
    claimable,
    province_scope,
)

__all__ = ["extract", "extract_article", "load_nlp"]


# An anaphor ("the district") looks back this many sentences for its place.
ANAPHOR_REACH = 3
# A sentence this long found again in the same article is the page repeating a paragraph.
REPEAT_MIN_CHARS = 60
# Control told of before this year (the civil war, the 1996-2001 emirate) is history this map does not draw.
EARLIEST_YEAR = 2001


CLAIMED_REACH = 5


# Confidence taken off a claim read from a link to another article.
LINK_PENALTY = 0.2


# A denial ("the ministry denied the reports") answers claims this many sentences back.
DENIAL_REACH = 2


# A line of a bulleted or numbered list.
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+\S")
_LABELLED_LINE = re.compile(r"^\s*[A-Z][\w'’ -]{1,40}:[ \t]+\S[^\n]{0,300}$")


_UNNAMED_PLACE = re.compile(
    r"\b(?:a|another|one|the\s+first)\s+(?:[\w-]+\s+){0,2}?(?:district|town|city|border\s+crossing|crossing|"
    r"provincial\s+capital|base|dam)\b", re.IGNORECASE)


def extract_article(article: Article, *, gazetteer: Any, nlp: Any = None,
                    mentions: list[Mention] | None = None, learned: bool | None = None) -> ArticleResult:
    """All claims and count claims of one article.

    ``nlp`` (``load_nlp()``), when given, parses the few sentences where
    both sides are named before an action verb, to find which one acts; the
    other rules work on the text. ``mentions`` may be given to skip the
    mention finder. ``learned`` turns the learned second look
    (``geo.claims.learned``) on or off (default: ``TCMAP_LEARNED``, else the model's).
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
    pending: list[Any] = []  # (sentence, places, cues, ...) for the learned second look

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
    said: set[str] = set()  # sentences already read: a scraped page repeats its paragraphs
    for i, s in enumerate(sentences):
        sent_claims: list[Claim] = []
        targets: list[Target] = []
        if len(s.text) >= REPEAT_MIN_CHARS:
            key = " ".join(s.text.split()).lower()
            if key in said:
                continue  # told again further down, among other places: nothing new, and no antecedent
            said.add(key)
        # under "The following districts have fallen:", a line "Kunduz province: Imam Sahib, Archi" is an item too
        labelled = list_intro is not None and i not in cue_sents and bool(_LABELLED_LINE.match(s.text))
        bullet = bool(_BULLET.match(s.text)) or labelled
        if not bullet:
            list_intro = i if (s.text.rstrip().endswith(":") and i in cue_sents) else None
        if "district" in s.text and re.search(r"\d|\b(?:dozens|hundred|twenty|thirty|forty|fifty)\b", s.text):
            for number, total, qual, a, b in find_counts(s.text):
                counts.append(_count_claim(article, s, number, total, qual, a, b,
                                           attribute_in_clause(s.text, a) or att_of(i), year_hint))
        in_link = any(a <= s.start < b for a, b in links_at)
        if (i in by_sentence or (earlier and i in cue_sents)) and not _is_caption(s.text, rules):
            targets = _targets(s, by_sentence.get(i, []), capitals, earlier, gazetteer)
            if labelled:
                for t in targets:
                    if t.end <= s.text.index(":"):
                        t.container = True  # "Kunduz province: Imam Sahib, Archi": where the items lie
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
                                               year_hint, inherited_from=inherited, doc=docs.get(i),
                                               antecedent=sentences[i - 1].text if i else "")
                pending.append((i, s, targets, cues, speaker, inherited))
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
    if nlp and pending and learned_on(learned):
        claims += learned_claims(article, pending, claims, nlp, docs, lead, year_hint)
    claims = [c for c in claims if not _another_war(c, text, article.published)]
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
    # A learned claim never settles away the rules' "fighting in X": it is added, never subtracts.
    learned_ones = [c for c in claims if c.extra.get("rule") == "learned"]
    kept = _drop_fighting([c for c in claims if c.extra.get("rule") != "learned"])
    return ArticleResult(article, dedupe(kept + learned_ones), counts, list(mentions))


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


def _another_war(c: Claim, text: str, published: date | None) -> bool:
    """ "In 1998, when the Taliban took the city": control told of with only years before
    EARLIEST_YEAR is another war's, not this map's (unless the article itself is that old)."""
    span = c.extra.get("sentence_span")
    if not span or (published is not None and published.year < EARLIEST_YEAR):
        return False
    years = years_in(text[span[0]:span[1]])
    return bool(years) and max(years) < EARLIEST_YEAR


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
                     inherited_from: Sentence | None = None, doc: Any = None, antecedent: str = "") -> list[Claim]:
    text = s.text
    if inherited_from is not None:
        # The places of a list sentence take the cue of the sentence before.
        links = {t.group: [_Link(c, 0, ctl)] for t in targets for c in cues[:1]
                 if (ctl := cue_controller(c, inherited_from.text, 0))}
    else:
        links = link_cues(text, cues, targets, doc)
        _as_does(text, targets, links)
        counted_lists(text, cues, targets, links, doc)
    hedge = hedged(text)
    firsts: dict[int, Target] = {}
    lasts: dict[int, int] = {}
    for t in targets:
        firsts.setdefault(t.group, t)
        lasts[t.group] = max(lasts.get(t.group, 0), t.end)
    found: list[tuple[Target, _Link]] = []
    for t in targets:
        if t.scope and t.anaphor_of is not None and t.group not in links and not t.excluded and not t.container:
            # "all districts except Qala-i-Naw were in Taliban hands": the share takes the cue of its exception
            exc = next((o for o in targets if o.group in links and o.start >= t.end
                        and _EXCEPT.search(text, max(0, o.start - 30), o.start)), None)
            if exc is not None:
                links[t.group] = links[exc.group]
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
        elif t is not firsts[t.group] and _ALL_BUT_DISTRICTS.search(text, max(0, firsts[t.group].start - 60), firsts[t.group].start):
            # "hold all but two districts of Faryab province, Maimana and Andkhoy": the two are the other side's
            ctl = _OPPOSITE.get(ctl, ctl)
        if ctl == "speaker":
            # "under our control": the side of whoever says it; "in their hands" with no
            # actor in its sentence: the side last named in the sentence before.
            if att.source_type in ("taliban", "government"):
                ctl = att.source_type
            elif (back := actor_side(antecedent, last=True) if _THEIR.search(link.cue.text) else None) is not None:
                ctl = back
            else:
                continue
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
        if denied is None and ctl in _OPPOSITE:
            denied = _false_report(text, t.start, link.cue.end)
        if denied is not None and denied.end() <= t.start:
            # "officials denied reports that Islam Qala had been captured": the reported claim,
            # by whoever made it, and its denial, by the denier (../shared/CLAIMS.md)
            reported = Attribution("Taliban", "taliban") if re.search(r"taliban", denied.group(0), re.IGNORECASE) \
                else Attribution("reports", "third_party")
            if _REPORT_NOUN.search(denied.group(0)):
                # "denied reports that X had fallen": the report is a claim of its own; a bare
                # "denied that X had fallen" tells only the denier's word
                out.append(_claim(article, t, s, ctl, d, scope, reported, round(max(conf - 0.15, 0.05), 2),
                                  dict(extra, denied_by=who.who)))
            flip = _denied_to(ctl, who, text)
            out.append(_claim(article, t, s, flip, d, scope, who, round(max(conf - 0.1, 0.05), 2),
                              dict(extra, denial_of=reported.who, state=True)))
            continue
        out.append(_claim(article, t, s, ctl, d, scope, who, round(max(conf, 0.05), 2), extra))
    return out


_THEIR = re.compile(r"\btheir\b", re.IGNORECASE)
_REPORTS = r"(?:reports?|claims?|rumou?rs?|allegations?|suggestions?|assertions?)"
_REPORT_NOUN = re.compile(r"\b" + _REPORTS + r"\b", re.IGNORECASE)
# "denied reports that X had fallen", "rejected Taliban claims that ...": the clause after is denied
_DENIED_THAT = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
                          r"(?:(?:the\s+|these\s+)?(?:taliban(?:['’]s)?\s+)?" + _REPORTS + r"\s+)?(?:that\b|(?=(?:(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)*\s+"
                          r"(?:district\s+|city\s+)?|the\s+(?:district|city|town|provincial\s+capital)\s+)(?:was|were|had|has)\b))",
                          re.IGNORECASE)


_ALL_BUT_DISTRICTS = re.compile(r"\ball\s+(?:but|except)\s+(?:\w+\s+){1,2}?districts?\s+(?:of|in)\s+(?:the\s+)?$", re.IGNORECASE)
# "Claims of Dawlat Shah district falling are false": the report, and its denial by whoever says so
_REPORT_OF = re.compile(r"\b(?:(?:the\s+)?taliban(?:['’]s)?\s+)?(?:claims?|reports?|rumou?rs?|news)\s+(?:of|that|about)\s+(?:the\s+)?",
                        re.IGNORECASE)
_IS_FALSE = re.compile(r"\s+(?:\w+\s+){0,4}?(?:is|are|was|were)\s+(?:completely\s+|totally\s+|entirely\s+|absolutely\s+)?"
                       r"(?:false|untrue|baseless|unfounded|incorrect|not\s+true|wrong|propaganda|lies|rumou?rs)\b",
                       re.IGNORECASE)


def _false_report(text: str, place_start: int, cue_end: int) -> re.Match[str] | None:
    """The "claims of" before a place whose claim the sentence then calls false, else None."""
    head = None
    for m in _REPORT_OF.finditer(text, max(0, place_start - 60), place_start):
        head = m
    if head is None or head.end() != place_start or not _IS_FALSE.match(text, cue_end):
        return None
    return head


_PARTIAL = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:prison|jail|area|areas|neighbou?rhoods?|outskirts|bazaar|market|"
                      r"headquarters|compound|airport|radio|station|square|suburbs?|parts?)\b", re.IGNORECASE)


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
