"""Names the text calls a district, province or crossing but the gazetteer lacks: listed, never mapped."""

from __future__ import annotations

import pytest

from geo.claims.extract import extract_article
from geo.models import Article
from geo.places.mentions import find_mentions, places_rows


def _unknown(text, gaz):
    return [m.text for m in find_mentions(text, gaz) if m.rule == "unknown-name"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Insurgents overran Zorabad district late on Sunday.", "Zorabad"),
        ("The Taliban took control of the Kamari border crossing on Friday.", "Kamari"),
        ("Traders said the Kamari crossing had been shut for a week.", "Kamari"),
        ("Fighting spread to Gul Tepa district, residents said.", "Gul Tepa"),
        ("Kandahar's Zorabad district was quiet on Monday.", "Zorabad"),
        ("The governor of Nawkhez province denied the report.", "Nawkhez"),
    ],
)
def test_a_name_before_a_place_word_is_listed_when_the_gazetteer_lacks_it(gazetteer, text, name):
    assert _unknown(text, gazetteer) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Taliban fighters captured Nad Ali district on Monday.",  # known district
        "The Taliban district chief addressed the crowd.",  # a description, not a name
        "A police chief in the Afghan district said so.",
        "Police District 9 was quiet, officials said.",
        "The Taliban have seized a quarter of Afghanistan's districts.",  # possessive
        "Fighters crossed from Pakistan's Kurram district.",  # a foreign place
        "THE DISTRICT FELL, said a headline.",
        "Northern provinces saw heavy fighting. Every district was hit.",
    ],
)
def test_descriptions_known_names_and_foreign_places_are_not_listed(gazetteer, text):
    assert _unknown(text, gazetteer) == []


def test_the_reason_names_the_kind_the_text_gave(gazetteer):
    rows = [r for r in places_rows("Officials said the Kamari border crossing fell.", gazetteer)
            if r["rule"] == "unknown-name"]
    assert len(rows) == 1
    assert rows[0]["place"] is None and rows[0]["adm2_pcode"] is None
    assert "border crossing" in rows[0]["reason"] and "Kamari" in rows[0]["reason"]


def test_offsets_point_at_the_name(gazetteer):
    text = "On Monday the Taliban captured Zorabad district of Kunduz province."
    (m,) = [m for m in find_mentions(text, gazetteer) if m.rule == "unknown-name"]
    assert text[m.start : m.end] == m.text == "Zorabad"


def test_an_unknown_place_never_becomes_a_claim_but_its_neighbours_still_do(gazetteer):
    text = (
        "The Taliban captured Zorabad and Imam Sahib districts of Kunduz province on Monday, "
        "a provincial council member said."
    )
    result = extract_article(Article("t1", text, None, None), gazetteer=gazetteer, nlp=False)
    assert {c.place_name for c in result.claims} == {"Imam Sahib"}
    assert "Zorabad" in [m.text for m in result.mentions if m.place is None]


def test_every_unknown_name_of_a_list_before_districts_is_listed(gazetteer):
    text = "Gul Tepa, Zorabad and Imam Sahib districts fell on Monday."
    assert _unknown(text, gazetteer) == ["Gul Tepa", "Zorabad"]
