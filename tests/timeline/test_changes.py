"""Changes between two dates: what an analyst reads as 'what moved since the last briefing'."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from geo.timeline.build import Override, TimelineParams, build_timeline
from geo.timeline.changes import CHANGE_COLUMNS, changes, changes_csv, changes_table
from tests.factories import make_claim

DISTRICTS = [
    {"adm2_pcode": "AF9901", "adm2_name": "Alpha", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9902", "adm2_name": "Bravo", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9903", "adm2_name": "Charlie", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9801", "adm2_name": "Delta", "adm1_pcode": "AF98", "adm1_name": "Eastland"},
]


def D(s: str) -> date:
    return date.fromisoformat(s)


def claim(pcode: str, controller: str, day: str, *, article: str = "a1", sentence: str | None = None,
          publisher: str = "Kabul Courier", source_type: str = "reporter", **kw):
    return make_claim(adm2_pcode=pcode, adm1_pcode=pcode[:4], controller=controller, event_date=day,
                      time_precision="day", article_id=article, publisher=publisher,
                      url=f"https://news.example/{article}", source_type=source_type,
                      attributed_to=source_type,
                      sentence=sentence or f"Our reporter saw {controller} fighters in control.", **kw)


def timeline(claims, overrides=()):
    return build_timeline(claims, DISTRICTS, TimelineParams(stale_days=5), overrides)


def test_only_districts_whose_status_changed_are_listed_with_old_and_new():
    tl = timeline([
        claim("AF9901", "government", "2021-06-01", article="g1"),
        claim("AF9901", "taliban", "2021-07-10", article="t1", sentence="The district centre fell on Saturday."),
        claim("AF9902", "government", "2021-06-01", article="g2"),  # held all along (turns stale: no change)
        claim("AF9801", "taliban", "2021-07-20", article="t2"),      # first report after the start
    ])
    rows = changes(tl, D("2021-07-01"), D("2021-08-01"))
    assert [r.adm2_pcode for r in rows] == ["AF9801", "AF9901"]  # Eastland before Westland
    alpha = rows[1]
    assert (alpha.old.status, alpha.new.status, alpha.changed_on) == ("government", "taliban", D("2021-07-10"))
    assert rows[0].old.status == "no_report" and rows[0].changed_on == D("2021-07-20")
    table = changes_table(rows)
    assert table[1]["district"] == "Alpha" and table[1]["province"] == "Westland"
    assert table[1]["from"] == "government (stale)" and table[1]["to"].startswith("taliban")
    assert "The district centre fell on Saturday." in table[1]["evidence"]
    assert table[1]["sources"] == "Kabul Courier https://news.example/t1"


def test_a_change_and_back_in_between_is_no_change_and_same_day_gives_nothing():
    tl = timeline([
        claim("AF9901", "government", "2021-06-01", article="g1"),
        claim("AF9901", "taliban", "2021-06-20", article="t1"),
        claim("AF9901", "government", "2021-07-05", article="g2"),
    ])
    assert changes(tl, D("2021-06-10"), D("2021-07-10")) == []
    assert changes(tl, D("2021-06-25"), D("2021-06-25")) == []
    [row] = changes(tl, D("2021-06-25"), D("2021-07-10"))
    assert (row.old.status, row.new.status, row.changed_on) == ("taliban", "government", D("2021-07-05"))


def test_the_date_of_change_is_the_last_entry_into_the_new_status():
    tl = timeline([
        claim("AF9901", "taliban", "2021-06-01", article="t1"),
        claim("AF9901", "government", "2021-06-10", article="g1"),
        claim("AF9901", "taliban", "2021-06-20", article="t2"),
    ])
    [row] = changes(tl, D("2021-06-12"), D("2021-06-30"))
    assert row.changed_on == D("2021-06-20")


def test_an_override_counts_as_the_new_status_with_its_note():
    tl = timeline([claim("AF9902", "government", "2021-06-01")],
                  [Override("AF9902", "taliban", D("2021-06-15"), None, "Confirmed by our own staff")])
    [row] = changes(tl, D("2021-06-10"), D("2021-06-20"))
    assert row.new.overridden and row.changed_on == D("2021-06-15")
    assert changes_table([row])[0]["to"] == "taliban (analyst override)"
    assert "Confirmed by our own staff" in changes_table([row])[0]["evidence"]


def test_an_end_before_the_start_is_refused_with_both_dates():
    tl = timeline([claim("AF9901", "taliban", "2021-06-01")])
    with pytest.raises(ValueError, match="2021-06-10.*2021-06-01"):
        changes(tl, D("2021-06-10"), D("2021-06-01"))
    with pytest.raises(TypeError, match="since"):
        changes(tl, "2021-06-01", D("2021-06-10"))  # type: ignore[arg-type]


def test_csv_has_the_columns_and_never_a_formula():
    tl = timeline([claim("AF9901", "taliban", "2021-06-05", sentence="=HYPERLINK(\"http://evil\")",
                         publisher="@publisher")])
    text = changes_csv(changes(tl, D("2021-06-01"), D("2021-06-10")))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CHANGE_COLUMNS
    assert rows[1][:6] == ["Alpha", "Westland", "AF9901", "no_report", "taliban", "2021-06-05"]
    assert all(not cell.startswith(("=", "@", "+", "-")) for cell in rows[1])
    assert rows[1][7].startswith("'@publisher")
