"""Measure the app: time to first map, slider-to-repaint, and crash-kill survival.

    python benchmarks/bench_app.py                 # 500 articles, 30 slider moves, 200 kills
    python benchmarks/bench_app.py --articles 2000 --moves 50 --kills 0

Runs the real app (``streamlit run app.py``) on a free local port against a
store filled with generated articles, and drives it with Debian's chromium
through Playwright with every non-local request blocked. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import os
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "app")]


def _percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def bench_app(home: Path, articles: int, moves: int) -> dict:
    from _storedata import populate
    from playwright.sync_api import sync_playwright
    from test_app_browser import CHROMIUM, LAUNCH_ARGS, Page, app_server

    from geo.app.store import Store

    store = Store.open(home)
    t = time.perf_counter()
    populate(store, articles, seed=3)
    fill_s = time.perf_counter() - t
    store.close()
    out: dict = {"articles": articles, "store_fill_s": round(fill_s, 2)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with app_server(home) as url:
            sent: list[float] = []

            def watch(ws):
                ws.on("framesent", lambda _payload: sent.append(time.perf_counter()))

            for label in ("first_map_cold_s", "first_map_warm_s"):
                t = time.perf_counter()
                page = Page(browser, url)
                page.page.on("websocket", watch)
                page.painted()
                out[label] = round(time.perf_counter() - t, 3)
                if label.endswith("warm_s"):
                    break
                page.close()
            slider = page.page.locator('[data-testid="stSlider"]').filter(has_text="Date").get_by_role("slider")
            slider.focus()
            # Key press and repaint are timestamped in the browser (epoch ms, both
            # frames), so Playwright's own round trips do not count.
            page.page.evaluate("""() => document.addEventListener('keydown',
                () => { window.__tcmapKey = performance.timeOrigin + performance.now(); }, true)""")
            times, to_send, wall = [], [], []
            for i in range(moves):
                before = page.painted()
                t = time.perf_counter()
                slider.press("ArrowLeft" if i % 4 != 3 else "ArrowRight")
                page.wait_painted(lambda tok, b=before: tok != b)
                wall.append((time.perf_counter() - t) * 1000)
                key_at = page.page.evaluate("() => window.__tcmapKey")
                painted_at = float(page.map_frame().evaluate(
                    "() => document.body.getAttribute('data-tcmap-painted-at')"))
                times.append(painted_at - key_at)
                first_sent = next((x for x in sent if x >= t), None)
                if first_sent is not None:
                    to_send.append((first_sent - t) * 1000)

            def summary(xs):
                return {"n": len(xs), "median": round(statistics.median(xs), 1),
                        "p90": round(_percentile(xs, 0.9), 1), "max": round(max(xs), 1)} if xs else None

            out["slider_to_repaint_ms"] = summary(times)
            out["slider_to_repaint_seen_by_playwright_ms"] = summary(wall)
            # The part spent in the browser before the app hears of the move
            # (Streamlit's slider), to tell it from the app's own work.
            out["key_to_rerun_request_ms"] = summary(to_send)
            out["blocked_requests"] = page.blocked
            out["dialogs"] = page.dialogs
            page.close()
        browser.close()
    return out


def bench_crash(home: Path, kills: int) -> dict:
    from _storedata import crash_kill

    t = time.perf_counter()
    figures = crash_kill(home, kills, seed=99)
    figures["seconds"] = round(time.perf_counter() - t, 1)
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--moves", type=int, default=30)
    ap.add_argument("--kills", type=int, default=200)
    args = ap.parse_args(argv)
    from geo.places import boundaries

    # the app runs on a store of its own (TCMAP_HOME), with the boundaries where they are installed
    os.environ.setdefault("TCMAP_BOUNDARIES_DIR", str(boundaries.cache_dir()))
    result = {}
    with tempfile.TemporaryDirectory(prefix="tcmap-bench-") as tmp:
        if args.articles:
            result["app"] = bench_app(Path(tmp) / "app", args.articles, args.moves)
        if args.kills:
            result["crash"] = bench_crash(Path(tmp) / "crash", args.kills)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
