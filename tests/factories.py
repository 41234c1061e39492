"""Small records built in code for the tests: claims and square districts.

One place for the 21-field claim constructor, so a test states only the fields
it is about.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from geo.models import Claim

_NEUTRAL = dict(
    article_id="a1", published=None, published_source=None, mention="Place", char_start=0, char_end=5,
    sentence="It fell.", place_level="district", place_name="Place", adm2_pcode="AF9901", adm1_pcode="AF99",
    lat=None, lon=None, controller="taliban", event_date=None, time_precision="unknown", geo_precision=1,
    scope=None, attributed_to="reporter", source_type="reporter", confidence=0.9,
)  # fmt: skip


def make_claim(**fields) -> Claim:
    """A claim with neutral values for every contract field, then ``fields``."""
    return dataclasses.replace(Claim(**_NEUTRAL), **fields)


def square_districts(rows: Sequence[tuple[str, str, str, str]], *, size: float = 1.0):
    """Districts (pcode, name, province pcode, province name) as squares side by side."""
    import geopandas as gpd
    from shapely.geometry import box

    records = [{"adm2_pcode": c, "adm2_name": n, "adm1_pcode": p, "adm1_name": pn} for c, n, p, pn in rows]
    geoms = [box(62 + i * size, 33, 62 + (i + 1) * size, 33 + size) for i in range(len(rows))]
    return gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326")


# Four made-up districts in two made-up provinces: timelines and comparisons without the boundaries.
TINY_DISTRICTS = [
    {"adm2_pcode": "AF9901", "adm2_name": "Alpha", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9902", "adm2_name": "Bravo", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9903", "adm2_name": "Charlie", "adm1_pcode": "AF99", "adm1_name": "Westland"},
    {"adm2_pcode": "AF9801", "adm2_name": "Delta", "adm1_pcode": "AF98", "adm1_name": "Eastland"},
]
