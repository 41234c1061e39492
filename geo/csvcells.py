"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Article text, ids and names are untrusted: a cell starting with ``=``, ``+``,
``-`` or ``@`` (or a tab, carriage return or line feed, which some
spreadsheets skip before looking for one; or the full-width forms of those
signs) would run as a formula when an analyst opens the file in Excel or
LibreOffice (OWASP "CSV injection"). Every CSV writer in tcmap goes through
``safe_cell``, so the guard lives in one place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["FORMULA_START", "SafeDictWriter", "safe_cell", "safe_writer"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text that could start a formula gets a leading apostrophe.

    Numbers stay numbers (a negative longitude is data, not a formula); None
    becomes an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell passes through ``safe_cell``."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


class _SafeWriter:
    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(handle: Any, **kwargs: Any) -> _SafeWriter:
    """``csv.writer`` whose every cell passes through ``safe_cell``."""
    return _SafeWriter(csv.writer(handle, **kwargs))
