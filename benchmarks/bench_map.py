"""Size and first paint of the exported HTML map.

Builds a synthetic but realistic timeline over all 399 installed districts with
60 change dates (about 1 500 claims with 150-character sentences), renders it
with ``geo.maps.htmlmap.render_map`` and opens it in headless Chromium (Debian's
``/usr/bin/chromium``) to time the first paint: the ``tcmap-painted``
performance mark, set in the first animation frame after every district has
its colour, measured from navigation start.

    python benchmarks/bench_map.py [--dates 60] [--runs 3] [--out /tmp/bench_map.html]

Goals (issue 5): at most 1.5 MB, first paint at most 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
WORDS = ("forces", "district", "centre", "police", "headquarters", "fighters", "control", "officials",
         "said", "checkpoints", "after", "clashes", "heavy", "the", "of", "and", "residents")  # fmt: skip


def synthetic_claims(districts, n_dates: int, seed: int = 7) -> list:
    """About 25 claims per date, random districts, controllers and sources."""
    from geo.models import Claim

    rng = random.Random(seed)
    rows = districts[["adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name"]].to_dict("records")
    start = date(2021, 5, 1)
    claims = []
    for i in range(n_dates):
        day = start + timedelta(days=2 * i)
        for k, r in enumerate(rng.sample(rows, 25)):
            sentence = (
                " ".join(rng.choice(WORDS) for _ in range(22)).capitalize()
                + f" in {r['adm2_name']}."
            )
            claims.append(Claim(
                article_id=f"a{i:03d}_{k // 5}", published=day.isoformat(), published_source="header",
                mention=r["adm2_name"], char_start=k, char_end=k + 5, sentence=sentence,
                place_level="district", place_name=r["adm2_name"], adm2_pcode=r["adm2_pcode"],
                adm1_pcode=r["adm1_pcode"], lat=None, lon=None,
                controller=rng.choice(("taliban", "taliban", "government", "contested")),
                event_date=day.isoformat(), time_precision="day", geo_precision=1, scope=None,
                attributed_to=rng.choice(("Taliban spokesman", "Interior Ministry", "reporter", "residents")),
                source_type=rng.choice(("taliban", "government", "reporter", "third_party")),
                confidence=0.9, adm1_name=r["adm1_name"], adm2_name=r["adm2_name"],
                publisher=rng.choice(("TOLOnews", "Pajhwok", "Reuters", "AFP")), title=f"Report {i}",
            ))  # fmt: skip
    return claims


def first_paint_ms(path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                outside: list[str] = []

                def guard(route, outside=outside):
                    if route.request.url.startswith(("file:", "data:")):
                        route.continue_()
                    else:
                        outside.append(route.request.url)
                        route.abort()

                page.route("**/*", guard)
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='1']", state="attached")
                mark = page.evaluate("performance.getEntriesByName('tcmap-painted')[0].startTime")
                if outside:
                    raise SystemExit(f"The map made network requests: {outside}")
                times.append(float(mark))
                page.close()
        finally:
            browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dates", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    from geo.maps.htmlmap import render_map
    from geo.places.boundaries import load_districts
    from geo.timeline.build import TimelineParams, build_timeline

    districts = load_districts()
    claims = synthetic_claims(districts, args.dates)
    t0 = time.perf_counter()
    tl = build_timeline(claims, districts, TimelineParams(stale_days=365))
    t1 = time.perf_counter()
    page = render_map(tl, title="Benchmark")
    t2 = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp(prefix="tcmap-bench-")) / "map.html"
    out.write_text(page, encoding="utf-8")
    size = out.stat().st_size
    print(
        f"districts: {len(tl.districts)}  change dates: {len(tl.change_dates)}  claims: {len(claims)}"
    )
    print(f"build_timeline: {t1 - t0:.2f} s  render_map: {t2 - t1:.2f} s")
    print(f"HTML size: {size / 1e6:.3f} MB ({size} bytes)  goal <= 1.5 MB  -> {out}")
    if not Path(CHROMIUM).exists():
        print("first paint: skipped (no /usr/bin/chromium)")
        return 0
    times = first_paint_ms(out, args.runs)
    print(f"first paint (headless Chromium): median {statistics.median(times):.0f} ms, "
          f"runs {', '.join(f'{t:.0f}' for t in times)} ms  goal <= 1000 ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
