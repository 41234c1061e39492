"""The exported map in a real browser: the slider recolours a district and its popup follows the claims."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from geo.models import Claim
from geo.timeline.build import build_timeline
from tests.factories import make_claim, square_districts

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip
FELL = ('Fighters took Alpha <img src=x onerror=alert(1)> after a "long" `siege` </div>'
        "<script>alert(2)</script> <a href=\"javascript:alert(3)\">more</a> ${alert(4)}.")
RETAKEN = "Forces retook Alpha on Tuesday, the ministry said."

pytestmark = pytest.mark.browser


@contextmanager
def _browser_page(viewport: dict | None = None):
    """(playwright's sync_api, a new page) in Debian's Chromium; the test skips without them."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield sync_api, browser.new_page(viewport=viewport or {"width": 1200, "height": 800})
        finally:
            browser.close()


def _offline(page) -> None:
    """Only the file itself and its data: URIs may load."""
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())


def _claim(
    controller: str, day: str, article: str, sentence: str, source_type: str, pcode: str = "AF9901"
) -> Claim:
    return make_claim(
        article_id=article, published=day, published_source="header", mention="Alpha", sentence=sentence,
        place_name="Alpha", adm2_pcode=pcode, controller=controller, event_date=day, time_precision="day",
        attributed_to=f"{source_type} source", source_type=source_type, publisher="Test Wire",
        title=f"Report {article}",
    )  # fmt: skip


@pytest.fixture()
def map_file(tmp_path: Path) -> Path:
    pytest.importorskip("geopandas")
    from geo.maps.geometry import build_map_geometry
    from geo.maps.htmlmap import render_map

    frame = square_districts(
        [("AF9901", "Alpha", "AF99", "Westland"), ("AF9902", "Bravo", "AF99", "Westland")], size=2
    )
    claims = [
        _claim("taliban", "2021-07-01", "a", FELL, "reporter"),
        _claim("government", "2021-07-20", "b", RETAKEN, "third_party"),
        _claim("taliban", "2021-07-10", "c", "Bravo fell.", "taliban", "AF9902"),
    ]
    tl = build_timeline(claims, frame.drop(columns="geometry"))
    path = tmp_path / "map.html"
    path.write_text(
        render_map(tl, geometry=build_map_geometry(frame, tolerance=0.001)), encoding="utf-8"
    )
    return path


