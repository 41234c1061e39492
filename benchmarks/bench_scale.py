"""Extraction at archive scale on Dask: ``python benchmarks/bench_scale.py [--articles 20000] [--ten-x]``.

Builds a corpus of news-like articles from sentences written for this
benchmark (never evaluation text), as JSON Lines and as Parquet, then runs
``tcmap extract`` on it in one process, on a LocalCluster of 1 worker and of
2 workers, each in a fresh subprocess, and reports articles/s (whole command,
cluster start included), the speed-up over one process, and peak memory
(max RSS) of the client and of each worker. ``--ten-x`` repeats the 2-worker
run on a corpus 10 times larger (memory should stay flat). ``--map-claims N``
writes a claims dataset for N articles (the run's claims repeated under new
article ids) and times ``tcmap map --claims`` on it.

About 70 % of articles are dated, 20 % undated with a wire dateline or
weekday dates, 10 % undated with neither; 4 % are wire copies of an earlier
article (same text, another id).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

PLACES = [("Kohsan", "Herat"), ("Gulran", "Herat"), ("Maywand", "Kandahar"), ("Arghandab", "Kandahar"),
          ("Qadis", "Badghis"), ("Ab Kamari", "Badghis"), ("Nerkh", "Wardak"), ("Jalrez", "Wardak"),
          ("Yaftal", "Badakhshan"), ("Kohistan", "Badakhshan"), ("Bangi", "Takhar"), ("Khwaja Ghar", "Takhar"),
          ("Imam Sahib", "Kunduz"), ("Dasht-e-Archi", "Kunduz"), ("Andkhoy", "Faryab"), ("Qaysar", "Faryab"),
          ("Doshi", "Baghlan"), ("Nahrin", "Baghlan"), ("Ghorband", "Parwan"), ("Shinwar", "Nangarhar")]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CLAIMS = [
    "Taliban fighters took over {d} district in {p} province on {w} after government troops pulled out, "
    "a provincial council member said.",
    "The district headquarters of {d} in {p} fell to the insurgents late on {w}, according to local officials.",
    "Security forces recaptured {d} district on {w} following two days of clashes, the {p} governor's office said.",
    "A Taliban spokesman claimed on Twitter that the group now controls {d} district.",
    "Heavy fighting was reported on {w} around the centre of {d} district, residents told the reporter.",
    "The defence ministry said {d} district remains under the control of Afghan forces.",
    "Government forces have pushed the militants out of {d} district, a police spokesman in {p} said on {w}.",
]
FILLER = [
    "Shops in the main bazaar stayed closed and long queues formed at the bakeries.",
    "Aid groups said hundreds of families had left their villages with what they could carry.",
    "The road to the provincial capital was blocked for most of the day.",
    "Doctors at the regional hospital said they had received a number of wounded.",
    "Elders from the area called on both sides to spare the harvest.",
    "Mobile phone networks were cut in parts of {p} for several hours.",
    "A teacher in {p} said schools had not reopened since the spring.",
    "The governor's spokesman declined to give casualty figures.",
    "Talks between the two sides in Doha have made little progress this month.",
    "Prices of flour and cooking oil have almost doubled, traders said.",
    "Local radio stations broadcast appeals for calm throughout the evening.",
    "The United Nations mission said it was following the situation closely.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def articles(n: int, seed: int = 13):
    """``n`` article records (dict with text, optional date, id, url, publisher), about 250 words each."""
    rnd = random.Random(seed)
    start = date(2021, 4, 1)
    kept: list[str] = []
    for i in range(n):
        if kept and rnd.random() < 0.04:
            text = rnd.choice(kept)  # a wire copy
            yield {"id": f"art{i:07d}", "text": text, "date": None, "url": f"https://news.example/{i}",
                   "publisher": "Copy Desk"}
            continue
        day = start + timedelta(days=rnd.randint(0, 150))
        parts = []
        kind = rnd.random()
        if 0.7 <= kind < 0.8:
            parts.append(f"KABUL, {MONTHS[day.month - 1]} {day.day} (Reuters) -")
        for _ in range(rnd.randint(9, 14)):
            d, p = rnd.choice(PLACES)
            pool = CLAIMS if rnd.random() < 0.3 else FILLER
            parts.append(rnd.choice(pool).format(d=d, p=p, w=WEEKDAYS[(day.weekday() - rnd.randint(0, 3)) % 7]))
        text = " ".join(parts[:2]) + "\n\n" + "\n\n".join(" ".join(parts[k:k + 2]) for k in range(2, len(parts), 2))
        if len(kept) < 500:
            kept.append(text)
        rec = {"id": f"art{i:07d}", "text": text, "url": f"https://news.example/{i}", "publisher": "Example News",
               "date": day.isoformat() if kind < 0.7 else None}
        yield rec


def build(folder: Path, n: int) -> tuple[Path, Path]:
    """The corpus as one JSON Lines file and as a Parquet file (row groups of 1,000)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    jsonl, parquet = folder / f"corpus-{n}.jsonl", folder / f"corpus-{n}.parquet"
    if jsonl.exists() and parquet.exists():
        return jsonl, parquet
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("date", pa.string()), ("url", pa.string()),
                        ("publisher", pa.string())])
    with jsonl.open("w", encoding="utf-8") as out, pq.ParquetWriter(parquet, schema) as writer:
        batch = []
        for rec in articles(n):
            out.write(json.dumps({k: v for k, v in rec.items() if v is not None}) + "\n")
            batch.append(rec)
            if len(batch) == 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return jsonl, parquet


