"""The ``tcmap`` command line: thin wrappers over the ``geo`` stages.

Exit codes (also in the README):
0  everything read and processed;
1  finished, but some inputs were skipped (each named on stderr with its reason);
2  usage error (bad option or argument);
3  nothing could be done (no article read, boundaries missing, bad gold folder...).
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from geo import __version__

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


class Fatal(click.ClickException):
    exit_code = EXIT_FATAL


def _parse_date(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, instead got: {value!r}") from None


class BadSetting(click.ClickException):
    """A bad value in an environment variable: a usage error (exit 2), with no usage text."""

    exit_code = EXIT_USAGE


def _check_max_mb(_ctx, param, value: float | None) -> float | None:
    """--max-article-mb: above 0 and at most a terabyte, never NaN or infinity."""
    if value is None:
        return None
    from geo.ingest.articles import limit_value

    try:
        limit_value("max_article_bytes", value, "--max-article-mb")
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    return value


def _limits(max_article_mb: float | None):
    from geo.ingest.articles import Limits, limit_value

    try:
        limits = Limits.from_env()
    except ValueError as e:
        raise BadSetting(str(e)) from e
    if max_article_mb is not None:
        from dataclasses import replace

        size = limit_value("max_article_bytes", max_article_mb, "--max-article-mb")
        limits = replace(limits, max_article_bytes=size)
    return limits


def _check_geocoder() -> None:
    """A bad ``TCMAP_GEOCODER`` is a fatal setting error, said before any work starts."""
    from geo.places.geocode import geocoder_from_env

    try:
        geocoder_from_env()
    except ValueError as e:
        raise Fatal(str(e)) from e


def _progress_bar(total: int | None, desc: str):
    from tqdm import tqdm

    # tqdm hides itself when stderr is not a terminal (disable=None).
    return tqdm(total=total, desc=desc, unit="article", file=sys.stderr, disable=None, leave=False)


def _report(result) -> int:
    """Print skipped inputs and the one-line summary; return the exit code."""
    for s in result.skipped:
        click.echo(f"skipped {s.origin}: {s.reason}", err=True)
    for a in result.articles:
        for w in a.warnings:
            click.echo(f"warning {a.origin or a.id}: {w}", err=True)
    click.echo(result.summary(), err=True)
    return EXIT_SKIPPED if result.skipped else EXIT_OK


def _run(paths: Sequence[str], user_date: date | None, max_article_mb: float | None):
    from geo.pipeline import run
    from geo.places.boundaries import BoundariesError

    if not paths:
        raise click.UsageError("Give at least one file or folder of articles (or --store).")
    _check_geocoder()
    try:
        with _progress_bar(None, "extracting") as bar:
            result = run(paths, user_date=user_date, limits=_limits(max_article_mb), progress=bar.update)
    except BoundariesError as e:
        raise Fatal(str(e)) from e
    if not result.results and result.skipped:
        _report(result)
        raise Fatal("No article could be read.")
    if not result.results:  # an empty folder: say so rather than write an empty map or table
        from geo.ingest.articles import ARCHIVE_SUFFIXES, ARTICLE_SUFFIXES

        kinds = ", ".join(sorted(ARTICLE_SUFFIXES | ARCHIVE_SUFFIXES))
        raise Fatal(f"No article found in {', '.join(map(str, paths))}: expected files ending in {kinds}. "
                    "Nothing was written.")
    return result


def _open_store(mode: str = "write"):
    """The store of $TCMAP_HOME; ``mode="read"`` also opens a read-only one (for --store reads)."""
    from geo.app.store import Store, StoreError

    try:
        return Store.open(mode=mode)
    except StoreError as e:
        raise Fatal(str(e)) from e


class _StoreRead:
    """What reading the store gave besides claims: its damaged rows, reported like skipped inputs."""

    def __init__(self, problems: list[str]) -> None:
        from geo.models import Skipped

        self.skipped = [Skipped(p.split(": ", 1)[0], p.split(": ", 1)[1]) for p in problems]
        self.articles: list = []
        self.results: list = []

    def summary(self) -> str:
        n = len(self.skipped)
        return f"{n} damaged row{'s' if n != 1 else ''} of the store left out"


def _store_claims():
    """The store's claims and, when some rows were damaged, a report of them (else None)."""
    from geo.app.store import StoreError

    st = _open_store("read")
    try:
        claims = st.claims()
    except StoreError as e:
        raise Fatal(str(e)) from e
    return claims, (_StoreRead(st.problems) if st.problems else None)


