"""Issue 12, the place side: every place a claim names is found and resolved to the right P-code.

One table per family of misses; the sentences are written for these tests.
Each row: a text, the name as written in it, and the P-code it must resolve to
(the district for a district or a point, the province for a province), or None
for a name that must stay unresolved.
"""

from __future__ import annotations

import pytest

from geo.places.mentions import find_mentions


def _code(place) -> str | None:
    if place is None:
        return None
    return place.adm1_pcode if place.level == "province" else place.adm2_pcode


def _at(text: str, gaz, name: str, nth: int = 0):
    """The mention that covers the ``nth`` occurrence of ``name`` in ``text``, or None."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    end = start + len(name)
    for m in find_mentions(text, gaz):
        if m.start < end and start < m.end:
            return m
    return None


def _check(text, gaz, name, code, nth=0):
    m = _at(text, gaz, name, nth)
    assert m is not None, f"{name!r} not found in {text!r}"
    assert _code(m.place) == code, (m.text, m.rule, m.reason, m.place)
    return m


# --- spelling variants and transliterations -------------------------------------------

SPELLINGS = [
    ("Residents of Taluqan said the markets were shut.", "Taluqan", "AF1801"),
    ("Residents of Talokan said the markets were shut.", "Talokan", "AF1801"),
    ("Fighting went on in Lashkar Gah overnight.", "Lashkar Gah", "AF3001"),
    ("Fighting went on in Lashkargah overnight.", "Lashkargah", "AF3001"),
    ("Convoys reached Puli Khumri on the highway.", "Puli Khumri", "AF0901"),
    ("Convoys reached Pol-e Khomri on the highway.", "Pol-e Khomri", "AF0901"),
    ("The militants took Dasht-i-Archi district.", "Dasht-i-Archi", "AF1906"),
    ("The militants took Dashte Archi district.", "Dashte Archi", "AF1906"),
    ("Troops left Naw Zad district at dawn.", "Naw Zad", "AF3007"),
    ("Troops left Now Zad district at dawn.", "Now Zad", "AF3007"),
    ("Police returned to Chakhansoor district.", "Chakhansoor", "AF3403"),
    ("Police returned to Kashrod district.", "Kashrod", "AF3405"),
    ("Police returned to Kashrood district.", "Kashrood", "AF3405"),
    ("Elders in Ahmad Khel district asked for talks.", "Ahmad Khel", "AF1308"),
    ("Elders in Markazi Behsud district asked for talks.", "Markazi Behsud", "AF0409"),
    ("The guerrillas entered Shahidi Hassas district.", "Shahidi Hassas", "AF2504"),
    ("Refugees came from Nangrahar province.", "Nangrahar", "AF06"),
    ("Fighting was reported in Darwaz-e-Bala district.", "Darwaz-e-Bala", "AF1727"),
]


@pytest.mark.parametrize(("text", "name", "code"), SPELLINGS)
def test_spelling_variants(gazetteer, text, name, code):
    _check(text, gazetteer, name, code)


# --- misspellings in lists and after verbs of capture (fuzzy matching) ---------------

MISSPELT = [
    # a misspelt name in a list with names the gazetteer knows
    ("The group holds Kang, Chankhansur and Zaranj now.", "Chankhansur", "AF3403"),
    ("They shelled Kandahar, Ghazni and Lashkah Gar all week.", "Lashkah Gar", "AF3001"),
    # after a verb of capture
    ("Officials say the rebels seized Torghandi, near the northern frontier.", "Torghandi", "AF3207"),
]


@pytest.mark.parametrize(("text", "name", "code"), MISSPELT)
def test_misspelt_names_in_lists_and_after_capture_verbs(gazetteer, text, name, code):
    m = _check(text, gazetteer, name, code)
    assert m.rule == "fuzzy"


NOT_FUZZY = [
    # a capitalised group near no place word and in no list of places stays a word
    ("Chankhansur said nothing about it.", "Chankhansur"),
    ("Ahmadzai and Karimzai went home.", "Karimzai"),
]


@pytest.mark.parametrize(("text", "name"), NOT_FUZZY)
def test_fuzzy_needs_a_place_context(gazetteer, text, name):
    m = _at(text, gazetteer, name)
    assert m is None or m.place is None
