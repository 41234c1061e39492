"""A reference table of district control (district x date), read into (P-code, day, status) rows.

Analysts check a control map against someone else's: Long War Journal's
district list, ACLED events coded by hand, AAN's tallies, a newsroom
spreadsheet. Those come as CSV in one of two layouts:

- **long**: one row per observation, with a ``district`` name or a ``pcode``
  (optional ``province`` to tell same-named districts apart), a ``date`` and a
  ``status`` (``taliban`` / ``government`` / ``contested``, or ``1`` / ``0`` for
  Taliban / government). A capture list may leave ``status`` out when read as
  one-sided: every row is then a capture.
- **wide**: one row per district and one column per date (``2021-07-01``); a
  cell holds the status on that day, an empty cell says nothing.

Names go through the gazetteer (:func:`geo.places.names.district_by_name`), so
``Khajaghar``, ``Kuhsan`` or the old ``Tashkurgan`` find their district; names
that find none are listed with the reason and their lines, not guessed. A
malformed table (no header, a missing column, a bad date or status) raises
:class:`ReferenceTableError` naming the file and line of every problem: figures
computed from a silently trimmed table would mislead.

:func:`parse_reference` is pure over the text; :func:`read_reference` reads the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from geo.places.gazetteer import Gazetteer
from geo.places.names import district_by_name

__all__ = [
    "Reference",
    "ReferenceRow",
    "ReferenceTableError",
    "Unmatched",
    "parse_reference",
    "parse_status",
    "read_reference",
]

REFERENCE_STATUSES = ("taliban", "government", "contested")
_STATUS_WORDS = {
    "taliban": "taliban", "t": "taliban", "1": "taliban", "1.0": "taliban", "tb": "taliban",
    "taliban control": "taliban", "taliban controlled": "taliban", "captured": "taliban", "fallen": "taliban",
    "government": "government", "gov": "government", "govt": "government", "g": "government",
    "0": "government", "0.0": "government", "government control": "government",
    "government controlled": "government", "afghan government": "government", "anda": "government",
    "contested": "contested", "c": "contested", "disputed": "contested",
}  # fmt: skip
# header aliases, after folding case, spaces and hyphens to "_"
_COLUMNS = {
    "pcode": ("pcode", "adm2_pcode", "district_pcode", "p_code", "district_p_code"),
    "district": ("district", "district_name", "adm2_name", "adm2_en", "name"),
    "province": ("province", "province_name", "adm1_name", "adm1_en", "adm1_pcode", "province_pcode"),
    "date": ("date", "day", "event_date", "as_of"),
    "status": ("status", "control", "controller", "controlled_by"),
}
_MONTHS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_DMY = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
MAX_PROBLEMS_SHOWN = 12


class ReferenceTableError(ValueError):
    """The table cannot be read as a reference; ``problems`` are ``FILE:LINE: what`` lines."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        text = "\n".join(shown) + (f"\n... and {more} more problem{'s' if more != 1 else ''}" if more else "")
        super().__init__(text)


@dataclass(frozen=True)
class ReferenceRow:
    """One observation of the reference: district ``adm2_pcode`` was ``status`` on ``day``."""

    adm2_pcode: str
    day: date
    status: str
    line: int
    name: str = ""  # as written in the table (name or P-code)


@dataclass(frozen=True)
class Unmatched:
    """A name (with its province, if given) that stands for no district, the reason and its lines."""

    name: str
    province: str
    reason: str
    lines: tuple[int, ...]


@dataclass
class Reference:
    """A reference table read: its rows, the names it could not place, the columns it did not use."""

    source: str
    layout: str  # "long" or "wide"
    rows: list[ReferenceRow]
    unmatched: list[Unmatched] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def unmatched_rows(self) -> int:
        return sum(len(u.lines) for u in self.unmatched)

    def summary(self) -> str:
        n = len(self.rows)
        districts = len({r.adm2_pcode for r in self.rows})
        days = sorted({r.day for r in self.rows})
        span = f", {days[0]} to {days[-1]}" if days else ""
        out = (f"{self.source}: {n} row{'s' if n != 1 else ''} ({self.layout}), "
               f"{districts} district{'s' if districts != 1 else ''}{span}")
        if self.unmatched:
            out += f"; {len(self.unmatched)} name(s) matched no district ({self.unmatched_rows} rows left out)"
        return out


