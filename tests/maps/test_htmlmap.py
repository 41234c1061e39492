"""The exported HTML: offline, escaped, small, with every part a reader needs."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from datetime import date, timedelta

import pytest

from geo.models import Claim
from geo.timeline.build import TimelineParams, build_timeline
from tests.factories import make_claim, square_districts

HOSTILE = (
    "</script><script>alert(1)</script><img src=x onerror=alert(2)> \"double\" 'single' "
    "`${backtick}` </div><!-- @@DATA@@ \u2028\u2029 & &amp; <b>bold</b>"
)
DISTRICTS = [
    ("AF9901", "Alpha", "AF99", "Westland", 0),
    ("AF9902", "Bravo", "AF99", "Westland", 1),
    ("AF9903", "Charlie", "AF99", "Westland", 2),
    ("AF9801", "Delta", "AF98", "Eastland", 3),
]


@pytest.fixture(scope="module")
def squares():
    pytest.importorskip("geopandas")
    return square_districts([row[:4] for row in DISTRICTS])


@pytest.fixture(scope="module")
def geometry(squares):
    from geo.maps.geometry import build_map_geometry

    return build_map_geometry(squares, tolerance=0.001)


def claim(pcode, controller, day, *, article="a1", sentence="It fell.", **kw) -> Claim:
    base = make_claim(
        article_id=article, published=day, published_source="header", mention="m", char_start=0, char_end=1,
        sentence=sentence, adm2_pcode=pcode, adm1_pcode=(pcode or "AF99")[:4], controller=controller,
        event_date=day, time_precision="day", publisher="Daily Test",
    )  # fmt: skip
    return dataclasses.replace(base, **kw)


def payload(page: str) -> dict:
    m = re.search(
        r'<script type="application/json" id="tcmap-data">(.*?)</script>', page, re.DOTALL
    )
    assert m, "data block missing"
    return json.loads(m.group(1))


def render(claims, geometry, squares, **kw):
    from geo.maps.htmlmap import render_map

    tl = build_timeline(
        claims, squares.drop(columns="geometry"), kw.pop("params", TimelineParams())
    )
    return tl, render_map(tl, geometry=geometry, **kw)


EXTERNAL = [
    r"""<(?:script|img|iframe|link|source|audio|video|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
    r"""url\(\s*["']?\s*(?:https?:)?//""",
    r"@import",
    r"""<script\b[^>]*\bsrc\s*=""",
    r"""<link\b[^>]*\brel\s*=\s*["']?stylesheet""",
    r"tile\.openstreetmap|unpkg\.com|cdn\.jsdelivr|cdnjs|code\.jquery|bootstrapcdn",
]


def test_page_references_nothing_outside_itself(geometry, squares):
    _, page = render(
        [claim("AF9901", "taliban", "2021-07-01", url="https://example.org/a")], geometry, squares
    )
    for pattern in EXTERNAL:
        assert not re.search(pattern, page, re.IGNORECASE), pattern
    assert "default-src 'none'" in page  # and the CSP forbids any fetch
    assert "L.map(" in page and ".leaflet-container" in page  # Leaflet inlined


def test_online_tiles_only_when_asked(geometry, squares):
    _, page = render(
        [claim("AF9901", "taliban", "2021-07-01")], geometry, squares, online_tiles=True
    )
    assert "tile.openstreetmap.org" in page
    assert payload(page)["tiles"][0].startswith("https://")


def test_article_text_full_of_markup_stays_text(geometry, squares):
    c = claim(
        "AF9901", "taliban", "2021-07-01", sentence=HOSTILE, attributed_to=HOSTILE, publisher=HOSTILE,
        title=HOSTILE, place_name=HOSTILE, url="javascript:alert(3)",
    )  # fmt: skip
    _, page = render([c], geometry, squares, title=HOSTILE)
    assert page.count("<script") == 4  # the data block, Leaflet, the map code, labels/search/changes: nothing injected
    assert page.count("</script>") == 4
    for raw in (
        "<img src=x",
        "<script>alert",
        "</div><!--",
        "<b>bold</b>",
        "\u2028",
        "javascript:alert",
    ):
        assert raw not in page, raw
    data = payload(page)
    ev = data["ev"][0]
    assert ev[0] == " ".join(HOSTILE.split())  # round-trips exactly, whitespace folded
    assert ev[7] == ""  # a javascript: link is dropped
    assert data["title"] == " ".join(HOSTILE.split())
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert (
        "Daily Test" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    )  # sources list escaped


