"""The outlet and title a reader can name, from the input's fields or the text."""

import pytest

from geo.ingest.outlets import byline_of, claim_outlet, outlet_of, site_of, title_of, wire_of
from geo.models import Article
from tests.factories import make_claim

LEAD = "Insurgents overran the district headquarters after two days of fighting, a local councillor said."


@pytest.mark.parametrize(
    ("publisher", "url", "text", "expected"),
    [
        ("Kabul Evening Post", None, LEAD, "Kabul Evening Post"),
        (None, None, f"KABUL (Reuters) - {LEAD}", "Reuters"),
        (None, None, f"Kabul, July 9 (Xinhua) -- {LEAD}", "Xinhua"),
        (None, None, f"MAZAR-I-SHARIF, Afghanistan (AP) — {LEAD}", "AP"),
        (None, None, f"Jalalabad (Pajhwok): {LEAD}", "Pajhwok"),
        (None, "https://www.aljazeera.com/news/2021/7/9/x", LEAD, "Al Jazeera"),
        (None, "https://news.example.org/a/1", LEAD, "example.org"),
        ("www.reuters.com", "https://www.reuters.com/world/x", LEAD, "Reuters"),
        # the reader fills a missing publisher with the URL's host: a dateline tag says more
        ("dawn.com", "https://www.dawn.com/news/1", f"KABUL (AFP) - {LEAD}", "AFP"),
        (None, None, f"{LEAD} Two elders told TRT World the road was cut.", "TRT World"),
        (None, None, LEAD, None),
    ],
)
def test_outlet_of(publisher, url, text, expected):
    assert outlet_of(Article("x", text, publisher=publisher, url=url)) == expected


@pytest.mark.parametrize(
    "text",
    [
        f"Fighters patrol a road near the front line. (By AFP)\n\n{LEAD}",
        f"A member of the security forces stands guard. (AFP photo)\n{LEAD}",
        f"Photo: Reuters\n{LEAD}",
    ],
)
def test_photo_credit_is_not_the_outlet(text):
    assert wire_of(Article("x", text)) is None
    assert outlet_of(Article("x", text)) is None


def test_byline():
    assert byline_of(Article("x", f"Insurgents take a district\nBy Mariam Hotak\n\n{LEAD}")) == "Mariam Hotak"
    assert byline_of(Article("x", f"Photo by Mariam Hotak\n{LEAD}")) is None


def test_site_of():
    assert site_of("https://www.bbc.co.uk/news/world-asia-1") == "bbc.co.uk"
    assert site_of("http://edition.example.com/x") == "example.com"
    assert site_of(None) is None
    assert site_of("not a url") is None


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Militants seize a district", LEAD, "Militants seize a district"),
        (None, f"News / Afghanistan\n\nMilitants seize a district in the north\n\n{LEAD}",
         "Militants seize a district in the north"),
        (None, f"Home | World | Asia\nBy Mariam Hotak\n{LEAD}", LEAD),
    ],
)
def test_title_of(title, text, expected):
    assert title_of(Article("001_1fe15c33fcf35368", text, title=title)) == expected


def test_title_of_a_long_first_line_is_its_first_sentence_clipped():
    text = ("Insurgents overran the headquarters of a remote mountain district after two days of fighting "
            "that drove hundreds of families from their homes and cut the only road to the provincial "
            "capital, a councillor said on Friday. More follows.")
    got = title_of(Article("001_1fe15c33fcf35368", text))
    assert got.startswith("Insurgents overran") and got.endswith("…") and len(got) <= 120
    assert "001_" not in got


def test_claim_outlet_falls_back_to_publisher_and_url():
    assert claim_outlet(make_claim(extra={"outlet": "AFP"})) == "AFP"
    assert claim_outlet(make_claim(publisher="reuters.com")) == "Reuters"
    assert claim_outlet(make_claim(url="https://tolonews.com/afghanistan-1")) == "TOLOnews"
    assert claim_outlet(make_claim()) is None
