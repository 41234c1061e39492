"""What the Streamlit app shows, computed without Streamlit: testable and fast.

``app.py`` only wires widgets to these functions. The map is split in two so a
date change never rebuilds it:

- :func:`base_map` is the folium map with every district polygon, built from
  the compact encoded geometry of :mod:`geo.maps.geometry`. Its script never
  changes, so streamlit-folium keeps the same Leaflet map in the browser.
- :func:`paint_layer` is a small feature group whose script only restyles the
  existing polygons (colour, qualifiers, override outline, tooltip) for one
  day. streamlit-folium swaps it in place when it changes: the repaint costs
  one small message and ~400 ``setStyle`` calls, not a new map.

No asset comes from a CDN: Leaflet is inlined from ``geo/static`` as data URIs
(folium's defaults point at jsdelivr and render blank offline), and no tile
layer is drawn unless asked for.

Everything here that puts article text into HTML escapes it first (and
neutralises Markdown, since Streamlit renders Markdown around HTML).
"""

from __future__ import annotations

import base64
import html
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.ingest.outlets import claim_outlet, claim_title, outlet_of, title_of
from geo.maps import htmlmap as _htmlmap
from geo.models import STATUSES, Article, Claim, Skipped
from geo.timeline.corroboration import corroboration_line

if TYPE_CHECKING:
    import folium
    import pandas as pd

    from geo.app.store import Store, StoredClaim, UnresolvedPlace
    from geo.timeline.build import DistrictStatus, PointStatus, Timeline

__all__ = [
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "EvidenceRow",
    "FileReport",
    "base_map",
    "claims_frame",
    "date_against_store",
    "date_waiting",
    "district_at",
    "district_choices",
    "district_styles",
    "escape_text",
    "evidence_rows",
    "highlight",
    "history_rows",
    "ingest_files",
    "ingest_text",
    "leaflet_data_uris",
    "legend_html",
    "paint_layer",
    "plain_label",
    "point_rows",
    "redate_article",
    "safe_url",
    "sources_text",
    "store_references",
    "timeline_centres",
    "unresolved_frame",
]

STATIC = Path(__file__).resolve().parents[1] / "maps" / "static"
AFGHANISTAN_BOUNDS = ((29.3, 60.4), (38.5, 74.9))

# The same colours and qualifier looks as the exported HTML map (geo.maps.htmlmap),
# so an analyst reads the app and the report the same way: unconfirmed is
# hatched, stale is faded, an override has a heavy dark outline.
STATUS_COLOURS: dict[str, str] = dict(_htmlmap.STATUS_COLOURS)
STATUS_LABELS: dict[str, str] = dict(_htmlmap.STATUS_LABELS)
FILL_OPACITY = {"confirmed": 0.8, "stale": 0.35, "no_report": 0.6}
OVERRIDE_OUTLINE = {"color": "#222222", "weight": 2.5, "dashArray": None}
SELECTED_OUTLINE = {"color": "#6c3483", "weight": 4, "dashArray": None}
PLAIN_OUTLINE = {"color": "#7a7a7a", "weight": 0.6, "dashArray": None}
UNCONFIRMED_DASH = "3 2"


# -- Leaflet, offline --------------------------------------------------------
@lru_cache(maxsize=1)
def leaflet_data_uris() -> tuple[str, str]:
    """Leaflet's JS and CSS from ``geo/static`` as data URIs (no server route, no CDN)."""
    out = []
    for name, mime in (("leaflet.js", "text/javascript"), ("leaflet.css", "text/css")):
        path = STATIC / name
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise FileNotFoundError(f"{path}: vendored Leaflet is missing ({e.strerror}); "
                                    "reinstall tcmap, the map cannot load without it.") from e
        out.append(f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}")
    return out[0], out[1]


@dataclass(frozen=True)
class Assets:
    """Where the map frame gets Leaflet and the district geometry from.

    ``geometry`` is a link to a script setting ``window.tcmapGeometry``, or None
    to inline the geometry in the map's own script.
    """

    leaflet_js: str
    leaflet_css: str
    geometry: str | None = None


def inline_assets() -> Assets:
    """Everything inlined: works anywhere, but every rerun carries ~380 kB."""
    js, css = leaflet_data_uris()
    return Assets(js, css, None)


