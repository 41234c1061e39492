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


# --- family 7: ambiguity by prominence and context ----------------------------------

# a bare name that is a provincial capital and a district elsewhere (Faizabad of Badakhshan,
# Fayzabad of Jawzjan): the capital unless the namesake's province is in view
PROMINENCE = [
    ("Shops stayed shut in Faizabad after the night attack.", "Faizabad", "AF1701"),
    ("Gunmen from Aqcha moved on Faizabad before dawn.", "Faizabad", "AF2808"),
    ("Jawzjan officials said Faizabad had fallen.", "Faizabad", "AF2808"),
    ("Elders met in Fayzabad district of Jawzjan.", "Fayzabad", "AF2808"),
    ("Faizabad, the capital of Badakhshan, is calm.", "Faizabad", "AF1701"),
    # two namesakes, no capital, the province named in the sentence
    ("Militants entered Arghandab in Kandahar province.", "Arghandab", "AF2702"),
    ("Militants entered Arghandab in Zabul province.", "Arghandab", "AF2605"),
]


@pytest.mark.parametrize(("text", "name", "code"), PROMINENCE)
def test_capital_over_namesake_unless_its_province_is_in_view(gazetteer, text, name, code):
    _check(text, gazetteer, name, code)


STAYS_AMBIGUOUS = [
    "Residents said Arghandab was quiet on Friday.",
    "Jani Khel was quiet, officials said.",
]


@pytest.mark.parametrize("text", STAYS_AMBIGUOUS)
def test_a_namesake_nothing_tells_apart_stays_unresolved_with_a_reason(gazetteer, text):
    m = find_mentions(text, gazetteer)[0]
    assert m.place is None and m.rule == "ambiguous" and "several places" in m.reason


# "X city", "the city of X", "X province", and a province's name alone
CITY_OR_PROVINCE = [
    ("Clashes broke out in Ghazni on Tuesday.", "Ghazni", "AF1101"),
    ("The insurgents hold most of Ghazni province.", "Ghazni", "AF11"),
    ("Traders left Kunduz city by the airport road.", "Kunduz", "AF1901"),
    ("Gunfire was heard inside the city of Farah.", "Farah", "AF3301"),
    ("Police in Zabul city reported no casualties.", "Zabul", "AF2601"),
    ("Militants neared the Helmand capital at dusk.", "Helmand", "AF3001"),
    ("Badakhshan capital Faizabad was lost on Wednesday.", "Badakhshan", "AF17"),
    ("Two Ghazni districts changed hands.", "Ghazni", "AF11"),
    ("Fighting spread across northern Kunduz.", "Kunduz", "AF19"),
    ("Kunduz, Baghlan and Takhar provinces were hit.", "Baghlan", "AF09"),
    ("Ghazni will be the second province to fall this week.", "Ghazni", "AF11"),
    ("Farah is the fifth provincial capital to fall.", "Farah", "AF3301"),
    ("Ghazni is one of the provinces worst hit by the drought.", "Ghazni", "AF11"),
    ("Kunduz is one of the busiest cities of the north.", "Kunduz", "AF1901"),
    ("The rebels now hold five of Kunduz's seven districts.", "Kunduz", "AF19"),
]


@pytest.mark.parametrize(("text", "name", "code"), CITY_OR_PROVINCE)
def test_city_or_province_by_the_words_around(gazetteer, text, name, code):
    _check(text, gazetteer, name, code)


