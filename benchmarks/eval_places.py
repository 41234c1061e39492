"""Place finding and resolution against gold folders laid out like ../shared/eval/dev.

Whatever the claim extractor does, every place a gold claim names must be found
by the mention finder and resolved to the right place. For every gold claim
with a P-code this finds the gold ``mention`` as written in the article (inside
the claim's evidence when the evidence can be found, else anywhere; case and a
level word such as "district" are let go when the exact text is absent), runs
``find_mentions`` on the article and asks whether a mention there resolved to
the gold place: the district P-code for a district claim, the province P-code
for a province claim, the containing district for a point.

    python benchmarks/eval_places.py ../shared/eval/dev2/tune ../shared/eval/dev
    python benchmarks/eval_places.py ../shared/eval/seeds          # articles from seeds/
    python benchmarks/eval_places.py evalsets/challenge*/tune --summary
    python benchmarks/eval_places.py ../shared/eval/dev --non-claims   # also gold non_claims

Prints per folder:

- claim recall: gold claims whose mention, at some occurrence in its evidence,
  resolved to the gold place (``strict``: at every occurrence there);
- place recall: gold (article, P-code) pairs with at least one claim found so,
  the pairs that place F1 counts;
- the misses, by kind: ``wrong`` (resolved to another P-code), ``unresolved``
  (found, no place: rule and reason), ``not-found`` (no mention at the gold
  text), ``not-in-text`` (the gold mention is not written in the article).

With ``--summary`` only the figures and the miss counts are printed. The
articles are read with ``geo.ingest.articles.read_articles``, as the pipeline
reads them, so offsets are those the extractor sees.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from geo.ingest.articles import read_articles
from geo.models import Article, Mention
from geo.places.gazetteer import load_gazetteer
from geo.places.mentions import find_mentions

REPO = Path(__file__).resolve().parents[1]
KINDS = ("wrong", "unresolved", "not-found", "not-in-text")
_LEVEL_WORD = re.compile(
    r"\s+(?:district|districts|province|provinces|city|town|border\s+crossing|crossing)$",
    re.IGNORECASE,
)


def code_of(place) -> str | None:
    """The P-code a resolved place counts as: a province's own, else its district's."""
    return place.adm1_pcode if place.level == "province" else place.adm2_pcode


def articles_dir(gold_dir: Path) -> Path:
    """Where the articles of a gold folder are: ``articles/``, else the repository's
    ``seeds/`` for the seeds gold."""
    own = gold_dir / "articles"
    if own.is_dir():
        return own
    if gold_dir.name == "seeds":
        return REPO / "seeds"
    return own


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` is written: exactly, else in any case, else without a level word or
    a leading "the"."""
    tries = [name]
    bare = _LEVEL_WORD.sub("", name)
    if bare.lower().startswith("the "):
        bare = bare[4:]
    if bare != name:
        tries.append(bare)
    for flags in (0, re.IGNORECASE):
        for t in tries:
            if not t.strip():
                continue
            spans = [(m.start(), m.end()) for m in re.finditer(re.escape(t), text, flags)]
            if spans:
                return spans
    return []


def _evidence_windows(text: str, evidence: str) -> list[tuple[int, int]]:
    """The stretches of the text the evidence quotes (its "..."-separated fragments)."""
    out = []
    for frag in re.split(r"\.\.\.|\u2026", evidence or ""):
        frag = frag.strip(" .\"\u201c\u201d'")
        if len(frag) < 20:
            continue
        for probe, back in ((frag[:50], 0), (frag[-50:], len(frag) - 50)):
            at = text.find(probe)
            if at >= 0:
                s = max(0, at - back - 5)
                out.append((s, s + len(frag) + 60))
                break
    return out


def gold_spans(text: str, name: str, evidence: str) -> list[tuple[int, int]]:
    """The occurrences of a gold mention inside its evidence, else all of them."""
    everywhere = _occurrences(text, name)
    wins = _evidence_windows(text, evidence)
    inside = [(a, b) for a, b in everywhere if any(s <= a < e for s, e in wins)]
    return inside or everywhere


@dataclass
class Miss:
    article: str
    kind: str  # one of KINDS
    mention: str
    level: str
    gold: str
    got: str

    def line(self) -> str:
        return f"{self.article} {self.level} {self.mention!r} gold {self.gold}: {self.got}"