@lru_cache(maxsize=1)
def geometry_script() -> Path:
    """The district geometry as a static script, written once per boundary install.

    Named by its content hash, so a browser cache never serves stale shapes.
    Kept beside the boundaries cache, or in the temp folder when that is read-only.
    """
    import hashlib

    from geo.places.boundaries import cache_dir

    scale, payload = _base_payload()
    body = f"window.tcmapGeometry = {payload};\n".encode("ascii")
    name = f"districts-{scale}-{hashlib.sha256(body).hexdigest()[:12]}.js"
    for folder in (cache_dir() / "app", Path(tempfile.gettempdir()) / "tcmap-app"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            if not path.is_file() or path.read_bytes() != body:
                # a file of its own, then an atomic rename: safe when several processes write it
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(body)
                    os.chmod(tmp, 0o644)  # readable like any other cache file
                    os.replace(tmp, path)
                finally:
                    Path(tmp).unlink(missing_ok=True)
                for old in folder.glob("districts-*.js"):  # shapes of an earlier install
                    if old != path:
                        old.unlink(missing_ok=True)
            return path
        except OSError:
            continue
    raise OSError(f"Cannot write the map geometry to {cache_dir() / 'app'} or the temp folder.")


def served_assets() -> Assets:
    """Have the running Streamlit server serve Leaflet and the geometry; links relative to the map frame.

    Registering a folder as a (UI-less) component makes Streamlit serve it at
    ``/component/<name>/``, beside streamlit-folium's own frame, so relative
    links work under any base URL. A rerun then carries three short links and
    the day's styles instead of ~380 kB of inlined Leaflet and geometry; the
    frame loads them once. Call it during a Streamlit run (it registers with
    the running server); elsewhere use :func:`inline_assets`.
    """
    import streamlit.components.v1 as components

    lib = components.declare_component("tcmap_leaflet", path=str(STATIC))
    geo_file = geometry_script()
    shapes = components.declare_component("tcmap_geometry", path=str(geo_file.parent))
    return Assets(f"../{lib.name}/leaflet.js", f"../{lib.name}/leaflet.css",
                  f"../{shapes.name}/{geo_file.name}")


def _offline(m: folium.Map, assets: Assets) -> folium.Map:
    """Point the map's assets at the vendored Leaflet and drop the rest (jQuery, Bootstrap...).

    Set on the instance, so folium's class defaults stay as they are for others.
    """
    m.default_js = [("leaflet", assets.leaflet_js)]
    if assets.geometry:
        m.default_js.append(("tcmap_geometry", assets.geometry))
    m.default_css = [("leaflet_css", assets.leaflet_css)]
    return m


# -- geometry -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _district_meta() -> dict[str, tuple[str, str, str]]:
    """pcode -> (district name, province name, province pcode), from the installed boundaries."""
    from geo.places.boundaries import load_districts

    d = load_districts().drop(columns="geometry")
    return {r.adm2_pcode: (r.adm2_name, r.adm1_name, r.adm1_pcode) for r in d.itertuples()}


@lru_cache(maxsize=1)
def _district_shapes() -> tuple[list[str], Any]:
    """The drawn (simplified) polygons and a spatial index, to turn a click into a district."""
    import shapely

    from geo.maps.geometry import decode_geometry, load_map_geometry

    g = load_map_geometry()
    codes = sorted(g.districts)
    geoms = [decode_geometry(g.districts[c], g.scale) if g.districts[c] else shapely.Polygon()
             for c in codes]
    return codes, shapely.STRtree(geoms)


def district_at(lat: float, lon: float) -> str | None:
    """The P-code of the district drawn at a clicked point, or None outside the country."""
    import shapely

    codes, tree = _district_shapes()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    if len(hits) == 0:
        # On a shared edge of the simplified drawing: take the nearest polygon.
        near = tree.query_nearest(shapely.Point(lon, lat), max_distance=0.02)
        return codes[int(near[0])] if len(near) else None
    return codes[int(min(hits))]


def district_choices() -> list[tuple[str, str]]:
    """(pcode, "District — Province") for pickers, sorted by province then district."""
    meta = _district_meta()
    rows = sorted(meta.items(), key=lambda kv: (kv[1][1], kv[1][0]))
    return [(code, f"{name} — {prov}") for code, (name, prov, _) in rows]


def province_choices() -> list[tuple[str, str]]:
    """(adm1 pcode, province name), sorted by name."""
    seen = {p: name for _, name, p in _district_meta().values()}
    return sorted(seen.items(), key=lambda kv: kv[1])


def _js_json(value: Any) -> str:
    """JSON safe to embed in a <script>: no '</script>' or HTML comment can be formed."""
    s = json.dumps(value, separators=(",", ":"), ensure_ascii=True)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_BASE_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  var scale = {{ this.scale }};
  var payload = {{ this.payload }};  // inline, or window.tcmapGeometry from a served script
  var data = payload.d;
  function ring(r) {
    var x = 0, y = 0, pts = [];
    for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; pts.push([y / scale, x / scale]); }
    return pts;
  }
  var group = L.featureGroup();
  var registry = {};
  Object.keys(data).forEach(function (code) {
    var d = data[code];
    var layer = L.polygon(d[2].map(function (rings) { return rings.map(ring); }), {{ this.default_style }});
    layer.tcmap = {pcode: code, name: d[0], province: d[1], status: "No report"};
    layer.bindTooltip(function (l) {
      var el = document.createElement("div");
      el.textContent = l.tcmap.name + ", " + l.tcmap.province + ": " + l.tcmap.status;
      return el;
    }, {sticky: true});
    layer.addTo(group);
    registry[code] = layer;
  });
  var map = {{ this._parent.get_name() }};
  group.addTo(map);
  // Fitted to the country whatever the frame's size, and again when the frame
  // is resized, until the analyst zooms or pans.
  var bounds = group.getBounds(), fitting = false, moved = false;
  function fit() {
    if (moved || !bounds.isValid()) { return; }
    fitting = true;
    map.invalidateSize(false);
    map.fitBounds(bounds, {animate: false, padding: [4, 4]});
    fitting = false;
  }
  map.on("zoomstart dragstart", function () { if (!fitting) { moved = true; } });
  fit();
  window.addEventListener("resize", fit);
  if (window.ResizeObserver) { new ResizeObserver(fit).observe(map.getContainer()); }
  window.tcmapFit = function () { moved = false; fit(); };
  // Hatch patterns for unconfirmed statuses, in the SVG the polygons live in.
  var first = registry[Object.keys(registry)[0]];
  var svg = first && first._path && first._path.ownerSVGElement;
  if (svg && !svg.querySelector("#tcmap-patterns")) {
    var defs = document.createElementNS("http://www.w3.org/2000/svg", "defs");
    defs.id = "tcmap-patterns";
    defs.innerHTML = {{ this.patterns }};
    svg.insertBefore(defs, svg.firstChild);
  }
  window.tcmapDistricts = registry;
  // Province outlines for most/part-of-province reports: shown by the paint
  // script on the days such a report holds; they colour no district.
  var provinces = {};
  Object.keys(payload.p).forEach(function (code) {
    var layer = L.polygon(payload.p[code].map(function (rings) { return rings.map(ring); }),
      {fill: false, color: "#6c3483", weight: 3, dashArray: "8 5"});
    // Named on hover (and in the list beside the map), never by a permanent
    // label: those overlap and hide the districts under them.
    layer.tcmapNote = "";
    layer.bindTooltip(function (l) {
      var el = document.createElement("div");
      el.textContent = l.tcmapNote;
      return el;
    }, {sticky: true, className: "tcmap-note"});
    provinces[code] = layer;
  });
  window.tcmapProvinces = provinces;
  document.body.setAttribute("data-tcmap-ready", "1");
})();
{% endmacro %}
"""

_PAINT_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  var registry = window.tcmapDistricts || {};
  var styles = {{ this.styles }};
  var fallback = {{ this.fallback }};
  var notes = {{ this.notes }};
  var provinces = window.tcmapProvinces || {};
  var map = window.map;
  Object.keys(provinces).forEach(function (code) {
    var layer = provinces[code];
    if (notes[code] && map) {
      layer.tcmapNote = notes[code];
      if (!map.hasLayer(layer)) { layer.addTo(map); }
    } else if (map && map.hasLayer(layer)) {
      map.removeLayer(layer);
    }
  });
  Object.keys(registry).forEach(function (code) {
    var s = styles[code] || fallback;
    var layer = registry[code];
    layer.setStyle(s[0]);
    layer.tcmap.status = s[1];
  });
  // Marked after the next frame, when the new colours are on screen.
  var token = {{ this.token }};
  window.requestAnimationFrame(function () {
    document.body.setAttribute("data-tcmap-painted-at", String(performance.timeOrigin + performance.now()));
    document.body.setAttribute("data-tcmap-painted", token);
  });
})();
{% endmacro %}
"""


