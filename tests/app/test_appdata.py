"""The app's logic, headless: streamlit.testing.v1.AppTest and geo.app.appdata."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest

from geo.app import appdata as ad
from geo.app.store import Store
from tests._storedata import Result, hostile_result, make_claim, make_result, province_result

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def home(tmp_path, monkeypatch, boundaries):
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP, default_timeout=120)


def _metric(at, label: str) -> int:
    """The number of districts the map's legend gives for a status ("Taliban" ...)."""
    status = next(k for k, v in ad.STATUS_LABELS.items() if v == label)
    counts = re.findall(rf'data-status="{status}">(\d+)<', _markdown(at))
    assert len(counts) == 1, counts
    return int(counts[0])


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


# -- appdata: pure helpers ----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "`code` and $math$ and **bold**", "\"quotes\" and 'single'", "a\n\nb",
])
def test_escape_text_leaves_no_markup(text):
    out = ad.escape_text(text)
    assert not re.search(r"[<>`$*\[\]\"']", out)
    assert "\n" not in out


def test_escape_text_keeps_any_text_readable_and_inert():
    import html

    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text())
    def check(text):
        out = ad.escape_text(text)
        assert not re.search(r"[<>`$*\[\]\"'\n]", out)
        assert html.unescape(out) == re.sub(r"\s+", " ", text)

    check()


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a", "https://example.org/a"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), ("data:text/html,<b>", None),
    ("https://x.org/\"onmouseover=alert(1)", None), ("", None), (None, None), ("//evil.org", None),
])
def test_safe_url_only_links_plain_http(url, expected):
    assert ad.safe_url(url) == expected


def test_highlight_marks_the_mention_at_its_offset():
    out = ad.highlight("Kohsan fell; later Kohsan was retaken", "Kohsan", at=19)
    assert out == "Kohsan fell; later <mark>Kohsan</mark> was retaken"


def test_override_and_unconfirmed_are_drawn_distinctly():
    from geo.timeline.build import DistrictStatus

    plain = DistrictStatus("AF0101", "Kabul", "AF01", "Kabul", "taliban")
    over = DistrictStatus("AF0102", "Paghman", "AF01", "Kabul", "taliban", overridden=True)
    unconf = DistrictStatus("AF0103", "Shakardara", "AF01", "Kabul", "taliban", unconfirmed=True)
    styles = ad.district_styles([plain, over, unconf])
    assert styles["AF0102"][0]["weight"] > styles["AF0101"][0]["weight"]
    assert styles["AF0103"][0]["fillColor"].startswith("url(#tcmap-hatch-")
    assert "analyst override" in styles["AF0102"][1]


def test_province_reports_outline_their_province_and_colour_no_district(home):
    from geo.places.boundaries import load_districts
    from geo.timeline.build import TimelineParams, build_timeline

    store = Store.open(home)
    store.add_results([province_result()])
    tl = build_timeline(store.claims(), load_districts().drop(columns="geometry"), TimelineParams())
    day = date(2021, 7, 3)
    assert tl.counts_on(day)["no_report"] == 399
    fg = ad.paint_layer(tl.status_on(day), "t", notes=tl.notes_on(day))
    script = next(iter(fg._children.values())).notes
    assert '"AF17"' in script and "Most of Badakhshan" in script


def test_base_map_loads_nothing_from_the_network(boundaries):
    from streamlit_folium import _get_header, _get_map_string

    m = ad.base_map()
    m.get_root().render()
    links = [src for _, src in m.default_js] + [href for _, href in m.default_css]
    assert links and all(u.startswith("data:") for u in links)
    text = (_get_header(m) + _get_map_string(m)).replace("http://www.w3.org/2000/svg", "")  # a name, not a fetch
    assert not re.search(r"https?://", text), re.findall(r"https?://\S{0,40}", text)[:3]


def test_a_click_finds_its_district(boundaries):
    assert ad.district_at(34.53, 69.17) == "AF0101"  # Kabul city
    assert ad.district_at(48.85, 2.35) is None  # Paris


