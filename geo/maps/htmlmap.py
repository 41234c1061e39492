"""The control map as one self-contained, offline HTML file.

Everything the page needs is inside it: Leaflet's JS and CSS (vendored in
``geo/static``), the coverage-simplified, quantised district geometry
(``geo.maps.geometry``), and the statuses. No tile server is used unless the caller
asks for ``online_tiles``; the basemap is the country outline and the
provinces drawn from the boundaries. The page requests nothing over the
network.

Size is kept down by sending each change date's statuses as one short string
(one character per district: status and qualifiers) instead of a style per
feature per date, and each piece of evidence once, referenced by index.

Every text that comes from an article (sentence, attribution, title,
publisher, place names) travels as JSON inside a
``<script type="application/json">`` block whose ``<``, ``>``, ``&`` and
U+2028/U+2029 are escaped, and the page puts it into the DOM only with
``textContent``: an article containing ``</script>`` or ``<img onerror=...>``
shows as text. Texts set by the caller (title, sources) are HTML-escaped.

The data block holds: ``districts`` ([P-code, name, province]) and ``geom``
(their encoded polygons, see ``geo.maps.geometry``); ``dates`` (the change dates);
``codes`` (per date, one character of ``alphabet`` per district: status index * 8 +
unconfirmed + 2 * stale + 4 * overridden); ``counts`` (per date, districts per
status); ``segs`` (per district, the periods [first date index, since, evidence
indexes, basis, note, number of claims, corroboration line]); ``ev`` (each
evidence claim once: sentence, speaker, source type, controller, date, title,
outlet, URL, place, level, scope, the story's other copies, its originator);
``notes`` (province notes) and ``points`` (each located point place: [lat, lon,
name, district, province, is the district centre, periods [first date index,
status code, since, evidence indexes, number of claims, corroboration line]]). A point is drawn as
a marker in its own status colour; a district whose only claims are about points
inside it is ``partly_reported`` (see rule 3a of ``geo.timeline.build``).
``placeLabels`` ([kind, name, lat, lon], ``geo.maps.labels``) are the province
names and capitals; ``changes`` (or null) is the changes view: since, until and
per changed district [index, from, to, changed on, evidence, sources]
(``geo.timeline.changes``). Labels, the district search and the changes view
live in a script of their own (``_FEATURES_JS``) that works through
``window.tcmap``'s date hooks and popup extras.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from geo.ingest.outlets import claim_outlet, claim_title
from geo.models import STATUSES, Claim
from geo.timeline.build import DistrictStatus, PointStatus, Timeline, claim_day
from geo.timeline.corroboration import corroboration_line

__all__ = [
    "METHODOLOGY",
    "STATUS_COLOURS",
    "STATUS_HINTS",
    "STATUS_LABELS",
    "copies_text",
    "json_for_script",
    "render_map",
    "source_counts",
]

STATUS_COLOURS: dict[str, str] = {
    "taliban": "#c8372d",
    "government": "#2f6db3",
    "contested": "#f0a030",
    "partly_reported": "#b9a7d6",
    "no_report": "#e6e6e6",
}
STATUS_LABELS: dict[str, str] = {
    "taliban": "Taliban",
    "government": "Government",
    "contested": "Contested",
    "partly_reported": "Partly reported",
    "no_report": "No report",
}
# What each status means, for legends (HTML map, app, PNG).
STATUS_HINTS: dict[str, str] = {
    "partly_reported": "only places inside it (a crossing, a base, a town) were reported",
}
POINT_LEGEND = "point place (crossing, airport, base, town), coloured by its own status"
MAX_SENTENCE = 600  # characters of evidence shown per claim; the rest is elided
MAX_EVIDENCE = 30  # newest claims listed per district and period; older ones are counted, not sent
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "Tiles \u00a9 OpenStreetMap contributors"

METHODOLOGY = (
    "Each district takes the status of its newest dated claim in the news reports. Opposing claims "
    "(Taliban versus government) within {window} days of each other, or a claim and its denial in the same "
    "article, make it contested; a later report of a recapture flips it back. {points} Claims about all or "
    "the rest of a province colour its districts that have no claim of their own; claims about most or part "
    "of a province colour nothing and are outlined instead. Hatched: the status rests only on one side "
    "claiming its own gain (unconfirmed); an admission by the losing side, a reporter, a third party or both "
    "sides agreeing confirm it. Faded: no claim for more than {stale} days (stale). Claims without an event "
    "date count from the article's publication date; claims with neither are listed, not drawn. These are "
    "reported claims, not verified facts."
)
POINTS_RULE = (
    "Point places (border crossings, airports, bases, towns) are markers with their own status; a claim "
    "about a district's centre or a provincial capital colours the district, a claim about any other point "
    "leaves it partly reported."
)
POINTS_RULE_OLD = "Point places (border crossings, towns, bases) colour the district that contains them."


def methodology(params: Any) -> str:
    """The method paragraph for these timeline parameters."""
    rule = POINTS_RULE_OLD if getattr(params, "points_colour_districts", False) else POINTS_RULE
    return METHODOLOGY.format(window=params.contest_window_days, stale=params.stale_days, points=rule)


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, comments or line terminators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def _leaflet() -> tuple[str, str]:
    static = resources.files("geo.maps") / "static"
    js = (static / "leaflet.js").read_text(encoding="utf-8")
    css = (static / "leaflet.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    # Leaflet's default marker and layer-control images are not shipped: never referenced.
    css = re.sub(r"url\(images/[^)]*\)", "none", css)
    return js, css


def source_counts(claims: list[Claim]) -> list[tuple[str, int]]:
    """Outlets with the number of distinct articles each contributed, most first."""
    articles: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        articles[claim_outlet(c) or "Outlet not named"].add(c.article_id)
    return sorted(
        ((p, len(a)) for p, a in articles.items()), key=lambda x: (-x[1], x[0].casefold())
    )


def _safe_url(url: str | None) -> str:
    if not url:
        return ""
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def _clip(text: str | None, limit: int = MAX_SENTENCE) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def copies_text(c: Claim) -> str:
    """The other copies of the claim's story: outlet and headline of each."""
    names = []
    for copy in (c.extra or {}).get("copies") or []:
        if not isinstance(copy, dict):
            continue
        outlet, title = copy.get("outlet"), copy.get("title")
        title = f"“{_clip(str(title), 70)}”" if title else ""
        name = f"{outlet} ({title})" if outlet and title else str(outlet or title or "")
        if name:
            names.append(name)
    names = list(dict.fromkeys(names))
    return f"Same story also in: {'; '.join(names)}" if names else ""