@lru_cache(maxsize=1)
def _base_payload() -> tuple[int, str]:
    from geo.maps.geometry import load_map_geometry

    g = load_map_geometry()
    meta = _district_meta()
    data = {code: [meta.get(code, (code, "", ""))[0], meta.get(code, ("", "", ""))[1], enc]
            for code, enc in sorted(g.districts.items())}
    return g.scale, _js_json({"d": data, "p": dict(sorted(g.provinces.items()))})


def base_map(*, online_tiles: bool = False, height: int = 620, assets: Assets | None = None) -> folium.Map:
    """The map with every district, offline: no tiles unless ``online_tiles``.

    ``assets`` says where Leaflet and the geometry come from; default: all inlined.
    """
    assets = assets or inline_assets()
    import folium
    from branca.element import MacroElement, Template

    m = folium.Map(location=(34.0, 66.5), zoom_start=6, tiles=None, control_scale=True,
                   height=height, zoom_snap=0.25)
    if online_tiles:
        folium.TileLayer("OpenStreetMap").add_to(m)
    m.fit_bounds(AFGHANISTAN_BOUNDS)
    scale, payload = _base_payload()
    if assets.geometry:
        payload = "window.tcmapGeometry"
    el = MacroElement()
    el._name = "TcmapDistricts"
    el._template = Template(_BASE_TEMPLATE)
    el.scale = scale
    el.payload = payload
    el.patterns = _js_json(_patterns())
    el.default_style = _js_json(_style("no_report", False, False, False, False))
    m.add_child(el)
    m.add_child(label_layer())
    return _offline(m, assets)


# -- labels, search zoom and the changes view -------------------------------------
_LABELS_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  // Province names and capitals: small text markers that take no clicks (never tooltips).
  var map = {{ this._parent.get_name() }};
  var labels = {{ this.labels }};
  var pane = map.createPane("tcmap-labels");
  pane.style.zIndex = 450;
  pane.style.pointerEvents = "none";
  var css = document.createElement("style");
  css.textContent = {{ this.css }};
  document.head.appendChild(css);
  labels.forEach(function (p) {
    var span = document.createElement("span");
    span.textContent = p[1];
    var icon = L.divIcon({className: "tcmap-label tcmap-label-" + p[0], html: span, iconSize: null});
    L.marker([p[2], p[3]], {icon: icon, interactive: false, keyboard: false, pane: "tcmap-labels"}).addTo(map);
  });
  var box = map.getContainer();
  function capitals() { box.classList.toggle("tcmap-hide-capitals", map.getZoom() < 6.75); }
  map.on("zoomend", capitals);
  capitals();
})();
{% endmacro %}
"""
LABELS_CSS = (
    ".tcmap-label{pointer-events:none;width:0;height:0}"
    ".tcmap-label span{position:absolute;white-space:nowrap;color:#444;font:10px/1 sans-serif;"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
    ".tcmap-label-province span{transform:translate(-50%,-50%);font-size:11px;font-weight:600;"
    "text-transform:uppercase;letter-spacing:.04em;color:#555;opacity:.8}"
    ".tcmap-label-capital span{transform:translate(5px,-50%)}"
    ".tcmap-label-capital::before{content:'';position:absolute;left:-2.5px;top:-2.5px;width:5px;height:5px;"
    "border-radius:50%;background:#333}"
    ".tcmap-hide-capitals .tcmap-label-capital{display:none}"
)


@lru_cache(maxsize=1)
def _labels_json() -> str:
    from geo.maps.labels import labels_payload, place_labels

    return _js_json(labels_payload(place_labels()))


def label_layer() -> Any:
    """The map's province names and capitals (from the installed boundaries), as light text markers."""
    from branca.element import MacroElement, Template

    el = MacroElement()
    el._name = "TcmapLabels"
    el._template = Template(_LABELS_TEMPLATE)
    el.labels = _labels_json()
    el.css = _js_json(LABELS_CSS)
    return el


