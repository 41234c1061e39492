"""The judge's scoring rule (../shared/eval/README.md), so we measure what is judged.

A claim's key is (article, place, controller), where place is the district
P-code for district and point claims and the province P-code for province
claims. Precision, recall and F1 over those keys; place F1 over (article,
place); date accuracy over matched keys whose gold claim has an
``event_date`` (exact day, and within one day). Gold claims with a null
P-code are left out. Only articles present in the gold file are scored.

When several predicted claims share a key, the date compared is that of the
most precise one (day, week, month, unknown), then the most confident.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geo.models import ArticleResult, Claim, claim_place

Key = tuple[str, str, str]
_RANK = {"day": 0, "week": 1, "month": 2, "unknown": 3}


def load_gold(gold_dir: Path | str) -> dict[str, dict[str, Any]]:
    """Gold records by article id, from ``gold_dir/gold.jsonl``."""
    path = Path(gold_dir) / "gold.jsonl"
    out: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from e
        out[str(rec["id"])] = rec
    return out


def gold_place(c: Mapping[str, Any]) -> str | None:
    """The place key of a gold claim (its ``pcode``), or None when unknown."""
    return c.get("pcode") or None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Scores of one run against one gold set, with the errors behind them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    place_tp: int = 0
    place_fp: int = 0
    place_fn: int = 0
    dated: int = 0
    date_exact: int = 0
    date_within1: int = 0
    articles: int = 0
    false_positives: dict[str, list[str]] = field(default_factory=dict)
    false_negatives: dict[str, list[str]] = field(default_factory=dict)
    date_errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def place_f1(self) -> float:
        p = self.place_tp / (self.place_tp + self.place_fp) if self.place_tp + self.place_fp else 0.0
        r = self.place_tp / (self.place_tp + self.place_fn) if self.place_tp + self.place_fn else 0.0
        return _f1(p, r)

    @property
    def date_accuracy(self) -> float:
        return self.date_exact / self.dated if self.dated else 0.0

    @property
    def date_within_one_day(self) -> float:
        return self.date_within1 / self.dated if self.dated else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Figures and error lists as plain data (``tcmap eval --json``)."""
        return {
            "articles": self.articles,
            "claims": {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                       "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn},
            "places": {"f1": round(self.place_f1, 4), "tp": self.place_tp, "fp": self.place_fp,
                       "fn": self.place_fn},
            "dates": {"scored": self.dated, "exact": round(self.date_accuracy, 4),
                      "within_one_day": round(self.date_within_one_day, 4)},
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "date_errors": self.date_errors,
        }

    def format(self, verbose: bool = False) -> str:
        """A short report; with ``verbose`` the errors of every article."""
        lines = [
            f"articles  {self.articles}",
            (f"claims    P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"),
            f"places    F1 {self.place_f1:.3f}   (tp {self.place_tp}, fp {self.place_fp}, fn {self.place_fn})",
            (f"dates     exact {self.date_accuracy:.3f}  within 1 day {self.date_within_one_day:.3f}"
            f"   ({self.dated} matched claims with a gold date)"),
        ]
        if verbose:
            for art in sorted(set(self.false_positives) | set(self.false_negatives) | set(self.date_errors)):
                lines.append(f"-- {art}")
                lines += [f"   FP {x}" for x in self.false_positives.get(art, [])]
                lines += [f"   FN {x}" for x in self.false_negatives.get(art, [])]
                lines += [f"   DATE {x}" for x in self.date_errors.get(art, [])]
        return "\n".join(lines)


def _predictions(results: Iterable[ArticleResult] | Mapping[str, list[Claim]]) -> dict[str, list[Claim]]:
    if isinstance(results, Mapping):
        return {str(k): list(v) for k, v in results.items()}
    out: dict[str, list[Claim]] = {}
    for r in results:
        out.setdefault(r.article.id, []).extend(r.claims)
    return out


def _best(claims: list[Claim]) -> Claim:
    return min(claims, key=lambda c: (_RANK.get(c.time_precision, 3), -c.confidence))


def score(gold_dir: Path | str, results: Iterable[ArticleResult] | Mapping[str, list[Claim]]) -> Scores:
    """Score ``results`` (``ArticleResult``s or claims by article id) against gold."""
    gold = load_gold(gold_dir)
    predicted = _predictions(results)
    s = Scores(articles=len(gold))
    for art, rec in gold.items():
        g_keys: dict[Key, list[dict[str, Any]]] = {}
        for c in rec.get("claims", []):
            place = gold_place(c)
            if place:
                g_keys.setdefault((art, place, c["controller"]), []).append(c)
        p_keys: dict[Key, list[Claim]] = {}
        for c in predicted.get(art, []):
            place = claim_place(c)
            if place:
                p_keys.setdefault((art, place, c.controller), []).append(c)
        tp = g_keys.keys() & p_keys.keys()
        s.tp += len(tp)
        for k in sorted(p_keys.keys() - g_keys.keys()):
            s.fp += 1
            c = p_keys[k][0]
            s.false_positives.setdefault(art, []).append(
                f"{k[1]} {k[2]} '{c.mention}' [{c.extra.get('cue', '')}] :: {c.sentence[:160]}")
        for k in sorted(g_keys.keys() - p_keys.keys()):
            s.fn += 1
            c = g_keys[k][0]
            s.false_negatives.setdefault(art, []).append(
                f"{k[1]} {k[2]} '{c.get('mention')}' :: {str(c.get('evidence', ''))[:160]}")
        g_places = {(k[0], k[1]) for k in g_keys}
        p_places = {(k[0], k[1]) for k in p_keys}
        s.place_tp += len(g_places & p_places)
        s.place_fp += len(p_places - g_places)
        s.place_fn += len(g_places - p_places)
        for k in sorted(tp):
            gold_dates = [c["event_date"] for c in g_keys[k] if c.get("event_date")]
            if not gold_dates:
                continue
            s.dated += 1
            best = _best(p_keys[k])
            want = date.fromisoformat(gold_dates[0])
            got = date.fromisoformat(best.event_date) if best.event_date else None
            if got == want:
                s.date_exact += 1
            if got is not None and abs((got - want).days) <= 1:
                s.date_within1 += 1
            if got != want:
                s.date_errors.setdefault(art, []).append(
                    f"{k[1]} {k[2]} gold {want} got {got} ({best.date_reason})")
    return s
