"""The records every stage exchanges.

``Claim`` follows ../shared/CLAIMS.md field for field: tools outside the project
read it, so names and value sets stay stable; new fields may be added.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

PlaceLevel = Literal["district", "province", "point"]
Controller = Literal["taliban", "government", "contested"]
SourceType = Literal["taliban", "government", "third_party", "reporter"]
TimePrecision = Literal["day", "week", "month", "unknown"]
Scope = Literal["all", "most", "part", "rest"]
PublishedSource = Literal["header", "inferred", "user"]

CONTROLLERS: tuple[str, ...] = ("taliban", "government", "contested")
STATUSES: tuple[str, ...] = ("taliban", "government", "contested", "partly_reported", "no_report")
SOURCE_TYPES: tuple[str, ...] = ("taliban", "government", "third_party", "reporter")


@dataclass(frozen=True)
class Article:
    """One news article as read, before any analysis.

    ``text`` is the text that all character offsets refer to.
    ``origin`` names the file (and line, for JSONL) it came from, for messages.
    """

    id: str
    text: str
    published: date | None = None
    published_source: PublishedSource | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    origin: str | None = None
    warnings: tuple[str, ...] = ()
    published_reason: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article, and why (one line)."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a district, a province or a point place.

    ``key`` is unique across the gazetteer: the P-code for districts and
    provinces, ``pt:<slug>`` for points. A point carries the district that
    contains it (from point-in-polygon, never typed by hand).
    """

    key: str
    name: str
    level: PlaceLevel
    adm1_pcode: str
    adm1_name: str
    adm2_pcode: str | None = None
    adm2_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = ""


@dataclass(frozen=True)
class Mention:
    """A place name found in a text, resolved to a gazetteer place or not.

    ``rule`` names the rule that resolved it (or refused to); ``reason`` says in
    words why an unresolved mention was left unresolved.
    """

    text: str
    start: int
    end: int
    place: Place | None
    candidates: tuple[Place, ...] = ()
    rule: str = ""
    score: float = 0.0
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass
class Claim:
    """One reported fact of territorial control (../shared/CLAIMS.md)."""

    article_id: str
    published: str | None
    published_source: str | None
    mention: str
    char_start: int
    char_end: int
    sentence: str
    place_level: PlaceLevel
    place_name: str
    adm2_pcode: str | None
    adm1_pcode: str
    lat: float | None
    lon: float | None
    controller: Controller
    event_date: str | None
    time_precision: TimePrecision
    geo_precision: int
    scope: Scope | None
    attributed_to: str
    source_type: SourceType
    confidence: float
    # Fields beyond the contract (allowed: "add fields freely").
    place_key: str = ""
    date_reason: str = ""
    adm1_name: str = ""
    adm2_name: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Claim:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class CountClaim:
    """A claim about a number of districts ("seized over 80 of 421 districts")."""

    article_id: str
    number: int
    total: int | None
    qualifier: str  # "over", "more than", "about", "" ...
    claimant: str
    source_type: SourceType
    date: str | None
    sentence: str
    char_start: int
    char_end: int


def claim_place(c: Claim) -> str | None:
    """The place key of a claim under the judge's rule: the province P-code for a
    province claim, else the district P-code (a point's containing district)."""
    return c.adm1_pcode if c.place_level == "province" else c.adm2_pcode


@dataclass
class ArticleResult:
    """What extraction found in one article."""

    article: Article
    claims: list[Claim]
    counts: list[CountClaim]
    mentions: list[Mention] = field(default_factory=list)