_ZOOM_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  // Zoom to the district picked in the search box (once per pick).
  var layer = (window.tcmapDistricts || {})[{{ this.pcode }}];
  var map = window.map || (layer && layer._map);
  if (layer && map) { map.fitBounds(layer.getBounds(), {maxZoom: 9, padding: [30, 30], animate: false}); }
})();
{% endmacro %}
"""


def zoom_to(pcode: str) -> Any:
    """A script that zooms the map to one district: added to the paint layer when the search picks one."""
    from branca.element import MacroElement, Template

    el = MacroElement()
    el._name = "TcmapZoom"
    el._template = Template(_ZOOM_TEMPLATE)
    el.pcode = _js_json(pcode)
    return el


def search_choices() -> list[tuple[str, str]]:
    """(pcode, "District, Province (P-code)") for the search box, which filters on any part of the label."""
    meta = _district_meta()
    rows = sorted(meta.items(), key=lambda kv: (kv[1][0], kv[1][1]))
    return [(code, f"{name}, {prov} ({code})") for code, (name, prov, _) in rows]


def find_district(text: str) -> str | None:
    """The district a typed search means: a P-code, a name in any spelling the gazetteer knows
    ("Khudzhagar"), optionally with its province after a comma, or a town inside it; None if none."""
    from geo.places.gazetteer import load_gazetteer

    text = " ".join(str(text or "").split())
    meta = _district_meta()
    if text.upper() in meta:
        return text.upper()
    name, _, province = text.partition(",")
    name = re.sub(r"\s*\((AF\d{4})\)$", "", name.strip())
    if not name:
        return None
    gaz = load_gazetteer()
    try:
        places = gaz.lookup(name)
    except TypeError:
        return None
    prov = gaz.province_named(province) if province.strip() else None
    found = [p.adm2_pcode if p.level == "point" else p.key for p in places if p.level in ("district", "point")]
    found = [c for c in found if c in meta and (prov is None or meta[c][2] == prov.key)]
    return found[0] if found else None


BLANK_STYLE = {"fillColor": "#ffffff", "fillOpacity": 0.0, "color": "#b5b5b5", "weight": 0.4,
               "dashArray": None, "opacity": 1.0, "fill": True}


def change_styles(rows: Sequence[Any], since: date, until: date, selected: str | None = None) -> dict[str, list]:
    """pcode -> [style, tooltip] for the changed districts: the new status's colour, the old status in words."""
    from geo.timeline.changes import status_words

    out: dict[str, list] = {}
    for r in rows:
        s = r.new
        style = _style(s.status, s.unconfirmed, s.stale, s.overridden, s.adm2_pcode == selected)
        tip = f"{status_text(s)}; changed on {r.changed_on.isoformat()}, was {status_words(r.old)} on {since.isoformat()}"
        out[s.adm2_pcode] = [style, tip]
    return out


def changes_view(timeline: Timeline, since: date, until: date) -> tuple[list[Any], list[dict], bytes]:
    """The app's *Changes* view: the rows, the table the page shows and its CSV (UTF-8)."""
    from geo.timeline.changes import changes, changes_csv, changes_table

    rows = changes(timeline, since, until)
    return rows, changes_table(rows), changes_csv(rows).encode("utf-8")


def _style(status: str, unconfirmed: bool, stale: bool, overridden: bool, selected: bool) -> dict:
    outline = dict(SELECTED_OUTLINE if selected else OVERRIDE_OUTLINE if overridden else PLAIN_OUTLINE)
    if status == "no_report":
        return {"fillColor": STATUS_COLOURS[status], "fillOpacity": FILL_OPACITY["no_report"],
                **outline, "opacity": 1.0, "fill": True}
    fill = f"url(#tcmap-hatch-{status})" if unconfirmed else STATUS_COLOURS[status]
    if unconfirmed and not selected:
        outline["dashArray"] = UNCONFIRMED_DASH
    opacity = FILL_OPACITY["stale" if stale else "confirmed"]
    return {"fillColor": fill, "fillOpacity": opacity, **outline, "opacity": 1.0, "fill": True}


def status_text(s: DistrictStatus | PointStatus) -> str:
    """'Taliban since 2021-06-22 (unconfirmed, stale)': what the tooltip and panel say."""
    words = STATUS_LABELS.get(s.status, s.status)
    if s.since:
        words += f" since {s.since.isoformat()}"
    quals = [q for q, on in (("analyst override", getattr(s, "overridden", False)), ("unconfirmed", s.unconfirmed),
                             ("stale", s.stale)) if on]
    return words + (f" ({', '.join(quals)})" if quals else "")


def sources_text(s: DistrictStatus | PointStatus) -> str:
    """'Corroborated by 2 independent sources: AFP, TOLOnews.' (copies of one story count once)."""
    return corroboration_line(s.sources)


def district_styles(statuses: Iterable[DistrictStatus], selected: str | None = None) -> dict[str, list]:
    """pcode -> [Leaflet style, tooltip status] for the districts that differ from 'no report'."""
    out: dict[str, list] = {}
    for s in statuses:
        sel = s.adm2_pcode == selected
        if s.status == "no_report" and not sel and not s.overridden:
            continue
        out[s.adm2_pcode] = [_style(s.status, s.unconfirmed, s.stale, s.overridden, sel), status_text(s)]
    return out


def paint_layer(statuses: Iterable[DistrictStatus], token: str, *, selected: str | None = None,
                notes: Iterable[Any] = (), points: Iterable[PointStatus] = (),
                changes: tuple[date, date, Sequence[Any]] | None = None) -> folium.FeatureGroup:
    """A feature group whose script restyles the base map's districts; ``token`` marks the repaint.

    ``notes`` are the day's province notes (most/part of a province): their
    provinces are outlined and labelled, their districts keep their own colour.
    ``points`` are the day's point statuses, drawn as markers in their own
    status colour (dashed when unconfirmed, faded when stale).
    ``changes`` (since, until, :func:`geo.timeline.changes.changes` rows) colours
    only the changed districts and leaves the others blank.
    """
    import folium
    from branca.element import MacroElement, Template

    fg = folium.FeatureGroup(name="status", control=False)
    el = MacroElement()
    el._name = "TcmapPaint"
    el._template = Template(_PAINT_TEMPLATE)
    if changes is not None:  # the changes view: only the changed districts are coloured
        since, until, rows = changes
        el.styles = _js_json(change_styles(rows, since, until, selected))
        el.fallback = _js_json([BLANK_STYLE, f"No change of status from {since.isoformat()} to {until.isoformat()}"])
    else:
        el.styles = _js_json(district_styles(statuses, selected))
        el.fallback = _js_json([_style("no_report", False, False, False, False), "No report"])
    el.token = _js_json(token)
    labels: dict[str, str] = {}
    for n in notes:
        labels[n.adm1_pcode] = (labels[n.adm1_pcode] + "; " if n.adm1_pcode in labels else "") + n.label
    el.notes = _js_json(labels)
    fg.add_child(el)
    for p in points:
        if p.lat is None or p.lon is None or not (math.isfinite(p.lat) and math.isfinite(p.lon)):
            continue
        role = "district centre: colours the district" if p.centre else "does not colour the district"
        # Tooltip only: folium's popups need jQuery, which the offline app does not load.
        # escape_text also turns ` and $ into entities: folium puts the text in a JS template literal.
        label = (f"<b>{escape_text(p.name)}</b>: {escape_text(status_text(p))}<br>"
                 f"{escape_text(f'{p.adm2_name}, {p.adm1_name}')} ({role}); {len(p.evidence)} claim(s)")
        folium.CircleMarker(
            (p.lat, p.lon), radius=7 if p.centre else 6, color="#222222", weight=3 if p.centre else 2,
            fill=True, fill_color=STATUS_COLOURS[p.status], fill_opacity=0.4 if p.stale else 1.0,
            dash_array=UNCONFIRMED_DASH if p.unconfirmed else None,
            tooltip=folium.Tooltip(label),
            class_name="tcmap-point",
        ).add_to(fg)
    return fg