CHILD = r"""
import json, resource, sys, time
args = json.loads(sys.argv[1])
t0 = time.perf_counter()
out = {}
if args["workers"] == 0:
    from geo.pipeline import run
    from geo.scale.dataset import LinesSink
    result = run([args["input"]])
    with open(args["out"], "w", encoding="utf-8") as h:
        LinesSink(h).write(result.claims)
    out.update(articles=len(result.results), claims=len(result.claims), worker_mb={})
else:
    from geo.distributed import connect, run_distributed
    from geo.scale.dataset import ParquetSink
    def cpu():
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    with connect(args["workers"]) as client:
        sink = ParquetSink(args["out"])
        stats = run_distributed(client, [args["input"]], sink, echo=lambda m: None)
        sink.close(stats.as_dict())
        out["worker_cpu"] = client.run(cpu)
    out.update(articles=stats.articles, claims=stats.claims, worker_mb=stats.worker_peak_rss_mb,
               skipped=len(stats.skipped))
out["seconds"] = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
out["client_mb"] = ru.ru_maxrss / 1024
out["client_cpu"] = ru.ru_utime + ru.ru_stime
out["load"] = __import__("os").getloadavg()[0]
print(json.dumps(out))
"""


def measure(input_path: Path, workers: int, out: Path) -> dict:
    args = {"input": str(input_path), "workers": workers, "out": str(out)}
    res = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], capture_output=True, text=True,
                         check=False)
    if res.returncode != 0:
        raise SystemExit(f"run failed ({workers} workers):\n{res.stderr[-3000:]}")
    got = json.loads(res.stdout.strip().splitlines()[-1])
    got["rate"] = got["articles"] / got["seconds"]
    return got


def show(label: str, m: dict, base: float | None) -> None:
    workers = ", ".join(f"{mb:.0f}" for mb in sorted(m["worker_mb"].values())) or "-"
    speed = f" x{m['rate'] / base['rate']:.2f}" if base else ""
    # The busiest process's CPU seconds bound the wall time when each process has a core of its own:
    # the rate an unloaded machine gives (this one is shared; ``load`` is its 1-minute load average).
    cpus = list(m.get("worker_cpu", {}).values()) or [m["client_cpu"]]
    cpu_rate = m["articles"] / max([*cpus, m["client_cpu"]])
    cpu_speed = f" x{cpu_rate / base['cpu_rate']:.2f}" if base else ""
    m["cpu_rate"] = cpu_rate
    print(f"{label:<28} {m['articles']:>7} articles  {m['seconds']:7.1f} s wall  {m['rate']:6.1f}/s{speed}  "
          f"cpu-bound {cpu_rate:6.1f}/s{cpu_speed}  client {m['client_mb']:.0f} MB ({m['client_cpu']:.0f} cpu s)"
          f"  workers {workers} MB ({', '.join(f'{c:.0f}' for c in sorted(cpus))} cpu s)  load {m['load']:.1f}"
          f"  ({m['claims']} claims)", flush=True)


