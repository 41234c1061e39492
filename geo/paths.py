"""Where tcmap keeps its data on this machine: the store and the installed boundaries.

One folder, the same for the store, the app and every command:

1. ``$TCMAP_HOME`` when it is set;
2. else the platform's per-user data folder for "tcmap" (``platformdirs``):
   ``~/.local/share/tcmap`` on Linux (``$XDG_DATA_HOME/tcmap`` when that is set),
   ``~/Library/Application Support/tcmap`` on macOS, ``%LOCALAPPDATA%\\tcmap`` on Windows.

Inside it: ``tcmap.sqlite3`` (the store, ``geo.app.store``) and ``boundaries/``
(the installed boundaries and the caches derived from them,
``geo.places.boundaries.cache_dir``). Never inside the package or the checkout,
so a tcmap installed from a wheel works, and several installs share one copy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "tcmap"
ENV_HOME = "TCMAP_HOME"


def user_data_dir() -> Path:
    """The platform's per-user data folder for tcmap (whatever ``$TCMAP_HOME`` says)."""
    try:
        import platformdirs
    except ImportError:  # a declared dependency; the fallback keeps an old env working
        return _fallback_user_data_dir()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _fallback_user_data_dir() -> Path:
    """What ``platformdirs.user_data_dir("tcmap", appauthor=False)`` answers, from the stdlib."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / APP_NAME


def tcmap_home() -> Path:
    """The data folder: ``$TCMAP_HOME``, else :func:`user_data_dir`."""
    env = os.environ.get(ENV_HOME, "").strip()
    return Path(env).expanduser() if env else user_data_dir()
