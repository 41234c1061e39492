"""The README's two pictures: ``python scripts/screenshots.py [--out docs/img]``.

Draws the seeds as an exported HTML map and in the Streamlit app, in Debian's
Chromium driven by Playwright (no network: the map must render offline), at a
laptop's 1366 x 768. Needs the boundaries installed (``make setup``) and
``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
VIEW = {"width": 1366, "height": 768}


def _tcmap(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "geo", *args], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    out = ap.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=VIEW)
        page.route("http*://**", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        html = Path(tmp) / "map.html"
        _tcmap("map", "seeds", "--out", str(html))
        page.goto(html.as_uri())
        page.wait_for_selector(".leaflet-interactive", timeout=30_000)
        time.sleep(1)
        page.screenshot(path=str(out / "map.png"))

        home = Path(tmp) / "home"
        from geo.places import boundaries

        # a store of its own, the boundaries where they are installed
        env = {**os.environ, "TCMAP_HOME": str(home), "TCMAP_BOUNDARIES_DIR": str(boundaries.cache_dir())}
        _tcmap("ingest", "seeds", env=env)
        port = _free_port()
        app = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(120):
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.5)
            page.goto(url)
            frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
            frame.locator(".leaflet-interactive").first.wait_for(timeout=60_000)
            time.sleep(2)
            page.screenshot(path=str(out / "app.png"))
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=20)
        browser.close()
    print(f"wrote {out / 'map.png'} and {out / 'app.png'}")


if __name__ == "__main__":
    main()