# a list the text calls capitals or cities: each the city, a province's name its capital
CAPITAL_LISTS = [
    ("They took five provincial capitals, among them Zabul, Herat and Kandahar.", "Zabul", "AF2601"),
    ("They took five provincial capitals, among them Zabul, Herat and Kandahar.", "Herat", "AF3201"),
    ("They took five provincial capitals, among them Zabul, Herat and Kandahar.", "Kandahar", "AF2701"),
    ("Troops still hold the cities of Kunduz and Taloqan.", "Kunduz", "AF1901"),
    ("Four capitals this week - Paktika, Farah, Ghazni and Logar - changed hands.", "Paktika", "AF1201"),
    # an appositive names the provinces
    ("Zaranj and Farah city, the capitals of Nimroz and Farah provinces, were hit.", "Nimroz", "AF34"),
    # "of the same name": the capital
    ("Farah, in the western province of the same name, fell at noon.", "Farah", "AF3301"),
    # "the capital of Afghanistan's eastern Kunar province" is Asadabad, but in apposition Kunar
    ("They reached the capital of Afghanistan's eastern Kunar province.", "Kunar", "AF1501"),
    ("They reached Asadabad, the capital of eastern Kunar province.", "Kunar", "AF15"),
]


@pytest.mark.parametrize(("text", "name", "code"), CAPITAL_LISTS)
def test_lists_of_capitals_and_the_capital_of_a_named_province(gazetteer, text, name, code):
    _check(text, gazetteer, name, code)


SAME_NAME = [
    (
        "Arghandab district of Zabul fell; the district of the same name in neighbouring Kandahar held.",
        "the district of the same name",
        "AF2702",
    ),
    (
        "Jani Khel district in Paktika is calm, unlike the district of the same name in Paktia.",
        "the district of the same name",
        "AF1309",
    ),
]


@pytest.mark.parametrize(("text", "name", "code"), SAME_NAME)
def test_the_district_of_the_same_name_in_another_province(gazetteer, text, name, code):
    m = _check(text, gazetteer, name, code)
    assert m.rule == "same-name"


# --- a spelling glossed in brackets by a known name ------------------------------------

ALIASES = [
    # the glossed spelling, where the gloss is and later in the article
    ("Fighters overran Gurbaz (Gurbuz) district on Monday; by Friday Gurbaz was retaken.", "Gurbaz", 0, "AF1403"),
    ("Fighters overran Gurbaz (Gurbuz) district on Monday; by Friday Gurbaz was retaken.", "Gurbaz", 1, "AF1403"),
    ("Police returned to Gurbaz (Gurbuz) after a week.", "Gurbaz", 0, "AF1403"),
]


@pytest.mark.parametrize(("text", "name", "nth", "code"), ALIASES)
def test_a_spelling_glossed_in_brackets(gazetteer, text, name, nth, code):
    m = _check(text, gazetteer, name, code, nth)
    assert m.rule == "alias-in-text"


NOT_ALIASES = [
    ("KABUL (Reuters) - Reuters said the city was calm.", "Reuters"),
    ("Amir Noorzai (Helmand) said Noorzai would stay.", "Noorzai"),
]


@pytest.mark.parametrize(("text", "name"), NOT_ALIASES)
def test_brackets_after_an_agency_or_a_person_are_no_gloss(gazetteer, text, name):
    m = _at(text, gazetteer, name)
    assert m is None or m.place is None


# --- areas of "the district" named before ---------------------------------------------

AREAS_OF_THE_DISTRICT = [
    ("Fighters pushed into Guzara district on Monday. By night they held Sang Surakh and Deh Kalan areas of the district.", "Sang Surakh", "AF3203"),
    ("Fighters pushed into Guzara district on Monday. By night they held Sang Surakh and Deh Kalan areas of the district.", "Deh Kalan", "AF3203"),
    ("Police entered Nad Ali district. They cleared the Loy Manda area of the district.", "Loy Manda", "AF3002"),
]


@pytest.mark.parametrize(("text", "name", "code"), AREAS_OF_THE_DISTRICT)
def test_areas_of_the_district_named_before(gazetteer, text, name, code):
    m = _check(text, gazetteer, name, code)
    assert m.rule == "area-in-district"


def test_areas_of_the_district_need_a_district_named_before(gazetteer):
    text = "They held Sang Surakh and Deh Kalan areas of the district."
    assert all(m.place is None for m in find_mentions(text, gazetteer) if m.text == "Sang Surakh")