def point_rows(timeline: Timeline, pcode: str, day: date) -> list[dict]:
    """The point places inside a district on ``day`` for a table: place, status, claims, centre."""
    return [{"place": p.name, "status": status_text(p), "claims": len(p.evidence),
             "district centre": p.centre}
            for p in timeline.point_status_on(day) if p.adm2_pcode == pcode]


@lru_cache(maxsize=1)
def timeline_centres() -> Any:
    """The district centres the app's timelines use (gazetteer capitals and seats, centres.csv)."""
    from geo.places.centres import district_centres
    from geo.places.gazetteer import load_gazetteer

    return district_centres(load_gazetteer())


def _patterns() -> str:
    """SVG hatch patterns for unconfirmed statuses (the same as the exported map's)."""
    return "".join(
        f'<pattern id="tcmap-hatch-{s}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3.5" height="6" fill="{STATUS_COLOURS[s]}"/></pattern>'
        for s in ("taliban", "government", "contested"))


def _swatch(status: str, variant: str = "") -> str:
    colour = STATUS_COLOURS[status]
    fill, extra = colour, ""
    if variant == "unconfirmed":
        fill, extra = f"url(#tcmap-hatch-{status})", ' stroke-dasharray="3 2"'
    elif variant == "stale":
        extra = f' fill-opacity="{FILL_OPACITY["stale"]}"'
    return (f'<svg class="sw" width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" '
            f'height="12" fill="{fill}" stroke="#555" stroke-width="1"{extra}/></svg>')


def legend_html(counts: Mapping[str, int] | None = None, *, points_colour_districts: bool = False) -> str:
    """The legend (fixed text, no article content): colours and the qualifiers' look.

    With ``counts``, each status shows its number of districts (one line, not a
    row of big figures: the room goes to the map).
    """
    sw = _swatch
    hints = _htmlmap.STATUS_HINTS

    def n(s: str) -> str:
        return f' <strong class="n" data-status="{s}">{int(counts[s])}</strong>' if counts is not None else ""

    items = [sw(s) + " " + STATUS_LABELS[s] + (f" ({html.escape(hints[s])})" if s in hints else "") + n(s)
             for s in STATUSES if s != "partly_reported" or not points_colour_districts]
    items += [sw("taliban", "unconfirmed") + " unconfirmed (only one side claiming its own gain)",
              sw("taliban", "stale") + " stale (no recent report)",
              ('<svg class="sw" width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" '
               'height="12" fill="none" stroke="#222" stroke-width="2.5"/></svg> analyst override'),
              ('<svg class="sw" width="22" height="14" aria-hidden="true"><circle cx="11" cy="7" r="5" '
               'fill="#fff" stroke="#222" stroke-width="2"/></svg> ' + html.escape(_htmlmap.POINT_LEGEND)),
              ('<svg class="sw" width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" '
               'height="12" fill="none" stroke="#6c3483" stroke-width="2" stroke-dasharray="4 2"/></svg> '
               "report about most / part of a province (outlined; colours no district)")]
    return ('<div class="tcmap-legend"><svg width="0" height="0" style="position:absolute"><defs>'
            + _patterns() + "</defs></svg>"
            + " &nbsp; ".join(f'<span style="white-space:nowrap">{i}</span>' for i in items) + "</div>")


# -- escaping ---------------------------------------------------------------
# Characters HTML or Markdown (and Streamlit's LaTeX) would act on, as entities.
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"'`*_[]()#|~$\\{}!:="}


def escape_text(text: str) -> str:
    """Article text as inert HTML: escaped, Markdown-neutral, on one line (no blank line ends the block)."""
    s = "".join(_ENTITIES.get(ch, ch) for ch in text)
    return re.sub(r"\s+", " ", s)


def plain_label(text: str) -> str:
    """Text for a widget label (Streamlit renders labels as Markdown): markup characters dropped."""
    return re.sub(r"\s+", " ", re.sub(r"[*_\[\]()#|~$\\`<>{}!:=&]", "", text)).strip()


_SAFE_SCHEMES = ("http://", "https://")


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s) (never ``javascript:``, ``data:`` ...), else None."""
    if not url:
        return None
    u = url.strip()
    if not u.lower().startswith(_SAFE_SCHEMES) or any(ch in u for ch in "\"'<> \n\r\t`"):
        return None
    return u


def highlight(sentence: str, mention: str, at: int | None = None) -> str:
    """The sentence as escaped HTML with ``mention`` in <mark>; ``at`` is its offset if known."""
    if at is None or sentence[at:at + len(mention)] != mention:
        at = sentence.find(mention) if mention else -1
    if at < 0:
        return escape_text(sentence)
    return (escape_text(sentence[:at]) + "<mark>" + escape_text(mention) + "</mark>"
            + escape_text(sentence[at + len(mention):]))


# -- the district panel ---------------------------------------------------------
@dataclass(frozen=True)
class EvidenceRow:
    """One piece of evidence for a district, ready to show (``html`` is escaped)."""

    html: str
    mention: str
    sentence: str
    controller: str
    attributed_to: str
    source_type: str
    title: str
    publisher: str
    published: str
    event_date: str
    url: str | None
    article_id: str
    confidence: float
    copies: str = ""  # the story's other copies, by outlet
    origin: str = ""  # the wire agency or first outlet of the story, when not the outlet itself


def _sentence_offset(claim: Claim, text: str | None) -> int | None:
    """Where the mention sits in the sentence, from the article's offsets when possible."""
    if not text:
        return None
    start = text.rfind(claim.sentence, 0, claim.char_start + 1) if claim.sentence else -1
    if start < 0:
        start = text.find(claim.sentence)
    return claim.char_start - start if start >= 0 else None


