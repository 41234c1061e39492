"""Train the learned linker (``geo/data/linker.json``): ``python scripts/train_linker.py [--out PATH] [--cv]``.

Candidates are the places of every sentence with an action cue
(``geo.claims.learned.candidates``), read from annotated sets laid out like
``../shared/eval/dev`` (``gold.jsonl`` + ``articles/``). A candidate's label
is the gold controller when the gold has a claim on that (article, place key)
whose evidence overlaps the sentence; ``none`` when the gold has no claim on
that place in the article; other candidates are left out (ambiguous).

The model is a multinomial logistic regression (scikit-learn, lbfgs, fixed
settings: the same data give a byte-identical file) over hashed features. The
threshold for adding a claim is chosen by cross-validation grouped by
article, scored with the judge's rule on (article, place, controller) keys.
Only hashed feature indices and weights are written: no text of any article.

scikit-learn is needed here only, never at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one thread: the same sums in the same order, every run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.claims import learned

SHARED = ROOT.parent / "shared" / "eval"
# The training sets: never a holdout/ half, never dev2/check.
DEFAULT_SETS = [
    SHARED / "dev2" / "tune", SHARED / "dev", SHARED / "seeds", ROOT / "evalsets" / "challenge",
    *[ROOT / "evalsets" / f"challenge{n}" / "tune" for n in range(2, 11)], ROOT / "evalsets" / "families" / "tune",
    ROOT / "evalsets" / "pages" / "tune",
]
THRESHOLDS = [round(0.3 + 0.05 * k, 2) for k in range(14)] + [0.97]
C = 0.5
FOLDS = 5
# Sample weight per set (the first part of its path): real, unseen-style text counts more.
WEIGHTS: dict[str, float] = {"dev2": 3.0}


def _article_paths(gold_dir: Path) -> list[str]:
    if (gold_dir / "articles").is_dir():
        return [str(gold_dir / "articles")]
    ids = [json.loads(x)["id"] for x in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    for cand in (gold_dir.parent.parent / gold_dir.name, gold_dir.parent / gold_dir.name, ROOT / "seeds"):
        found = [str(p) for i in ids for p in cand.glob(f"{i}.*") if cand.is_dir()]
        if found:
            return found
    raise SystemExit(f"{gold_dir}: articles not found")


def _norm(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


def _overlaps(sentence: str, evidence: str) -> bool:
    words = set(_norm(sentence))
    if not words:
        return False
    for piece in re.split(r"\.\.\.|…", evidence):
        pw = set(_norm(piece))
        if len(pw) < 3:
            continue
        if len(words & pw) / min(len(words), len(pw)) >= 0.6:
            return True
    return False


def gather(sets: list[Path]) -> tuple[list[dict], dict]:
    """Labelled candidates (features, label, group) and, per article, the rule keys and gold keys."""
    from geo.claims.extract import extract_article
    from geo.claims.nlp import load_nlp
    from geo.evaluate import load_gold
    from geo.ingest.articles import read_articles
    from geo.models import Article, claim_place
    from geo.places.gazetteer import load_gazetteer

    gaz, nlp = load_gazetteer(), load_nlp()
    rows: list[dict] = []
    arts: dict[str, dict] = {}
    for gold_dir in sets:
        gold = load_gold(gold_dir)
        tag = str(gold_dir.relative_to(gold_dir.parent.parent))
        for item in read_articles(_article_paths(gold_dir)):
            if not isinstance(item, Article) or item.id not in gold:
                continue
            rec = gold[item.id]
            group = f"{tag}/{item.id}"
            with learned.collecting() as got:
                res = extract_article(item, gazetteer=gaz, nlp=nlp, learned=True)
            g_claims = [c for c in rec.get("claims", []) if c.get("pcode")]
            arts[group] = {"rule": {(claim_place(c), c.controller) for c in res.claims if claim_place(c)},
                           "gold": {(c["pcode"], c["controller"]) for c in g_claims}}
            gold_places = {c["pcode"] for c in g_claims}
            for _, cand in got:
                p = cand.target.place
                key = p.adm1_pcode if p.level == "province" else p.adm2_pcode
                if not key:
                    continue
                text = (cand.inherited.text + " " + cand.sentence.text) if cand.inherited else cand.sentence.text
                if key not in gold_places:
                    label = "none"
                else:
                    ctls = {c["controller"] for c in g_claims
                            if c["pcode"] == key and _overlaps(cand.sentence.text, str(c.get("evidence", "")))}
                    sides = ctls - {"contested"}
                    if len(sides) > 1 or not ctls:
                        continue  # both sides, or no claim of this sentence: ambiguous
                    label = sides.pop() if sides else "contested"  # a side over "contested"
                # the text stays in memory (and in a --cache file outside the repo) for error study only
                rows.append({"group": group, "key": key, "features": cand.features, "label": label,
                             "text": text, "mention": cand.target.text})
    return rows, arts


def _matrix(rows: list[dict]):
    """The rows as a sparse 0/1 matrix over the buckets used, and those buckets in column order."""
    from scipy.sparse import csr_matrix

    per_row = [sorted({learned.bucket(f) for f in r["features"]}) for r in rows]
    used = sorted({b for cols in per_row for b in cols})
    col = {b: n for n, b in enumerate(used)}
    data, indices, indptr = [], [], [0]
    for cols in per_row:
        indices += [col[b] for b in cols]
        data += [1.0] * len(cols)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(used))), used


def fit(rows: list[dict]):
    from sklearn.linear_model import LogisticRegression

    X, used = _matrix(rows)
    y = [learned.CLASSES.index(r["label"]) for r in rows]
    weights = [WEIGHTS.get(r["group"].split("/", 1)[0], 1.0) for r in rows]
    present = sorted(set(y))
    clf = LogisticRegression(C=C, max_iter=1000, tol=1e-5, random_state=0)
    clf.fit(X, y, sample_weight=weights)
    clf.used_buckets_ = used
    return clf, present


def to_model(clf, present: list[int], threshold: float, default_on: bool) -> dict:
    coef = clf.coef_
    if len(present) == 2:  # a binary fit: one row, for the second class
        import numpy as np

        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
    else:
        intercept = list(clf.intercept_)
    full_w = {}
    for n, b in enumerate(clf.used_buckets_):
        row = [0.0] * len(learned.CLASSES)
        for k, cls in enumerate(present):
            row[cls] = round(float(coef[k, n]), 4)
        if any(row):
            full_w[str(b)] = row
    icpt = [-30.0] * len(learned.CLASSES)
    for k, cls in enumerate(present):
        icpt[cls] = round(float(intercept[k]), 4)
    return {"version": 1, "classes": list(learned.CLASSES), "buckets": learned.BUCKETS, "threshold": threshold,
            "default_on": default_on, "C": C, "weights": full_w, "intercept": icpt}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _added(rows: list[dict], probs, thr: float, arts: dict) -> dict[str, set]:
    add: dict[str, set] = {}
    for r, pr in zip(rows, probs):
        k = max(range(1, len(pr)), key=lambda j: pr[j])
        if pr[k] >= thr:
            key = (r["key"], learned.CLASSES[k])
            if key not in arts[r["group"]]["rule"] and "excl=None" in r["features"] \
                    and "container=False" in r["features"] and not (key[0][2:].isdigit() and len(key[0]) == 4
                                                                    and key[1] == "contested"):
                add.setdefault(r["group"], set()).add(key)
    return add


def _score(arts: dict, add: dict[str, set]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for g, a in arts.items():
        pred = a["rule"] | add.get(g, set())
        tp += len(pred & a["gold"])
        fp += len(pred - a["gold"])
        fn += len(a["gold"] - pred)
    return tp, fp, fn


def cross_validate(rows: list[dict], arts: dict) -> tuple[float, dict]:
    """Out-of-fold probabilities by article groups; the threshold with the best keyed F1."""
    groups = sorted(arts)
    fold_of = {g: n % FOLDS for n, g in enumerate(groups)}
    probs: list = [None] * len(rows)
    for f in range(FOLDS):
        train = [r for r in rows if fold_of[r["group"]] != f]
        test = [n for n, r in enumerate(rows) if fold_of[r["group"]] == f]
        clf, present = fit(train)
        model = learned._prepare(to_model(clf, present, 0.5, False))
        for n in test:
            probs[n] = learned.predict(model, rows[n]["features"])
    base = _prf(*_score(arts, {}))
    table = {"rules": base}
    best = (base[2], 1.01)
    for thr in THRESHOLDS:
        prf = _prf(*_score(arts, _added(rows, probs, thr, arts)))
        table[thr] = prf
        if prf[2] > best[0] + 1e-9:
            best = (prf[2], thr)
    # per set, at the chosen threshold
    per_set = {}
    add = _added(rows, probs, best[1], arts) if best[1] <= 1 else {}
    for tag in sorted({g.rsplit("/", 1)[0] for g in groups}):
        sub = {g: a for g, a in arts.items() if g.rsplit("/", 1)[0] == tag}
        per_set[tag] = (_prf(*_score(sub, {})), _prf(*_score(sub, add)))
    return best[1], {"thresholds": table, "per_set": per_set}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "geo" / "data" / "linker.json")
    ap.add_argument("--set", action="append", type=Path, help="an annotated set (repeatable; default: the training sets)")
    ap.add_argument("--threshold", type=float, help="fix the threshold instead of choosing it by CV")
    ap.add_argument("--default-on", action="store_true", help="mark the model to run by default")
    ap.add_argument("--report", type=Path, help="write the CV figures as JSON here")
    ap.add_argument("--cache", type=Path, help="keep the gathered candidates here (outside the repo) and reuse them")
    args = ap.parse_args(argv)
    sets = args.set or DEFAULT_SETS
    if args.cache and args.cache.is_file():
        data = json.loads(args.cache.read_text(encoding="utf-8"))
        rows = data["rows"]
        arts = {g: {k: {tuple(x) for x in v} for k, v in a.items()} for g, a in data["arts"].items()}
    else:
        rows, arts = gather(sets)
        if args.cache:
            args.cache.write_text(json.dumps({"rows": rows, "arts": {g: {k: sorted(v) for k, v in a.items()}
                                                                    for g, a in arts.items()}}), encoding="utf-8")
    counts = {c: sum(r["label"] == c for r in rows) for c in learned.CLASSES}
    print(f"{len(rows)} candidates from {len(arts)} articles: {counts}", file=sys.stderr)
    thr = args.threshold
    if thr is None:
        thr, cv = cross_validate(rows, arts)
        for k, (p, r, f) in cv["thresholds"].items():
            print(f"cv {k!s:>6}  P {p:.3f} R {r:.3f} F1 {f:.3f}", file=sys.stderr)
        for tag, (a, b) in cv["per_set"].items():
            print(f"cv {tag:<22} rules F1 {a[2]:.3f} -> {b[2]:.3f} (P {b[0]:.3f} R {b[1]:.3f})", file=sys.stderr)
        print(f"threshold {thr}", file=sys.stderr)
        if args.report:
            args.report.write_text(json.dumps({str(k): v for k, v in cv["thresholds"].items()} |
                                              {"per_set": cv["per_set"], "threshold": thr}, indent=1))
        thr = min(thr, 1.0)
    clf, present = fit(rows)
    model = to_model(clf, present, thr, args.default_on)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {len(model['weights'])} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
