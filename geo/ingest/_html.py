"""Visible text and metadata from a saved web page, with the standard library.

``html.parser`` is lenient (it never raises on broken markup) and ships with
Python, so a scraped page full of scripts, comments, CDATA and bad nesting is
read without a new dependency. Nothing in the page is executed or fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlPage", "declared_charset", "parse_html"]

# Elements whose content a browser never shows as text.
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "video",
        "audio",
        "select",
        "button",
        "datalist",
    }
)
# Elements that start a paragraph; their text is separated by a blank line.
_PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "article",
        "section",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "details",
        "summary",
        "body",
    }
)
# Elements that start a new line.
_LINE = frozenset({"br", "div", "li", "tr", "dd", "dt", "caption", "option", "legend", "center"})
_CELL = frozenset({"td", "th"})
# Void elements never have an end tag, so they cannot open a skipped region.
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HEAD_CONTENT = frozenset(
    {"head", "title", "meta", "link", "script", "style", "base", "noscript", "template"}
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
# Paragraph breaks are marked with U+2029 while parsing, so that two line
# breaks in a row (</li><li>) are not mistaken for a paragraph break.
_PARA = "\u2029"
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlPage:
    """What a reader needs from a page: its visible text and a few meta fields."""

    text: str
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    publisher: str | None = None
    url: str | None = None


def declared_charset(data: bytes) -> str | None:
    """Return the charset a page declares in a ``<meta>`` near its start, if any."""
    match = _CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def parse_html(markup: str) -> HtmlPage:
    """Extract visible text (block elements become line breaks) and metadata.

    The title comes from ``og:title`` else ``<title>``; the date from
    ``article:published_time`` (or a similar meta tag) else the first
    ``<time datetime>``; the publisher from ``og:site_name``.
    """
    parser = _VisibleText()
    parser.feed(_drop_unclosed_tail(markup))
    parser.close()
    return parser.page()


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        # [tag, depth] of the element whose content is hidden; depth counts
        # nested elements of the same name so the right end tag closes it.
        self._skip: list[list] = []
        self._pre = 0
        self._title_parts: list[str] | None = None
        self._title: str | None = None
        self._meta: dict[str, str] = {}
        self._time: str | None = None
        self._canonical: str | None = None
        self._closing = False

    # -- tags ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "meta":
            self._read_meta(values)
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self._canonical = self._canonical or values.get("href") or None
            return
        if (
            tag == "title"
            and self._title is None
            and (not self._skip or self._skip[0][0] == "head")
        ):
            self._title_parts = []
            return
        if tag == "time" and self._time is None and values.get("datetime"):
            self._time = values["datetime"]
        if self._skip and self._skip[0][0] == "head" and tag not in _HEAD_CONTENT:
            # Pages often forget </head>; the first body element starts the visible part.
            self._skip.clear()
        if self._skip:
            if tag == self._skip[-1][0]:
                self._skip[-1][1] += 1
            return
        if tag not in _VOID and (tag in _INVISIBLE or _hidden(values)):
            self._skip.append([tag, 1])
            return
        self._break_for(tag)
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag != "meta":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self._title = _squash("".join(self._title_parts)) or None
            self._title_parts = None
            return
        if self._skip:
            if tag == self._skip[-1][0]:
                self._skip[-1][1] -= 1
                if self._skip[-1][1] == 0:
                    self._skip.pop()
            return
        if tag == "pre" and self._pre:
            self._pre -= 1
        self._break_for(tag)

    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
            return
        if self._skip:
            return
        self._parts.append(data if self._pre else _SPACE_RE.sub(" ", data))

    def close(self) -> None:
        self._closing = True
        super().close()

    def parse_comment(self, i: int, report: bool = True) -> int:
        """An unclosed ``<!--`` hides the rest of the page, as in browsers."""
        end = super().parse_comment(i, report)
        if end < 0 and self._closing:
            return len(self.rawdata)
        return end

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Treat a malformed ``<![...`` as browsers do: a bogus comment up to ``>``.

        The standard library raises AssertionError on it (``<![<``), which
        would stop the whole page on one stray character.
        """
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    # Comments, CDATA sections, doctype and processing instructions carry no visible text.
    def handle_comment(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    # -- helpers -------------------------------------------------------------
    def _break_for(self, tag: str) -> None:
        if tag in _PARAGRAPH:
            self._parts.append(_PARA)
        elif tag in _LINE:
            self._parts.append("\n")
        elif tag in _CELL:
            self._parts.append(" ")

    def _read_meta(self, values: dict[str, str]) -> None:
        key = (
            (values.get("property") or values.get("name") or values.get("itemprop") or "")
            .strip()
            .lower()
        )
        content = values.get("content", "").strip()
        if key and content and key not in self._meta:
            self._meta[key] = content

    def page(self) -> HtmlPage:
        if self._title_parts is not None:  # <title> never closed
            self._title = _squash("".join(self._title_parts)) or None
        published, source = None, None
        for key in _DATE_META:
            if key in self._meta:
                published, source = self._meta[key], f'<meta property="{key}">'
                break
        if published is None and self._time:
            published, source = self._time, "<time datetime>"
        title = _squash(self._meta.get("og:title", "")) or self._title
        url = self._meta.get("og:url") or self._canonical
        return HtmlPage(
            text=_tidy("".join(self._parts)),
            title=title,
            published=published,
            published_from=source,
            publisher=_squash(self._meta.get("og:site_name", "")) or None,
            url=url,
        )


_TAG_OPEN_RE = re.compile(r"<[A-Za-z/!?]")


def _drop_unclosed_tail(markup: str) -> str:
    """Cut the page at a tag, comment or declaration opened after its last ``>``.

    No ``>`` follows, so it can never close: a browser drops an unfinished
    tag at the end of the file and hides an unfinished comment. The standard
    parser instead rescans the rest of the page for every ``<`` there, which
    takes quadratic time on ``<a <a <a ...`` (10,000 of them: ten seconds).
    """
    last = markup.rfind(">")
    found = _TAG_OPEN_RE.search(markup, last + 1)
    return markup if found is None else markup[: found.start()]


def _hidden(values: dict[str, str]) -> bool:
    if "hidden" in values or values.get("aria-hidden", "").lower() == "true":
        return True
    style = values.get("style", "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _squash(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _tidy(text: str) -> str:
    """Strip each line; one blank line between paragraphs, none inside them."""
    paragraphs = []
    for block in text.split(_PARA):
        lines = [line.strip() for line in block.split("\n")]
        if body := "\n".join(line for line in lines if line):
            paragraphs.append(body)
    return "\n\n".join(paragraphs)
