"""A learned second look at the places the hand rules left unclaimed (issue 12).

The rules tie each action cue to the places it governs by word patterns; they
miss places governed from afar ("took three provincial capitals over the
weekend — Zaranj in ..., Sar-e-Pul and Taloqan"). This module scores every
(sentence, place) pair of a sentence with an action cue with a small
multinomial logistic regression over sparse, hashed features (the cues of the
sentence, the dependency path from the place to the nearest cue, the words
around the place, the actors named, the rules' own decision) and proposes a
claim where the rules made none and the model is sure enough.

The model is trained by ``scripts/train_linker.py`` and shipped as
``geo/data/linker.json``: per hashed feature one weight per class (no text).
Inference is plain Python. ``TCMAP_LEARNED=0`` (or ``extract_article(...,
learned=False)``) turns it off; ``TCMAP_LEARNED=1`` forces it on.
"""

from __future__ import annotations

import json
import math
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from geo.claims.attribution import Attribution, attribute_in_clause, hedged
from geo.claims.cues import Cue, actor_side, cue_controller
from geo.claims.nlp import Sentence
from geo.claims.record import claim_record as _claim
from geo.claims.targets import Target, province_scope

CLASSES = ("none", "taliban", "government", "contested")
BUCKETS = 1 << 18
MODEL_FILE = "data/linker.json"

# Shipped default (the model file may carry its own): whether the learned part runs
# when neither the switch nor the parameter says.
DEFAULT_ON = False


@dataclass
class Candidate:
    """A place of a sentence with an action cue, and what the rules did with it."""

    index: int  # sentence number in the article
    sentence: Sentence  # where the claim's text is
    target: Target
    cues: list[Cue]
    speaker: Attribution
    inherited: Sentence | None  # the sentence whose cues a list line takes
    features: list[str]


