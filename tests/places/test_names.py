"""District names as reference tables write them: variants, old names, capitals, same-named districts."""

from __future__ import annotations

import pytest

from geo.places.names import district_by_name, province_by_name


@pytest.mark.parametrize(
    ("name", "province", "pcode"),
    [
        ("Khwaja Ghar", None, "AF1809"),
        ("Khajaghar", None, "AF1809"),  # a variant spelling
        ("Khajaghar district", "Takhar", "AF1809"),  # the word "district" after the name
        ("Kuhsan", None, "AF3213"),  # Kohsan
        ("Tashkurgan", None, "AF2110"),  # the old name of Khulm
        ("Lashkar Gah", None, "AF3001"),  # a provincial capital stands for its district
        ("Qala-e-Naw", "Badghis", "AF3101"),
        ("Kunduz", "Kunduz", "AF1901"),  # the district, not the province of the same name
        ("Jani Khel", "Paktia", "AF1309"),
        ("Jani Khel", "Paktika", "AF1209"),
        ("Jani Khel", "AF13", "AF1309"),  # the province as a P-code
        ("Nawa (Helmand)", None, "AF3003"),  # the province in brackets
        ("AF1809", None, "AF1809"),
        ("af1809", None, "AF1809"),
    ],
)
def test_a_name_finds_its_district(gazetteer, name, province, pcode):
    m = district_by_name(gazetteer, name, province)
    assert m.adm2_pcode == pcode, m.reason


@pytest.mark.parametrize(
    ("name", "province", "words"),
    [
        ("Jani Khel", None, ["several districts", "AF1209", "AF1309", "give the province"]),
        ("Badakhshan", None, ["province, not a district"]),
        ("Islam Qala", None, ["crossing", "Kohsan", "not a district"]),
        ("Kohsan", "Takhar", ["no district of this name in Takhar", "AF3213"]),
        ("Jani Khel", "Atlantis", ["'Atlantis' is not a province"]),
        ("Qwertyuiop", None, ["no district of the gazetteer bears this name"]),
        ("AF9999", None, ["not a district P-code"]),
        ("   ", None, ["empty"]),
    ],
)
def test_a_name_that_finds_no_district_says_why(gazetteer, name, province, words):
    m = district_by_name(gazetteer, name, province)
    assert m.district is None
    for w in words:
        assert w in m.reason


def test_a_near_miss_is_not_matched_but_the_reason_names_the_nearest_district(gazetteer):
    m = district_by_name(gazetteer, "Shindandx")
    assert m.district is None
    assert "nearest: Shindand of Hirat (AF3214)" in m.reason


def test_province_by_name_takes_spellings_and_p_codes(gazetteer):
    assert province_by_name(gazetteer, "Paktya province").key == "AF13"
    assert province_by_name(gazetteer, "af18").key == "AF18"
    assert province_by_name(gazetteer, "AF1809") is None
    assert province_by_name(gazetteer, "") is None