def test_exports_carry_the_overrides(home):
    from geo.places.boundaries import load_districts
    from geo.timeline.build import Override, TimelineParams, build_timeline

    store = Store.open(home)
    store.add_results([make_result(1)])
    store.add_override(Override("AF0101", "government", date(2021, 6, 1), None, "held by ANA"))
    tl = build_timeline(store.claims(), load_districts().drop(columns="geometry"), TimelineParams(),
                        store.overrides())
    out = ad.build_exports(tl, date(2021, 6, 30), kinds=("csv", "html"))
    csv_text = out["tcmap-status-2021-06-30.csv"][0].decode()
    kabul = next(line for line in csv_text.splitlines() if line.startswith("AF0101,"))
    assert ",government," in kabul and "True" in kabul
    assert out["tcmap-map.html"][2] is None and b"held by ANA" in out["tcmap-map.html"][0]


def _fake_extract(articles):
    """One Kohsan claim per article, on the article's own text (no NLP needed)."""
    return [Result(a, [make_claim(a, "Kohsan", pcode="AF3213", place="Kohsan")]) for a in articles]


def test_upload_limits_say_which_limit_and_how_to_raise_it(home):
    import io
    import zipfile

    from geo.ingest.articles import Limits

    store = Store.open(home)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"\0" * (8 * 1024 * 1024))
    (z,) = ad.ingest_files(store, [("bomb.zip", bomb.getvalue())], extract=_fake_extract)
    assert z.claims == 0 and z.skipped and "limit" in z.skipped[0].reason
    small = Limits(max_upload_bytes=1000)
    (big,) = ad.ingest_files(store, [("big.txt", b"x" * 2000)], extract=_fake_extract, limits=small)
    assert "TCMAP_MAX_UPLOAD_MB" in big.skipped[0].reason
    assert store.count_articles() == 0


def test_upload_reports_each_file_and_refuses_unsafe_zips(home):
    import io
    import zipfile

    store = Store.open(home)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../escape.txt", "date 2021-06-23\nThe Taliban captured Kohsan district.")
        zf.writestr("ok.txt", "date 2021-06-23\nThe Taliban captured Kohsan district on Tuesday.")
    reports = ad.ingest_files(store, [("batch.zip", buf.getvalue()), ("notes.pdf", b"%PDF-1.4 ..."),
                                      ("empty.txt", b"")], extract=_fake_extract)
    z, pdf, empty = reports
    assert z.claims == 1 and any("unsafe path" in s.reason for s in z.skipped)
    assert pdf.claims == 0 and "unsupported file type '.pdf'" in pdf.skipped[0].reason
    assert empty.skipped and empty.skipped[0].origin == "empty.txt"
    (run,) = store.runs()
    assert len(run.skipped) == len(z.skipped) + 2
    calls = []
    (again,) = ad.ingest_files(store, [("batch.zip", buf.getvalue())],
                               extract=lambda arts: calls.append(arts) or _fake_extract(arts))
    assert again.duplicates == 1 and again.claims == 0 and calls == []


def test_review_table_filters_and_turns_edits_into_rejections(home):
    store = Store.open(home)
    store.add_results([make_result(1), make_result(2, place="Kohsan", pcode="AF3213", controller="government")])
    df = ad.claims_frame(store.stored_claims())
    assert list(ad.filter_claims(df, query="kohsan")["district"]) == ["Kohsan"]
    assert list(ad.filter_claims(df, controllers=["taliban"])["district"]) == ["Khwaja Ghar"]
    edited = df.copy()
    edited.loc[edited["district"] == "Kohsan", ["reject", "note"]] = [True, "old report"]
    (change,) = ad.review_changes(df, edited)
    assert change[1:] == ("reject", "old report")
    store.reject_claim(change[0], change[2])
    assert [c.adm2_name for c in store.claims()] == ["Khwaja Ghar"]
    after = ad.claims_frame(store.stored_claims())
    assert list(ad.filter_claims(after, show_rejected=False)["district"]) == ["Khwaja Ghar"]
    restored = after.copy()
    restored["reject"] = False
    assert [a for _, a, _ in ad.review_changes(after, restored)] == ["restore"]


