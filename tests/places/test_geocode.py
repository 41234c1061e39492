"""The opt-in geocoder, against a fake Nominatim on 127.0.0.1 (never the real one)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from geo.places.geocode import (
    ENV_GEOCODER,
    Geocoder,
    GeocoderError,
    geocode_mentions,
    geocoder_from_env,
)

ANSWERS = {
    "Dorahi": [
        {"lat": "31.60", "lon": "64.30", "display_name": "Dorahi, Nad Ali, Helmand, Afghanistan"}
    ],
    "Faraway": [{"lat": "48.85", "lon": "2.35", "display_name": "Paris, France"}],
    "Zorabad": [
        {"lat": "31.70", "lon": "64.20", "display_name": "Zorabad, Nad Ali, Helmand, Afghanistan"}
    ],
}


class _FakeNominatim(BaseHTTPRequestHandler):
    hits: ClassVar[list[dict]] = []

    def do_GET(self):
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).hits.append(
            {"path": url.path, **params, "agent": self.headers.get("User-Agent")}
        )
        if params.get("q") == "Broken":
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps(ANSWERS.get(params.get("q", ""), [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _FakeNominatim.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _geocoder(server, tmp_path) -> Geocoder:
    return Geocoder(
        cache_path=tmp_path / "cache.json", domain=server, scheme="http", min_delay_seconds=0
    )


def _locator(lat, lon):
    if 29 < lat < 39 and 60 < lon < 75:
        return ("AF3002", "Nad-e-Ali", "AF30", "Hilmand")
    return None


def test_geocodes_restricted_to_afghanistan_with_a_user_agent(server, tmp_path):
    g = _geocoder(server, tmp_path)
    res = g.geocode("Dorahi")
    assert (res.lat, res.lon) == (31.60, 64.30)
    hit = _FakeNominatim.hits[0]
    assert hit["path"] == "/search" and hit["q"] == "Dorahi" and hit["countrycodes"] == "af"
    assert "tcmap" in hit["agent"]


def test_answers_and_misses_are_cached_on_disk(server, tmp_path):
    g = _geocoder(server, tmp_path)
    assert g.geocode("Dorahi") is not None
    assert g.geocode("Nowhere") is None
    assert g.requests == 2
    again = _geocoder(server, tmp_path)
    assert again.geocode("Dorahi").lat == 31.60
    assert again.geocode("Nowhere") is None
    assert again.requests == 0 and len(_FakeNominatim.hits) == 2


def test_places_outside_afghanistan_are_refused(server, tmp_path):
    g = _geocoder(server, tmp_path)
    assert g.place("Faraway", _locator) is None
    p = g.place("Dorahi", _locator)
    assert p.level == "point" and p.adm2_pcode == "AF3002" and p.key == "pt:geo-dorahi"


def test_geocode_mentions_only_asks_for_names_called_a_place(server, tmp_path, gazetteer):
    g = _geocoder(server, tmp_path)
    text = "Police were captured in Dorahi area of Helmand. Ashraf Ghani spoke in Kabul."
    ms = geocode_mentions(text, gazetteer, g, district_at=_locator)
    assert [(m.text, m.rule) for m in ms if m.rule == "geocoder"] == [("Dorahi", "geocoder")]
    assert [h["q"] for h in _FakeNominatim.hits] == ["Dorahi"]


def test_service_errors_name_the_query(server, tmp_path):
    g = _geocoder(server, tmp_path)
    with pytest.raises(GeocoderError, match="Broken"):
        g.geocode("Broken")


@pytest.mark.parametrize("kwargs", [{"scheme": "ftp"}, {"min_delay_seconds": -1}])
def test_bad_settings_name_the_value(kwargs):
    with pytest.raises(ValueError, match=repr(next(iter(kwargs.values())))):
        Geocoder(**kwargs)


def test_off_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_GEOCODER, raising=False)
    assert geocoder_from_env() is None
    monkeypatch.setenv(ENV_GEOCODER, "nominatim")
    monkeypatch.setenv("TCMAP_GEOCODER_CACHE", str(tmp_path / "c.json"))
    g = geocoder_from_env()
    assert isinstance(g, Geocoder) and g.domain == "nominatim.openstreetmap.org" and g.requests == 0
    monkeypatch.setenv(ENV_GEOCODER, "google")
    with pytest.raises(ValueError, match="google"):
        geocoder_from_env()


def test_a_district_the_gazetteer_lacks_is_placed_by_the_geocoder(server, tmp_path, gazetteer):
    g = _geocoder(server, tmp_path)
    text = "The Taliban captured Zorabad district on Monday, officials said."
    (m,) = [m for m in geocode_mentions(text, gazetteer, g, district_at=_locator) if m.text == "Zorabad"]
    assert m.rule == "geocoder" and m.place.adm2_pcode == "AF3002"
    assert text[m.start : m.end] == "Zorabad"


def test_a_service_that_fails_is_asked_once_and_the_names_stay_listed(server, tmp_path, gazetteer):
    g = _geocoder(server, tmp_path)
    text = "Fighting reached Broken district. Later the Kamari border crossing fell."
    ms = geocode_mentions(text, gazetteer, g, district_at=_locator)
    unresolved = {m.text: m.reason for m in ms if m.place is None}
    assert set(unresolved) == {"Broken", "Kamari"}
    assert "failed" in unresolved["Broken"] and "failed earlier" in unresolved["Kamari"]
    assert {h["q"] for h in _FakeNominatim.hits} == {"Broken"}  # (geopy retries once)


def test_the_pipeline_uses_the_geocoder_when_it_is_on(server, tmp_path, monkeypatch):
    import geo.places.geocode
    from geo.pipeline import run

    monkeypatch.setattr(geo.places.geocode, "geocoder_from_env", lambda: _geocoder(server, tmp_path))
    monkeypatch.setattr(geo.places.geocode, "_district_locator", lambda: _locator)
    art = tmp_path / "a.txt"
    art.write_text(" date 2021-07-05\nThe Taliban captured Zorabad district on Sunday, officials said.\n")
    claims = run([art]).claims
    assert [(c.place_name, c.adm2_pcode, c.controller) for c in claims] == [("Zorabad", "AF3002", "taliban")]


def test_without_the_geocoder_the_same_article_gives_no_claim(tmp_path, monkeypatch):
    from geo.pipeline import run

    monkeypatch.delenv(ENV_GEOCODER, raising=False)
    art = tmp_path / "a.txt"
    art.write_text(" date 2021-07-05\nThe Taliban captured Zorabad district on Sunday, officials said.\n")
    result = run([art])
    assert result.claims == []
    assert [m.text for r in result.results for m in r.mentions if m.rule == "unknown-name"] == ["Zorabad"]


def test_tcmap_places_lists_what_the_geocoder_placed(server, tmp_path, monkeypatch, boundaries):
    from click.testing import CliRunner

    import geo.places.geocode
    from geo.cli import cli

    monkeypatch.setattr(geo.places.geocode, "geocoder_from_env", lambda: _geocoder(server, tmp_path))
    monkeypatch.setattr(geo.places.geocode, "_district_locator", lambda: _locator)
    art = tmp_path / "a.txt"
    art.write_text("Fighting reached Zorabad district on Sunday.\n")
    res = CliRunner().invoke(cli, ["places", str(art), "--format", "csv"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "Zorabad" in res.stdout and "geocoder" in res.stdout and "AF3002" in res.stdout
