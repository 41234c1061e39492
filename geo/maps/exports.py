"""District status tables, ACLED-style claim tables and static PNG maps.

These are the edges where the timeline leaves tcmap: QGIS reads the GeoJSON or
GeoPackage, spreadsheets the CSV, conflict analysts the ACLED-style CSV, and
report writers the PNG.

CSV cells go through ``geo.csvcells`` (one guard for every CSV tcmap writes):
article text must never run as a spreadsheet formula when the file is opened
in Excel or LibreOffice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.csvcells import SafeDictWriter, safe_writer
from geo.ingest.copies import with_stories
from geo.ingest.outlets import claim_outlet, claim_title
from geo.models import STATUSES, Claim
from geo.timeline.build import Timeline, claim_day
from geo.timeline.corroboration import corroboration_text

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "ACLED_COLUMNS",
    "POINT_COLUMNS",
    "SOURCE_COLUMNS",
    "STATUS_COLUMNS",
    "STATUS_FORMATS",
    "acled_rows",
    "points_frame",
    "points_path",
    "status_frame",
    "write_acled",
    "write_png",
    "write_status",
]

# Who says so, in words a reader can check: the independent sources behind the
# status and the newest piece of evidence (its sentence, outlet, title, URL).
SOURCE_COLUMNS = (
    "n_sources", "single_source", "sources", "corroboration", "evidence", "evidence_outlet",
    "evidence_title", "evidence_url",
)  # fmt: skip
STATUS_COLUMNS = (
    "adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name", "date", "status", "since",
    "unconfirmed", "stale", "overridden", "basis", "n_claims", "last_claim", "articles", "note",
    *SOURCE_COLUMNS,
)  # fmt: skip
POINT_COLUMNS = (
    "key", "name", "adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name", "date", "status", "since",
    "unconfirmed", "stale", "centre", "n_claims", "last_claim", "articles", "lat", "lon",
    *SOURCE_COLUMNS,
)  # fmt: skip
ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "source", "notes",
)  # fmt: skip
STATUS_FORMATS = ("geojson", "gpkg", "csv")
ACLED_EVENT_TYPE = "Battles"
ACLED_SUB_EVENT = {
    "taliban": "Non-state actor overtakes territory",
    "government": "Government regains territory",
    "contested": "Armed clash",
}
ACLED_ACTOR = {
    "taliban": "Taliban",
    "government": "Military Forces of Afghanistan (2014-2021)",
    "contested": "Taliban",  # ACLED lists the attacker first; in these reports that is the Taliban
}
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "unknown": 3}
_HATCHED = ("taliban", "government", "contested")


def source_fields(status: Any) -> dict[str, Any]:
    """The SOURCE_COLUMNS of a district or point status: its sources and its newest evidence."""
    ev = list(status.evidence)
    newest = max(ev, key=lambda c: (claim_day(c) or date.min)) if ev else None
    n = status.n_sources
    return {
        "n_sources": n,
        "single_source": status.single_source,
        "sources": "; ".join(status.sources),
        "corroboration": corroboration_text(n),
        "evidence": " ".join(newest.sentence.split()) if newest else None,
        "evidence_outlet": claim_outlet(newest) if newest else None,
        "evidence_title": claim_title(newest) if newest else None,
        "evidence_url": newest.url if newest else None,
    }


def _districts_frame(geometry: Any) -> gpd.GeoDataFrame:
    if geometry is None:
        from geo.places.boundaries import load_districts

        return load_districts()
    for col in ("adm2_pcode", "geometry"):
        if col not in geometry.columns:
            raise ValueError(
                f"Expected a {col!r} column in the district geometry, found: {list(geometry.columns)!r}."
            )
    return geometry


def status_frame(
    timeline: Timeline, day: date, *, geometry: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Every district's status on ``day`` with its geometry (EPSG:4326), one row per district.

    ``geometry`` (adm2_pcode, geometry) defaults to the installed boundaries.
    """
    import geopandas as gpd

    if not isinstance(day, date):
        raise TypeError(f"Expected a date for day, instead got: {day!r}.")
    shapes = _districts_frame(geometry)
    by_code = dict(zip(shapes["adm2_pcode"], shapes.geometry))
    rows, geoms = [], []
    for s in timeline.status_on(day):
        rows.append({
            "adm2_pcode": s.adm2_pcode,
            "adm2_name": s.adm2_name,
            "adm1_pcode": s.adm1_pcode,
            "adm1_name": s.adm1_name,
            "date": day.isoformat(),
            "status": s.status,
            "since": s.since.isoformat() if s.since else None,
            "unconfirmed": s.unconfirmed,
            "stale": s.stale,
            "overridden": s.overridden,
            "basis": s.basis,
            "n_claims": len(s.evidence),
            "last_claim": s.last_claim.isoformat() if s.last_claim else None,
            "articles": ";".join(sorted({c.article_id for c in s.evidence})),
            "note": s.note,
            **source_fields(s),
        })  # fmt: skip
        geoms.append(by_code.get(s.adm2_pcode))
    return gpd.GeoDataFrame(rows, columns=list(STATUS_COLUMNS), geometry=geoms, crs="EPSG:4326")


