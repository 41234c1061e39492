"""A killed ingest never breaks the store nor loses a committed article."""

from __future__ import annotations

import os

from tests._storedata import crash_kill

ITERATIONS = int(os.environ.get("TCMAP_CRASH_ITERATIONS", "25"))


def test_store_survives_sigkill_at_random_points(tmp_path):
    figures = crash_kill(tmp_path / "home", ITERATIONS, seed=20210623)
    # Most kills must land while the ingest is running, or the test proves little.
    assert figures["killed_while_running"] >= ITERATIONS * 0.8, figures
    assert figures["committed"] > 0