def evidence_rows(claims: Sequence[Claim], articles: Mapping[str, Article] | Callable[[str], Article | None]
                  | None = None) -> list[EvidenceRow]:
    """Evidence panel rows, newest first; article records fill what the claim lacks."""
    get = articles.get if isinstance(articles, Mapping) else (articles or (lambda _id: None))
    rows = []
    for c in claims:
        art = get(c.article_id)
        text = art.text if art else None
        outlet = claim_outlet(c) or (outlet_of(art) if art else None)
        origin = (c.extra or {}).get("source")
        origin = f"story from {origin}" if isinstance(origin, str) and origin and origin != outlet else ""
        rows.append(EvidenceRow(
            html=highlight(c.sentence or c.mention, c.mention, _sentence_offset(c, text)),
            mention=c.mention, sentence=c.sentence, controller=c.controller,
            attributed_to=c.attributed_to, source_type=c.source_type,
            title=claim_title(c) or (title_of(art) if art else None) or "untitled article",
            publisher=outlet or "outlet not named",
            published=c.published or (art.published.isoformat() if art and art.published else "undated"),
            event_date=c.event_date or "", url=safe_url(c.url or (art.url if art else None)),
            article_id=c.article_id, confidence=c.confidence,
            copies=_htmlmap.copies_text(c), origin=origin))
    rows.sort(key=lambda r: (r.event_date or r.published), reverse=True)
    return rows


def evidence_html(row: EvidenceRow) -> str:
    """One evidence block for ``st.markdown(unsafe_allow_html=True)``: every field escaped."""
    title = escape_text(row.title)
    if row.url:
        title = (f'<a href="{html.escape(row.url, quote=True)}" target="_blank" '
                 f'rel="noopener noreferrer nofollow">{title}</a>')
    outlet = row.publisher + (f" ({row.origin})" if row.origin else "")
    meta = " · ".join(escape_text(x) for x in (outlet, f"published {row.published}",
                                                f"event {row.event_date or 'date unknown'}"))
    said = escape_text(f"{row.controller} — according to {row.attributed_to} ({row.source_type}), "
                       f"confidence {row.confidence:.2f}")
    return (f'<div class="tcmap-evidence"><blockquote>{row.html}</blockquote>'
            f"<div><b>{said}</b></div><div>{title} — {meta}</div>"
            + (f'<div class="tcmap-copies">{escape_text(row.copies)}</div>' if row.copies else "")
            + "</div>")


def history_rows(timeline: Timeline, pcode: str) -> list[dict]:
    """The district's periods for a table: from, to, status, qualifiers, claims behind it."""
    rows = []
    for start, end, s in timeline.history(pcode):
        rows.append({"from": start, "to": end, "status": STATUS_LABELS.get(s.status, s.status),
                     "override": s.overridden, "unconfirmed": s.unconfirmed, "stale": s.stale,
                     "claims": len(s.evidence), "sources": s.n_sources, "note": s.note})
    return rows


# -- tables -----------------------------------------------------------------------
def claims_frame(stored: Sequence[StoredClaim]) -> pd.DataFrame:
    """The review table: one row per claim, text as plain cells (a data grid never renders HTML)."""
    import pandas as pd

    meta = _district_meta()
    province = {p: name for _, name, p in meta.values()}
    rows = [{
        "id": s.id, "reject": s.rejected, "note": s.note,
        "district": s.claim.adm2_name or s.claim.place_name,
        "province": s.claim.adm1_name or province.get(s.claim.adm1_pcode, s.claim.adm1_pcode),
        "controller": s.claim.controller, "event_date": s.claim.event_date,
        "source_type": s.claim.source_type, "attributed_to": s.claim.attributed_to,
        "confidence": s.claim.confidence, "mention": s.claim.mention, "sentence": s.claim.sentence,
        "article": s.claim.article_id, "place_level": s.claim.place_level,
        "adm2_pcode": s.claim.adm2_pcode, "adm1_pcode": s.claim.adm1_pcode,
    } for s in stored]
    cols = ["id", "reject", "note", "district", "province", "controller", "event_date", "source_type",
            "attributed_to", "confidence", "mention", "sentence", "article", "place_level",
            "adm2_pcode", "adm1_pcode"]
    return pd.DataFrame(rows, columns=cols)


def filter_claims(df: pd.DataFrame, *, query: str = "", controllers: Sequence[str] = (),
                  show_rejected: bool = True) -> pd.DataFrame:
    """The review table's filters: free text over place/article/attribution, controller, rejected."""
    view = df
    if query:
        hay = (view["district"].fillna("") + " " + view["province"].fillna("") + " "
               + view["article"].fillna("") + " " + view["attributed_to"].fillna("")).str.casefold()
        view = view[hay.str.contains(query.casefold(), regex=False)]
    if controllers:
        view = view[view["controller"].isin(list(controllers))]
    if not show_rejected:
        view = view[~view["reject"].astype(bool)]
    return view


def review_changes(before: pd.DataFrame, after: Any) -> list[tuple[int, str, str]]:
    """What the analyst changed in the review table: (claim id, "reject" or "restore", note)."""
    import pandas as pd

    was = before.set_index("id")
    now = pd.DataFrame(after).set_index("id")
    out = []
    for cid, row in now.iterrows():
        if cid not in was.index:
            continue
        old = was.loc[cid]
        note = "" if pd.isna(row["note"]) else str(row["note"])
        old_note = "" if pd.isna(old["note"]) else str(old["note"])
        if bool(row["reject"]) and (not bool(old["reject"]) or note != old_note):
            out.append((int(cid), "reject", note))
        elif not bool(row["reject"]) and bool(old["reject"]):
            out.append((int(cid), "restore", ""))
    return out


def unresolved_frame(places: Sequence[UnresolvedPlace]) -> pd.DataFrame:
    """The gazetteer to-do list, most frequent first."""
    import pandas as pd

    return pd.DataFrame([{"name": p.name, "mentions": p.count, "articles": p.articles,
                          "why": p.reason, "example article": p.example_article} for p in places],
                        columns=["name", "mentions", "articles", "why", "example article"])