def _origin_text(c: Claim) -> str:
    """The wire agency or first outlet of the story, when it is not the claim's own outlet."""
    origin = (c.extra or {}).get("source")
    return f"story from {origin}" if isinstance(origin, str) and origin and origin != claim_outlet(c) else ""


class _Evidence:
    """Each claim once, referenced by index from every segment that uses it."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self._index: dict[int, int] = {}

    def ref(self, c: Claim) -> int:
        key = id(c)
        if key not in self._index:
            day = claim_day(c)
            fallback = not c.event_date
            self._index[key] = len(self.rows)
            self.rows.append([
                _clip(c.sentence),
                _clip(c.attributed_to, 200),
                c.source_type,
                c.controller,
                (day.isoformat() if day else "") + (" (published)" if fallback and day else ""),
                _clip(claim_title(c) or "untitled article", 200),
                _clip(claim_outlet(c) or "outlet not named", 120),
                _safe_url(c.url),
                _clip(c.place_name, 120),
                c.place_level,
                c.scope or "",
                _clip(copies_text(c), 300),
                _clip(_origin_text(c), 120),
            ])  # fmt: skip
        return self._index[key]


_BASIS = {"district": "d", "province": "p", "override": "o", "point": "t", "": ""}
# One character per status code: status index * 8 + qualifiers (the page decodes with indexOf).
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"


def _code(s: DistrictStatus | PointStatus) -> str:
    value = STATUSES.index(s.status) * 8 + s.unconfirmed + 2 * s.stale + 4 * getattr(s, "overridden", False)
    return _ALPHABET[value]


def _payload(
    timeline: Timeline,
    dates: list[date],
    geometry: Any,
    *,
    title: str,
    online_tiles: bool,
) -> dict[str, Any]:
    districts = [d for d in timeline.districts if d.adm2_pcode in geometry.districts]
    ev = _Evidence()
    iso = [d.isoformat() for d in dates]
    codes: list[str] = []
    counts: list[list[int]] = []
    segs: list[list[list[Any]]] = [[] for _ in districts]
    last_key: list[Any] = [None] * len(districts)
    for i, day in enumerate(dates):
        row = []
        tally = dict.fromkeys(STATUSES, 0)
        on_day = {s.adm2_pcode: s for s in timeline.status_on(day)}
        for j, d in enumerate(districts):
            s = on_day[d.adm2_pcode]
            row.append(_code(s))
            tally[s.status] += 1
            if s.status == "no_report" and not s.evidence:
                key = None
            else:
                key = (s.since, tuple(id(c) for c in s.evidence), s.basis, s.note)
            if key != last_key[j]:
                last_key[j] = key
                if key is None:
                    segs[j].append([i])
                else:
                    segs[j].append([
                        i,
                        s.since.isoformat() if s.since else "",
                        [ev.ref(c) for c in s.evidence[-MAX_EVIDENCE:]],
                        _BASIS.get(s.basis, ""),
                        _clip(s.note, 400),
                        len(s.evidence),
                        _clip(corroboration_line(s.sources), 600),
                    ])  # fmt: skip
        codes.append("".join(row))
        counts.append([tally[k] for k in STATUSES])

    first = dates[0] if dates else None
    notes = []
    for n in timeline.province_notes:
        if n.adm1_pcode not in geometry.provinces:
            continue
        if len(dates) == 1 and not n.covers(first):  # type: ignore[arg-type]
            continue
        notes.append([
            n.adm1_pcode, n.label, n.controller, n.start.isoformat(),
            n.end.isoformat() if n.end else "", [ev.ref(c) for c in n.evidence],
        ])  # fmt: skip

    points = _points_payload(timeline, dates, ev)

    return {
        "title": title,
        "scale": geometry.scale,
        "bounds": list(geometry.bounds),
        "country": geometry.country,
        "provinces": [[p, g] for p, g in sorted(geometry.provinces.items())],
        "districts": [[d.adm2_pcode, d.adm2_name, d.adm1_name] for d in districts],
        "subset": len(districts) < len(geometry.districts),
        "geom": [geometry.districts[d.adm2_pcode] for d in districts],
        "dates": iso,
        "codes": codes,
        "counts": counts,
        "segs": segs,
        "ev": ev.rows,
        "notes": notes,
        "points": points,
        "colours": STATUS_COLOURS,
        "labels": STATUS_LABELS,
        "statuses": list(STATUSES),
        "alphabet": _ALPHABET,
        "tiles": [OSM_TILES, OSM_ATTRIBUTION] if online_tiles else None,
    }


def _labels_payload(labels: Iterable[Any] | None, geometry: Any) -> list[list[Any]]:
    """Province names and capitals for the label layer (those of the map's provinces)."""
    from geo.maps.labels import labels_payload, place_labels

    if labels is None:
        labels = place_labels(provinces=set(geometry.provinces))
    return labels_payload(labels)


def _aliases_payload(aliases: Mapping[str, Iterable[str]] | None, districts: list[list[Any]]) -> list[list[str]]:
    """Per district (in page order), the other spellings the search box accepts."""
    if aliases is None:
        from geo.maps.labels import district_aliases

        aliases = district_aliases(pcodes={d[0] for d in districts})
    return [sorted({_clip(str(a), 60) for a in aliases.get(d[0], ())}) for d in districts]


def _changes_payload(timeline: Timeline, since: date, until: date, districts: list[list[Any]]) -> dict[str, Any]:
    """The changes view: [district index, from, to, changed on, evidence, sources] per changed district."""
    from geo.timeline.changes import changes, changes_table

    index = {d[0]: j for j, d in enumerate(districts)}
    rows = [r for r in changes(timeline, since, until) if r.adm2_pcode in index]
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "rows": [[index[t["adm2_pcode"]], t["from"], t["to"], t["changed_on"], _clip(t["evidence"], 900),
                  _clip(t["sources"], 400)] for t in changes_table(rows)],
    }


