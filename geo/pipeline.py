"""One run of the pipeline over a batch of inputs: read, extract, date.

The CLI and the app both call ``run``; it never stops on one bad article (the
reader turns it into a ``Skipped`` with a reason) and it never writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.models import Article, Claim, CountClaim, Skipped

if TYPE_CHECKING:
    from geo.models import ArticleResult


@dataclass
class RunResult:
    """What a batch produced: per-article results and the inputs skipped."""

    results: list[ArticleResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [r.article for r in self.results]

    @property
    def claims(self) -> list[Claim]:
        return [c for r in self.results for c in r.claims]

    @property
    def counts(self) -> list[CountClaim]:
        return [c for r in self.results for c in r.counts]

    @property
    def undated_articles(self) -> list[Article]:
        return [a for a in self.articles if a.published is None]

    def summary(self) -> str:
        """The one-line summary batch commands end with."""
        n_claims = len(self.claims)
        undated = len(self.undated_articles)
        inferred = sum(1 for a in self.articles if a.published_source == "inferred")
        parts = [
            f"{len(self.results)} article{'s' if len(self.results) != 1 else ''} read",
            f"{len(self.skipped)} skipped",
            f"{n_claims} claim{'s' if n_claims != 1 else ''}",
        ]
        if inferred:
            parts.append(f"{inferred} publication date{'s' if inferred != 1 else ''} inferred")
        if undated:
            parts.append(f"{undated} undated (give --date or a NAME.meta.json)")
        return ", ".join(parts)


def extract_articles(
    articles: Iterable[Article],
    *,
    progress: Callable[[int], None] | None = None,
    known: Mapping[str, ArticleResult] | None = None,
) -> list[ArticleResult]:
    """Extract claims from already-read articles and infer missing dates.

    ``known`` maps the ids of articles of this batch extracted before (kept in
    the store) to their results: they are not extracted again nor returned,
    but their dated events date the others, so a batch resumed after a crash
    gets the dates one uninterrupted run gives. The mention finder is
    ``find_mentions``, or with the geocoder when ``TCMAP_GEOCODER`` turns it
    on (``geo.places.geocode``). Each claim carries its article's outlet,
    title and text signature (:func:`with_sources`).
    """
    from geo.claims.dating import infer_published, reference_index, run_year
    from geo.claims.extract import extract, load_nlp
    from geo.places.gazetteer import load_gazetteer
    from geo.places.geocode import mention_finder_from_env

    known = known or {}
    batch = list(articles)
    todo = [a for a in batch if a.id not in known]
    find = mention_finder_from_env()
    gazetteer = load_gazetteer()
    nlp = load_nlp()
    results = []
    for result in extract(todo, gazetteer=gazetteer, nlp=nlp, find=find):
        results.append(result)
        if progress:
            progress(1)
    if not known:
        return with_sources(infer_published(results))
    fresh = iter(results)
    whole = [known[a.id] if a.id in known else next(fresh) for a in batch]  # in reading order
    return with_sources(infer_published(results, year=run_year(whole), index=reference_index(whole)))


def with_sources(results: list[ArticleResult]) -> list[ArticleResult]:
    """The results with each claim naming its article's outlet and title, and its text's signature.

    Per article, needing no other article (so a Dask run writes the same
    claims): ``extra`` gains outlet, title, wire, minhash and n_grams
    (:func:`geo.ingest.copies.article_fields`), and a claim whose article has
    no title takes its first line as ``title``. Copies of one story are
    grouped later, over all the claims a timeline is built from
    (:func:`geo.ingest.copies.with_stories`).
    """
    from dataclasses import replace

    from geo.ingest.copies import article_fields

    out = []
    for r in results:
        f = article_fields(r.article)
        claims = [replace(c, title=c.title or f.get("title"), extra={**(c.extra or {}), **f})
                  for c in r.claims]
        out.append(replace(r, claims=claims))
    return out


def run(
    paths: Sequence[str | Path],
    *,
    user_date: date | None = None,
    limits=None,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Read every input under ``paths`` and extract its claims."""
    from geo.ingest.articles import Limits, read_articles

    out = RunResult()
    articles: list[Article] = []
    for item in read_articles(paths, limits=limits or Limits.from_env(), user_date=user_date):
        if isinstance(item, Skipped):
            out.skipped.append(item)
        else:
            articles.append(item)
    out.results = extract_articles(articles, progress=progress)
    return out
