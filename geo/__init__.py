"""tcmap: news reports in, a dated map of territorial control out.

The data flows one way: articles -> mentions -> claims -> timeline -> map.
Each stage is a module of this package; files, network and UI stay at the edges
(``cli.py``, ``boundaries.install``, ``store.py`` and ``app.py``).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