def split_unresolved(places: Sequence[UnresolvedPlace]) -> tuple[list[UnresolvedPlace], list[UnresolvedPlace]]:
    """(names in Afghanistan the gazetteer missed, places abroad), each most frequent first.

    Places abroad ("Pakistan", "Tehran") are understood, just not mapped: listed
    apart so they do not bury the Afghan names the gazetteer must learn.
    """
    here = [p for p in places if not getattr(p, "foreign", False)]
    abroad = [p for p in places if getattr(p, "foreign", False)]
    return here, abroad


# -- adding articles --------------------------------------------------------------
@dataclass
class FileReport:
    """What happened to one uploaded file or pasted text."""

    name: str
    articles: list[str] = field(default_factory=list)
    claims: int = 0
    unresolved: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # places outside Afghanistan: understood, not mapped
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    inferred: list[tuple[str, str, str]] = field(default_factory=list)  # id, date, reason
    undrawn: int = 0  # claims of the articles left without a date: not on the map
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.skipped


UPLOAD_TYPES = ("txt", "md", "html", "htm", "jsonl", "zip")


def upload_limit_mb(limits: Any) -> int:
    """The upload box's per-file limit in whole MB: the ingest's own limit, rounded up
    (Streamlit takes whole MB; a file over the exact limit is still refused, with the reason)."""
    import math

    from geo.ingest.articles import MB

    return max(1, math.ceil(limits.max_upload_bytes / MB))

Extractor = Callable[[list[Article]], list[Any]]


def _default_extract(articles: list[Article]) -> list[Any]:
    from geo.pipeline import extract_articles

    return extract_articles(articles)


def _safe_name(name: str) -> str:
    """A file name safe to create in a temp folder: the base name, odd characters replaced."""
    base = Path(name.replace("\\", "/")).name or "upload.txt"
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(". ") or "upload.txt"
    return base[:120]


def _read_upload(name: str, data: bytes, limits: Any, user_date: date | None) -> list[Article | Skipped]:
    from geo.ingest.articles import read_articles, read_zip

    if name.lower().endswith(".zip"):
        return list(read_zip(data, origin=name, limits=limits, user_date=user_date))
    if len(data) > limits.max_upload_bytes:
        from geo.ingest.articles import MB

        return [Skipped(name, f"upload is {len(data) / MB:.1f} MB, over "
                              f"{limits.describe('max_upload_bytes')}")]
    suffix = Path(name).suffix.lower()
    if suffix.lstrip(".") not in UPLOAD_TYPES:
        return [Skipped(name, f"unsupported file type {suffix or '(none)'!r}: expected one of "
                              + ", ".join("." + t for t in UPLOAD_TYPES))]
    with tempfile.TemporaryDirectory(prefix="tcmap-upload-") as tmp:
        path = Path(tmp) / _safe_name(name)
        path.write_bytes(data)
        items = list(read_articles([path], limits=limits, user_date=user_date))
    # Messages name the upload, not the temp folder.
    return [Skipped(name, i.reason) if isinstance(i, Skipped) else replace(i, origin=name) for i in items]


def _store_batch(store: Store, report: FileReport, articles: list[Article], run_id: int,
                 extract: Extractor) -> None:
    known = store.stored_ids(articles)
    if known:  # already stored by this extractor: nothing to extract or add
        report.duplicates += len(known)
        report.articles.extend(known.values())
        waiting = {i for i in known.values()  # already in the store, still waiting for a date
                   if (stored := store.article(i)) is not None and stored.published is None}
        if waiting:
            report.undated.extend(sorted(waiting))
            report.undrawn += sum(1 for c in store.claims() if c.article_id in waiting)
        articles = [a for a in articles if a.id not in known]
    if not articles:
        return
    results = extract(articles)
    if any(r.article.published is None for r in results):
        results = date_against_store(results, store)
    summary = store.add_results(results, run_id)
    report.articles.extend(summary.article_ids)
    report.claims += summary.claims
    report.duplicates += summary.duplicates
    for res in results:
        a = res.article
        for m in getattr(res, "mentions", None) or ():
            if getattr(m, "place", None) is None:
                (report.foreign if getattr(m, "rule", "") == "foreign" else report.unresolved).append(m.text)
        if a.published is None:
            report.undated.append(a.id)
            report.undrawn += len(getattr(res, "claims", ()) or ())
        elif a.published_source == "inferred":
            report.inferred.append((a.id, a.published.isoformat(), _in_store_words(a.published_reason or "")))


def store_references(store: Store, exclude: Iterable[str] = ()) -> list[Any]:
    """The store's dated articles with their claims, as extraction results.

    What a new undated article is dated against: the CLI dates an article by
    the other articles of its run; in the app, the store is the run.
    """
    from geo.models import ArticleResult

    skip = set(exclude)
    by_article: dict[str, list[Claim]] = {}
    for c in store.claims():
        by_article.setdefault(c.article_id, []).append(c)
    return [ArticleResult(a, by_article.get(a.id, []), []) for a in store.articles()
            if a.id not in skip and a.published is not None and a.published_source != "inferred"]


def date_against_store(results: list[Any], store: Store) -> list[Any]:
    """Infer the dates of undated ``results`` from them and the store's dated articles (year, events)."""
    from geo.claims.dating import infer_published

    refs = store_references(store, exclude=(r.article.id for r in results))
    if not refs:
        return results
    return infer_published(list(results) + refs)[:len(results)]


def date_waiting(store: Store, reports: Sequence[FileReport], *,
                 extract: Extractor | None = None) -> list[tuple[str, str, str]]:
    """Date the store's undated articles against newly added dated ones: (id, date, reason) each.

    The CLI dates an article by every other article of its run, whichever came
    first; here an article pasted before the dated ones that tell its year is
    dated when they arrive. Runs only when ``reports`` added a dated article;
    the waiting articles are re-extracted (as :func:`redate_article` does), so
    their event dates resolve against the new publication date.
    """
    if not any(len(r.articles) - r.duplicates - len(r.undated) > 0 for r in reports):
        return []
    waiting = [a for a in store.articles() if a.published is None]
    if not waiting:
        return []
    results = date_against_store((extract or _default_extract)(waiting), store)
    dated = [r for r in results if r.article.published is not None]
    if dated:
        store.add_results(dated, None, replace=True)
    return [(r.article.id, r.article.published.isoformat(), _in_store_words(r.article.published_reason or ""))
            for r in dated]


