"""A district from a name typed in a table: the gazetteer's matching, for spreadsheets.

A reference table (Long War Journal, ACLED, AAN, a newsroom's sheet) names
districts the way its authors spell them: ``Khajaghar``, ``Kuhsan``, the old
``Tashkurgan`` for Khulm, ``Lashkar Gah`` for the capital's district. The
gazetteer already folds those spellings (:func:`geo.places.normalize.name_key`)
and knows the renames (``geo/data/crosswalk.csv``); this module only decides
which *district* a name in a cell stands for, with the province to tell
same-named districts apart (Jani Khel of Paktia and of Paktika), and says in
words why a name stands for none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.models import Place
from geo.places.gazetteer import Gazetteer
from geo.places.normalize import name_key

__all__ = ["NameMatch", "district_by_name", "province_by_name"]

PCODE_DISTRICT = re.compile(r"^AF\d{4}$", re.IGNORECASE)
PCODE_PROVINCE = re.compile(r"^AF\d{2}$", re.IGNORECASE)
# words a table writes after the name that are not part of it ("Jani Khel district")
_TRAILING = re.compile(r"[\s,]+(district|districts|distt|wuleswali|woluswali|uluswali|centre|center)\.?$",
                       re.IGNORECASE)
_PAREN = re.compile(r"^(?P<name>.*?)\s*\((?P<prov>[^()]+)\)\s*$")
_SUGGEST_SCORE = 80.0


@dataclass(frozen=True)
class NameMatch:
    """What a typed name stands for: a district place, or None and the reason in words."""

    name: str
    district: Place | None
    reason: str = ""

    @property
    def adm2_pcode(self) -> str | None:
        return self.district.adm2_pcode if self.district else None


def province_by_name(gaz: Gazetteer, text: str) -> Place | None:
    """A province from its P-code (``AF13``) or any usual spelling (``Paktia``, ``Paktya province``)."""
    text = text.strip()
    if PCODE_PROVINCE.match(text):
        p = gaz.places.get(text.upper())
        return p if p is not None and p.level == "province" else None
    return gaz.province_named(text) if text else None


def district_by_name(gaz: Gazetteer, name: str, province: str | None = None) -> NameMatch:
    """The district ``name`` denotes, within ``province`` (name or P-code) when one is given.

    A P-code (``AF1809``) is taken as it is. A name is looked up in every
    spelling the gazetteer knows; a provincial capital written as the city
    (``Lashkar Gah``) stands for its district. A name borne by several
    districts needs the province; a crossing, town or province is not a
    district, and the reason says what it is instead.

    >>> district_by_name(gaz, "Khajaghar").adm2_pcode  # doctest: +SKIP
    'AF1809'
    """
    raw = name.strip()
    if not raw:
        return NameMatch(name, None, "the district name is empty")
    if PCODE_DISTRICT.match(raw):
        p = gaz.places.get(raw.upper())
        if p is None or p.level != "district":
            return NameMatch(name, None, f"{raw!r} is not a district P-code of the boundaries")
        return NameMatch(name, p)

    m = _PAREN.match(raw)
    if m and not province:  # "Nawa (Helmand)"
        raw, province = m.group("name"), m.group("prov")
    raw = _TRAILING.sub("", raw).strip() or raw

    prov: Place | None = None
    if province and province.strip():
        prov = province_by_name(gaz, province)
        if prov is None:
            return NameMatch(name, None, f"the province {province.strip()!r} is not a province of the gazetteer")

    found = gaz.lookup(raw)
    districts = _unique(p for p in found if p.level == "district")
    if not districts:  # "Lashkar Gah", "Herat City": the capital's district
        districts = _unique(_district_of(gaz, p) for p in found if p.level == "point" and p.kind == "city")
    if prov is not None:
        inside = [d for d in districts if d.adm1_pcode == prov.adm1_pcode]
        if not inside:
            if districts:
                elsewhere = ", ".join(_label(d) for d in districts)
                return NameMatch(name, None, f"no district of this name in {prov.adm1_name}; "
                                             f"the name is borne by {elsewhere}")
            return NameMatch(name, None, _not_a_district(gaz, raw, found, prov))
        districts = inside
    if len(districts) == 1:
        return NameMatch(name, districts[0])
    if len(districts) > 1:
        options = ", ".join(_label(d) for d in districts)
        return NameMatch(name, None, f"several districts bear this name ({options}): give the province")
    return NameMatch(name, None, _not_a_district(gaz, raw, found, prov))


def _unique(places) -> list[Place]:
    out: dict[str, Place] = {}
    for p in places:
        if p is not None:
            out.setdefault(p.key, p)
    return [out[k] for k in sorted(out)]


def _district_of(gaz: Gazetteer, point: Place) -> Place | None:
    p = gaz.places.get(point.adm2_pcode or "")
    return p if p is not None and p.level == "district" else None


def _label(d: Place) -> str:
    return f"{d.name} of {d.adm1_name} ({d.key})"


def _not_a_district(gaz: Gazetteer, raw: str, found: list[Place], prov: Place | None) -> str:
    """Why nothing matched: what the name is instead, or the nearest district names."""
    for p in found:
        if p.level == "province":
            return f"{p.name} is a province, not a district"
    for p in found:
        if p.level == "point" and (prov is None or p.adm1_pcode == prov.adm1_pcode):
            kind = p.kind or "place"
            return f"{p.name} is a {kind} in {p.adm2_name} district ({p.adm2_pcode}), not a district"
    hint = _suggest(gaz, raw, prov)
    return "no district of the gazetteer bears this name" + (f" (nearest: {hint})" if hint else "")


def _suggest(gaz: Gazetteer, raw: str, prov: Place | None) -> str:
    from rapidfuzz import fuzz, process

    key = name_key(raw)
    if not key:
        return ""
    pool = {p.key: name_key(p.name) for p in gaz.places.values()
            if p.level == "district" and (prov is None or p.adm1_pcode == prov.adm1_pcode)}
    best = process.extract(key, pool, scorer=fuzz.ratio, limit=3, score_cutoff=_SUGGEST_SCORE)
    return ", ".join(_label(gaz.places[pc]) for _, _, pc in best)
