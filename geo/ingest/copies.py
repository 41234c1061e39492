"""One story, one source: find the copies of one report among the articles.

A wire story travels: the same text reposted under another headline, trimmed
to its first paragraphs, re-paragraphed, wrapped in a site's menus, captions
and "READ MORE" links. Counted as separate reports, one Reuters story on ten
sites would look like ten sources agreeing. This module groups such copies into
*stories* so the timeline can count independent sources.

Method: every article's body (menu, caption and link lines dropped) becomes a
set of word 3-grams and a MinHash of them, its *signature*, which each claim
carries (so claims read back from a file, the store or a Dask run group the
same way, with no text). MinHash LSH (datasketch) proposes candidate pairs at a
low Jaccard threshold; a pair is a copy when the *containment* of the smaller
set in the larger, estimated from the MinHash Jaccard and the set sizes, is
high, so a trimmed copy (a third of the original) still matches while two
reports of the same event in different words, which share a few phrases
("captured the district"), do not. Copies join by union-find into stories.

A story's *source* is the wire agency one of its copies names in a dateline,
else the outlet of its earliest copy (the one that first carried it), else
none known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from datasketch import MinHash, MinHashLSH

from geo.ingest.outlets import claim_outlet, claim_title, outlet_of, title_of, wire_of
from geo.models import Article, Claim

__all__ = ["Signature", "Story", "article_fields", "body_lines", "shingles", "signature", "stories", "stories_of",
           "with_stories"]

NUM_PERM = 64  # travels on every claim: 64 values estimate containment to about +-0.06
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


@dataclass(frozen=True)
class Signature:
    """What story grouping needs of one article, small enough to travel on its claims.

    ``minhash`` are the MinHash values of its body's 3-grams and ``n_grams``
    their number; with them, containment is estimated without the text, so
    claims read back from a file, the store or a Dask run group the same way.
    """

    article_id: str
    published: str | None
    outlet: str | None
    wire: str | None
    title: str | None
    url: str | None
    minhash: tuple[int, ...]
    n_grams: int


def signature(article: Article) -> Signature:
    """The article's :class:`Signature` (pure; needs only the article)."""
    grams = shingles(article.text)
    values = tuple(int(v) for v in _minhash(grams).hashvalues) if grams else ()
    return Signature(article.id, article.published.isoformat() if article.published else None,
                     outlet_of(article), wire_of(article), title_of(article), article.url, values, len(grams))


def _containment(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated shared 3-grams and the share of the smaller body they make, from the MinHashes."""
    same = sum(1 for x, y in zip(a.minhash, b.minhash) if x == y) / NUM_PERM
    shared = same * (a.n_grams + b.n_grams) / (1 + same)
    small = min(a.n_grams, b.n_grams)
    return shared, (shared / small if small else 0.0)


def _is_copy(a: Signature, b: Signature) -> bool:
    shared, share = _containment(a, b)
    return shared >= min(MIN_SHARED, min(a.n_grams, b.n_grams)) and share >= MIN_CONTAINMENT


def stories(articles: Sequence[Article]) -> dict[str, Story]:
    """Map every article id to its story (an article with no copy is a story of its own)."""
    return stories_of(signature(a) for a in {a.id: a for a in articles}.values())


def stories_of(signatures: Iterable[Signature]) -> dict[str, Story]:
    """:func:`stories` from signatures; the result does not depend on their order."""
    sigs = sorted({s.article_id: s for s in signatures}.values(), key=lambda s: s.article_id)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for s in sigs:
        if len(s.minhash) == NUM_PERM and s.n_grams:
            hashes[s.article_id] = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=list(s.minhash))
            lsh.insert(s.article_id, hashes[s.article_id])
    by_id = {s.article_id: s for s in sigs}
    parent = {s.article_id: s.article_id for s in sigs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in sigs:
        if s.article_id not in hashes:
            continue
        for other in sorted(lsh.query(hashes[s.article_id])):
            if other <= s.article_id or find(other) == find(s.article_id):
                continue
            if _is_copy(s, by_id[other]):
                ra, rb = sorted((find(s.article_id), find(other)))
                parent[rb] = ra

    groups: dict[str, list[Signature]] = {}
    for s in sigs:
        groups.setdefault(find(s.article_id), []).append(s)
    out: dict[str, Story] = {}
    for members in groups.values():
        members.sort(key=lambda s: (s.published or "9999", s.article_id))
        story = Story(members[0].article_id, tuple(s.article_id for s in members), _source(members))
        for s in members:
            out[s.article_id] = story
    return out


def _source(members: Sequence[Signature]) -> str | None:
    """The wire agency a copy names, else the earliest copy's outlet (``members`` earliest first)."""
    for s in members:
        if s.wire:
            return s.wire
    for s in members:
        if s.outlet:
            return s.outlet
    return None


def article_fields(article: Article) -> dict:
    """What each claim of the article carries in ``extra``: outlet, title and the text's signature."""
    sig = signature(article)
    return {"outlet": sig.outlet, "title": sig.title, "wire": sig.wire, "minhash": list(sig.minhash),
            "n_grams": sig.n_grams}


def _claim_signature(c: Claim) -> Signature:
    extra = c.extra or {}
    values = extra.get("minhash")
    ok = isinstance(values, list) and all(isinstance(v, int) for v in values)
    n = extra.get("n_grams")
    return Signature(c.article_id, c.published, claim_outlet(c), extra.get("wire") or None, claim_title(c), c.url,
                     tuple(values) if ok else (), n if isinstance(n, int) else 0)


def with_stories(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with their story: ``extra`` fields story, source, source_key and copies.

    Copies are found among the claims' articles from the signatures the claims
    carry (:func:`article_fields`); a claim without one is returned as it is
    (the timeline then counts it by the story it names, else its outlet, else
    its article).
    Pure: the same claims in any order give the same fields.
    """
    sigs: dict[str, Signature] = {}
    for c in claims:
        if c.article_id not in sigs or not sigs[c.article_id].minhash:
            sigs[c.article_id] = _claim_signature(c)
    found = stories_of(sigs.values())
    out = []
    for c in claims:
        if not sigs[c.article_id].minhash:
            out.append(c)  # no signature (an older file, a hand-made claim): as it is
            continue
        story = found[c.article_id]
        copies = [{"article_id": m, "outlet": sigs[m].outlet, "title": sigs[m].title, "url": sigs[m].url}
                  for m in story.members if m != c.article_id]
        out.append(replace(c, extra={**(c.extra or {}), "story": story.id, "source": story.source,
                                     "source_key": story.key, "copies": copies}))
    return out