def test_a_placeholder_in_article_text_is_not_expanded(geometry, squares):
    _, page = render(
        [claim("AF9901", "taliban", "2021-07-01", sentence="see @@LEAFLET_JS@@ here")],
        geometry,
        squares,
    )
    assert payload(page)["ev"][0][0] == "see @@LEAFLET_JS@@ here"


def test_statuses_travel_as_one_short_string_per_change_date(geometry, squares):
    claims = [
        claim("AF9901", "taliban", "2021-07-01", article="a"),
        claim("AF9902", "government", "2021-07-02", article="b", source_type="government"),
        claim("AF9901", "government", "2021-07-20", article="c"),
    ]
    tl, page = render(claims, geometry, squares)
    data = payload(page)
    assert data["dates"] == [d.isoformat() for d in tl.change_dates]
    assert [d[0] for d in data["districts"]] == ["AF9801", "AF9901", "AF9902", "AF9903"]
    assert all(len(code) == 4 for code in data["codes"])
    assert data["counts"][0] == [1, 0, 0, 0, 3]
    i = data["dates"].index("2021-07-20")
    seg = [s for s in data["segs"][1] if s[0] <= i][-1]
    assert seg[1] == "2021-07-20" and [data["ev"][r][3] for r in seg[2]] == ["government"]


def test_page_has_the_parts_a_report_needs(geometry, squares):
    claims = [
        claim("AF9901", "taliban", "2021-07-01"),
        claim("AF9902", "taliban", None, published=None),
    ]
    _, page = render(
        claims, geometry, squares, title="Control in July", params=TimelineParams(stale_days=21)
    )
    for fragment in (
        "<title>Control in July</title>",
        'id="slider"', 'id="play"', 'id="chart"', 'id="legend"',
        "unconfirmed", "stale (no claim for 21 days)", "province-level claim",
        "Daily Test: 1 article",
        "Afghanistan Geodesy and Cartography Head Office", "CC BY-IGO",
        "newest dated claim", "1 claim without any date",
    ):  # fmt: skip
        assert fragment in page, fragment


def test_single_date_map_has_one_date_and_no_slider(geometry, squares):
    from geo.maps.htmlmap import render_map

    claims = [
        claim("AF9901", "taliban", "2021-07-01"),
        claim("AF9901", "government", "2021-07-20", article="b"),
    ]
    tl = build_timeline(claims, squares.drop(columns="geometry"))
    page = render_map(tl, geometry=geometry, single_date=date(2021, 7, 10))
    data = payload(page)
    assert data["dates"] == ["2021-07-10"]
    assert data["codes"][0][1] == "0"  # Alpha: taliban, no qualifier
    assert 'class="tcmap single"' in page and "Status on 2021-07-10" in page


def test_province_notes_and_points_are_sent(geometry, squares):
    claims = [
        claim("AF9902", "taliban", "2021-07-03", place_level="point", lat=33.5, lon=63.5, place_name="Gate"),
        claim(None, "government", "2021-07-04", place_level="province", scope="most", adm1_pcode="AF99", article="p"),
    ]  # fmt: skip
    _, page = render(claims, geometry, squares)
    data = payload(page)
    assert data["points"][0][:6] == [33.5, 63.5, "Gate", "Bravo", "Westland", False]
    assert data["notes"][0][:4] == [
        "AF99",
        "Most of Westland: government (reported)",
        "government",
        "2021-07-04",
    ]


def test_popup_data_names_outlets_titles_copies_and_independent_sources(geometry, squares):
    wire = {"story": "s1", "source": "Reuters", "source_key": "outlet:reuters"}
    copies = [{"article_id": "w2", "outlet": "Site Two", "title": "Alpha lost", "url": None}]
    claims = [
        claim("AF9901", "taliban", "2021-07-03", article="s1", sentence="Alpha fell to the Taliban.",
              publisher=None, title=None, extra={**wire, "outlet": "Site One", "title": "Taliban take Alpha",
                                                "copies": copies}),
        claim("AF9901", "taliban", "2021-07-03", article="w2", sentence="Alpha fell to the Taliban.",
              publisher=None, extra={**wire, "outlet": "Site Two", "copies": []}),
        claim("AF9901", "taliban", "2021-07-03", article="001_1fe15c33fcf35368", sentence="Alpha is in Taliban hands, elders said.",
              publisher="Kabul Evening Post", title="Elders describe Alpha's fall"),
    ]  # fmt: skip
    _, page = render(claims, geometry, squares)
    data = payload(page)
    alpha = data["districts"].index(["AF9901", "Alpha", "Westland"])
    seg = data["segs"][alpha][-1]
    assert seg[5] == 2  # the two copies of the wire story are one piece of evidence
    assert seg[6] == "Corroborated by 2 independent sources: Kabul Evening Post, Reuters."
    rows = [data["ev"][r] for r in seg[2]]
    assert {(r[6], r[5]) for r in rows} >= {("Kabul Evening Post", "Elders describe Alpha's fall")}
    wire_row = next(r for r in rows if r[12])  # the original, which lists its copies
    assert wire_row[5:7] == ["Taliban take Alpha", "Site One"]
    assert wire_row[11:13] == ["Same story also in: Site Two (“Alpha lost”)", "story from Reuters"]
    assert "001_1fe15c33fcf35368" not in json.dumps(data["ev"])


