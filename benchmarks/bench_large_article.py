"""The largest single article the whole pipeline processes: time and peak memory.

    python benchmarks/bench_large_article.py [--mb 20]

Writes one article just under the size limit (default 20 MB, the default
``TCMAP_MAX_ARTICLE_MB``) made of varied conflict-report sentences, then runs
read -> mentions -> claims -> dating on it in this process and prints the wall
time, the number of claims and the peak resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "The Taliban captured {d} district of {p} province on Tuesday, officials said.",
    "Government forces retook {d} district after heavy fighting, the ministry said.",
    "Clashes continued on the outskirts of {d} for a third day, residents said.",
    "A roadside bomb wounded two civilians in {p} province, police said.",
    "The group said it had seized {d} without a fight, a claim officials denied.",
    "Schools in the area have been closed since early May.",
    "Aid agencies said thousands of families had fled towards the provincial capital.",
]


def build(target_bytes: int, seed: int = 7) -> str:
    from geo.places.boundaries import load_districts

    rng = random.Random(seed)
    rows = load_districts()[["adm2_name", "adm1_name"]].values.tolist()
    parts, size = [" date 2021-07-10 "], 0
    while size < target_bytes:
        d, p = rng.choice(rows)
        s = rng.choice(SENTENCES).format(d=d, p=p)
        parts.append(s + ("\n\n" if rng.random() < 0.2 else " "))
        size += len(s) + 1
    return "".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=19.5)
    args = ap.parse_args()
    from geo.pipeline import run

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        path.write_text(build(int(args.mb * 1024 * 1024)), encoding="utf-8")
        size = path.stat().st_size
        t0 = time.perf_counter()
        result = run([path])
        wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"article: {size / 1e6:.1f} MB; skipped: {len(result.skipped)}; claims: {len(result.claims)}")
    print(f"wall time: {wall:.1f} s; peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
