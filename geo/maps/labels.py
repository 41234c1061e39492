"""Province names and provincial capitals: the light label layer of every map.

A reader finds places on a map without tiles by its names. The labels come
from the installed boundaries (through the gazetteer: a point inside each
province, and each province's capital city point), so they work offline. They
are drawn small and light (the HTML map and the app as text markers that take
no clicks, the PNG as small text) so that they never hide the districts'
colours, unlike permanent tooltips.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["PlaceLabel", "district_aliases", "labels_payload", "place_labels"]


@dataclass(frozen=True)
class PlaceLabel:
    """One label: ``kind`` is ``province`` (its name inside it) or ``capital`` (a dot and the city's name)."""

    kind: str
    name: str
    lat: float
    lon: float
    adm1_pcode: str


def place_labels(gazetteer: Any = None, provinces: Iterable[str] | None = None) -> list[PlaceLabel]:
    """Every province's name and capital (only ``provinces``, if given), provinces first.

    With no gazetteer, the installed one; without installed boundaries, no labels.
    """
    if gazetteer is None:
        from geo.places.boundaries import BoundariesError
        from geo.places.gazetteer import load_gazetteer

        try:
            gazetteer = load_gazetteer()
        except BoundariesError:
            return []
    wanted = set(provinces) if provinces is not None else None
    names: list[PlaceLabel] = []
    capitals: list[PlaceLabel] = []
    for p in sorted((p for p in gazetteer.places.values() if p.level == "province"), key=lambda p: p.key):
        if wanted is not None and p.key not in wanted:
            continue
        at = gazetteer.centroid(p.key)
        if at is not None:
            names.append(PlaceLabel("province", p.name, float(at[0]), float(at[1]), p.key))
        city = gazetteer.capital_of(p.key)
        if city is not None and city.lat is not None and city.lon is not None:
            capitals.append(PlaceLabel("capital", city.name, float(city.lat), float(city.lon), p.key))
    return names + capitals


def labels_payload(labels: Iterable[PlaceLabel]) -> list[list[Any]]:
    """The labels as the map pages send them: [kind, name, lat, lon] (the page sets names as text)."""
    return [[lab.kind, " ".join(str(lab.name).split())[:80], round(lab.lat, 4), round(lab.lon, 4)]
            for lab in labels]


def district_aliases(gazetteer: Any = None, pcodes: Iterable[str] | None = None) -> dict[str, list[str]]:
    """District P-code -> the gazetteer's name keys for it (every spelling it knows), for the search box.

    The keys are already folded (``geo.places.normalize.name_key``); the page
    folds the typed text loosely (vowels, doubled letters) and compares. With
    no gazetteer, the installed one; without installed boundaries, none.
    """
    if gazetteer is None:
        from geo.places.boundaries import BoundariesError
        from geo.places.gazetteer import load_gazetteer

        try:
            gazetteer = load_gazetteer()
        except BoundariesError:
            return {}
    wanted = set(pcodes) if pcodes is not None else None
    out: dict[str, set[str]] = {}
    for key, entries in gazetteer.index.items():
        for e in entries:
            place = gazetteer.places.get(e.place_key)
            if place is None or place.level != "district" or (wanted is not None and place.key not in wanted):
                continue
            out.setdefault(place.key, set()).add(key)
    return {k: sorted(v) for k, v in sorted(out.items())}