def _points_payload(timeline: Timeline, dates: list[date], ev: _Evidence) -> list[list[Any]]:
    """Each located point once: [lat, lon, name, district, province, centre, segments].

    A segment is [first date index, status code, since, evidence indexes,
    number of claims], like a district's; before its first segment the point
    is not drawn.
    """
    segs: dict[str, list[list[Any]]] = defaultdict(list)
    last: dict[str, Any] = {}
    where: dict[str, Any] = {}
    for i, day in enumerate(dates):
        for p in timeline.point_status_on(day):
            if not (math.isfinite(p.lat if p.lat is not None else math.nan)
                    and math.isfinite(p.lon if p.lon is not None else math.nan)):
                continue  # a point with no usable position is not drawn
            where[p.key] = p
            key = (p.code, p.since, tuple(id(c) for c in p.evidence))
            if last.get(p.key) == key:
                continue
            last[p.key] = key
            segs[p.key].append([
                i, _code(p), p.since.isoformat() if p.since else "",
                [ev.ref(c) for c in p.evidence[-MAX_EVIDENCE:]], len(p.evidence),
                _clip(corroboration_line(p.sources), 600),
            ])  # fmt: skip
    return [
        [round(where[k].lat, 4), round(where[k].lon, 4), _clip(where[k].name, 120),
         _clip(where[k].adm2_name, 120), _clip(where[k].adm1_name, 120), where[k].centre, segs[k]]
        for k in sorted(segs)
    ]  # fmt: skip


def _legend_swatch(status: str, variant: str = "") -> str:
    colour = STATUS_COLOURS[status]
    if variant == "unconfirmed":
        fill, extra = f"url(#tcmap-hatch-{status})", ' stroke-dasharray="3 2"'
    elif variant == "stale":
        fill, extra = colour, ' fill-opacity="0.35"'
    else:
        fill, extra = colour, ""
    return (
        f'<svg class="sw" width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" height="12" '
        f'fill="{fill}" stroke="#555" stroke-width="1"{extra}/></svg>'
    )


def _patterns() -> str:
    out = []
    for status in ("taliban", "government", "contested"):
        colour = STATUS_COLOURS[status]
        out.append(
            f'<pattern id="tcmap-hatch-{status}" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="3.5" height="6" fill="{colour}"/></pattern>'
        )
    return "".join(out)