def test_review_page_renders_hostile_claims_as_table_cells(home):
    Store.open(home).add_results([hostile_result(), make_result(1)])
    at = _app().run()
    at.radio(key="page").set_value("Review").run()
    assert not at.exception
    assert "<script" not in _markdown(at)


# -- the app, headless -----------------------------------------------------------
def test_first_run_offers_the_sample_and_loads_it_in_one_click(home):
    at = _app().run()
    assert not at.exception
    assert any("store is empty" in i.value for i in at.info)
    at.button(key="load_sample").click().run()
    assert not at.exception
    assert Store.open(home).count_articles() == 5
    assert sum(_metric(at, s) for s in ("Taliban", "Government", "Contested")) > 0


def test_map_counts_follow_the_date_and_the_filters(home):
    store = Store.open(home)
    store.add_results([make_result(1, event_date="2021-06-10"),
                       make_result(2, place="Kohsan", pcode="AF3213", controller="government",
                                   event_date="2021-06-20")])
    at = _app().run()
    assert not at.exception
    assert at.slider(key="day").value == date(2021, 6, 20)  # opens on the latest change
    assert _metric(at, "Taliban") == 1 and _metric(at, "Government") == 1
    at.slider(key="day").set_value(date(2021, 6, 12)).run()
    assert (_metric(at, "Taliban"), _metric(at, "Government")) == (1, 0)
    at.multiselect(key="f_sources").set_value(["government", "third_party", "taliban"]).run()
    assert _metric(at, "Taliban") == 0  # every claim here is the reporter's


def test_district_panel_shows_escaped_evidence_with_the_place_marked(home):
    store = Store.open(home)
    store.add_results([hostile_result()])
    at = _app().run()
    at.selectbox(key="district").set_value("AF3213").run()
    assert not at.exception
    md = _markdown(at)
    assert "<mark>Kohsan</mark>" in md
    assert "&#60;script&#62;" in md
    for raw in ("<script", "<img", "<b ", "javascript:", "onerror=\"", "](javascript"):
        assert raw not in md, raw
    assert "Taliban" in md and "since 2021-07-06" in md


def test_override_is_saved_and_drawn_as_an_override(home):
    Store.open(home).add_results([make_result(1)])
    at = _app().run()
    at.radio(key="page").set_value("Review").run()
    at.selectbox(key="o_district").set_value("AF1809")
    at.selectbox(key="o_status").set_value("government")
    at.date_input(key="o_start").set_value(date(2021, 6, 1))
    at.text_input(key="o_note").input("<b>checked</b> with our stringer")
    form_submit = next(b for b in at.button if b.label == "Save override")
    form_submit.click().run()
    assert not at.exception
    (ov,) = Store.open(home).overrides()
    assert (ov.adm2_pcode, ov.status, ov.note) == ("AF1809", "government", "<b>checked</b> with our stringer")
    at.radio(key="page").set_value("Map").run()
    at.selectbox(key="district").set_value("AF1809").run()
    md = _markdown(at)
    assert "analyst override" in md and "&#60;b&#62;checked" in md


def test_pasted_text_is_extracted_and_reported(home):
    at = _app().run()
    at.radio(key="page").set_value("Add articles").run()
    at.text_area(key="paste_text").input(
        "The Taliban captured Kohsan district of Herat province on Tuesday, officials said.")
    at.date_input(key="paste_date").set_value(date(2021, 7, 8))
    next(b for b in at.button if b.label == "Add pasted text").click().run()
    assert not at.exception
    assert any("claim(s) found" in s.value for s in (*at.success, *at.warning))
    claims = Store.open(home).claims()
    assert any(c.adm2_name == "Kohsan" and c.published == "2021-07-08" for c in claims)


