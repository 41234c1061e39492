"""Tiny DSL used to write the challenge gold (see build.py)."""
import re

ARTICLES = []


def C(mention, level, pcode, controller, event_date, precision, attributed_to, ev, scope=None, **extra):
    d = {"mention": mention, "level": level, "pcode": pcode,
         "adm1_pcode": pcode[:4] if pcode else None, "controller": controller,
         "event_date": event_date, "date_precision": precision}
    if level == "province":
        d["scope"] = scope
    d["attributed_to"] = attributed_to
    d["_ev"] = ev
    d.update(extra)
    return d


def N(mention, pcode, why):
    return {"mention": mention, "pcode": pcode, "why": why}


def ART(id_, published, text, claims, non_claims, notes):
    ARTICLES.append({"id": id_, "published": published, "text": text.lstrip("\n") if not text.startswith(" date") else text,
                     "claims": claims, "non_claims": non_claims, "notes": notes})


def evidence(text, ev):
    i = text.find(ev)
    if i < 0:
        raise ValueError(f"evidence not found: {ev!r}")
    # expand to the sentence: back to previous sentence end / line start, forward to sentence end
    start = i
    while start > 0 and text[start - 1] != "\n" and not re.match(r"[.!?][\"”’]?\s", text[start - 2:start + 1] if start >= 2 else ""):
        start -= 1
    m = re.compile(r"[.!?][\"”’)]?(?=\s)|\n").search(text, i + len(ev))
    end = m.end() if m else len(text)
    return text[start:end].strip()