def _claims_from(paths, store, user_date, max_article_mb, claims_path=None):
    """Claims and a run summary, from files, the store, or a claims dataset (--claims)."""
    if claims_path:
        if paths or store:
            raise click.UsageError("--claims builds from a claims dataset alone: give no PATH and no --store.")
        return _dataset_claims(claims_path), None
    if store:
        return _store_claims()
    result = _run(paths, user_date, max_article_mb)
    return result.claims, result


def _dataset_claims(path: str):
    """The claims of a dataset from ``extract`` (Parquet folder or JSON Lines); no article is read."""
    from geo.scale.dataset import ClaimsDatasetError, read_claims

    try:
        claims = read_claims(path)
    except ClaimsDatasetError as e:
        raise Fatal(str(e)) from e
    click.echo(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} read from {path}", err=True)
    return claims


def _overrides_from(store: bool):
    from geo.app.store import StoreError

    if not store:
        return ()
    try:
        st = _open_store("read")
        overrides = tuple(st.overrides())
        for problem in st.problems:  # a damaged override is left out, and said
            click.echo(f"warning {problem}", err=True)
        return overrides
    except StoreError as e:
        raise Fatal(str(e)) from e


def _sources(claims) -> list[tuple[str, int]]:
    """Outlets and how many articles each contributed (the map's source list)."""
    from geo.maps.htmlmap import source_counts

    return source_counts(list(claims))


def _timeline(claims, overrides=(), stale_days: int = 30, contest_days: int = 3, points_colour: bool = False):
    from geo.places.boundaries import BoundariesError, load_districts
    from geo.places.centres import district_centres
    from geo.places.gazetteer import load_gazetteer
    from geo.timeline.build import TimelineParams, build_timeline

    try:
        districts = load_districts().drop(columns="geometry")
        centres = district_centres(load_gazetteer())
    except BoundariesError as e:
        raise Fatal(str(e)) from e
    params = TimelineParams(contest_window_days=contest_days, stale_days=stale_days,
                            points_colour_districts=points_colour)
    return build_timeline(claims, districts, params, overrides, centres=centres)


paths_arg = click.argument("paths", nargs=-1, type=click.Path(path_type=str))
date_opt = click.option(
    "--date", "user_date", callback=_parse_date, help="Publication date (YYYY-MM-DD) for articles that have none."
)
max_mb_opt = click.option(
    "--max-article-mb", type=float, default=None, callback=_check_max_mb, help="Largest article accepted, in MB (default 20, or $TCMAP_MAX_ARTICLE_MB)."
)
store_opt = click.option("--store", is_flag=True, help="Read claims from the tcmap store ($TCMAP_HOME) instead of files.")
stale_opt = click.option("--stale-days", type=click.IntRange(1, 36500), default=30, show_default=True, help="Days without a claim after which a status is stale.")
article_date_opt = click.option(
    "--article-date", "user_date", callback=_parse_date, help="Publication date for undated articles."
)
claims_opt = click.option(
    "--claims", "claims_path", metavar="DATASET", default=None,
    help="Build from a claims dataset written by extract (Parquet folder or JSON Lines), reading no article.")
contest_opt = click.option("--contest-days", type=click.IntRange(0, 3650), default=3, show_default=True, help="Opposing claims this close make a district contested.")
points_colour_opt = click.option(
    "--points-colour-districts", "points_colour", is_flag=True,
    help="Let a claim about any point (crossing, airport, base, town) colour its whole district, "
         "instead of showing the district as partly reported.")


def timeline_options(f):
    """The options every command that builds a timeline shares."""
    for opt in (max_mb_opt, contest_opt, stale_opt, store_opt, article_date_opt, claims_opt, points_colour_opt):
        f = opt(f)
    return f


def _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days, claims_path=None,
                   points_colour=False):
    """Claims (from files, the store or a dataset), the run that read them (None otherwise), the timeline."""
    claims, result = _claims_from(paths, store, user_date, max_article_mb, claims_path)
    return claims, result, _timeline(claims, _overrides_from(store), stale_days, contest_days, points_colour)


def _done(result) -> None:
    sys.exit(_report(result) if result else EXIT_OK)