@dataclass
class Tally:
    claims: int = 0
    found: int = 0
    strict: int = 0
    place_keys: set[tuple[str, str]] = field(default_factory=set)
    place_found: set[tuple[str, str]] = field(default_factory=set)
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.claims += other.claims
        self.found += other.found
        self.strict += other.strict
        self.place_keys |= other.place_keys
        self.place_found |= other.place_found
        self.misses += other.misses


def _describe(m: Mention) -> str:
    code = code_of(m.place) if m.place else None
    where = f"{m.place.name} ({m.place.level}{'/' + m.place.kind if m.place.kind else ''})" if m.place else "-"
    reason = f": {m.reason}" if m.reason else ""
    return f"{m.text!r}->{code} {where} [{m.rule}{reason}]"


def check_article(
    article: Article, rec: dict, mentions: list[Mention], non_claims: bool, folder: str = ""
) -> Tally:
    t = Tally()
    text = article.text
    items = [c for c in rec.get("claims", []) if c.get("pcode")]
    if non_claims:
        items += [c for c in rec.get("non_claims", []) if c.get("pcode")]
    for c in items:
        name, code = c.get("mention") or "", c["pcode"]
        level = c.get("level") or ("province" if len(code) == 4 else "district")
        t.claims += 1
        key = (f"{folder}/{rec['id']}", code)
        t.place_keys.add(key)
        spans = gold_spans(text, name, c.get("evidence", ""))
        if not spans:
            t.misses.append(Miss(rec["id"], "not-in-text", name, level, code, "gold mention not in text"))
            continue
        at = [[m for m in mentions if m.start < e and s < m.end] for s, e in spans]
        ok = [any(m.place is not None and code_of(m.place) == code for m in ms) for ms in at]
        if any(ok):
            t.found += 1
            t.place_found.add(key)
            if all(ok):
                t.strict += 1
            continue
        near = [m for ms in at for m in ms]
        if not near:
            kind, got = "not-found", "no mention at the gold text"
        elif any(m.place is not None for m in near):
            kind = "wrong"
            got = "; ".join(dict.fromkeys(_describe(m) for m in near if m.place is not None))
        else:
            kind = "unresolved"
            got = "; ".join(dict.fromkeys(_describe(m) for m in near))
        # the claim may rest on another phrase of its evidence ("the provincial capital")
        wins = _evidence_windows(text, c.get("evidence", ""))
        other = [
            m
            for m in mentions
            if m.place is not None
            and code_of(m.place) == code
            and any(s <= m.start < e for s, e in wins)
        ]
        if other:
            got += f" (the gold place is resolved elsewhere in the evidence: {other[0].text!r})"
        t.misses.append(Miss(rec["id"], kind, name, level, code, got))
    return t


def evaluate(gold_dir: Path, non_claims: bool = False) -> Tally:
    gaz = load_gazetteer()
    gold = {}
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[str(rec["id"])] = rec
    total = Tally()
    for art in read_articles(articles_dir(gold_dir)):
        if not isinstance(art, Article) or art.id not in gold:
            continue
        total.add(
            check_article(art, gold[art.id], find_mentions(art.text, gaz), non_claims, str(gold_dir))
        )
    return total


def _pct(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "- (0/0)"


def report(name: str, t: Tally, summary: bool) -> None:
    counts = Counter(m.kind for m in t.misses)
    print(
        f"{name}: claim recall {_pct(t.found, t.claims)}  strict {_pct(t.strict, t.claims)}  "
        f"place recall {_pct(len(t.place_found), len(t.place_keys))}  misses "
        + ", ".join(f"{k} {counts.get(k, 0)}" for k in KINDS)
    )
    if summary:
        return
    missed = sorted(t.place_keys - t.place_found)
    if missed:
        print(f"  -- place keys with no claim found ({len(missed)}): " + ", ".join(f"{a.rsplit('/', 1)[-1]} {c}" for a, c in missed))
    for kind in KINDS:
        rows = [m for m in t.misses if m.kind == kind]
        if rows:
            print(f"  -- {kind} ({len(rows)})")
            for m in rows:
                print("    " + m.line())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dirs", type=Path, nargs="+")
    ap.add_argument("--non-claims", action="store_true", help="also check the gold non_claims")
    ap.add_argument("--summary", action="store_true", help="figures and miss counts only")
    args = ap.parse_args(argv)
    overall = Tally()
    for d in args.gold_dirs:
        if not (d / "gold.jsonl").is_file():
            print(f"{d}: no gold.jsonl, skipped", file=sys.stderr)
            continue
        t = evaluate(d, args.non_claims)
        report(str(d), t, args.summary)
        overall.add(t)
    if len(args.gold_dirs) > 1:
        report("all", overall, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
