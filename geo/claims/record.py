"""A claim record from a place of a sentence, its controller, date and source (../shared/CLAIMS.md).

One builder for the rules (``extract``) and the learned second look (``learned``),
so both write the same fields the same way.
"""

from __future__ import annotations

from typing import Any

from geo.claims.attribution import Attribution
from geo.claims.dates import ResolvedDate
from geo.claims.nlp import Sentence
from geo.claims.targets import Target
from geo.models import Article, Claim


def claim_record(article: Article, t: Target, s: Sentence, ctl: str, d: ResolvedDate, scope: str | None,
           att: Attribution, conf: float, extra: dict[str, Any]) -> Claim:
    p = t.place
    province = p.level == "province"
    # The mention is the place name as written (offsets into the article);
    # an anaphor ("the district") is kept in extra.
    named = t.named()
    if named is not t:
        extra = dict(extra, anaphor=t.text, anaphor_span=(t.base + t.start, t.base + t.end))
    return Claim(
        article_id=article.id,
        published=article.published.isoformat() if article.published else None,
        published_source=article.published_source,
        mention=named.text,
        char_start=named.base + named.start,
        char_end=named.base + named.end,
        sentence=s.text,
        place_level=p.level,
        place_name=p.name,
        adm2_pcode=None if province else p.adm2_pcode,
        adm1_pcode=p.adm1_pcode,
        lat=p.lat if p.level == "point" else None,
        lon=p.lon if p.level == "point" else None,
        controller=ctl,  # type: ignore[arg-type]
        event_date=d.date.isoformat() if d.date else None,
        time_precision=d.precision,
        geo_precision=3 if p.level == "province" else (2 if t.mention is None else 1),
        scope=scope,  # type: ignore[arg-type]
        attributed_to=att.who,
        source_type=att.source_type,
        confidence=conf,
        place_key=p.key,
        date_reason=d.reason,
        adm1_name=p.adm1_name,
        adm2_name=p.adm2_name,
        publisher=article.publisher,
        title=article.title,
        url=article.url,
        extra=extra,
    )
