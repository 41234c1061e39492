"""How long the article reader takes, and how much memory, on the largest article it accepts.

Writes articles just under the article size limit (20 MB by default) in a
temporary folder, in each input format and a few encodings, and prints for
each: size, read time (best of ``--repeat`` runs) and peak Python memory
(tracemalloc, in a separate run so tracing does not slow the timing).

Run: ``python benchmarks/bench_articles.py [--mb 20] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from geo.ingest.articles import MB, Limits, read_articles
from geo.models import Article

SENTENCES = (
    "Fighters moved into the district centre before dawn, a local official said.",
    "Residents reported that the main road to the provincial capital was closed again.",
    "The ministry said reinforcements had reached the area and the situation was under control.",
    "Shops in the bazaar stayed shut for a second day while elders tried to negotiate.",
)


def body(size: int) -> str:
    """About ``size`` bytes of article-like text with paragraphs."""
    unit = " ".join(SENTENCES) + "\n\n"
    return (unit * (size // len(unit) + 1))[:size].rstrip()


def make_inputs(folder: Path, size: int) -> dict[str, Path]:
    text = body(size - 64)
    files = {
        "txt utf-8 + date header": ("a.txt", (" date 2021-06-23 " + text).encode("utf-8")),
        "txt utf-8, CRLF": ("b.txt", text.replace("\n", "\r\n")[: size - 64].encode("utf-8")),
        "txt cp1252 (fallback)": ("c.txt", ("“" + text).encode("cp1252")),
        "txt utf-16 without BOM": ("d.txt", text[: size // 2 - 64].encode("utf-16-le")),
        "html": (
            "e.html",
            (
                "<html><body>"
                + "".join(
                    f"<p>{p}</p><script>var x = 1;</script>"
                    for p in text[: size - 2000].split("\n\n")
                )[: size - 100]
                + "</body></html>"
            ).encode("utf-8"),
        ),
        "jsonl (one line per article)": (
            "f.jsonl",
            "".join(
                json.dumps({"text": text[:100_000], "id": f"n{n}", "date": "2021-06-23"}) + "\n"
                for n in range(size // 100_100)
            ).encode("utf-8"),
        ),
    }
    paths = {}
    for label, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data[: Limits().max_article_bytes])
        paths[label] = path
    return paths


def measure(run: Callable[[], int], repeat: int) -> tuple[float, int, int]:
    best = float("inf")
    count = 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, default=Limits().max_article_bytes / MB, help="article size in MB"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = int(args.mb * MB)
    limits = Limits(max_article_bytes=max(size, Limits().max_article_bytes))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = make_inputs(Path(tmp), size)
        print(
            f"{'input':32} {'size MB':>8} {'read s':>8} {'MB/s':>8} {'peak MB':>8} {'articles':>8}"
        )
        for label, path in inputs.items():

            def run(path: Path = path) -> int:
                return sum(isinstance(r, Article) for r in read_articles([path], limits=limits))

            seconds, peak, count = measure(run, args.repeat)
            mb = path.stat().st_size / MB
            speed = mb / seconds
            print(f"{label:32} {mb:8.1f} {seconds:8.3f} {speed:8.1f} {peak / MB:8.1f} {count:8d}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MB (includes the inputs built by this script)")


if __name__ == "__main__":
    main()
