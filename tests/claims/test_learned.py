"""The learned second look (geo.claims.learned) and its training script, on sentences of our own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.claims import learned
from geo.claims.extract import extract_article
from geo.models import Article

SAT = date(2021, 7, 10)
ROOT = Path(__file__).resolve().parents[2]

# A small corpus of our own: (text, gold claims as (mention, pcode, level, controller)).
CORPUS = [
    ("The Taliban captured Nerkh district on Friday, officials said.", [("Nerkh", "AF0402", "district", "taliban")]),
    ("Afghan forces retook Qadis district after two days of fighting.", [("Qadis", "AF3104", "district", "government")]),
    ("Heavy clashes are under way in Doshi district, residents said.", [("Doshi", "AF0904", "district", "contested")]),
    ("The militants now control five districts in the north, among them Yaftal and Darkad.",
     [("Yaftal", "AF1506", "district", "taliban"), ("Darkad", "AF1716", "district", "taliban")]),
    ("Nerkh lies about 40 kilometres from Maidan Shahr, the provincial capital.", []),
    ("Residents fled from Maywand to Kandahar city as the Taliban captured Maywand.",
     [("Maywand", "AF2408", "district", "taliban")]),
]


@pytest.fixture(scope="session")
def nlp():
    from geo.claims.extract import load_nlp

    return load_nlp()


def _pcode(gazetteer, name: str) -> str | None:
    from geo.places.mentions import find_mentions

    found = [m for m in find_mentions(name, gazetteer) if m.place is not None]
    return found[0].place.adm2_pcode if found else None


def test_training_is_deterministic(tmp_path, gazetteer) -> None:
    pytest.importorskip("sklearn")
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import train_linker

    folder = tmp_path / "set"
    (folder / "articles").mkdir(parents=True)
    lines = []
    for n, (text, gold) in enumerate(CORPUS):
        (folder / "articles" / f"a{n}.txt").write_text(text + "\n", encoding="utf-8")
        claims = [{"mention": m, "level": lv, "pcode": _pcode(gazetteer, m) or pc, "controller": ctl, "evidence": text}
                  for m, pc, lv, ctl in gold]
        lines.append(json.dumps({"id": f"a{n}", "published": SAT.isoformat(), "claims": claims}))
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = [tmp_path / "m1.json", tmp_path / "m2.json"]
    for out in outs:
        assert train_linker.main(["--set", str(folder), "--out", str(out), "--threshold", "0.6"]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    model = json.loads(outs[0].read_text())
    assert model["classes"] == list(learned.CLASSES) and model["threshold"] == 0.6
    # no text of the corpus in the model: only hashed indices and weights
    raw = outs[0].read_text()
    assert "Nerkh" not in raw and "captured" not in raw


def test_the_shipped_model_is_small_and_loads() -> None:
    path = ROOT / "geo" / "data" / "linker.json"
    assert path.stat().st_size < 2_000_000
    model = learned.load_model()
    assert model is not None and model["classes"] == list(learned.CLASSES)
    assert 0.0 < model["threshold"] <= 1.0
    assert all(len(v) == len(learned.CLASSES) for v in model["_w"].values())


def _probs(text: str, gazetteer, nlp) -> dict[str, dict[str, float]]:
    """The model's probabilities for each place of ``text`` (through the extractor's own candidates)."""
    model = learned.load_model()
    with learned.collecting() as got:
        extract_article(Article("t", text, SAT, "header"), gazetteer=gazetteer, nlp=nlp, learned=True)
    return {c.target.text: dict(zip(model["classes"], learned.predict(model, c.features))) for _, c in got}


def test_a_list_governed_from_afar_is_claimed(gazetteer, nlp) -> None:
    text = "Taliban fighters have taken control of four districts in the north, among them Yaftal, Darkad and Chahab."
    probs = _probs(text, gazetteer, nlp)
    for name in ("Yaftal", "Darkad", "Chahab"):
        assert max(probs[name], key=probs[name].get) == "taliban", (name, probs[name])
    r = extract_article(Article("t", text, SAT, "header"), gazetteer=gazetteer, nlp=nlp, learned=True)
    assert {"Yaftal", "Darkad", "Chahab"} <= {c.mention for c in r.claims if c.controller == "taliban"}
    # the rules stop at the dash; the model reads the list after it as the verb's objects
    text = "The militants took two provincial capitals on Sunday — Kunduz in the north of the country, and Sar-e-Pul."
    art = Article("t", text, SAT, "header")
    got = {(c.mention, c.controller) for c in extract_article(art, gazetteer=gazetteer, nlp=nlp, learned=True).claims}
    assert {("Kunduz", "taliban"), ("Sar-e-Pul", "taliban")} <= got


def test_a_distance_reference_is_not_claimed(gazetteer, nlp) -> None:
    text = "The Taliban captured Nerkh district, some 40 kilometres from Maidan Shahr, on Friday."
    probs = _probs(text, gazetteer, nlp)
    assert max(probs["Nerkh district"], key=probs["Nerkh district"].get) == "taliban"
    assert max(probs["Maidan Shahr"], key=probs["Maidan Shahr"].get) == "none"
    r = extract_article(Article("t", text, SAT, "header"), gazetteer=gazetteer, nlp=nlp, learned=True)
    assert {c.mention for c in r.claims} == {"Nerkh district"}


def test_the_switch(gazetteer, nlp, monkeypatch) -> None:
    monkeypatch.setenv("TCMAP_LEARNED", "0")
    assert not learned.enabled()
    assert learned.enabled(True)
    monkeypatch.setenv("TCMAP_LEARNED", "1")
    assert learned.enabled() and not learned.enabled(False)
    monkeypatch.delenv("TCMAP_LEARNED")
    assert learned.enabled() == bool(learned.load_model().get("default_on"))
    text = "The militants took two provincial capitals on Sunday — Kunduz in the north of the country, and Sar-e-Pul."
    art = Article("t", text, SAT, "header")
    on = extract_article(art, gazetteer=gazetteer, nlp=nlp, learned=True).claims
    off = extract_article(art, gazetteer=gazetteer, nlp=nlp, learned=False).claims
    assert not any(c.extra.get("rule") == "learned" for c in off)
    added = [c for c in on if c.extra.get("rule") == "learned"]
    assert added and all(0 < c.confidence <= 1 and c.extra.get("cue") for c in added)
    assert {(c.place_key, c.controller) for c in off} <= {(c.place_key, c.controller) for c in on}