def enabled(param: bool | None = None) -> bool:
    """Whether the learned part runs: the parameter, else ``TCMAP_LEARNED``, else the model's default."""
    if param is not None:
        return param
    env = os.environ.get("TCMAP_LEARNED", "").strip().lower()
    if env in ("0", "false", "off", "no"):
        return False
    if env in ("1", "true", "on", "yes"):
        return True
    model = load_model()
    return bool(model and model.get("default_on", DEFAULT_ON))


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The shipped model (cached), or None when the package has none."""
    try:
        raw = resources.files("geo").joinpath(MODEL_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return _prepare(json.loads(raw.decode("utf-8")))


def _prepare(model: dict[str, Any]) -> dict[str, Any]:
    model = dict(model)
    model["_w"] = {int(k): v for k, v in model["weights"].items()}
    return model


def bucket(feature: str) -> int:
    """The hashed index of a feature (stable across runs and machines)."""
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


def predict(model: dict[str, Any], features: list[str]) -> list[float]:
    """Class probabilities (in ``model["classes"]`` order) for one candidate."""
    w = model["_w"]
    scores = list(model["intercept"])
    for b in {bucket(f) for f in features}:
        row = w.get(b)
        if row is not None:
            for k, x in enumerate(row):
                scores[k] += x
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return [e / total for e in exp]


# --- collecting (for training) ------------------------------------------------------------

_collector: list[list[Any]] = []


@contextmanager
def collecting() -> Iterator[list[tuple[str, Candidate]]]:
    """Within the block, every article's candidates are appended to the yielded list as
    ``(article_id, Candidate)`` (the training script's hook); no learned claims are added."""
    out: list[tuple[str, Candidate]] = []
    _collector.append(out)
    try:
        yield out
    finally:
        _collector.remove(out)


# --- features -----------------------------------------------------------------------------

_NEG = re.compile(r"\b(?:not|no|never|false|denied|denies|deny|rejected|baseless|untrue|rumou?rs?|propaganda)\b|n't\b",
                  re.IGNORECASE)
_MODAL = re.compile(r"\b(?:would|could|might|may|will|threat\w*|attempt\w*|try|trying|tried|bid|aim\w*|plan\w*|"
                    r"seek\w*|want\w*|hop(?:e|es|ing))\b", re.IGNORECASE)
_LIST_INTRO = re.compile(r"(?:\bincluding|\bamong(?:\s+them)?|\bnamely|\bsuch\s+as|:|[–—]|\bare|\bwere)\s*(?:the\s+)?$",
                         re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'’-]*")
_EXCEPT_NEAR = re.compile(r"\b(?:except|apart\s+from|other\s+than|save\s+for|but\s+not|barring)\b", re.IGNORECASE)


def _bin(n: int) -> str:
    return str(n) if n < 4 else ("4-6" if n < 7 else ("7-12" if n < 13 else "13+"))


def _head_token(doc: Any, start: int, end: int) -> Any:
    toks = [tok for tok in doc if start <= tok.idx < end]
    if not toks:
        return None
    for tok in toks:
        if not (start <= tok.head.idx < end) or tok.head is tok:
            return tok
    return toks[-1]


def _cue_token(doc: Any, cue: Cue) -> Any:
    span = [tok for tok in doc if cue.start <= tok.idx < cue.end]
    if not span:
        return None
    return next((t for t in span if t.pos_ == "VERB"), None) or _head_token(doc, cue.start, cue.end)


def _path(a: Any, b: Any) -> tuple[list[str], Any, list[str]]:
    """The dependency path from ``a`` up to the common ancestor and down to ``b``."""
    up = [a]
    while up[-1].head is not up[-1] and len(up) < 40:
        up.append(up[-1].head)
    index = {t.i: n for n, t in enumerate(up)}
    down = [b]
    while down[-1].i not in index and down[-1].head is not down[-1] and len(down) < 40:
        down.append(down[-1].head)
    top = down[-1]
    if top.i not in index:
        return [t.dep_ for t in up], None, [t.dep_ for t in down]
    return [t.dep_ for t in up[:index[top.i]]], top, [t.dep_ for t in reversed(down[:-1])]


def features(cand_text: str, t: Target, cues: list[Cue], doc: Any, *, index: int, inherited: bool,
             group_size: int, group_pos: int) -> list[str]:
    """The sparse features of one (sentence, place) pair (strings, hashed at use).

    The rules' claims are left out on purpose: the model is a second reading of the
    sentence, not a copy of the rules (which fit the sets it is trained on); the
    rules' view of the place's role (reference, title, container) is in.
    """
    text = cand_text
    f = ["bias", f"level={t.place.level}", f"kind={t.place.kind}", f"excl={t.excluded}", f"container={t.container}",
         f"anaphor={t.anaphor_of is not None}", f"mention={t.mention is not None}", f"inherited={inherited}",
         f"pos={_bin(index)}", f"group={_bin(group_size)}", f"gpos={'first' if group_pos == 0 else 'later'}"]
    before = text[max(0, t.start - 60):t.start]
    after = text[t.end:t.end + 60]
    bw = _WORD.findall(before.lower())[-3:]
    aw = _WORD.findall(after.lower())[:3]
    for k, w in enumerate(reversed(bw)):
        f.append(f"b{k}={w}")
    for k, w in enumerate(aw):
        f.append(f"a{k}={w}")
    if bw:
        f.append(f"b01={' '.join(bw[-2:])}")
    if aw:
        f.append(f"a01={' '.join(aw[:2])}")
    if _LIST_INTRO.search(before):
        f.append("after_intro")
    if _EXCEPT_NEAR.search(before[-40:]):
        f.append("except_before")
    if _NEG.search(text):
        f.append("neg")
    if _MODAL.search(text):
        f.append("modal")
    if hedged(text):
        f.append("hedged")
    for w in set(_WORD.findall(text.lower())):
        f.append(f"w={w}")
    # the cues: nearest first
    scored = []
    for c in cues:
        d = (t.start - c.end) if c.end <= t.start else (c.start - t.end)
        scored.append((abs(d), c.start > t.start, c))
    scored.sort(key=lambda x: (x[0], x[1]))
    ctls = set()
    for n, (_, after_place, c) in enumerate(scored):
        ctl = cue_controller(c, text, 0, doc) or "-"
        ctls.add(ctl)
        f.append(f"cue={c.cls}")
        f.append(f"cuectl={ctl}")
        if n == 0:
            gap = len(_WORD.findall(text[min(c.end, t.end):max(c.start, t.start)]))
            side = "after" if after_place else "before"
            f += [f"n.cls={c.cls}", f"n.ctl={ctl}", f"n.word={c.text.lower()}", f"n.side={side}",
                  f"n.gap={_bin(gap)}", f"n.cls_side={c.cls}|{side}", f"n.ctl_excl={ctl}|{t.excluded}",
                  f"n.passive={c.passive}", f"n.neg={c.negated}", f"n.irr={c.irrealis}"]
            between = text[min(c.end, t.end):max(c.start, t.start)]
            if re.search(r"[.;:!?“”\"]", between):
                f.append("n.punct_between")
            if "," in between:
                f.append("n.comma_between")
    for c in sorted(ctls):
        f.append(f"anyctl={c}")
    if cues:
        first = min(cues, key=lambda c: c.start)
        side = actor_side(text[:first.start], last=True)
        f.append(f"actor_before={side}")
        f.append(f"actor_after={actor_side(text[first.end:], last=False)}")
    if doc is not None:
        pt = _head_token(doc, t.start, t.end)
        if pt is not None:
            f += [f"dep={pt.dep_}", f"head={pt.head.lower_}", f"dep_head={pt.dep_}|{pt.head.lower_}",
                  f"headpos={pt.head.pos_}"]
            if pt.dep_ == "pobj":
                f.append(f"prep={pt.head.lower_}|{pt.head.head.lower_}")
            conj = pt.dep_ == "conj" or any(ch.dep_ == "conj" for ch in pt.children)
            f.append(f"conj={conj}")
            best = None
            for _, _, c in scored[:3]:
                ct = _cue_token(doc, c)
                if ct is None:
                    continue
                up, top, down = _path(pt, ct)
                n = len(up) + len(down)
                if best is None or n < best[0]:
                    best = (n, up, top, down, c)
            if best is not None:
                n, up, top, down, c = best
                p = "^".join(up) + "|" + "v".join(down)
                f += [f"path={p}", f"path_cls={p}|{c.cls}", f"plen={_bin(n)}",
                      f"ptop={top.lower_ if top is not None else '-'}", f"up={'^'.join(up[:2])}",
                      f"top_is_cue={top is not None and c.start <= top.idx < c.end}"]
    return f


# --- the hook -----------------------------------------------------------------------------

def candidates(pending: list[tuple[int, Sentence, list[Target], list[Cue], Attribution, Sentence | None]],
               nlp: Any, docs: dict[int, Any]) -> list[Candidate]:
    """Every place of the pending sentences, with its features (the sentences are parsed here)."""
    todo = [i for i, *_ in pending if i not in docs]
    if todo:
        texts = {i: s.text for i, s, *_ in pending}
        docs = dict(docs)
        docs.update(zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=32)))
    out = []
    for i, s, targets, cues, speaker, inherited in pending:
        doc = docs.get(i)
        groups: dict[int, list[Target]] = {}
        for t in targets:
            groups.setdefault(t.group, []).append(t)
        for t in targets:
            if t.place is None:
                continue
            members = groups[t.group]
            feats = features(s.text, t, cues if inherited is None else [], doc, index=i,
                             inherited=inherited is not None, group_size=len(members), group_pos=members.index(t))
            if inherited is not None:
                feats += [f"inh.cue={c.cls}" for c in cues]
            out.append(Candidate(i, s, t, cues, speaker, inherited, feats))
    return out


