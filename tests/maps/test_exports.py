"""Status tables (GeoJSON, GeoPackage, CSV), ACLED-style CSV and PNG, on three small squares."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date

import pytest

from geo.models import Claim
from geo.timeline.build import TimelineParams, build_timeline
from tests.factories import make_claim, square_districts

gpd = pytest.importorskip("geopandas")

DAY = date(2021, 7, 15)


@pytest.fixture(scope="module")
def squares():
    return square_districts([
        ("AF9901", "Alpha", "AF99", "Westland"),
        ("AF9902", "Bravo", "AF99", "Westland"),
        ("AF9801", "Delta", "AF98", "Eastland"),
    ])


def claim(pcode, controller, day, **kw) -> Claim:
    base = make_claim(
        article_id="art", published=day, published_source="header", mention="m", char_start=0, char_end=1,
        sentence="=HYPERLINK(\"http://evil\") says it fell.", adm2_pcode=pcode, adm1_pcode=(pcode or "AF99")[:4],
        controller=controller, event_date=day, time_precision="day", attributed_to="Taliban spokesman",
        source_type="taliban", publisher="Kabul Wire", adm1_name="Westland", adm2_name="Alpha",
    )  # fmt: skip
    return dataclasses.replace(base, **kw)


@pytest.fixture(scope="module")
def claims():
    return [
        claim("AF9901", "taliban", "2021-07-01"),
        claim("AF9902", "government", "2021-07-10", article_id="b", source_type="reporter", attributed_to="reporter",
              adm2_name="Bravo"),
        claim("AF9902", "taliban", "2021-07-11", article_id="c", lat=33.5, lon=63.5, place_level="point",
              place_name="Gate", adm2_name="Bravo", geo_precision=2),
        claim(None, "contested", "2021-07-12", article_id="d", place_level="province", scope="part",
              geo_precision=3, adm1_pcode="AF98", adm1_name="Eastland"),
        claim("AF9901", "taliban", None, article_id="e", published=None),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def timeline(claims, squares):
    return build_timeline(claims, squares.drop(columns="geometry"))


def test_status_frame_has_one_row_per_district_with_geometry(timeline, squares):
    from geo.maps.exports import STATUS_COLUMNS, status_frame

    frame = status_frame(timeline, DAY, geometry=squares)
    assert list(frame.columns) == [*STATUS_COLUMNS, "geometry"]
    got = dict(zip(frame.adm2_pcode, frame.status))
    # the Gate (a point) does not colour Bravo: its district claim stands
    assert got == {"AF9801": "no_report", "AF9901": "taliban", "AF9902": "government"}
    alpha = frame.set_index("adm2_pcode").loc["AF9901"]
    assert alpha.since == "2021-07-01" and bool(alpha.unconfirmed) and alpha.n_claims == 1
    assert frame.crs.to_epsg() == 4326 and frame.geometry.notna().all()


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_status_reads_back_in_gis_formats(timeline, squares, tmp_path, fmt):
    from geo.maps.exports import write_status

    path = write_status(timeline, DAY, tmp_path / f"status.{fmt}", geometry=squares)
    back = gpd.read_file(path, **({"layer": "status"} if fmt == "gpkg" else {}))
    assert len(back) == 3 and set(back.status) == {"no_report", "taliban", "government"}
    assert back.set_index("adm2_pcode").geometry.bounds.minx.to_dict() == {
        "AF9801": 64,
        "AF9901": 62,
        "AF9902": 63,
    }
    write_status(timeline, DAY, path, geometry=squares)  # overwriting works too


def test_status_csv_has_the_documented_columns(timeline, squares, tmp_path):
    from geo.maps.exports import STATUS_COLUMNS, write_status

    path = write_status(timeline, DAY, tmp_path / "status.csv", geometry=squares)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == STATUS_COLUMNS
    assert [r["status"] for r in rows] == ["no_report", "taliban", "government"]


@pytest.mark.parametrize(
    ("name", "fmt", "fragment"), [("s.shp", None, "s.shp"), ("s.csv", "xlsx", "xlsx")]
)
def test_unknown_status_format_is_refused_by_name(timeline, squares, tmp_path, name, fmt, fragment):
    from geo.maps.exports import write_status

    with pytest.raises(ValueError, match=fragment):
        write_status(timeline, DAY, tmp_path / name, fmt, geometry=squares)


def test_acled_rows_follow_the_acled_columns(claims, squares):
    from geo.maps.exports import ACLED_COLUMNS, acled_rows

    rows = acled_rows(claims, squares)
    assert all(tuple(r) == ACLED_COLUMNS for r in rows)
    assert len(rows) == 4  # the claim with no date at all is left out
    by_date = {r["event_date"]: r for r in rows}
    fell = by_date["2021-07-01"]
    assert (fell["sub_event_type"], fell["actor1"], fell["admin2"]) == (
        "Non-state actor overtakes territory", "Taliban", "Alpha",
    )  # fmt: skip
    assert (fell["latitude"], fell["longitude"]) == pytest.approx(
        (33.5, 62.5), abs=0.01
    )  # district centroid
    assert by_date["2021-07-10"]["sub_event_type"] == "Government regains territory"
    point = by_date["2021-07-11"]
    assert (point["latitude"], point["longitude"], point["location"]) == (33.5, 63.5, "Gate")
    prov = by_date["2021-07-12"]
    assert (prov["sub_event_type"], prov["admin2"], prov["geo_precision"]) == ("Armed clash", "", 3)
    assert prov["longitude"] == pytest.approx(64.5, abs=0.01)  # province centroid
    assert "Taliban spokesman" in fell["notes"] and fell["source"] == "Kabul Wire"


def test_acled_accepts_a_centroid_mapping(claims):
    from geo.maps.exports import acled_rows

    rows = acled_rows(claims[:1], {"AF9901": (34.0, 66.0)})
    assert (rows[0]["latitude"], rows[0]["longitude"]) == (34.0, 66.0)


def test_acled_csv_is_safe_to_open_in_a_spreadsheet(claims, squares, tmp_path):
    from geo.maps.exports import ACLED_COLUMNS, write_acled

    path = tmp_path / "acled.csv"
    assert write_acled(claims, path, squares) == 4
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    assert all(r["notes"].startswith("'=HYPERLINK") for r in rows)  # never a live formula
    assert rows[0]["time_precision"] == "1"


def test_png_is_a_real_map_with_the_status_colours(timeline, squares, tmp_path):
    from matplotlib.image import imread

    from geo.maps.exports import write_png
    from geo.maps.htmlmap import STATUS_COLOURS

    path = write_png(
        timeline, DAY, tmp_path / "map.png", title="Test map", geometry=squares, dpi=60
    )
    assert path.stat().st_size > 10_000
    img = imread(path)
    assert img.shape[:2] == (480, 600)
    colours = {tuple(round(v * 255) for v in px[:3]) for px in img.reshape(-1, img.shape[-1])[::7]}
    orange = tuple(int(STATUS_COLOURS["contested"][i : i + 2], 16) for i in (1, 3, 5))
    assert orange in colours  # Bravo is contested


@pytest.mark.parametrize(("name", "points_name"), [("s.geojson", "s.points.geojson"), ("s.csv", "s.points.csv")])
def test_points_go_to_a_file_beside_the_districts(timeline, squares, tmp_path, name, points_name):
    from geo.maps.exports import POINT_COLUMNS, points_path, write_status

    path = write_status(timeline, DAY, tmp_path / name, geometry=squares)
    assert points_path(path) == tmp_path / points_name
    if name.endswith(".csv"):
        with open(tmp_path / points_name, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert tuple(rows[0]) == POINT_COLUMNS
    else:
        rows = gpd.read_file(tmp_path / points_name).to_dict("records")
        assert (rows[0]["geometry"].x, rows[0]["geometry"].y) == (63.5, 33.5)
    assert [(r["name"], r["status"], r["adm2_pcode"], str(r["since"])[:10]) for r in rows] == [
        ("Gate", "taliban", "AF9902", "2021-07-11")
    ]


def test_a_geopackage_has_a_points_layer(timeline, squares, tmp_path):
    import pyogrio

    from geo.maps.exports import write_status

    path = write_status(timeline, DAY, tmp_path / "s.gpkg", geometry=squares)
    assert {name for name, _ in pyogrio.list_layers(path)} == {"status", "points"}
    pts = gpd.read_file(path, layer="points")
    assert list(pts.name) == ["Gate"] and list(pts.status) == ["taliban"] and not pts.centre.any()


def test_a_district_with_only_point_claims_exports_as_partly_reported(squares):
    from geo.maps.exports import status_frame

    gate = claim("AF9902", "taliban", "2021-07-11", article_id="c", lat=33.5, lon=63.5, place_level="point",
                 place_name="Gate", adm2_name="Bravo")
    frame = status_frame(build_timeline([gate], squares.drop(columns="geometry")), DAY, geometry=squares)
    row = frame.set_index("adm2_pcode").loc["AF9902"]
    assert (row.status, row.basis, bool(row.unconfirmed)) == ("partly_reported", "point", False)


def test_png_shows_a_partly_reported_district_and_the_point_marker_in_its_own_colour(squares, tmp_path):
    import numpy as np
    from matplotlib.image import imread

    from geo.maps.exports import write_png
    from geo.maps.htmlmap import STATUS_COLOURS

    gate = claim("AF9902", "taliban", "2021-07-11", article_id="c", lat=33.5, lon=63.5, place_level="point",
                 place_name="Gate", adm2_name="Bravo", source_type="reporter")
    districts = squares.drop(columns="geometry")

    def pixels(claims, params=TimelineParams()) -> dict[str, int]:
        path = write_png(build_timeline(claims, districts, params), DAY, tmp_path / "m.png",
                         geometry=squares, dpi=120)
        img = (imread(path)[..., :3] * 255).round().astype(int)
        out = {}
        for status in ("taliban", "partly_reported"):
            rgb = [int(STATUS_COLOURS[status][i : i + 2], 16) for i in (1, 3, 5)]
            out[status] = int((np.abs(img - rgb).sum(axis=-1) <= 6).sum())
        return out

    legend_only, new, old = pixels([]), pixels([gate]), pixels([gate], TimelineParams(points_colour_districts=True))
    assert new["taliban"] > legend_only["taliban"] + 20  # the marker
    assert new["partly_reported"] > 20 * old["partly_reported"] + 1000  # Bravo's fill
    assert old["taliban"] > 10 * new["taliban"]  # the old rule paints Bravo red


def _sourced(article, outlet, sentence, *, story, source, title, url=None, copies=()):
    key = f"outlet:{source.casefold()}"
    return claim("AF9901", "taliban", "2021-07-05", article_id=article, sentence=sentence, publisher=None,
                 title=title, url=url, source_type="reporter", attributed_to="a district elder",
                 extra={"outlet": outlet, "story": story, "source": source, "source_key": key,
                        "copies": list(copies)})  # fmt: skip


@pytest.fixture(scope="module")
def sourced(squares):
    copy = {"article_id": "w2", "outlet": "Site Two", "title": "Alpha lost", "url": None}
    claims = [
        _sourced("w1", "Site One", "Alpha fell on Monday, an elder said.", story="w1", source="Reuters",
                 title="Taliban take Alpha", url="https://site-one.example.org/a", copies=[copy]),
        _sourced("w2", "Site Two", "Alpha fell on Monday, an elder said.", story="w1", source="Reuters",
                 title="Alpha lost"),
    ]
    return claims, build_timeline(claims, squares.drop(columns="geometry"))


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg"])
def test_status_exports_carry_sources_and_the_evidence(sourced, squares, tmp_path, fmt):
    from geo.maps.exports import write_status

    _, tl = sourced
    path = write_status(tl, DAY, tmp_path / f"status.{fmt}", fmt, geometry=squares)
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8") as fh:
            rows = {r["adm2_pcode"]: r for r in csv.DictReader(fh)}
        alpha = rows["AF9901"]
        assert alpha["n_sources"] == "1" and alpha["single_source"] == "True"
    else:
        frame = gpd.read_file(path, layer="status") if fmt == "gpkg" else gpd.read_file(path)
        alpha = frame.set_index("adm2_pcode").loc["AF9901"]
        assert int(alpha["n_sources"]) == 1 and bool(alpha["single_source"])
    assert alpha["sources"] == "Reuters"
    assert alpha["corroboration"] == "single source: not corroborated by an independent source"
    assert alpha["evidence"] == "Alpha fell on Monday, an elder said."
    assert alpha["evidence_outlet"] == "Site One" and alpha["evidence_title"] == "Taliban take Alpha"
    assert alpha["evidence_url"] == "https://site-one.example.org/a"
    assert int(alpha["n_claims"]) == 1  # two copies, one piece of evidence


def test_acled_source_is_the_outlet_and_the_speaker_goes_to_the_notes(sourced, squares):
    from geo.maps.exports import acled_rows

    claims, _ = sourced
    rows = acled_rows(claims, squares)
    assert [r["source"] for r in rows] == ["Site One; Reuters", "Site Two; Reuters"]
    assert "a district elder" in rows[0]["notes"] and "“Taliban take Alpha”" in rows[0]["notes"]
    assert "https://site-one.example.org/a" in rows[0]["notes"]
    assert "Site Two" in rows[0]["notes"]  # its copy is named
    assert all("w1" not in r["notes"] for r in rows)


def test_png_carries_the_province_and_capital_labels_as_light_text(timeline, squares, tmp_path):
    from matplotlib.image import imread

    from geo.maps.exports import write_png
    from geo.maps.labels import PlaceLabel

    bounds = squares.total_bounds  # lon_min, lat_min, lon_max, lat_max
    mid = ((bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2)
    labels = [PlaceLabel("province", "Westland", mid[0], mid[1], "AF99"),
              PlaceLabel("capital", "Cost $5 $x^2$", mid[0] - 0.3, mid[1] - 1, "AF99")]  # never mathtext
    bare = imread(write_png(timeline, DAY, tmp_path / "bare.png", geometry=squares, dpi=60, labels=[]))
    named = imread(write_png(timeline, DAY, tmp_path / "named.png", geometry=squares, dpi=60, labels=labels))
    diff = (abs(bare - named).sum(axis=-1) > 0.1).sum()
    assert 50 < diff < bare.shape[0] * bare.shape[1] * 0.05  # some text, small: the colours stay visible
