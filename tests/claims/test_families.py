"""The language families of issue 12, one table each, in sentences of our own.

Each row is a short text and the (place key, controller) pairs a reader of it
would put on the map: a district or point claim is keyed by its district
P-code, a province claim by the province P-code (the judge's rule).
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.claims.extract import extract_article
from geo.models import Article, claim_place

MON = date(2021, 8, 9)  # a Monday


@pytest.fixture(scope="module")
def keys(gazetteer):
    def _keys(text: str, published: date | None = MON) -> set[tuple[str, str]]:
        result = extract_article(Article("t", text, published, "header" if published else None),
                                 gazetteer=gazetteer)
        return {(claim_place(c), c.controller) for c in result.claims}

    return _keys


# 1. Enumerations across sentences and count antecedents
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine districts fell overnight. Among them are Raghistan, Kohistan and Yawan.",
         {("AF1714", "taliban"), ("AF1708", "taliban"), ("AF1709", "taliban")}),
        ("The militants seized four districts, namely Ghormach, Qaisar, Almar and Pashtun Kot.",
         {("AF3107", "taliban"), ("AF2907", "taliban"), ("AF2904", "taliban"), ("AF2902", "taliban")}),
        ("The Taliban captured three more districts in Faryab: Qaisar, Almar and Pashtun Kot.",
         {("AF2907", "taliban"), ("AF2904", "taliban"), ("AF2902", "taliban")}),
        # a count noun, then a dash and a list with where each place lies
        ("The insurgents took three provincial capitals over the weekend — Zaranj in the southern "
         "province of Nimroz, Sar-e-Pul, in the northern province of the same name, and Taloqan, in "
         "northeastern Takhar province.",
         {("AF3401", "taliban"), ("AF2201", "taliban"), ("AF1801", "taliban")}),
        ("The group also has control of four districts including Chakhansur, Kang and Khash Rod.",
         {("AF3403", "taliban"), ("AF3402", "taliban"), ("AF3405", "taliban")}),
        # counted but unnamed: no claim
        ("The Taliban captured two districts in Herat province on Sunday.", set()),
    ],
)
def test_enumerations(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 2. Provincial capitals named by their province
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The capitals of Laghman and Kapisa provinces fell on Friday.",
         {("AF0701", "taliban"), ("AF0201", "taliban")}),
        ("The Taliban seized the provincial centres of Samangan and Jawzjan.",
         {("AF2001", "taliban"), ("AF2801", "taliban")}),
        ("The Taliban have captured 19 of the country's 34 provincial capitals, including Kandahar, "
         "Herat, Paktika and Zabul.",
         {("AF2701", "taliban"), ("AF3201", "taliban"), ("AF1201", "taliban"), ("AF2601", "taliban")}),
    ],
)
def test_capitals_named_by_province(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 3. Province scope and exceptions
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban captured most districts of Badakhshan.", {("AF17", "taliban")}),
        ("The Taliban now control five districts out of Sar-e-Pul's seven districts.", {("AF22", "taliban")}),
        ("The militants have control over 17 of 19 Herat districts.", {("AF32", "taliban")}),
        # a share of one district is an unnamed district, no claim on the province
        ("In Sar-e-Pul, the Taliban hold one of the province's seven districts.", set()),
        # districts around a city are not the city
        ("The Taliban captured most districts around Ghazni.", set()),
    ],
)
def test_province_scope(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 4. Cue scope: fighting governs the places named with it, a taking its own object
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting was reported from the southern cities of Kandahar and Ghazni.",
         {("AF2701", "contested"), ("AF1101", "contested")}),
        ("Clashes have been ongoing in the western parts of Herat city and Guzara and Karokh districts.",
         {("AF3201", "contested"), ("AF3203", "contested"), ("AF3204", "contested")}),
        ("The insurgents have pushed into cities like Kandahar and Lashkar Gah.",
         {("AF2701", "contested"), ("AF3001", "contested")}),
        ("The Taliban have massed on the outskirts of Kandahar.", {("AF2701", "contested")}),
    ],
)
def test_cue_scope(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5. Verb and syntax variety
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fighters have toppled Ghazni province.", {("AF11", "taliban")}),
        ("The militant group controlled its Kohistanat district for years.", {("AF2203", "taliban")}),
        ("Taliban forces had seized the adjacent Naw Zad district last week.", {("AF3007", "taliban")}),
        ("The Taliban now have full control over President Ghani's home province of Logar.", {("AF05", "taliban")}),
        # where a district lies is no claim on its province
        ("The Taliban captured Nerkh, a district of the province of Wardak.", {("AF0402", "taliban")}),
    ],
)
def test_verb_variety(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 3b. What is left to one side: "only X and Y", every district but one
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces now control only the province's Balkhab district and the provincial centre, "
         "Sar-e-Pul city.", {("AF2207", "government"), ("AF2201", "government")}),
        ("The Taliban captured every district of Badakhshan except Fayzabad.",
         {("AF17", "taliban"), ("AF1701", "government")}),
    ],
)
def test_what_is_left(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 10. Conflicting sources: a report and the denial that calls it false, each attributed
def test_a_report_called_false_gives_the_report_and_its_denial(gazetteer) -> None:
    text = "Reports of Nerkh falling to the Taliban are baseless, the governor said."
    claims = extract_article(Article("t", text, MON, "header"), gazetteer=gazetteer).claims
    assert {(c.adm2_pcode, c.controller, c.source_type) for c in claims} == {
        ("AF0402", "taliban", "third_party"), ("AF0402", "government", "government")}


# 5b. More verbs: a place lost, a province in brackets after a listed district, all but two
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dasht-e-Qala was lost on Sunday, the official said.", {("AF1812", "taliban")}),
        ("The districts that fell are:\n- Nahrin (Baghlan)\n- Bangi (Takhar)",
         {("AF0904", "taliban"), ("AF1804", "taliban")}),
        ("The Taliban now hold all but two districts of Faryab province, Maimana and Andkhoy.",
         {("AF29", "taliban"), ("AF2901", "government"), ("AF2913", "government")}),
        ("Government forces now hold all but Nerkh.", {("AF0402", "taliban")}),
    ],
)
def test_more_verbs(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 8. Background claims: a relative clause tells an earlier event, dated by its own year
def test_a_relative_clause_is_its_own_claim_with_its_own_date(gazetteer) -> None:
    text = "Kunduz city, which the Taliban briefly held in September 2015, came under attack on Monday."
    claims = extract_article(Article("t", text, MON, "header"), gazetteer=gazetteer).claims
    got = {(c.adm2_pcode, c.controller): c.event_date for c in claims}
    assert got == {("AF1901", "taliban"): "2015-09-01", ("AF1901", "contested"): "2021-08-09"}


# 6. Antecedents: "the provincial capital" is the capital told of before; a verb fronted before its places
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lashkar Gah is under pressure. The Taliban entered the provincial capital on Monday.",
         {("AF3001", "contested")}),
        ("Heavy fighting raged in Nad Ali district. The Taliban later captured the district centre.",
         {("AF3002", "contested"), ("AF3002", "taliban")}),
        ("Also captured were Sayghan and Shibar.", {("AF1003", "taliban"), ("AF1002", "taliban")}),
    ],
)
def test_antecedents(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5c. Repelled attacks are the defenders' places; a second district coordinated after the first
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government forces in Aqcha repelled an attack the same night.", {("AF2807", "government")}),
        ("Police repulsed a Taliban assault on Nerkh district.", {("AF0402", "government")}),
        ("Border guards said the Taliban controlled the Afghan district of Ishkashim and the "
         "neighbouring district of Zebak.", {("AF1723", "taliban"), ("AF1725", "taliban")}),
        ("The districts that fell are:\n- Kohistanat (Sar-e Pul)", {("AF2203", "taliban")}),
        ("The Taliban attacked Washer district on Sunday. The governor's spokesman said it was still "
         "in government hands.", {("AF3005", "government")}),
    ],
)
def test_repelled_and_coordinated(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5d. A surrender of a named kind of place, a province named as a district's container
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lawmakers from Uruzgan province say local officials have surrendered the provincial capital "
         "to the Taliban.", {("AF2501", "taliban")}),
        ("Afghan forces recaptured the Helmand province district of Musa Qala on Sunday.",
         {("AF3009", "government")}),
        ("The Nerkh district surrendered to the Taliban.", {("AF0402", "taliban")}),
    ],
)
def test_surrender_and_containers(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 6b. "in their hands" after a sentence that names who: the side named last before it
# (the storming itself is fighting, so contested as well);
# a province fronted with a comma is where the sentence's places lie, not a claim of its own
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban stormed Andar district before dawn. By noon the district centre was in their hands.",
         {("AF1107", "contested"), ("AF1107", "taliban")}),
        ("Government commandos pushed into Nad Ali on Sunday. By evening the district was back in their hands.",
         {("AF3002", "contested"), ("AF3002", "government")}),
        ("In Ghazni, Deh Yak district has also fallen to the Taliban.", {("AF1105", "taliban")}),
        ("Elsewhere in Ghazni, the insurgents overran Andar district.", {("AF1107", "taliban")}),
    ],
)
def test_their_hands_and_fronted_provinces(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 3b. A share of districts with no province after it is the province named up front or just before;
# "X, the capital city" is X itself, not another capital; "control most districts of X"
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Baghlan province, officials said all districts have fallen to the Taliban except Pul-i-Khumri.",
         {("AF09", "taliban"), ("AF0901", "government")}),
        ("In Faryab, which borders Jawzjan, residents said every district has fallen to the Taliban except "
         "Maimana, the capital city.", {("AF29", "taliban"), ("AF2901", "government")}),
        ("In Ghazni province, most districts have fallen, but Andar remains in government hands.",
         {("AF11", "taliban"), ("AF1107", "government")}),
        ("The Taliban hold most districts of Kunduz province.", {("AF19", "taliban")}),
        ("Government forces control most of the districts in Kunduz province.", {("AF19", "government")}),
        # a district named before is not a province in view
        ("The Taliban captured Khan Abad on Sunday. Officials said most districts have also fallen.",
         {("AF1904", "taliban")}),
    ],
)
def test_bare_district_shares(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5e. More verbs of taking and of fighting, in words of our own
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban fighters swept into Zaranj on Friday, meeting little resistance.", {("AF3401", "taliban")}),
        ("Residents said the Taliban had established control over Pul-i-Khumri.", {("AF0901", "taliban")}),
        ("Government forces re-established control over Gereshk on Monday.", {("AF3004", "government")}),
        ("Local officials confirmed the surrender of Mahmud-i-Raqi to the Taliban.", {("AF0201", "taliban")}),
        ("Qarabagh district of Ghazni is witnessing heavy clashes between the Taliban and security forces.",
         {("AF1111", "contested")}),
    ],
)
def test_more_verbs_of_taking_and_fighting(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 4b. A fronted clause ends at its comma: the place before it is not the subject of the verb after
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("While clashes continued in Shindand, Adraskan fell to the Taliban.",
         {("AF3209", "taliban"), ("AF3214", "contested")}),
        ("As fighting raged around Kunduz city, Imam Sahib and Khan Abad fell to the insurgents.",
         {("AF1901", "contested"), ("AF1904", "taliban"), ("AF1905", "taliban")}),
    ],
)
def test_fronted_clause_scope(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5f. Taken "from" a side: the side it was taken from lost it, whoever took it
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Musa Qala was captured from the Taliban on Monday.", {("AF3009", "government")}),
        ("Nawzad was taken from the Taliban by commandos on Monday.", {("AF3007", "government")}),
        ("Nawzad was seized from government forces on Monday.", {("AF3007", "taliban")}),
        ("Nawzad was captured by the Taliban from government forces.", {("AF3007", "taliban")}),
        ("Afghan forces captured Musa Qala from the Taliban on Monday.", {("AF3009", "government")}),
    ],
)
def test_taken_from_a_side(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 10b. "denied that X had fallen", "denied X was overrun": the denier's claim (and the report, when
# the sentence names one)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor denied that Nerkh had fallen to the Taliban.", {("AF0402", "government", "government")}),
        ("The provincial police chief denied Nerkh was overrun.", {("AF0402", "government", "government")}),
        ("The governor denied reports that Nerkh had fallen to the Taliban.",
         {("AF0402", "government", "government"), ("AF0402", "taliban", "third_party")}),
    ],
)
def test_a_denial_is_the_deniers_claim(gazetteer, text: str, expected: set[tuple[str, str, str]]) -> None:
    claims = extract_article(Article("t", text, MON, "header"), gazetteer=gazetteer).claims
    assert {(c.adm2_pcode, c.controller, c.source_type) for c in claims} == expected


def test_both_points_back_to_each_place_of_the_list_with_its_own_day(gazetteer) -> None:
    text = "Afghan forces retook Doshi and Burka on Monday, a week after both fell to the Taliban."
    claims = extract_article(Article("t", text, date(2021, 7, 14), "header"), gazetteer=gazetteer).claims
    got = {(c.adm2_pcode, c.controller): c.event_date for c in claims}
    assert got == {("AF0903", "government"): "2021-07-12", ("AF0910", "government"): "2021-07-12",
                   ("AF0903", "taliban"): "2021-07-05", ("AF0910", "taliban"): "2021-07-05"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Taliban advanced on Kuran wa Munjan on Sunday.", {("AF1726", "contested")}),
        ("The army launched an offensive against Marjah on Monday.", {("AF3002", "contested")}),
    ],
)
def test_an_advance_or_offensive_on_a_place_contests_it(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 5g. Holding words and headlines of our own: "under the Taliban", "under the Taliban's control",
# a headline's "attack on X repelled"; where a speaker sits and what takes time are not claims
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nerkh is now under the Taliban.", {("AF0402", "taliban")}),
        ("Nerkh is under the government's control.", {("AF0402", "government")}),
        ("Nerkh is under Taliban attack.", {("AF0402", "contested")}),
        ("The whole of Faryab is now under the Taliban, a lawmaker said.", {("AF29", "taliban")}),
        ("Logar: Taliban attack on Pul-e-Alam repelled, officials say", {("AF0501", "government")}),
        ("The defence ministry in Kabul denied that the district had fallen.", set()),
        ("Officials in Kabul said Nerkh had fallen to the Taliban.", {("AF0402", "taliban")}),
        ("Reinforcements from Pul-i-Khumri took days to reach Kunduz.", set()),
    ],
)
def test_holding_words_headlines_and_speakers_places(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 6c. "it" as the object of a siege or an attack; "our forces" in a quote is the speaker's side
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said Nerkh was still under government control, but the Taliban had surrounded it.",
         {("AF0402", "government"), ("AF0402", "contested")}),
        ("Nerkh fell on Monday. The Taliban had besieged it for weeks.",
         {("AF0402", "taliban"), ("AF0402", "contested")}),
        ('"Our forces cleared Nerkh district and raised the flag on the district compound," said a '
         "spokesman for the provincial governor.", {("AF0402", "government")}),
        ('"Our mujahideen raised the flag over Nerkh district," the Taliban spokesman said.',
         {("AF0402", "taliban")}),
    ],
)
def test_it_as_object_and_our_forces(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# 1b. Round-ups: "Province: A, B" lines under an intro with a colon, and headings with a colon
def test_labelled_lines_under_an_intro_are_its_items_and_their_label_is_where_they_lie(keys) -> None:
    text = ("The following districts have fallen to the Taliban:\n"
            "Kunduz province: Imam Sahib, Qala-e-Zal\n"
            "Baghlan province: Burka\n\n"
            "Districts under siege: Khan Abad and Chahar Dara.")
    assert keys(text) == {("AF1905", "taliban"), ("AF1907", "taliban"), ("AF0910", "taliban"),
                          ("AF1904", "contested"), ("AF1902", "contested")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contested: Khan Abad, Chahar Dara", {("AF1904", "contested"), ("AF1902", "contested")}),
        ("Captured: Khan Abad, Chahar Dara", {("AF1904", "taliban"), ("AF1902", "taliban")}),
    ],
)
def test_a_headings_status_governs_the_list_after_its_colon(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government holds the provincial capital of Ghazni and the districts of Jaghori, Malistan and Nawur.",
         {("AF1101", "government"), ("AF1114", "government"), ("AF1116", "government"), ("AF1110", "government")}),
        ("Fighting in Ghazni continued. The government still holds the provincial capital.",
         {("AF1101", "contested"), ("AF1101", "government")}),
    ],
)
def test_holding_plural_districts_and_the_provincial_capital(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


def test_fighting_that_spread_to_a_place_contests_it(keys) -> None:
    assert keys("Fighting has spread to Khan Abad, officials said.") == {("AF1904", "contested")}


@pytest.mark.parametrize(
    "text",
    [
        "By Saturday, all districts except Qala-i-Naw were in Taliban hands.",
        "All districts except Qala-i-Naw have fallen to the Taliban.",
        "The Taliban entered Qala-i-Naw on Wednesday. By Saturday, all districts except the provincial capital "
        "were in Taliban hands.",
    ],
)
def test_all_districts_but_one_is_the_province_and_the_exception(keys, text: str) -> None:
    got = keys(text)
    assert {("AF31", "taliban"), ("AF3101", "government")} <= got
    assert ("AF3101", "taliban") not in got


def test_where_people_went_is_not_what_the_district_points_back_to(keys) -> None:
    text = ("Officials said Sayed Karam district fell after three days of clashes. The district chief had moved "
            "to the provincial capital, Gardez. The Taliban spokesman confirmed the capture of the district.")
    assert keys(text) == {("AF1306", "taliban")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # residents are where they live: "the district" is their place
        ("Residents of Mohammad Agha said the district remained under government control.",
         {("AF0505", "government")}),
        ("The intelligence chief of Mohammad Agha said the district was calm.", set()),
        # the 1990s are another war: not drawn on this map
        ("Older residents of Mazar-i-Sharif still remember the summer of 1998, when the Taliban took the city.", set()),
        ("The Taliban captured Kunduz in 1996 and again in 2015.", {("AF1901", "taliban")}),
    ],
)
def test_residents_places_and_another_war(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


# The Taliban's armed foes after August 2021 are on the government's side (as annotators count them);
# "X said it had taken ..." is X's own claim
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anti-Taliban fighters seized Deh Saleh district on Sunday.", {("AF0908", "government")}),
        ("Resistance forces recaptured Bano district from the Taliban on Sunday.", {("AF0907", "government")}),
        ("The National Resistance Front said it had taken control of Deh Saleh district.", {("AF0908", "government")}),
        ("The Taliban said they had captured Deh Saleh district.", {("AF0908", "taliban")}),
    ],
)
def test_the_resistance_and_said_it_had(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


def test_a_paragraph_the_page_repeats_is_read_once(keys) -> None:
    para = "A police spokesman said security forces withdrew from the district centre to avoid casualties."
    text = ("The Taliban captured Khwaja Sabz Posh district on Tuesday. " + para + "\n\n"
            "Clashes continued on the outskirts of Maimana, the provincial capital, residents said.\n\n" + para)
    assert keys(text) == {("AF2903", "taliban"), ("AF2901", "contested")}


# Foreign forces are neither side of this map
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diplomats were flown to the airport in Mazar-i-Sharif, which remained under the protection of US troops.",
         set()),
        ("US forces captured Nerkh on Monday.", set()),
        ("Afghan and US forces retook Nerkh on Monday.", {("AF0402", "government")}),
        ("US-backed Afghan forces retook Nerkh on Monday.", {("AF0402", "government")}),
    ],
)
def test_foreign_forces_are_no_side(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


def test_fighting_in_the_streets_of_a_city_contests_it(keys) -> None:
    text = "In Helmand, Taliban fighters were battling Afghan forces in the streets of Lashkar Gah for an eighth day."
    assert keys(text) == {("AF3001", "contested")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2016, the Taliban briefly overran Nad Ali before US airstrikes helped Afghan forces push them back.",
         {("AF3002", "taliban"), ("AF3002", "government")}),
        # pushed back only to the outskirts: still fought over
        ("Taliban fighters stormed Nad Ali on Tuesday before Afghan forces pushed them back to the outskirts.",
         {("AF3002", "contested")}),
    ],
)
def test_pushed_them_back(keys, text: str, expected: set[tuple[str, str]]) -> None:
    assert keys(text) == expected


def test_leaving_a_place_as_the_only_one_held(keys) -> None:
    text = "The Taliban took Jalalabad on Sunday, leaving Kabul as the only major city still in government hands."
    assert keys(text) == {("AF0601", "taliban"), ("AF0101", "government")}