def _in_store_words(reason: str) -> str:
    """The dating reason in the app's terms: the articles of the "run" are the store's."""
    return reason.replace("dated articles of the run", "dated articles in the store").replace(
        "the run's dated articles", "the store's dated articles")


def ingest_files(store: Store, files: Iterable[tuple[str, bytes]], *, limits: Any = None,
                 user_date: date | None = None, extract: Extractor | None = None,
                 label: str = "upload") -> list[FileReport]:
    """Read, extract and store uploaded files; one report per file, never raising on content."""
    from geo.ingest.articles import Limits

    limits = limits or Limits.from_env()
    extract = extract or _default_extract
    run_id = store.start_run(label)
    reports: list[FileReport] = []
    skipped: list[Skipped] = []
    for name, data in files:
        rep = FileReport(name)
        try:
            items = _read_upload(name, data, limits, user_date)
            rep.skipped = [i for i in items if isinstance(i, Skipped)]
            _store_batch(store, rep, [i for i in items if isinstance(i, Article)], run_id, extract)
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch; reported per file
            rep.error = f"{name}: {type(e).__name__}: {e}"
        skipped.extend(rep.skipped)
        reports.append(rep)
    store.finish_run(run_id, counts={"files": len(reports), "claims": sum(r.claims for r in reports)},
                     skipped=skipped)
    return reports


def ingest_text(store: Store, text: str, *, published: date | None, title: str | None = None,
                extract: Extractor | None = None) -> FileReport:
    """Store pasted text as an article (named by its content), dated ``published``."""
    from geo.app.store import content_hash

    name = f"pasted-{content_hash(text)[:10]}.txt"
    (rep,) = ingest_files(store, [(name, text.encode("utf-8"))], user_date=published,
                          extract=extract, label="paste")
    if title and rep.articles:
        store.set_title(rep.articles[0], title)
    return rep


def redate_article(store: Store, article_id: str, day: date, *, extract: Extractor | None = None) -> int:
    """Give an article the analyst's date and re-extract it, so event dates resolve against it."""
    extract = extract or _default_extract
    store.set_published(article_id, day)
    art = store.article(article_id)
    if art is None:
        raise KeyError(article_id)
    results = extract([art])
    summary = store.add_results(results, None, replace=True)
    return summary.claims


# -- exports ----------------------------------------------------------------------
EXPORT_KINDS: tuple[tuple[str, str], ...] = (
    ("tcmap-map.html", "text/html"),
    ("tcmap-status-{day}.geojson", "application/geo+json"),
    ("tcmap-status-{day}.gpkg", "application/geopackage+sqlite3"),
    ("tcmap-status-{day}.csv", "text/csv"),
    ("tcmap-claims-acled.csv", "text/csv"),
    ("tcmap-map-{day}.png", "image/png"),
)


def build_exports(timeline: Timeline, day: date, *, title: str | None = None,
                  kinds: Sequence[str] | None = None) -> dict[str, tuple[bytes, str, str | None]]:
    """Every export as bytes: file name -> (data, mime type, error or None).

    The timeline carries the analyst's overrides, so every export shows them.
    One failing format (a missing GDAL driver, say) does not stop the others.
    """
    from geo.maps import exports, htmlmap

    out: dict[str, tuple[bytes, str, str | None]] = {}
    with tempfile.TemporaryDirectory(prefix="tcmap-export-") as tmp:
        for pattern, mime in EXPORT_KINDS:
            name = pattern.format(day=day.isoformat())
            if kinds is not None and Path(name).suffix.lstrip(".") not in kinds:
                continue
            path = Path(tmp) / name
            try:
                if name.endswith(".html"):
                    path.write_text(htmlmap.render_map(timeline, title=title), encoding="utf-8")
                elif "acled" in name:
                    exports.write_acled(timeline.claims, path)
                elif name.endswith(".png"):
                    exports.write_png(timeline, day, path, title=title)
                else:
                    exports.write_status(timeline, day, path)
                    pts = exports.points_path(path)
                    if pts != path:  # the point places beside the districts
                        out[pts.name] = (pts.read_bytes(), mime, None)
                out[name] = (path.read_bytes(), mime, None)
            except Exception as e:  # noqa: BLE001 - reported next to the other downloads
                out[name] = (b"", mime, f"could not be written: {type(e).__name__}: {e}")
    return out


# -- a claims dataset, read-only ------------------------------------------------
ENV_CLAIMS = "TCMAP_CLAIMS"
_DATASET = "dataset:"


def dataset_home(path: str | None) -> str | None:
    """The app's data key for a claims dataset (``TCMAP_CLAIMS``), or None for the store."""
    return f"{_DATASET}{path}" if path else None


def dataset_path(home: str) -> str | None:
    return home[len(_DATASET):] if home.startswith(_DATASET) else None


class DatasetView:
    """A claims dataset from ``tcmap extract`` with the store's read side: the app maps it, never writes it.

    Articles are known only by their claims (their text here is the claims'
    sentences, what the evidence panel shows); there are no overrides.
    """

    read_only = True

    def __init__(self, path: str) -> None:
        from geo.scale.dataset import results_from_claims

        self.path = str(path)
        results = results_from_claims(path)
        self._articles = {r.article.id: r.article for r in results}
        self._claims = [c for r in results for c in r.claims]

    def count_articles(self) -> int:
        return len(self._articles)

    def revision(self) -> tuple:
        return ("dataset", self.path, len(self._claims))

    def claims(self, include_rejected: bool = False) -> list[Claim]:
        return list(self._claims)

    def articles(self) -> list[Article]:
        return list(self._articles.values())

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def overrides(self) -> list:
        return []

    def stored_overrides(self) -> list:
        return []

    def unresolved_places(self, limit: int | None = None) -> list:
        return []