def points_frame(timeline: Timeline, day: date) -> gpd.GeoDataFrame:
    """Every point place reported on or before ``day`` with its own status (EPSG:4326 points).

    A point whose claims carry no usable position has an empty geometry.
    """
    import math

    import geopandas as gpd
    from shapely.geometry import Point

    if not isinstance(day, date):
        raise TypeError(f"Expected a date for day, instead got: {day!r}.")
    rows, geoms = [], []
    for p in timeline.point_status_on(day):
        located = p.lat is not None and p.lon is not None and math.isfinite(p.lat) and math.isfinite(p.lon)
        rows.append({
            "key": p.key, "name": p.name, "adm2_pcode": p.adm2_pcode, "adm2_name": p.adm2_name,
            "adm1_pcode": p.adm1_pcode, "adm1_name": p.adm1_name, "date": day.isoformat(),
            "status": p.status, "since": p.since.isoformat() if p.since else None,
            "unconfirmed": p.unconfirmed, "stale": p.stale, "centre": p.centre,
            "n_claims": len(p.evidence), "last_claim": p.last_claim.isoformat() if p.last_claim else None,
            "articles": ";".join(sorted({c.article_id for c in p.evidence})),
            "lat": p.lat if located else None, "lon": p.lon if located else None,
            **source_fields(p),
        })  # fmt: skip
        geoms.append(Point(p.lon, p.lat) if located else None)
    frame = gpd.GeoDataFrame(rows, columns=list(POINT_COLUMNS), geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))
    if not rows:  # typed columns, so that an empty layer still has its schema
        frame = frame.astype({"unconfirmed": bool, "stale": bool, "centre": bool, "n_claims": int,
                              "lat": float, "lon": float, "n_sources": int, "single_source": bool})
    return frame


def points_path(path: str | Path, fmt: str | None = None) -> Path:
    """Where :func:`write_status` puts the points: ``NAME.points.geojson``/``.csv`` beside the file,
    or the same GeoPackage (layer ``points``)."""
    path = Path(path)
    if _format(path, fmt) == "gpkg":
        return path
    return path.with_name(f"{path.stem}.points{path.suffix or '.' + _format(path, fmt)}")


def _format(path: Path, fmt: str | None) -> str:
    if fmt is None:
        fmt = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".csv": "csv"}.get(
            path.suffix.lower()
        )
        if fmt is None:
            raise ValueError(
                f"Cannot tell the format from {str(path)!r}; expected one of {STATUS_FORMATS}."
            )
    fmt = fmt.lower()
    if fmt not in STATUS_FORMATS:
        raise ValueError(f"Expected a format among {STATUS_FORMATS}, instead got: {fmt!r}.")
    return fmt