def test_undated_articles_ask_for_a_date(home):
    r = make_result(1)
    from dataclasses import replace

    Store.open(home).add_results([replace(r, article=replace(r.article, published=None, published_source=None))])
    at = _app().run()
    at.radio(key="page").set_value("Add articles").run()
    assert any(h.value == "Articles without a date" for h in at.subheader)
    at.date_input(key="d-art-1").set_value(date(2021, 6, 24))
    next(b for b in at.button if b.label == "Set date").click().run()
    assert not at.exception
    art = Store.open(home).article("art-1")
    assert (art.published, art.published_source) == (date(2021, 6, 24), "user")
    assert all(c.published == "2021-06-24" for c in Store.open(home).claims())


def test_unresolved_page_lists_most_frequent_first(home):
    Store.open(home).add_results([make_result(1, unresolved=("Qala-i-Zal", "Shortepa")),
                                  make_result(2, unresolved=("Qala-i-Zal",))])
    at = _app().run()
    at.radio(key="page").set_value("Unresolved places").run()
    assert not at.exception
    df = at.dataframe[0].value
    assert list(df["name"])[:2] == ["Qala-i-Zal", "Shortepa"] and list(df["mentions"])[:1] == [2]


# -- points apart from districts -------------------------------------------------------
def _crossing_result() -> Result:
    """An article about a border crossing only (a point inside Kohsan, not its centre)."""
    import dataclasses

    from geo.models import Article

    text = "Report gate-1: Fighters <b>seized</b> the Islam Qala crossing on Tuesday."
    art = Article(id="gate-1", text=text, published=date(2021, 7, 8), published_source="header",
                  title="Gate report", publisher="Example News", origin="gate-1.txt")
    c = dataclasses.replace(make_claim(art, "Islam Qala", pcode="AF3213", place="Islam Qala",
                                       event_date="2021-07-06"),
                            place_level="point", lat=34.663, lon=61.065, place_key="pt:islam-qala")
    return Result(art, [c])


def test_a_point_marker_is_painted_in_its_own_colour_with_escaped_text(home):
    from geo.places.boundaries import load_districts
    from geo.timeline.build import build_timeline

    store = Store.open(home)
    store.add_results([_crossing_result()])
    tl = build_timeline(store.claims(), load_districts().drop(columns="geometry"), centres=ad.timeline_centres())
    day = date(2021, 7, 6)
    assert tl.status_of("AF3213", day).status == "partly_reported"
    (point,) = tl.point_status_on(day)
    hostile = dataclasses.replace(point, name="<img src=x onerror=alert(1)> `${alert(2)}`")
    fg = ad.paint_layer(tl.status_on(day), "t", points=[hostile])
    import folium
    from streamlit_folium import _get_feature_group_string

    script = _get_feature_group_string(fg, folium.Map())  # what the app sends to the map frame
    assert "tcmap-point" in script and ad.STATUS_COLOURS["taliban"] in script
    assert "<img" not in script and "&#60;img src&#61;x" in script
    assert "${" not in script and "`${alert" not in script
    assert "$(" not in script  # no jQuery: the offline app does not load it
    assert ad.point_rows(tl, "AF3213", day) == [
        {"place": "Islam Qala", "status": "Taliban since 2021-07-06", "claims": 1, "district centre": False}
    ]
    legend = ad.legend_html()
    assert "Partly reported" in legend and "point place" in legend
    assert "Partly reported" not in ad.legend_html(points_colour_districts=True)
    out = ad.build_exports(tl, day, kinds=("csv",))
    assert "Islam Qala" in out["tcmap-status-2021-07-06.points.csv"][0].decode()


def test_the_map_page_counts_a_partly_reported_district_and_the_switch_restores_the_old_rule(home):
    Store.open(home).add_results([_crossing_result()])
    at = _app().run()
    assert not at.exception
    assert _metric(at, "Partly reported") == 1 and _metric(at, "Taliban") == 0
    at.checkbox(key="f_points").check().run()
    assert not at.exception
    assert _metric(at, "Taliban") == 1
    assert 'data-status="partly_reported"' not in _markdown(at)


