"""Shared fixtures.

Fixture data is made by code in temporary folders. The one exception is the
official boundaries, which are installed (never committed), in the folder tcmap
uses (``geo.places.boundaries.cache_dir()``): the ``boundaries`` fixture installs
them once from ``$TCMAP_BOUNDARIES_SOURCE`` or the ``../shared/data/boundaries``
mirror beside the checkout when they are missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_MIRROR = REPO.parent / "shared" / "data" / "boundaries"


@pytest.fixture(scope="session")
def boundaries() -> Path:
    """Make sure the boundaries are installed; return the cache folder."""
    from geo.places import boundaries as b

    if not b.is_installed():
        source = os.environ.get(b.ENV_SOURCE) or (str(SHARED_MIRROR) if SHARED_MIRROR.is_dir() else None)
        if source is None:
            pytest.skip("boundaries not installed and no mirror at ../shared/data/boundaries")
        b.install(source)
    return b.cache_dir()


@pytest.fixture(scope="session")
def districts(boundaries):
    from geo.places.boundaries import load_districts

    return load_districts()


@pytest.fixture(scope="session")
def gazetteer(boundaries):
    from geo.places.gazetteer import load_gazetteer

    return load_gazetteer()


CHROMIUM = Path("/usr/bin/chromium")


def pytest_configure(config) -> None:
    """Pin the boundaries folder for the session.

    It is the folder tcmap would use here (``$TCMAP_BOUNDARIES_DIR``, else
    ``$TCMAP_HOME/boundaries``, else the user data folder); pinning it keeps the
    boundaries found by tests that point ``$TCMAP_HOME`` at a temporary store,
    and by the processes they start.
    """
    from geo.places import boundaries as b

    os.environ[b.ENV_DIR] = str(b.cache_dir())


def pytest_sessionstart(session) -> None:
    """In CI a missing browser must fail loudly, not turn browser tests into skips."""
    if os.environ.get("TCMAP_REQUIRE_BROWSER") and not CHROMIUM.exists():
        raise pytest.UsageError(
            "TCMAP_REQUIRE_BROWSER is set but /usr/bin/chromium is missing: "
            "run `make browser` (apt-get install chromium) first."
        )
