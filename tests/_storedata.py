"""Articles, claims and extraction results made by code, for the store and app tests.

Also run as a script by the crash and concurrency tests:
``python tests/_storedata.py STORE_DIR PREFIX N`` ingests N generated articles
one by one and prints each id after its commit.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.models import Article, Claim, Mention


@dataclass
class Result:
    """Shaped like ``geo.models.ArticleResult``; the store only reads these attributes."""

    article: Article
    claims: list[Claim]
    counts: list = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def make_claim(article: Article, mention: str, *, pcode: str = "AF1809", place: str = "Khwaja Ghar",
               controller: str = "taliban", event_date: str | None = "2021-06-22",
               source_type: str = "reporter", confidence: float = 0.8) -> Claim:
    start = article.text.find(mention)
    if start < 0:
        raise ValueError(f"{mention!r} is not in the text of {article.id}")
    return Claim(
        article_id=article.id, published=article.published.isoformat() if article.published else None,
        published_source=article.published_source, mention=mention, char_start=start,
        char_end=start + len(mention), sentence=article.text, place_level="district",
        place_name=place, adm2_pcode=pcode, adm1_pcode=pcode[:4], lat=None, lon=None,
        controller=controller, event_date=event_date, time_precision="day", geo_precision=1,
        scope=None, attributed_to="reporter", source_type=source_type, confidence=confidence,
        adm2_name=place, publisher=article.publisher, title=article.title, url=article.url)


def make_result(n: int, *, prefix: str = "art", place: str = "Khwaja Ghar", pcode: str = "AF1809",
                controller: str = "taliban", published: date = date(2021, 6, 23),
                unresolved: tuple[str, ...] = (), event_date: str | None = "2021-06-22") -> Result:
    """Article number ``n``: one claim on ``place``, plus the unresolved names given."""
    extra = " ".join(f"Fighting was reported near {u}." for u in unresolved)
    text = f"Report {prefix}-{n}: The Taliban captured {place} district on Tuesday. {extra}".strip()
    art = Article(id=f"{prefix}-{n}", text=text, published=published, published_source="header",
                  title=f"Report {n}", url=f"https://example.org/{prefix}/{n}", publisher="Example News",
                  origin=f"{prefix}-{n}.txt")
    mentions = []
    for u in unresolved:
        s = text.find(u)
        mentions.append(Mention(text=u, start=s, end=s + len(u), place=None, rule="no-match",
                                reason="not in the gazetteer"))
    return Result(art, [make_claim(art, place, pcode=pcode, place=place, controller=controller,
                                   event_date=event_date)], mentions=mentions)


HOSTILE = (
    "<script>alert('script')</script> The Taliban captured Kohsan district "
    "<img src=x onerror=\"alert('img')\"> on Tuesday, `rm -rf` said \"officials\" "
    "<a href=\"javascript:alert('link')\">details</a> [more](javascript:alert('md')) $x^2$ **bold**"
)


def hostile_result(*, published: date = date(2021, 7, 6)) -> Result:
    """An article made to execute if anything renders it as HTML or Markdown."""
    art = Article(id="hostile", text=HOSTILE, published=published, published_source="header",
                  title="<img src=x onerror=alert('title')>Breaking", url="javascript:alert('url')",
                  publisher="<b onmouseover=alert('pub')>Evil</b>", origin="hostile.txt")
    return Result(art, [make_claim(art, "Kohsan", pcode="AF3213", place="Kohsan",
                                   event_date="2021-07-06")])


def province_result(*, published: date = date(2021, 7, 2)) -> Result:
    """A 'most of Badakhshan' report: outlines the province, colours no district."""
    import dataclasses

    text = "The Taliban now control most of Badakhshan province, a local official said."
    art = Article(id="badakhshan-most", text=text, published=published, published_source="header",
                  title="Badakhshan", publisher="Example News", origin="badakhshan.txt")
    claim = dataclasses.replace(
        make_claim(art, "Badakhshan", pcode="AF17", place="Badakhshan", event_date=published.isoformat()),
        place_level="province", adm2_pcode=None, adm1_pcode="AF17", scope="most", geo_precision=3,
        adm1_name="Badakhshan", adm2_name=None)
    return Result(art, [claim])


def populate(store, n: int, *, seed: int = 1, start: date = date(2021, 5, 1), days: int = 105) -> None:
    """``n`` articles with claims spread over the real districts and ``days`` days."""
    import random
    from datetime import timedelta

    from geo.places.boundaries import load_districts

    rng = random.Random(seed)
    d = load_districts().drop(columns="geometry")
    rows = list(d[["adm2_pcode", "adm2_name"]].itertuples(index=False))
    results = []
    for i in range(n):
        pcode, name = rows[rng.randrange(len(rows))]
        ctl = rng.choice(("taliban", "taliban", "government", "contested"))
        day = start + timedelta(days=rng.randrange(days))
        verb = {"taliban": "The Taliban captured", "government": "Forces retook",
                "contested": "Heavy fighting raged in"}[ctl]
        text = f"Bulk report {i}. {verb} {name} district, officials said."
        art = Article(id=f"bulk-{i}", text=text, published=day, published_source="header",
                      title=f"Bulk report {i}", url=f"https://example.org/bulk/{i}",
                      publisher=rng.choice(("Example News", "Daily Example", "Wire")),
                      origin=f"bulk-{i}.txt")
        results.append(Result(art, [make_claim(art, name, pcode=pcode, place=name, controller=ctl,
                                               event_date=day.isoformat(),
                                               source_type=rng.choice(("reporter", "government", "taliban")),
                                               confidence=round(rng.uniform(0.4, 1.0), 2))]))
    store.add_results(results)


def crash_kill(home: Path, iterations: int, *, seed: int = 0, per_run: int = 400) -> dict:
    """SIGKILL an ingesting subprocess at random points, ``iterations`` times.

    After each kill the store must open, pass ``PRAGMA integrity_check`` and
    hold every article the subprocess reported as committed. Returns figures
    for the report; raises AssertionError on the first broken promise.
    """
    import random
    import signal
    import subprocess
    import time

    from geo.app.store import Store

    rng = random.Random(seed)
    committed: set[str] = set()
    killed_mid = 0
    for it in range(iterations):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(home), f"k{it}",
                                 str(per_run)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True, bufsize=1)
        assert proc.stdout is not None
        wait_lines = rng.randrange(0, 40)
        got: list[str] = []
        for _ in range(wait_lines):
            line = proc.stdout.readline()
            if not line:
                break
            got.append(line.strip())
        # A random instant inside the next transaction(s), or during start-up
        # and schema creation when no line was awaited.
        time.sleep(rng.uniform(0, 0.2 if wait_lines == 0 else 0.01))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        got.extend(x for x in rest.split() if x)
        if proc.returncode == -signal.SIGKILL:
            killed_mid += 1
        committed.update(got)
        with Store.open(home) as store:
            check = store.integrity_check()
            assert check == "ok", f"iteration {it}: integrity_check says {check}"
            ids = store.article_ids()
            missing = committed - ids
            assert not missing, f"iteration {it}: committed articles lost: {sorted(missing)[:5]}"
            n_claims = len(store.claims())
            assert n_claims == len(ids), f"iteration {it}: {len(ids)} articles but {n_claims} claims"
    return {"iterations": iterations, "killed_while_running": killed_mid, "committed": len(committed)}


def _ingest_main(argv: list[str]) -> None:
    from geo.app.store import Store

    if argv[0] == "--populate":  # python tests/_storedata.py --populate HOME N [--hostile]
        store = Store.open(argv[1])
        populate(store, int(argv[2]))
        if "--hostile" in argv:
            store.add_results([hostile_result(), province_result()])
        print(store.count_articles(), "articles in", store.path)
        return
    home, prefix, n = argv[0], argv[1], int(argv[2])
    store = Store.open(home)
    run = store.start_run(prefix)
    for i in range(n):
        summary = store.add_results([make_result(i, prefix=prefix)], run)
        # Printed only after the commit returned: the parent may rely on it.
        print(summary.article_ids[0], flush=True)
    store.finish_run(run)


if __name__ == "__main__":
    _ingest_main(sys.argv[1:])


def crossing_result(*, published: date = date(2021, 7, 8)) -> Result:
    """A report about a border crossing only: a point inside Imam Sahib, not its centre."""
    import dataclasses

    text = "Insurgents took the Shir Khan Bandar crossing on Tuesday after brief fighting."
    art = Article(id="crossing", text=text, published=published, published_source="header",
                  title="Crossing report", publisher="Example News", origin="crossing.txt")
    claim = dataclasses.replace(
        make_claim(art, "Shir Khan Bandar", pcode="AF1905", place="Shir Khan Bandar", event_date="2021-07-06"),
        place_level="point", lat=37.188, lon=68.612, place_key="pt:shir-khan-bandar", adm2_name="Imam Sahib")
    return Result(art, [claim])
