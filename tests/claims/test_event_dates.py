"""A claim's event date (geo.claims.event_dates): days counted from the day the story is at.

Every sentence is invented for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.claims.dating import infer_published
from geo.claims.extract import extract
from geo.models import Article

FRI = date(2021, 7, 9)  # a Friday


@pytest.fixture(scope="module")
def dated(gazetteer):
    """Event dates by (place, controller) after extraction and date inference."""

    def _dated(text: str, published: date | None = FRI) -> dict[tuple[str, str], tuple[str | None, str]]:
        art = Article("t", text, published, "header" if published else None)
        (result,) = infer_published(list(extract([art], gazetteer=gazetteer)))
        out: dict[tuple[str, str], tuple[str | None, str]] = {}
        for c in result.claims:
            out.setdefault((c.place_name, c.controller), (c.event_date, c.time_precision))
        return out

    return _dated


# "the following day", "a day earlier", "in the two preceding days": counted from the
# day the story named before, not from the publication date.
@pytest.mark.parametrize(
    "text, place, expected",
    [
        ("Fighting reached Nerkh district on Monday. The following day the Taliban captured Nerkh district.",
         ("Nerkh", "taliban"), ("2021-07-06", "day")),
        ("The army retook Qadis district on July 3. A day earlier the Taliban had captured Nerkh district.",
         ("Nerkh", "taliban"), ("2021-07-02", "day")),
        ("The Taliban captured Qadis district on Tuesday. The next day, Nerkh district fell to the Taliban.",
         ("Nerkh", "taliban"), ("2021-07-07", "day")),
        ("Qadis district fell to the Taliban on Wednesday. In the two preceding days, the insurgents had "
         "taken Nerkh district.", ("Nerkh", "taliban"), ("2021-07-06", "week")),
        ("The Taliban captured Qadis district on Thursday. Two days earlier Nerkh district had fallen to "
         "the Taliban.", ("Nerkh", "taliban"), ("2021-07-06", "day")),
        ("The Taliban captured Qadis district on Monday. A week earlier Nerkh district had fallen to "
         "the Taliban.", ("Nerkh", "taliban"), ("2021-06-28", "week")),
        # no day named before: counted from the article date
        ("Two days earlier Nerkh district had fallen to the Taliban.", ("Nerkh", "taliban"),
         ("2021-07-07", "day")),
        # "ago" counts from the day of writing, whatever day the story named
        ("The Taliban captured Qadis district on Monday. Nerkh district fell to the Taliban two days ago.",
         ("Nerkh", "taliban"), ("2021-07-07", "day")),
        # no day named before: "the day before" is the eve of the article
        ("The day before, the Taliban captured Nerkh district.", ("Nerkh", "taliban"), ("2021-07-08", "day")),
    ],
)
def test_relative_days_count_from_the_day_named_before(dated, text: str, place: tuple, expected: tuple) -> None:
    assert dated(text)[place] == expected


# "X comes a day after the Taliban captured Y": Y is a day before X's day.
@pytest.mark.parametrize(
    "text, place, expected",
    [
        # X's day named in the sentence before
        ("Heavy fighting broke out in Qadis district on July 6. The clashes come a day after the Taliban "
         "captured Nerkh district.", ("Nerkh", "taliban"), ("2021-07-05", "day")),
        # no day named: X is the day of the article
        ("The clashes come a day after the Taliban captured Nerkh district.", ("Nerkh", "taliban"),
         ("2021-07-08", "day")),
        # a caption's closing date is the day of its main clause
        ("Fighters gather a day after taking control of Nerkh district, Afghanistan, 4 July 2021.",
         ("Nerkh", "taliban"), ("2021-07-03", "day")),
        ("Residents returned two days after the Taliban captured Nerkh district.", ("Nerkh", "taliban"),
         ("2021-07-07", "day")),
    ],
)
def test_an_event_told_as_days_after_another(dated, text: str, place: tuple, expected: tuple) -> None:
    assert dated(text)[place] == expected


# A clause put before the main one ("After the fall of X, ... on Sunday") is not dated by the main clause.
@pytest.mark.parametrize(
    "text, place, expected",
    [
        ("After the capture of Nerkh district, the Taliban also seized Qadis district on Wednesday.",
         ("Nerkh", "taliban"), ("2021-07-09", "unknown")),
        ("After the capture of Nerkh district, the Taliban also seized Qadis district on Wednesday.",
         ("Qadis", "taliban"), ("2021-07-07", "day")),
        ("GARDEZ: After the capture of Nerkh district, the Taliban also seized Qadis district on Wednesday.",
         ("Nerkh", "taliban"), ("2021-07-09", "unknown")),
        ("Following the fall of Nerkh district to the Taliban, officials fled on Monday.",
         ("Nerkh", "taliban"), ("2021-07-09", "unknown")),
    ],
)
def test_a_fronted_after_clause_is_not_dated_by_the_main_clause(dated, text: str, place: tuple,
                                                                  expected: tuple) -> None:
    assert dated(text)[place] == expected


# An article with no date at all: a claim whose text writes an absolute date still gets it.
@pytest.mark.parametrize(
    "text, place, expected",
    [
        ("The Taliban captured Nerkh district on 3 July 2021, officials said.", ("Nerkh", "taliban"),
         ("2021-07-03", "day")),
        ("Nerkh district fell to the Taliban on July 3, 2021.", ("Nerkh", "taliban"), ("2021-07-03", "day")),
        ("The Taliban captured Nerkh district in June 2021.", ("Nerkh", "taliban"), ("2021-06-01", "month")),
        ("The Taliban captured Nerkh district in late June 2021.", ("Nerkh", "taliban"),
         ("2021-06-01", "month")),
    ],
)
def test_an_absolute_date_dates_a_claim_of_an_undated_article(dated, text: str, place: tuple,
                                                               expected: tuple) -> None:
    assert dated(text, None)[place] == expected



@pytest.mark.parametrize("when", ["Later in the day", "By evening", "That night", "Within hours", "By nightfall"])
def test_a_later_hour_of_the_day_told_before_is_that_day(gazetteer, when: str) -> None:
    from geo.claims.extract import extract_article
    from geo.models import Article

    text = f"The Taliban captured Kunduz city on Sunday. {when}, the insurgents had also taken Sar-e Pul."
    claims = extract_article(Article("t", text, date(2021, 8, 11), "header"), gazetteer=gazetteer).claims
    assert {c.adm2_pcode: c.event_date for c in claims} == {"AF1901": "2021-08-08", "AF2201": "2021-08-08"}
