"""Control claims from short sentences of our own, one table per phenomenon (geo.claims.extract)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.claims.counts import find_counts
from geo.claims.extract import extract, extract_article
from geo.models import Article, ArticleResult

SAT = date(2021, 7, 10)  # a Saturday


def test_the_lexicon_is_data_and_compiles() -> None:
    from geo.claims.rules import _rules
    from geo.claims.nlp import lexicon

    lex = lexicon()
    assert {"take", "retake", "fall", "hold", "contest", "fight"} <= set(lex["cues"])
    assert {"government", "taliban"} == set(lex["actors"])
    rules = _rules()
    assert len(rules.cues) == len(lex["cues"])


@pytest.fixture(scope="session")
def run(gazetteer):
    """Extract from a text; claims as sorted (place P-code, controller) pairs."""

    def _run(text: str, published: date | None = SAT) -> list[tuple[str, str]]:
        result = extract_article(Article("t", text, published, "header" if published else None),
                                 gazetteer=gazetteer)
        return sorted({(c.adm1_pcode if c.place_level == "province" else c.adm2_pcode, c.controller)
                       for c in result.claims})

    return _run


@pytest.fixture(scope="session")
def claims_of(gazetteer):
    def _claims(text: str, published: date | None = SAT):
        return extract_article(Article("t", text, published, "header" if published else None),
                               gazetteer=gazetteer).claims

    return _claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # taking, active and passive, any tense
        ("The Taliban captured Nerkh district on Tuesday.", [("AF0402", "taliban")]),
        ("Nerkh district was captured by the Taliban.", [("AF0402", "taliban")]),
        ("Insurgents have seized Nerkh.", [("AF0402", "taliban")]),
        ("Militants overran Maywand district late on Sunday.", [("AF2710", "taliban")]),
        ("The Taliban took control of Maywand district.", [("AF2710", "taliban")]),
        ("The group has taken over Maywand.", [("AF2710", "taliban")]),
        ("Taliban fighters stormed and occupied Maywand.", [("AF2710", "taliban")]),
        ("The fall of Maywand district shocked officials.", [("AF2710", "taliban")]),
        ("Maywand, which the Taliban captured last week, is quiet.", [("AF2710", "taliban")]),
        # falling, surrendering, handing over
        ("Nerkh fell to the Taliban after days of fighting.", [("AF0402", "taliban")]),
        ("Nerkh district has fallen into the hands of the insurgents.", [("AF0402", "taliban")]),
        ("Qadis district collapsed on Wednesday morning.", [("AF3104", "taliban")]),
        ("Doshi district was handed over to the Taliban without a fight.", [("AF0903", "taliban")]),
        # holding
        ("Maywand is now under Taliban control.", [("AF2710", "taliban")]),
        ("Maywand district is in Taliban hands.", [("AF2710", "taliban")]),
        ("Qadis district remains under government control.", [("AF3104", "government")]),
        ("Life has changed in Taliban-held Qadis district.", [("AF3104", "taliban")]),
        ("Fighters moved towards government-controlled Qadis.", [("AF3104", "government")]),
        ("Qadis is fully under the control of security forces.", [("AF3104", "government")]),
        ("The Taliban now control Qadis district.", [("AF3104", "taliban")]),
        ("Afghan forces still hold the town of Qadis.", [("AF3104", "government")]),
        # retaking
        ("Afghan forces retook Bangi district from the Taliban.", [("AF1804", "government")]),
        ("Bangi was recaptured by commandos on Friday.", [("AF1804", "government")]),
        ("Security forces have regained control of Yaftal district.", [("AF1704", "government")]),
        ("Government forces wrested back control of Qadis district.", [("AF3104", "government")]),
        ("The army cleared Doshi district of insurgents.", [("AF0903", "government")]),
        ("Police repelled a Taliban attack on Qadis district.", [("AF3104", "government")]),
        ("Government troops made a tactical retreat from Nerkh district.", [("AF0402", "taliban")]),
        # contested
        ("The Taliban besieged Qadis district.", [("AF3104", "contested")]),
        ("Heavy fighting is under way in Qadis district.", [("AF3104", "contested")]),
        ("Taliban fighters entered Qadis district on Monday.", [("AF3104", "contested")]),
        ("The Taliban stormed Qadis district.", [("AF3104", "contested")]),
        ("Taliban fighters encircled the provincial capital of Kunduz province.", [("AF1901", "contested")]),
        ("The militants had not entered the city of Kunduz.", [("AF1901", "contested")]),
    ],
)
def test_actions(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who acts decides who holds: "regained" by either side
        ("The Taliban regained control of Yaftal district.", [("AF1704", "taliban")]),
        ("The Islamic Emirate's fighters captured Yaftal.", [("AF1704", "taliban")]),
        ("ANDSF recaptured Yaftal district on Friday.", [("AF1704", "government")]),
        ("Local uprising forces retook Yaftal.", [("AF1704", "government")]),
        ("Militias loyal to the government regained Yaftal.", [("AF1704", "government")]),
        ("Afghan forces entered Yaftal district and took control of it.", [("AF1704", "government")]),
        ("The insurgent group seized Yaftal.", [("AF1704", "taliban")]),
    ],
)
def test_actors(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afghan government forces retook the two districts of Bangi and Khwaja Ghar in Takhar province.",
         [("AF1804", "government"), ("AF1809", "government")]),
        (("Chahab, Yangi Qala and Darkad districts in Takhar province and Imam Sahib in Kunduz province "
         "have fallen to the Taliban."),
         [("AF1815", "taliban"), ("AF1816", "taliban"), ("AF1817", "taliban"), ("AF1905", "taliban")]),
        ("The Taliban took control of the Shinwari District and the Ghorband District in Parwan.",
         [("AF0303", "taliban"), ("AF0307", "taliban")]),
        (("Four districts fell to the Taliban on Sunday. The districts are Qadis in Badghis and "
         "Maywand in Kandahar."), [("AF2710", "taliban"), ("AF3104", "taliban")]),
        ("Several districts have fallen to the insurgents in recent days, including Doshi and Nerkh.",
         [("AF0402", "taliban"), ("AF0903", "taliban")]),
        ("The Taliban seized Parwan's Shinwari and Ghorband districts.",
         [("AF0303", "taliban"), ("AF0307", "taliban")]),
    ],
)
def test_lists_and_coordination(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # distance references
        ("The Taliban captured Nerkh district, 40 kilometres from Kabul.", [("AF0402", "taliban")]),
        ("Militants seized Shir Khan Bandar, about 50 km (30 miles) from Kunduz city.",
         [("AF1905", "taliban")]),
        # origins and destinations
        ("Soldiers fled to Tajikistan after the Taliban seized Shir Khan Bandar.", [("AF1905", "taliban")]),
        ("Residents fled to Kabul as the Taliban captured Doshi district.", [("AF0903", "taliban")]),
        # incidents
        ("A rocket hit a hospital in Kunar province.", []),
        ("Ten soldiers were killed in a Taliban attack on their outpost in Qadis district.", []),
        # titles
        ("A Kunduz provincial council member said the Taliban captured Imam Sahib district.",
         [("AF1905", "taliban")]),
        ("Badghis police chief said Qadis district fell to the Taliban.", [("AF3104", "taliban")]),
        # a place inside another: the province is not claimed
        ("The Taliban captured the Islam Qala crossing in Herat province.", [("AF3213", "taliban")]),
        ("They captured the Jani Khel district of Paktia Province early on Wednesday.",
         [("AF1309", "taliban")]),
        ("The Taliban seized Qala-e-Naw, the capital of Badghis province.", [("AF3101", "taliban")]),
        # plans, threats, hypotheticals
        ("The Taliban will try to capture Qadis district.", []),
        ("Afghan forces are planning to retake Doshi district.", []),
        ("The world would not accept the Taliban seizing control of Kabul.", []),
        ("It was not immediately clear whether the Taliban had captured Qadis district.", []),
        # people, not places, are captured
        ("Soldiers were killed and captured in Qadis district.", []),
        ("The Taliban seized weapons and vehicles in Qadis district.", []),
        # a person, not the place in the relative clause, surrendered
        ("Ismail Khan, who had led the defence of Herat, surrendered to the Taliban.", []),
        # captions
        ("In this photo, taken on June 2, a fighter stands in Doshi district, which the Taliban seized.", []),
    ],
)
def test_non_claims(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


def test_a_place_named_up_front_is_where_facilities_were_taken(run) -> None:
    assert run("In Herat, the Taliban seized the police headquarters and the governor's compound.") == [
        ("AF3201", "taliban")]


def test_an_exception_stays_with_the_other_side(run) -> None:
    assert run("The Taliban have captured all districts of Helmand except Lashkar Gah.") == [
        ("AF30", "taliban"), ("AF3001", "government")]


def test_each_clause_keeps_its_speaker(claims_of) -> None:
    got = claims_of("The Taliban claim they have taken Qadis district, but officials say the district is "
                    "still in government hands.")
    assert sorted((c.controller, c.source_type) for c in got) == [("government", "government"),
                                                                 ("taliban", "taliban")]


def test_a_past_year_marks_background(claims_of) -> None:
    (c,) = claims_of("The militants took Kunduz city in 2015 and held it for two weeks.")
    assert (c.event_date, c.extra.get("historical")) == (None, True)


@pytest.fixture(scope="session")
def nlp():
    from geo.claims.extract import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both sides are named before the verb: the parse finds who acts
        ("The Taliban, who had been fighting Afghan forces for weeks, captured Nerkh district.",
         [("AF0402", "taliban")]),
        ("Afghan forces, who had lost it to the Taliban in May, retook Nerkh district.",
         [("AF0402", "government")]),
        ("The Taliban said Afghan forces had retaken Nerkh district.", [("AF0402", "government")]),
    ],
)
def test_the_parse_settles_the_actor(gazetteer, nlp, text: str, expected: list[tuple[str, str]]) -> None:
    r = extract_article(Article("t", text, SAT, "header"), gazetteer=gazetteer, nlp=nlp)
    assert sorted({(c.adm2_pcode, c.controller) for c in r.claims}) == expected


def test_load_nlp_is_cached_and_lean(nlp) -> None:
    from geo.claims.extract import load_nlp

    assert load_nlp() is nlp
    assert "ner" not in nlp.pipe_names and "parser" in nlp.pipe_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (("Officials said the Islam Qala crossing had fallen to the Taliban. The interior ministry denied "
         "the reports, saying the crossing was still under the control of government forces."),
         [("AF3213", "government", "government"), ("AF3213", "taliban", "government")]),
        ("The Taliban claimed they have overrun Qadis district. Local officials, however, rejected it.",
         [("AF3104", "government", "government"), ("AF3104", "taliban", "taliban")]),
    ],
)
def test_denials(claims_of, text: str, expected: list[tuple[str, str, str]]) -> None:
    got = sorted({(c.adm2_pcode, c.controller, c.source_type) for c in claims_of(text)})
    assert got == expected


def test_a_denial_takes_the_date_of_the_claim_it_denies(claims_of) -> None:
    got = claims_of("Officials said the Taliban captured Islam Qala on Thursday. The ministry denied it.")
    assert {(c.controller, c.event_date) for c in got} == {("taliban", "2021-07-08"), ("government", "2021-07-08")}


def test_a_surname_takes_the_earlier_description(claims_of) -> None:
    got = claims_of("Badghis governor Hassamuddin Shams said the Taliban entered Qala-e-Naw. "
                    "Shams said Qadis district fell to the Taliban.")
    assert {c.attributed_to for c in got} == {"Badghis governor Hassamuddin Shams"}


def test_a_list_sentence_keeps_the_speaker_of_its_claim(claims_of) -> None:
    got = claims_of("Sources said that two districts have fallen to the Taliban. The districts are Qadis "
                    "and Maywand.")
    assert {(c.place_name, c.source_type) for c in got} == {("Qadis", "third_party"), ("Maywand", "third_party")}


def test_hedged_claims_are_less_sure(claims_of) -> None:
    plain = claims_of("The Taliban captured Qadis district.")[0]
    hedged = claims_of("The Taliban claimed to have captured Qadis district, reportedly.")[0]
    assert hedged.confidence < plain.confidence


@pytest.mark.parametrize(
    ("text", "who", "source_type"),
    [
        ("Nerkh fell to the Taliban, Interior Ministry spokesman Tareq Arian said.",
         "Interior Ministry spokesman Tareq Arian", "government"),
        ("Taliban spokesman Zabihullah Mujahid said the group had captured Nerkh.",
         "Taliban spokesman Zabihullah Mujahid", "taliban"),
        ("According to local residents, Nerkh fell to the Taliban.", "local residents", "third_party"),
        ("A Pakistani security source said the Taliban captured Spin Boldak.",
         "A Pakistani security source", "third_party"),
        ("The Taliban captured Nerkh, the governor told reporters.", "the governor", "government"),
        ("The Taliban captured Nerkh.", "reporter", "reporter"),
        ("Nerkh fell to the Taliban, said Ahmad Khan, a provincial council member.",
         "Ahmad Khan, a provincial council member", "government"),
        ("Zabihullah Mujahid, a spokesman for the Taliban, said the insurgents captured Nerkh.",
         "Zabihullah Mujahid, a spokesman for the Taliban", "taliban"),
        ("Officials on Tuesday said the Taliban had captured Nerkh.", "Officials", "government"),
        ("Heavy fighting was reported in Nerkh.", "reporter", "reporter"),
    ],
)
def test_attribution(claims_of, text: str, who: str, source_type: str) -> None:
    (c,) = claims_of(text)
    assert (c.attributed_to, c.source_type) == (who, source_type)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban captured most of Badakhshan province.", ("AF17", "taliban", "most")),
        ("The rest of Badghis province is in Taliban hands.", ("AF31", "taliban", "rest")),
        ("The Taliban have taken parts of Balkh province.", ("AF21", "taliban", "part")),
        ("The Taliban took control of Balkh province.", ("AF21", "taliban", "all")),
        ("All six districts in Badghis have completely fallen to the Taliban.", ("AF31", "taliban", "most")),
    ],
)
def test_province_scopes(claims_of, text: str, expected: tuple[str, str, str]) -> None:
    (c,) = claims_of(text)
    assert (c.adm1_pcode, c.controller, c.scope, c.place_level, c.adm2_pcode) == (*expected, "province", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heavy fighting continues in Balkh province.", []),
        ("Four districts in Ghazni province fell to the Taliban.", []),
    ],
)
def test_provinces_named_without_a_claim(run, text: str, expected: list) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban have seized over 80 of the country's 421 districts.", [(80, 421, "over")]),
        ("They control more than 50 of 370 districts, the envoy said.", [(50, 370, "more than")]),
        ("The group holds more than 200 districts.", [(200, None, "more than")]),
        ("The Taliban captured 24 districts in a week.", [(24, None, "")]),
        ("Five people were killed in two districts.", []),
    ],
)
def test_counts(text: str, expected: list[tuple[int, int | None, str]]) -> None:
    assert [(n, t, q) for n, t, q, _, _ in find_counts(text)] == expected


def test_count_claims_are_not_place_claims(gazetteer) -> None:
    r = extract_article(Article("t", "Taliban spokesman Zabihullah Mujahid said the group holds over 200 "
                                     "of the country's 421 districts.", SAT, "header"), gazetteer=gazetteer)
    assert r.claims == []
    assert [(c.number, c.total, c.source_type, c.date) for c in r.counts] == [(200, 421, "taliban", "2021-07-10")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban captured Nerkh district on Tuesday.", ("2021-07-06", "day")),
        ("Tuesday's capture of Shir Khan Bandar was a blow.", ("2021-07-06", "day")),
        ("They captured the Jani Khel district of Paktia early on Wednesday.", ("2021-07-07", "day")),
        ("The Taliban captured Nerkh district yesterday.", ("2021-07-09", "day")),
        ("Last week the Taliban seized Nerkh district.", ("2021-06-28", "week")),
        ("Earlier this week the Taliban seized Nerkh district.", ("2021-07-05", "week")),
        ("Nerkh district fell to the Taliban in recent days.", ("2021-07-10", "week")),
        ("Nerkh has been under Taliban control since early May.", ("2021-05-01", "month")),
        ("Afghan forces retook Bangi district on June 28.", ("2021-06-28", "day")),
        ("Afghan forces retook Bangi district on 22 June.", ("2021-06-22", "day")),
        ("Afghan forces retook Bangi district on March 28, 2021.", ("2021-03-28", "day")),
        ("The rest of Badghis province is in Taliban hands.", ("2021-07-10", "unknown")),
    ],
)
def test_claim_dates(claims_of, text: str, expected: tuple[str, str]) -> None:
    (c,) = claims_of(text)
    assert (c.event_date, c.time_precision) == expected


def test_the_lead_dates_later_sentences(claims_of) -> None:
    text = ("Taliban fighters on Thursday seized a key district in western Afghanistan, officials said. "
            "Two officials said the Islam Qala crossing had fallen to the Taliban. "
            "The rest of Badghis province is in Taliban hands.")
    got = {(c.place_name, c.event_date) for c in claims_of(text)}
    assert got == {("Islam Qala", "2021-07-08"), ("Badghis", "2021-07-10")}


def test_undated_articles_give_undated_claims(claims_of) -> None:
    (c,) = claims_of("The Taliban captured Nerkh district on Tuesday.", published=None)
    assert (c.event_date, c.time_precision, c.published) == (None, "unknown", None)


def test_claim_fields_follow_the_contract(claims_of) -> None:
    (c,) = claims_of("Taliban spokesman Zabihullah Mujahid said the insurgents captured Shir Khan Bandar.")
    d = c.to_dict()
    assert d["mention"] == "Shir Khan Bandar"
    assert d["place_level"] == "point" and d["adm2_pcode"] == "AF1905" and d["adm1_pcode"] == "AF19"
    assert d["lat"] is not None and d["geo_precision"] == 1 and d["scope"] is None
    assert 0 < d["confidence"] <= 1


def test_extract_streams_in_order(gazetteer, nlp) -> None:
    arts = [Article(f"a{i}", "The Taliban captured Nerkh district.", SAT, "header") for i in range(3)]
    results = list(extract(iter(arts), gazetteer=gazetteer, nlp=nlp))
    assert [r.article.id for r in results] == ["a0", "a1", "a2"]
    assert all(isinstance(r, ArticleResult) and len(r.claims) == 1 for r in results)


_WORDS = st.sampled_from(["The", "Taliban", "captured", "Nerkh", "district", "fell", "to", "on", "Tuesday",
                          "Kabul", ",", ".", "\n", "retook", "Kunduz", "province", "of", "and", "km", "from",
                          "“", "said", "the", "rest", "Badghis", "in", "hands", "yesterday", "June", "28"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=80).map(" ".join)),
       st.one_of(st.none(), st.dates(min_value=date(2001, 1, 1), max_value=date(2030, 12, 31))))
def test_extractor_never_fails(gazetteer, text: str, published: date | None) -> None:
    r = extract_article(Article("h", text, published, "header" if published else None), gazetteer=gazetteer)
    for c in r.claims:
        assert 0 <= c.char_start < c.char_end <= len(text)
        assert text[c.char_start:c.char_end] == c.mention
        assert c.event_date is None or date.fromisoformat(c.event_date)
        assert c.controller in ("taliban", "government", "contested")


@pytest.mark.slow
def test_survives_huge_inputs(gazetteer) -> None:
    many = " ".join(["The Taliban captured Nerkh district on Tuesday."] * 10_000)
    r = extract_article(Article("big", many, SAT, "header"), gazetteer=gazetteer)
    assert {(c.adm2_pcode, c.controller) for c in r.claims} == {("AF0402", "taliban")}
    line = ("the taliban captured nerkh district and " * 130_000)[:5_000_000]
    r = extract_article(Article("line", line, SAT, "header"), gazetteer=gazetteer)
    assert all(0 <= c.char_start < c.char_end <= len(line) for c in r.claims)


# ---------------------------------------------------------------------------
# Generalisation rules (lists, control wordings, binding, precision)

_N, _M, _B, _K = "AF0402", "AF2710", "AF1804", "AF1901"  # Nerkh, Maywand, Bangi, Kunduz city


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bulleted list under an intro that carries the claim; "X, Province" names where X lies
        (("The Taliban took eight districts in the north on Friday. The districts that fell are:\n"
         "- Nerkh, Wardak\n- Maywand, Kandahar\n- Bangi, Takhar\nOfficials said nothing else."),
         [(_N, "taliban"), (_B, "taliban"), (_M, "taliban")]),
        ("Several districts changed hands. Districts retaken by the army:\n1. Nerkh\n2. Maywand\n",
         [(_N, "government"), (_M, "government")]),
        # a bullet list without an intro claim says nothing
        ("Places mentioned in this report:\n- Nerkh\n- Maywand\n", []),
        # inverted lists
        ("Among the districts that fell on Thursday were Nerkh, Maywand and Bangi, an official said.",
         [(_N, "taliban"), (_B, "taliban"), (_M, "taliban")]),
        ("The districts captured by the insurgents include Nerkh and Maywand.",
         [(_N, "taliban"), (_M, "taliban")]),
        # an appositive inside a list
        ("On Friday the militants captured Kunduz, the main city of the region, and Bangi, a district of Takhar.",
         [(_B, "taliban"), (_K, "taliban")]),
    ],
)
def test_list_forms(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police surrendered Nerkh district to the Taliban on Wednesday.", [(_N, "taliban")]),
        ("In Maywand district, the district governor handed over the headquarters to the militants.",
         [(_M, "taliban")]),
        ("The governor said the militant attack on Nerkh had been repelled.", [(_N, "government")]),
        ("Security forces repulsed a fresh Taliban assault on Maywand district.", [(_M, "government")]),
        ('The army said Maywand district, which it said was "cleared of insurgents" on Friday, was calm.',
         [(_M, "government")]),
        ("Wardak is the only province not under Taliban control.", [("AF04", "government")]),
        ("Maywand district is not yet under Taliban control.", [(_M, "contested")]),
        ("Maywand district came under heavy Taliban attack on Thursday night.", [(_M, "contested")]),
        ("Nerkh came under Taliban control on Thursday.", [(_N, "taliban")]),
        ("The Taliban are contesting Nerkh and Maywand.", [(_N, "contested"), (_M, "contested")]),
        ("The group has held Nerkh district since early May.", [(_N, "taliban")]),
        ("Soldiers still hold the governor's compound in the centre of Kunduz city.", [(_K, "government")]),
        ("The insurgents now control 12 of Takhar's 17 districts, a lawmaker said.", [("AF18", "taliban")]),
        ("The insurgents control 3 of Takhar's 17 districts.", []),
        ("Taliban fighters entered Kunduz city on Friday and took control of the governor's compound.",
         [(_K, "taliban")]),
        ("Taliban fighters entered Kunduz city on Friday and clashed with the police.", [(_K, "contested")]),
    ],
)
def test_more_control_wordings(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


def test_a_share_of_districts_is_a_province_claim_of_scope_most(claims_of) -> None:
    (c,) = claims_of("The insurgents now control 12 of Takhar's 17 districts.")
    assert (c.place_level, c.adm1_pcode, c.scope) == ("province", "AF18", "most")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # appositives, relative clauses and adjectives between a place and its verb
        ("Nerkh, capital of neighbouring Wardak province, was also taken on Friday.", [(_N, "taliban")]),
        ("Nerkh district, where a big army base is located, fell on Tuesday.", [(_N, "taliban")]),
        ("Maywand district, which borders Nerkh district, fell on Tuesday.", [(_M, "taliban")]),
        ("The Taliban overran neighbouring Maywand district on Monday night.", [(_M, "taliban")]),
        ("Heavy fighting was also reported yesterday in Nerkh district.", [(_N, "contested")]),
        # origins, purposes and negations are not claims
        ("Commandos were flown in from Kabul and Kunduz to retake the district, officials said.", []),
        ("Afghan commandos were sent to retake Nerkh district.", []),
        ("The army launched an operation on Friday to retake Nerkh district.", []),
        ("There are no clashes in Kunduz at the moment, a resident said.", []),
        # a described place is not an anaphor; a province containing an unnamed district is no claim
        ("The Taliban captured the district that surrounds the airport of Kunduz city.", []),
        ("Militants seized Nerkh district on Thursday, the first district in the province to fall.",
         [(_N, "taliban")]),
        ("Insurgents overrun Paktia district after long siege", []),
        ("Militants seized Baghlan district on Monday.", []),
        # "fell" gives the place to the side it fell to, not to whoever is named next
        ("Nerkh fell on Thursday after government troops withdrew.", [(_N, "taliban")]),
        # "the city of Kunduz" is the city, not the province
        ("Taliban fighters seized the northern city of Kunduz on Monday.", [(_K, "taliban")]),
    ],
)
def test_binding_and_precision(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


def test_a_dateline_place_is_not_a_claim_nor_an_antecedent(run) -> None:
    text = ("KUNDUZ/KABUL, July 9 (Reuters) - The Taliban captured Nerkh district on Thursday.\n"
            "Officials said the city was calm.")
    assert run(text) == [(_N, "taliban")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N days after X": shifted from the day named before
        ("Troops moved on Friday to retake Nerkh district, two days after the Taliban seized it.",
         {(_N, "taliban"): "2021-07-07"}),
        ("The Taliban captured Maywand early on Friday, a day after militants took Nerkh.",
         {(_M, "taliban"): "2021-07-09", (_N, "taliban"): "2021-07-08"}),
        ("Afghan forces retook Nerkh district on Sunday, hours after it fell to the Taliban.",
         {(_N, "government"): "2021-07-04", (_N, "taliban"): "2021-07-04"}),
        # background told "a year ago" takes no date of the lead
        ("Taliban fighters entered Kunduz city early on Thursday. A year ago the insurgents seized the city.",
         {(_K, "contested"): "2021-07-08", (_K, "taliban"): None}),
        # a headline is dated like the same event told below it
        (("Taliban take Maywand a day after Nerkh falls\nThe Taliban captured Maywand on Friday, a day after "
         "they took Nerkh."), {(_M, "taliban"): "2021-07-09", (_N, "taliban"): "2021-07-08"}),
        # the lead is the first real sentence, not the headline
        (("Taliban overrun a district near Kunduz city\nThe Taliban overran a district west of Kunduz early on "
         "Wednesday, officials said.\nThe fall of Nerkh district came after two days of fighting."),
         {(_N, "taliban"): "2021-07-07"}),
    ],
)
def test_dates_of_related_events(claims_of, text: str, expected: dict) -> None:
    got: dict = {}
    for c in claims_of(text):
        key = (c.adm1_pcode if c.place_level == "province" else c.adm2_pcode, c.controller)
        got.setdefault(key, []).append(c.event_date)
    assert set(got) == set(expected)
    for key, day in expected.items():
        assert day in got[key]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" is the unnamed place of its own sentence, not a place named before
        (("The Taliban captured Nerkh district on Monday. The main border crossing also remains under their "
         "control after the group seized it on Tuesday."), [(_N, "taliban")]),
        # "except" hands the exception to the other side only for a verb before it
        (("In Takhar, the group now controls most of the province except Taloqan, the provincial capital, "
         "which remains under government control."), [("AF18", "taliban"), ("AF1801", "government")]),
    ],
)
def test_pronouns_and_exceptions(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


def test_a_date_in_a_since_clause_dates_the_other_event(claims_of) -> None:
    (c,) = claims_of("The seizure of Nerkh is the biggest gain since the army began its pullout in May.")
    assert (c.event_date, c.time_precision) == ("2021-07-10", "unknown")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an entry told of a place the article says was taken was the taking
        ("The Taliban captured Kunduz city on Friday. \"They entered the city from three sides,\" an official said.",
         [(_K, "taliban")]),
        # ... unless the taking is background
        ("Taliban fighters entered Kunduz city on Friday. A year ago the insurgents seized the city.",
         [(_K, "contested"), (_K, "taliban")]),
        # a quote opening on the verb
        ('The ministry said that Kunduz city "is under the control of the security forces."', [(_K, "government")]),
        # a purpose needs "to" right before the verb
        ("Fighters were sent to the front and captured Nerkh.", [(_N, "taliban")]),
        # facilities of a place named after them
        (("Security forces still hold the governor's compound and the police headquarters in the centre of "
         "Kunduz city."), [(_K, "government")]),
    ],
)
def test_entries_quotes_purposes_facilities(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces are still holding out in Nerkh district, officials said.", [(_N, "government")]),
        # a fronted place is not the subject of another noun phrase's verb (an incident, not a contest)
        ("In Nerkh district, an army convoy came under attack on Monday.", []),
        ("Kunduz city is not under siege, the governor said.", []),
        ("The soldiers came under heavy fire near Kunduz city.", []),
        ("Among the districts still under government control are Nerkh and Maywand.",
         [(_N, "government"), (_M, "government")]),
        # verbs that only look like control
        ("The Taliban held talks with elders in Maywand on Sunday.", []),
        ("The governor handed over power to his deputy in Kunduz city.", []),
    ],
)
def test_holding_out_and_incidents(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


def test_a_dated_taking_of_an_unnamed_place_dates_the_next_sentence_naming_it(claims_of) -> None:
    text = ("Fighting has spread across the north in recent weeks. Aid groups warn of hunger. Prices have "
            "doubled. Schools are closed. Many families have left.\n"
            "The Taliban overran a district near Kunduz early on Wednesday, officials said. "
            "The fall of Nerkh district came after two days of fighting. "
            "Nerkh district is under Taliban control, a resident said.")
    got = {(c.adm2_pcode, c.controller, c.event_date) for c in claims_of(text)}
    assert (_N, "taliban", "2021-07-07") in got


# Nerkh, Maywand, Qadis, Yaftal, Doshi; Takhar province and its capital
_Q, _Y, _D, _T, _TQ = "AF3104", "AF1704", "AF0903", "AF18", "AF1801"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list after a colon shares the verb of the intro
        ("The insurgents now control three districts: Nerkh, Maywand and Qadis.",
         [(_N, "taliban"), (_M, "taliban"), (_Q, "taliban")]),
        ("Two districts have fallen to the Taliban: Doshi and Yaftal.", [(_D, "taliban"), (_Y, "taliban")]),
        ("Security forces retook two more districts: Bangi and Nerkh.", [(_B, "government"), (_N, "government")]),
        # a colon that does not introduce places of the claim
        ("The Taliban captured Nerkh on Monday: residents fled to Maywand.", [(_N, "taliban")]),
    ],
)
def test_colon_lists(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<province> districts collapse": part of the province
        ("Takhar districts collapse as the Taliban advance", [(_T, "taliban", "part")]),
        # counted districts are unnamed places
        ("Four more Takhar districts fall to the Taliban", []),
        # names after "<province> districts": the province is where they lie
        ("Kunduz districts Imam Sahib and Khanabad fell to the Taliban.",
         [("AF1905", "taliban", None), ("AF1904", "taliban", None)]),
        # "<province> capital falls": the capital, not the province
        ("Takhar capital falls to the Taliban", [(_TQ, "taliban", None)]),
        ("Takhar capital Taloqan falls to the Taliban", [(_TQ, "taliban", None)]),
        ("Officials conceded that the Taliban now held parts of Takhar province.", [(_T, "taliban", "part")]),
    ],
)
def test_headline_province_scopes(claims_of, text: str, expected: list) -> None:
    got = sorted({(c.adm1_pcode if c.place_level == "province" else c.adm2_pcode, c.controller, c.scope)
                  for c in claims_of(text)})
    assert got == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fighting, battling, offensives, attacks on posts: contested
        ("Fighting has been going on for three days in Qadis district.", [(_Q, "contested")]),
        ("Government forces were battling insurgents around Qadis.", [(_Q, "contested")]),
        ("Heavy clashes have been under way on the edges of Qadis since Sunday.", [(_Q, "contested")]),
        ("The Taliban launched an offensive in Nerkh and Maywand districts.", [(_N, "contested"), (_M, "contested")]),
        ("Insurgents attacked police checkpoints in Yaftal district overnight.", [(_Y, "contested")]),
        ("Taliban fighters pushed into Qadis from two directions.", [(_Q, "contested")]),
        # ... unless the same clause says it was taken
        ("The insurgents stormed Nerkh and held it for a month.", [(_N, "taliban")]),
        # an offensive told as background does not vanish when the place is later held
        (("The Taliban launched an offensive in Nerkh and Maywand districts in May. "
          "Residents say the Taliban have controlled Nerkh for weeks."),
         [(_N, "contested"), (_N, "taliban"), (_M, "contested")]),
    ],
)
def test_fighting_is_contested(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # passive handing over, a standing state since a date
        ("Qadis was handed to the Taliban on Monday.", [(_Q, "taliban")]),
        ("The Taliban had been in full control of Nerkh since early June.", [(_N, "taliban")]),
        # a second clause of the other side, about the facilities of the same place
        ("Nerkh had fallen in June, although government forces retook its bazaar days later.",
         [(_N, "government"), (_N, "taliban")]),
        # clauses split by a semicolon keep both claims
        ("Clashes were reported in Qadis district; the DAC was under ANDSF control.",
         [(_Q, "contested"), (_Q, "government")]),
        # "their" is the side named in the sentence, not the speaker
        (("The Taliban overran most of Nerkh district. A council member said government forces were pushed "
          "back and only the district governor's compound remained under their control."),
         [(_N, "government"), (_N, "taliban")]),
        # a speaker's place is no claim
        ("Analysts in Kabul say its fall would be a blow to the government.", []),
    ],
)
def test_clauses_and_wordings(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the district centre" points back to the place that carried a claim, not one named since
        (("The Taliban captured Nerkh district on Sunday, bringing them closer to Kunduz city. "
          "Officials said security forces had withdrawn from the district centre."), [(_N, "taliban")]),
        # withdrawing to a place: the side that withdraws holds it
        ("The Taliban captured Kunduz city. Government forces withdrew to the airport overnight.",
         [(_K, "government"), (_K, "taliban")]),
    ],
)
def test_anaphora_and_withdrawals(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date across "until" dates the other clause
        (("In May 2019 insurgents stormed Nerkh and held it for a year until an operation in June 2020 "
          "brought the district back under government control."),
         {(_N, "taliban"): "2019-05-01", (_N, "government"): "2020-06-01"}),
        # "of that year" takes the year written before
        ("The Taliban seized Maywand in March 2018. Nerkh had fallen in August of that year.",
         {(_M, "taliban"): "2018-03-01", (_N, "taliban"): "2018-08-01"}),
        # "the same day" is the day named before
        ("On 5 July, clashes were reported in Qadis. The district came under Taliban control the same day.",
         {(_Q, "contested"): "2021-07-05", (_Q, "taliban"): "2021-07-05"}),
        ("The Taliban captured Nerkh ten days ago.", {(_N, "taliban"): "2021-06-30"}),
    ],
)
def test_dates_across_clauses_and_sentences(claims_of, text: str, expected: dict) -> None:
    got = {(c.adm2_pcode, c.controller): c.event_date for c in claims_of(text)}
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # more shapes of a list sharing one verb
        ("The Taliban captured Nerkh, in addition to Maywand and Qadis.",
         [(_N, "taliban"), (_M, "taliban"), (_Q, "taliban")]),
        ("The fall of Nerkh was preceded by that of Maywand.", [(_N, "taliban"), (_M, "taliban")]),
        # a second clause of the other side
        ("The insurgents overran Nerkh before being driven out by commandos.", [(_N, "government"), (_N, "taliban")]),
        ("Taliban fighters briefly entered Qadis until security forces retook it.",
         [(_Q, "contested"), (_Q, "government")]),
        ("Insurgents stormed Maywand until an operation brought it back under government control.",
         [(_M, "contested"), (_M, "government")]),
        # hypotheticals
        ("There is no threat of Kunduz city falling, the governor said.", []),
        ("If Kunduz city falls, the north is lost.", []),
        # a fronted place and the facilities taken in it
        ("In Qadis, security forces retook the main bazaar.", [(_Q, "government")]),
        # a relative clause holding the place before
        ("Officials said Maywand, which the Taliban have held ever since, is quiet.", [(_M, "taliban")]),
        ("The Taliban held talks in Nerkh for hours.", []),
        # pulling back from a place leaves it to the other side; "forces" is not a verb
        ("Government forces pulled back from Nerkh on Monday.", [(_N, "taliban")]),
        ("The army forced the Taliban out of Nerkh.", [(_N, "government")]),
    ],
)
def test_more_lists_clauses_and_hypotheticals(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the main verb after a relative clause is a claim besides the clause's own
        ("Nerkh district, which fell on Monday, was retaken by commandos.", [(_N, "government"), (_N, "taliban")]),
        # pushed out by the side named in the later clause; "US" is not "us"
        (("In 2015 the Taliban captured Kunduz city, holding it for a week before Afghan troops backed by US "
          "aircraft pushed them out."), [(_K, "government"), (_K, "taliban")]),
    ],
)
def test_relative_clauses_and_later_clauses(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<A> and <B> capitals": the capitals of the provinces listed
        ("Takhar and Kunduz capitals fall to the Taliban", [(_TQ, "taliban"), (_K, "taliban")]),
        # fighting for control of a place
        ("Fighting for control of Qadis continued on Monday.", [(_Q, "contested")]),
        # exceptions before a verb that follows the list
        ("All districts except Nerkh and Maywand have fallen.", [(_N, "government"), (_M, "government")]),
    ],
)
def test_capital_lists_control_of_and_exceptions(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


def test_the_governors_compound_points_back_to_the_city(run) -> None:
    text = ("Taliban fighters entered Kunduz city on Monday. An official said the insurgents had seized the "
            "prison, while security forces still held the governor's compound.")
    assert run(text) == [(_K, "contested"), (_K, "government")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second verb of the same subject, after "and"
        (("Clashes were reported in Qadis district; the DAC changed hands twice during the week and was "
          "reported to be under ANDSF control."), [(_Q, "contested"), (_Q, "government")]),
        # taking a part of a city does not make an entry into it the taking
        ("Taliban fighters entered Kunduz city on Monday. Officials said the insurgents had taken the city's prison.",
         [(_K, "contested"), (_K, "taliban")]),
        ("Taliban fighters entered Kunduz city on Monday. Officials said the insurgents had taken the city.",
         [(_K, "taliban")]),
    ],
)
def test_coordinated_verbs_and_partial_takings(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunduz city would be the first provincial capital to fall since May.", []),
        ("Zaranj became the first provincial capital to fall.", [("AF3401", "taliban")]),
    ],
)
def test_the_first_to_fall_hypothetical_or_not(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


def test_the_following_districts_after_a_colon(run) -> None:
    assert run("The Taliban also captured the following districts: Nerkh and Maywand.") == [
        (_N, "taliban"), (_M, "taliban")]


def test_its_facilities_of_a_place_named_after_them(run) -> None:
    text = "The Taliban captured Nerkh on Monday. On Tuesday the insurgents seized its headquarters in Kunduz city."
    assert run(text) == [(_N, "taliban"), (_K, "taliban")]


def test_facilities_held_and_all_other_parts(run) -> None:
    text = ("The Taliban entered Kunduz city on Monday. Officials said the provincial government building and the "
            "army base are still under government control but all other parts are under the control of the Taliban.")
    assert run(text) == [(_K, "contested"), (_K, "government"), (_K, "taliban")]


def test_a_claimed_place_stays_an_antecedent_longer(run) -> None:
    text = ("The Taliban entered Kunduz city on Monday. Residents are afraid. Shops are shut. Prices rose. "
            "Officials said the city is still under government control.")
    assert run(text) == [(_K, "contested"), (_K, "government")]
    unclaimed = "Many families live in Kunduz city. Residents are afraid. Shops are shut. Prices rose. " \
                "Officials said the city is under government control."
    assert run(unclaimed) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an elided verb: ", as does X" takes the claim of the clause before
        ("Spin Boldak is still in Taliban hands, as is Islam Qala, traders said.",
         [("AF2711", "taliban"), ("AF3213", "taliban")]),
        ("Officials said Hairatan remains under government control, as does Torkham.",
         [("AF0617", "government"), ("AF2116", "government")]),
        # nothing before to copy: no claim
        ("Trade through Torkham continued as normal, as did traffic in Hairatan.", []),
    ],
)
def test_an_elided_verb_after_as_does(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the actor's full name, far after the verb
        ("A spokesman said Dehrawud is under the complete control of the Afghan National Defense and Security "
         "Forces.", [("AF2502", "government")]),
        # where a crossing lies does not break a list
        ("Insurgents captured the Torkham crossing on the Pakistani border, the Hairatan port and Islam Qala.",
         [("AF0617", "taliban"), ("AF2116", "taliban"), ("AF3213", "taliban")]),
        # a participle after place nouns is passive ("the ports taken last week")
        ("The militants now hold Torkham, besides the Hairatan and Islam Qala ports seized last week.",
         [("AF0617", "taliban"), ("AF2116", "taliban"), ("AF3213", "taliban")]),
        # "withdrew its troops from X": X is left, not where the troops came from
        ("The army withdrew its remaining troops from Musa Qala on Friday.", [("AF3009", "taliban")]),
        ("Reinforcements and troops from Kandahar were sent to Musa Qala.", []),
        # an unnamed or foreign actor: nothing said about who holds it
        ("The United States withdrew its troops from Musa Qala in 2014.", []),
        # "which the Taliban have held since": the parse reads the main verb, not the auxiliary
        ("The army withdrew its troops from Sabari, which the Taliban have held ever since.", [("AF1407", "taliban")]),
        # "the district centre of X" names its place; an earlier place is not its antecedent
        ("Clashes went on in Nad-e-Ali. On Monday the Taliban overran the district centre of Sabari.",
         [("AF1407", "taliban"), ("AF3002", "contested")]),
        ("Clashes went on in Sabari on Sunday. On Monday the Taliban overran the district centre.",
         [("AF1407", "contested"), ("AF1407", "taliban")]),
        # "around X and in Y": two places of one verb, not Y as where X lies
        ("Insurgents attacked police posts around Lashkar Gah and in Nad-e-Ali district overnight.",
         [("AF3001", "contested"), ("AF3002", "contested")]),
        ("Insurgents attacked police posts in Sabari in Khost.", [("AF1407", "contested")]),
        # "X, including its capital Y, remained ...": the verb is the whole's as well as the part's
        ("Officials said all of Kunduz province, including Kunduz city, remains under Taliban control.",
         [("AF19", "taliban"), ("AF1901", "taliban")]),
        # "surrendered its base to ...": a transitive surrender hands the place over
        ("In Kunduz, the 20th brigade surrendered its base at the airport to the Taliban.",
         [(_K, "taliban")]),
        ("Soldiers in Nerkh surrendered to the Taliban.", [(_N, "taliban")]),
        # "handed over X to Y": Y holds it, whoever hands it over
        ("Foreign troops handed over Nerkh to Afghan forces in 2014.", [(_N, "government")]),
        ("Police handed over Maywand district to the Taliban after talks.", [(_M, "taliban")]),
        # things taken, not places: "weapons captured in X"
        ("Humvees captured in Kunduz were paraded through the streets.", []),
        # "preceded (hours earlier) by that of X"
        ("The capture of Kunduz was followed a day later by that of Taloqan, officials said.",
         [("AF1801", "taliban"), ("AF1901", "taliban")]),
    ],
)
def test_lists_actors_and_reduced_relatives(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == expected


def test_the_event_day_given_later_beats_the_day_of_the_saying(claims_of) -> None:
    text = ("Government forces have retaken Nerkh, the defence ministry said on Friday. "
            "The district was retaken on Thursday after heavy fighting, the ministry said.")
    dates = [(c.adm2_pcode, c.controller, c.event_date) for c in claims_of(text)]
    assert dates[0] == (_N, "government", "2021-07-08")
    # an event far before the saying is another event: the report keeps its day
    other = ("Government forces have retaken Nerkh, officials said on Friday. "
             "Troops had also retaken Nerkh in March.")
    assert claims_of(other)[0].event_date == "2021-07-09"


# Round 4: headlines, link lines, statements of state, fighting words, lists after
# another anchor, foreign forces, dates from other clauses.
_JZ, _DH, _NL, _SR, _UR, _BM, _SY, _TK = "AF0403", "AF2502", "AF2401", "AF1201", "AF1211", "AF1214", "AF0405", "AF2501"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline count names no province claim; "X Under Siege" is contested
        ("Taliban Take Two Uruzgan Districts, Dehrawud Under Siege", [(_DH, "contested")]),
        ("The Taliban captured three Wardak districts on Friday.", []),
        # officials' statements of state
        ("A spokesman said Nili, the provincial capital, was secure.", [(_NL, "government")]),
        ("Security officials say Tarinkot is secure.", [(_TK, "government")]),
        ("The road to Nili is safe for travel.", []),
        ("Residents said the government only has presence in the district center of Nerkh.", [(_N, "government")]),
        ("Most of Paktika is under Taliban control, with the government holding only Sharana and Urgun.",
         [("AF12", "taliban"), (_SR, "government"), (_UR, "government")]),
        ("The Taliban control the rest of Paktika province except Sharana.", [("AF12", "taliban"), (_SR, "government")]),
        ("Saydabad district has been largely under the Taliban's influence in recent years.", [(_SY, "taliban")]),
        # under the control of a named commander whose side the sentence gives
        ("Nerkh is under the control of Ahmad Khan, a commander who defected to the Taliban.", [(_N, "taliban")]),
        ("Nerkh is under the control of Ahmad Khan, a commander who joined the government.", [(_N, "government")]),
        ("Nerkh is under the control of Ahmad Khan, a local elder.", []),
        # fighting words
        ("Fighting is now going on at the gates of Tarinkot, a council member said.", [(_TK, "contested")]),
        ("Nili is facing Taliban attacks from three sides.", [(_NL, "contested")]),
        ("Taliban fighters pushed to the edge of Nili overnight.", [(_NL, "contested")]),
        ("The Taliban fought inside parts of Tarinkot for days.", [(_TK, "contested")]),
        # fought over, then pushed back: never taken
        (("The Taliban reached the outskirts of Tarinkot and fought inside parts of the city before being "
          "pushed back by commandos."), [(_TK, "contested")]),
        ("Security forces pushed back a Taliban offensive on Tarinkot.", [(_TK, "government")]),
        # "held much of the city": the city named
        ("The Taliban held much of the city of Kunduz for several days.", [(_K, "taliban")]),
        # a list after another anchor: "the sixth capital to fall, after A, B and C"
        ("Maywand is the third district to fall this week, after Nerkh and Qadis.",
         [(_M, "taliban"), (_N, "taliban"), ("AF3104", "taliban")]),
        # a capital's province name standing for the city
        ("Samangan is the sixth provincial capital to fall to the Taliban.", [("AF2001", "taliban")]),
        # foreign forces leaving a place hand it to no one
        ("In 2008 U.S. forces built outposts in Barmal that were later abandoned.", []),
        ("NATO troops abandoned Barmal in 2012.", []),
        ("After US troops left, Afghan soldiers abandoned Barmal.", [(_BM, "taliban")]),
        ("Foreign troops handed over Nerkh to Afghan forces in 2014.", [(_N, "government")]),
    ],
)
def test_statements_fighting_words_and_anchored_lists(run, text: str, expected: list[tuple[str, str]]) -> None:
    assert run(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("The Taliban captured Nerkh on Monday.\n\nRelated:\n- Fighting in Qadis\n- Weather in Kabul\n",
         ("AF3104", "contested")),
        ("The Taliban captured Nerkh on Monday.\n\nSee also:\n- Qadis falls to the Taliban\n", ("AF3104", "taliban")),
        ("The Taliban captured Nerkh on Monday.\n\nRelated: Taliban close in on Qadis\n", ("AF3104", "contested")),
        ("The Taliban captured Nerkh on Monday.\n\nRELATED POSTS\nTaliban overrun Maywand\n", ("AF2710", "taliban")),
    ],
)
def test_link_lines_to_other_articles_are_claims_with_less_confidence(claims_of, text, linked) -> None:
    # the reference annotations keep a claim told only in a related-story headline
    got = {(c.adm2_pcode, c.controller): c for c in claims_of(text)}
    assert set(got) == {(_N, "taliban"), linked}
    assert got[linked].extra.get("link_headline") and not got[(_N, "taliban")].extra.get("link_headline")
    assert got[linked].confidence < got[(_N, "taliban")].confidence


def test_a_link_line_does_not_deny_the_article(run) -> None:
    text = "The Taliban captured Nerkh on Monday.\n\nRelated:\n- Officials deny the reports from Qadis\n"
    assert run(text) == [(_N, "taliban")]


@pytest.mark.parametrize("text", ["Read more: Taliban capture Nerkh district",
                                  "READ MORE:\nTaliban capture Nerkh district\nOther news of the day"])
def test_a_read_more_headline_is_a_claim(run, text: str) -> None:
    assert run(text) == [(_N, "taliban")]


def test_a_related_heading_ends_at_a_long_article_line(claims_of) -> None:
    text = ("Related\nTaliban storm Qadis\nThe Taliban captured Nerkh district on Monday after days of heavy "
            "fighting with government forces, and the district governor fled with his guards to the provincial "
            "capital, officials said.")
    got = {c.adm2_pcode: bool(c.extra.get("link_headline")) for c in claims_of(text)}
    assert got == {"AF3104": True, _N: False}


def test_a_date_in_a_relative_clause_dates_its_own_event(claims_of) -> None:
    text = "Security forces recaptured Alishang district, which the Taliban had overrun last month, officials said."
    got = {c.controller: (c.event_date, c.time_precision) for c in claims_of(text)}
    assert got["government"][0] == "2021-07-10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a progressive verb after "are" is active, not passive
        ("Insurgents are entering Maimana from three sides, a police officer said.", [("AF2901", "contested")]),
        # a noun phrase in apposition between the place and its verb
        ("Bagram air base, the sprawling complex north of the capital, and its jail have been taken over "
         "by the Taliban, an official said.", [("AF0302", "taliban")]),
        ("Chimtal district, a farming area west of Mazar, was captured by insurgents.", [("AF2108", "taliban")]),
        # keeping hold of a place
        ("The army has managed to keep hold of Hairatan, the river port.", [("AF2116", "government")]),
        ("Government forces retained control of Chimtal despite attacks.", [("AF2108", "government")]),
        # raising a flag over a place
        ("Fighters hoisted their white flag over the governor's office in Maimana on Monday.",
         [("AF2901", "taliban")]),
        # a relative clause with its speaker: the speaker is the sentence's, not "which he"
        ("Residents said the Taliban had used Bala Buluk, which they said has long been under "
         "Taliban control, to stage the attack.", [("AF3306", "taliban")]),
        # a list whose members are separated by a direction in apposition
        ("The Taliban took Chimtal district, west of the city, and Garmsir district further south.",
         [("AF2108", "taliban"), ("AF3006", "taliban")]),
        # "followed by": the next place of the same event
        ("Chimtal fell on Thursday, followed two days later by Garmsir in the south.",
         [("AF2108", "taliban"), ("AF3006", "taliban")]),
        # "the western city": the city named before
        ("Insurgents attacked Maimana, the capital of Faryab. They stormed the northern city from "
         "two directions on Friday.", [("AF2901", "contested")]),
    ],
)
def test_appositions_progressives_holds_and_flags(run, text, expected) -> None:
    assert run(text) == expected


def test_a_speaker_in_a_relative_clause_is_not_the_relative_pronoun(claims_of) -> None:
    (c,) = claims_of("Police said the attackers had used Bala Buluk, which he said has been under "
                     "Taliban control for years, as a base.")
    assert c.attributed_to == "Police"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security forces re-established control over Chimtal district, the ministry said.",
         [("AF2108", "government")]),
        ("Afghan forces have lost control of Chimtal district, lawmakers said.", [("AF2108", "taliban")]),
        ("The government lost Chimtal district to the Taliban last week.", [("AF2108", "taliban")]),
        ("Chimtal district has been lost to the insurgents, an MP said.", [("AF2108", "taliban")]),
        ("The army lost 20 soldiers in Chimtal district.", []),  # losing men is not losing the place
        ("The Taliban flag was flying over Chimtal district on Monday.", [("AF2108", "taliban")]),
        ("The Taliban laid siege to Maimana on Sunday.", [("AF2901", "contested")]),
        ("Chimtal changed hands twice last week.", [("AF2108", "contested")]),
        ("The insurgents were in control of Chimtal by Sunday evening.", [("AF2108", "taliban")]),
        ("The Taliban are now in charge of Chimtal district.", [("AF2108", "taliban")]),
        ("The Taliban claimed control of Chimtal district on Sunday.", [("AF2108", "taliban")]),
        ("The Taliban were driven out of Chimtal on Monday.", [("AF2108", "government")]),
        ("Government troops were forced out of Chimtal after a week of fighting.", [("AF2108", "taliban")]),
        ("Thousands of families were forced out of their homes in Chimtal.", []),
        ("The Taliban are now in control of Chimtal district.", [("AF2108", "taliban")]),
        ("The governor, who is in charge of Balkh province, spoke to reporters.", []),
        # "it" as the subject of a control verb: the place told of before
        ("Chimtal fell on Monday. It was retaken hours later by commandos.",
         [("AF2108", "government"), ("AF2108", "taliban")]),
        ("The governor visited Chimtal. It was captured on video by a journalist.", []),
    ],
)
def test_losses_flags_sieges_and_pronoun_subjects(run, text, expected) -> None:
    assert run(text) == expected


def test_an_interval_after_an_undated_event_leaves_the_date_unknown(claims_of) -> None:
    got = {c.controller: c.event_date for c in claims_of(
        "The Taliban seized Kunduz city in 2015. It was recaptured by government forces two weeks later.")}
    assert got == {"taliban": None, "government": None}


def test_an_interval_after_a_dated_event_counts_from_it(claims_of) -> None:
    got = {c.controller: c.event_date for c in claims_of(
        "Chimtal fell on Monday, July 5. It was recaptured by commandos two days later.")}
    assert got == {"taliban": "2021-07-05", "government": "2021-07-07"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fronted place of a speaker is where the speaker is, not what was taken
        ("In Kabul, the defence ministry said on Monday that commandos had retaken Chimtal.",
         [("AF2108", "government")]),
        # the Taliban's own words for their gains
        ("The districts of Chimtal and Sholgara were liberated from the puppet regime, the Taliban said.",
         [("AF2107", "taliban"), ("AF2108", "taliban")]),
        ("All of Faryab province has been purified of the presence of the invaders.", [("AF29", "taliban")]),
        # an appeal is not a fact
        ("The Islamic Emirate calls on the soldiers still at the Chimtal base to surrender.", []),
        # the side that falls back holds the facility it falls back to
        ("Government forces retreated to the Kunduz airport, which they still hold.", [("AF1901", "government")]),
        ("Chimtal slipped out of government hands last year.", [("AF2108", "taliban")]),
        ("The Kajaki Dam is still under the protection of army units.", [("AF3010", "government")]),
        ("Clashes have been going on since Monday night on the outskirts of Maimana.", [("AF2901", "contested")]),
        # an entry years after the taking is an event of its own
        ("The Taliban captured Maimana on 1 June 2015. On 3 October 2016 Taliban fighters entered Maimana "
         "from three sides.", [("AF2901", "contested"), ("AF2901", "taliban")]),
        # after August 2021 the Taliban's foes are not the government
        ("The Taliban said they had captured Rukha district. The National Resistance Front rejected the claim.",
         [("AF0802", "contested"), ("AF0802", "taliban")]),
        # a person's post: not what "the district" points back to
        ("Mahdi, a former police chief in Bamyan, had taken over the district with local men.", []),
    ],
)
def test_statements_appeals_retreats_and_foes_of_the_taliban(run, text, expected) -> None:
    assert run(text) == expected


def test_a_state_is_dated_by_its_own_clause_not_by_the_event_before_but(claims_of) -> None:
    (c,) = claims_of("In Chimtal, insurgents overran an army outpost on Thursday, but the district centre "
                     "remains under government control, the governor said.")
    assert (c.controller, c.event_date, c.time_precision) == ("government", SAT.isoformat(), "unknown")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "denied that X had fallen" says what is denied: not the claims told before; the denier holds it
        ("The Taliban captured Maimana on Friday. Officials denied that Chimtal had fallen.",
         [("AF2108", "government"), ("AF2901", "taliban")]),
        ("Ghazni fell on Thursday, making it the closest provincial capital to Kabul to be captured so far.",
         [("AF1101", "taliban")]),
        # organisations named after a place
        ("Kabul Bank, which collapsed in 2010, has not recovered the money.", []),
        ("Herat's chamber of commerce said the administration had overrun its budget.", []),
        ("Fighting on the southern edge of Maimana was reported on Friday.", [("AF2901", "contested")]),
        ("Taliban fighters have taken control of the presidential palace in Kabul.", [("AF0101", "taliban")]),
    ],
)
def test_denials_that_say_what_references_and_organisations(run, text, expected) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # status words of assessments and round-ups
        ("In Balkh, the following districts are Taliban-controlled: Chimtal, Sholgara and Kaldar.",
         [("AF2107", "taliban"), ("AF2108", "taliban"), ("AF2113", "taliban")]),
        ("Chimtal and Kaldar remain government-controlled.", [("AF2108", "government"), ("AF2113", "government")]),
        ("Maimana, the provincial capital, is government-controlled.", [("AF2901", "government")]),
        # fighting told in a clause on the place
        ("Operations continue in Chimtal district, where heavy fighting has been going on for a week.",
         [("AF2108", "contested")]),
        ("Chimtal district has also seen heavy fighting in recent weeks, an official said.",
         [("AF2108", "contested")]),
        ("In Chimtal and Kaldar, heavy clashes have been going on since Wednesday, residents said.",
         [("AF2108", "contested"), ("AF2113", "contested")]),
        ("The attack was launched from Chimtal district, where the Taliban have long held sway.",
         [("AF2108", "taliban")]),
        # "secure and under the control of" the side named
        ("The spokesman said all of Faryab province is secure and under the control of the Islamic Emirate.",
         [("AF29", "taliban")]),
        # not a place falling
        ("He said trade through the Torkham crossing had fallen sharply.", []),
        ("Livestock prices have fallen in Maimana and Andkhoy.", []),
        ("Wheat output in Faryab and Jawzjan is poor, and prices have also fallen in Maimana.", []),
        # a report that mentions photographs is not a caption
        ("The fighters had also captured Chimtal district, posting photographs of captured weapons.",
         [("AF2108", "taliban")]),
        ("Taliban fighters pose for a photo in Chimtal district, which they seized last week.", []),
    ],
)
def test_status_words_clauses_of_fighting_and_falling_prices(run, text, expected) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials denied reports that Islam Qala had been captured by the Taliban.",
         {("taliban", "reports"), ("government", "Officials")}),
        ("The ministry rejected Taliban claims that Chimtal had been overrun.",
         {("taliban", "Taliban"), ("government", "The ministry")}),
    ],
)
def test_a_denied_report_gives_the_report_and_its_denial(claims_of, text, expected) -> None:
    assert {(c.controller, c.attributed_to) for c in claims_of(text)} == expected


def test_a_yearless_day_in_a_history_takes_the_year_of_the_story(claims_of) -> None:
    got = {c.controller: c.event_date for c in claims_of(
        "The Taliban overran Kunduz city on September 28, 2015. Afghan forces retook the city centre on "
        "October 1, officials said.", published=date(2020, 3, 4))}
    assert got == {"taliban": "2015-09-28", "government": "2015-10-01"}


def test_a_state_in_the_present_is_dated_by_its_clause(claims_of) -> None:
    got = {(c.place_name, c.controller): c.event_date for c in claims_of(
        "Bangi fell on Thursday night, while Farkhar remains contested, a council member said.")}
    assert got == {("Bangi", "taliban"): "2021-07-08", ("Farkhar", "contested"): SAT.isoformat()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial answers the claim of its own sentence, not the sentence before
        ("In Kaldar, the police repelled an attack, and the district is under the control of the government. "
         "The Taliban claimed to have captured Chimtal, but the police rejected the claim and said Chimtal "
         "remains under the control of the security forces.",
         [("AF2108", "government"), ("AF2108", "taliban"), ("AF2113", "government")]),
        # "the capital of the province" names no claim on the province
        ("Maimana, the capital of the province, remained under the full control of the security and defence "
         "forces.", [("AF2901", "government")]),
        ("Residents of Chimtal, which fell to the Taliban last week, said courts had been set up.",
         [("AF2108", "taliban")]),
        ("The militants had overrun Chimtal district on Monday and Kaldar district on Tuesday.",
         [("AF2108", "taliban"), ("AF2113", "taliban")]),
        ("A council member said clashes were still going on in Chimtal district.", [("AF2108", "contested")]),
        ("The governor said the situation in Maimana was under control.", [("AF2901", "government")]),
        ("The fire in the Maimana bazaar was under control by evening.", []),
    ],
)
def test_own_denials_containing_provinces_and_official_reassurance(run, text, expected) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials believe Maimana could be isolated within days and fall within weeks.", []),
        ("Chimtal and Kaldar were captured on Sunday, and Sholgara followed on Tuesday, the Taliban said.",
         [("AF2107", "taliban"), ("AF2108", "taliban"), ("AF2113", "taliban")]),
        ("Residents described fighting in Chimtal and Kaldar, which they said remained contested.",
         [("AF2108", "contested"), ("AF2113", "contested")]),
        ("Maimana, the provincial capital, has also been heavily contested for weeks.", [("AF2901", "contested")]),
        ("Bagram, the sprawling air base north of the capital that had been the heart of the American war for "
         "two decades, was also in Taliban hands on Sunday.", [("AF0302", "taliban")]),
    ],
)
def test_coordinated_modals_followers_and_long_appositions(run, text, expected) -> None:
    assert run(text) == expected


def test_each_listed_place_takes_the_day_written_after_it(claims_of) -> None:
    got = {c.adm2_pcode: c.event_date for c in claims_of(
        "The militants overran Chimtal district on Monday and Kaldar district on Tuesday, officials said.")}
    assert got == {"AF2108": "2021-07-05", "AF2113": "2021-07-06"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security forces withdrew to Kunduz airport, a few kilometres south of the city.", [("AF1901", "government")]),
        ("Clashes between security forces and the Taliban continued in Chimtal district on Tuesday.",
         [("AF2108", "contested")]),
    ],
)
def test_retreats_to_a_named_airport_and_clashes_between_sides(run, text, expected) -> None:
    assert run(text) == expected


def test_the_text_moves_on_to_a_place_named_alone_after_the_last_claim(run) -> None:
    text = ("Islam Qala was overrun on Friday. Spin Boldak, on the road to the Pakistani town of Chaman. "
            "The Taliban captured the border town on July 14.")
    assert run(text) == [("AF2711", "taliban"), ("AF3213", "taliban")]


def test_a_list_shares_the_role_of_its_first_place(run) -> None:
    text = ("The Taliban captured Kunduz city on Monday. Families fled towards Khan Abad and Taloqan. "
            "Analysts said the fall of the city was a blow to the government.")
    assert run(text) == [("AF1901", "taliban")]

