"""The exported map in a browser: a report about part of a province is an outline named on
hover and in the side panel, never a label left lying over the districts."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.timeline.build import build_timeline
from tests.factories import make_claim, square_districts

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]  # fmt: skip

pytestmark = pytest.mark.browser


def _claim(day: str, article: str, **kw):
    return make_claim(
        article_id=article, published=day, published_source="header", mention="Westland", char_start=0,
        char_end=8, sentence="Fighters hold part of Westland, residents said.", controller="taliban",
        event_date=day, time_precision="day", publisher="Test Wire", **kw,
    )  # fmt: skip


@pytest.fixture()
def map_file(tmp_path: Path) -> Path:
    pytest.importorskip("geopandas")
    from geo.maps.geometry import build_map_geometry
    from geo.maps.htmlmap import render_map

    frame = square_districts(
        [("AF9901", "Alpha", "AF99", "Westland"), ("AF9902", "Bravo", "AF99", "Westland"),
         ("AF9801", "Delta", "AF98", "Eastland")], size=2,
    )  # fmt: skip
    claims = [
        _claim("2021-07-01", "a", adm2_pcode="AF9801", adm1_pcode="AF98", place_level="district",
               place_name="Delta"),
        _claim("2021-07-05", "b", adm2_pcode=None, adm1_pcode="AF99", place_level="province",
               place_name="Westland", scope="part"),
    ]  # fmt: skip
    tl = build_timeline(claims, frame.drop(columns="geometry"))
    path = tmp_path / "map.html"
    path.write_text(render_map(tl, geometry=build_map_geometry(frame, tolerance=0.001)), encoding="utf-8")
    return path


def test_a_province_report_is_named_on_hover_and_in_the_side_panel(map_file: Path):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                       else r.abort())  # fmt: skip
            page.goto(map_file.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached")
            label = "Part of Westland: taliban (reported)"
            # Last date: the outline is drawn and listed, but nothing is written over the map.
            expect(page.locator("#now")).to_have_text("2021-07-05")
            expect(page.locator("#pnotes li")).to_have_text([label])
            assert page.locator("path.tc-note-shape").count() == 1
            assert page.locator(".leaflet-tooltip").count() == 0
            # Hovering the outline names the report.
            outline = page.locator("path.tc-note-shape")
            box = outline.bounding_box()
            page.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
            expect(page.locator(".leaflet-tooltip.tc-note")).to_have_text(label)
            # Before the report, no outline and no entry.
            page.locator("#slider").focus()
            page.keyboard.press("Home")
            expect(page.locator("#now")).to_have_text("2021-07-01")
            expect(page.locator("#pnotes li")).to_have_count(0)
            expect(page.locator("#pnotes-none")).to_be_visible()
            assert page.locator("path.tc-note-shape").count() == 0
        finally:
            browser.close()
