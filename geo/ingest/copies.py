"""One story, one source: find the copies of one report among the articles.

A wire story travels: the same text reposted under another headline, trimmed
to its first paragraphs, re-paragraphed, wrapped in a site's menus, captions
and "READ MORE" links. Counted as separate reports, one Reuters story on ten
sites would look like ten sources agreeing. This module groups such copies into
*stories* so the timeline can count independent sources.

Method: every article's body (menu, caption and link lines dropped) becomes a
set of word 3-grams; MinHash LSH (datasketch) proposes candidate pairs at a low
Jaccard threshold; a pair is a copy when the exact *containment* of the
smaller set in the larger is high, so a trimmed copy (a third of the original)
still matches while two reports of the same event in different words, which
share a few phrases ("captured the district"), do not. Copies join by
union-find into stories.

A story's *source* is the wire agency one of its copies names in a dateline,
else the outlet of its earliest copy (the one that first carried it), else
none known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from datasketch import MinHash, MinHashLSH

from geo.ingest.outlets import outlet_of, title_of, wire_of
from geo.models import Article

__all__ = ["Story", "body_lines", "shingles", "stories"]

NUM_PERM = 128
LSH_THRESHOLD = 0.2  # candidates only: a trimmed copy has a low Jaccard with the whole
MIN_CONTAINMENT = 0.6  # share of the shorter text's 3-grams found in the longer one
MIN_SHARED = 12  # so two one-line notes that share a phrase are not one story
SHINGLE = 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_BOILER = re.compile(
    r"^\s*(?:read\s+more|related|see\s+also|also\s+read|share|subscribe|follow\s+us|advertisement|"
    r"photo|image|file\s+photo|caption|click\s+here|sign\s+up|copyright|©|all\s+rights\s+reserved)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\((?:by\s+)?(?:afp|ap|reuters|getty|epa|xinhua)(?:\s+photo)?\)\s*$|"
                      r"\b(?:photo|file\s+photo)\s*(?:by|:)", re.IGNORECASE)
_MIN_LINE_WORDS = 8  # shorter lines are headlines, menus, bylines, section names


@dataclass(frozen=True)
class Story:
    """Articles that carry one report. ``members`` are article ids, earliest first.

    ``source`` is who originated it (a wire agency or the first outlet), None
    when no copy names an outlet; ``key`` is what the timeline counts as one
    independent source: the source's name, else the story id.
    """

    id: str
    members: tuple[str, ...]
    source: str | None

    @property
    def key(self) -> str:
        return f"outlet:{self.source.casefold()}" if self.source else f"story:{self.id}"


def body_lines(text: str) -> list[str]:
    """The lines of running text: menus, captions, links and headlines dropped."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if len(line.split()) < _MIN_LINE_WORDS or _BOILER.match(line) or _CAPTION.search(line):
            continue
        out.append(line)
    return out


def shingles(text: str) -> set[str]:
    """Word 3-grams of the body, case-folded: paragraphing and punctuation do not matter."""
    words = [w.casefold() for w in _WORD.findall(" ".join(body_lines(text)))]
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _minhash(grams: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return m


def _is_copy(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    small = min(len(a), len(b))
    return small > 0 and shared >= min(MIN_SHARED, small) and shared / small >= MIN_CONTAINMENT


def stories(articles: Sequence[Article]) -> dict[str, Story]:
    """Map every article id to its story (an article with no copy is a story of its own).

    The result does not depend on the order of ``articles``.
    """
    arts = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    grams = {a.id: shingles(a.text) for a in arts}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for a in arts:
        if grams[a.id]:
            hashes[a.id] = _minhash(grams[a.id])
            lsh.insert(a.id, hashes[a.id])
    parent = {a.id: a.id for a in arts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in arts:
        if a.id not in hashes:
            continue
        for other in sorted(lsh.query(hashes[a.id])):
            if other <= a.id or find(other) == find(a.id):
                continue
            if _is_copy(grams[a.id], grams[other]):
                ra, rb = sorted((find(a.id), find(other)))
                parent[rb] = ra

    groups: dict[str, list[Article]] = {}
    for a in arts:
        groups.setdefault(find(a.id), []).append(a)
    out: dict[str, Story] = {}
    for members in groups.values():
        members.sort(key=lambda a: (a.published or date.max, a.id))
        story = Story(members[0].id, tuple(a.id for a in members), _source(members))
        for a in members:
            out[a.id] = story
    return out


def _source(members: Sequence[Article]) -> str | None:
    """The wire agency a copy names, else the earliest copy's outlet (``members`` earliest first)."""
    for a in members:
        wire = wire_of(a)
        if wire:
            return wire
    for a in members:
        outlet = outlet_of(a)
        if outlet:
            return outlet
    return None


def describe(article: Article) -> dict:
    """What a claim carries about its article's copy: id, outlet, title, URL."""
    return {"article_id": article.id, "outlet": outlet_of(article), "title": title_of(article),
            "url": article.url}


def source_fields(articles: Sequence[Article]) -> dict[str, dict]:
    """Per article id, the fields each of its claims carries in ``extra`` (docs/ARCHITECTURE.md).

    ``outlet`` and ``title`` of the article itself; ``story`` (the id of the
    story's earliest copy), ``source`` (its originator, or None),
    ``source_key`` (what counts as one independent source) and ``copies`` (the
    story's other articles: id, outlet, title, URL).
    """
    by_id = {a.id: a for a in articles}
    found = stories(list(by_id.values()))
    described = {i: describe(a) for i, a in by_id.items()}
    out = {}
    for i, story in found.items():
        out[i] = {
            "outlet": described[i]["outlet"],
            "title": described[i]["title"],
            "story": story.id,
            "source": story.source,
            "source_key": story.key,
            "copies": [described[m] for m in story.members if m != i],
        }
    return out