def learned_claims(article: Any, pending: list[Any], rule_claims: list[Any], nlp: Any, docs: dict[int, Any],
                   lead: tuple[int, int] | None, year_hint: int | None, model: dict[str, Any] | None = None,
                   threshold: float | None = None) -> list[Any]:
    """Claims the model adds where the rules made none (``extra["rule"] = "learned"``)."""
    if not pending or nlp is None:
        return []
    if _collector:
        cands = candidates(pending, nlp, docs)
        for out in _collector:
            out.extend((article.id, c) for c in cands)
        return []
    model = model or load_model()
    if model is None:
        return []
    # Only sentences with a place the model may claim are parsed and scored (the parse is the cost).
    pending = [p for p in pending if any(_open(t) for t in p[2])]
    if not pending:
        return []
    thr = model.get("threshold", 0.5) if threshold is None else threshold
    have = {(c.place_key, c.controller) for c in rule_claims}
    best: dict[tuple[str, str], tuple[float, Candidate]] = {}
    for cand in candidates(pending, nlp, docs):
        probs = predict(model, cand.features)
        k = max(range(1, len(probs)), key=lambda j: probs[j])
        ctl = model["classes"][k]
        key = (cand.target.place.key, ctl)
        if probs[k] < thr or key in have or cand.target.place.level == "province" and ctl == "contested" \
                or not _open(cand.target):
            continue  # the model links places to cues; it does not overrule what the rules found a place to be
        if key not in best or probs[k] > best[key][0]:
            best[key] = (probs[k], cand)
    out = []
    for (_, ctl), (p, cand) in sorted(best.items(), key=lambda kv: (kv[1][1].index, kv[1][1].target.start)):
        out.append(_make_claim(article, cand, ctl, round(p, 2), lead, year_hint))
    return out


def _open(t: Target) -> bool:
    """Whether the model may add a claim on this place: the rules did not find it a reference,
    a title, an origin, a dateline or the province a named place lies in."""
    return not (t.excluded or t.container or t.place is None)


def _make_claim(article: Any, cand: Candidate, ctl: str, conf: float, lead: tuple[int, int] | None,
                year_hint: int | None) -> Any:
    from geo.claims.event_dates import claim_date

    s, t = cand.sentence, cand.target
    base = cand.inherited or s
    text = base.text
    # the cue it is read from: the nearest that says this side, else the nearest
    cues = cand.cues or []
    def dist(c: Cue) -> int:
        return abs(c.start - t.start) if cand.inherited is None else c.start
    ranked = sorted(cues, key=lambda c: (cue_controller(c, text, 0) != ctl, dist(c)))
    extra: dict[str, Any] = {"sentence_span": (base.start, base.end), "lead_span": lead, "rule": "learned"}
    if ranked:
        cue = ranked[0]
        extra.update(cue_start=base.start + cue.start, cue_end=base.start + cue.end, cue=cue.text,
                     cue_class=cue.cls, state=cue.cls in ("hold", "hold_object", "secure"))
    d = claim_date(article.text, extra, article.published, year_hint)
    if d.year_inferred:
        extra["year_inferred"] = True
    if d.historical:
        extra["historical"] = True
    who = (attribute_in_clause(text, ranked[0].start) if ranked and cand.inherited is None else None) or cand.speaker
    scope = None
    if t.place.level == "province":
        scope = t.scope or province_scope(text[max(0, t.start - 60):t.start]) if cand.inherited is None else t.scope
    return _claim(article, t, s, ctl, d, scope, who, conf, extra)