def write_status(
    timeline: Timeline,
    day: date,
    path: str | Path,
    fmt: str | None = None,
    *,
    geometry: gpd.GeoDataFrame | None = None,
    points: bool = True,
) -> Path:
    """Write the district statuses on ``day`` as GeoJSON, GeoPackage (layer ``status``) or CSV.

    ``fmt`` defaults to the file suffix. The CSV has no geometry, only the
    attributes, for spreadsheets. With ``points`` the point places and their
    own statuses go beside it (:func:`points_path`): layer ``points`` of the
    GeoPackage, or ``NAME.points.geojson`` / ``NAME.points.csv``.
    """
    path = Path(path)
    fmt = _format(path, fmt)
    _write_frame(status_frame(timeline, day, geometry=geometry), path, fmt, "status", STATUS_COLUMNS)
    if points:
        _write_frame(points_frame(timeline, day), points_path(path, fmt), fmt, "points", POINT_COLUMNS)
    return path


def _write_frame(frame: Any, path: Path, fmt: str, layer: str, columns: Sequence[str]) -> None:
    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = safe_writer(fh)
            w.writerow(columns)
            for row in frame[list(columns)].itertuples(index=False):
                w.writerow(["" if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in row])
    elif fmt == "geojson":
        if path.exists():
            path.unlink()  # the GeoJSON driver refuses to overwrite
        frame.to_file(path, driver="GeoJSON")
    else:
        frame.to_file(path, driver="GPKG", layer=layer)


def _centroids(
    districts: Any,
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]], dict[str, str]]:
    """District and province centroids (lat, lon) and province names, from a GeoDataFrame or a mapping."""
    if isinstance(districts, Mapping):
        return {str(k): (float(v[0]), float(v[1])) for k, v in districts.items()}, {}, {}
    frame = _districts_frame(districts)
    # Centroids in an equal-area projection: degrees distort them at this latitude.
    projected = frame.to_crs("EPSG:6933")
    cent = projected.geometry.centroid.to_crs("EPSG:4326")
    by_d = {str(c): (p.y, p.x) for c, p in zip(frame["adm2_pcode"], cent)}
    by_p: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    if "adm1_pcode" in frame.columns:
        dissolved = projected.dissolve(by="adm1_pcode")
        for code, p in zip(dissolved.index, dissolved.geometry.centroid.to_crs("EPSG:4326")):
            by_p[str(code)] = (p.y, p.x)
        if "adm1_name" in frame.columns:
            names = {str(a): str(n) for a, n in zip(frame["adm1_pcode"], frame["adm1_name"])}
    return by_d, by_p, names


def acled_rows(claims: Sequence[Claim], gazetteer_or_districts: Any = None) -> list[dict[str, Any]]:
    """Claims as ACLED-style event rows (ACLED_COLUMNS), oldest first.

    ``gazetteer_or_districts`` gives the coordinates of non-point claims: a
    district GeoDataFrame (adm2_pcode, adm1_pcode, geometry; the installed
    boundaries by default), a :class:`geo.places.gazetteer.Gazetteer` (its
    ``centroids``), or a mapping from P-code (district or province) to
    (lat, lon). Points keep their own coordinates; district claims get the
    district centroid; province claims the province centroid. Claims with no
    date at all (no event date, no publication date) are left out, as ACLED
    rows need a date; ``time_precision`` uses ACLED's codes (1 day, 2 week,
    3 month or unknown), and falling back to the publication date counts as 3.
    """
    if isinstance(getattr(gazetteer_or_districts, "centroids", None), Mapping):
        gazetteer_or_districts = (
            gazetteer_or_districts.centroids
        )  # a Gazetteer: P-code -> (lat, lon)
    by_d, by_p, names = _centroids(gazetteer_or_districts)
    claims = with_stories(claims)  # the story's copies and originator, for source and notes
    rows = []
    for c in sorted(claims, key=lambda c: (claim_day(c) or date.min, c.article_id, c.char_start)):
        day = claim_day(c)
        if day is None:
            continue
        if c.place_level == "point" and c.lat is not None and c.lon is not None:
            lat, lon = c.lat, c.lon
        elif c.place_level == "province" or not c.adm2_pcode:
            lat, lon = by_p.get(c.adm1_pcode) or by_d.get(c.adm1_pcode) or (None, None)
        else:
            lat, lon = by_d.get(c.adm2_pcode) or (None, None)
        precision = ACLED_TIME_PRECISION.get(c.time_precision, 3) if c.event_date else 3
        notes = f"{' '.join(c.sentence.split())} [claim by {c.attributed_to} ({c.source_type}); {_article_note(c)}]"
        rows.append({
            "event_date": day.isoformat(),
            "time_precision": precision,
            "event_type": ACLED_EVENT_TYPE,
            "sub_event_type": ACLED_SUB_EVENT[c.controller],
            "actor1": ACLED_ACTOR[c.controller],
            "admin1": c.adm1_name or names.get(c.adm1_pcode, c.adm1_pcode),
            "admin2": (c.adm2_name or "") if c.place_level != "province" else "",
            "location": c.place_name,
            "latitude": None if lat is None else round(float(lat), 4),
            "longitude": None if lon is None else round(float(lon), 4),
            "geo_precision": c.geo_precision,
            "source": acled_source(c),
            "notes": notes,
        })  # fmt: skip
    return rows