def test_source_counts_count_distinct_articles_per_publisher():
    from geo.maps.htmlmap import source_counts

    claims = [
        claim("AF9901", "taliban", "2021-07-01", article="a", publisher="Kabul Daily"),
        claim("AF9902", "taliban", "2021-07-01", article="a", publisher="Kabul Daily"),
        claim("AF9902", "taliban", "2021-07-01", article="b", publisher="Kabul Daily"),
        claim("AF9903", "taliban", "2021-07-01", article="c", publisher=None),
    ]
    assert source_counts(claims) == [("Kabul Daily", 2), ("Outlet not named", 1)]


def test_json_for_script_escapes_breakouts():
    from geo.maps.htmlmap import json_for_script

    text = json_for_script({"s": "</script><!--\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": "</script><!--\u2028&"}


def test_full_country_map_stays_under_budget(districts):
    """399 districts, 60 change dates, 1 500 claims with real-length sentences: at most 1.5 MB."""
    from geo.maps.htmlmap import render_map

    rng = random.Random(1)
    rows = districts[["adm2_pcode", "adm2_name"]].to_dict("records")
    claims = []
    for i in range(60):
        day = (date(2021, 5, 1) + timedelta(days=2 * i)).isoformat()
        for k, r in enumerate(rng.sample(rows, 25)):
            claims.append(claim(
                r["adm2_pcode"], rng.choice(["taliban", "government", "contested"]), day, article=f"a{i}-{k // 5}",
                sentence=f"Fighters of one side or the other said on the day that they held {r['adm2_name']} "
                         "after clashes that lasted several hours near the district centre.",
                source_type=rng.choice(["taliban", "government", "reporter"]),
            ))  # fmt: skip
    tl = build_timeline(claims, districts, TimelineParams(stale_days=365))
    assert len(tl.change_dates) == 60
    page = render_map(tl, title="Budget")
    assert len(page.encode("utf-8")) <= 1_500_000
    assert len(payload(page)["districts"]) == 399


# --- geometry (geo.maps.geometry) ---------------------------------------------------------------


def _zigzag_pair():
    """Two districts sharing a finely zigzagging border, as real boundaries do."""
    from shapely.geometry import Polygon

    border = [(62.0 + 0.01 * k, 33.5 + (0.004 if k % 2 else -0.004)) for k in range(101)]
    north = Polygon([(62, 34), *border, (63, 34)])
    south = Polygon([(62, 33), *border, (63, 33)])
    return north, south


def test_coverage_simplification_leaves_no_gap_or_overlap():
    import shapely

    from geo.maps.geometry import simplify_coverage

    north, south = _zigzag_pair()
    simple = simplify_coverage([north, south], 0.02)
    assert (
        sum(shapely.get_num_coordinates(simple))
        < (len(north.exterior.coords) + len(south.exterior.coords)) / 4
    )
    assert simple[0].intersection(simple[1]).area == pytest.approx(0, abs=1e-12)
    assert shapely.union_all(simple).area == pytest.approx(1.0, rel=1e-9)  # no sliver lost


def test_encoded_geometry_is_quantised_and_gap_free(squares):
    import shapely

    from geo.maps.geometry import build_map_geometry, decode_geometry

    gpd = pytest.importorskip("geopandas")
    north, south = _zigzag_pair()
    frame = gpd.GeoDataFrame(
        {"adm2_pcode": ["AF9901", "AF9902"], "adm1_pcode": ["AF99", "AF99"]},
        geometry=[north, south],
        crs="EPSG:4326",
    )
    geom = build_map_geometry(frame, tolerance=0.02, scale=1000)
    back = [decode_geometry(geom.districts[c], geom.scale) for c in ("AF9901", "AF9902")]
    union = shapely.union_all(back)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert union.area == pytest.approx(1.0, rel=1e-6)
    assert all(isinstance(v, int) for ring in geom.districts["AF9901"][0] for v in ring)
    assert decode_geometry(geom.provinces["AF99"], geom.scale).area == pytest.approx(1.0, rel=1e-6)
    assert geom.bounds == pytest.approx((62, 33, 63, 34))


def test_map_geometry_is_cached_on_disk_next_to_the_boundaries(tmp_path, monkeypatch, squares):
    from geo.maps import geometry as g

    monkeypatch.setenv("TCMAP_BOUNDARIES_DIR", str(tmp_path))
    squares.to_parquet(tmp_path / "districts.parquet")
    g._load_cached.cache_clear()
    first = g.load_map_geometry(tolerance=0.001)
    cached = list(tmp_path.glob("mapgeom-*.json"))
    assert len(cached) == 1 and set(first.districts) == {"AF9901", "AF9902", "AF9903", "AF9801"}

    g._load_cached.cache_clear()

    def no_rebuild(*a, **k):
        raise AssertionError("rebuilt although the disk cache is valid")

    monkeypatch.setattr(g, "build_map_geometry", no_rebuild)
    assert g.load_map_geometry(tolerance=0.001) == first
    g._load_cached.cache_clear()


def test_map_geometry_without_boundaries_says_what_to_run(tmp_path, monkeypatch):
    from geo.maps.geometry import load_map_geometry
    from geo.places.boundaries import BoundariesNotInstalled

    monkeypatch.setenv("TCMAP_BOUNDARIES_DIR", str(tmp_path / "nothing"))
    with pytest.raises(BoundariesNotInstalled, match="tcmap boundaries install"):
        load_map_geometry()


def test_topojson_shares_arcs_between_neighbours(squares):
    pytest.importorskip("topojson")
    from geo.maps.geometry import to_topojson

    topo = to_topojson(squares, tolerance=0.001)
    assert topo["type"] == "Topology"
    geoms = topo["objects"]["districts"]["geometries"]
    assert [g["properties"]["adm2_pcode"] for g in geoms] == list(squares.adm2_pcode)


def test_a_point_without_a_usable_position_is_not_drawn(geometry, squares):
    claims = [
        claim("AF9902", "taliban", "2021-07-03", place_level="point", lat=float("nan"), lon=63.5),
    ]
    tl, page = render(claims, geometry, squares)
    assert payload(page)["points"] == []
    assert tl.status_of("AF9902", date(2021, 7, 3)).status == "partly_reported"


def test_a_point_is_a_marker_with_its_own_status_and_its_district_is_partly_reported(geometry, squares):
    from geo.maps.htmlmap import STATUSES

    claims = [
        claim("AF9902", "taliban", "2021-07-03", place_level="point", lat=33.5, lon=63.5, place_name="Gate",
              source_type="taliban", attributed_to="Taliban spokesman", sentence="The Taliban took the Gate."),
        claim("AF9902", "government", "2021-07-09", place_level="point", lat=33.5, lon=63.5, place_name="Gate",
              article="b", sentence="Commandos retook the Gate."),
    ]  # fmt: skip
    tl, page = render(claims, geometry, squares)
    data = payload(page)
    bravo = data["districts"].index(["AF9902", "Bravo", "Westland"])
    assert data["dates"] == ["2021-07-03", "2021-07-09"]
    partly = STATUSES.index("partly_reported") * 8
    assert [code[bravo] for code in data["codes"]] == [data["alphabet"][partly]] * 2
    assert data["counts"][0][STATUSES.index("partly_reported")] == 1
    (gate,) = data["points"]
    first, second = gate[6]
    alphabet = data["alphabet"]
    assert (first[0], alphabet.index(first[1]), first[2]) == (0, STATUSES.index("taliban") * 8 + 1, "2021-07-03")
    assert (second[0], alphabet.index(second[1]), second[2]) == (1, STATUSES.index("government") * 8, "2021-07-09")
    assert [data["ev"][r][0] for r in second[3]] == ["Commandos retook the Gate."]
    assert "Partly reported" in page and "only places inside it" in page
    assert "leaves it partly reported" in page  # the method says so


def test_with_the_old_rule_the_point_colours_the_district_and_the_legend_drops_partly_reported(geometry, squares):
    claims = [claim("AF9902", "taliban", "2021-07-03", place_level="point", lat=33.5, lon=63.5, place_name="Gate")]
    tl, page = render(claims, geometry, squares, params=TimelineParams(points_colour_districts=True))
    data = payload(page)
    bravo = data["districts"].index(["AF9902", "Bravo", "Westland"])
    assert data["codes"][0][bravo] == "0"
    assert 'data-status="partly_reported"' not in page
    assert "colour the district that contains them" in page


# --- labels, search, changes ---------------------------------------------------------


def _labels():
    from geo.maps.labels import PlaceLabel

    return [PlaceLabel("province", "Westland", 33.5, 63.5, "AF99"),
            PlaceLabel("capital", HOSTILE, 33.4, 62.4, "AF99")]


def test_province_names_and_capitals_travel_as_data_set_as_text(geometry, squares):
    _, page = render([claim("AF9901", "taliban", "2021-07-01")], geometry, squares, labels=_labels())
    data = payload(page)
    assert data["placeLabels"][0] == ["province", "Westland", 33.5, 63.5]
    assert data["placeLabels"][1][0] == "capital"
    assert "<img" not in page.split('id="tcmap-data">')[1].split("</script>")[0]
    assert 'el("span", p[1])' in page  # the name goes in as textContent, never as HTML
    assert "bindTooltip" not in page.split("// --- labels")[1].split("// --- search")[0]  # not tooltips
    assert 'id="tc-labels"' in page and 'interactive: false' in page


def test_default_labels_are_those_of_the_installed_boundaries_for_the_map_provinces(boundaries):
    from geo.maps.labels import place_labels
    from geo.places.gazetteer import load_gazetteer

    labels = place_labels(load_gazetteer(), provinces={"AF01"})
    assert [(lab.kind, lab.name) for lab in labels] == [("province", "Kabul"), ("capital", "Kabul")]
    lat, lon = labels[1].lat, labels[1].lon
    assert 34.3 < lat < 34.7 and 68.9 < lon < 69.4
    assert len([lab for lab in place_labels(load_gazetteer()) if lab.kind == "province"]) == 34


def test_search_box_has_a_datalist_filled_from_the_districts(geometry, squares):
    _, page = render([claim("AF9901", "taliban", "2021-07-01")], geometry, squares, labels=[])
    assert '<input id="tc-search" type="search" list="tc-districts"' in page
    assert '<datalist id="tc-districts"></datalist>' in page  # filled by the page from the data block
    assert 'o.value = e.label' in page and "openPopup" in page


def test_changes_since_colours_only_the_districts_that_changed(geometry, squares):
    claims = [
        claim("AF9901", "government", "2021-06-01", article="g"),
        claim("AF9901", "taliban", "2021-07-05", article="t", sentence="Alpha fell <b>overnight</b>."),
        claim("AF9902", "government", "2021-06-01", article="h"),
    ]
    _, page = render(claims, geometry, squares, labels=[], changes_since=date(2021, 6, 20))
    data = payload(page)
    assert data["dates"] == ["2021-07-05"]  # the last change date, drawn alone
    ch = data["changes"]
    assert (ch["since"], ch["until"]) == ("2021-06-20", "2021-07-05")
    assert len(ch["rows"]) == 1
    j, old, new, day, evidence, sources = ch["rows"][0]
    assert data["districts"][j][0] == "AF9901"
    assert (old, new, day) == ("government", "taliban", "2021-07-05")
    assert "Alpha fell <b>overnight</b>." in evidence and sources.startswith("Daily Test")
    assert "Changes from 2021-06-20 to 2021-07-05" in page
    assert "<b>overnight" not in page  # escaped in the data block


def test_changes_since_with_a_date_and_none_without(geometry, squares):
    claims = [claim("AF9901", "taliban", "2021-07-05"), claim("AF9902", "taliban", "2021-07-09", article="b")]
    _, page = render(claims, geometry, squares, labels=[], changes_since=date(2021, 7, 1),
                     single_date=date(2021, 7, 6))
    rows = payload(page)["changes"]["rows"]
    assert [payload(page)["districts"][r[0]][0] for r in rows] == ["AF9901"]
    _, plain = render(claims, geometry, squares, labels=[])
    assert payload(plain)["changes"] is None


def test_the_search_box_knows_the_gazetteer_spellings_of_a_district(boundaries, geometry, squares):
    from geo.maps.labels import district_aliases
    from geo.places.gazetteer import load_gazetteer
    from geo.places.normalize import name_key

    aliases = district_aliases(load_gazetteer(), {"AF1809"})
    assert list(aliases) == ["AF1809"] and name_key("Khwaja Ghar") in aliases["AF1809"]
    assert len(aliases["AF1809"]) > 1  # other spellings too
    _, page = render([claim("AF9901", "taliban", "2021-07-01")], geometry, squares, labels=[],
                     aliases={"AF9902": ["bravograd", "<b>x</b>"]})
    data = payload(page)
    assert data["aliases"][[d[0] for d in data["districts"]].index("AF9902")] == ["<b>x</b>", "bravograd"]
