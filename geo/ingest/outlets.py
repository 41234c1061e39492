"""Who published an article, and what it is called, in words a reader can name.

A file name such as ``001_1fe15c33fcf35368`` tells a reader nothing; the map,
the app and the exports name the outlet and the article instead. The outlet is
the publisher the input gave, else the wire agency the text carries in its
dateline ("KABUL (Reuters) -", "(Xinhua) --"), else the site of the article's
URL (a known site by its name, "reuters.com" as Reuters), else an outlet the
text names as the one spoken to ("officials told TRT World"). A photo credit
("(By AFP)", "Photo: AFP") names who took a picture, not who wrote the story,
and is never read as the outlet.

All functions are pure: they read an :class:`~geo.models.Article` (or the
fields a claim carries) and return strings or ``None``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from geo.models import Article, Claim

__all__ = [
    "WIRES",
    "byline_of",
    "claim_outlet",
    "claim_title",
    "outlet_name",
    "outlet_of",
    "site_of",
    "title_of",
    "wire_of",
]

# Wire agencies as they tag a dateline, and the name a reader knows them by.
WIRES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "pajhwok": "Pajhwok",
    "pajhwok afghan news": "Pajhwok",
    "xinhua": "Xinhua",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "aa": "Anadolu Agency",
    "dpa": "dpa",
    "efe": "EFE",
    "ians": "IANS",
    "pti": "PTI",
    "ani": "ANI",
    "tass": "TASS",
    "irna": "IRNA",
    "bakhtar": "Bakhtar News Agency",
}

# Sites by registered domain. An unknown site is shown by its domain, which a
# reader can still name and look up.
SITES: dict[str, str] = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "france24.com": "France 24",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "trtworld.com": "TRT World",
    "presstv.ir": "Press TV",
    "presstv.com": "Press TV",
    "tolonews.com": "TOLOnews",
    "pajhwok.com": "Pajhwok",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "rferl.org": "RFE/RL",
    "khaama.com": "Khaama Press",
    "aa.com.tr": "Anadolu Agency",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "dawn.com": "Dawn",
    "ariananews.af": "Ariana News",
    "1tvnews.af": "1TV News",
    "voanews.com": "VOA",
    "dw.com": "DW",
    "cnn.com": "CNN",
    "hindustantimes.com": "Hindustan Times",
    "thehindu.com": "The Hindu",
    "timesofindia.indiatimes.com": "The Times of India",
    "indiatimes.com": "The Times of India",
    "thenationalnews.com": "The National",
    "arabnews.com": "Arab News",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hurriyet Daily News",
    "tass.com": "TASS",
    "asiaplustj.info": "Asia-Plus",
    "avapress.com": "AVA Press",
    "salamwatandar.com": "Salam Watandar",
    "bakhtarnews.af": "Bakhtar News Agency",
    "longwarjournal.org": "FDD's Long War Journal",
    "gandhara.rferl.org": "RFE/RL",
    "ptinews.com": "PTI",
    "aninews.in": "ANI",
    "ians.in": "IANS",
}

# Outlets the text may name as the one spoken to ("told TRT World").
_TOLD_OUTLETS = sorted({*SITES.values(), *WIRES.values(), "The Associated Press", "Tolo News",
                        "TOLO News", "Radio Free Europe", "Radio Azadi", "Sputnik", "Tolo"},
                       key=len, reverse=True)
_TOLD = re.compile(r"\btold\s+(?:the\s+)?(" + "|".join(re.escape(o) for o in _TOLD_OUTLETS) + r")\b")

# "KABUL (Reuters) -", "Kabul, July 10 (Xinhua) --", "(AP) —". The tag must be
# followed by a dash or colon: a photo credit "(By AFP)" or "(AFP photo)" is not.
_WIRE_TAG = re.compile(
    r"\((" + "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True)) + r")\)\s*(?:-{1,2}|—|–|:)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*[Bb][Yy]:?\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|al-?\w*)){0,5})\s*$")
_PHOTO = re.compile(r"\b(?:photo|file|image|picture)\b", re.IGNORECASE)
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "news"}
_HEAD_CHARS = 800  # a dateline or byline sits in the first lines


def _head(text: str) -> str:
    return text[:_HEAD_CHARS]


def wire_of(article: Article) -> str | None:
    """The wire agency the article's dateline names ("(Reuters) -"), or None."""
    m = _WIRE_TAG.search(_head(article.text or ""))
    return WIRES[m.group(1).casefold()] if m else None


