"""SIGKILL ``tcmap ingest`` at random points many times; after each trial's kills the
ingest is run to the end and the store compared with a clean ingest of the same files.

    python benchmarks/kill_ingest.py --kills 60 [--seed 7] [--per-trial 2] [--json]

Prints the kills made (and how many landed while articles were being stored),
the trials, the seconds taken and every article that differs from the clean
ingest (none is the promise). Exit code 1 when any differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=60, help="SIGKILLs in all (default 60)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-trial", type=int, default=2, help="kills before each trial's final run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 1 <= args.kills <= 100_000 or not 1 <= args.per_trial <= 1000:
        parser.error("--kills and --per-trial must be positive (and sane)")

    from tests._killingest import kill_and_compare

    with tempfile.TemporaryDirectory() as tmp:
        figures = kill_and_compare(Path(tmp), args.kills, seed=args.seed, kills_per_trial=args.per_trial)
    out = figures.as_dict()
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"{out['kills']} kills ({out['killed_while_storing']} while storing articles) in "
              f"{out['trials']} trials, {out['finished_before_kill']} runs finished before their kill, "
              f"{out['seconds']} s")
        print(f"stores differing from a clean ingest: {len(out['mismatches'])}")
        for m in out["mismatches"]:
            print("  " + m)
    return 1 if out["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
