"""Publication dates of undated articles inferred from their run (geo.claims.dating)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.claims.dating import infer_published
from geo.claims.extract import extract
from geo.models import Article


def _run(gazetteer, *articles: Article):
    return {r.article.id: r for r in infer_published(list(extract(articles, gazetteer=gazetteer)))}


def test_weekdays_that_agree_with_a_dated_report_date_the_article(gazetteer) -> None:
    dated = Article("d", "The Taliban captured Nerkh district on Wednesday. Shir Khan Bandar fell to the "
                         "Taliban on Tuesday.", date(2021, 6, 23), "header")
    undated = Article("u", "On Wednesday the insurgents captured Nerkh district. The Taliban seized "
                           "Shir Khan Bandar on Tuesday, and yesterday they stormed Qadis district.")
    got = _run(gazetteer, dated, undated)["u"]
    assert got.article.published == date(2021, 6, 23)
    assert got.article.published_source == "inferred"
    assert "Nerkh" in got.article.published_reason
    dates = {(c.place_name, c.controller): c.event_date for c in got.claims}
    assert dates == {("Nerkh", "taliban"): "2021-06-23", ("Shir Khan Bandar", "taliban"): "2021-06-22",
                     ("Qadis", "contested"): "2021-06-22"}
    assert all(c.published == "2021-06-23" and c.published_source == "inferred" for c in got.claims)


def test_a_weekday_that_disagrees_does_not_date_the_article(gazetteer) -> None:
    dated = Article("d", "The Taliban captured Nerkh district on Wednesday.", date(2021, 6, 23), "header")
    undated = Article("u", "The Taliban captured Nerkh district on Friday.")
    got = _run(gazetteer, dated, undated)["u"]
    assert got.article.published is None
    assert [c.event_date for c in got.claims] == [None]


def test_the_article_own_dateline_dates_it(gazetteer) -> None:
    undated = Article("u", "Kabul [Afghanistan] July 11 (ANI): The Taliban captured Nerkh district yesterday.")
    other = Article("d", "Nothing happened.", date(2021, 7, 1), "header")
    got = _run(gazetteer, undated, other)["u"]
    assert got.article.published == date(2021, 7, 11)
    assert [c.event_date for c in got.claims] == ["2021-07-10"]


def test_a_weekday_written_with_its_date_pins_day_and_year(gazetteer) -> None:
    undated = Article("u", "The militants overran Torghundi early on Saturday 10 July. Yesterday the "
                           "Taliban conquered Islam Qala.")
    other = Article("d", "Nothing happened.", date(2021, 3, 1), "header")
    got = _run(gazetteer, undated, other)["u"]
    assert got.article.published == date(2021, 7, 10)
    assert {c.place_name: c.event_date for c in got.claims} == {"Torghundi": "2021-07-10",
                                                                 "Islam Qala": "2021-07-09"}


@pytest.mark.parametrize("text", ["The Taliban captured Nerkh district on Tuesday.", "Nothing to see."])
def test_without_evidence_the_date_stays_null(gazetteer, text: str) -> None:
    got = _run(gazetteer, Article("u", text))["u"]
    assert got.article.published is None
    assert got.article.published_source is None
    assert all(c.event_date is None for c in got.claims)


def test_a_day_and_month_without_a_year_take_the_run_year(gazetteer) -> None:
    dated = Article("d", "Nothing happened.", date(2021, 7, 1), "header")
    undated = Article("u", "Afghan forces retook Bangi district on June 28.")
    got = _run(gazetteer, dated, undated)["u"]
    assert got.article.published is None
    (c,) = got.claims
    assert (c.event_date, c.extra.get("year_inferred")) == ("2021-06-28", True)


def test_dated_articles_are_left_alone(gazetteer) -> None:
    a = Article("d", "The Taliban captured Nerkh district on Tuesday.", date(2021, 6, 23), "header")
    got = _run(gazetteer, a)["d"]
    assert got.article is a


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("KABUL, July 5 (Reuters) - ", date(2021, 7, 5)),
        ("ASADABAD, Afghanistan, July 5 (AFP) - ", date(2021, 7, 5)),
        ("SAR-E-PUL, June 30 (Pajhwok): ", date(2021, 6, 30)),
        ("KUNDUZ/KABUL, Oct 4 - ", date(2021, 10, 4)),
    ],
)
def test_a_wire_dateline_is_the_publication_day(gazetteer, first_line: str, expected: date) -> None:
    undated = Article("u", "Taliban gains in the north\n" + first_line
                      + "The Taliban captured Nerkh district on Sunday, officials said.")
    other = Article("d", "Nothing happened.", date(2021, 3, 1), "header")
    got = _run(gazetteer, undated, other)["u"]
    assert got.article.published == expected
    assert got.article.published_source == "inferred"
    assert "dateline" in got.article.published_reason and "year 2021" in got.article.published_reason
    (c,) = got.claims
    assert date.fromisoformat(c.event_date).weekday() == 6 and date.fromisoformat(c.event_date) <= expected


def test_a_dateline_wins_over_matching_events(gazetteer) -> None:
    dated = Article("d", "The Taliban captured Nerkh district on Wednesday.", date(2021, 6, 23), "header")
    undated = Article("u", "KABUL, June 24 (Reuters) - The Taliban captured Nerkh district on Wednesday.")
    got = _run(gazetteer, dated, undated)["u"]
    assert got.article.published == date(2021, 6, 24)
    assert [c.event_date for c in got.claims] == ["2021-06-23"]


def test_a_dateline_year_comes_from_the_text_without_a_run_year(gazetteer) -> None:
    undated = Article("u", "KABUL, Oct 4 (Reuters) - The Taliban entered Kunduz city on Monday, a year after "
                           "their 2015 capture of it.")
    got = _run(gazetteer, undated)["u"]
    assert got.article.published == date(2015, 10, 4)
    assert "years written in the text" in got.article.published_reason


def test_a_dateline_takes_its_year_from_the_same_events_over_the_run_year(gazetteer) -> None:
    old = Article("o", "The Taliban captured Nerkh district on Monday.", date(2016, 10, 4), "header")
    others = [Article(f"d{i}", "Nothing happened.", date(2021, 7, i + 1), "header") for i in range(3)]
    undated = Article("u", "KABUL, Oct 4 (Reuters) - The Taliban captured Nerkh district on Monday.")
    got = _run(gazetteer, old, *others, undated)["u"]
    assert got.article.published == date(2016, 10, 4)
    assert "same events" in got.article.published_reason


def test_a_dateline_with_day_month_and_year_dates_the_article(gazetteer) -> None:
    undated = Article("u", "Taliban gains in the east\nMehtarlam, 5 July 2021 (Pajhwok): The Taliban captured "
                           "Nerkh district on Sunday, officials said.")
    got = _run(gazetteer, undated)["u"]
    assert got.article.published == date(2021, 7, 5)
    assert [c.event_date for c in got.claims] == ["2021-07-04"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Example Press – Sat Jun 26 2021, 10:12 am", date(2021, 6, 26)),
        ("By Staff Writer - Jun 26, 2021", date(2021, 6, 26)),
        ("Posted: Jul 14, 2021", date(2021, 7, 14)),
        ("(Last Updated On: July 7, 2021)", date(2021, 7, 7)),
        ("Published 26 June 2021", date(2021, 6, 26)),
        ("Updated: 2021-07-05 10:22", date(2021, 7, 5)),
        ("Last updated 12.08.2021", date(2021, 8, 12)),
        ("Posted: 14/07/2021", date(2021, 7, 14)),
        ("Posted: 07/14/2021", date(2021, 7, 14)),
        ("Example Times | Updated July 15, 2021 10:02am", date(2021, 7, 15)),
        ("Ministry of Defence | Press Release | 12 July 2021", date(2021, 7, 12)),
    ],
)
def test_a_byline_or_posting_date_near_the_top_is_the_publication_day(gazetteer, byline: str,
                                                                        expected: date) -> None:
    undated = Article("u", "Example News\nTaliban take Nerkh\n\n" + byline + "\n\n"
                      "The Taliban captured Nerkh district on Friday, officials said.")
    # another article of the run puts the same event elsewhere: the byline wins
    other = Article("d", "The Taliban captured Nerkh district on Monday.", date(2021, 3, 1), "header")
    got = _run(gazetteer, undated, other)["u"]
    assert got.article.published == expected
    assert got.article.published_source == "inferred"
    assert "byline" in got.article.published_reason
    (c,) = got.claims
    assert date.fromisoformat(c.event_date).weekday() == 4 and date.fromisoformat(c.event_date) <= expected


def test_a_date_deep_in_the_text_is_not_a_byline(gazetteer) -> None:
    undated = Article("u", "The Taliban captured Nerkh district on Friday. " + "Filler words here. " * 100
                      + "\nPublished 26 June 2019 in another report.")
    got = _run(gazetteer, undated)["u"]
    assert got.article.published is None


@pytest.mark.parametrize("posting", ["Posted: 05/07/2021", "Updated: 31.02.2021", "Posted: 2021-13-40"])
def test_an_ambiguous_or_impossible_date_in_figures_dates_nothing(gazetteer, posting: str) -> None:
    undated = Article("u", posting + "\n\nThe Taliban captured Nerkh district on Friday, officials said.")
    assert _run(gazetteer, undated)["u"].article.published is None


def _read(text: str) -> Article:
    from geo.ingest.articles import read_text_article

    got = read_text_article(text.encode(), name="m.txt", origin="m.txt", today=date(2024, 5, 1))
    assert isinstance(got, Article)
    return got


@pytest.mark.parametrize(
    "text, expected",
    [
        # no date in the sentence: the article's month, at month precision, not an invented day
        (" date 2021-08 The Taliban captured Nerkh district.", {("Nerkh", "2021-08-01", "month")}),
        # a weekday cannot be placed within the month: the month
        (" date 2021-08 The Taliban captured Nerkh district on Tuesday.", {("Nerkh", "2021-08-01", "month")}),
        # a day and month the text writes keep their day, in the year of the date line
        (" date 2021-08 The Taliban captured Nerkh district on August 6.", {("Nerkh", "2021-08-06", "day")}),
        # a weekday written with its day and month inside the month dates the article
        (" date 2021-07 The Taliban captured Nerkh district on Saturday 10 July. Yesterday they "
         "stormed Qadis district.", {("Nerkh", "2021-07-10", "day"), ("Qadis", "2021-07-09", "day")}),
    ],
)
def test_a_month_only_date_line_dates_claims_to_the_month(gazetteer, text: str, expected: set) -> None:
    got = _run(gazetteer, _read(text))["m"]
    assert {(c.place_name, c.event_date, c.time_precision) for c in got.claims} == expected


def test_a_day_outside_the_month_of_the_date_line_is_not_taken(gazetteer) -> None:
    got = _run(gazetteer, _read(" date 2021-08 The militants overran Torghundi early on Saturday 10 July."))["m"]
    assert got.article.published is None
    assert [(c.event_date, c.time_precision) for c in got.claims] == [("2021-07-10", "day")]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # a caption's full date falls on the weekday the report names
        ("The Taliban captured Nerkh district on Monday. A picture taken on March 1, 2021 shows the "
         "district centre.", date(2021, 3, 1), {"Nerkh": "2021-03-01"}),
        # the latest such date wins; 'last Wednesday' is counted back from it
        ("The Taliban captured Nerkh district last Wednesday. An archive photo from May 5, 2010. The "
         "army said it retook Qadis district on March 7, 2021, and secured it Sunday morning.",
         date(2021, 3, 7), {"Nerkh": "2021-03-03", "Qadis": "2021-03-07"}),
    ],
)
def test_a_full_date_on_a_weekday_the_text_names_dates_the_article(gazetteer, text: str, published: date,
                                                                     expected: dict) -> None:
    got = _run(gazetteer, Article("u", text))["u"]
    assert got.article.published == published
    assert "latest full date written in the text" in (got.article.published_reason or "")
    assert {c.place_name: c.event_date for c in got.claims} == expected


@pytest.mark.parametrize("text", [
    # the weekday named is not the weekday of the date written
    "The Taliban captured Nerkh district on Tuesday. A picture taken on March 1, 2021 shows the centre.",
    # a date without its year says nothing about the year
    "The Taliban captured Nerkh district on Monday. A picture taken on March 1 shows the centre.",
])
def test_a_full_date_on_another_weekday_dates_nothing(gazetteer, text: str) -> None:
    got = _run(gazetteer, Article("u", text))["u"]
    assert got.article.published is None