def test_the_district_panel_lists_the_places_inside_with_their_own_evidence(home):
    from tests._storedata import crossing_result

    Store.open(home).add_results([make_result(1, place="Imam Sahib", pcode="AF1905", event_date="2021-07-01"),
                                  crossing_result()])
    at = _app().run()
    at.selectbox(key="district").set_value("AF1905").run()
    assert not at.exception
    assert "Taliban since 2021-07-01" in _markdown(at)  # the district's own claim colours it
    (exp,) = [e for e in at.expander if "Shir Khan Bandar" in e.label]
    assert exp.label == "Shir Khan Bandar Taliban since 2021-07-06"
    assert any("crossing on Tuesday" in m.value for m in exp.markdown)
    assert ad.plain_label("**x** [y](javascript:z) `c` $d$") == "x yjavascriptz c d"


# -- dating pasted articles against the store --------------------------------------
WIRE = ("HERAT, July 3 (Reuters) - Taliban fighters captured Kohsan district of Herat province "
        "on Friday, a local official said.")


def _paste(at, text: str) -> None:
    at.radio(key="page").set_value("Add articles").run()
    at.text_area(key="paste_text").input(text)
    next(b for b in at.button if b.label == "Add pasted text").click().run()
    assert not at.exception


def test_a_wire_dateline_takes_its_year_from_the_stores_other_articles(home):
    Store.open(home).add_results([make_result(1)])  # a dated 2021 article
    at = _app().run()
    _paste(at, WIRE)
    assert any("claim(s) found" in s.value for s in at.success)
    assert not at.warning
    assert any("2021-07-03" in i.value and "dateline" in i.value for i in at.info)
    kohsan = [c for c in Store.open(home).claims() if c.adm2_name == "Kohsan"]
    assert kohsan and all(c.published == "2021-07-03" for c in kohsan)
    at.radio(key="page").set_value("Map").run()
    at.slider(key="day").set_value(date(2021, 7, 2)).run()  # "on Friday": the day before
    assert _metric(at, "Taliban") == 2  # Khwaja Ghar and Kohsan are both drawn


def test_an_article_that_cannot_be_drawn_is_a_warning_saying_to_give_a_date(home):
    at = _app().run()  # an empty store: nothing to take the year from
    _paste(at, WIRE)
    assert not at.success
    text = " ".join(w.value for w in at.warning)
    assert "1 claim(s) found" in text and "not on the map" in text and "Give the date" in text
    assert any(h.value == "Articles without a date" for h in at.subheader)
    # Pasting it again says the same, not that all is well.
    _paste(at, WIRE)
    assert not at.success and "Give the date" in " ".join(w.value for w in at.warning)


def test_date_against_store_leaves_dated_and_unrelated_results_alone(home):
    from dataclasses import replace

    store = Store.open(home)
    store.add_results([make_result(1)])
    dated = make_result(2)
    undated = make_result(3)
    undated = replace(undated, article=replace(undated.article, published=None, published_source=None))
    out = ad.date_against_store([dated, undated], store)
    assert out[0] is dated and [r.article.id for r in out] == ["art-2", "art-3"]
    assert ad.date_against_store([undated], Store.open(home.parent / "empty"))[0] is undated


# -- an analyst's daily use ----------------------------------------------------------
def _two_provinces(home) -> None:
    Store.open(home).add_results([
        make_result(1, event_date="2021-06-10"),  # Khwaja Ghar, Takhar (AF18)
        make_result(2, place="Kohsan", pcode="AF3213", controller="government", event_date="2021-06-20"),
        make_result(3, place="Kohsan", pcode="AF3213", event_date="2021-06-25")])


def test_picking_a_province_does_not_move_the_chosen_date(home):
    _two_provinces(home)
    at = _app().run()
    at.slider(key="day").set_value(date(2021, 6, 15)).run()
    for provinces in (["AF32"], ["AF18"], ["AF18", "AF32"], []):
        at.multiselect(key="f_provinces").set_value(provinces).run()
        assert not at.exception
        assert at.slider(key="day").value == date(2021, 6, 15), provinces
    at.multiselect(key="f_provinces").set_value(["AF32"]).run()
    assert (_metric(at, "Taliban"), _metric(at, "Government")) == (0, 0)  # Kohsan: nothing before the 20th
    at.slider(key="day").set_value(date(2021, 6, 22)).run()
    assert (_metric(at, "Taliban"), _metric(at, "Government")) == (0, 1)


