"""The timeline against a reference, on hand-made claims and rows (no boundaries needed)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from geo.timeline.build import TimelineParams, build_timeline
from geo.timeline.compare import POINT_COLUMNS, compare, point_dict
from geo.timeline.reference import ReferenceRow
from tests.factories import TINY_DISTRICTS, make_claim

DISTRICTS = TINY_DISTRICTS


def D(s: str) -> date:
    return date.fromisoformat(s)


def claim(pcode: str, controller: str, day: str, *, article: str = "art1", sentence: str | None = None):
    return make_claim(article_id=article, adm2_pcode=pcode, adm1_pcode=pcode[:4], controller=controller,
                      event_date=day, time_precision="day",
                      sentence=sentence or f"Reporters said the {controller} held the district on {day}.")


def timeline(*claims, stale_days: int = 30):
    return build_timeline(list(claims), DISTRICTS, TimelineParams(stale_days=stale_days))


def row(pcode: str, day: str, status: str, line: int = 2) -> ReferenceRow:
    return ReferenceRow(pcode, D(day), status, line, pcode)


def test_a_row_that_matches_tcmap_agrees_and_a_blank_map_is_a_miss():
    tl = timeline(claim("AF9901", "taliban", "2021-07-01"))
    cmp = compare(tl, [row("AF9901", "2021-07-02", "taliban", 2), row("AF9902", "2021-07-02", "government", 3)])
    assert [(p.adm2_pcode, p.tcmap, p.agree) for p in cmp.points] == [
        ("AF9901", "taliban", True), ("AF9902", "no_report", False)]
    assert (cmp.agreed, cmp.agreement, cmp.coverage) == (1, 0.5, 0.5)
    assert cmp.agreement_where_reported == 1.0
    assert [p.line for p in cmp.disagreements] == [3]


def test_the_tolerance_lets_a_fall_dated_a_day_apart_agree():
    tl = timeline(claim("AF9901", "taliban", "2021-07-01"))
    rows = [row("AF9901", "2021-06-30", "taliban")]
    assert not compare(tl, rows).points[0].agree
    p = compare(tl, rows, tolerance_days=1).points[0]
    assert p.agree and p.matched_day == D("2021-07-01")
    assert p.tcmap == "no_report"  # what tcmap showed on the reference's day is still reported


def test_a_district_the_reference_leaves_out_is_read_as_government_unless_one_sided():
    tl = timeline(claim("AF9901", "taliban", "2021-07-01"), claim("AF9903", "taliban", "2021-07-01"))
    rows = [row("AF9901", "2021-07-01", "taliban")]
    two = compare(tl, rows)
    absent = [p for p in two.points if p.origin == "absent"]
    assert [(p.adm2_pcode, p.reference, p.tcmap, p.agree) for p in absent] == [("AF9903", "government", "taliban", False)]
    taliban = next(s for s in two.scores() if s.status == "taliban")
    assert (taliban.precision, taliban.recall) == (0.5, 1.0)

    one = compare(tl, rows, one_sided=True)
    assert [p.origin for p in one.points] == ["row"]
    assert [p.adm2_pcode for p in one.unmentioned] == ["AF9903"]
    assert all(s.precision is None for s in one.scores())
    assert "precision is not measured" in one.format()


def test_a_status_the_reference_gave_earlier_still_stands_where_it_has_no_row():
    # the reference says Charlie fell on 25 June; tcmap only hears of it on 1 July
    tl = timeline(claim("AF9903", "taliban", "2021-07-01"))
    rows = [row("AF9903", "2021-06-25", "taliban"), row("AF9901", "2021-07-05", "government")]
    absent = [p for p in compare(tl, rows).points if p.origin == "absent"]
    assert [(p.adm2_pcode, p.day, p.reference, p.agree) for p in absent] == [
        ("AF9903", D("2021-07-01"), "taliban", True)]


def test_each_tcmap_period_is_compared_once_on_the_reference_days():
    tl = timeline(claim("AF9801", "taliban", "2021-06-01"), claim("AF9902", "government", "2021-08-01"),
                  stale_days=5)  # staleness splits the period in the history; it is still one status
    rows = [row("AF9901", "2021-07-02", "taliban"), row("AF9901", "2021-07-20", "taliban")]
    absent = [p for p in compare(tl, rows).points if p.origin == "absent"]
    # Delta's period began before the reference: compared on its first day; Bravo's begins after its last
    assert [(p.adm2_pcode, p.day, p.tcmap, p.stale) for p in absent] == [("AF9801", D("2021-07-02"), "taliban", True)]


def test_until_leaves_later_rows_out_and_says_how_many():
    tl = timeline(claim("AF9901", "taliban", "2021-07-01"))
    rows = [row("AF9901", "2021-07-01", "taliban"), row("AF9901", "2021-08-15", "government", 3)]
    cmp = compare(tl, rows, until=D("2021-07-31"))
    assert [p.line for p in cmp.points] == [2]
    assert cmp.skipped_after == 1
    assert "1 reference row(s) after 2021-07-31 left out" in cmp.format()


def test_precision_recall_and_the_confusion_table_count_what_a_reader_would_count():
    tl = timeline(
        claim("AF9901", "taliban", "2021-07-01"), claim("AF9902", "taliban", "2021-07-01"),
        claim("AF9903", "government", "2021-07-01"),
        claim("AF9801", "taliban", "2021-07-01"), claim("AF9801", "government", "2021-07-01", article="art2"),
    )
    rows = [row("AF9901", "2021-07-02", "taliban"), row("AF9902", "2021-07-02", "government"),
            row("AF9903", "2021-07-02", "government"), row("AF9801", "2021-07-02", "taliban")]
    cmp = compare(tl, rows)
    scores = {s.status: s for s in cmp.scores()}
    assert (scores["taliban"].reference, scores["taliban"].tcmap, scores["taliban"].both) == (2, 2, 1)
    assert (scores["taliban"].precision, scores["taliban"].recall) == (0.5, 0.5)
    assert (scores["government"].precision, scores["government"].recall) == (1.0, 0.5)
    assert scores["contested"].recall is None and scores["contested"].precision == 0.0
    assert cmp.confusion()["taliban"] == {"taliban": 1, "government": 0, "contested": 1, "partly_reported": 0,
                                          "no_report": 0}
    assert cmp.agreement == 0.5


def test_a_disagreement_carries_tcmaps_evidence_and_its_next_status():
    tl = timeline(claim("AF9901", "government", "2021-07-01", sentence="Forces held Alpha =1+2 \x1b[31mstill."),
                  claim("AF9901", "taliban", "2021-07-10", article="art2"))
    cmp = compare(tl, [row("AF9901", "2021-07-05", "taliban", 7)])
    (p,) = cmp.disagreements
    assert (p.tcmap, p.since, p.next_change) == ("government", D("2021-07-01"), (D("2021-07-10"), "taliban"))
    rec = point_dict(p)
    assert list(rec) == POINT_COLUMNS
    assert (rec["reference_line"], rec["articles"], rec["tcmap_next"]) == (7, "art1", "taliban from 2021-07-10")
    assert rec["evidence"].startswith("Forces held Alpha")
    text = cmp.format()
    assert "2021-07-05  AF9901 Alpha (Westland): reference taliban (line 7); tcmap government since 2021-07-01" in text
    assert "taliban from 2021-07-10" in text
    assert "\x1b" not in text  # article text cannot drive the terminal


def test_the_figures_do_not_depend_on_the_order_of_the_rows():
    tl = timeline(claim("AF9901", "taliban", "2021-07-01"), claim("AF9903", "government", "2021-07-03"))
    rows = [row("AF9901", "2021-07-0" + str(d), s, d) for d, s in ((1, "taliban"), (3, "government"), (5, "taliban"))]
    rows.append(row("AF9902", "2021-07-02", "contested", 9))
    first = compare(tl, rows, tolerance_days=1).as_dict()
    random.Random(4).shuffle(rows)
    assert compare(tl, rows, tolerance_days=1).as_dict() == first


def test_no_row_gives_figures_of_nothing_not_a_crash():
    cmp = compare(timeline(claim("AF9901", "taliban", "2021-07-01")), [])
    assert (cmp.points, cmp.agreement, cmp.coverage) == ([], None, None)
    assert "Agreement: n/a (0/0)" in cmp.format()


@pytest.mark.parametrize(
    ("rows", "kwargs", "message"),
    [
        ([row("AF0000", "2021-07-01", "taliban")], {}, "not in the timeline: ['AF0000']"),
        ([], {"tolerance_days": -1}, "tolerance_days, instead got: -1"),
        ([], {"tolerance_days": True}, "tolerance_days, instead got: True"),
    ],
)
def test_bad_arguments_are_refused_with_the_bad_value(rows, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        compare(timeline(), rows, **kwargs)
