"""The judge's scoring rule (geo.evaluate), on gold files made in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.evaluate import load_gold, score
from geo.models import Claim
from tests.factories import make_claim


def _claim(article: str, pcode: str | None, controller: str, *, level: str = "district",
           event_date: str | None = "2021-06-22", precision: str = "day") -> Claim:
    return make_claim(
        article_id=article, published="2021-06-23", published_source="header", mention="X", char_end=1,
        sentence="X.", place_level=level, place_name="X", adm2_pcode=None if level == "province" else pcode,
        adm1_pcode=(pcode or "AF00")[:4], controller=controller, event_date=event_date,
        time_precision=precision, confidence=0.8)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    records = [
        {"id": "a", "published": "2021-06-23", "claims": [
            {"mention": "Bangi", "level": "district", "pcode": "AF1804", "controller": "government",
             "event_date": "2021-06-21"},
            {"mention": "Takhar", "level": "province", "pcode": "AF18", "controller": "taliban",
             "event_date": "2021-06-22"},
            {"mention": "Kakul", "level": "point", "pcode": None, "controller": "taliban", "event_date": None},
        ], "non_claims": []},
        {"id": "b", "published": None, "claims": [
            {"mention": "Nerkh", "level": "district", "pcode": "AF0402", "controller": "taliban",
             "event_date": None},
        ], "non_claims": []},
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return tmp_path


def test_load_gold(gold_dir: Path) -> None:
    assert sorted(load_gold(gold_dir)) == ["a", "b"]


def test_scores_follow_the_rule(gold_dir: Path) -> None:
    predicted = {
        "a": [_claim("a", "AF1804", "government", event_date="2021-06-22"),  # tp, date off by one
              _claim("a", "AF18", "taliban", level="province"),  # tp (province key), exact date
              _claim("a", "AF1809", "taliban")],  # fp
        "b": [_claim("b", "AF0402", "government")],  # fp (wrong controller); gold's fn
        "zzz": [_claim("zzz", "AF0101", "taliban")],  # not in gold: ignored
    }
    s = score(gold_dir, predicted)
    assert (s.tp, s.fp, s.fn) == (2, 2, 1)  # the null-pcode gold claim is left out
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(2 / 3)
    assert (s.place_tp, s.place_fp, s.place_fn) == (3, 1, 0)
    assert (s.dated, s.date_exact, s.date_within1) == (2, 1, 2)
    assert set(s.as_dict()) >= {"claims", "places", "dates", "false_positives", "false_negatives"}
    text = s.format(verbose=True)
    assert "F1" in text and "FP AF1809 taliban" in text and "FN AF0402 taliban" in text


def test_the_most_precise_claim_of_a_key_is_dated(gold_dir: Path) -> None:
    predicted = {"a": [_claim("a", "AF1804", "government", event_date="2021-06-23", precision="unknown"),
                       _claim("a", "AF1804", "government", event_date="2021-06-21", precision="day")]}
    s = score(gold_dir, predicted)
    assert (s.dated, s.date_exact) == (1, 1)


def test_nothing_predicted_scores_zero(gold_dir: Path) -> None:
    s = score(gold_dir, {})
    assert (s.tp, s.fp, s.fn, s.f1) == (0, 0, 3, 0.0)
