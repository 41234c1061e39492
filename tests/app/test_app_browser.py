"""The app in a real browser (Debian's chromium through Playwright), with the network cut.

Every request that is not to the local Streamlit server is aborted and recorded:
the map must draw from what the app itself serves.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # the server is starting; poll again shortly
    raise TimeoutError(f"streamlit at {url} not healthy after {timeout}s")


@contextmanager
def app_server(home: Path):
    """``streamlit run app.py`` on a free 127.0.0.1 port with ``TCMAP_HOME=home``; stopped after."""
    port = _free_port()
    env = {**os.environ, "TCMAP_HOME": str(home)}
    env.pop("TCMAP_ONLINE_TILES", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=str(home.parent), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def store_home(tmp_path_factory, boundaries):
    from tests._storedata import crossing_result, hostile_result, populate, province_result

    from geo.app.store import Store

    home = tmp_path_factory.mktemp("browser") / "home"
    store = Store.open(home)
    populate(store, 60, seed=7)
    store.add_results([hostile_result(), province_result(), crossing_result()])
    store.close()
    return home


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Page:
    """A browser tab on the app with the network cut, recording dialogs and blocked requests."""

    def __init__(self, browser, url: str, viewport: dict | None = None):
        self.ctx = browser.new_context(viewport=viewport or {"width": 1500, "height": 1100},
                                       accept_downloads=True)
        self.page = self.ctx.new_page()
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.goto(url)
        self.frame = self.page.frame_locator(MAP_FRAME)

    def _route(self, route):
        u = route.request.url
        if u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(u)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def painted(self) -> str:
        body = self.frame.locator("body[data-tcmap-painted]")
        body.wait_for(timeout=60_000)
        return body.get_attribute("data-tcmap-painted")

    def map_frame(self):
        return next(f for f in self.page.frames if "st_folium" in f.url)

    def wait_painted(self, predicate, timeout: float = 30) -> str:
        """Wait for a repaint whose token satisfies ``predicate`` (checked on each change)."""
        deadline = time.monotonic() + timeout
        token = self.painted()
        while not predicate(token):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"map not repainted as expected; last token {token!r}")
            try:
                self.map_frame().wait_for_function(
                    "(t) => document.body.getAttribute('data-tcmap-painted') !== t",
                    arg=token, polling="raf", timeout=left * 1000)
            except Exception as e:
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"map not repainted as expected; last token {token!r}") from e
            token = self.painted()
        return token

    def click_district(self, pcode: str) -> None:
        xy = self.map_frame().evaluate(
            """(code) => { const l = window.tcmapDistricts[code];
                 const p = window.map.latLngToContainerPoint(l.getCenter());
                 const r = document.getElementById('map_div').getBoundingClientRect();
                 return [p.x + r.left, p.y + r.top]; }""", pcode)
        box = self.page.locator(MAP_FRAME).bounding_box()
        self.page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])

    def select_by_click(self, pcode: str, attempts: int = 3) -> None:
        """Click the district until the map shows it selected (a click made while
        the app is still busy with a rerun can be superseded by that rerun)."""
        for i in range(attempts):
            self.click_district(pcode)
            try:
                self.wait_painted(lambda t: t.endswith(f"|{pcode}"), timeout=20)
                return
            except TimeoutError:
                if i == attempts - 1:
                    raise

    def goto_page(self, name: str) -> None:
        self.page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture(scope="module")
def server(store_home):
    with app_server(store_home) as url:
        yield url


@pytest.fixture
def app(browser, server):
    p = Page(browser, server)
    yield p
    assert not p.dialogs, f"a dialog opened: {p.dialogs}"
    assert not p.blocked, f"the app asked the network for: {p.blocked[:5]}"
    p.close()


def test_map_draws_offline_and_follows_the_date_slider(app):
    first = app.painted()
    assert first.startswith("2021-")
    slider = app.page.locator('[data-testid="stSlider"]').filter(has_text="Date").get_by_role("slider")
    slider.focus()
    slider.press("Home")
    token = app.wait_painted(lambda t: t != first)
    assert token.split("|")[0] < first.split("|")[0]
    # Play steps through the change dates on its own; Pause stops it.
    app.page.get_by_role("button", name="Play").click()
    later = app.wait_painted(lambda t: t.split("|")[0] > token.split("|")[0])
    app.wait_painted(lambda t: t.split("|")[0] > later.split("|")[0])
    app.page.get_by_role("button", name="Pause").click()
    app.page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    # Every district polygon is drawn.
    n = app.frame.locator("path.leaflet-interactive").count()
    assert n >= 399
    # A "most of Badakhshan" report outlines the province on the last day and is
    # listed beside the map; the outline names it on hover, never by a label that
    # stays on the map over the districts.
    slider.focus()
    slider.press("End")
    app.page.locator("li", has_text="Most of Badakhshan: taliban (reported)").wait_for(timeout=30_000)
    app.wait_painted(lambda t: t.split("|")[0] == "2021-08-12")
    frame = app.map_frame()
    assert frame.evaluate("() => window.map.hasLayer(window.tcmapProvinces['AF17'])")
    assert app.frame.locator(".tcmap-note").count() == 0
    frame.evaluate("""() => { const l = window.tcmapProvinces['AF17'];
        l.fire('mouseover', {latlng: l.getLatLngs()[0][0][0]}); }""")
    app.frame.locator(".tcmap-note", has_text="Most of Badakhshan").wait_for(timeout=10_000)


def test_the_map_fills_a_laptop_screen_fitted_to_afghanistan_without_developer_tools(browser, server):
    page = Page(browser, server, viewport={"width": 1366, "height": 768})
    try:
        page.painted()
        box = page.page.locator(MAP_FRAME).bounding_box()
        assert box["width"] >= 0.65 * 1366 and box["height"] >= 650, box
        # The country's districts fill the map: inside it, and most of its width or height.
        nw, se, size = page.map_frame().evaluate("""() => {
            const b = L.featureGroup(Object.values(window.tcmapDistricts)).getBounds();
            const p = (ll) => { const q = window.map.latLngToContainerPoint(ll); return [q.x, q.y]; };
            const s = window.map.getSize();
            return [p(b.getNorthWest()), p(b.getSouthEast()), [s.x, s.y]]; }""")
        assert nw[0] >= -1 and nw[1] >= -1 and se[0] <= size[0] + 1 and se[1] <= size[1] + 1
        assert (se[0] - nw[0]) / size[0] > 0.8 or (se[1] - nw[1]) / size[1] > 0.8
        # Analysts get no "Deploy" button or other developer options.
        assert page.page.get_by_role("button", name="Deploy").count() == 0
        assert page.page.locator('[data-testid="stAppDeployButton"]').count() == 0
        assert not page.blocked and not page.dialogs
    finally:
        page.close()


def test_a_crossing_is_a_marker_in_its_own_status_colour(app):
    from geo.app.appdata import STATUS_COLOURS

    app.painted()
    slider = app.page.locator('[data-testid="stSlider"]').filter(has_text="Date").get_by_role("slider")
    slider.focus()
    slider.press("End")
    marker = app.frame.locator("path.tcmap-point")
    marker.first.wait_for(timeout=30_000)
    assert marker.count() == 1
    assert marker.first.get_attribute("fill") == STATUS_COLOURS["taliban"]
    marker.first.hover()
    app.frame.locator(".leaflet-tooltip", has_text="Shir Khan Bandar").wait_for(timeout=10_000)
    app.page.get_by_text("Partly reported", exact=False).first.wait_for(timeout=10_000)


def test_clicking_a_district_shows_its_escaped_evidence(app):
    app.painted()
    app.select_by_click("AF3213")  # Kohsan: the hostile article's claim
    panel = app.page.get_by_text("Evidence (", exact=False)
    panel.wait_for(timeout=30_000)
    app.page.locator("mark", has_text="Kohsan").first.wait_for(timeout=10_000)
    evidence = app.page.locator(".tcmap-evidence").first.inner_text()
    assert "<script>alert('script')</script>" in evidence
    assert "<img src=x onerror=" in evidence and "[more](javascript:alert('md'))" in evidence
    assert "`rm -rf`" in evidence and "$x^2$" in evidence
    # Nothing hostile became an element: no injected image, script or javascript: link.
    assert app.page.locator(".tcmap-evidence img, .tcmap-evidence script, a[href^='javascript']").count() == 0


def test_uploading_an_article_shows_its_claims(app, tmp_path):
    app.goto_page("Add articles")
    uploader = app.page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(files=[{
        "name": "upload-kunduz.txt", "mimeType": "text/plain",
        "buffer": b"date 2021-07-08\nThe Taliban captured Khwaja Ghar district of Takhar province "
                  b"on Tuesday, a police spokesman said.\n"}])
    app.page.get_by_text("upload-kunduz.txt").first.wait_for(timeout=20_000)
    app.page.get_by_role("button", name="Add these articles").click()
    report = app.page.get_by_text("claim(s) found").first
    report.wait_for(timeout=60_000)
    text = report.inner_text()
    assert "upload-kunduz.txt" in text and "0 claim(s) found" not in text


def _pick(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()


def test_an_override_survives_a_restart_of_the_app(browser, store_home, server):
    first = Page(browser, server)
    first.goto_page("Review")
    _pick(first.page, "District", "Kohsan — Hirat")
    _pick(first.page, "Status", "Government")
    first.page.get_by_label("Note (why)").fill("seen by our stringer")
    first.page.get_by_role("button", name="Save override").click()
    first.page.get_by_text("Override saved").wait_for(timeout=60_000)
    first.close()
    with app_server(store_home) as url:  # a second server process on the same store
        again = Page(browser, url)
        again.painted()
        again.select_by_click("AF3213")
        again.page.get_by_text("Evidence (", exact=False).wait_for(timeout=60_000)
        again.page.get_by_text("analyst override").last.wait_for(timeout=30_000)
        again.page.get_by_text("seen by our stringer").first.wait_for(timeout=10_000)
        assert not again.blocked and not again.dialogs
        again.close()


def test_downloading_the_html_report(app, tmp_path):
    app.goto_page("Export")
    app.page.get_by_role("button", name="Prepare exports").click()
    button = app.page.get_by_role("button", name="Download tcmap-map.html")
    button.wait_for(timeout=120_000)
    with app.page.expect_download() as dl:
        button.click()
    path = tmp_path / "map.html"
    dl.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "leaflet" in html.lower() and "cdn.jsdelivr" not in html
    assert "<script>alert('script')</script>" not in html


def test_a_districts_panel_has_its_own_correct_this_button(app):
    app.painted()
    app.select_by_click("AF0101")  # Kabul
    app.page.get_by_role("button", name="Correct this").click()
    _pick(app.page, "Status", "Contested")
    app.page.get_by_label("Note (why)").fill("checked by phone")
    app.page.get_by_role("button", name="Save override").click()
    app.page.get_by_text("Override saved").wait_for(timeout=60_000)
    app.page.get_by_text("checked by phone").first.wait_for(timeout=30_000)
    assert app.page.get_by_text("analyst override").count() >= 1
