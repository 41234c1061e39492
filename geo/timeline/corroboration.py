"""How many independent sources stand behind a status.

Ten sites reposting one Reuters story are one source, not ten: a claim's
source is the story it belongs to (:mod:`geo.ingest.copies`), counted by who
originated it (the wire agency or the first outlet), not by the site that
reposted it. Two different stories from one outlet are one source too: an
outlet that reports a fall twice has not confirmed itself.

This is a second, separate qualifier beside *unconfirmed*
(:mod:`geo.timeline.voices`): *unconfirmed* asks whose word a status rests on
(one party's own claim), *single source* asks how many outlets carried it.
Claims read from older files, without the fields the pipeline attaches, fall
back to their publisher or URL's site, else their article.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.ingest.outlets import claim_outlet, claim_title
from geo.models import Claim

_TITLE_CHARS = 60  # an unnamed outlet is named by its headline, short enough for a list

__all__ = ["corroboration_line", "corroboration_text", "independent_sources", "source_key", "source_name"]


def source_key(claim: Claim) -> str:
    """What counts as one independent source: the story's originator, else its story, else its article."""
    extra = claim.extra or {}
    key = extra.get("source_key")
    if isinstance(key, str) and key:
        return key
    outlet = claim_outlet(claim)
    if outlet:
        return f"outlet:{outlet.casefold()}"
    story = extra.get("story")
    return f"story:{story}" if isinstance(story, str) and story else f"story:{claim.article_id}"


def source_name(claim: Claim) -> str:
    """The source as a reader names it: originator, else the article's outlet, else its title in quotes."""
    extra = claim.extra or {}
    for name in (extra.get("source"), claim_outlet(claim)):
        if isinstance(name, str) and name.strip():
            return name
    title = " ".join((claim_title(claim) or "").split())
    if len(title) > _TITLE_CHARS:
        title = title[: _TITLE_CHARS - 1].rstrip() + "…"
    return f"“{title}” (outlet not named)" if title else "an article with no outlet named"


def independent_sources(claims: Iterable[Claim]) -> list[str]:
    """The names of the distinct independent sources among ``claims``, alphabetically."""
    seen: dict[str, str] = {}
    for c in claims:
        seen.setdefault(source_key(c), source_name(c))
    return sorted(seen.values(), key=str.casefold)


def corroboration_text(n: int) -> str:
    """The words popups, the app and exports use for ``n`` independent sources."""
    if n <= 0:
        return ""
    if n == 1:
        return "single source: not corroborated by an independent source"
    return f"corroborated by {n} independent sources"


def corroboration_line(sources: list[str]) -> str:
    """One line for a popup or panel: how many independent sources, and which."""
    if not sources:
        return ""
    if len(sources) == 1:
        return f"Single source ({sources[0]}): not corroborated by an independent source."
    return f"Corroborated by {len(sources)} independent sources: {', '.join(sources)}."