def test_the_override_form_starts_empty_and_saves_nothing_half_filled(home):
    _two_provinces(home)
    at = _app().run()
    at.radio(key="page").set_value("Review").run()
    assert at.selectbox(key="o_district").value is None and at.selectbox(key="o_status").value is None
    next(b for b in at.button if b.label == "Save override").click().run()
    assert not at.exception
    assert any("Nothing saved" in e.value and "a district" in e.value for e in at.error)
    assert Store.open(home).overrides() == []


def test_a_districts_panel_corrects_that_district_from_the_shown_date(home):
    _two_provinces(home)
    at = _app().run()
    at.slider(key="day").set_value(date(2021, 6, 22)).run()
    at.selectbox(key="district").set_value("AF3213").run()
    at.button(key="correct").click().run()
    assert not at.exception
    assert at.date_input(key="p_start").value == date(2021, 6, 22)
    at.selectbox(key="p_status").set_value("contested")
    at.text_input(key="p_note").input("two sources disagree")
    next(b for b in at.button if b.label == "Save override").click().run()
    assert not at.exception
    (ov,) = Store.open(home).overrides()
    assert (ov.adm2_pcode, ov.status, ov.start, ov.note) == ("AF3213", "contested", date(2021, 6, 22),
                                                            "two sources disagree")
    assert any("Override saved" in s.value for s in at.success)
    assert _metric(at, "Contested") == 1
    assert "analyst override" in _markdown(at)


def test_an_empty_store_shows_no_date(home):
    at = _app().run()
    assert not at.exception
    assert not [s for s in at.slider if s.key == "day"]
    assert any("Nothing on the map yet" in i.value for i in at.info)
    assert date.today().isoformat() not in _markdown(at) + " ".join(i.value for i in at.info)
    at.radio(key="page").set_value("Export").run()
    assert any("Nothing to export yet" in i.value for i in at.info)


def test_places_abroad_are_listed_apart_from_the_afghan_names_to_fix(home):
    from geo.models import Mention

    r = make_result(1, unresolved=("Qala-i-Zal",))
    text = r.article.text + " Officials fled to Peshawar and Quetta."
    r.article = __import__("dataclasses").replace(r.article, text=text)
    for name in ("Peshawar", "Quetta"):
        s = text.find(name)
        r.mentions.append(Mention(text=name, start=s, end=s + len(name), place=None, rule="foreign",
                                  reason=f"{name!r} is in Pakistan, not Afghanistan"))
    Store.open(home).add_results([r])
    at = _app().run()
    at.radio(key="page").set_value("Unresolved places").run()
    assert not at.exception
    here, abroad = (t.value for t in at.dataframe)  # Afghan names first, then the places abroad
    assert list(here["name"]) == ["Qala-i-Zal"]
    assert list(abroad["name"]) == ["Peshawar", "Quetta"]
    assert list(abroad["mentions"]) == [1, 1]


def test_the_upload_box_states_the_limit_the_ingest_enforces(home, monkeypatch):
    monkeypatch.setenv("TCMAP_MAX_UPLOAD_MB", "7")
    at = _app().run()
    at.radio(key="page").set_value("Add articles").run()
    assert not at.exception
    (box,) = at.get("file_uploader")
    assert box.proto.max_upload_size_mb == 7
    assert any("7 MB" in c.value for c in at.caption)


def test_an_article_waiting_for_its_year_is_dated_when_dated_articles_arrive(home):
    at = _app().run()
    _paste(at, WIRE)  # nothing to take the year from yet
    assert Store.open(home).article(Store.open(home).articles()[0].id).published is None
    at.text_area(key="paste_text").input(
        "Government forces retook Khwaja Ghar district of Takhar province on Tuesday, the army said.")
    at.date_input(key="paste_date").set_value(date(2021, 6, 23))
    next(b for b in at.button if b.label == "Add pasted text").click().run()
    assert not at.exception
    assert any("now dated **2021-07-03**" in i.value for i in at.info)
    assert not [h for h in at.subheader if h.value == "Articles without a date"]
    kohsan = [c for c in Store.open(home).claims() if c.adm2_name == "Kohsan"]
    assert kohsan and all(c.published == "2021-07-03" for c in kohsan)