def byline_of(article: Article) -> str | None:
    """The author a "By Jane Doe" line near the top names, or None (photo credits are not bylines)."""
    for line in _head(article.text or "").splitlines()[:8]:
        m = _BYLINE.match(line)
        if m and not _PHOTO.search(line):
            name = m.group(1)
            return WIRES.get(name.casefold(), name)
    return None


def site_of(url: str | None) -> str | None:
    """The registered domain of a URL ("www.bbc.co.uk/x" -> "bbc.co.uk"), or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    labels = host.split(".")
    if host in SITES:
        return host
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def outlet_name(name: str | None) -> str | None:
    """A readable outlet name: a known domain ("reuters.com") or wire tag ("afp") by its usual name."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    low = name.casefold().removeprefix("www.")
    if low in SITES:
        return SITES[low]
    if low in WIRES:
        return WIRES[low]
    return name


def outlet_of(article: Article) -> str | None:
    """The outlet that published the article: publisher, wire tag, URL's site, "told X"; else None."""
    publisher = (article.publisher or "").strip()
    host = ""
    if article.url:
        try:
            host = (urlsplit(article.url).hostname or "").casefold().removeprefix("www.")
        except ValueError:
            host = ""
    # The reader fills a missing publisher with the URL's host: a bare host yields to a wire tag.
    if publisher and publisher.casefold().removeprefix("www.") not in (host, site_of(article.url)):
        return outlet_name(publisher)
    wire = wire_of(article)
    if wire:
        return wire
    site = site_of(article.url) or site_of(f"http://{publisher}" if publisher and " " not in publisher else None)
    if site:
        return SITES.get(host) or SITES.get(site, site)
    m = _TOLD.search(article.text or "")
    if m:
        return outlet_name(m.group(1))
    return outlet_name(publisher)


# A menu or section line ("News / Afghanistan", "Home | World"), not a headline.
_MENU = re.compile(r"^\s*[\w&' -]{1,30}(?:\s*[/|>»]\s*[\w&' -]{1,30})+\s*$")
_TITLE_MAX_WORDS = 20
_BUTTONS = frozenset(["share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "whatsapp", "linkedin", "telegram", "comment", "comments", "save", "copy", "link", "menu", "search", "home", "subscribe", "login", "log", "in", "sign", "up"])


def _first_sentence(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    m = re.search(r"(?<=[.!?])\s", flat)
    first = flat[: m.start()] if m else flat
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def title_of(article: Article) -> str | None:
    """The article's title: the input's, else its first short line (a headline), else its first sentence clipped."""
    if article.title and article.title.strip():
        return " ".join(article.title.split())
    text = article.text or ""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:8]:
        words = line.split()
        if (_MENU.match(line) or len(words) < 2 or _BYLINE.match(line)
                or all(w.casefold().strip(":|") in _BUTTONS for w in words)):
            continue
        if len(words) <= _TITLE_MAX_WORDS and not line.endswith((".", ",", ";")):
            return line
        return _first_sentence(line)
    return _first_sentence(lines[0]) if lines else None


def claim_outlet(claim: Claim) -> str | None:
    """The outlet of a claim's article: what the pipeline attached, else its publisher or URL's site."""
    extra = claim.extra or {}
    got = extra.get("outlet")
    if isinstance(got, str) and got.strip():
        return got
    if claim.publisher and claim.publisher.strip():
        return outlet_name(claim.publisher)
    site = site_of(claim.url)
    return SITES.get(site, site) if site else None


def claim_title(claim: Claim) -> str | None:
    """The headline of a claim's article, or None (never the file name)."""
    if claim.title and claim.title.strip():
        return claim.title
    got = (claim.extra or {}).get("title")
    return got if isinstance(got, str) and got.strip() else None
