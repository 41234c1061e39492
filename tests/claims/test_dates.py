"""Date expressions resolved against the article date (geo.claims.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.claims.dates import find_dates, infer_year, latest_weekday, resolve_date, years_in

WED = date(2021, 6, 23)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        # weekdays: the latest such day on or before the article date
        ("The Taliban captured the district on Tuesday.", date(2021, 6, 22), "day"),
        ("Tuesday's capture of the crossing was a blow.", date(2021, 6, 22), "day"),
        ("They captured it early on Wednesday after clashes.", date(2021, 6, 23), "day"),
        ("Fighting began on Sunday night.", date(2021, 6, 20), "day"),
        ("By midday Monday the town had fallen.", date(2021, 6, 21), "day"),
        ("The base fell last Tuesday.", date(2021, 6, 22), "day"),
        ("The base fell last Wednesday.", date(2021, 6, 16), "day"),
        # relative days and periods
        ("The Taliban yesterday captured the crossing.", date(2021, 6, 22), "day"),
        ("The town fell today.", date(2021, 6, 23), "day"),
        ("Police left the town last night.", date(2021, 6, 22), "day"),
        ("The district fell the day before yesterday.", date(2021, 6, 21), "day"),
        ("Two districts fell in the past 24 hours.", date(2021, 6, 23), "day"),
        ("The district fell two days ago.", date(2021, 6, 21), "day"),
        ("The district fell two weeks ago.", date(2021, 6, 9), "week"),
        ("The militants seized the crossing last week.", date(2021, 6, 14), "week"),
        ("Earlier this week the army retook the town.", date(2021, 6, 21), "week"),
        ("Dozens of districts fell in recent days.", date(2021, 6, 23), "week"),
        ("The militants took the town over the weekend.", date(2021, 6, 19), "week"),
        ("The town had fallen the day before.", date(2021, 6, 22), "day"),
        ("The offensive gathered pace last month.", date(2021, 5, 1), "month"),
        # months
        ("Districts have fallen since early May.", date(2021, 5, 1), "month"),
        ("Fighters broke into the town on Tuesday of last week.", date(2021, 6, 15), "day"),
        ("Fighters broke into the town on Wednesday of the previous week.", date(2021, 6, 16), "day"),
        ("The push began in mid-June.", date(2021, 6, 1), "month"),  # month precision: the 1st
        # absolute dates win over the article date
        ("Forces retook the districts on June 28.", date(2021, 6, 28), "day"),
        ("The town fell on 22 June.", date(2021, 6, 22), "day"),
        ("The photo was taken on March 28, 2021.", date(2021, 3, 28), "day"),
        ("The post fell early on Saturday 10 July.", date(2021, 7, 10), "day"),
        ("Fighting began on June 20th.", date(2021, 6, 20), "day"),
        ("Kabul fell on 15 August 2021.", date(2021, 8, 15), "day"),
        # a day and month after the article date belong to the year before
        ("The city fell on December 30.", date(2020, 12, 30), "day"),
        # no expression: the article date, precision unknown
        ("The district is in Taliban hands.", date(2021, 6, 23), "unknown"),
    ],
)
def test_resolve_date_forms(sentence: str, expected: date, precision: str) -> None:
    got = resolve_date(sentence, WED)
    assert (got.date, got.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("sentence", "near_word", "expected"),
    [
        # the expression nearest the action dates it
        ("The ministry said on Thursday that the town, stormed on Wednesday, was retaken.", "stormed",
         date(2021, 6, 23)),
        ("Fighting began late on June 20th and by midday the next day the Taliban had overrun it.",
         "overrun", date(2021, 6, 21)),
        ("He confirmed the fall of the district since yesterday, June 22.", "fall", date(2021, 6, 22)),
        ("Officials said on Tuesday the town had fallen the previous night.", "fallen", date(2021, 6, 21)),
        ("The army retook it on June 20, a day after it fell the previous day.", "fell", date(2021, 6, 19)),
        ("Kabul [Afghanistan] July 11 (ANI): The Taliban seized the town yesterday.", "seized",
         date(2021, 6, 22)),
    ],
)
def test_nearest_expression_wins(sentence: str, near_word: str, expected: date) -> None:
    assert resolve_date(sentence, WED, near=sentence.index(near_word)).date == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban may capture the town.",  # the verb, not the month
        "Relatives say he will come home.",
        "He served 12 years in the army.",
        "The district of Marchal 30 was renamed.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert [d.text for d in find_dates(sentence)] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The town fell on Tuesday.",
        "The Taliban captured the district yesterday.",
        "Earlier this week the army retook the town.",
    ],
)
def test_relative_dates_need_an_article_date(sentence: str) -> None:
    got = resolve_date(sentence, None)
    assert (got.date, got.precision) == (None, "unknown")


def test_weekday_with_day_and_month_pins_the_year_without_an_article_date() -> None:
    got = resolve_date("The post fell on Saturday 10 July.", None, year_hint=2020)
    assert got.date == date(2021, 7, 10)
    assert got.year_inferred


def test_infer_year_refuses_without_any_evidence() -> None:
    assert infer_year(7, 10, None, None, None) == (None, True)


def test_latest_weekday_is_on_or_before() -> None:
    assert latest_weekday(2, WED) == WED
    assert latest_weekday(3, WED) == date(2021, 6, 17)


def test_years_in_ignores_counts_and_hijri_years() -> None:
    assert years_in("In 2019 some 2,700 people; 3 Zilhaj, 1442; by September 2021.") == [2019, 2021]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
       st.one_of(st.none(), st.integers(min_value=0, max_value=300)))
def test_resolve_date_never_fails(text: str, published: date, near: int | None) -> None:
    got = resolve_date(text, published, near=near)
    assert got.precision in ("day", "week", "month", "unknown")
    assert got.date is None or isinstance(got.date, date)
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(on |early on |last )?(Monday|Tuesday|Friday|Sunday)('s)?|"
                     r"[0-3]?[0-9] (June|July|Feb)|(June|July|Feb) [0-3]?[0-9](, 20[0-3][0-9])?|"
                     r"yesterday|last week|earlier this week|in recent days|since early May",
                     fullmatch=True),
       st.dates(min_value=date(2001, 1, 1), max_value=date(2030, 12, 31)))
def test_resolved_dates_are_never_after_reasonable_bounds(expr: str, published: date) -> None:
    got = resolve_date(f"The town fell {expr}.", published)
    if got.date is not None and "20" not in expr:
        # relative forms never point after the article date; bare day-months at most a month after
        assert (got.date - published).days <= 31


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, July 5 (Reuters) - Fighters moved in.", (7, 5, None)),
        ("ASADABAD, Afghanistan, July 5 (AFP) - Fighters moved in.", (7, 5, None)),
        ("SAR-E-PUL, June 30 (Pajhwok): Fighters moved in.", (6, 30, None)),
        ("KUNDUZ/KABUL, Oct 4 - Fighters moved in.", (10, 4, None)),
        ("Headline of the day\nHERAT, Afghanistan, Aug. 1, 2021 (AP) — Fighters moved in.", (8, 1, 2021)),
        ("Kabul [Afghanistan] July 11 (ANI): Fighters moved in.", (7, 11, None)),
        # a bare dateline opening the text: a place, a comma, the day, and the story
        ("Kabul, July 13 Police in the province said fighters moved in.", (7, 13, None)),
        ("Mazar-i-Sharif, 2 June Fighters moved in overnight.", (6, 2, None)),
    ],
)
def test_find_dateline(text: str, expected: tuple) -> None:
    from geo.claims.dates import find_dateline

    found = find_dateline(text)
    assert found is not None
    expr, _ = found
    assert (expr.month, expr.day, expr.year) == expected
    assert text[expr.start:expr.end].split()[0].rstrip(".") in ("July", "June", "Oct", "Aug", "2")


@pytest.mark.parametrize("text", [
    "On July 5 - the day after - fighters moved in.",   # not a place in capitals, no agency
    "Fighters moved in on July 5, officials said.",
    "KABUL (Reuters) - Fighters moved in.",             # a dateline without a date
    "Monday, July 13 Fighters moved in.",               # a weekday is not a place
    "Fighters moved in.\nKabul, July 13 Police said.",  # a bare dateline only opens the text
])
def test_not_datelines(text: str) -> None:
    from geo.claims.dates import find_dateline

    assert find_dateline(text) is None


def test_a_dateline_is_not_the_event_date_when_the_sentence_has_another() -> None:
    from geo.claims.dates import find_dates, pick_expression

    s = "KUNDUZ, Oct 4 - Fighters entered the city early on Monday."
    exprs = find_dates(s)
    assert pick_expression(exprs, s.index("entered"), text=s).text == "early on Monday"


@pytest.mark.parametrize("sentence", ["A year ago the militants took the city.",
                                      "Two years earlier the town had fallen.", "The city fell last year."])
def test_years_back_are_background(sentence: str) -> None:
    got = resolve_date(sentence, date(2021, 7, 10))
    assert got.date is None and got.historical


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("The district fell ten days ago.", date(2021, 6, 13), "day"),
        ("The district fell eleven days earlier.", date(2021, 6, 12), "day"),
    ],
)
def test_days_ago_in_words(sentence: str, expected: date, precision: str) -> None:
    got = resolve_date(sentence, WED)
    assert (got.date, got.precision) == (expected, precision)


def test_a_date_across_a_turn_of_clause_dates_the_other_clause() -> None:
    from geo.claims.dates import pick_expression

    s = "In March 2019 they stormed the town and held it until a raid in May 2020 drove them out."
    exprs = find_dates(s)
    assert pick_expression(exprs, s.index("held"), s.index("held") + 4, s).text.strip().endswith("2019")
    assert pick_expression(exprs, s.index("drove"), s.index("drove") + 5, s).text.strip().endswith("2020")


def test_of_that_year_takes_the_year_written_before() -> None:
    from geo.claims.dates import with_year_of_context

    s = "The town had fallen in August of that year."
    (e,) = with_year_of_context(s, find_dates(s), "The war reached the valley in 2016. Then it spread.")
    assert (e.month, e.year) == (8, 2016)
    plain = "The town had fallen in August."
    assert with_year_of_context(plain, find_dates(plain), "In 2016 it began.") == find_dates(plain)


def test_a_dateline_with_day_month_year() -> None:
    from geo.claims.dates import find_dateline

    found = find_dateline("Mehtarlam, 5 July 2021 (Pajhwok): Fighters moved in.")
    assert found is not None
    expr, _ = found
    assert (expr.day, expr.month, expr.year) == (5, 7, 2021)