def test_evidence_names_the_outlet_and_the_headline_never_the_file_name():
    from geo.models import Article

    text = ("Nawur district falls\n\nKABUL (Reuters) - Insurgents overran Nawur district on Monday after "
            "troops withdrew, a councillor said.")
    art = Article("001_1fe15c33fcf35368", text)
    c = dataclasses.replace(make_claim(art, "Nawur", pcode="AF1101", place="Nawur"), publisher=None, title=None, url=None,
                            extra={"copies": [{"article_id": "x2", "outlet": "Site Two", "title": "t", "url": None}],
                                   "source": "Reuters"})
    row = ad.evidence_rows([c], {art.id: art})[0]
    assert row.publisher == "Reuters" and row.title == "Nawur district falls"
    import html

    shown = html.unescape(ad.evidence_html(row))
    assert "001_1fe15c33fcf35368" not in shown and "unknown publisher" not in shown
    assert "Same story also in: Site Two (“t”)" in shown and "story from" not in shown


def test_the_panel_says_how_many_independent_sources():
    from geo.timeline.build import build_timeline

    rows = [{"adm2_pcode": "AF9901", "adm2_name": "Alpha", "adm1_pcode": "AF99", "adm1_name": "Westland"}]
    from tests.factories import make_claim as neutral_claim

    base = dataclasses.replace(neutral_claim(), adm2_pcode="AF9901", adm1_pcode="AF99", place_level="district",
                               controller="taliban", event_date="2021-07-05", source_type="reporter",
                               attributed_to="reporter")
    one = dataclasses.replace(base, article_id="a", publisher="Kabul Evening Post", sentence="Alpha fell.")
    two = dataclasses.replace(base, article_id="b", publisher="AFP", sentence="Alpha is lost.")
    tl = build_timeline([one, two], rows)
    s = tl.status_of("AF9901", date(2021, 7, 6))
    assert ad.sources_text(s) == "Corroborated by 2 independent sources: AFP, Kabul Evening Post."
    assert ad.history_rows(tl, "AF9901")[0]["sources"] == 2
    alone = build_timeline([one], rows).status_of("AF9901", date(2021, 7, 6))
    assert ad.sources_text(alone).startswith("Single source (Kabul Evening Post)")


def test_a_copy_uploaded_later_joins_the_stored_story(home):
    from geo.models import ArticleResult

    def extract(articles):
        from geo.pipeline import with_sources

        return with_sources([ArticleResult(a, [make_claim(a, "Kohsan", pcode="AF3213", place="Kohsan")], [])
                             for a in articles])

    story = ("HERAT (AFP) - Insurgents took the Kohsan district and its border post on Thursday after "
             "hundreds of soldiers fled across the frontier, a provincial official said.\n\n"
             "The official said the militants had also seized customs offices and trucks loaded with fuel "
             "that were waiting to cross, and that the road to the provincial capital was now closed.\n\n"
             "Residents of the district said the fighters had entered the bazaar without meeting resistance.")
    copy = "World | Asia\n\nKohsan falls\n\n" + story.split("\n\n", 1)[1] + "\n\nREAD MORE: Other news today"
    store = Store.open(home)
    (first,) = ad.ingest_files(store, [("wire.txt", story.encode())], extract=extract,
                               user_date=date(2021, 7, 8))
    (second,) = ad.ingest_files(store, [("copy.txt", copy.encode())], extract=extract,
                                user_date=date(2021, 7, 9))
    from geo.ingest.copies import with_stories

    by_article = {c.article_id: c for c in with_stories(store.claims())}  # as the timeline groups them
    original, repost = by_article[first.articles[0]], by_article[second.articles[0]]
    assert repost.extra["story"] == original.article_id
    assert repost.extra["source"] == "AFP" and repost.extra["source_key"] == original.extra["source_key"]
    assert repost.title == "Kohsan falls"