def map_claims(claims_dir: Path, n_articles: int, work: Path) -> None:
    """A claims dataset of ``n_articles`` (the run's claims repeated under new ids), then ``tcmap map --claims``."""
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    table = ds.dataset(claims_dir, format="parquet").to_table()
    per = len(set(table.column("article_id").to_pylist()))
    copies = max(1, -(-n_articles // per))
    big = work / f"claims-{n_articles}"
    big.mkdir(parents=True, exist_ok=True)
    ids = table.column("article_id").to_pylist()
    for k in range(copies):
        t = table.set_column(table.schema.get_field_index("article_id"), "article_id",
                             pa.array([f"{a}-c{k}" for a in ids]))
        pq.write_table(t, big / f"part-{k:05d}.parquet")
    rows = len(table) * copies
    t0 = time.perf_counter()
    cmd = [sys.executable, "-c",
           "import resource,sys; from geo.cli import main\n"
           "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
           "    print('peak_mb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024, file=sys.stderr); raise",
           "map", "--claims", str(big), "--out", str(work / "map-claims.html")]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    peak = [line for line in res.stderr.splitlines() if line.startswith("peak_mb")]
    print(f"map --claims                 {per * copies} articles, {rows} claims: exit {res.returncode}, "
          f"{wall:.1f} s, peak {float(peak[0].split()[1]) if peak else float('nan'):.0f} MB, "
          f"map {(work / 'map-claims.html').stat().st_size / 1e6:.1f} MB", flush=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/tcmap-bench-scale"))
    ap.add_argument("--ten-x", action="store_true", help="also run 2 workers on 10x the corpus")
    ap.add_argument("--memory-base", type=int, default=0,
                    help="also run 2 workers on this many articles, to compare memory with --articles")
    ap.add_argument("--skip", default="", help="comma-separated runs to skip: inprocess,w1,w2,parquet")
    ap.add_argument("--map-claims", type=int, default=0, help="time map --claims on claims of N articles")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))

    t0 = time.perf_counter()
    jsonl, parquet = build(args.work, args.articles)
    print(f"corpus                       {args.articles} articles, JSONL {jsonl.stat().st_size / 1e6:.0f} MB, "
          f"Parquet {parquet.stat().st_size / 1e6:.0f} MB (built in {time.perf_counter() - t0:.0f} s)", flush=True)
    base = None
    if "inprocess" not in skip:
        base = measure(jsonl, 0, args.work / "inprocess.jsonl")
        show("in-process (JSONL)", base, None)
    if "w1" not in skip:
        show("1 worker (JSONL)", measure(jsonl, 1, args.work / "claims-w1"), base)
    if "w2" not in skip:
        show("2 workers (JSONL)", measure(jsonl, 2, args.work / "claims-w2"), base)
    if "parquet" not in skip:
        show("2 workers (Parquet)", measure(parquet, 2, args.work / "claims-w2p"), base)
    if args.memory_base:
        small, _ = build(args.work, args.memory_base)
        show(f"2 workers, {args.memory_base} (JSONL)", measure(small, 2, args.work / "claims-small"), base)
    if args.ten_x:
        big, _ = build(args.work, 10 * args.articles)
        show("2 workers, 10x (JSONL)", measure(big, 2, args.work / "claims-10x"), base)
    if args.map_claims:
        src = args.work / ("claims-w2" if (args.work / "claims-w2").exists() else "claims-w2p")
        map_claims(src, args.map_claims, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
