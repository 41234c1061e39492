"""From claims to the status of every district on every day.

The timeline is a pure function of three inputs: the claims, the parameters
(:class:`TimelineParams`) and the analyst overrides (:class:`Override`). The
same input always gives the same map, whatever the order of the claims.

Rules
-----
1. **Dates.** A claim counts from its ``event_date``. A claim whose
   ``event_date`` is null but whose article has a ``published`` date counts from
   ``published`` (the report is evidence of the state on the day it was
   published; its precision is then treated as ``unknown``). A claim with
   neither is *undated*: it is listed in ``Timeline.undated`` and drawn nowhere.
2. **Filters.** Claims below ``min_confidence``, from an excluded source type,
   or outside the selected provinces are dropped; so are district or point
   claims whose P-code is not among the districts. Each dropped claim is kept in
   ``Timeline.dropped`` with the reason. (Claims an analyst rejected are removed
   by the caller before building.)
3. **Which claims speak for a district.** District claims, and claims about
   the district's centre (its seat or the provincial capital:
   :mod:`geo.places.centres`), speak for the district. Province claims with
   scope ``all`` or ``rest`` speak for every district of the province that has
   no such claim of its own dated on or before the day in question. Province
   claims with scope ``most`` or ``part`` (or no scope) colour no district:
   they become ``Timeline.province_notes``, drawn as an outlined, labelled
   province, because a district must never be coloured more precisely than the
   reporting was.
3a. **Points.** A claim about any other point (a border crossing, an airport,
   a base, a bridge, a town that is not the centre; ``adm2_pcode`` is the
   district that contains it) gives the *point* its own status, by rules 4 to
   8 applied to that point's claims alone (``Timeline.point_status_on``). It
   does not colour the district: a district whose only reports are about
   points inside it is ``partly_reported`` (basis ``point``), never taken or
   held. ``TimelineParams(points_colour_districts=True)`` restores the older
   rule, under which every point claim speaks for its district.
4. **Newest claim holds.** On day D the deciding claims are those dated within
   ``contest_window_days`` before the newest claim dated on or before D (that
   window, plus any denial from rule 5). If they include both a ``taliban`` and a
   ``government`` claim the district is ``contested``; otherwise it takes the
   controller of its newest claims (a ``contested`` claim, "heavy fighting in",
   counts as such). The status holds until a newer claim. A recapture reported
   more than ``contest_window_days`` after a fall therefore flips the district
   back; reports that disagree within the window leave it contested.
5. **Denials.** A claim and an opposite claim (``taliban`` versus
   ``government``) for the same district in the same article make it
   ``contested``, with both as evidence, however far apart their dates. The
   one exception is an article that narrates a sequence: two opposite claims
   with the same ``attributed_to`` and different dates ("the Taliban captured it
   on Monday and forces retook it on Tuesday, officials said"); there the later
   one supersedes the earlier.
6. **Unconfirmed.** A status is *unconfirmed* when every claim behind it is
   self-serving and all come from one party: the Taliban claiming a capture,
   the ministry claiming a retake or a hold (:mod:`geo.timeline.voices`). An
   admission against interest (an official conceding a fall), a reporter's
   own account, a third party (UN, a neighbouring state) or two parties
   agreeing ("Taliban and Afghan official sources") confirm it.
7. **Stale.** A status is *stale* on day D when its newest claim is more than
   ``stale_days`` days older than D.
8. **Since** is the first day of the unbroken run of the current status
   (qualifier changes do not break it).
9. **Overrides.** An analyst override sets a district's status from ``start``
   to ``end`` (inclusive; ``None`` = open-ended). It marks the status
   ``overridden``, clears the qualifiers and keeps the claims that would
   otherwise decide as evidence. When overrides overlap, the one starting last
   wins (then the one given last).
10. **Change dates** are the days on which some district's status or qualifier
    changes, or a province note begins, up to the newest claim (or override
    start or end); the map's slider steps through them. ``status_on`` answers for any
    day, later ones included (where statuses turn stale).
11. **Evidence** lists a sentence once: when one sentence names a district and
    a place inside it, the district keeps the claim about the most
    district-like place (the district, then its centre, then other points).
12. **Independent sources.** The copies of one report (``extra["story"]``,
    :mod:`geo.ingest.copies`) are one source: a claim they share (same
    place, controller, speaker and date, even reworded) is evidence once,
    kept from the original, which lists the others (``extra["copies"]``).
    ``n_sources`` counts the distinct originators (wire agency or first
    outlet, :mod:`geo.timeline.corroboration`) among a status's evidence; a
    status resting on one is ``single_source``, a qualifier shown beside
    *unconfirmed* (rule 6), not folded into it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from geo.ingest.copies import with_stories
from geo.models import CONTROLLERS, SOURCE_TYPES, STATUSES, Claim
from geo.places.centres import DistrictCentres
from geo.places.normalize import name_key
from geo.timeline.corroboration import independent_sources
from geo.timeline.voices import unconfirmed as _all_self_serving

__all__ = [
    "DistrictInfo",
    "DistrictStatus",
    "Override",
    "PointStatus",
    "ProvinceNote",
    "Timeline",
    "TimelineParams",
    "build_timeline",
    "claim_day",
]

PARTISAN = ("taliban", "government")
PLACE_LEVELS = ("district", "province", "point")
COLOURING_SCOPES = ("all", "rest")
_SIDES = frozenset(PARTISAN)


@dataclass(frozen=True)
class TimelineParams:
    """The knobs of the timeline rules (module docstring, rules 2, 3a, 4 and 7).

    ``points_colour_districts`` makes every point claim speak for its district
    (the rule before points had statuses of their own).
    """

    contest_window_days: int = 3
    stale_days: int = 30
    exclude_source_types: frozenset[str] = frozenset()
    min_confidence: float = 0.0
    provinces: frozenset[str] | None = None
    points_colour_districts: bool = False

    def __post_init__(self) -> None:
        for name in ("contest_window_days", "stale_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(
                    f"Expected a whole number of days >= 0 for {name}, instead got: {value!r}."
                )
        excluded = frozenset(self.exclude_source_types)
        unknown = sorted(excluded - set(SOURCE_TYPES))
        if unknown:
            raise ValueError(
                f"Expected source types among {SOURCE_TYPES} for exclude_source_types, instead got: {unknown!r}."
            )
        object.__setattr__(self, "exclude_source_types", excluded)
        conf = self.min_confidence
        if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0.0 <= conf <= 1.0:
            raise ValueError(
                f"Expected a number in 0..1 for min_confidence, instead got: {conf!r}."
            )
        if self.provinces is not None:
            if isinstance(self.provinces, str):
                raise ValueError(
                    f"Expected a collection of province P-codes for provinces, instead got the string {self.provinces!r}."
                )
            object.__setattr__(self, "provinces", frozenset(self.provinces))


@dataclass(frozen=True)
class Override:
    """An analyst's decision that outranks the claims for one district and period."""

    adm2_pcode: str
    status: str
    start: date
    end: date | None
    note: str
    author: str = ""

    def validate(self) -> None:
        """Raise ValueError/TypeError naming the bad value; ``build_timeline`` calls it.

        Not run on construction, so that a store can read back and show a bad
        row instead of failing to load.
        """
        if self.status not in STATUSES:
            raise ValueError(
                f"Expected one of {STATUSES} for the override status, instead got: {self.status!r}."
            )
        if not isinstance(self.start, date):
            raise TypeError(f"Expected a date for the override start, instead got: {self.start!r}.")
        if self.end is not None and (not isinstance(self.end, date) or self.end < self.start):
            shown = self.end.isoformat() if isinstance(self.end, date) else repr(self.end)
            raise ValueError(
                f"Expected an override end on or after its start {self.start}, instead got: {shown}."
            )

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class _Sourced:
    """The independent sources behind a status's evidence (rule 12)."""

    evidence: list[Claim]

    @property
    def sources(self) -> list[str]:
        return independent_sources(self.evidence)

    @property
    def n_sources(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class DistrictStatus(_Sourced):
    """The status of one district on one day, with the claims behind it.

    ``basis`` says where the status comes from: ``district`` (district claims,
    or claims about its centre), ``province`` (an all/rest province claim),
    ``point`` (only points inside it were reported: ``partly_reported``),
    ``override`` or ``""`` for ``no_report``.
    """

    adm2_pcode: str
    adm2_name: str
    adm1_pcode: str
    adm1_name: str
    status: str
    since: date | None = None
    unconfirmed: bool = False
    stale: bool = False
    overridden: bool = False
    evidence: list[Claim] = field(default_factory=list)
    basis: str = ""
    note: str = ""
    last_claim: date | None = None

    @property
    def code(self) -> tuple[str, bool, bool, bool]:
        """What the map shows: status and qualifiers."""
        return (self.status, self.unconfirmed, self.stale, self.overridden)

    @property
    def single_source(self) -> bool:
        """True when a taken, held or contested status rests on one independent source (rule 12)."""
        return self.status in CONTROLLERS and not self.overridden and self.n_sources == 1


@dataclass(frozen=True)
class PointStatus(_Sourced):
    """The status of one point place (crossing, airport, base, town) on one day (rule 3a).

    ``key`` is the gazetteer place key (or district and name when the claims
    carry none); ``centre`` says whether the point is its district's centre, in
    which case its claims also colour the district.
    """

    key: str
    name: str
    adm2_pcode: str
    adm2_name: str
    adm1_pcode: str
    adm1_name: str
    lat: float | None
    lon: float | None
    centre: bool
    status: str
    since: date | None = None
    unconfirmed: bool = False
    stale: bool = False
    evidence: list[Claim] = field(default_factory=list)
    last_claim: date | None = None

    @property
    def code(self) -> tuple[str, bool, bool, bool]:
        return (self.status, self.unconfirmed, self.stale, False)

    @property
    def single_source(self) -> bool:
        return self.status in CONTROLLERS and self.n_sources == 1


@dataclass(frozen=True)
class ProvinceNote:
    """A most/part province claim: drawn as an outlined province with a label, colours nothing."""

    adm1_pcode: str
    adm1_name: str
    scope: str
    controller: str
    start: date
    end: date | None
    evidence: list[Claim]

    @property
    def label(self) -> str:
        scope = {"most": "Most of", "part": "Part of"}.get(self.scope, "Parts of")
        return f"{scope} {self.adm1_name}: {self.controller} (reported)"

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class DistrictInfo:
    """A district the timeline covers (names from the boundaries)."""

    adm2_pcode: str
    adm2_name: str
    adm1_pcode: str
    adm1_name: str


@dataclass(frozen=True)
class _Dated:
    claim: Claim
    day: date

    @property
    def controller(self) -> str:
        return self.claim.controller


Segment = tuple[date, date | None, DistrictStatus]


class Timeline:
    """Status of every district over time; built by :func:`build_timeline`."""

    def __init__(
        self,
        districts: Sequence[DistrictInfo],
        segments: Mapping[str, list[tuple[date, DistrictStatus]]],
        change_dates: list[date],
        *,
        params: TimelineParams,
        overrides: tuple[Override, ...],
        claims: list[Claim],
        undated: list[Claim],
        dropped: list[tuple[Claim, str]],
        province_notes: list[ProvinceNote],
        points: list[Claim],
        point_segments: Mapping[str, list[tuple[date, PointStatus]]] | None = None,
    ) -> None:
        self._districts = list(districts)
        self._by_code = {d.adm2_pcode: d for d in self._districts}
        self._segments = {p: list(s) for p, s in segments.items()}
        self._starts = {p: [start for start, _ in s] for p, s in self._segments.items()}
        self.change_dates = change_dates
        self.params = params
        self.overrides = overrides
        self.claims = claims
        self.undated = undated
        self.dropped = dropped
        self.province_notes = province_notes
        self.points = points
        self._point_segments = {k: list(v) for k, v in (point_segments or {}).items()}
        self._point_starts = {k: [d for d, _ in v] for k, v in self._point_segments.items()}

    @property
    def districts(self) -> list[DistrictInfo]:
        return list(self._districts)

    @property
    def first_date(self) -> date | None:
        return self.change_dates[0] if self.change_dates else None

    @property
    def last_date(self) -> date | None:
        return self.change_dates[-1] if self.change_dates else None

    def _no_report(self, d: DistrictInfo) -> DistrictStatus:
        return DistrictStatus(d.adm2_pcode, d.adm2_name, d.adm1_pcode, d.adm1_name, "no_report")

    def status_of(self, adm2_pcode: str, day: date) -> DistrictStatus:
        """One district's status on ``day``."""
        d = self._by_code.get(adm2_pcode)
        if d is None:
            raise KeyError(f"District {adm2_pcode!r} is not in this timeline.")
        return self._status(d, day)

    def _status(self, d: DistrictInfo, day: date) -> DistrictStatus:
        if not isinstance(day, date):
            raise TypeError(f"Expected a date for day, instead got: {day!r}.")
        starts = self._starts.get(d.adm2_pcode, [])
        i = bisect.bisect_right(starts, day) - 1
        return self._segments[d.adm2_pcode][i][1] if i >= 0 else self._no_report(d)

    def status_on(self, day: date) -> list[DistrictStatus]:
        """Every district's status on ``day``, ordered by P-code."""
        return [self._status(d, day) for d in self._districts]

    def counts_on(self, day: date) -> dict[str, int]:
        """How many districts are in each status on ``day`` (every status present, maybe 0)."""
        counts = dict.fromkeys(STATUSES, 0)
        for s in self.status_on(day):
            counts[s.status] += 1
        return counts

    def history(self, adm2_pcode: str) -> list[Segment]:
        """The district's periods as (start, end inclusive or None, status); empty if never reported."""
        if adm2_pcode not in self._segments:
            if adm2_pcode in self._by_code:
                return []
            raise KeyError(f"District {adm2_pcode!r} is not in this timeline.")
        segs = self._segments[adm2_pcode]
        out: list[Segment] = []
        for i, (start, status) in enumerate(segs):
            end = segs[i + 1][0] - timedelta(days=1) if i + 1 < len(segs) else None
            out.append((start, end, status))
        return out

    def notes_on(self, day: date) -> list[ProvinceNote]:
        return [n for n in self.province_notes if n.covers(day)]

    def points_on(self, day: date) -> list[Claim]:
        return [c for c in self.points if (claim_day(c) or date.max) <= day]

    @property
    def point_keys(self) -> list[str]:
        """Every point place with a dated claim, in key order."""
        return sorted(self._point_segments)

    def point_status_on(self, day: date) -> list[PointStatus]:
        """The status of every point reported on or before ``day``, ordered by key (rule 3a)."""
        if not isinstance(day, date):
            raise TypeError(f"Expected a date for day, instead got: {day!r}.")
        out = []
        for key in self.point_keys:
            i = bisect.bisect_right(self._point_starts[key], day) - 1
            if i >= 0:
                out.append(self._point_segments[key][i][1])
        return out

    def point_history(self, key: str) -> list[tuple[date, date | None, PointStatus]]:
        """A point's periods as (start, end inclusive or None, status)."""
        if key not in self._point_segments:
            raise KeyError(f"Point {key!r} has no claim in this timeline.")
        segs = self._point_segments[key]
        return [(start, segs[i + 1][0] - timedelta(days=1) if i + 1 < len(segs) else None, st)
                for i, (start, st) in enumerate(segs)]


def _parse_day(value: Any, what: str, claim: Claim) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ValueError(
            f"Claim from article {claim.article_id!r} has {what} {value!r}; expected YYYY-MM-DD or null."
        ) from e


def claim_day(claim: Claim) -> date | None:
    """The day a claim counts from: ``event_date``, else ``published``, else None (rule 1)."""
    return _parse_day(claim.event_date, "event_date", claim) or _parse_day(
        claim.published, "published", claim
    )


def _claim_key(c: Claim) -> tuple:
    return (
        c.article_id,
        c.char_start,
        c.char_end,
        c.controller,
        c.place_level,
        c.adm2_pcode or "",
        c.adm1_pcode,
        c.attributed_to,
        c.sentence,
    )


def _district_rows(districts: Any) -> list[DistrictInfo]:
    cols = ("adm2_pcode", "adm2_name", "adm1_pcode", "adm1_name")
    if hasattr(districts, "columns"):
        missing = [c for c in cols if c not in districts.columns]
        if missing:
            raise ValueError(f"Expected district columns {cols}, missing: {missing!r}.")
        rows: Iterable[Mapping] = districts[list(cols)].to_dict("records")
    else:
        rows = districts
    out: dict[str, DistrictInfo] = {}
    for r in rows:
        try:
            d = DistrictInfo(*(str(r[c]) for c in cols))
        except KeyError as e:
            raise ValueError(
                f"Expected district columns {cols}, a row lacks {e.args[0]!r}: {r!r}."
            ) from e
        out[d.adm2_pcode] = d
    return [out[p] for p in sorted(out)]


def _supersedes(later: _Dated, earlier: _Dated) -> bool:
    """An article narrating a sequence: the same voice reports a later, different state."""
    return (
        later.claim.article_id == earlier.claim.article_id
        and later.day > earlier.day
        and later.controller != earlier.controller
        and _voice(later) == _voice(earlier)
    )


def _denies(a: _Dated, b: _Dated) -> bool:
    return (
        a.claim.article_id == b.claim.article_id
        and {a.controller, b.controller} == _SIDES
        and not _supersedes(a, b)
        and not _supersedes(b, a)
    )


def _voice(c: _Dated) -> str:
    return c.claim.attributed_to.strip().casefold()


def _drop_superseded(ev: list[_Dated]) -> list[_Dated]:
    """Remove claims that their own article, in the same voice, reports as overtaken later (rule 5)."""
    groups: dict[tuple[str, str], list[_Dated]] = defaultdict(list)
    for c in ev:
        groups[(c.claim.article_id, _voice(c))].append(c)
    gone: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        later: set[str] = set()  # controllers reported on strictly later days
        by_day: dict[date, list[_Dated]] = defaultdict(list)
        for c in group:
            by_day[c.day].append(c)
        for day in sorted(by_day, reverse=True):
            for c in by_day[day]:
                if later - {c.controller}:
                    gone.add(id(c))
            later.update(c.controller for c in by_day[day])
    return [c for c in ev if id(c) not in gone]


def _decide(
    stream: list[_Dated],
    days: list[date],
    by_article: Mapping[str, list[int]],
    upto: int,
    window: int,
) -> tuple[str, list[_Dated]]:
    """Status from the first ``upto`` claims of a sorted stream (rules 4 and 5).

    ``days`` are the stream's dates and ``by_article`` the stream positions of
    each article's claims, so that the work grows with the window, not the stream.
    """
    newest = stream[upto - 1].day
    lo = newest - timedelta(days=window)
    first = bisect.bisect_left(days, lo, 0, upto)
    win = stream[first:upto]
    denials: list[_Dated] = []
    if first:
        win_by_art: dict[str, list[_Dated]] = defaultdict(list)
        for w in win:
            if w.controller in _SIDES:
                win_by_art[w.claim.article_id].append(w)
        for art, ws in win_by_art.items():
            positions = by_article[art]
            for k in positions[: bisect.bisect_left(positions, first)]:
                c = stream[k]
                if c.controller in _SIDES and any(_denies(c, w) for w in ws):
                    denials.append(c)
    ev = _drop_superseded(denials + win) if len(win) + len(denials) > 1 else win
    sides = {c.controller for c in ev} & _SIDES
    if len(sides) == 2:
        return "contested", ev
    top = max(c.day for c in ev)
    top_sides = {c.controller for c in ev if c.day == top} & _SIDES
    return (next(iter(top_sides)) if top_sides else "contested"), ev


def _positions(stream: list[_Dated]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(stream):
        out[c.claim.article_id].append(i)
    return out


def _unconfirmed(ev: list[_Dated]) -> bool:
    return _all_self_serving(c.claim for c in ev)


def point_key(c: Claim) -> str:
    """The identity of a claim's point place: its gazetteer key, else district and name."""
    return c.place_key or f"{c.adm2_pcode or ''}:{name_key(c.place_name) if c.place_name else c.mention}"


def _sentence_key(c: Claim) -> tuple:
    # By text, not offsets: a wire story often repeats its lead sentence lower down.
    # By story, not article: the copies of one report state a claim once (rule 12).
    story = (c.extra or {}).get("story")
    return (story if isinstance(story, str) and story else c.article_id,
            " ".join((c.sentence or "").split()).casefold())


def _one_per_sentence(claims: list[Claim], rank: Mapping[int, int]) -> list[Claim]:
    """Evidence with each sentence of an article once (rule 11).

    Of the places one sentence names, the district keeps the claims about the
    best ranked one (``rank`` by claim id: lower is more district-like); two
    different voices about that same place in one sentence both stay.
    """
    best: dict[tuple, tuple[int, str]] = {}
    for c in claims:
        k = _sentence_key(c)
        cand = (rank.get(id(c), 9), _place_of(c))
        if k not in best or cand < best[k]:
            best[k] = cand
    keep: dict[tuple, Claim] = {}
    for c in reversed(claims):  # the newest copy of a repeated claim stays...
        k = _sentence_key(c)
        if _place_of(c) != best[k][1]:
            continue
        same = (*k, c.controller, c.attributed_to.strip().casefold())
        if same not in keep or _is_original(c) and not _is_original(keep[same]):
            keep[same] = c  # ...but of a story's copies, the original (it lists the others)
    kept = {id(c) for c in keep.values()}
    return _one_per_story([c for c in claims if id(c) in kept])


def _one_per_story(claims: list[Claim]) -> list[Claim]:
    """Of the copies of one story, one article's claims (rule 12).

    A copy may reword a sentence ("they captured X" / "the insurgents
    captured X"); the same place, controller, speaker and date in two copies is
    still one report, kept from the original (else the newest copy).
    """
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        story = (c.extra or {}).get("story")
        if isinstance(story, str) and story:
            groups[(story, _place_of(c), c.controller, c.attributed_to.strip().casefold(),
                    c.event_date or c.published)].append(c)
    drop: set[int] = set()
    for (story, *_), members in groups.items():
        articles = [c.article_id for c in members]
        if len(set(articles)) < 2:
            continue
        keep = story if story in articles else articles[-1]
        drop.update(id(c) for c in members if c.article_id != keep)
    return [c for c in claims if id(c) not in drop]


def _is_original(c: Claim) -> bool:
    return (c.extra or {}).get("story") == c.article_id


def _place_of(c: Claim) -> str:
    return c.adm2_pcode or "" if c.place_level == "district" else (
        point_key(c) if c.place_level == "point" else f"province:{c.adm1_pcode}")


def build_timeline(
    claims: Sequence[Claim],
    districts: Any,
    params: TimelineParams = TimelineParams(),
    overrides: Sequence[Override] = (),
    *,
    centres: DistrictCentres | None = None,
) -> Timeline:
    """Apply the rules of the module docstring to ``claims``.

    ``districts`` is a DataFrame (or a sequence of mappings) with adm2_pcode,
    adm2_name, adm1_pcode and adm1_name; only those districts (of the selected
    provinces) get a status. ``centres`` says which point places are district
    centres (:func:`geo.places.centres.district_centres`); by default only a
    point named like its district is.
    """
    if not isinstance(params, TimelineParams):
        raise TypeError(f"Expected TimelineParams for params, instead got: {params!r}.")
    claims = with_stories(claims)  # rule 12: copies of one report, from the signatures claims carry
    if centres is None:
        centres = DistrictCentres()
    rows = _district_rows(districts)
    if params.provinces is not None:
        rows = [d for d in rows if d.adm1_pcode in params.provinces]
    by_code = {d.adm2_pcode: d for d in rows}
    province_names = {d.adm1_pcode: d.adm1_name for d in rows}
    overrides = tuple(overrides)
    for o in overrides:
        if not isinstance(o, Override):
            raise TypeError(f"Expected Override objects in overrides, instead got: {o!r}.")
        o.validate()
        if o.adm2_pcode not in by_code:
            raise ValueError(
                f"Override for district {o.adm2_pcode!r}: no such district in the timeline."
            )

    own: dict[str, list[_Dated]] = defaultdict(list)
    inside: dict[str, list[_Dated]] = defaultdict(list)  # points that do not colour their district
    by_point: dict[str, list[_Dated]] = defaultdict(list)
    province_all: dict[str, list[_Dated]] = defaultdict(list)
    province_other: dict[str, list[_Dated]] = defaultdict(list)
    used: list[Claim] = []
    undated: list[Claim] = []
    dropped: list[tuple[Claim, str]] = []
    points: list[Claim] = []
    rank: dict[int, int] = {}
    is_centre: dict[str, bool] = {}

    for c in sorted(claims, key=lambda c: (claim_day(c) or date.min, _claim_key(c))):
        if c.controller not in CONTROLLERS:
            raise ValueError(
                f"Claim from article {c.article_id!r} has controller {c.controller!r}; expected one of {CONTROLLERS}."
            )
        if c.place_level not in PLACE_LEVELS:
            raise ValueError(
                f"Claim from article {c.article_id!r} has place_level {c.place_level!r}; "
                f"expected one of {PLACE_LEVELS}."
            )
        if c.confidence < params.min_confidence:
            dropped.append(
                (c, f"confidence {c.confidence} below min_confidence {params.min_confidence}")
            )
            continue
        if c.source_type in params.exclude_source_types:
            dropped.append((c, f"source type {c.source_type!r} excluded"))
            continue
        if params.provinces is not None and c.adm1_pcode not in params.provinces:
            dropped.append((c, f"province {c.adm1_pcode!r} not selected"))
            continue
        if c.place_level in ("district", "point") and c.adm2_pcode not in by_code:
            dropped.append((c, f"district {c.adm2_pcode!r} is not among the districts"))
            continue
        if c.place_level == "province" and c.adm1_pcode not in province_names:
            dropped.append((c, f"province {c.adm1_pcode!r} has no districts in the timeline"))
            continue
        day = claim_day(c)
        if day is None:
            undated.append(c)
            continue
        used.append(c)
        dc = _Dated(c, day)
        if c.place_level == "province":
            rank[id(c)] = 3
            (province_all if c.scope in COLOURING_SCOPES else province_other)[c.adm1_pcode].append(
                dc
            )
        elif c.place_level == "district":
            rank[id(c)] = 0
            own[c.adm2_pcode].append(dc)  # type: ignore[index]
        else:
            key = point_key(c)
            d = by_code[c.adm2_pcode]  # type: ignore[index]
            centre = is_centre.setdefault(
                key, centres.is_centre(c.place_key, c.place_name, d.adm2_pcode, d.adm2_name)
            )
            rank[id(c)] = 1 if centre else 2
            by_point[key].append(dc)
            if centre or params.points_colour_districts:
                own[d.adm2_pcode].append(dc)
            else:
                inside[d.adm2_pcode].append(dc)
            if c.lat is not None and c.lon is not None:
                points.append(c)

    notes = _province_notes(province_other, province_all, province_names)
    ov_by_code: dict[str, list[tuple[int, Override]]] = defaultdict(list)
    for i, o in enumerate(overrides):
        ov_by_code[o.adm2_pcode].append((i, o))

    segments: dict[str, list[tuple[date, DistrictStatus]]] = {}
    changes: set[date] = {n.start for n in notes}
    for d in rows:
        streams = [
            (own.get(d.adm2_pcode, []), "district"),
            (province_all.get(d.adm1_pcode, []), "province"),
            (inside.get(d.adm2_pcode, []), "point"),
        ]
        ovs = ov_by_code.get(d.adm2_pcode, [])
        if not (any(s for s, _ in streams) or ovs):
            continue

        def make(day: date, status: str, ev: list[_Dated], basis: str, since: date | None,
                 unconf: bool, is_stale: bool, overridden: bool, note: str,
                 last: date | None, d: DistrictInfo = d) -> DistrictStatus:
            evidence = _one_per_sentence([c.claim for c in ev], rank)
            return DistrictStatus(
                d.adm2_pcode, d.adm2_name, d.adm1_pcode, d.adm1_name, status,
                since=since, unconfirmed=unconf, stale=is_stale, overridden=overridden,
                evidence=evidence, basis=basis, note=note, last_claim=last,
            )  # fmt: skip

        segments[d.adm2_pcode] = _segments(streams, ovs, params, make, changes)

    point_segments: dict[str, list[tuple[date, PointStatus]]] = {}
    for key, stream in by_point.items():
        newest = stream[-1].claim
        d = by_code[newest.adm2_pcode]  # type: ignore[index]
        located = [c.claim for c in stream if c.claim.lat is not None and c.claim.lon is not None]
        where = located[-1] if located else newest

        def make_point(day: date, status: str, ev: list[_Dated], basis: str, since: date | None,
                       unconf: bool, is_stale: bool, overridden: bool, note: str,
                       last: date | None, d: DistrictInfo = d, key: str = key,
                       where: Claim = where) -> PointStatus:
            return PointStatus(
                key, where.place_name, d.adm2_pcode, d.adm2_name, d.adm1_pcode, d.adm1_name,
                where.lat, where.lon, is_centre[key], status, since=since, unconfirmed=unconf,
                stale=is_stale, evidence=[c.claim for c in ev], last_claim=last,
            )  # fmt: skip

        point_segments[key] = _segments([(stream, "point")], [], params, make_point, changes)

    # Past the newest report only staleness could change; a map ending in an
    # all-faded country says nothing, so the dates stop at the newest report.
    horizon = max([c.day for v in (*own.values(), *inside.values(), *province_all.values(),
                                   *province_other.values()) for c in v]
                  + [o.start for o in overrides]
                  + [o.end + timedelta(days=1) for o in overrides if o.end is not None], default=None)  # fmt: skip
    return Timeline(
        rows,
        segments,
        sorted(d for d in changes if horizon is not None and d <= horizon),
        params=params,
        overrides=overrides,
        claims=used,
        undated=undated,
        dropped=dropped,
        province_notes=notes,
        points=points,
        point_segments=point_segments,
    )


def _segments(
    streams: list[tuple[list[_Dated], str]],
    ovs: list[tuple[int, Override]],
    params: TimelineParams,
    make: Any,
    changes: set[date],
) -> list[tuple[date, Any]]:
    """The periods of one place: the first stream with a claim by the day decides (rules 3 to 9).

    ``streams`` are (claims sorted by day, basis) in order of precedence; a
    ``point`` basis makes the status ``partly_reported`` unless it is the only
    stream (a point's own timeline). ``make`` builds the status record; the
    days on which the shown status changes are added to ``changes``.
    """
    stale = params.stale_days
    cands: set[date] = set()
    for stream, _ in streams:
        for c in stream:
            cands.add(c.day)
            cands.add(c.day + timedelta(days=stale + 1))
    for _, o in ovs:
        cands.add(o.start)
        if o.end is not None:
            cands.add(o.end + timedelta(days=1))
    prepared = [(s, [c.day for c in s], _positions(s), basis) for s, basis in streams]
    alone = len(streams) == 1
    segs: list[tuple[date, Any]] = []
    prev: Any = None
    for day in sorted(cands):
        status, ev, basis = "no_report", [], ""
        for stream, days, arts, b in prepared:
            n = bisect.bisect_right(days, day)
            if n:
                status, ev = _decide(stream, days, arts, n, params.contest_window_days)
                basis = b
                break
        last = max((c.day for c in ev), default=None)
        unconfirmed = bool(ev) and _unconfirmed(ev)
        if basis == "point" and not alone:
            status, unconfirmed = "partly_reported", False
        is_stale = last is not None and (day - last).days > stale
        overridden, note = False, ""
        active = [(o.start, i, o) for i, o in ovs if o.covers(day)]
        if active:
            o = max(active)[2]
            status, overridden, note, basis = o.status, True, o.note, "override"
            unconfirmed = is_stale = False
        if status == "no_report":
            since = None
        elif prev is not None and prev.status == status:
            since = prev.since
        else:
            since = day
        cur = make(day, status, ev, basis, since, unconfirmed, is_stale, overridden, note, last)
        before = prev.code if prev is not None else ("no_report", False, False, False)
        if cur.code != before:
            changes.add(day)
        if prev is None or cur != prev:
            segs.append((day, cur))
        prev = cur
    return segs


def _province_notes(
    other: Mapping[str, list[_Dated]],
    colouring: Mapping[str, list[_Dated]],
    names: Mapping[str, str],
) -> list[ProvinceNote]:
    """One note per (province, day, scope, controller); it lasts until the province's next province claim."""
    notes: list[ProvinceNote] = []
    for adm1, claims in sorted(other.items()):
        days = sorted({c.day for c in (*claims, *colouring.get(adm1, []))})
        groups: dict[tuple[date, str, str], list[Claim]] = defaultdict(list)
        for c in claims:
            groups[(c.day, c.claim.scope or "part", c.controller)].append(c.claim)
        for (day, scope, controller), ev in sorted(groups.items()):
            later = [x for x in days if x > day]
            end = later[0] - timedelta(days=1) if later else None
            notes.append(ProvinceNote(adm1, names[adm1], scope, controller, day, end, ev))
    return notes
