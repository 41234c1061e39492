"""Same answers on Dask: ``python benchmarks/same_claims_dask.py DIR...``.

For each folder, runs ``tcmap extract DIR`` in one process and with
``--workers 2`` (small partitions, so both workers and the client's
re-ordering take part), and compares the claims as sets of records. Prints
only counts and whether the sets are equal, never a claim: it may be run on
held-out folders whose texts must not be read.
"""

from __future__ import annotations

import json
import subprocess
import sys


def claims(args: list[str]) -> tuple[set[str], int, int]:
    res = subprocess.run([sys.executable, "-m", "geo", "extract", *args], capture_output=True, text=True, check=False)
    rows = {json.dumps(json.loads(line), sort_keys=True) for line in res.stdout.splitlines() if line.strip()}
    return rows, len(res.stdout.splitlines()), res.returncode


def main(folders: list[str]) -> int:
    bad = 0
    for folder in folders:
        one, n1, rc1 = claims([folder])
        two, n2, rc2 = claims([folder, "--workers", "2", "--partition-size", "5"])
        same = one == two and n1 == n2 and rc1 == rc2
        bad += not same
        print(f"{folder}: in-process {n1} claims (exit {rc1}), 2 workers {n2} claims (exit {rc2}): "
              f"{'EQUAL' if same else f'DIFFERENT ({len(one - two)} only in-process, {len(two - one)} only on Dask)'}",
              flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
