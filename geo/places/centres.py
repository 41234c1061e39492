"""Which point places are district centres.

A report that the Taliban took a district's centre (its seat, the town with the
district offices) is read as the district changing hands; a report about any
other place inside it (a border crossing, a dam, a base, a village) is not
(see rule 3 of :mod:`geo.timeline.build`). This module says which is which:

- a point named like its district ("Spin Boldak" inside Spin Boldak) is its centre;
- every provincial capital (the gazetteer's city points) is the centre of its district;
- a GeoNames town whose name says it is a district seat ("Alaqahdari ...",
  "Wuluswali ...", "Markaz-e Hukumat-e ...") is its district's centre;
- ``geo/data/centres.csv`` lists seats with a name of their own (Gereshk for
  Nahr-e Saraj); add a line there (``adm2_pcode,name,source``) to teach another.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.places.normalize import name_key

__all__ = ["CENTRES_CSV", "DistrictCentres", "district_centres", "read_centres_csv"]

CENTRES_CSV = Path(__file__).resolve().parents[1] / "data" / "centres.csv"
_SEAT_WORDS = re.compile(r"\b(?:alaqahdari|alaqadari|wuluswali|woluswali|markaz)\b", re.IGNORECASE)


def _key(name: str) -> str:
    try:
        return name_key(name)
    except TypeError:
        return ""


@dataclass(frozen=True)
class DistrictCentres:
    """Point places that speak for their whole district.

    ``keys`` are gazetteer place keys (``pt:herat-city``); ``named`` are
    (district P-code, name key) pairs, which also match claims read back from a
    dataset without their place key.
    """

    keys: frozenset[str] = frozenset()
    named: frozenset[tuple[str, str]] = frozenset()

    def is_centre(self, place_key: str, place_name: str, adm2_pcode: str | None,
                  adm2_name: str | None = None) -> bool:
        """True if the point is the centre of district ``adm2_pcode``."""
        if place_key and place_key in self.keys:
            return True
        key = _key(place_name or "")
        if not key:
            return False
        if adm2_name and key == _key(adm2_name):
            return True
        return (adm2_pcode or "", key) in self.named


def read_centres_csv(path: str | Path = CENTRES_CSV) -> list[tuple[str, str]]:
    """The (district P-code, name) lines of a centres file; a bad line raises ValueError naming it."""
    path = Path(path)
    out = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = {"adm2_pcode", "name"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path.name}: expected columns {sorted(missing)}, instead got: {reader.fieldnames!r}.")
        for i, row in enumerate(reader, start=2):
            code, name = (row.get("adm2_pcode") or "").strip(), (row.get("name") or "").strip()
            if not re.fullmatch(r"AF\d{4}", code) or not name:
                raise ValueError(f"{path.name} line {i}: expected a district P-code and a name, instead got: {row!r}.")
            out.append((code, name))
    return out


def district_centres(gazetteer: Any = None, extra: Iterable[tuple[str, str]] = ()) -> DistrictCentres:
    """District centres from ``centres.csv``, ``extra`` (P-code, name) pairs and, if given, the gazetteer.

    From the gazetteer come the provincial capitals and the towns whose own
    name marks them as a district seat.
    """
    keys: set[str] = set()
    named = {(c, _key(n)) for c, n in (*_csv_pairs(), *extra)}
    if gazetteer is not None:
        keys.update(gazetteer.capitals.values())
        for p in gazetteer.places.values():
            if p.level != "point" or not p.adm2_pcode:
                continue
            if p.kind == "city" or _SEAT_WORDS.search(p.name) or _key(p.name) == _key(p.adm2_name or ""):
                keys.add(p.key)
                named.add((p.adm2_pcode, _key(p.name)))
    return DistrictCentres(frozenset(keys), frozenset(x for x in named if x[1]))


@lru_cache(maxsize=1)
def _csv_pairs() -> tuple[tuple[str, str], ...]:
    return tuple(read_centres_csv())