def parse_status(value: str) -> str | None:
    """``taliban`` / ``government`` / ``contested`` from the ways tables write them, or None."""
    return _STATUS_WORDS.get(re.sub(r"[\s_\-]+", " ", value.strip().casefold()))


def parse_day(value: str) -> date:
    """A day as tables write it: ISO (a time part is ignored), ``2021/07/01``, ``1 July 2021``.

    Day-first and month-first numbers (``01/07/2021``) are refused: which is
    which cannot be told from the cell.
    """
    v = value.strip()
    m = _ISO.match(v)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as e:
            raise ValueError(f"{v!r} is not a real day ({e})") from None
    if _DMY.match(v):
        raise ValueError(f"{v!r} could be day/month or month/day: write it as YYYY-MM-DD")
    for fmt in _MONTHS:
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"expected a date as YYYY-MM-DD, instead got: {v!r}")


def _fold_header(h: str) -> str:
    return re.sub(r"[\s\-]+", "_", h.strip().casefold()).strip("_")


def _delimiter(first_line: str) -> str:
    if "," in first_line:
        return ","
    for d in (";", "\t"):
        if d in first_line:
            return d
    return ","


def read_reference(path: str | Path, gazetteer: Gazetteer, *, one_sided: bool = False) -> Reference:
    """Read a reference CSV file (UTF-8, a BOM allowed); see :func:`parse_reference`."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReferenceTableError([f"{p}: cannot be read ({e.strerror or e})"]) from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ReferenceTableError([f"{p}:{line}: not UTF-8 text (byte {data[e.start]:#04x}): save the table as CSV UTF-8"]) from e
    return parse_reference(text, str(p), gazetteer, one_sided=one_sided)


def parse_reference(text: str, source: str, gazetteer: Gazetteer, *, one_sided: bool = False) -> Reference:
    """Rows of a reference table in the long or the wide layout (module docstring).

    ``source`` names the table in messages (``FILE:LINE: ...``). With
    ``one_sided`` a long table may have no ``status`` column: each row is a
    capture (``taliban``).
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ReferenceTableError([(f"{source}:1: the file is empty: expected a header line such as "
                                    f"'district,province,date,status' or 'district,2021-07-01,2021-08-01'")])
    first = text.lstrip("\r\n").splitlines()[0]
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_line = 0
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = cells, reader.line_num
        else:
            records.append((reader.line_num, cells))
    assert header is not None
    return _Parser(source, gazetteer, one_sided).parse(header, header_line, records)


