"""Small, gap-free map geometry for the HTML map and the static PNG.

The AGCHO districts carry about 277 000 vertices; a web map needs about a tenth.
Simplifying each polygon on its own would open slivers between neighbours, so
the districts are simplified as one *coverage* (``shapely.coverage_simplify``:
shared edges are simplified once, identically on both sides). The simplified
coordinates are then quantised to an integer grid; a shared vertex lands on
the same grid point from both sides, so neighbours stay gap-free. Province and
country outlines are unions of the simplified districts, so they line up
exactly with the district edges.

Each ring is stored as integers, the first vertex absolute and the rest as
differences from the previous one: short numbers, a small file.

The encoded result is cached as JSON in the boundaries cache folder
(``geo.places.boundaries.cache_dir()``), keyed on the installed districts file, so the
simplification runs once per install.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEFAULT_SCALE",
    "DEFAULT_TOLERANCE",
    "MapGeometry",
    "build_map_geometry",
    "decode_geometry",
    "encode_geometry",
    "load_map_geometry",
    "simplified_districts",
    "simplify_coverage",
    "to_topojson",
]

DEFAULT_TOLERANCE = 0.01  # degrees, about 1 km: invisible at country scale
DEFAULT_SCALE = 1000  # grid of 0.001 degree (about 100 m) for the quantised vertices
CACHE_VERSION = 1

Encoded = list[list[list[int]]]  # polygons -> rings -> flat [x0, y0, dx1, dy1, ...]


@dataclass(frozen=True)
class MapGeometry:
    """Encoded geometry for a web map; coordinates are integers, x = lon * scale."""

    scale: int
    tolerance: float
    districts: dict[str, Encoded]
    provinces: dict[str, Encoded]
    country: Encoded
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max

    def to_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "tolerance": self.tolerance,
            "districts": self.districts,
            "provinces": self.provinces,
            "country": self.country,
            "bounds": list(self.bounds),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> MapGeometry:
        return cls(
            scale=int(raw["scale"]),
            tolerance=float(raw["tolerance"]),
            districts=raw["districts"],
            provinces=raw["provinces"],
            country=raw["country"],
            bounds=tuple(raw["bounds"]),  # type: ignore[arg-type]
        )

    def subset(self, adm2_pcodes: set[str]) -> MapGeometry:
        """Only some districts (the provinces and country outline stay whole)."""
        return MapGeometry(
            self.scale,
            self.tolerance,
            {k: v for k, v in self.districts.items() if k in adm2_pcodes},
            self.provinces,
            self.country,
            self.bounds,
        )


def simplify_coverage(geoms: Any, tolerance: float) -> Any:
    """Simplify polygons that tile the plane without opening gaps between them."""
    import shapely

    if tolerance < 0:
        raise ValueError(f"Expected a tolerance >= 0 (degrees), instead got: {tolerance!r}.")
    arr = shapely.make_valid(shapely.from_wkb(shapely.to_wkb(geoms)))
    return shapely.coverage_simplify(arr, tolerance) if tolerance > 0 else arr


def _polygons(geom: Any) -> list[Any]:
    if geom is None or geom.is_empty:
        return []
    kind = geom.geom_type
    if kind == "Polygon":
        return [geom]
    if kind in ("MultiPolygon", "GeometryCollection"):
        return [p for g in geom.geoms for p in _polygons(g)]
    return []  # lines and points left over by make_valid have no area to draw


def _ring(coords: Any, scale: int) -> list[int]:
    out: list[int] = []
    px = py = 0
    last: tuple[int, int] | None = None
    for x, y in coords:
        q = (round(x * scale), round(y * scale))
        if q == last:
            continue  # quantising merged two vertices
        out += (q[0] - px, q[1] - py)
        px, py = q
        last = q
    return out


def encode_geometry(geom: Any, scale: int = DEFAULT_SCALE) -> Encoded:
    """Polygons of a (multi)polygon as quantised, delta-coded integer rings."""
    polys: Encoded = []
    for p in _polygons(geom):
        rings = [_ring(p.exterior.coords, scale)] + [_ring(r.coords, scale) for r in p.interiors]
        rings = [r for r in rings if len(r) >= 6]  # a ring needs three distinct points
        if rings:
            polys.append(rings)
    return polys


def decode_geometry(encoded: Encoded, scale: int) -> Any:
    """Back to a shapely (Multi)Polygon; used by tests and for checking."""
    from shapely.geometry import MultiPolygon, Polygon

    polys = []
    for rings in encoded:
        decoded = []
        for r in rings:
            x = y = 0
            pts = []
            for i in range(0, len(r), 2):
                x += r[i]
                y += r[i + 1]
                pts.append((x / scale, y / scale))
            decoded.append(pts)
        polys.append(Polygon(decoded[0], decoded[1:]))
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def build_map_geometry(
    districts: gpd.GeoDataFrame,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    scale: int = DEFAULT_SCALE,
) -> MapGeometry:
    """Encode a district coverage (adm2_pcode, adm1_pcode, geometry) for the web map."""
    import shapely

    if not isinstance(scale, int) or scale <= 0:
        raise ValueError(f"Expected a positive whole number for scale, instead got: {scale!r}.")
    for col in ("adm2_pcode", "adm1_pcode", "geometry"):
        if col not in districts.columns:
            raise ValueError(
                f"Expected a {col!r} column in the districts, found: {list(districts.columns)!r}."
            )
    simple = simplify_coverage(districts.geometry.values, tolerance)
    codes = [str(c) for c in districts["adm2_pcode"]]
    adm1 = [str(c) for c in districts["adm1_pcode"]]
    enc_d = {c: encode_geometry(g, scale) for c, g in zip(codes, simple)}
    enc_p: dict[str, Encoded] = {}
    for p in sorted(set(adm1)):
        parts = [g for g, a in zip(simple, adm1) if a == p]
        enc_p[p] = encode_geometry(shapely.union_all(parts, grid_size=1 / scale), scale)
    country = shapely.union_all(simple, grid_size=1 / scale)
    minx, miny, maxx, maxy = shapely.total_bounds(simple)
    return MapGeometry(
        scale, float(tolerance), enc_d, enc_p, encode_geometry(country, scale),
        (float(minx), float(miny), float(maxx), float(maxy)),
    )  # fmt: skip


def _source_key(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


@lru_cache(maxsize=4)
def _load_cached(base: str, key: str, tolerance: float, scale: int) -> MapGeometry:
    from geo.places.boundaries import load_districts

    cache = Path(base) / f"mapgeom-v{CACHE_VERSION}-{tolerance:g}-{scale}.json"
    if cache.is_file():
        try:
            raw = json.loads(cache.read_text(encoding="utf-8"))
            if raw.get("key") == key:
                return MapGeometry.from_json(raw["geometry"])
        except (OSError, ValueError, KeyError):
            pass  # a broken or foreign cache file is rebuilt below
    geom = build_map_geometry(load_districts(base), tolerance=tolerance, scale=scale)
    payload = json.dumps({"key": key, "geometry": geom.to_json()}, separators=(",", ":"))
    # A file of its own, then an atomic rename: processes building it at once
    # (workers, the app and a command) each replace a whole file, never half of one.
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=base, prefix=".mapgeom-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; other users may share the folder
        os.replace(tmp, cache)
        tmp = None
    except OSError:
        pass  # a read-only cache folder only costs the rebuild next time
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return geom


def load_map_geometry(
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    scale: int = DEFAULT_SCALE,
    dir: str | os.PathLike | None = None,
) -> MapGeometry:
    """The installed districts (in ``dir``, default the boundaries folder), simplified and
    encoded; cached on disk beside them and in memory."""
    from geo.places.boundaries import BoundariesNotInstalled, cache_dir, install_hint

    base = cache_dir(dir)
    src = base / "districts.parquet"
    if not src.is_file():
        raise BoundariesNotInstalled(f"{install_hint(dir)}\n(missing: {src})")
    return _load_cached(str(base), _source_key(src), float(tolerance), int(scale))


def simplified_districts(tolerance: float = 0.002) -> gpd.GeoDataFrame:
    """The installed districts, coverage-simplified (for static maps that need no full detail)."""
    from geo.places.boundaries import load_districts

    gdf = load_districts()
    gdf["geometry"] = simplify_coverage(gdf.geometry.values, tolerance)
    return gdf


def to_topojson(
    districts: gpd.GeoDataFrame,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    quantization: int = 100_000,
) -> dict:
    """The districts as a quantised TopoJSON topology (shared arcs, simplified once)."""
    import topojson

    cols = [
        c for c in ("adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name") if c in districts.columns
    ]
    topo = topojson.Topology(
        districts[cols + ["geometry"]],
        toposimplify=tolerance,
        prequantize=quantization,
        object_name="districts",
    )
    return json.loads(topo.to_json())
