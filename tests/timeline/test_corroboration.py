"""Rule 12: copies of one report are one source; statuses count independent sources."""

from datetime import date

from geo.timeline.build import build_timeline
from geo.timeline.corroboration import corroboration_text, independent_sources, source_key
from tests.factories import make_claim

DISTRICTS = [{"adm2_pcode": "AF9901", "adm2_name": "Alpha", "adm1_pcode": "AF99", "adm1_name": "Westland"}]
SENTENCE = "Insurgents overran Alpha district on Monday, a councillor said."


def _copy(article, outlet, *, story="s1", source="Reuters", sentence=SENTENCE, day="2021-07-05"):
    key = f"outlet:{source.casefold()}" if source else f"story:{story}"
    return make_claim(article_id=article, sentence=sentence, event_date=day,
                      extra={"outlet": outlet, "story": story, "source": source, "source_key": key,
                             "copies": []})


def _status(claims, day="2021-07-06"):
    return build_timeline(claims, DISTRICTS).status_of("AF9901", date.fromisoformat(day))


def test_three_reposts_of_one_wire_story_are_one_source_and_one_piece_of_evidence():
    s = _status([_copy("a", "Site A"), _copy("b", "Site B"), _copy("c", "Reuters")])
    assert s.status == "taliban"
    assert len(s.evidence) == 1
    assert s.sources == ["Reuters"] and s.n_sources == 1 and s.single_source
    assert not s.unconfirmed  # a reporter's account: the two qualifiers are separate


def test_two_stories_from_two_outlets_corroborate():
    s = _status([_copy("a", "Site A"),
                 _copy("d", "Kabul Evening Post", story="s2", source="Kabul Evening Post",
                       sentence="Alpha district is now in Taliban hands, residents said.")])
    assert s.n_sources == 2 and not s.single_source
    assert sorted(s.sources) == ["Kabul Evening Post", "Reuters"]


def test_two_stories_by_one_outlet_are_one_source():
    s = _status([_copy("a", "Reuters"),
                 _copy("e", "Reuters", story="s3", sentence="Alpha fell on Monday, officials said.")])
    assert s.n_sources == 1 and len(s.evidence) == 2


def test_claims_without_story_fields_count_by_publisher_else_article():
    plain = [make_claim(article_id="x", event_date="2021-07-05", publisher="reuters.com"),
             make_claim(article_id="y", event_date="2021-07-05", url="https://www.reuters.com/a",
                        sentence="Alpha fell."),
             make_claim(article_id="z", event_date="2021-07-05", sentence="Alpha is lost.")]
    assert [source_key(c) for c in plain] == ["outlet:reuters", "outlet:reuters", "story:z"]
    assert independent_sources(plain) == ["an article with no outlet named", "Reuters"]


def test_an_unnamed_outlet_is_named_by_its_title():
    c = make_claim(article_id="001_1fe15c33fcf35368", title="Militants seize Alpha")
    assert independent_sources([c]) == ["“Militants seize Alpha” (outlet not named)"]


def test_no_report_is_not_single_source():
    s = build_timeline([], DISTRICTS).status_of("AF9901", date(2021, 7, 6))
    assert s.n_sources == 0 and not s.single_source


def test_words():
    assert corroboration_text(3) == "corroborated by 3 independent sources"
    assert corroboration_text(1).startswith("single source")


def test_a_reworded_copy_is_still_one_piece_of_evidence_kept_from_the_original():
    original = _copy("s1", "Site One", sentence="They captured Alpha district on Monday, a councillor said.")
    reworded = _copy("b", "Site Two", sentence="On Monday the insurgents captured Alpha, a councillor said.")
    s = _status([reworded, original])
    assert [c.article_id for c in s.evidence] == ["s1"]


def test_two_claims_of_one_article_both_stay():
    a = _copy("s1", "Site One", sentence="Alpha fell on Monday.")
    b = _copy("s1", "Site One", sentence="Alpha, which fell on Monday, is quiet now.")
    assert len(_status([a, b]).evidence) == 2


def test_a_long_headline_naming_a_source_is_clipped():
    c = make_claim(article_id="a", title="Insurgents overran the headquarters of a remote mountain district after days")
    (name,) = independent_sources([c])
    assert name.endswith("…” (outlet not named)") and len(name) < 90