def acled_source(claim: Claim) -> str:
    """ACLED's ``source``: the outlet, then the wire agency or first outlet it copied when that differs."""
    outlet = claim_outlet(claim)
    origin = (claim.extra or {}).get("source")
    names = [n for n in (outlet, origin) if isinstance(n, str) and n.strip()]
    names = list(dict.fromkeys(names))
    return "; ".join(names) if names else "outlet not named"


def _article_note(claim: Claim) -> str:
    """The article a claim comes from, by title and URL (its id only when it has neither)."""
    title = claim_title(claim)
    parts = [f"article “{title}”" if title else f"article {claim.article_id}"]
    if claim.url:
        parts.append(claim.url)
    copies = [c.get("outlet") or c.get("title") for c in (claim.extra or {}).get("copies") or []
              if isinstance(c, dict)]
    copies = [str(x) for x in copies if x]
    if copies:
        parts.append("copies of the story: " + ", ".join(dict.fromkeys(copies)))
    return " ".join(parts)


def write_acled(
    claims: Sequence[Claim], path: str | Path, gazetteer_or_districts: Any = None
) -> int:
    """Write :func:`acled_rows` as CSV; return the number of rows written."""
    rows = acled_rows(claims, gazetteer_or_districts)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = SafeDictWriter(fh, fieldnames=list(ACLED_COLUMNS))
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def _draw_labels(ax: Any, labels: Iterable[Any] | None, provinces: set[str]) -> None:
    """Province names (small capitals) and capitals (a dot and the name), light, with a white halo."""
    from matplotlib import patheffects

    from geo.maps.labels import place_labels

    if labels is None:
        labels = place_labels(provinces=provinces) if provinces else []
    halo = [patheffects.withStroke(linewidth=2, foreground="white")]
    for lab in labels:
        name = " ".join(str(lab.name).split()).replace("$", r"\$")  # text, never mathtext
        if lab.kind == "province":
            ax.text(lab.lon, lab.lat, name.upper(), fontsize=5.5, color="#444444", ha="center", va="center",
                    alpha=0.85, path_effects=halo, zorder=6, clip_on=True)
        else:
            ax.scatter([lab.lon], [lab.lat], s=4, c="#333333", zorder=6)
            ax.text(lab.lon + 0.06, lab.lat, name, fontsize=5, color="#222222", ha="left", va="center",
                    path_effects=halo, zorder=6, clip_on=True)