class _Group(click.Group):
    """Turns a file the OS refuses (an --out folder that cannot be made, a full disk,
    a read-only file) into a one-line fatal error naming the file, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `tcmap extract ... | head`: the reader has what it wanted
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except OSError as e:
            raise Fatal(_os_failure(e)) from e


def _os_failure(e: OSError) -> str:
    import errno

    where = e.filename if e.filename is not None else "a file"
    what = (e.strerror or type(e).__name__).lower()
    fix = {
        errno.ENOSPC: "free space on that disk (or write elsewhere) and run the command again",
        errno.EROFS: "that file system is read-only: give an --out path on a writable disk",
        errno.EACCES: "you may not write there: give an --out path you can write",
        errno.ENOENT: "its folder does not exist and cannot be made there: give another --out path",
        errno.EISDIR: "that is a folder: give a file name",
        errno.ENAMETOOLONG: "the path is too long: give a shorter one",
        errno.ENOTDIR: "part of the path is a file, not a folder: give another --out path",
        errno.EEXIST: "a file is in the way of a folder: give another --out path",
    }.get(e.errno or 0, "check the path (--out) and the disk, then run the command again")
    return f"Cannot use {where}: {what}; {fix}."


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tcmap")
def cli() -> None:
    """tcmap: turn news reports into a dated map of who controls what."""


@cli.command()
@paths_arg
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True,
              help="parquet: a dataset folder (--out DIR, local or fsspec URL) for pandas, DuckDB and --claims.")
@click.option("--out", type=str, help="Write here instead of stdout (a folder for --format parquet).")
@date_opt
@max_mb_opt
@store_opt
@click.option("--workers", type=click.IntRange(1, 1024), default=None,
              help="Extract on a local Dask cluster of N worker processes.")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Extract on an existing Dask cluster (tcp://HOST:PORT; default $DASK_SCHEDULER_ADDRESS).")
@click.option("--partition-size", type=click.IntRange(1, 10_000_000), default=None,
              help="Articles per Dask task (default 250).")
@click.option("--worker-boundaries", default=None, metavar="DIR",
              help="Boundaries folder as the Dask workers see it (default: this machine's).")
def extract(paths, fmt, out, user_date, max_article_mb, store, workers, scheduler, partition_size,
            worker_boundaries):
    """Extract control claims (../shared/CLAIMS.md records) from articles.

    PATH may also be a .jsonl.gz file, a Parquet file or dataset folder, or an
    fsspec URL (s3://... with s3fs installed). With --workers or --scheduler the
    batch runs on Dask; claims are the same as in one process. With --store,
    print the claims kept in the store (rejected ones left out).
    """
    from geo.distributed import scheduler_from_env

    if fmt == "parquet" and not out:
        raise click.UsageError("--format parquet writes a dataset folder: give --out DIR.")
    scheduler = scheduler_from_env(scheduler) if workers is None else scheduler
    if workers is not None and scheduler:
        raise click.UsageError("Give --workers (a local cluster) or --scheduler (an existing one), not both.")
    if (workers is not None or scheduler) and not store:
        sys.exit(_extract_distributed(paths, fmt, out, user_date, max_article_mb, workers, scheduler,
                                      partition_size, worker_boundaries))
    if not store and any(_is_url(p) for p in paths):
        raise click.UsageError("URL inputs are read on Dask: add --workers N (or --scheduler ADDR).")
    claims, result = _claims_from(paths, store, user_date, max_article_mb)
    if fmt == "parquet":
        _write_dataset(claims, result, out)
    else:
        _write(_format_rows([c.to_dict() for c in claims], fmt, CLAIM_COLUMNS), Path(out) if out else None)
    _done(result)


def _is_url(path: str) -> bool:
    from geo.ingest.sources import is_url

    return is_url(path)


def _write_dataset(claims, result, out: str) -> None:
    """The in-process run's claims as a Parquet dataset (with each article's content hash)."""
    from geo.app.store import content_hash
    from geo.scale.dataset import ParquetSink

    sink = ParquetSink(out)
    if result is None or isinstance(result, _StoreRead):
        sink.write(claims)
        summary = {"summary": f"{len(claims)} claims from the store"}
    else:
        for r in result.results:
            sink.write(r.claims, content_hash(r.article.text))
        summary = {"articles": len(result.results), "claims": len(claims),
                   "skipped": [{"origin": s.origin, "reason": s.reason} for s in result.skipped],
                   "summary": result.summary(), "workers": 0}
    sink.close(summary)
    click.echo(f"wrote {out}", err=True)


def _extract_distributed(paths, fmt, out, user_date, max_article_mb, workers, scheduler, partition_size,
                         worker_boundaries=None) -> int:
    """``extract`` on Dask: claims streamed to the output, the summary and exit code as in one process."""
    from geo.distributed import connect, run_distributed
    from geo.ingest.sources import DEFAULT_PART_ARTICLES
    from geo.places.boundaries import BoundariesError, load_districts
    from geo.places.geocode import geocoder_from_env
    from geo.scale.dataset import LinesSink, ParquetSink

    if not paths:
        raise click.UsageError("Give at least one file, folder or URL of articles.")
    _check_geocoder()
    if geocoder_from_env() is not None:
        raise click.UsageError("The online geocoder (TCMAP_GEOCODER) sends one request a second from one "
                               "process; it cannot run on Dask workers. Unset it, or run without --workers.")
    limits = _limits(max_article_mb)
    try:
        load_districts()  # a missing install is said before a cluster starts
    except BoundariesError as e:
        raise Fatal(str(e)) from e
    handle = None
    if fmt == "parquet":
        sink = ParquetSink(out)
    else:
        if out:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            handle = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
        sink = LinesSink(handle or sys.stdout, fmt, CLAIM_COLUMNS)
    echo = lambda m: click.echo(m, err=True)
    cluster = connect(workers, scheduler)
    try:
        try:
            client = cluster.__enter__()
        except OSError as e:
            raise Fatal(f"Cannot reach the Dask scheduler {scheduler}: {e}" if scheduler
                        else f"Cannot start a local Dask cluster: {e}") from e
        try:
            stats = run_distributed(client, paths, sink, user_date=user_date, limits=limits,
                                    part_articles=partition_size or DEFAULT_PART_ARTICLES, echo=echo,
                                    boundaries_dir=worker_boundaries)
        finally:
            cluster.__exit__(None, None, None)
    finally:
        if handle is not None:
            handle.close()
    sink.close(stats.as_dict())
    if out:
        click.echo(f"wrote {out}", err=True)
    click.echo(stats.summary(), err=True)
    if not stats.articles and stats.skipped:
        click.echo("Error: No article could be read.", err=True)
        return EXIT_FATAL
    return EXIT_SKIPPED if stats.skipped else EXIT_OK


CLAIM_COLUMNS = [
    "article_id", "published", "published_source", "mention", "char_start", "char_end", "sentence",
    "place_level", "place_name", "adm2_pcode", "adm1_pcode", "lat", "lon", "controller", "event_date",
    "time_precision", "geo_precision", "scope", "attributed_to", "source_type", "confidence",
]


def _format_rows(rows: list[dict], fmt: str, columns: list[str]) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    from geo.csvcells import SafeDictWriter

    buf = io.StringIO()
    writer = SafeDictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _write(text: str, out: Path | None) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out}", err=True)


@cli.command()
@paths_arg
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@date_opt
@max_mb_opt
def counts(paths, fmt, out, user_date, max_article_mb):
    """List claims about numbers of districts ("seized over 80 of 421 districts")."""
    from dataclasses import asdict

    result = _run(paths, user_date, max_article_mb)
    rows = [asdict(c) for c in result.counts]
    cols = ["article_id", "number", "total", "qualifier", "claimant", "source_type", "date", "sentence"]
    _write(_format_rows(rows, fmt, cols), out)
    sys.exit(_report(result))


@cli.command()
@paths_arg
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--unresolved", is_flag=True, help="Only the names the tool could not place.")
@max_mb_opt
def places(paths, fmt, unresolved, max_article_mb):
    """List the place names found in articles and how each was resolved."""
    from geo.ingest.articles import read_articles
    from geo.models import Skipped
    from geo.places.gazetteer import load_gazetteer
    from geo.places.geocode import mention_finder_from_env
    from geo.places.mentions import places_rows

    _check_geocoder()
    find = mention_finder_from_env()
    gaz = load_gazetteer()
    rows, skipped = [], 0
    for item in read_articles(paths, limits=_limits(max_article_mb)):
        if isinstance(item, Skipped):
            click.echo(f"skipped {item.origin}: {item.reason}", err=True)
            skipped += 1
            continue
        for row in places_rows(item.text, gaz, find):
            if unresolved and row.get("place"):
                continue
            rows.append({"article_id": item.id, **row})
    cols = ["article_id", "mention", "start", "end", "level", "place", "adm2_pcode", "adm1_pcode",
            "lat", "lon", "rule", "score", "reason"]
    if fmt == "table":
        click.echo(_table(rows, ["article_id", "mention", "level", "place", "adm2_pcode", "adm1_pcode", "rule", "reason"]))
    else:
        click.echo(_format_rows(rows, fmt, cols), nl=False)
    n_unres = sum(1 for r in rows if not r.get("place"))
    click.echo(f"{len(rows)} mentions, {n_unres} unresolved, {skipped} inputs skipped", err=True)
    sys.exit(EXIT_SKIPPED if skipped else EXIT_OK)


def _table(rows: list[dict], cols: list[str]) -> str:
    def cell(v) -> str:
        s = "" if v is None else str(v)
        return s if len(s) <= 40 else s[:39] + "…"

    widths = {c: max([len(c)] + [len(cell(r.get(c))) for r in rows]) for c in cols}
    lines = ["  ".join(c.ljust(widths[c]) for c in cols)]
    lines += ["  ".join(cell(r.get(c)).ljust(widths[c]) for c in cols) for r in rows]
    return "\n".join(lines)


@cli.command()
@paths_arg
@click.option("--date", "day", required=True, callback=_parse_date, help="The day to report (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Also list districts with no report.")
@click.option("--points", "show_points", is_flag=True,
              help="List the point places (crossings, airports, bases, towns) and their own status instead.")
@timeline_options
def status(paths, day, fmt, show_all, show_points, user_date, store, stale_days, contest_days, max_article_mb,
           claims_path, points_colour):
    """One row per district: P-code, district, province, status, since, number of claims.

    A district whose only reports are about points inside it is partly_reported;
    --points lists those points with their own status.
    """
    _, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days, claims_path,
                                   points_colour)
    if show_points:
        rows = [{
            "place": p.name, "adm2_pcode": p.adm2_pcode, "district": p.adm2_name, "province": p.adm1_name,
            "status": p.status, "since": p.since.isoformat() if p.since else "", "claims": len(p.evidence),
            "unconfirmed": p.unconfirmed, "stale": p.stale, "centre": p.centre,
            "lat": p.lat, "lon": p.lon, "sources": p.n_sources, "single_source": p.single_source,
        } for p in tl.point_status_on(day)]
        cols = ["place", "adm2_pcode", "district", "province", "status", "since", "claims", "unconfirmed",
                "stale", "centre", "lat", "lon", "sources", "single_source"]
        click.echo(_table(rows, cols) if fmt == "table" else _format_rows(rows, fmt, cols), nl=fmt == "table")
        _done(result)
    rows = []
    for s in tl.status_on(day):
        if s.status == "no_report" and not show_all:
            continue
        rows.append({
            "adm2_pcode": s.adm2_pcode, "district": s.adm2_name, "province": s.adm1_name,
            "status": s.status, "since": s.since.isoformat() if s.since else "",
            "claims": len(s.evidence), "unconfirmed": s.unconfirmed, "stale": s.stale,
            "overridden": s.overridden, "sources": s.n_sources, "single_source": s.single_source,
        })
    cols = ["adm2_pcode", "district", "province", "status", "since", "claims", "unconfirmed", "stale", "overridden",
            "sources", "single_source"]
    if fmt == "table":
        click.echo(_table(rows, cols))
    else:
        click.echo(_format_rows(rows, fmt, cols), nl=False)
    _done(result)


# What `map --out` must not be given, and the command that writes it.
_OTHER_OUTPUTS = {".png": "tcmap png PATHS --date YYYY-MM-DD --out {out}",
                  ".geojson": "tcmap export PATHS --format geojson --date YYYY-MM-DD --out {out}",
                  ".gpkg": "tcmap export PATHS --format gpkg --date YYYY-MM-DD --out {out}",
                  ".csv": "tcmap export PATHS --format csv --date YYYY-MM-DD --out {out}"}


def _check_map_out(out: Path) -> None:
    """`map` writes HTML only: a PNG (or export) file name is a usage error naming the right command."""
    hint = _OTHER_OUTPUTS.get(out.suffix.lower())
    if hint:
        raise click.UsageError(f"tcmap map writes an HTML page, not a {out.suffix.lower()[1:].upper()} file "
                               f"({out}). Use: {hint.format(out=out)}")


@cli.command(name="map")
@paths_arg
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/map.html"), show_default=True)
@click.option("--date", "single_date", callback=_parse_date, help="Export a single-date map of this day.")
@click.option("--title", default=None, help="Title shown on the map.")
@click.option("--online-tiles", is_flag=True, help="Add an OpenStreetMap tile layer (needs internet to view).")
@click.option("--changes-since", "changes_since", callback=_parse_date,
              help="Show only the districts whose status changed between this day and --date "
                   "(default: the last change date), with a table of the changes.")
@timeline_options
def map_(paths, out, single_date, user_date, title, online_tiles, changes_since, store, stale_days, contest_days,
         max_article_mb, claims_path, points_colour):
    """Write a self-contained, offline HTML control map with a date slider."""
    from geo.maps.htmlmap import render_map

    _check_map_out(out)

    claims, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days,
                                        claims_path, points_colour)
    if changes_since is not None:
        single_date = single_date or max(tl.last_date or changes_since, changes_since)
        if single_date < changes_since:
            raise click.UsageError(f"--date {single_date} is before --changes-since {changes_since}: "
                                   "give a later --date.")
    html = render_map(tl, title=title, sources=_sources(claims), online_tiles=online_tiles, single_date=single_date,
                      changes_since=changes_since)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(tl.change_dates)} dates)", err=True)
    _done(result)


@cli.command()
@paths_arg
@click.option("--since", required=True, callback=_parse_date, help="The earlier day (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="The later day (default: the last change date).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write CSV to this file.")
@timeline_options
def changes(paths, since, until, fmt, out, user_date, store, stale_days, contest_days, max_article_mb, claims_path,
            points_colour):
    """The districts whose status changed between --since and --until: district, province, from, to,
    date of change, evidence, sources (CSV with --out or --format csv)."""
    from geo.timeline.changes import CHANGE_COLUMNS, changes_csv, changes_table
    from geo.timeline.changes import changes as find_changes

    _, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days, claims_path,
                                   points_colour)
    until = until or max(tl.last_date or since, since)
    if until < since:
        raise click.UsageError(f"--until {until} is before --since {since}: give a later --until.")
    rows = find_changes(tl, since, until)
    if out is not None or fmt == "csv":
        _write(changes_csv(rows), out)
    else:
        click.echo(_table(changes_table(rows), [c for c in CHANGE_COLUMNS if c not in ("evidence", "sources")]))
    click.echo(f"{len(rows)} district{'s' if len(rows) != 1 else ''} changed status between {since} and {until}",
               err=True)
    _done(result)


@cli.command()
@paths_arg
@click.option("--format", "fmt", type=click.Choice(["geojson", "gpkg", "csv", "acled"]), required=True)
@click.option("--date", "day", callback=_parse_date, help="Day of the district statuses (not needed for acled).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@timeline_options
def export(paths, fmt, day, out, user_date, store, stale_days, contest_days, max_article_mb, claims_path,
           points_colour):
    """Export district statuses on a date (GeoJSON, GeoPackage, CSV) or claims as ACLED-style CSV.

    The point places (crossings, airports, bases, towns) and their own statuses
    go beside the districts: layer ``points`` of the GeoPackage, or
    NAME.points.geojson / NAME.points.csv next to the file.
    """
    from geo.maps import exports

    if fmt != "acled" and day is None:
        raise click.UsageError(f"--date is required for --format {fmt}.")
    claims, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days,
                                        claims_path, points_colour)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "acled":
        exports.write_acled(claims, out)
    else:
        exports.write_status(tl, day, out, fmt)
        pts = exports.points_path(out, fmt)
        if pts != out:
            click.echo(f"wrote {pts} (point places)", err=True)
        else:
            click.echo(f"wrote layers status and points of {out}", err=True)
    click.echo(f"wrote {out}", err=True)
    _done(result)


@cli.command()
@paths_arg
@click.option("--date", "day", required=True, callback=_parse_date)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--title", default=None)
@timeline_options
def png(paths, day, out, title, user_date, store, stale_days, contest_days, max_article_mb, claims_path,
        points_colour):
    """Write a static PNG map of one day, for PDF and Word reports."""
    from geo.maps import exports

    _, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days, claims_path,
                                   points_colour)
    out.parent.mkdir(parents=True, exist_ok=True)
    exports.write_png(tl, day, out, title=title)
    click.echo(f"wrote {out}", err=True)
    _done(result)


@cli.command(name="compare")
@click.argument("reference", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@paths_arg
@click.option("--tolerance-days", type=click.IntRange(0), default=0, show_default=True,
              help="A reference status agrees if tcmap shows it within this many days of the row's date.")
@click.option("--one-sided", is_flag=True,
              help="The reference lists only captures: a district it leaves out is not read as government.")
@click.option("--until", callback=_parse_date, help="Compare reference rows up to this day (YYYY-MM-DD).")
@click.option("--disagreements", "dis_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every disagreement, with tcmap's evidence, to this CSV file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures and disagreements as JSON.")
@timeline_options
def compare_(reference, paths, tolerance_days, one_sided, until, dis_out, as_json, user_date, store, stale_days,
             contest_days, max_article_mb, claims_path, points_colour):
    """Line the map up against a REFERENCE table of district x date (CSV, long or wide).

    Long: a district (name) or pcode column, optional province, date, status
    (taliban, government, contested, or 1/0). Wide: district (and province)
    columns and one column per date. Names go through the gazetteer; names
    that match no district are listed on stderr (exit code 1).
    """
    from geo.places.boundaries import BoundariesError
    from geo.places.gazetteer import GazetteerError, load_gazetteer
    from geo.timeline.compare import POINT_COLUMNS, compare, point_dict
    from geo.timeline.reference import ReferenceTableError, read_reference

    try:
        gaz = load_gazetteer()
    except (BoundariesError, GazetteerError) as e:
        raise Fatal(str(e)) from e
    try:
        ref = read_reference(reference, gaz, one_sided=one_sided)
    except ReferenceTableError as e:
        raise Fatal(f"{reference} is not a reference table tcmap can read:\n{e}") from e
    click.echo(ref.summary(), err=True)
    for u in ref.unmatched:
        where = f" ({u.province})" if u.province else ""
        lines = ", ".join(str(n) for n in u.lines)
        click.echo(f"unmatched {reference}:{u.lines[0]}: {u.name!r}{where}: {u.reason} (line{'s' if len(u.lines) > 1 else ''} {lines})",
                   err=True)
    if ref.ignored_columns:
        click.echo(f"columns not used: {', '.join(ref.ignored_columns)}", err=True)
    if not ref.rows:
        raise Fatal(f"No row of {reference} names a district tcmap knows: nothing to compare.")
    _, result, tl = _load_timeline(paths, store, user_date, max_article_mb, stale_days, contest_days, claims_path,
                                   points_colour)
    cmp = compare(tl, ref.rows, tolerance_days=tolerance_days, one_sided=one_sided, until=until)
    newest = tl.last_date
    later = sum(1 for r in ref.rows if newest and r.day > newest and (until is None or r.day <= until))
    if later:  # past tcmap's newest report its statuses only age: say so rather than let it pass as error
        click.echo(f"note: {later} reference row(s) are dated after tcmap's newest report ({newest}); "
                   f"--until {newest} leaves them out", err=True)
    if as_json:
        meta = {"source": str(reference), "layout": ref.layout, "rows": len(ref.rows),
                "unmatched": [{"name": u.name, "province": u.province, "reason": u.reason, "lines": list(u.lines)}
                              for u in ref.unmatched],
                "ignored_columns": ref.ignored_columns}
        click.echo(json.dumps({"reference": meta, **cmp.as_dict()}, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(cmp.format())
    if dis_out is not None:
        rows = [{k: _safe_cell(v) for k, v in point_dict(p).items()} for p in cmp.disagreements]
        _write(_format_rows(rows, "csv", POINT_COLUMNS), dis_out)
    code = _report(result) if result else EXIT_OK
    sys.exit(max(code, EXIT_SKIPPED if ref.unmatched else EXIT_OK))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value):
    """A text cell a spreadsheet would run as a formula is kept as text (article text is untrusted)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List false positives and false negatives per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold_dir, verbose, as_json):
    """Score extraction against gold files laid out like ../shared/eval/dev/."""
    from geo.evaluate import score

    articles_dir = gold_dir / "articles"
    if not (gold_dir / "gold.jsonl").is_file():
        raise Fatal(f"{gold_dir} has no gold.jsonl.")
    if articles_dir.is_dir():
        paths = [str(articles_dir)]
    else:  # the seeds' gold sits apart from its articles: look for them by id
        paths = _find_articles_for(gold_dir)
    result = _run(paths, None, None)
    try:
        scores = score(gold_dir, result.results)
    except (ValueError, KeyError, TypeError) as e:
        raise Fatal(f"{gold_dir / 'gold.jsonl'}: not a gold file tcmap can score against ({e}). "
                    "Each line needs a JSON object with an 'id' and its 'claims'.") from e
    if as_json:
        click.echo(json.dumps(scores.as_dict(), indent=2))
    else:
        click.echo(scores.format(verbose=verbose))
    sys.exit(_report(result))


