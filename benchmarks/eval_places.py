"""Place resolution against a gold folder laid out like ../shared/eval/dev.

For every gold claim and non-claim with a P-code, the mentions that
``find_mentions`` returns at the places where the gold mention is written are
compared with the gold P-code (the district P-code for district and point
places, the province P-code for province places).

    python benchmarks/eval_places.py ../shared/eval/dev [-v]
    python benchmarks/eval_places.py ../shared/eval/seeds --articles seeds

Prints recall (gold places found with the right code), precision (resolved
mentions at gold positions whose code is one the gold gives that name) and
every error.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from geo.places.gazetteer import load_gazetteer
from geo.places.mentions import find_mentions


def code_of(place) -> str:
    return place.adm1_pcode if place.level == "province" else place.adm2_pcode


def _spans(text: str, name: str, evidence: str) -> list[tuple[int, int]]:
    """Where the gold mention is written: inside its evidence when the evidence is found, else anywhere."""
    everywhere = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    frags = [f.strip(' ."“”') for f in evidence.split("...") if len(f.strip()) > 20]
    inside = []
    for frag in frags:
        probe = frag[:60]
        at = text.find(probe)
        if at < 0:
            continue
        end = at + len(frag) + 40
        inside += [(a, b) for a, b in everywhere if at <= a < end]
    return inside or everywhere


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument(
        "--articles", type=Path, default=None, help="folder of <id>.txt (default GOLD_DIR/articles)"
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gaz = load_gazetteer()
    found = total = 0
    prec_ok = prec_all = 0
    errors: list[str] = []
    for line in (args.gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        path = (args.articles or args.gold_dir / "articles") / f"{rec['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        mentions = find_mentions(text, gaz)
        items = [
            (c["mention"], c.get("pcode"), "claim", c.get("evidence", "")) for c in rec["claims"]
        ]
        items += [
            (c["mention"], c.get("pcode"), "non_claim", "") for c in rec.get("non_claims", [])
        ]
        spans_of: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for name, code, _, evidence in items:
            if code:
                spans_of.setdefault((name, code), []).extend(_spans(text, name, evidence))
        seen: set[tuple[str, str]] = set()
        for name, code, kind, _ in items:
            if not code or (name, code) in seen:
                continue
            seen.add((name, code))
            total += 1
            spans = spans_of[(name, code)]
            near = [m for m in mentions if any(m.start < e and s < m.end for s, e in spans)]
            if any(m.place is not None and code_of(m.place) == code for m in near):
                found += 1
                continue
            got = (
                "; ".join(
                    f"{m.text!r}->{code_of(m.place) if m.place else None} [{m.rule}: {m.reason or ''}]"
                    for m in near
                )
                or "no mention at the gold spans"
                if spans
                else "gold mention not in text"
            )
            errors.append(f"{rec['id']} {kind} {name!r} gold {code}: {got}")
        for m in mentions:
            if m.place is None:
                continue
            codes = {
                code
                for (name, code), spans in spans_of.items()
                if any(m.start < e and s < m.end for s, e in spans)
            }
            if codes:
                prec_all += 1
                if code_of(m.place) in codes:
                    prec_ok += 1
                elif args.verbose:
                    errors.append(
                        f"{rec['id']} extra {m.text!r} -> {code_of(m.place)} ({m.rule}); gold {sorted(codes)}"
                    )
    r = found / total if total else 0.0
    p = prec_ok / prec_all if prec_all else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"place recall {r:.3f} ({found}/{total})  precision at gold spans {p:.3f} ({prec_ok}/{prec_all})  F1 {f:.3f}"
    )
    for e in errors:
        print("  " + e)


if __name__ == "__main__":
    main()
