"""Opt-in online geocoding for names the gazetteer lacks (villages, bazaars, areas).

Off by default: nothing in tcmap calls the network unless a :class:`Geocoder`
is built explicitly or ``TCMAP_GEOCODER=nominatim`` is set and
:func:`geocoder_from_env` is used. Requests go through geopy's ``Nominatim``
behind a ``RateLimiter`` (Nominatim's usage policy asks for at most one request
a second and a real User-Agent), restricted to Afghanistan, and every answer,
including "not found", is cached on disk so a name is asked for once.

A geocoded place becomes a ``point`` whose district comes from
point-in-polygon on the installed boundaries, exactly like the points of
``geo/data/points.csv``; answers outside Afghanistan are refused.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.models import Mention, Place
from geo.places.normalize import ascii_fold, name_key

__all__ = [
    "ENV_GEOCODER",
    "ENV_GEOCODER_CACHE",
    "GeocodeResult",
    "Geocoder",
    "geocode_mentions",
    "geocoder_from_env",
    "mention_finder_from_env",
]

ENV_GEOCODER = "TCMAP_GEOCODER"
ENV_GEOCODER_CACHE = "TCMAP_GEOCODER_CACHE"
DEFAULT_USER_AGENT = "tcmap territorial-control mapper (https://github.com/tcmap/tcmap)"
_UNKNOWN_NAME = re.compile(
    r"\b((?:[A-Z][a-z'\u2019]+)(?:[ -](?:e|i|ye|[A-Z][a-z'\u2019]+)){0,3})\s+(?:district|village|area|bazaar|town)\b"
)


class GeocoderError(RuntimeError):
    """The geocoder could not be reached or answered nonsense; the message says which."""


@dataclass(frozen=True)
class GeocodeResult:
    """One answer: the query, where it is, and what the service called it."""

    query: str
    lat: float
    lon: float
    display_name: str


class Geocoder:
    """Nominatim via geopy, rate-limited, restricted to Afghanistan, cached on disk.

    ``domain`` and ``scheme`` point it at another Nominatim (tests use a fake
    server on 127.0.0.1); ``cache_path`` is a JSON file; ``min_delay_seconds``
    is the pause between two requests.
    """

    def __init__(
        self,
        *,
        cache_path: Path | str | None = None,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str = DEFAULT_USER_AGENT,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        country_codes: str = "af",
    ) -> None:
        if scheme not in ("http", "https"):
            raise ValueError(f"Expected 'http' or 'https' for scheme, instead got: {scheme!r}.")
        if min_delay_seconds < 0:
            raise ValueError(
                f"Expected a non-negative min_delay_seconds, instead got: {min_delay_seconds!r}."
            )
        self.domain = domain
        self.scheme = scheme
        self.user_agent = user_agent
        self.min_delay_seconds = min_delay_seconds
        self.timeout = timeout
        self.country_codes = country_codes
        self.cache_path = Path(cache_path) if cache_path else None
        self._cache: dict[str, dict | None] | None = None
        self._lock = threading.Lock()
        self._call: Callable | None = None
        self.requests = 0  # how many queries reached the service (for tests and logs)
        # the first failure of a run: later names are answered from the cache alone, so a
        # service that is down costs one timeout, not one per name
        self.error: str | None = None

    # --- cache ---------------------------------------------------------------------------
    def _load_cache(self) -> dict[str, dict | None]:
        if self._cache is None:
            self._cache = {}
            if self.cache_path and self.cache_path.is_file():
                try:
                    self._cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    self._cache = {}  # a damaged cache only costs requests
        return self._cache

    def _save_cache(self) -> None:
        if not self.cache_path:
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._cache, ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(self.cache_path)

    # --- network -------------------------------------------------------------------------
    def _service(self) -> Callable:
        if self._call is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            nom = Nominatim(
                user_agent=self.user_agent,
                domain=self.domain,
                scheme=self.scheme,
                timeout=self.timeout,
            )
            self._call = RateLimiter(
                nom.geocode,
                min_delay_seconds=self.min_delay_seconds,
                max_retries=1,
                error_wait_seconds=max(self.min_delay_seconds, 0.0),
                swallow_exceptions=False,
            )
        return self._call

    def geocode(self, name: str) -> GeocodeResult | None:
        """Where ``name`` is in Afghanistan, from the cache or the service; None when unknown."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"Expected a place name to geocode, instead got: {name!r}.")
        key = name_key(name)
        with self._lock:
            cache = self._load_cache()
            if key in cache:
                hit = cache[key]
                return (
                    GeocodeResult(name, hit["lat"], hit["lon"], hit["display_name"])
                    if hit
                    else None
                )
            if self.error is not None:
                raise GeocoderError(f"Not asking for {name!r}: the geocoder failed earlier ({self.error})")
            from geopy.exc import GeopyError

            try:
                loc = self._service()(
                    ascii_fold(name) if not name.isascii() else name,
                    country_codes=self.country_codes,
                    exactly_one=True,
                )
            except GeopyError as e:
                self.error = f"{self.scheme}://{self.domain}: {e}"
                raise GeocoderError(
                    f"Geocoding {name!r} at {self.scheme}://{self.domain} failed: {e}"
                ) from e
            self.requests += 1
            if loc is None:
                cache[key] = None
            else:
                cache[key] = {
                    "lat": float(loc.latitude),
                    "lon": float(loc.longitude),
                    "display_name": str(loc.address),
                }
            self._save_cache()
            hit = cache[key]
            return GeocodeResult(name, hit["lat"], hit["lon"], hit["display_name"]) if hit else None

    def place(
        self, name: str, district_at: Callable[[float, float], tuple[str, str, str, str] | None]
    ) -> Place | None:
        """A ``point`` Place for ``name``; ``district_at(lat, lon)`` gives (adm2, adm2 name, adm1, adm1 name)."""
        res = self.geocode(name)
        if res is None:
            return None
        where = district_at(res.lat, res.lon)
        if where is None:
            return None  # outside Afghanistan, whatever the service says
        adm2, adm2_name, adm1, adm1_name = where
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(name)).strip("-")
        return Place(
            f"pt:geo-{slug}",
            name,
            "point",
            adm1,
            adm1_name,
            adm2,
            adm2_name,
            round(res.lat, 5),
            round(res.lon, 5),
            "town",
        )


