"""Mention finding speed on 1,000 synthetic news articles of about 4 KB.

The articles are built by code from sentence templates of the kind wire
reports use and from gazetteer names (district, province, capital, crossing,
foreign place, people's names), mixed with sentences that name no place, so that each one
carries about 30 place names (the density of the dev articles),
some ambiguous, some misspelt, some distractors.

    python benchmarks/bench_mentions.py [--articles 1000] [--seed 7]
    python benchmarks/bench_mentions.py --share [--articles 500]

Prints articles per second and KB per second of CPU time on one core (the
gazetteer load is timed apart).

``--share`` measures what the issue asks of mention finding, that it cost well
under a tenth of the extraction: it streams ``bench_extract.generated`` articles
(500 unless ``--articles`` says otherwise) through ``geo.claims.extract.extract`` with
spaCy loaded, as ``bench_extract.py`` does, times each ``find_mentions`` call
inside it, and prints its share of the extraction's CPU time. Nothing is warmed
up first: the share includes the first calls, as a run of the pipeline does.
"""

from __future__ import annotations

import argparse
import random
import time

TEMPLATES = [
    "Taliban fighters captured the {district} district of {province} province on {day} after heavy clashes with Afghan security forces, officials said.",
    "{person}, a spokesman for the {province} governor, said the militants had overrun the district headquarters in {district} late on {day}.",
    "Security forces retook {district} and {district2} districts in {province} province, the Defence Ministry said in a statement.",
    "The Taliban seized the {crossing} border crossing with {foreign}, cutting a key trade route, a local official told reporters.",
    "Fighting has been under way on the outskirts of {capital}, the provincial capital, where residents said they could hear gunfire all night.",
    "Thousands of families have fled to {capital} city from surrounding districts such as {district}, according to the United Nations.",
    "Heavy fighting was reported in {province}, {province2} and {province3} as the insurgents pressed their summer offensive.",
    "The insurgents are now about 50 kilometres from {capital}, and government forces have been reinforced from Kabul.",
    "{person} told the Associated Press that more than 100 soldiers had crossed into {foreign} to escape the fighting.",
    "Local elders in {district} said the Taliban had entered the bazaar but had not taken the police headquarters.",
    "The Interior Ministry denied the reports, saying {district} remained under the full control of government forces.",
    "Zabihullah Mujahid, a Taliban spokesman, said the group had taken {number} districts in the past week, a claim officials disputed.",
    "Afghan officials said the situation in {misspelt} was tense and that reinforcements had been sent from {capital}.",
    "In a separate incident, a roadside bomb killed three civilians in {district} district of {province} on {day}.",
    "The withdrawal of foreign troops, due to be completed by the end of August, has emboldened the militants across the north and west.",
    "Analysts say the loss of {crossing} deprives the government of customs revenue and a supply route from {foreign}.",
]
# sentences without place names: wire copy is mostly these (the 20 dev articles carry
# about 30 place mentions per 4 KB; the mix below gives about the same density)
FILLER = [
    "The claims could not be independently verified, and the government did not respond to requests for comment.",
    '"We are defending our homes and we will not surrender," said a commander who asked not to be named.',
    "The United States and its NATO allies are completing the withdrawal of their remaining troops after nearly twenty years.",
    "Peace talks between the two sides have stalled for months, with each accusing the other of bad faith.",
    "Hundreds of civilians have been killed or wounded since May, according to figures compiled by the United Nations.",
    "Residents described long queues at petrol stations and a sharp rise in the price of flour and cooking oil.",
    "The insurgents have often seized district centres only to lose them again within days in counter-attacks.",
    "A government spokesman said air strikes had killed dozens of fighters, a figure the group rejected as propaganda.",
    "Many soldiers have complained of going weeks without pay, food or ammunition at isolated outposts.",
    "Aid agencies warned that the fighting, combined with drought and the pandemic, risked a humanitarian disaster.",
    "The group has promised to respect the rights of women and minorities, but few residents said they trusted the pledge.",
    "Officials acknowledged that some checkpoints had been abandoned without a fight after negotiations with local elders.",
]
PEOPLE = [
    "Tareq Arian",
    "Fawad Aman",
    "Zabihullah Mujahid",
    "Ashraf Ghani",
    "Ismail Khan",
    "Abdul Rashid Dostum",
    "Atta Mohammad Noor",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FOREIGN = [
    "Tajikistan",
    "Iran",
    "Pakistan",
    "Uzbekistan",
    "Turkmenistan",
    "Termez",
    "Chaman",
    "Mashhad",
]


def _misspell(rng: random.Random, name: str) -> str:
    if len(name) < 7:
        return name
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i] + name[i:]


