"""Finding and resolving place names in article text: every rule, every distractor class."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.places.mentions import PLACES_COLUMNS, find_mentions, places_rows, sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _code(place) -> str | None:
    if place is None:
        return None
    return place.adm1_pcode if place.level == "province" else place.adm2_pcode


def _resolved(text, gaz):
    return [
        (m.text, _code(m.place), m.rule) for m in find_mentions(text, gaz) if m.place is not None
    ]


def _first(text, gaz, name):
    for m in find_mentions(text, gaz):
        if m.text.startswith(name):
            return m
    raise AssertionError(f"{name!r} not found in {text!r}: {find_mentions(text, gaz)}")


# --- the records ---------------------------------------------------------------------


def test_offsets_are_exact_sorted_and_non_overlapping(gazetteer):
    text = (
        "Taliban fighters seized Dasht-e Qala district and the Shir Khan Bandar crossing, "
        "officials in Kunduz city said, while Tajik border guards watched from Khatlon."
    )
    ms = find_mentions(text, gazetteer)
    assert [m.text for m in ms] == [
        "Dasht-e Qala district",
        "Shir Khan Bandar",
        "Kunduz city",
        "Khatlon",
    ]
    last = -1
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert m.start >= last
        last = m.end


def test_longest_match_wins(gazetteer):
    m = _first("The Taliban took Shir Khan Bandar on Tuesday.", gazetteer, "Shir")
    assert m.text == "Shir Khan Bandar" and m.place.key == "pt:shir-khan-bandar"
    m = _first("The militants reached the Khas Uruzgan district centre.", gazetteer, "Khas")
    assert m.text == "Khas Uruzgan district" and m.place.key == "AF2505"


@pytest.mark.parametrize(
    "text,name,key,level",
    [
        ("Clashes continue in Kunduz province, officials said.", "Kunduz", "AF19", "province"),
        ("Clashes reached Kunduz city on Sunday.", "Kunduz", "pt:kunduz-city", "point"),
        (
            "The Taliban were 2 km from Kunduz, the provincial capital, on Monday.",
            "Kunduz",
            "pt:kunduz-city",
            "point",
        ),
        (
            "Police said the Kunduz district police chief was wounded.",
            "Kunduz",
            "AF1901",
            "district",
        ),
        ("They reached the city of Herat at dawn.", "Herat", "pt:herat-city", "point"),
        (
            "The Taliban overran the Islam Qala border crossing.",
            "Islam Qala",
            "pt:islam-qala",
            "point",
        ),
        ("Fighting spread to Khost province on Friday.", "Khost", "AF14", "province"),
    ],
)
def test_level_follows_the_cue_words(gazetteer, text, name, key, level):
    m = _first(text, gazetteer, name)
    assert (m.place.key, m.place.level) == (key, level), (m.rule, m.reason)


def test_a_cue_word_right_after_the_name_is_part_of_the_mention(gazetteer):
    ms = find_mentions("They captured the Chahab district and moved on Takhar province.", gazetteer)
    assert [m.text for m in ms] == ["Chahab district", "Takhar province"]


def test_capital_of_a_province_is_its_city(gazetteer):
    m = _first("Gunmen attacked the capital of Badghis overnight.", gazetteer, "Badghis")
    assert m.place.key == "pt:qala-e-naw-city" and m.rule == "capital-of"
    m = _first("Taliban entered Helmand's provincial capital on Tuesday.", gazetteer, "Helmand")
    assert m.place.adm2_pcode == "AF3001"


def test_appositive_capital_keeps_the_province(gazetteer):
    ms = find_mentions("Taloqan, the capital of Takhar province, fell on Sunday.", gazetteer)
    assert [(m.text, _code(m.place)) for m in ms] == [
        ("Taloqan", "AF1801"),
        ("Takhar province", "AF18"),
    ]


def test_a_bare_capital_name_is_the_city_but_a_list_of_provinces_is_provinces(gazetteer):
    m = _first("Kunduz fell to the insurgents on Sunday afternoon.", gazetteer, "Kunduz")
    assert m.place.key == "pt:kunduz-city" and m.rule == "capital-default"
    ms = find_mentions(
        "Fighting raged in Baghlan, Kunduz, Samangan and Takhar this week.", gazetteer
    )
    assert [_code(m.place) for m in ms] == ["AF09", "AF19", "AF20", "AF18"]
    m = _first("Most districts in Kunduz have fallen.", gazetteer, "Kunduz")
    assert m.place.key == "AF19"
    m = _first("Fighting in northern Herat has displaced thousands.", gazetteer, "Herat")
    assert m.place.key == "AF32"


def test_a_plural_cue_applies_to_the_whole_list(gazetteer):
    ms = find_mentions(
        "The Ghazni and Herat provinces were hit, and Kaldar and Shortepa districts fell.",
        gazetteer,
    )
    assert [(m.text, _code(m.place)) for m in ms] == [
        ("Ghazni", "AF11"),
        ("Herat", "AF32"),
        ("Kaldar", "AF2113"),
        ("Shortepa", "AF2112"),
    ]


def test_a_singular_cue_does_not_leak_to_the_previous_name(gazetteer):
    ms = find_mentions(
        "Troops retook Ali Abad district in Kunduz and Yaftal district in Badakhshan.", gazetteer
    )
    assert [(m.text, _code(m.place)) for m in ms] == [
        ("Ali Abad district", "AF1903"),
        ("Kunduz", "AF19"),
        ("Yaftal district", "AF1704"),
        ("Badakhshan", "AF17"),
    ]


# --- ambiguity rules -----------------------------------------------------------------


def test_province_in_the_same_sentence(gazetteer):
    m = _first(
        "Insurgents captured the Jani Khel district of Paktika on Monday.", gazetteer, "Jani Khel"
    )
    assert (m.place.key, m.rule) == ("AF1209", "province-in-sentence")
    m = _first(
        "Insurgents captured the Jani Khel district of Paktia on Monday.", gazetteer, "Jani Khel"
    )
    assert (m.place.key, m.rule) == ("AF1309", "province-in-sentence")
    m = _first("Arghandab district in Zabul fell after a week of clashes.", gazetteer, "Arghandab")
    assert (m.place.key, m.rule) == ("AF2605", "province-in-sentence")


def test_province_in_the_article(gazetteer):
    text = "Security worsened across Kandahar this month.\n\nOn Sunday the Taliban entered Arghandab and burned a school."
    m = _first(text, gazetteer, "Arghandab")
    assert (m.place.key, m.rule) == ("AF2702", "province-in-article")


def test_a_unique_district_in_the_sentence_implies_its_province(gazetteer):
    m = _first("After Gardez was attacked, fighters moved on Jani Khel.", gazetteer, "Jani Khel")
    assert m.place.key == "AF1309"


def test_geodesic_distance_to_the_other_places(gazetteer):
    text = (
        "The Taliban took Urgun and Barmal this week.\n\n"
        "Elders said Sharan was quiet.\n\n"
        "Later, fighters massed near Jani Khel."
    )
    m = _first(text, gazetteer, "Jani Khel")
    # Urgun, Barmal and Sharan are all in Paktika: the rule reached is the province of the article
    assert m.place.key == "AF1209"
    text = "Shelling hit Gardez and Zurmat overnight.\n\nResidents of Sayed Karam fled.\n\nFighters then took Jani Khel."
    m = _first(text, gazetteer, "Jani Khel")
    assert m.place.key == "AF1309"


def test_distance_rule_alone(gazetteer):
    from geo.places.mentions import _by_distance, _Ctx

    pool = (gazetteer.places["AF1209"], gazetteer.places["AF1309"])
    ctx = _Ctx(
        gazetteer, {}, {}, set(), set(), [gazetteer.centroid("AF1201")], []
    )  # Sharan, Paktika
    assert _by_distance(pool, ctx).key == "AF1209"
    ctx = _Ctx(
        gazetteer, {}, {}, set(), set(), [gazetteer.centroid("AF1211")], []
    )  # Urgun: about as near to both
    assert _by_distance(pool, ctx) is None
    ctx = _Ctx(
        gazetteer, {}, {}, set(), set(), [gazetteer.centroid("AF1303")], []
    )  # Zurmat, Paktya
    assert _by_distance(pool, ctx).key == "AF1309"
    ctx = _Ctx(
        gazetteer, {}, {}, set(), set(), [gazetteer.centroid("AF3401")], []
    )  # Zaranj: far from both
    assert _by_distance(pool, ctx) is None


def test_text_distance_uses_geodesic_when_no_province_is_named(gazetteer):
    text = "Fighting reached Urgun on Monday.\n\nThe next day Jani Khel fell."
    m = _first(text, gazetteer, "Jani Khel")
    assert m.place.key == "AF1209" and m.rule in ("province-in-article", "distance")


def test_kind_cue_tells_a_district_from_a_province(gazetteer):
    m = _first("Fighters stormed Khost district headquarters in Baghlan.", gazetteer, "Khost")
    assert m.place.key == "AF0913"


def test_refuses_with_a_reason_when_it_cannot_tell(gazetteer):
    m = _first("Fighters captured Jani Khel on Monday.", gazetteer, "Jani Khel")
    assert m.place is None and m.rule == "ambiguous"
    assert "Paktika" in m.reason and "Paktya" in m.reason
    assert {p.key for p in m.candidates} == {"AF1209", "AF1309"}


# --- distractors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Centre for Strategic Studies published a report.",
        "Khas forces were deployed, the ministry said.",
        "President Ashraf Ghani addressed the nation.",
        "Taliban spokesman Zabihullah Mujahid said the district fell.",
        "Ismail Khan vowed to defend the city. Khan said more fighters would come.",
        "Afghan and Tajik officials met on the border.",
        "The Afghan army said Tajik guards let them cross.",
        "Ghani supporters were interviewed by the Mujahid Foundation.",
    ],
)
def test_distractors_produce_no_afghan_place(gazetteer, text):
    assert _resolved(text, gazetteer) == []


@pytest.mark.parametrize(
    "word,pcode", [("Nari", "AF1515"), ("Chal", "AF1805"), ("Kot", "AF0613"), ("Farsi", "AF3215")]
)
def test_word_like_names_need_a_cue(gazetteer, word, pcode):
    m = _first(f"{word} was mentioned in the speech.", gazetteer, word)
    assert m.place is None and m.rule == "distractor" and "district" in m.reason
    m = _first(f"The Taliban took {word} district on Monday.", gazetteer, word)
    assert _code(m.place) == pcode


def test_word_like_names_resolve_with_their_province(gazetteer):
    m = _first("Officials in Kunar said Nari was under attack.", gazetteer, "Nari")
    assert m.place.key == "AF1515"


def test_person_names_that_look_like_districts(gazetteer):
    ms = find_mentions("Ghazni police chief Fazel Ahmad Shirzad said the city was safe.", gazetteer)
    assert [(m.text, _code(m.place)) for m in ms if m.place] == [("Ghazni", "AF11")]
    sherzad = [m for m in ms if m.text == "Shirzad"]
    assert sherzad and sherzad[0].place is None and "person" in sherzad[0].reason


@pytest.mark.parametrize(
    "text,name,country",
    [
        ("Soldiers crossed the border into Tajikistan.", "Tajikistan", "Tajikistan"),
        ("The troops fled to Iran via the border.", "Iran", "Iran"),
        ("Guards in Khatlon province received them.", "Khatlon", "Tajikistan"),
        ("Trucks waited in Termez for days.", "Termez", "Uzbekistan"),
        ("Traders in Chaman, on the Pakistani side, closed shops.", "Chaman", "Pakistan"),
        ("Refugees arrived in Mashhad on Friday.", "Mashhad", "Iran"),
    ],
)
def test_foreign_places_are_unresolved_with_rule_foreign(gazetteer, text, name, country):
    m = _first(text, gazetteer, name)
    assert m.place is None and m.rule == "foreign" and country in m.reason


# --- other rules -------------------------------------------------------------------------


def test_area_in_a_district_takes_that_district(gazetteer):
    ms = find_mentions("Fighters overran the Sayedabad area in Nad Ali district.", gazetteer)
    assert [(m.text, _code(m.place), m.rule) for m in ms] == [
        ("Sayedabad", "AF3002", "area-in-district"),
        ("Nad Ali district", "AF3002", "exact"),
    ]


def test_the_provincial_capital_refers_to_the_province_of_the_sentence(gazetteer):
    ms = find_mentions(
        "The Taliban besieged the provincial capital of Takhar province's neighbour.", gazetteer
    )
    assert all(m.rule != "capital-anaphora" for m in ms)
    ms = find_mentions(
        "Fighters took a district in Baghlan province and encircled the provincial capital.",
        gazetteer,
    )
    cap = [m for m in ms if m.rule == "capital-anaphora"]
    assert cap and cap[0].text == "the provincial capital" and cap[0].place.adm2_pcode == "AF0901"


def test_fuzzy_matching_catches_typos_of_long_names_only(gazetteer):
    m = _first("Crowds celebrated in Jalalablad on Sunday.", gazetteer, "Jalalablad")
    assert m.place.adm2_pcode == "AF0601" and m.rule == "fuzzy" and m.score < 1
    assert _resolved("Mr Kundas spoke to reporters.", gazetteer) == []


def test_capital_beats_a_namesake_district_elsewhere(gazetteer):
    m = _first("Taliban fighters attacked Faizabad on Sunday.", gazetteer, "Faizabad")
    assert m.place.adm2_pcode == "AF1701"
    m = _first(
        "Taliban fighters attacked Fayzabad district of Jawzjan on Sunday.", gazetteer, "Fayzabad"
    )
    assert m.place.key == "AF2808"


def test_hostile_and_empty_text(gazetteer):
    assert find_mentions("", gazetteer) == []
    assert find_mentions("\x00\ufeff" * 10 + "kunduz" * 1000, gazetteer) == []
    ms = find_mentions("KUNDUZ FALLS TO TALIBAN", gazetteer)
    assert ms and ms[0].place.adm2_pcode == "AF1901"
    with pytest.raises(TypeError, match="bytes"):
        find_mentions(b"Kunduz", gazetteer)


def test_sentence_spans_cover_the_text():
    text = "One. Two sentences here! Three?\n\nFour"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["One.", "Two sentences here!", "Three?", "Four"]


def test_places_rows_have_every_column(gazetteer):
    rows = places_rows(
        "Taliban seized Islam Qala and fighting hit Jani Khel. Iran closed the border.", gazetteer
    )
    assert [r["mention"] for r in rows] == ["Islam Qala", "Jani Khel", "Iran"]
    for r in rows:
        assert tuple(r) == PLACES_COLUMNS
    assert rows[0]["lat"] and rows[0]["adm2_pcode"] == "AF3213" and rows[0]["level"] == "point"
    assert rows[1]["place"] is None and rows[1]["reason"]
    assert rows[2]["rule"] == "foreign"


# --- the seeds -------------------------------------------------------------------------


SEED_EXPECTED = {
    "Jani Khel district": "AF1309",
    "Shir Khan Bandar": "AF1905",
    "Sher Khan Bandar": "AF1905",
    "Shir Khan Port": "AF1905",
    "Shir Khan": "AF1905",
    "Khajaghar": "AF1809",
    "Khwaja Ghar": "AF1809",
    "Bangi": "AF1804",
    "Chahab": "AF1816",
    "Yangi Qala": "AF1817",
    "Darkad": "AF1815",
    "Dasht-e Qala": "AF1812",
    "Dasht-e Archi": "AF1906",
    "Qala-ye Zal": "AF1907",
    "Islam Qala": "AF3213",
    "Qala-e-Naw": "AF3101",
    "Kunduz city": "AF1901",
    "Kunduz City": "AF1901",
    "Kunar": "AF15",
    "Badakhshan Province": "AF17",
    "Badghis Province": "AF31",
    "Herat Province": "AF32",
    "Takhar province": "AF18",
}


def test_seeds(gazetteer):
    seen: dict[str, set] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for m in find_mentions(path.read_text(encoding="utf-8"), gazetteer):
            seen.setdefault(m.text, set()).add(_code(m.place))
    for name, code in SEED_EXPECTED.items():
        assert seen.get(name) == {code}, (name, seen.get(name))
    for foreign in ("Tajikistan", "Iran", "Khatlon"):
        assert seen[foreign] == {None}


def test_a_possessive_before_another_place_is_the_province(gazetteer):
    ms = find_mentions(
        "Fighters overran Kandahar's Spin Boldak district and Zabul's Arghandab.", gazetteer
    )
    assert [(m.text, _code(m.place)) for m in ms] == [
        ("Kandahar", "AF27"),
        ("Spin Boldak district", "AF2711"),
        ("Zabul", "AF26"),
        ("Arghandab", "AF2605"),
    ]


def test_the_airport_is_the_airport_of_the_city_in_context(gazetteer):
    text = "The Taliban entered Kunduz on Sunday. Government forces still hold the airport, officials said."
    m = _first(text, gazetteer, "the airport")
    assert m.place.key == "pt:kunduz-airport" and m.rule == "airport-anaphora"
    text = "Fighting in Takhar province went on. Officials said the airport was quiet."
    m = _first(text, gazetteer, "the airport")
    assert m.place.adm2_pcode == "AF1801"  # the capital of the province named before
    text = "Fighting went on. Officials said the airport was quiet."
    assert all(m.rule != "airport-anaphora" for m in find_mentions(text, gazetteer))


@pytest.mark.parametrize(
    "text,name",
    [
        ("General Ajmal Shinwari, a spokesman, said the troops held.", "Shinwari"),
        ("Governor Fawad Sherzad said reinforcements arrived.", "Sherzad"),
        ("Abdul Ghani Baradar met the envoy.", "Baradar"),
    ],
)
def test_names_of_people_after_a_title_or_a_given_name(gazetteer, text, name):
    assert [
        m for m in find_mentions(text, gazetteer) if m.place is not None and m.text.startswith(name)
    ] == []


# Sentences written the way wire copy names places, with the code each name must get.
NEWS_SENTENCES = [
    ("Taliban captured Dand-e-Ghori district of Baghlan on Friday.", ["AF0902", "AF09"]),
    ("The Taliban overran Khan Abad district, 30 km east of Kunduz city.", ["AF1904", "AF1901"]),
    ("Pul-i-Khumri, capital of Baghlan, was under siege.", ["AF0901", "AF09"]),
    ("Militants stormed Herat's Guzara district.", ["AF32", "AF3203"]),
    ("Khost's Sabari district was overrun.", ["AF14", "AF1407"]),
    ("The fighting in Imam Sahib, Kunduz, continued.", ["AF1905", "AF19"]),
    ("They seized the Chimtal district of Balkh.", ["AF2108", "AF21"]),
    ("Rebels overran Qarabagh district of Ghazni.", ["AF1111", "AF11"]),
    ("Qala-i-Naw, Badghis's provincial capital, was attacked.", ["AF3101", "AF31"]),
    ("Nimroz's capital, Zaranj, was the first to fall.", ["AF34", "AF3401"]),
    ("Lashkar Gah, capital of southern Helmand province, is besieged.", ["AF3001", "AF30"]),
    ("Government troops pulled out of Baharak district in Badakhshan.", ["AF1706", "AF17"]),
    ("Taliban fighters captured the district centre of Baharak in Takhar.", ["AF1803", "AF18"]),
    ("The Taliban captured Muqur district in Badghis.", ["AF3103", "AF31"]),
    ("The Taliban claimed Jaghatu district in Wardak province.", ["AF0408", "AF04"]),
    ("Ghazni, Logar and Wardak saw heavy fighting.", ["AF11", "AF05", "AF04"]),
    ("The Taliban took Ghazni, 150 km southwest of Kabul.", ["AF1101", "AF0101"]),
    ("Fighters entered the northern city of Mazar-e-Sharif.", ["AF2101"]),
    ("Insurgents seized Khwaja Bahauddin and Darqad districts.", ["AF1814", "AF1815"]),
]


@pytest.mark.parametrize("text,codes", NEWS_SENTENCES, ids=[t[:40] for t, _ in NEWS_SENTENCES])
def test_news_sentences(gazetteer, text, codes):
    assert [_code(m.place) for m in find_mentions(text, gazetteer)] == codes


def test_a_province_name_beats_a_district_known_by_it_as_a_second_name(gazetteer):
    m = _first("A commander from Khost said the attack was repelled.", gazetteer, "Khost")
    assert m.place.adm1_pcode == "AF14"
    m = _first("The Taliban captured Khost district in Baghlan.", gazetteer, "Khost")
    assert m.place.key == "AF0913"


def test_a_surname_that_is_a_province_is_not_a_place(gazetteer):
    assert (
        _resolved("Khan Mohammad Wardak, a lawmaker, said the army was retreating.", gazetteer)
        == []
    )


@pytest.mark.parametrize(
    "text,key",
    [
        ("The Taliban seized the Ishkashim border crossing.", "pt:ishkashim-crossing"),
        ("Troops left Bagram air base at night.", "pt:bagram"),
        ("They took the Dand-e Patan crossing.", "pt:dand-e-patan"),
        ("The Kajaki dam was attacked.", "pt:kajaki-dam"),
        ("Fighting reached Kunduz airport.", "pt:kunduz-airport"),
        ("Trucks queued at the Wesh–Chaman gate.", "pt:spin-boldak-crossing"),
    ],
)
def test_a_kind_word_after_a_district_name_picks_the_point_of_that_kind(gazetteer, text, key):
    assert next(m.place.key for m in find_mentions(text, gazetteer) if m.place) == key


def test_numbered_city_districts_are_in_their_city(gazetteer):
    ms = find_mentions(
        "Fighters overran PD4 in Lashkargah and police district 9 of Kabul city.", gazetteer
    )
    assert [(m.text, _code(m.place), m.rule) for m in ms] == [
        ("PD4", "AF3001", "area-in-district"),
        ("Lashkargah", "AF3001", "exact"),
        ("police district 9", "AF0101", "area-in-district"),
        ("Kabul city", "AF0101", "kind-cue"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kunduz Herat Jani Khel Qala-e-Naw " * 1500,
        "Kunduz, " * 6000,
        "Qala-" * 10000,
        "A " * 25000,
        "PD4 in Lashkargah " * 3000,
        "Kunduz province the provincial capital " * 1500,
        "Kunduz the airport " * 3000,
        " ".join(f"in Qzx{i:05d}abc" for i in range(4000)),
    ],
    ids=["dense", "list", "dashes", "spaces", "pd", "capital", "airport", "fuzzy"],
)
def test_hostile_text_costs_linear_time(gazetteer, text):
    import time

    t = time.process_time()
    ms = find_mentions(text, gazetteer)
    assert time.process_time() - t < 5.0
    assert all(text[m.start : m.end] == m.text for m in ms)


def test_geodesic_distance_decides_when_no_candidate_province_is_named(gazetteer):
    # Sabari and Musa Khel are in Khost: the Paktya Jani Khel is the nearer one
    text = "Fighting went on in Sabari and Musa Khel.\n\nLater Jani Khel fell."
    m = _first(text, gazetteer, "Jani Khel")
    assert (m.place.key, m.rule) == ("AF1309", "distance")
    # Ghazni and Waghaz lie nearer to the Paktika Jani Khel
    text = "Fighting went on in Ghazni city and Waghaz.\n\nLater Jani Khel fell."
    m = _first(text, gazetteer, "Jani Khel")
    assert (m.place.key, m.rule) == ("AF1209", "distance")


def test_every_rule_emitted_is_documented(gazetteer):
    from geo.places.mentions import RULES

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [t for t, _ in NEWS_SENTENCES]
    texts += [
        "Fighters captured Jani Khel on Monday.",
        "Gunmen attacked the capital of Badghis. The airport was closed.",
        "Nari was mentioned. Crowds celebrated in Jalalablad. Ashraf Ghani spoke.",
        "Fighters overran PD4 in Lashkargah. Taliban fighters attacked Faizabad on Sunday.",
    ]
    seen = {m.rule for t in texts for m in find_mentions(t, gazetteer)}
    assert seen <= set(RULES), seen - set(RULES)
    assert {"exact", "kind-cue", "ambiguous", "foreign", "fuzzy", "capital-of"} <= seen


# --- the fast paths give what the plain code gives ------------------------------------------


def test_sentence_breaks_equal_the_regex_everywhere():
    import random

    from geo.places.mentions import _SENT_END

    def plain(text):  # sentence_spans as finditer over the whole text
        spans, pos = [], 0
        for m in _SENT_END.finditer(text):
            spans.append((pos, m.end("mark") if m.group("mark") else m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
        return [s for s in spans if s[1] > s[0]]

    rng = random.Random(4)
    pieces = ["Kunduz", "the", "fell", ".", ". ", "!", "?", "\n", "\n\n", " ", '"', "(", ")"]
    pieces += ["3", "U.S.", "Mr.", "\u201c", "\u2019", "\t", ".)", "?'", "a"]
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    texts += ["Kunduz. " + "." * 500 + " Herat. Then.", ""]  # dense marks: the finditer path
    for text in texts:
        assert sentence_spans(text) == plain(text), text


def test_capital_phrases_ascii_path_equals_ignorecase():
    from geo.places.mentions import _CAPITAL_PHRASE, _capital_phrases

    texts = [
        "Fighters encircled THE PROVINCIAL CAPITAL and The Provincial Centre.",
        "the capital city of the province; the capital of the same name; the province's capital",
        "Bathe provincial capital is not a match; nor is the capital city of Kabul.",
        "Non-ASCII \u201cthe provincial capital\u201d and the capıtal city (dotless i).",
    ]
    for text in texts:
        assert list(_capital_phrases(text)) == [m.span() for m in _CAPITAL_PHRASE.finditer(text)]


def test_city_words_fast_path_equals_the_regex():
    from geo.places.mentions import _CITY_WORDS, _has_city_word

    texts = ["the city fell", "velocity", "Capitals", "no place words", "the CITY'S gates", "cıty"]
    texts += ["suburb", "suburbs", "downtown", "outskirts.", "Gates", "capitalise", ""]
    for text in texts:
        assert _has_city_word(text) == bool(_CITY_WORDS.search(text)), text


def test_geodesic_equals_geopy(gazetteer):
    import random

    from geopy.distance import geodesic

    from geo.places.mentions import _SPHERE_ERROR, _geodesic_km, _sphere_km

    rng = random.Random(2)
    points = sorted(gazetteer.centroids.values())
    for _ in range(300):
        a, b = rng.choice(points), rng.choice(points)
        d = _geodesic_km(a, b)
        assert d == geodesic(a, b).km  # the same numbers to the last bit
        assert abs(_sphere_km(a, b) - d) <= _SPHERE_ERROR / 2 * d + 1e-9


def test_distance_rule_by_bounds_equals_the_exact_rule(gazetteer):
    import math
    import random

    from geo.places.mentions import _by_distance, _Ctx, _geodesic_km, _nearest

    rng = random.Random(3)
    places = sorted(
        (p for p in gazetteer.places.values() if gazetteer.centroid(p.key)), key=lambda p: p.key
    )
    for _ in range(2000):
        pool = tuple(rng.sample(places, rng.randint(1, 4)))
        anchors = [gazetteer.centroid(p.key) for p in rng.sample(places, rng.randint(1, 12))]
        exact = []
        for p in pool:
            c = gazetteer.centroid(p.key)
            coslat = math.cos(math.radians(c[0]))
            a = min(anchors, key=lambda a: (a[0] - c[0]) ** 2 + ((a[1] - c[1]) * coslat) ** 2)
            exact.append((_geodesic_km(c, a), p))
        ctx = _Ctx(gazetteer, {}, {}, set(), set(), anchors, [])
        assert _by_distance(pool, ctx) is _nearest(exact)


def test_results_do_not_depend_on_the_process(gazetteer):
    # a name of a district and its city anchors the distance rule at its first place, not at
    # whichever a set of Places yields first (Place hashes change from one process to the next)
    import subprocess
    import sys

    code = (
        "from geo.places.gazetteer import load_gazetteer\n"
        "from geo.places.mentions import find_mentions\n"
        "g = load_gazetteer()\n"
        "t = 'Fighting reached Tarinkot and Khost.\\n\\nLater Surobi and Baharak fell.'\n"
        "print([(m.text, m.place and m.place.key, m.rule) for m in find_mentions(t, g)])\n"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (0, 1, 2)
    }
    assert len(outs) == 1, outs


# --- consistency within an article, airports, "Kunduz districts", "the Afghan city of" --------


@pytest.mark.parametrize(
    "text, name, code",
    [
        (
            (
                "Clashes spread across Paktia province. Insurgents stormed Jani Khel district of Paktia. "
                "Hours later Urgun and Jani Khel district were both under attack."
            ),
            "Jani Khel",
            "AF1309",
        ),
        (
            (
                "Gunmen struck Arghandab district in Zabul. A day later Shinkay, Mizan and Arghandab "
                "reported more clashes."
            ),
            "Arghandab",
            "AF2605",
        ),
        (
            (
                "Insurgents overran Nawa district of Ghazni province on Friday. By Saturday Garmser and "
                "Nawa district were quiet."
            ),
            "Nawa",
            "AF1119",
        ),
        (
            (
                "Fighters pushed into Dawlat Abad district of Faryab province. On Sunday Chimtal "
                "and Dawlat Abad district saw shelling."
            ),
            "Dawlat Abad",
            "AF2909",
        ),
    ],
)
def test_a_name_settled_earlier_keeps_its_province(gazetteer, text, name, code):
    last = [m for m in find_mentions(text, gazetteer) if m.text.startswith(name)][-1]
    assert _code(last.place) == code, last
    assert last.rule == "earlier-in-article"


def test_a_sentence_naming_the_other_province_still_wins(gazetteer):
    text = (
        "Insurgents stormed Jani Khel district of Paktia. In Paktika province, "
        "Jani Khel district was also attacked."
    )
    codes = [_code(m.place) for m in find_mentions(text, gazetteer) if m.text.startswith("Jani")]
    assert codes == ["AF1309", "AF1209"]


@pytest.mark.parametrize(
    "text, key",
    [
        (
            "Shelling hit Herat overnight. Troops still hold the airport in Kunduz city.",
            "pt:kunduz-airport",
        ),
        ("Mazar-i-Sharif was calm. Rockets landed near the airport of Herat.", "pt:herat-airport"),
        ("Mazar-i-Sharif was calm while Kunduz airport was shut.", "pt:kunduz-airport"),
        (
            "Kunduz was calm. Rockets landed near the airport of Kandahar city.",
            "pt:kandahar-airport",
        ),
    ],
)
def test_the_airport_of_the_city_named_in_the_phrase(gazetteer, text, key):
    airports = [m for m in find_mentions(text, gazetteer) if "airport" in m.text]
    assert [m.place.key for m in airports] == [key], airports


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents overran three Kunduz districts this week.",
        "Kunduz districts fell one after another.",
        "Insurgents overran several districts of Kunduz this week.",
    ],
)
def test_a_name_modifying_districts_is_the_province(gazetteer, text):
    m = _first(text, gazetteer, "Kunduz")
    assert m.place.level == "province" and m.place.adm1_pcode == "AF19", m


def test_a_list_before_districts_stays_districts(gazetteer):
    m = _first("Insurgents overran Pashtun Kot and Kunduz districts.", gazetteer, "Kunduz")
    assert m.place.level == "district"


@pytest.mark.parametrize(
    "text, key",
    [
        ("Fighters entered the northern Afghan city of Kunduz at dawn.", "pt:kunduz-city"),
        ("Rockets hit the western city of Herat.", "pt:herat-city"),
        ("Fighters entered the city of Kunduz at dawn.", "pt:kunduz-city"),
        ("Fighters reached the southern Afghan city of Kandahar.", "pt:kandahar-city"),
    ],
)
def test_the_city_of_a_capital_is_the_city(gazetteer, text, key):
    m = next(x for x in find_mentions(text, gazetteer) if x.place is not None)
    assert m.place.key == key, m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two places of one name: the province named right after each decides it
        ("Tagab in Kapisa is not the Tagab district of Badakhshan.",
         [("Tagab", "AF0206"), ("Kapisa", "AF02"), ("Tagab district", "AF1717"), ("Badakhshan", "AF17")]),
        ("The Tagab district of Badakhshan is quiet, unlike Tagab in Kapisa.",
         [("Tagab district", "AF1717"), ("Badakhshan", "AF17"), ("Tagab", "AF0206"), ("Kapisa", "AF02")]),
    ],
)
def test_the_province_named_right_after_a_shared_name_decides_it(gazetteer, text: str, expected) -> None:
    ms = find_mentions(text, gazetteer)
    assert [(m.text, _code(m.place)) for m in ms if m.place] == expected