def _find_articles_for(gold_dir: Path) -> list[str]:
    try:
        ids = [json.loads(line)["id"] for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    except (ValueError, KeyError, TypeError) as e:
        raise Fatal(f"{gold_dir / 'gold.jsonl'}: not a gold file ({type(e).__name__}: {e}); each line needs "
                    "a JSON object with an 'id'.") from e
    for cand in (gold_dir.parent.parent / gold_dir.name, gold_dir.parent / gold_dir.name, Path("seeds")):
        found = [str(p) for i in ids for p in cand.glob(f"{i}.*") if cand.is_dir()]
        if found:
            return found
    raise Fatal(f"{gold_dir} has no articles/ folder and its articles were not found beside it.")


@cli.command()
@paths_arg
@date_opt
@max_mb_opt
@claims_opt
def ingest(paths, user_date, max_article_mb, claims_path):
    """Add articles to the store ($TCMAP_HOME): extract once, keep the analyst's work.

    Articles already stored with the same text and extractor version are not
    extracted again; ingesting the same files twice changes nothing. With
    --claims, the claims of a dataset from extract are stored instead, with no
    article read (each article's text in the store is then its claims' sentences).
    """
    from geo.ingest.articles import read_articles
    from geo.models import Skipped
    from geo.pipeline import RunResult, extract_articles
    if claims_path:
        sys.exit(_ingest_claims(paths, claims_path))
    if not paths:
        raise click.UsageError("Give at least one file or folder of articles.")
    _check_geocoder()
    st = _open_store()
    result = RunResult()
    fresh = []
    for item in read_articles(paths, limits=_limits(max_article_mb), user_date=user_date):
        if isinstance(item, Skipped):
            result.skipped.append(item)
        else:
            fresh.append(item)
    from geo.app.store import StoreError

    try:
        known = st.stored_ids(fresh)
        todo = [a for a in fresh if a.id not in known]
        with _progress_bar(len(todo), "extracting") as bar:
            # The stored ones are not extracted again, but they date the rest, as in one run.
            result.results = extract_articles(fresh, progress=bar.update, known=st.known_results(fresh, known))
        summary = st.ingest_result(result)
    except StoreError as e:
        raise Fatal(str(e)) from e
    if known:
        click.echo(f"{len(known)} article(s) already in the store, not extracted again", err=True)
    click.echo(f"store {st.path}: {summary}", err=True)
    sys.exit(_report(result))


def _ingest_claims(paths, claims_path: str) -> int:
    from geo.pipeline import RunResult
    from geo.scale.dataset import ClaimsDatasetError, results_from_claims

    if paths:
        raise click.UsageError("--claims stores a claims dataset alone: give no PATH.")
    st = _open_store()
    try:
        results = results_from_claims(claims_path)
    except ClaimsDatasetError as e:
        raise Fatal(str(e)) from e
    from geo.app.store import StoreError

    try:
        summary = st.ingest_result(RunResult(results=results), label=f"claims {claims_path}")  # type: ignore[arg-type]
    except StoreError as e:
        raise Fatal(str(e)) from e
    click.echo(f"store {st.path}: {summary}", err=True)
    return EXIT_OK


@cli.group()
def boundaries() -> None:
    """Install the OCHA/AGCHO district and province boundaries."""


@boundaries.command("install")
@click.argument("source", required=False)
def boundaries_install(source):
    """Install from SOURCE: a folder of the zips, a zip, or an http(s) URL.

    Default: $TCMAP_BOUNDARIES_SOURCE, else the public URL in the boundaries manifest.
    Installs into $TCMAP_BOUNDARIES_DIR, else $TCMAP_HOME/boundaries, else the user
    data folder (~/.local/share/tcmap/boundaries on Linux); prints that folder.
    """
    from geo.places.boundaries import BoundariesError, install

    try:
        dest = install(source, progress=lambda m: click.echo(m, err=True))
    except BoundariesError as e:
        raise Fatal(str(e)) from e
    click.echo(str(dest))


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=argv, prog_name="tcmap")