class _Parser:
    def __init__(self, source: str, gazetteer: Gazetteer, one_sided: bool) -> None:
        self.source = source
        self.gaz = gazetteer
        self.one_sided = one_sided
        self.problems: list[str] = []
        self._names: dict[tuple[str, str], tuple[str | None, str]] = {}
        self._unmatched: dict[tuple[str, str], list[int]] = {}

    def problem(self, line: int, what: str) -> None:
        self.problems.append(f"{self.source}:{line}: {what}")

    def parse(self, header: list[str], header_line: int, records: list[tuple[int, list[str]]]) -> Reference:
        roles: dict[str, int] = {}
        dates: list[tuple[int, date]] = []
        ignored: list[str] = []
        seen: dict[str, int] = {}
        for i, h in enumerate(header):
            folded = _fold_header(h)
            if not folded:
                if any(i < len(cells) and cells[i].strip() for _, cells in records):
                    self.problem(header_line, f"column {i + 1} has values but no header")
                continue
            if folded in seen:
                self.problem(header_line, f"the header {h.strip()!r} appears twice (columns {seen[folded] + 1} and {i + 1})")
                continue
            seen[folded] = i
            role = next((r for r, names in _COLUMNS.items() if folded in names), None)
            if role is not None:
                roles[role] = i
                continue
            try:
                dates.append((i, parse_day(h)))
            except ValueError as e:
                if re.search(r"\d", h):
                    self.problem(header_line, f"the header {h.strip()!r} is neither a district, province, date "
                                              f"or status column nor a date column: {e}")
                else:
                    ignored.append(h.strip())
        if "district" not in roles and "pcode" not in roles:
            self.problem(header_line, f"expected a 'district' (name) or 'pcode' column, instead got the header: "
                                      f"{[h.strip() for h in header]!r}")
        layout = "long" if "date" in roles else "wide"
        if layout == "long":
            if dates:
                self.problem(header_line, "the table has a 'date' column and date columns "
                                          f"({', '.join(str(d) for _, d in dates)}): use one layout, long or wide")
            if "status" not in roles and not self.one_sided:
                self.problem(header_line, "expected a 'status' column (taliban, government, contested, or 1/0); "
                                          "a list of captures without one is read with --one-sided")
        elif not dates:
            self.problem(header_line, "expected 'date' and 'status' columns (long layout) or one column per "
                                      f"date such as 2021-07-01 (wide layout), instead got the header: "
                                      f"{[h.strip() for h in header]!r}")
        if "status" in roles and layout == "wide":
            self.problem(header_line, "a 'status' column without a 'date' column: add the date of each row")
        if not records and not self.problems:
            self.problem(header_line, "the table has a header and no rows")
        if self.problems:
            raise ReferenceTableError(self.problems)

        rows: list[ReferenceRow] = []
        for line, cells in records:
            def cell(role: str, cells=cells) -> str:
                i = roles.get(role)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            pcode = self._district(line, cell("pcode"), cell("district"), cell("province"))
            written = cell("pcode") or cell("district")
            if layout == "long":
                day = self._day(line, cell("date"))
                raw = cell("status")
                status = self._status(line, raw, "status") if (raw or "status" in roles) else "taliban"
                if pcode and day and status:
                    rows.append(ReferenceRow(pcode, day, status, line, written))
            else:
                for i, day in dates:
                    raw = cells[i].strip() if i < len(cells) else ""
                    if not raw:
                        continue
                    status = self._status(line, raw, f"column {header[i].strip()!r}")
                    if pcode and status:
                        rows.append(ReferenceRow(pcode, day, status, line, written))
        rows = self._dedupe(rows)
        if self.problems:
            raise ReferenceTableError(self.problems)
        unmatched = [Unmatched(n, p, self._names[(n, p)][1], tuple(lines))
                     for (n, p), lines in self._unmatched.items()]
        return Reference(self.source, layout, sorted(rows, key=lambda r: (r.day, r.adm2_pcode, r.line)),
                         unmatched, ignored)

    def _district(self, line: int, pcode: str, name: str, province: str) -> str | None:
        written = pcode or name
        if not written:
            self.problem(line, "no district name or P-code in this row")
            return None
        key = (written, province)
        if key not in self._names:
            m = district_by_name(self.gaz, written, province or None)
            self._names[key] = (m.adm2_pcode, m.reason)
        found = self._names[key][0]
        if found is None:
            self._unmatched.setdefault(key, []).append(line)
        return found

    def _day(self, line: int, value: str) -> date | None:
        if not value:
            self.problem(line, "the date is empty")
            return None
        try:
            return parse_day(value)
        except ValueError as e:
            self.problem(line, str(e))
            return None

    def _status(self, line: int, value: str, where: str) -> str | None:
        status = parse_status(value)
        if status is None:
            self.problem(line, f"expected a status taliban, government, contested (or 1/0) in {where}, "
                               f"instead got: {value!r}")
        return status

    def _dedupe(self, rows: list[ReferenceRow]) -> list[ReferenceRow]:
        """One row per district and day; two rows that disagree are a problem, not a choice."""
        kept: dict[tuple[str, date], ReferenceRow] = {}
        for r in rows:
            prev = kept.get((r.adm2_pcode, r.day))
            if prev is None:
                kept[(r.adm2_pcode, r.day)] = r
            elif prev.status != r.status:
                self.problem(r.line, f"{r.name or r.adm2_pcode} ({r.adm2_pcode}) on {r.day} is {r.status} here "
                                     f"but {prev.status} on line {prev.line}")
        return list(kept.values())
