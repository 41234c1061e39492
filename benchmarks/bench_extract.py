"""Extraction speed and peak memory: ``python benchmarks/bench_extract.py [--articles N] [--from DIR]``.

Articles are streamed through ``geo.claims.extract.extract`` one at a time, as the
pipeline does. By default they are generated from sentences written for this
benchmark (news-like length and mix: a few control sentences among
background, quotes and place references); ``--from DIR`` cycles the ``.txt``
articles of a folder instead (e.g. ``../shared/eval/dev/articles``), read at
run time. Reports articles per second on one core (the process is
single-threaded) and the peak resident memory of the whole process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

DISTRICTS = ["Nerkh", "Maywand", "Qadis", "Doshi", "Yaftal", "Bangi", "Khwaja Ghar", "Spin Boldak",
             "Imam Sahib", "Chahab", "Darkad", "Shinwari", "Ghorband", "Andkhoy", "Kohsan", "Gulran"]
PROVINCES = ["Badakhshan", "Badghis", "Balkh", "Takhar", "Faryab", "Kunduz", "Helmand", "Herat", "Ghazni"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CONTROL = [
    "The Taliban captured {d} district in {p} province on {w}, officials said.",
    "{d} district fell to the insurgents after heavy clashes, a local official told reporters.",
    "Afghan security forces retook {d} district on {w}, the defence ministry said in a statement.",
    "Taliban spokesman Zabihullah Mujahid said the group had overrun {d} and {d2} districts.",
    "Fighting is under way on the outskirts of {d}, according to residents.",
    "The rest of {p} province is in Taliban hands.",
    "{d} remains under government control, the governor's spokesman said.",
    "The Taliban have seized more than 80 of the country's 421 districts since early May.",
]
BACKGROUND = [
    "The insurgents have stepped up attacks as foreign troops withdraw from the country.",
    "Peace talks between the two sides have stalled for months.",
    "Thousands of families have fled their homes, aid agencies said.",
    "The district lies about 40 kilometres from the provincial capital.",
    "\u201cWe will defend our people and our land,\u201d a commander told local media.",
    "Residents said prices had risen sharply in the markets of {p}.",
    "A roadside bomb killed three civilians in {p} on {w}, police said.",
    "The United Nations called on all parties to protect civilians.",
    "Analysts say both sides often exaggerate the losses they inflict.",
    "Officials in Kabul did not respond to requests for comment.",
]


def generated(n: int, seed: int = 7) -> Iterator[tuple[str, date | None]]:
    """``n`` news-like articles (about 600 words each) with dates."""
    rnd = random.Random(seed)
    start = date(2021, 5, 1)
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(36, 56)):
            pool = CONTROL if rnd.random() < 0.25 else BACKGROUND
            d, d2 = rnd.sample(DISTRICTS, 2)
            parts.append(rnd.choice(pool).format(d=d, d2=d2, p=rnd.choice(PROVINCES), w=rnd.choice(DAYS)))
        published = start + timedelta(days=rnd.randint(0, 100)) if rnd.random() < 0.7 else None
        yield "\n\n".join(parts), published


def from_folder(folder: Path, n: int) -> Iterator[tuple[str, date | None]]:
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"No .txt articles in {folder}.")
    for i in range(n):
        text = texts[i % len(texts)]
        published = None
        if text.startswith(" date "):
            published, text = date.fromisoformat(text[6:16]), text[17:]
        yield text, published


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--from", dest="folder", type=Path, default=None)
    ap.add_argument("--no-parse", action="store_true", help="word rules only (no spaCy)")
    args = ap.parse_args(argv)

    from geo.claims.extract import extract, load_nlp
    from geo.models import Article
    from geo.places.gazetteer import load_gazetteer

    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    nlp = False if args.no_parse else load_nlp()
    load_s = time.perf_counter() - t0
    source = from_folder(args.folder, args.articles) if args.folder else generated(args.articles)
    articles = (Article(f"b{i}", text, pub, "header" if pub else None)
                for i, (text, pub) in enumerate(source))
    n_claims = n_counts = n_chars = 0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for result in extract(articles, gazetteer=gazetteer, nlp=nlp):
        n_claims += len(result.claims)
        n_counts += len(result.counts)
        n_chars += len(result.article.text)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles        {args.articles} ({'folder ' + str(args.folder) if args.folder else 'generated'}),"
          f" {n_chars / max(args.articles, 1):.0f} chars each")
    print(f"load            {load_s:.2f} s (gazetteer{'' if args.no_parse else ' and spaCy'})")
    print(f"extract         {wall:.2f} s wall, {cpu:.2f} s cpu -> {args.articles / wall:.0f} articles/s"
          f" ({args.articles / cpu:.0f}/s per cpu second)")
    print(f"found           {n_claims} claims, {n_counts} count claims")
    print(f"peak memory     {peak_mb:.0f} MB (whole process, max RSS)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