def render_map(
    timeline: Timeline,
    *,
    title: str | None = None,
    sources: Mapping[str, int] | Iterable[tuple[str, int]] | None = None,
    online_tiles: bool = False,
    single_date: date | None = None,
    geometry: Any = None,
    labels: Iterable[Any] | None = None,
    changes_since: date | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The timeline as one self-contained HTML page (see the module docstring).

    ``labels`` are :class:`geo.maps.labels.PlaceLabel` (default: the province
    names and capitals of the installed boundaries). ``changes_since`` shows
    only the districts whose status changed between that day and
    ``single_date`` (default: the last change date), with a table of the changes.
    ``aliases`` maps a district P-code to other spellings the search box
    accepts (default: the installed gazetteer's name keys).

    ``sources`` maps publisher to article count, or lists (publisher, count)
    pairs (default: counted from the timeline's claims). ``single_date`` draws that one day without a slider.
    ``geometry`` is a :class:`geo.maps.geometry.MapGeometry`; by default the
    installed boundaries, simplified and cached.
    """
    if single_date is not None and not isinstance(single_date, date):
        raise TypeError(f"Expected a date for single_date, instead got: {single_date!r}.")
    if geometry is None:
        from geo.maps.geometry import load_map_geometry

        geometry = load_map_geometry()
    from geo.places.boundaries import read_manifest

    if changes_since is not None:
        if not isinstance(changes_since, date):
            raise TypeError(f"Expected a date for changes_since, instead got: {changes_since!r}.")
        single_date = single_date or max(timeline.last_date or changes_since, changes_since)
        if single_date < changes_since:
            raise ValueError(f"Expected a date on or after changes_since {changes_since.isoformat()}, "
                             f"instead got: {single_date.isoformat()}.")
    dates = [single_date] if single_date is not None else list(timeline.change_dates)
    if title is None:
        title = "Territorial control in Afghanistan as reported in the news"
    title = " ".join(str(title).split())
    payload = _payload(timeline, dates, geometry, title=title, online_tiles=online_tiles)
    payload["placeLabels"] = _labels_payload(labels, geometry)
    payload["aliases"] = _aliases_payload(aliases, payload["districts"])
    payload["changes"] = (
        _changes_payload(timeline, changes_since, single_date, payload["districts"])  # type: ignore[arg-type]
        if changes_since is not None else None
    )
    if sources is None:
        src_rows = source_counts([*timeline.claims, *timeline.undated])
    else:
        pairs = sources.items() if isinstance(sources, Mapping) else sources
        try:
            src_rows = sorted(
                ((str(k), int(v)) for k, v in pairs), key=lambda x: (-x[1], x[0].casefold())
            )
        except (TypeError, ValueError) as e:
            raise ValueError(
                f"Expected (publisher, article count) pairs for sources, instead got: {sources!r}."
            ) from e
    n_articles = len({c.article_id for c in (*timeline.claims, *timeline.undated)})
    if changes_since is not None and single_date is not None:
        range_text = f"Changes from {changes_since.isoformat()} to {single_date.isoformat()}"
    elif single_date is not None:
        range_text = f"Status on {single_date.isoformat()}"
    elif dates:
        range_text = (
            f"{dates[0].isoformat()} to {dates[-1].isoformat()}, {len(dates)} dates with changes"
        )
    else:
        range_text = "No dated claims"
    manifest = read_manifest()
    params = timeline.params
    method = methodology(params)

    def esc(text: str) -> str:
        # Folding whitespace also removes U+2028/9, which some tools treat as line ends.
        return html.escape(" ".join(str(text).split()))

    legend = "".join(
        f'<li>{_legend_swatch(s)} {esc(STATUS_LABELS[s])} <span class="n" data-status="{s}"></span>'
        + (f' <span class="small">({esc(STATUS_HINTS[s])})</span>' if s in STATUS_HINTS else "")
        + "</li>"
        for s in STATUSES
        if s != "partly_reported" or not params.points_colour_districts
    )
    legend += (
        f"<li>{_legend_swatch('taliban', 'unconfirmed')} unconfirmed (only one side claiming its own gain)</li>"
        f"<li>{_legend_swatch('taliban', 'stale')} stale (no claim for {params.stale_days} days)</li>"
        '<li><svg class="sw" width="22" height="14" aria-hidden="true"><rect x="2" y="2" width="18" height="10" '
        'fill="none" stroke="#222" stroke-width="2.5"/></svg> analyst override</li>'
        '<li><svg class="sw" width="22" height="14" aria-hidden="true"><rect x="2" y="2" width="18" height="10" '
        'fill="none" stroke="#555" stroke-width="2" stroke-dasharray="4 2"/></svg> province-level claim '
        "(most / part of a province)</li>"
        '<li><svg class="sw" width="22" height="14" aria-hidden="true"><circle cx="11" cy="7" r="5" '
        f'fill="#fff" stroke="#333" stroke-width="2"/></svg> {esc(POINT_LEGEND)}</li>'
    )
    src_html = "".join(
        f"<li>{esc(p)}: {n} article{'s' if n != 1 else ''}</li>" for p, n in src_rows
    )
    undated = len(timeline.undated)
    undated_html = (
        f'<p class="small">{undated} claim{"s" if undated != 1 else ""} without any date '
        "(no event date, no publication date) are not drawn.</p>"
        if undated
        else ""
    )
    js, css = _leaflet()
    values = {
        "@@TITLE@@": esc(title),
        "@@RANGE@@": esc(range_text),
        "@@IMG_SRC@@": "https://tile.openstreetmap.org" if online_tiles else "",
        "@@LEAFLET_CSS@@": css,
        "@@CSS@@": _CSS,
        "@@PATTERNS@@": _patterns(),
        "@@LEGEND@@": legend,
        "@@SOURCES@@": src_html or "<li>none</li>",
        "@@NARTICLES@@": str(n_articles),
        "@@UNDATED@@": undated_html,
        "@@METHOD@@": esc(method),
        "@@ATTRIBUTION@@": esc(manifest.attribution),
        "@@LICENCE@@": esc(manifest.licence),
        "@@SINGLE@@": " single" if single_date is not None or len(dates) <= 1 else "",
        "@@DATA@@": json_for_script(payload),
        "@@LEAFLET_JS@@": js,
        "@@APP_JS@@": _APP_JS,
        "@@FEATURES_JS@@": _FEATURES_JS,
    }
    # One pass, so a placeholder inside an article's text is never expanded.
    return re.sub(r"@@[A-Z_]+@@", lambda m: values[m.group(0)], _TEMPLATE)


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
#wrap{display:flex;height:100%}
#map{flex:1 1 auto;height:100%;background:#f4f1ea}
#side{flex:0 0 330px;overflow:auto;padding:12px 14px;border-left:1px solid #ccc;background:#fff}
@media (max-width:700px){
  html,body{height:auto}
  #wrap{flex-direction:column;height:auto}
  #map{flex:none;height:62vh;min-height:320px}
  #side{flex:none;border-left:0;border-top:1px solid #ccc;overflow:visible}
}
h1{font-size:17px;margin:0 0 2px}
.range{color:#555;margin:0 0 8px}
#now{font-size:20px;font-weight:600;margin:6px 0}
#controls{display:flex;gap:8px;align-items:center}
#controls input{flex:1}
.single #controls,.single #chart{display:none}
#chart{width:100%;height:90px;display:block;margin:6px 0;cursor:pointer}
ul{padding-left:0;list-style:none;margin:4px 0}
li{margin:2px 0}
.sw{vertical-align:middle;margin-right:4px}
.small{font-size:12px;color:#555}
h2{font-size:14px;margin:12px 0 4px}
.tc-pop{max-width:360px;max-height:320px;overflow:auto}
.tc-pop h3{margin:0;font-size:15px}
.tc-pop ol{padding-left:18px;margin:6px 0}
.tc-pop li{margin-bottom:6px}
.tc-pop q{font-style:italic}
.tc-note{background:rgba(255,255,255,.85);border:1px dashed #555;font-weight:600;white-space:nowrap}
#attr{position:absolute;right:0;bottom:0;z-index:800;background:rgba(255,255,255,.8);font-size:11px;padding:1px 5px;max-width:60%}
button{font:inherit;padding:2px 10px}
#search{margin:6px 0 4px}
#tc-search{width:100%;font:inherit;padding:3px 6px}
#tc-search-msg{margin:2px 0;min-height:1em}
.tc-labels-pane{pointer-events:none}
.tc-label{pointer-events:none;width:0;height:0}
.tc-label span{position:absolute;white-space:nowrap;color:#444;font-size:11px;line-height:1;
 text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.tc-label-province span{transform:translate(-50%,-50%);font-size:11px;letter-spacing:.04em;
 text-transform:uppercase;color:#555;font-weight:600;opacity:.8}
.tc-label-capital span{transform:translate(5px,-50%);font-size:10px;color:#333}
.tc-label-capital::before{content:"";position:absolute;left:-2.5px;top:-2.5px;width:5px;height:5px;
 border-radius:50%;background:#333}
.tc-hide-capitals .tc-label-capital,.tc-hide-labels .tc-label{display:none}
#tc-changes-wrap{max-height:320px;overflow:auto}
#tc-changes-table{border-collapse:collapse;width:100%}
#tc-changes-table th,#tc-changes-table td{border-bottom:1px solid #ddd;padding:2px 3px;text-align:left;vertical-align:top}
#tc-changes-table tbody tr{cursor:pointer}
#tc-changes-table tbody tr:hover{background:#f3f0e6}
#tc-changes-table tr:not(.tc-change-ev) td{border-bottom:0}
#tc-changes-table .tc-change-ev td{color:#666;font-size:11px;overflow-wrap:anywhere}
.tc-change{margin:6px 0 0;padding:4px 6px;background:#f6f3ea;border-left:3px solid #888}
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: @@IMG_SRC@@; connect-src 'none'">
<title>@@TITLE@@</title>
<style>@@LEAFLET_CSS@@</style>
<style>@@CSS@@</style>
</head>
<body class="tcmap@@SINGLE@@">
<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>@@PATTERNS@@</defs></svg>
<div id="wrap">
<div id="map" role="region" aria-label="Map of district control"><div id="attr"></div></div>
<div id="side">
<h1>@@TITLE@@</h1>
<p class="range">@@RANGE@@</p>
<div id="search"><input id="tc-search" type="search" list="tc-districts" autocomplete="off"
 placeholder="Find a district (name or P-code)" aria-label="Find a district"><datalist id="tc-districts"></datalist>
<p id="tc-search-msg" class="small" role="status"></p>
<label class="small"><input type="checkbox" id="tc-labels" checked> Province names and capitals</label></div>
<div id="tc-changes" hidden><h2 id="tc-changes-title"></h2><p class="small" id="tc-changes-hint"></p>
<div id="tc-changes-wrap"><table id="tc-changes-table" class="small"><thead><tr><th>District</th><th>Province</th>
<th>From</th><th>To</th><th>Changed on</th></tr></thead><tbody></tbody></table></div></div>
<div id="now"></div>
<div id="controls"><button id="play" type="button" aria-label="Play">Play</button>
<input id="slider" type="range" min="0" max="0" value="0" step="1" aria-label="Date"></div>
<svg id="chart" role="img" aria-label="Districts per status on each date"></svg>
<h2>Legend</h2>
<ul id="legend">@@LEGEND@@</ul>
<h2>Province-level reports</h2>
<ul id="pnotes" class="small"></ul><p id="pnotes-none" class="small">None on this date.</p>
<h2>Sources</h2>
<p class="small">@@NARTICLES@@ articles with claims.</p>
<ul class="small">@@SOURCES@@</ul>
@@UNDATED@@
<h2>Method</h2>
<p class="small">@@METHOD@@</p>
<h2>Boundaries</h2>
<p class="small" id="licence">@@ATTRIBUTION@@ (@@LICENCE@@)</p>
<p class="small">Map drawn with Leaflet 1.9.4 (BSD-2-Clause), included in this file.</p>
</div>
</div>
<script type="application/json" id="tcmap-data">@@DATA@@</script>
<script>@@LEAFLET_JS@@</script>
<script>@@APP_JS@@</script>
<script>@@FEATURES_JS@@</script>
</body>
</html>
"""

_APP_JS = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tcmap-data").textContent);
  var ST = D.statuses, COL = D.colours, LAB = D.labels;
  var HATCHED = { taliban: 1, government: 1, contested: 1 };
  var N = D.dates.length;
  var cur = N ? N - 1 : -1;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function decode(enc) {
    var s = D.scale, out = [];
    for (var p = 0; p < enc.length; p++) {
      var rings = [];
      for (var r = 0; r < enc[p].length; r++) {
        var a = enc[p][r], x = 0, y = 0, ring = [];
        for (var i = 0; i < a.length; i += 2) { x += a[i]; y += a[i + 1]; ring.push([y / s, x / s]); }
        rings.push(ring);
      }
      out.push(rings);
    }
    return out;
  }
  function parseCode(ch) {
    var v = D.alphabet.indexOf(ch);
    return { status: ST[v >> 3], unconfirmed: !!(v & 1), stale: !!(v & 2), overridden: !!(v & 4) };
  }
  function codeOf(j) {
    return N ? parseCode(D.codes[cur].charAt(j)) : { status: "no_report", unconfirmed: false, stale: false, overridden: false };
  }
  function segOf(j) {
    var s = D.segs[j], found = null;
    for (var k = 0; k < s.length; k++) { if (s[k][0] <= cur) found = s[k]; else break; }
    return found && found.length > 1 ? found : null;
  }
  function statusText(c) {
    var q = [];
    if (c.unconfirmed) q.push("unconfirmed");
    if (c.stale) q.push("stale");
    if (c.overridden) q.push("analyst override");
    return LAB[c.status] + (q.length ? " (" + q.join(", ") + ")" : "");
  }
  function styleOf(c) {
    var fill = COL[c.status];
    if (c.unconfirmed && HATCHED[c.status]) fill = "url(#tcmap-hatch-" + c.status + ")";
    return {
      fillColor: fill,
      fillOpacity: c.status === "no_report" ? 0.55 : (c.stale ? 0.35 : 0.8),
      color: c.overridden ? "#222" : "#7a7a7a",
      weight: c.overridden ? 2.5 : 0.6,
      dashArray: c.unconfirmed ? "3 2" : null
    };
  }
  function evidenceList(refs) {
    var ol = el("ol");
    refs.forEach(function (r) {
      var e = D.ev[r], li = el("li");
      li.appendChild(el("q", e[0]));
      var meta = el("div", null, "small");
      meta.appendChild(document.createTextNode(
        "\u2014 " + e[1] + " (" + e[2] + "), says " + LAB[e[3]].toLowerCase() +
        (e[8] ? " \u00b7 " + e[8] + (e[10] ? " (" + e[10] + ")" : "") : "") + " \u00b7 " + (e[4] || "undated")));
      li.appendChild(meta);
      var src = el("div", null, "small");
      src.appendChild(document.createTextNode(e[6] + (e[12] ? " (" + e[12] + ")" : "") + ": " + e[5]));
      if (e[7]) {
        src.appendChild(document.createTextNode(" "));
        var a = el("a", "link");
        a.href = e[7]; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
        src.appendChild(a);
      }
      li.appendChild(src);
      if (e[11]) li.appendChild(el("div", e[11], "small tc-copies"));
      ol.appendChild(li);
    });
    return ol;
  }
  function tooltipFor(j) {
    var d = D.districts[j], c = codeOf(j), s = segOf(j);
    var box = el("div");
    box.appendChild(el("b", d[1]));
    box.appendChild(document.createTextNode(", " + d[2]));
    box.appendChild(el("div", statusText(c) + (s && s[1] ? " since " + s[1] : "")));
    return box;
  }
  function popupFor(j) {
    var d = D.districts[j], c = codeOf(j), s = segOf(j);
    var box = el("div", null, "tc-pop");
    box.appendChild(el("h3", d[1]));
    box.appendChild(el("div", d[2] + " province \u00b7 " + d[0], "small"));
    box.appendChild(el("p", statusText(c) + (s && s[1] ? " since " + s[1] : "") + (N ? " (on " + D.dates[cur] + ")" : "")));
    if (s && s[4]) box.appendChild(el("p", "Analyst note: " + s[4]));
    if (s && s[3] === "p") box.appendChild(el("p", "From a province-wide report; no report names this district.", "small"));
    if (s && s[3] === "t") box.appendChild(el("p", "Only places inside this district were reported (see their markers); no report says who holds the district.", "small"));
    if (s && s[6]) box.appendChild(el("p", s[6], "tc-sources"));
    if (s && s[2].length) {
      box.appendChild(el("div", "Evidence (" + s[5] + "):"));
      box.appendChild(evidenceList(s[2].slice().reverse()));
      if (s[5] > s[2].length) box.appendChild(el("p", "\u2026 and " + (s[5] - s[2].length) + " older claims, not listed here.", "small"));
    } else {
      box.appendChild(el("p", "No claim about this district up to this date.", "small"));
    }
    return box;
  }

  var popupExtras = [], dateHooks = [];  // filled by the feature script (labels, search, changes)
  var b = D.bounds;
  var map = L.map("map", { zoomSnap: 0.25, attributionControl: false, renderer: L.svg({ padding: 0.3 }) });
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  var attr = document.getElementById("attr");
  attr.textContent = document.getElementById("licence").textContent;
  if (D.tiles) {
    L.tileLayer(D.tiles[0], { maxZoom: 18 }).addTo(map);
    attr.textContent = D.tiles[1] + " \u00b7 " + attr.textContent;
  }
  L.polygon(decode(D.country), { color: "#333", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: D.tiles ? 0 : 1, interactive: false }).addTo(map);
  var provGeom = {};
  D.provinces.forEach(function (p) { provGeom[p[0]] = decode(p[1]); });

  var layers = D.districts.map(function (d, j) {
    var layer = L.polygon(decode(D.geom[j]), { className: "tc-d tc-" + d[0] });
    layer.bindTooltip(function () { return tooltipFor(j); }, { sticky: true });
    layer.bindPopup(function () {
      var box = popupFor(j);
      popupExtras.forEach(function (f) { f(j, box); });
      return box;
    }, { maxWidth: 380, autoPanPaddingTopLeft: [50, 10] });
    layer.on("mouseover", function () { layer.setStyle({ weight: 2 }); });
    layer.on("mouseout", function () { layer.setStyle({ weight: codeOf(j).overridden ? 2.5 : 0.6 }); });
    layer.addTo(map);
    // Reachable by keyboard: Tab to a district, Enter (or Space) opens its popup.
    var path = layer.getElement();
    if (path) {
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", d[1] + ", " + d[2]);
      path.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); layer.openPopup(layer.getBounds().getCenter()); }
      });
      path.addEventListener("focus", function () { layer.setStyle({ weight: 2 }); });
      path.addEventListener("blur", function () { layer.setStyle({ weight: codeOf(j).overridden ? 2.5 : 0.6 }); });
    }
    return layer;
  });
  D.provinces.forEach(function (p) {
    L.polygon(provGeom[p[0]], { color: "#444", weight: 1.1, fill: false, interactive: false }).addTo(map);
  });
  if (D.subset && layers.length) map.fitBounds(L.featureGroup(layers).getBounds());

  var notes = D.notes.map(function (n) {
    var layer = L.polygon(provGeom[n[0]] || [], { color: COL[n[2]], weight: 3, dashArray: "8 5", fill: false, className: "tc-note-shape" });
    // Named on hover and in the side panel, never by a permanent label (they overlap the districts).
    layer.bindTooltip(el("span", n[1]), { sticky: true, className: "tc-note" });
    layer.bindPopup(function () {
      var box = el("div", null, "tc-pop");
      box.appendChild(el("h3", n[1]));
      box.appendChild(el("p", "Colours no district: the report does not say which districts.", "small"));
      box.appendChild(evidenceList(n[5]));
      return box;
    });
    return layer;
  });
  function pointSeg(k) {
    var s = D.points[k][6], found = null;
    for (var q = 0; q < s.length; q++) { if (s[q][0] <= cur) found = s[q]; else break; }
    return found;
  }
  function pointStyle(c, centre) {
    return {
      fillColor: COL[c.status], fillOpacity: c.stale ? 0.4 : 1, color: "#222",
      weight: centre ? 3 : 2, dashArray: c.unconfirmed ? "2 2" : null
    };
  }
  var points = D.points.map(function (p, k) {
    var m = L.circleMarker([p[0], p[1]], { radius: p[5] ? 7 : 6, weight: 2, color: "#222", fillOpacity: 1, className: "tc-point" });
    m.bindTooltip(function () {
      var s = pointSeg(k), box = el("div");
      box.appendChild(el("b", p[2]));
      if (s) box.appendChild(el("div", statusText(parseCode(s[1])) + (s[2] ? " since " + s[2] : "")));
      return box;
    });
    m.bindPopup(function () {
      var s = pointSeg(k), box = el("div", null, "tc-pop tc-point-pop");
      box.appendChild(el("h3", p[2]));
      box.appendChild(el("div", "Point in " + p[3] + ", " + p[4] + (p[5]
        ? " · the district centre: its claims colour the district"
        : " · its claims do not colour the district"), "small"));
      if (!s) return box;
      box.appendChild(el("p", statusText(parseCode(s[1])) + (s[2] ? " since " + s[2] : "") + (N ? " (on " + D.dates[cur] + ")" : "")));
      if (s[5]) box.appendChild(el("p", s[5], "tc-sources"));
      box.appendChild(el("div", "Evidence (" + s[4] + "):"));
      box.appendChild(evidenceList(s[3].slice().reverse()));
      if (s[4] > s[3].length) box.appendChild(el("p", "\u2026 and " + (s[4] - s[3].length) + " older claims, not listed here.", "small"));
      return box;
    }, { maxWidth: 380 });
    return m;
  });

  function show(layer, on) {
    if (on && !map.hasLayer(layer)) layer.addTo(map);
    if (!on && map.hasLayer(layer)) map.removeLayer(layer);
  }
  var slider = document.getElementById("slider");
  var now = document.getElementById("now");
  var chart = document.getElementById("chart");
  var bars = [];

  function drawChart() {
    if (N < 2) return;
    var SVGNS = "http://www.w3.org/2000/svg";
    var W = chart.clientWidth || 300, H = 76, top = 1;
    D.counts.forEach(function (c) { top = Math.max(top, c[0] + c[1] + c[2]); });
    var bw = W / N;
    for (var i = 0; i < N; i++) {
      var g = document.createElementNS(SVGNS, "g"), y = H;
      for (var k = 0; k < 3; k++) {
        var h = D.counts[i][k] / top * H;
        if (h > 0) {
          var r = document.createElementNS(SVGNS, "rect");
          r.setAttribute("x", i * bw); r.setAttribute("width", Math.max(bw - 1, 1));
          r.setAttribute("y", y - h); r.setAttribute("height", h);
          r.setAttribute("fill", COL[ST[k]]);
          g.appendChild(r); y -= h;
        }
      }
      var t = document.createElementNS(SVGNS, "title");
      t.textContent = D.dates[i] + ": " + ST.map(function (s, k) { return LAB[s] + " " + D.counts[i][k]; }).join(", ");
      g.appendChild(t);
      g.setAttribute("data-i", i);
      chart.appendChild(g);
      bars.push(g);
    }
    [[0, "start"], [N - 1, "end"]].forEach(function (a) {
      var t = document.createElementNS(SVGNS, "text");
      t.setAttribute("x", a[1] === "start" ? 0 : W); t.setAttribute("y", 88);
      t.setAttribute("text-anchor", a[1]); t.setAttribute("font-size", "10"); t.setAttribute("fill", "#555");
      t.textContent = D.dates[a[0]];
      chart.appendChild(t);
    });
    chart.addEventListener("click", function (ev) {
      var rect = chart.getBoundingClientRect();
      stop();
      setDate(Math.min(N - 1, Math.max(0, Math.floor((ev.clientX - rect.left) / bw))));
    });
  }

  function setDate(i) {
    cur = i;
    if (N) slider.value = String(i);
    now.textContent = N ? D.dates[i] : "No dated claims";
    layers.forEach(function (layer, j) { layer.setStyle(styleOf(codeOf(j))); });
    var day = N ? D.dates[i] : "";
    var pnotes = document.getElementById("pnotes");
    pnotes.textContent = "";
    notes.forEach(function (layer, k) {
      var n = D.notes[k], on = N > 0 && n[3] <= day && (!n[4] || day <= n[4]);
      show(layer, on);
      if (on) pnotes.appendChild(el("li", n[1]));
    });
    document.getElementById("pnotes-none").hidden = pnotes.childNodes.length > 0;
    points.forEach(function (m, k) {
      var s = pointSeg(k);
      if (s) m.setStyle(pointStyle(parseCode(s[1]), D.points[k][5]));
      show(m, !!s);
    });
    var counts = N ? D.counts[i] : ST.map(function (x) { return x === "no_report" ? D.districts.length : 0; });
    document.querySelectorAll("#legend .n").forEach(function (e) {
      e.textContent = "(" + counts[ST.indexOf(e.getAttribute("data-status"))] + ")";
    });
    bars.forEach(function (g, k) { g.setAttribute("opacity", k === i ? "1" : "0.45"); });
    dateHooks.forEach(function (f) { f(i); });
    map.closePopup();
  }

  slider.max = String(Math.max(N - 1, 0));
  slider.addEventListener("input", function () { stop(); setDate(parseInt(slider.value, 10)); });
  var timer = null, play = document.getElementById("play");
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; play.textContent = "Play"; play.setAttribute("aria-label", "Play"); }
  }
  play.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    if (cur >= N - 1) setDate(0);
    play.textContent = "Pause"; play.setAttribute("aria-label", "Pause");
    timer = setInterval(function () {
      if (cur < N - 1) setDate(cur + 1);
      if (cur >= N - 1) stop();
    }, 900);
  });

  drawChart();
  setDate(cur);
  window.tcmap = {
    map: map, setDate: setDate, dates: D.dates, data: D, layers: layers, el: el, codeOf: codeOf,
    statusText: statusText, popupExtras: popupExtras, dateHooks: dateHooks,
    current: function () { return cur; }
  };
  requestAnimationFrame(function () {
    document.body.setAttribute("data-ready", "1");
    if (window.performance && performance.mark) performance.mark("tcmap-painted");
  });
})();
"""


# Labels, the district search and the changes view: one script after the main one,
# working through window.tcmap (its date hooks and popup extras).
_FEATURES_JS = r"""
(function () {
  "use strict";
  var T = window.tcmap;
  if (!T) return;
  var D = T.data, map = T.map, el = T.el, layers = T.layers;

  // --- labels: small text markers that take no clicks ---------------------------
  var pane = map.createPane("tc-labels");
  pane.style.zIndex = 450;
  pane.className += " tc-labels-pane";
  var labelLayer = L.layerGroup();
  (D.placeLabels || []).forEach(function (p) {
    var icon = L.divIcon({ className: "tc-label tc-label-" + p[0], html: el("span", p[1]), iconSize: null });
    L.marker([p[2], p[3]], { icon: icon, interactive: false, keyboard: false, pane: "tc-labels" }).addTo(labelLayer);
  });
  labelLayer.addTo(map);
  var box = map.getContainer();
  function capitals() { box.classList.toggle("tc-hide-capitals", map.getZoom() < 6.75); }
  map.on("zoomend", capitals);
  capitals();
  var toggle = document.getElementById("tc-labels");
  if (toggle) toggle.addEventListener("change", function () { box.classList.toggle("tc-hide-labels", !toggle.checked); });

  // --- search: a district by name (with province), P-code or a loose spelling ----
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  }
  function loose(s) {  // Qala-e-Naw ~ Kala Nau, Khwaja ~ Khaja: vowels, doubled letters, q/k, w
    var f = fold(s).replace(/q/g, "k").replace(/w/g, "").replace(/(.)\1+/g, "$1");
    return f.charAt(0) + f.slice(1).replace(/[aeiouy]/g, "");
  }
  var entries = D.districts.map(function (d, j) {
    var alt = ((D.aliases || [])[j] || []).map(loose);
    alt.push(loose(d[1]));
    return { j: j, label: d[1] + ", " + d[2], code: d[0].toLowerCase(), name: fold(d[1]), loose: alt };
  });
  var list = document.getElementById("tc-districts");
  entries.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (e) {
    var o = document.createElement("option");
    o.value = e.label;
    o.label = D.districts[e.j][0];
    list.appendChild(o);
  });
  function find(q) {
    var f = fold(q), l = loose(q.split(",")[0]), hit = null;
    if (!f) return null;
    var tests = [
      function (e) { return fold(e.label) === f; },
      function (e) { return e.code === q.trim().toLowerCase(); },
      function (e) { return e.name === fold(q.split(",")[0]); },
      function (e) { return e.loose.indexOf(l) >= 0; },
      function (e) { return e.name.indexOf(fold(q.split(",")[0])) === 0; }
    ];
    for (var t = 0; t < tests.length && !hit; t++) {
      for (var k = 0; k < entries.length; k++) { if (tests[t](entries[k])) { hit = entries[k]; break; } }
    }
    return hit;
  }
  function openDistrict(j) {
    var layer = layers[j];
    map.fitBounds(layer.getBounds(), { maxZoom: 9, animate: false, padding: [30, 30] });
    layer.openPopup(layer.getBounds().getCenter());
  }
  var input = document.getElementById("tc-search"), msg = document.getElementById("tc-search-msg");
  function go() {
    var q = input.value;
    if (!q.trim()) { msg.textContent = ""; return; }
    var hit = find(q);
    if (!hit) { msg.textContent = "No district matches “" + q + "”."; return; }
    msg.textContent = "";
    openDistrict(hit.j);
  }
  input.addEventListener("change", go);
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); go(); } });
  T.openDistrict = openDistrict;
  T.findDistrict = function (q) { var h = find(q); return h ? h.j : -1; };

  // --- changes between two dates -------------------------------------------------
  var C = D.changes;
  if (!C) return;
  var changed = {};
  C.rows.forEach(function (r) { changed[r[0]] = r; });
  var sect = document.getElementById("tc-changes");
  sect.hidden = false;
  document.getElementById("tc-changes-title").textContent =
    C.rows.length + " district" + (C.rows.length === 1 ? "" : "s") + " changed from " + C.since + " to " + C.until;
  document.getElementById("tc-changes-hint").textContent =
    "Only these are coloured, by their status on " + C.until + "; the others are blank. Click a row to open the district.";
  var tbody = document.querySelector("#tc-changes-table tbody");
  C.rows.forEach(function (r) {
    var tr = el("tr"), more = el("tr", null, "tc-change-ev"), td = el("td");
    [D.districts[r[0]][1], D.districts[r[0]][2], r[1], r[2], r[3]].forEach(function (v) { tr.appendChild(el("td", v)); });
    td.colSpan = 5;
    td.appendChild(el("div", r[4]));
    if (r[5]) td.appendChild(el("div", "Sources: " + r[5]));
    more.appendChild(td);
    [tr, more].forEach(function (row) {
      row.addEventListener("click", function () { openDistrict(r[0]); });
      tbody.appendChild(row);
    });
  });
  var BLANK = { fillColor: "#ffffff", fillOpacity: 0, color: "#b5b5b5", weight: 0.4, dashArray: null };
  T.dateHooks.push(function () {
    layers.forEach(function (layer, j) { if (!changed[j]) layer.setStyle(BLANK); });
  });
  T.popupExtras.push(function (j, box) {
    var r = changed[j];
    box.appendChild(el("p", r
      ? "Changed on " + r[3] + ": " + r[1] + " on " + C.since + ", " + r[2] + " on " + C.until + "."
      : "No change of status between " + C.since + " and " + C.until + ".", "tc-change"));
  });
  T.setDate(T.current());
})();
"""
