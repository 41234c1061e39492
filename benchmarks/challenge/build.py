"""Write articles/*.txt and gold.jsonl from the _build_*.py sources."""
import json, sys, re
from pathlib import Path
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import _lib
for f in sorted(HERE.glob("_build_*.py")):
    exec(compile(f.read_text(), str(f), "exec"), {"__name__": f.stem})
arts = sorted(_lib.ARTICLES, key=lambda a: a["id"])
ids = [a["id"] for a in arts]
assert len(ids) == len(set(ids)), "duplicate ids"
(HERE / "articles").mkdir(exist_ok=True)
lines = []
DATELINE = {"c002", "c016", "c019", "c024", "c028", "c034", "c039"}  # date only in the dateline (no year)
for a in arts:
    text = a["text"]
    (HERE / "articles" / f"{a['id']}.txt").write_text(text, encoding="utf-8")
    claims = []
    for c in a["claims"]:
        c = dict(c)
        if c["mention"] not in text:
            raise SystemExit(f"{a['id']}: mention {c['mention']!r} not in text")
        c["evidence"] = _lib.evidence(text, c.pop("_ev"))
        if a["id"] in DATELINE and c.get("event_date"):
            c["year_inferred"] = True
        claims.append(c)
    for n in a["non_claims"]:
        if n["mention"] not in text:
            raise SystemExit(f"{a['id']}: non-claim {n['mention']!r} not in text")
    if text.startswith(" date "):
        assert text[6:16] == a["published"], a["id"]
    lines.append(json.dumps({"id": a["id"], "published": a["published"], "claims": claims,
                             "non_claims": a["non_claims"], "notes": a["notes"]}, ensure_ascii=False))
(HERE / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(len(arts), "articles,", sum(len(a["claims"]) for a in arts), "claims")