def test_slider_recolours_district_and_popup_shows_its_evidence(map_file: Path):
    from geo.maps.htmlmap import STATUS_COLOURS

    problems: list[str] = []
    with _browser_page() as (sync_api, page):
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and problems.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

        def guard(route):
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                problems.append(f"network request: {url}")
                route.abort()

        page.route("**/*", guard)
        page.goto(map_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        alpha = page.locator("path.tc-AF9901")

        # Opens on the newest date: the recapture holds.
        assert page.locator("#now").text_content() == "2021-07-20"
        assert alpha.get_attribute("fill") == STATUS_COLOURS["government"]
        alpha.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "Government" in text and "since 2021-07-20" in text and RETAKEN in text
        assert FELL not in text
        # The source is named by outlet and headline, never by the article id.
        assert "Single source (Test Wire): not corroborated by an independent source." in text
        assert "Test Wire: Report b" in text

        # Back to the first date, as a user would with the keyboard. (The page's CSP
        # forbids eval, so waits go through locators, not wait_for_function.)
        page.locator("#slider").focus()
        page.keyboard.press("Home")
        sync_api.expect(page.locator("#now")).to_have_text("2021-07-01")
        assert alpha.get_attribute("fill") == STATUS_COLOURS["taliban"]
        alpha.click()
        popup.wait_for()
        text = popup.inner_text()
        assert "Taliban" in text and "since 2021-07-01" in text
        assert FELL in text  # the markup shows as text
        assert page.locator(".leaflet-popup-content img").count() == 0
        assert page.locator(".leaflet-popup-content script, .leaflet-popup-content a[href^='javascript']").count() == 0

        # Hovering names the district, its province, status and since when.
        alpha.hover()
        tooltip = page.locator(".leaflet-tooltip")
        sync_api.expect(tooltip).to_contain_text("Alpha, Westland")
        sync_api.expect(tooltip).to_contain_text("Taliban since 2021-07-01")

        # The Taliban's own claim about Bravo is hatched (unconfirmed) once it exists.
        page.locator("#slider").press("ArrowRight")
        sync_api.expect(page.locator("#now")).to_have_text("2021-07-10")
        bravo = page.locator("path.tc-AF9902")
        assert bravo.get_attribute("fill") == "url(#tcmap-hatch-taliban)"

        # Play steps through the dates by itself; Pause stops it.
        play = page.locator("#play")
        play.click()
        sync_api.expect(play).to_have_text("Pause")
        sync_api.expect(page.locator("#now")).to_have_text("2021-07-20")
        sync_api.expect(play).to_have_text("Play")  # stopped at the last date
        assert alpha.get_attribute("fill") == STATUS_COLOURS["government"]
    assert problems == []


def test_a_crossing_is_a_marker_of_its_own_and_its_district_is_partly_reported(tmp_path: Path):
    pytest.importorskip("geopandas")
    import dataclasses

    from geo.maps.geometry import build_map_geometry
    from geo.maps.htmlmap import STATUS_COLOURS, render_map

    frame = square_districts(
        [("AF9901", "Alpha", "AF99", "Westland"), ("AF9902", "Bravo", "AF99", "Westland")], size=2
    )
    took = "Insurgents seized the <b>river gate</b> crossing at dawn."
    gate = dataclasses.replace(
        _claim("taliban", "2021-07-05", "g", took, "reporter", "AF9902"),
        place_level="point", place_name="River Gate", lat=34.0, lon=65.0,
    )
    alpha = _claim("government", "2021-07-01", "a", "Alpha remained with the army.", "third_party")
    tl = build_timeline([alpha, gate], frame.drop(columns="geometry"))
    path = tmp_path / "points.html"
    path.write_text(render_map(tl, geometry=build_map_geometry(frame, tolerance=0.001)), encoding="utf-8")

    problems: list[str] = []
    with _browser_page() as (sync_api, page):
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        assert page.locator("#now").text_content() == "2021-07-05"
        bravo = page.locator("path.tc-AF9902")
        assert bravo.get_attribute("fill") == STATUS_COLOURS["partly_reported"]
        marker = page.locator("path.tc-point")
        assert marker.count() == 1 and marker.get_attribute("fill") == STATUS_COLOURS["taliban"]
        page.screenshot(path=str(tmp_path / "points.png"))
        assert (tmp_path / "points.png").stat().st_size > 10_000
        marker.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "River Gate" in text and "Taliban since 2021-07-05" in text and took in text
        assert "do not colour the district" in text
        page.locator(".leaflet-popup-close-button").click()
        sync_api.expect(popup).to_have_count(0)
        sync_api.expect(page.locator("#legend")).to_contain_text("Partly reported (1)")

        bravo.click(position={"x": 10, "y": 10})
        popup.wait_for()
        assert "Only places inside this district were reported" in popup.inner_text()

        # Before the crossing's report there is no marker and Bravo has no report.
        page.locator("#slider").focus()
        page.keyboard.press("Home")
        sync_api.expect(page.locator("#now")).to_have_text("2021-07-01")
        assert page.locator("path.tc-point").count() == 0
        assert bravo.get_attribute("fill") == STATUS_COLOURS["no_report"]
    assert problems == []


def test_search_box_zooms_to_and_opens_a_district_and_labels_show_names(tmp_path: Path):
    pytest.importorskip("geopandas")
    from datetime import date

    from geo.maps.geometry import build_map_geometry
    from geo.maps.htmlmap import render_map
    from geo.maps.labels import PlaceLabel

    frame = square_districts([("AF9901", "Alpha", "AF99", "Westland"), ("AF9902", "Qala-e-Naw", "AF99", "Westland"),
                              ("AF9801", "Delta", "AF98", "Eastland")], size=2)
    claims = [
        _claim("government", "2021-07-01", "a", "Alpha stayed with the army.", "third_party"),
        _claim("taliban", "2021-07-08", "b", "Fighters entered <i>Qala-e-Naw</i> town.", "reporter", "AF9902"),
    ]
    tl = build_timeline(claims, frame.drop(columns="geometry"))
    labels = [PlaceLabel("province", "Westland", 34.0, 63.0, "AF99"),
              PlaceLabel("capital", "Westburg <b>x</b>", 33.5, 62.5, "AF99")]
    path = tmp_path / "search.html"
    path.write_text(render_map(tl, geometry=build_map_geometry(frame, tolerance=0.001), labels=labels,
                               changes_since=date(2021, 7, 5), aliases={"AF9801": ["eastfort"]}),
                    encoding="utf-8")

    problems: list[str] = []
    with _browser_page() as (sync_api, page):
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")

        # Labels: light text on the map, the markup in a name shown as text.
        prov = page.locator(".tc-label-province span")
        sync_api.expect(prov).to_have_text("Westland")
        assert prov.is_visible()
        assert page.locator(".tc-label-capital span").text_content() == "Westburg <b>x</b>"
        page.locator("#tc-labels").uncheck()
        assert not prov.is_visible()
        page.locator("#tc-labels").check()
        assert prov.is_visible()

        # The datalist offers every district with its province.
        values = page.locator("#tc-districts option").evaluate_all("os => os.map(o => o.value)")
        assert values == ["Alpha, Westland", "Delta, Eastland", "Qala-e-Naw, Westland"]

        zoom_before = page.evaluate("window.tcmap.map.getZoom()")
        search = page.locator("#tc-search")
        search.fill("kala nau")  # another spelling
        search.press("Enter")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "Qala-e-Naw" in text and "Fighters entered <i>Qala-e-Naw</i> town." in text
        assert "Changed on 2021-07-08" in text  # the changes view adds the old status
        assert page.evaluate("window.tcmap.map.getZoom()") > zoom_before

        search.fill("af9901")
        search.press("Enter")
        alpha = page.locator(".leaflet-popup-content", has_text="Westland province · AF9901")
        sync_api.expect(alpha).to_contain_text("No change of status between 2021-07-05 and 2021-07-08")

        search.fill("East Fort")  # a spelling the gazetteer knows for Delta
        search.press("Enter")
        delta = page.locator(".leaflet-popup-content", has_text="Eastland province \u00b7 AF9801")
        sync_api.expect(delta).to_contain_text("Delta")

        search.fill("Nowhere at all")
        search.press("Enter")
        sync_api.expect(page.locator("#tc-search-msg")).to_contain_text("No district matches")

        # Changes view: one row; the unchanged district is left blank.
        rows = page.locator("#tc-changes-table tbody tr:not(.tc-change-ev)")
        assert rows.count() == 1 and "Qala-e-Naw" in rows.first.inner_text()
        assert page.locator("path.tc-AF9901").get_attribute("fill-opacity") == "0"
    assert problems == []


def test_districts_are_reachable_by_keyboard(map_file: Path):
    with _browser_page() as (_, page):
        _offline(page)
        page.goto(map_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        districts = page.locator("path.tc-d[tabindex='0'][role='button']")
        assert districts.count() == 2
        assert page.locator("path.tc-AF9902").get_attribute("aria-label") == "Bravo, Westland"
        page.locator("path.tc-AF9902").focus()
        page.keyboard.press("Enter")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Bravo" in popup.inner_text() and "Taliban" in popup.inner_text()


def test_on_a_phone_the_map_takes_the_whole_width_and_the_panel_follows_it(map_file: Path):
    with _browser_page({"width": 390, "height": 844}) as (_, page):
        _offline(page)
        page.goto(map_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        m, side = page.locator("#map").bounding_box(), page.locator("#side").bounding_box()
        assert m["width"] >= 380 and m["height"] >= 400
        assert side["y"] >= m["y"] + m["height"] - 1  # below the map, not a strip beside it
        page.locator("path.tc-AF9901").click()
        page.locator(".leaflet-popup-content").wait_for()