def make_articles(n: int, seed: int, gazetteer) -> list[str]:
    """``n`` articles of about 4 KB each, deterministic for a seed."""
    rng = random.Random(seed)
    districts = sorted(p.name for p in gazetteer.places.values() if p.level == "district")
    provinces = sorted(p.name for p in gazetteer.places.values() if p.level == "province")
    capitals = sorted(gazetteer.places[k].name for k in gazetteer.capitals.values())
    crossings = sorted(p.name for p in gazetteer.places.values() if p.kind == "crossing")
    out = []
    for _ in range(n):
        parts: list[str] = []
        size = 0
        while size < 4000:
            t = rng.choice(TEMPLATES) if rng.random() < 0.45 else rng.choice(FILLER)
            s = t.format(
                district=rng.choice(districts),
                district2=rng.choice(districts),
                province=rng.choice(provinces),
                province2=rng.choice(provinces),
                province3=rng.choice(provinces),
                capital=rng.choice(capitals),
                crossing=rng.choice(crossings),
                foreign=rng.choice(FOREIGN),
                person=rng.choice(PEOPLE),
                day=rng.choice(DAYS),
                number=rng.randint(5, 90),
                misspelt=_misspell(rng, rng.choice(districts)),
            )
            parts.append(s)
            size += len(s) + 1
        # paragraphs of two or three sentences, as in wire copy
        paras = [" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3)]
        out.append("\n\n".join(paras))
    return out


def share(n: int) -> None:
    """Print find_mentions' share of the CPU time of extracting ``n`` generated articles."""
    from bench_extract import generated

    from geo.claims.extract import extract, load_nlp
    from geo.models import Article
    from geo.places.gazetteer import load_gazetteer
    from geo.places.mentions import find_mentions

    gazetteer = load_gazetteer()
    nlp = load_nlp()
    spent = 0.0

    def timed_find_mentions(text: str, gaz) -> list:
        nonlocal spent
        t0 = time.process_time()
        try:
            return find_mentions(text, gaz)
        finally:
            spent += time.process_time() - t0

    articles = (
        Article(f"b{i}", text, pub, "header" if pub else None)
        for i, (text, pub) in enumerate(generated(n))
    )
    # extract's find= is the mention finder it calls for each article
    t0 = time.process_time()
    for _ in extract(articles, gazetteer=gazetteer, nlp=nlp, find=timed_find_mentions):
        pass
    total = time.process_time() - t0
    print(
        f"find_mentions: {100 * spent / total:.1f} % of extraction CPU time "
        f"({spent:.2f} s of {total:.2f} s, {n} articles)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark find_mentions.")
    ap.add_argument("--articles", type=int, default=None, help="1000, or 500 with --share")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--share", action="store_true", help="find_mentions' share of extraction CPU time"
    )
    args = ap.parse_args()
    if args.share:
        share(args.articles or 500)
        return
    n_articles = args.articles or 1000

    from geo.places.gazetteer import load_gazetteer
    from geo.places.mentions import find_mentions

    t0 = time.perf_counter()
    gaz = load_gazetteer()
    t_load = time.perf_counter() - t0
    articles = make_articles(n_articles, args.seed, gaz)
    find_mentions(articles[0], gaz)  # warm the regex and rapidfuzz imports
    total_kb = sum(len(a) for a in articles) / 1024
    # CPU time of this process: the figure does not depend on what else runs on the machine
    t0 = time.process_time()
    n_mentions = resolved = 0
    for a in articles:
        ms = find_mentions(a, gaz)
        n_mentions += len(ms)
        resolved += sum(m.place is not None for m in ms)
    dt = time.process_time() - t0
    print(f"gazetteer load: {t_load:.3f} s")
    print(
        f"{len(articles)} articles ({total_kb / len(articles):.1f} KB each), {n_mentions} mentions "
        f"({resolved} resolved) in {dt:.2f} s: {len(articles) / dt:,.0f} articles/s, {total_kb / dt:,.0f} KB/s"
    )


if __name__ == "__main__":
    main()
