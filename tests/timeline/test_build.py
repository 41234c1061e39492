"""Every timeline rule on small hand-made claim lists (no boundaries needed)."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest

from geo.models import Claim
from geo.timeline.build import Override, TimelineParams, build_timeline, claim_day
from tests.factories import TINY_DISTRICTS, make_claim

DISTRICTS = TINY_DISTRICTS


def D(s: str) -> date:
    return date.fromisoformat(s)


def claim(
    pcode: str | None = "AF9901",
    controller: str = "taliban",
    event_date: str | None = "2021-07-01",
    *,
    article: str = "art1",
    source_type: str = "reporter",
    attributed_to: str | None = None,
    level: str = "district",
    scope: str | None = None,
    adm1: str = "AF99",
    published: str | None = None,
    confidence: float = 0.9,
    lat: float | None = None,
    lon: float | None = None,
    start: int = 0,
) -> Claim:
    return make_claim(
        article_id=article, published=published, published_source="header" if published else None,
        mention="place", char_start=start, char_end=start + 5, sentence=f"{controller} holds the place.",
        place_level=level, adm2_pcode=pcode, adm1_pcode=adm1, lat=lat, lon=lon,
        controller=controller, event_date=event_date, time_precision="day" if event_date else "unknown",
        scope=scope, attributed_to=attributed_to or source_type, source_type=source_type, confidence=confidence,
    )  # fmt: skip


def status(
    claims, day: str, pcode: str = "AF9901", params: TimelineParams | None = None, overrides=()
):
    tl = build_timeline(claims, DISTRICTS, params or TimelineParams(), overrides)
    return {s.adm2_pcode: s for s in tl.status_on(D(day))}[pcode]


# --- newest claim holds, recaptures flip -------------------------------------------------


def test_no_claim_means_no_report():
    s = status([], "2021-07-01")
    assert s.status == "no_report" and s.since is None and s.evidence == []


def test_claim_holds_from_its_date_until_a_newer_one():
    claims = [claim(controller="taliban", event_date="2021-07-01")]
    assert status(claims, "2021-06-30").status == "no_report"
    s = status(claims, "2021-07-20")
    assert s.status == "taliban" and s.since == D("2021-07-01") and s.evidence == claims


def test_recapture_after_the_window_flips_back():
    claims = [
        claim(controller="taliban", event_date="2021-07-01", article="a"),
        claim(controller="government", event_date="2021-07-10", article="b"),
    ]
    assert status(claims, "2021-07-09").status == "taliban"
    s = status(claims, "2021-07-10")
    assert s.status == "government" and s.since == D("2021-07-10")
    assert [c.article_id for c in s.evidence] == ["b"]


# --- contested -------------------------------------------------------------------------


def test_opposing_claims_within_the_window_are_contested_with_both_as_evidence():
    claims = [
        claim(controller="taliban", event_date="2021-07-01", article="a"),
        claim(controller="government", event_date="2021-07-03", article="b"),
    ]
    s = status(claims, "2021-07-05")
    assert s.status == "contested"
    assert {c.article_id for c in s.evidence} == {"a", "b"}


@pytest.mark.parametrize(
    ("window", "expected"), [(1, "government"), (2, "contested"), (5, "contested")]
)
def test_contest_window_is_configurable(window, expected):
    claims = [
        claim(controller="taliban", event_date="2021-07-01", article="a"),
        claim(controller="government", event_date="2021-07-03", article="b"),
    ]
    assert (
        status(claims, "2021-07-04", params=TimelineParams(contest_window_days=window)).status
        == expected
    )


def test_a_newer_unopposed_claim_ends_the_contest():
    claims = [
        claim(controller="taliban", event_date="2021-07-01", article="a"),
        claim(controller="government", event_date="2021-07-02", article="b"),
        claim(controller="taliban", event_date="2021-07-12", article="c"),
    ]
    tl = build_timeline(claims, DISTRICTS)
    assert [(s.status, start, s.stale) for start, _, s in tl.history("AF9901")] == [
        ("taliban", D("2021-07-01"), False),
        ("contested", D("2021-07-02"), False),
        ("taliban", D("2021-07-12"), False),
        ("taliban", D("2021-08-12"), True),  # 30 days without a claim
    ]


def test_claim_and_its_denial_in_one_article_are_contested_however_far_apart():
    claims = [
        claim(controller="taliban", event_date="2021-07-01", article="a", attributed_to="officials",
              source_type="government"),
        claim(controller="government", event_date="2021-07-09", article="a", attributed_to="Interior Ministry",
              source_type="government", start=50),
    ]  # fmt: skip
    s = status(claims, "2021-07-09")
    assert s.status == "contested" and len(s.evidence) == 2


def test_an_article_narrating_fall_and_recapture_ends_with_the_recapture():
    claims = [
        claim(
            controller="taliban", event_date="2021-07-05", article="a", attributed_to="officials"
        ),
        claim(
            controller="government",
            event_date="2021-07-06",
            article="a",
            attributed_to="officials",
            start=40,
        ),
    ]
    assert status(claims, "2021-07-05").status == "taliban"
    s = status(claims, "2021-07-06")
    assert s.status == "government" and [c.controller for c in s.evidence] == ["government"]


def test_a_fighting_claim_is_contested_and_a_later_capture_resolves_it():
    claims = [
        claim(controller="contested", event_date="2021-07-01", article="a"),
        claim(controller="taliban", event_date="2021-07-02", article="b"),
    ]
    assert status(claims, "2021-07-01").status == "contested"
    assert status(claims, "2021-07-02").status == "taliban"


# --- points and provinces ---------------------------------------------------------------


def test_a_point_claim_alone_leaves_its_district_partly_reported_and_has_its_own_status():
    pt = claim("AF9902", "taliban", "2021-07-04", level="point", lat=34.1, lon=62.2, source_type="taliban")
    tl = build_timeline([pt], DISTRICTS)
    assert {s.adm2_pcode: s.status for s in tl.status_on(D("2021-07-04"))} == {
        "AF9901": "no_report", "AF9902": "partly_reported", "AF9903": "no_report", "AF9801": "no_report",
    }  # fmt: skip
    district = tl.status_of("AF9902", D("2021-07-04"))
    assert (district.basis, district.unconfirmed, district.evidence) == ("point", False, [pt])
    assert tl.counts_on(D("2021-07-04"))["partly_reported"] == 1
    (marker,) = tl.point_status_on(D("2021-07-04"))
    assert (marker.status, marker.since, marker.unconfirmed, marker.centre) == ("taliban", D("2021-07-04"), True, False)
    assert (marker.lat, marker.lon, marker.adm2_pcode) == (34.1, 62.2, "AF9902")
    assert tl.points == [pt]
    assert tl.points_on(D("2021-07-03")) == [] and tl.point_status_on(D("2021-07-03")) == []
    assert D("2021-07-04") in tl.change_dates


def test_the_old_rule_lets_every_point_colour_its_district():
    pt = claim("AF9902", "taliban", "2021-07-04", level="point", lat=34.1, lon=62.2)
    tl = build_timeline([pt], DISTRICTS, TimelineParams(points_colour_districts=True))
    assert tl.status_of("AF9902", D("2021-07-04")).status == "taliban"
    assert tl.point_status_on(D("2021-07-04"))[0].status == "taliban"


def test_a_district_claim_colours_the_district_whatever_its_points_say():
    claims = [
        claim("AF9902", "government", "2021-07-01", article="a"),
        claim("AF9902", "taliban", "2021-07-10", article="b", level="point", lat=34.1, lon=62.2),
    ]
    tl = build_timeline(claims, DISTRICTS)
    s = tl.status_of("AF9902", D("2021-07-10"))
    assert (s.status, s.basis) == ("government", "district")
    assert tl.point_status_on(D("2021-07-10"))[0].status == "taliban"


def test_a_claim_about_the_district_centre_colours_the_district():
    from geo.places.centres import DistrictCentres
    from geo.places.normalize import name_key

    seat = dataclasses.replace(
        claim("AF9902", "taliban", "2021-07-04", level="point", lat=34.1, lon=62.2),
        place_name="Bravo Bazar", place_key="pt:bravo-bazar",
    )
    named_like_district = dataclasses.replace(
        claim("AF9903", "taliban", "2021-07-04", level="point", article="z"), place_name="Charlie",
    )
    gate = dataclasses.replace(seat, place_name="Bravo Gate", place_key="pt:bravo-gate", article_id="g")
    centres = DistrictCentres(keys=frozenset({"pt:bravo-bazar"}))
    tl = build_timeline([seat, gate, named_like_district], DISTRICTS, centres=centres)
    assert tl.status_of("AF9902", D("2021-07-04")).status == "taliban"
    assert tl.status_of("AF9903", D("2021-07-04")).status == "taliban"
    assert {p.name: p.centre for p in tl.point_status_on(D("2021-07-04"))} == {
        "Bravo Bazar": True, "Bravo Gate": False, "Charlie": True,
    }
    # matched by district and name too, for claims read back without a place key
    by_name = DistrictCentres(named=frozenset({("AF9902", name_key("Bravo Bazar"))}))
    keyless = dataclasses.replace(seat, place_key="")
    assert build_timeline([keyless], DISTRICTS, centres=by_name).status_of("AF9902", D("2021-07-04")).status == "taliban"


def test_a_province_claim_outranks_a_point_inside_the_district():
    claims = [
        claim("AF9902", "government", "2021-07-02", article="p", level="point", lat=34.1, lon=62.2),
        claim(None, "taliban", "2021-07-05", article="b", level="province", scope="all"),
    ]
    tl = build_timeline(claims, DISTRICTS)
    assert tl.status_of("AF9902", D("2021-07-03")).status == "partly_reported"
    assert tl.status_of("AF9902", D("2021-07-05")).status == "taliban"


def test_a_sentence_appears_once_in_a_district_evidence():
    sentence = "Insurgents overran Bravo and its river crossing on Monday."
    on_district = dataclasses.replace(claim("AF9902", "taliban", "2021-07-04", start=10), sentence=sentence)
    on_crossing = dataclasses.replace(
        claim("AF9902", "taliban", "2021-07-04", level="point", lat=34.1, lon=62.2, start=30),
        sentence=sentence, place_name="Bravo crossing",
    )
    other = dataclasses.replace(claim("AF9902", "taliban", "2021-07-04", article="art2"), sentence=sentence)
    params = TimelineParams(points_colour_districts=True)
    for p in (TimelineParams(), params):
        tl = build_timeline([on_district, on_crossing, other], DISTRICTS, p)
        ev = tl.status_of("AF9902", D("2021-07-04")).evidence
        assert [(c.article_id, c.place_level) for c in ev] == [("art1", "district"), ("art2", "district")]
    # the crossing's own marker keeps its claim
    assert tl.point_status_on(D("2021-07-04"))[0].evidence == [on_crossing]


@pytest.mark.parametrize("scope", ["all", "rest"])
def test_province_all_or_rest_colours_only_districts_without_their_own_claims(scope):
    claims = [
        claim("AF9901", "government", "2021-07-01", article="a"),
        claim(None, "taliban", "2021-07-05", article="b", level="province", scope=scope),
    ]
    tl = build_timeline(claims, DISTRICTS)
    got = {s.adm2_pcode: (s.status, s.basis) for s in tl.status_on(D("2021-07-06"))}
    assert got == {
        "AF9901": ("government", "district"),
        "AF9902": ("taliban", "province"),
        "AF9903": ("taliban", "province"),
        "AF9801": ("no_report", ""),  # another province
    }


def test_a_district_claim_takes_over_from_the_province_claim_on_its_date():
    claims = [
        claim(None, "taliban", "2021-07-01", article="a", level="province", scope="all"),
        claim("AF9902", "government", "2021-07-20", article="b"),
    ]
    tl = build_timeline(claims, DISTRICTS)
    assert tl.status_of("AF9902", D("2021-07-10")).status == "taliban"
    assert tl.status_of("AF9902", D("2021-07-20")).status == "government"


@pytest.mark.parametrize("scope", ["most", "part", None])
def test_province_most_or_part_colours_nothing_and_becomes_a_note(scope):
    claims = [
        claim(None, "taliban", "2021-07-05", article="a", level="province", scope=scope),
        claim(None, "government", "2021-07-15", article="b", level="province", scope="part"),
    ]
    tl = build_timeline(claims, DISTRICTS)
    assert tl.counts_on(D("2021-07-20"))["no_report"] == len(DISTRICTS)
    first = tl.province_notes[0]
    assert (first.adm1_pcode, first.controller, first.start, first.end) == (
        "AF99", "taliban", D("2021-07-05"), D("2021-07-14"),
    )  # fmt: skip
    assert "Westland" in first.label
    assert [n.controller for n in tl.notes_on(D("2021-07-16"))] == ["government"]
    assert D("2021-07-05") in tl.change_dates


# --- qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "unconfirmed"),
    [
        # (controller, source_type, attributed_to) of each claim behind the status
        ([("taliban", "taliban", "Taliban spokesman")], True),  # the Taliban claim a capture
        ([("taliban", "taliban", "Taliban"), ("taliban", "taliban", "a Taliban commander")], True),
        ([("government", "government", "Defence Ministry")], True),  # the ministry claims a retake
        ([("taliban", "government", "two provincial officials")], False),  # an official admits the fall
        ([("government", "taliban", "Taliban spokesman")], False),  # the Taliban admit a withdrawal
        ([("taliban", "reporter", "reporter")], False),
        ([("taliban", "taliban", "Taliban"), ("taliban", "third_party", "UN office")], False),
        ([("taliban", "taliban", "Taliban and Afghan official sources")], False),  # two parties agree
        ([("taliban", "taliban", "Taliban"), ("taliban", "government", "district governor")], False),
        ([("contested", "taliban", "Taliban")], True),  # the Taliban say they are fighting for it
        ([("contested", "government", "police spokesman")], False),  # officials concede a fight
    ],
)
def test_unconfirmed_only_when_one_party_claims_its_own_gain(said, unconfirmed):
    claims = [
        claim(controller=ctl, event_date="2021-07-01", article=f"a{i}", source_type=st, attributed_to=who)
        for i, (ctl, st, who) in enumerate(said)
    ]
    assert status(claims, "2021-07-02").unconfirmed is unconfirmed


def test_stale_after_stale_days_without_a_claim():
    claims = [claim(event_date="2021-07-01"), claim(event_date="2021-06-01", article="old")]
    params = TimelineParams(stale_days=10)
    assert status(claims, "2021-07-11", params=params).stale is False
    s = status(claims, "2021-07-12", params=params)
    assert s.stale is True and s.status == "taliban" and s.since == D("2021-06-01")


def test_since_survives_a_qualifier_change_and_repeated_claims():
    claims = [
        claim(event_date="2021-07-01", article="a", source_type="taliban"),
        claim(event_date="2021-07-20", article="b", source_type="reporter"),
    ]
    tl = build_timeline(claims, DISTRICTS)
    hist = tl.history("AF9901")
    assert [(h[2].unconfirmed, h[2].stale, h[2].since) for h in hist] == [
        (True, False, D("2021-07-01")),
        (False, False, D("2021-07-01")),
        (False, True, D("2021-07-01")),
    ]
    assert hist[0][1] == D("2021-07-19") and hist[-1][1] is None


# --- dates --------------------------------------------------------------------------------


def test_claim_without_event_date_counts_from_published():
    c = claim(event_date=None, published="2021-07-08")
    assert claim_day(c) == D("2021-07-08")
    assert status([c], "2021-07-08").status == "taliban"


def test_claim_with_no_date_at_all_is_listed_as_undated_and_not_drawn():
    c = claim(event_date=None, published=None)
    tl = build_timeline([c], DISTRICTS)
    assert tl.undated == [c]
    assert tl.change_dates == []
    assert tl.counts_on(D("2021-07-01"))["no_report"] == len(DISTRICTS)


@pytest.mark.parametrize("bad", ["2021-13-01", "yesterday", "07/01/2021"])
def test_malformed_dates_raise_naming_the_value(bad):
    with pytest.raises(ValueError, match=bad.replace("/", ".")):
        build_timeline([claim(event_date=bad)], DISTRICTS)


def test_unknown_controller_raises_naming_it():
    with pytest.raises(ValueError, match="'held'"):
        build_timeline([claim(controller="held")], DISTRICTS)


def test_unknown_place_level_raises_naming_it():
    with pytest.raises(ValueError, match="'village'"):
        build_timeline([claim(level="village")], DISTRICTS)


# --- filters ------------------------------------------------------------------------------


def test_filters_drop_claims_and_say_why():
    claims = [
        claim(controller="taliban", article="low", confidence=0.2),
        claim(controller="taliban", article="tal", source_type="taliban", event_date="2021-07-02"),
        claim("AF9801", "government", article="east", adm1="AF98"),
        claim("AF9999", "government", article="ghost"),
    ]
    params = TimelineParams(
        min_confidence=0.5, exclude_source_types=frozenset({"taliban"}), provinces={"AF99"}
    )
    tl = build_timeline(claims, DISTRICTS, params)
    reasons = {c.article_id: why for c, why in tl.dropped}
    assert set(reasons) == {"low", "tal", "east", "ghost"}
    assert "0.2" in reasons["low"] and "'taliban'" in reasons["tal"] and "AF98" in reasons["east"]
    assert "AF9999" in reasons["ghost"]
    assert [d.adm2_pcode for d in tl.districts] == ["AF9901", "AF9902", "AF9903"]
    assert tl.counts_on(D("2021-07-05")) == {
        "taliban": 0,
        "government": 0,
        "contested": 0,
        "partly_reported": 0,
        "no_report": 3,
    }


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"contest_window_days": -1}, "-1"),
        ({"stale_days": 2.5}, "2.5"),
        ({"min_confidence": 1.5}, "1.5"),
        ({"exclude_source_types": frozenset({"blogger"})}, "blogger"),
        ({"provinces": "AF99"}, "AF99"),
    ],
)
def test_bad_params_raise_naming_the_value(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        TimelineParams(**kwargs)


# --- overrides ----------------------------------------------------------------------------


def test_override_outranks_the_claims_for_its_period():
    claims = [claim(controller="taliban", event_date="2021-07-01", source_type="taliban")]
    ov = Override(
        "AF9901", "government", D("2021-07-10"), D("2021-07-14"), "checked with OCHA", "ana"
    )
    tl = build_timeline(claims, DISTRICTS, overrides=[ov])
    during = tl.status_of("AF9901", D("2021-07-12"))
    assert (during.status, during.overridden, during.unconfirmed, during.note) == (
        "government", True, False, "checked with OCHA",
    )  # fmt: skip
    assert during.evidence == claims  # the claims stay visible
    after = tl.status_of("AF9901", D("2021-07-15"))
    assert (after.status, after.overridden, after.unconfirmed) == ("taliban", False, True)
    assert {D("2021-07-10"), D("2021-07-15")} <= set(tl.change_dates)


def test_overlapping_overrides_the_later_start_wins():
    ovs = [
        Override("AF9902", "taliban", D("2021-07-01"), None, "first"),
        Override("AF9902", "contested", D("2021-07-05"), D("2021-07-06"), "second"),
    ]
    tl = build_timeline([], DISTRICTS, overrides=ovs)
    got = [tl.status_of("AF9902", D(f"2021-07-0{i}")).status for i in (1, 5, 7)]
    assert got == ["taliban", "contested", "taliban"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("AF9901", "rebels", D("2021-07-01"), None, "n"), "rebels"),
        (("AF9901", "taliban", D("2021-07-05"), D("2021-07-01"), "n"), "2021-07-01"),
    ],
)
def test_bad_overrides_raise_naming_the_value(args, fragment):
    bad = Override(*args)
    with pytest.raises(ValueError, match=fragment):
        bad.validate()
    with pytest.raises(ValueError, match=fragment):
        build_timeline([], DISTRICTS, overrides=[bad])


def test_override_start_must_be_a_date():
    with pytest.raises(TypeError, match="2021-07-05"):
        build_timeline(
            [], DISTRICTS, overrides=[Override("AF9901", "taliban", "2021-07-05", None, "n")]
        )


def test_override_for_an_unknown_district_is_refused():
    with pytest.raises(ValueError, match="AF0000"):
        build_timeline(
            [], DISTRICTS, overrides=[Override("AF0000", "taliban", D("2021-07-01"), None, "n")]
        )


# --- the whole timeline -------------------------------------------------------------------


def _mixed_claims() -> list[Claim]:
    rng = random.Random(3)
    out = []
    for i in range(60):
        day = date(2021, 6, 1) + timedelta(days=rng.randrange(60))
        out.append(claim(
            rng.choice(["AF9901", "AF9902", "AF9903"]), rng.choice(["taliban", "government", "contested"]),
            day.isoformat(), article=f"a{i % 17}", source_type=rng.choice(["taliban", "government", "reporter"]),
            start=i,
        ))  # fmt: skip
    return out


def test_same_claims_in_any_order_give_the_same_timeline():
    claims = _mixed_claims()
    ref = build_timeline(claims, DISTRICTS)
    shuffled = claims[:]
    random.Random(9).shuffle(shuffled)
    other = build_timeline(shuffled, list(reversed(DISTRICTS)))
    assert other.change_dates == ref.change_dates
    for day in ref.change_dates:
        assert other.status_on(day) == ref.status_on(day)


def test_change_dates_are_exactly_the_days_something_visible_changes():
    claims = _mixed_claims()
    tl = build_timeline(claims, DISTRICTS, TimelineParams(stale_days=7))
    first, last = min(claim_day(c) for c in claims), max(claim_day(c) for c in claims)
    day, prev = first - timedelta(days=1), None
    expected = []
    while day <= last:
        now = [s.code for s in tl.status_on(day)]
        if prev is not None and now != prev:
            expected.append(day)
        prev, day = now, day + timedelta(days=1)
    assert tl.change_dates == expected


def test_history_and_counts_agree():
    tl = build_timeline(_mixed_claims(), DISTRICTS)
    for day in tl.change_dates:
        counts = tl.counts_on(day)
        assert sum(counts.values()) == len(DISTRICTS)
        assert counts["taliban"] == sum(s.status == "taliban" for s in tl.status_on(day))
    for start, end, s in tl.history("AF9901"):
        assert tl.status_of("AF9901", start) == s
        if end is not None:
            assert tl.status_of("AF9901", end) == s
    with pytest.raises(KeyError, match="AF0000"):
        tl.history("AF0000")


def test_districts_may_be_a_dataframe():
    pd = pytest.importorskip("pandas")
    tl = build_timeline([claim()], pd.DataFrame(DISTRICTS))
    assert tl.status_of("AF9901", D("2021-07-01")).adm2_name == "Alpha"
    with pytest.raises(ValueError, match="adm1_name"):
        build_timeline([], pd.DataFrame(DISTRICTS).drop(columns="adm1_name"))