# -- labels, search and the changes view --------------------------------------------
def test_the_base_map_carries_province_names_and_capitals_as_text_markers(boundaries):
    m = ad.base_map()
    html = m.get_root().render()
    assert "tcmap-label" in html
    payload = json.loads(ad._labels_json())
    names = {(k, n) for k, n, *_ in payload}
    assert ("province", "Badakhshan") in names and ("capital", "Faizabad") in names
    assert "span.textContent = p[1]" in html and "interactive: false" in html


def test_search_choices_find_a_district_by_name_province_or_pcode(boundaries):
    labels = dict(ad.search_choices())
    assert labels["AF1809"] == "Khwaja Ghar, Takhar (AF1809)"
    assert len(labels) == 399
    zoom = ad.zoom_to("AF1809")
    import folium
    from streamlit_folium import _get_feature_group_string

    fg = folium.FeatureGroup()
    fg.add_child(zoom)
    script = _get_feature_group_string(fg, folium.Map())
    assert '"AF1809"' in script and "fitBounds" in script


def _two_reports():
    first = make_result(1, controller="government", published=date(2021, 6, 11), event_date="2021-06-10")
    later = make_result(2, published=date(2021, 6, 23), event_date="2021-06-22")
    return [first, later]


def test_the_changes_view_colours_only_what_changed_and_exports_csv(home):
    import csv
    import io

    from geo.places.boundaries import load_districts
    from geo.timeline.build import build_timeline

    store = Store.open(home)
    store.add_results(_two_reports())
    tl = build_timeline(store.claims(), load_districts().drop(columns="geometry"))
    rows, table, data = ad.changes_view(tl, date(2021, 6, 15), date(2021, 6, 30))
    assert [(t["district"], t["from"], t["to"], t["changed_on"]) for t in table] == [
        ("Khwaja Ghar", "government", "taliban", "2021-06-22")]
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert parsed[0]["district"] == "Khwaja Ghar" and "Example News" in parsed[0]["sources"]
    fg = ad.paint_layer(tl.status_on(date(2021, 6, 30)), "t", changes=(date(2021, 6, 15), date(2021, 6, 30), rows))
    el = next(iter(fg._children.values()))
    styles = json.loads(el.styles)
    assert list(styles) == ["AF1809"]
    assert styles["AF1809"][0]["fillColor"] == ad.STATUS_COLOURS["taliban"]
    assert "was government on 2021-06-15" in styles["AF1809"][1]
    assert json.loads(el.fallback)[0]["fillOpacity"] == 0.0


def test_the_map_page_switches_to_changes_and_the_search_opens_a_district(home):
    Store.open(home).add_results(_two_reports())
    at = _app().run()
    assert not at.exception
    at.toggle(key="changes_on").set_value(True).run()
    at.date_input(key="changes_since").set_value(date(2021, 6, 15)).run()
    assert not at.exception
    md = _markdown(at)
    assert any("Changes from 2021-06-15" in s.value for s in at.subheader), [s.value for s in at.subheader]
    assert at.dataframe[0].value["district"].tolist() == ["Khwaja Ghar"]
    at.selectbox(key="find_district").set_value("AF1809").run()
    assert not at.exception
    assert at.selectbox(key="district").value == "AF1809"
    assert "Khwaja Ghar" in _markdown(at) and md


def test_a_typed_search_finds_a_district_by_spelling_pcode_or_town(boundaries):
    assert ad.find_district("af1809") == "AF1809"
    assert ad.find_district("Khudzhagar") == "AF1809"  # a GeoNames spelling
    assert ad.find_district("Khwaja Ghar, Takhar") == "AF1809"
    assert ad.find_district("Khwaja Ghar, Kandahar") is None  # not in that province
    assert ad.find_district("Taloqan") == ad.district_at(36.73, 69.53)  # the provincial capital's district
    assert ad.find_district("<b>nowhere</b>") is None and ad.find_district("") is None