def write_png(
    timeline: Timeline,
    day: date,
    path: str | Path,
    title: str | None = None,
    *,
    geometry: gpd.GeoDataFrame | None = None,
    dpi: int = 150,
    labels: Iterable[Any] | None = None,
) -> Path:
    """A static map of the statuses on ``day`` with legend, title and attribution (geopandas + matplotlib, Agg).

    ``geometry`` defaults to the installed districts, coverage-simplified.
    ``labels`` (:class:`geo.maps.labels.PlaceLabel`) default to the names and
    capitals of the provinces drawn, from the installed boundaries.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from geo.maps.htmlmap import POINT_LEGEND, STATUS_COLOURS, STATUS_HINTS, STATUS_LABELS

    if geometry is None:
        from geo.maps.geometry import simplified_districts

        geometry = simplified_districts()
    frame = status_frame(timeline, day, geometry=geometry)
    frame = frame[frame.geometry.notna()]
    fig = Figure(figsize=(10, 8), dpi=dpi)  # a Figure of its own: no pyplot global state
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.08, 0.96, 0.84))
    ax.set_axis_off()
    for status in STATUSES:
        for stale in (False, True):
            for unconfirmed in (False, True):
                part = frame[
                    (frame.status == status)
                    & (frame.stale == stale)
                    & (frame.unconfirmed == unconfirmed)
                ]
                if part.empty:
                    continue
                part.plot(
                    ax=ax,
                    color=STATUS_COLOURS[status],
                    alpha=0.4 if stale else 1.0,
                    edgecolor="#666666",
                    linewidth=0.3,
                    hatch="////" if unconfirmed and status in _HATCHED else None,
                )
    over = frame[frame.overridden]
    if not over.empty:
        over.boundary.plot(ax=ax, color="#222222", linewidth=1.4)
    if "adm1_pcode" in frame.columns and len(frame):
        frame.dissolve(by="adm1_pcode").boundary.plot(ax=ax, color="#333333", linewidth=0.7)
    pts = points_frame(timeline, day)
    pts = pts[pts.geometry.notna()]
    for row in pts.itertuples():
        # Hatched like the districts when unconfirmed; faded when stale.
        ax.scatter([row.geometry.x], [row.geometry.y], s=(7 if row.centre else 6) ** 2, marker="o",
                   c=[STATUS_COLOURS[row.status]], edgecolors="#222222",
                   linewidths=1.6 if row.centre else 1.1, hatch="////" if row.unconfirmed else None,
                   alpha=0.5 if row.stale else 1.0, zorder=5)
    _draw_labels(ax, labels, set(frame["adm1_pcode"]) if "adm1_pcode" in frame.columns else set())
    counts = timeline.counts_on(day)
    handles = [
        Patch(
            facecolor=STATUS_COLOURS[s],
            edgecolor="#666666",
            label=f"{STATUS_LABELS[s]} ({counts[s]})" + (f": {STATUS_HINTS[s]}" if s in STATUS_HINTS else ""),
        )
        for s in STATUSES
        if s != "partly_reported" or not timeline.params.points_colour_districts
    ]
    handles += [
        Patch(facecolor="white", edgecolor="#666666", hatch="////", label="unconfirmed (only one side claiming its own gain)"),
        Patch(facecolor=STATUS_COLOURS["taliban"], alpha=0.4, label=f"stale (no claim for {timeline.params.stale_days} days)"),
        Patch(facecolor="none", edgecolor="#222222", linewidth=1.4, label="analyst override"),
    ]  # fmt: skip
    if len(pts):
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor="#222222", label=f"{POINT_LEGEND} ({len(pts)})"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=True, framealpha=0.9)
    fig.suptitle(title or f"Territorial control as reported, {day.isoformat()}", fontsize=14)
    try:
        from geo.places.boundaries import read_manifest

        attribution = read_manifest().attribution
    except (OSError, ValueError, KeyError):
        attribution = "Boundaries: AGCHO / OCHA, CC BY-IGO."
    fig.text(0.01, 0.01, f"Status on {day.isoformat()} from news reports (claims, not verified). {attribution}",
             fontsize=6.5, color="#444444", wrap=True)  # fmt: skip
    path = Path(path)
    fig.savefig(path, format="png")
    return path