def geocoder_from_env() -> Geocoder | None:
    """A Nominatim geocoder when ``TCMAP_GEOCODER=nominatim``, else None (the default)."""
    choice = os.environ.get(ENV_GEOCODER, "").strip().lower()
    if not choice or choice in ("0", "off", "none", "false"):
        return None
    if choice != "nominatim":
        raise ValueError(
            f"Expected 'nominatim' or nothing for {ENV_GEOCODER}, instead got: {choice!r}."
        )
    from geo.places.boundaries import cache_dir

    cache = os.environ.get(ENV_GEOCODER_CACHE) or str(cache_dir() / "geocoder-cache.json")
    return Geocoder(cache_path=cache)


def _district_locator() -> Callable[[float, float], tuple[str, str, str, str] | None]:
    from shapely.geometry import Point

    from geo.places.boundaries import load_districts

    d = load_districts()
    sindex = d.sindex

    def at(lat: float, lon: float):
        for i in sindex.query(Point(lon, lat), predicate="intersects"):
            r = d.iloc[int(i)]
            return str(r.adm2_pcode), str(r.adm2_name), str(r.adm1_pcode), str(r.adm1_name)
        return None

    return at


def geocode_mentions(
    text: str,
    gazetteer,
    geocoder: Geocoder,
    *,
    district_at: Callable[[float, float], tuple[str, str, str, str] | None] | None = None,
) -> list[Mention]:
    """``find_mentions`` plus names the gazetteer lacks, placed by the geocoder.

    Only names the text calls a place go to the geocoder, never every
    capitalised word: the unresolved ``unknown-name`` mentions (a district,
    province or crossing the gazetteer lacks) and names before "district",
    "village", "area", "bazaar" or "town". They come back with rule ``geocoder``
    and a modest score. When the service fails the names stay unresolved, the
    reason says why, and the run goes on.
    """
    from geo.places.mentions import find_mentions

    mentions = find_mentions(text, gazetteer)
    locate = district_at or _district_locator()
    out: list[Mention] = []
    for m in mentions:
        out.append(_geocoded(m, geocoder, locate) if m.rule == "unknown-name" else m)
    taken = [(m.start, m.end) for m in mentions]
    for match in _UNKNOWN_NAME.finditer(text):
        s, e = match.span(1)
        if any(a < e and s < b for a, b in taken):
            continue
        if name_key(match.group(1)) in gazetteer.distractors:
            continue
        m = _geocoded(Mention(match.group(1), s, e, None, (), "unknown-name", 0.0, None), geocoder, locate)
        if m.place is not None or m.reason:
            out.append(m)
    return sorted(out, key=lambda x: x.start)


def _geocoded(m: Mention, geocoder: Geocoder, locate) -> Mention:
    """``m`` placed by the geocoder, or left unresolved with the reason."""
    try:
        place = geocoder.place(m.text, locate)
    except GeocoderError as e:
        why = m.reason or "not in the gazetteer"
        return Mention(m.text, m.start, m.end, None, (), m.rule, 0.0, f"{why}; {e}")
    if place is None:
        return m
    return Mention(m.text, m.start, m.end, place, (place,), "geocoder", 0.5, None)


def mention_finder_from_env() -> Callable[[str, object], list[Mention]]:
    """How this run finds mentions: ``find_mentions``, or with the geocoder when it is on."""
    geocoder = geocoder_from_env()
    if geocoder is None:
        from geo.places.mentions import find_mentions

        return find_mentions
    locate = None

    def find(text: str, gazetteer) -> list[Mention]:
        nonlocal locate
        if locate is None:
            locate = _district_locator()
        return geocode_mentions(text, gazetteer, geocoder, district_at=locate)

    return find
