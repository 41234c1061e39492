"""The article reader: formats, encodings, date headers, sidecars, ids.

Every input is made here by code; the sentences are invented for the tests.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.ingest.articles import (
    MB,
    Limits,
    iter_jsonl,
    parse_date_header,
    parse_date_value,
    read_articles,
    read_html_article,
    read_text_article,
)
from geo.models import Article, Skipped

TODAY = date(2024, 5, 1)
BODY = "Fighters entered the market town of Example Dara on Monday, residents said."


def read_one(path: Path, **kwargs) -> Article | Skipped:
    results = list(read_articles([path], today=TODAY, **kwargs))
    assert len(results) == 1, results
    return results[0]


def article(path: Path, **kwargs) -> Article:
    result = read_one(path, **kwargs)
    assert isinstance(result, Article), result
    return result


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".TXT"])
def test_text_files_are_read_with_stem_as_id(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"report_07{suffix}"
    path.write_text(BODY + "\n\nA second paragraph follows.\n", encoding="utf-8")
    result = article(path)
    assert result.id == "report_07"
    assert result.text == BODY + "\n\nA second paragraph follows."
    assert result.origin == str(path)
    assert result.published is None and result.published_source is None
    assert result.warnings == ()


@pytest.mark.parametrize(
    "name, text, title",
    [
        ("a.md", "# Valley road reopens\n\nBody.", "Valley road reopens"),
        ("b.md", " date 2021-06-02 # Headline after header #\nBody.", "Headline after header"),
        ("c.md", "Body first.\n# Not a title", None),
        ("d.md", "#hashtag is not a heading", None),
        ("e.txt", "# Plain text keeps no title\nBody.", None),
    ],
)
def test_markdown_heading_becomes_the_title(name: str, text: str, title: str | None) -> None:
    result = read_text_article(text.encode(), name=name, origin=name, today=TODAY)
    assert isinstance(result, Article)
    assert result.title == title
    if title:
        assert result.text.startswith(f"# {title}")  # offsets still count the heading


def test_html_gives_visible_text_title_date_and_publisher(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>Plain title</title>"
        '<meta property="og:title" content="Town changes hands">'
        '<meta property="article:published_time" content="2021-07-04T09:30:00+04:30">'
        '<meta property="og:site_name" content="Valley Gazette">'
        "<style>p { color: red }</style><script>var s = '<p>not text</p>';</script></head>"
        "<body><!-- editor note: do not show --><h1>Town changes hands</h1>"
        "<p>First &amp; only&nbsp;paragraph with &lt;brackets&gt;.<br>Next line.</p>"
        "<ul><li>item one</li><li>item two</li></ul>"
        "<div hidden>hidden box</div><p style='display:none'>invisible</p>"
        "<noscript>turn on scripts</noscript><template><p>template row</p></template>"
        "<![CDATA[ raw cdata ]]></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = article(path)
    assert result.text == (
        "Town changes hands\n\nFirst & only\xa0paragraph with <brackets>.\nNext line.\n\n"
        "item one\nitem two"
    )
    assert result.title == "Town changes hands"
    assert result.published == date(2021, 7, 4)
    assert result.published_source == "header"
    assert "article:published_time" in result.published_reason
    assert result.publisher == "Valley Gazette"


@pytest.mark.parametrize(
    "head, body, expected",
    [
        ("<title>Only a title</title>", "<p>Text.</p>", ("Only a title", None, None)),
        (
            "",
            '<article><time datetime="2020-03-05">5 March</time><p>Text.</p></article>',
            (None, date(2020, 3, 5), None),
        ),
        (
            '<meta name="date" content="2019-11-02">',
            "<p>Text.</p>",
            (None, date(2019, 11, 2), None),
        ),
        (
            '<link rel="canonical" href="https://www.news.example.org/a/1">',
            "<p>Text.</p>",
            (None, None, "news.example.org"),
        ),
    ],
)
def test_html_metadata_fallbacks(tmp_path: Path, head: str, body: str, expected: tuple) -> None:
    path = tmp_path / "p.htm"
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    result = article(path)
    assert (result.title, result.published, result.publisher) == expected


def test_html_without_head_end_still_gives_body_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>T</title><p>Body text survives.</p>", encoding="utf-8")
    assert article(path).text == "Body text survives."


def test_html_honours_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes('<meta charset="iso-8859-1"><p>Caf\xe9 owners fled.</p>'.encode("latin-1"))
    result = article(path)
    assert result.text == "Café owners fled."
    assert result.warnings == ()


def test_jsonl_reads_fields_and_keeps_good_lines_around_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "The garrison held out.",
                "date": "2021-06-01",
                "id": "g1",
                "url": "https://www.daily.example.com/x",
                "title": "Holding out",
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": "A second report.", "published": "June 3, 2021", "publisher": "Wire"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_articles([path], today=TODAY))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, Skipped)]
    assert [a.id for a in good] == ["g1", good[1].id]
    assert good[0].published == date(2021, 6, 1) and good[0].published_source == "header"
    assert good[0].publisher == "daily.example.com" and good[0].title == "Holding out"
    assert good[0].origin == f"{path}:1"
    assert good[1].publisher == "Wire" and good[1].published == date(2021, 6, 3)
    assert len(good[1].id) == 16 and all(c in "0123456789abcdef" for c in good[1].id)
    assert [s.origin for s in bad] == [f"{path}:{n}" for n in (2, 3, 4, 7, 8)]
    assert "malformed JSON" in bad[0].reason
    assert "'text'" in bad[1].reason and "'text'" in bad[3].reason
    assert all("\n" not in s.reason for s in bad)


def test_iter_jsonl_accepts_bytes_and_path(tmp_path: Path) -> None:
    data = (
        json.dumps({"text": "Line one report."}) + "\r\n" + json.dumps({"text": "Line two."})
    ).encode()
    from_bytes = [a.text for a in iter_jsonl(data, origin="upload.jsonl")]
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    from_path = [a.text for a in iter_jsonl(path)]
    assert from_bytes == from_path == ["Line one report.", "Line two."]


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------

TEXT = "Forces left the “old fort” in Khwāja Dara — residents’ café closed.\nSecond line."


@pytest.mark.parametrize(
    "encoded, warned",
    [
        (TEXT.encode("utf-8"), False),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), False),
        (TEXT.encode("utf-16"), False),  # with BOM (native order)
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), False),
        (TEXT.encode("utf-32"), False),
        (TEXT.encode("utf-16-le"), True),  # no BOM: told by NUL pattern
        (TEXT.encode("utf-16-be"), True),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf32-bom",
        "utf16le-nobom",
        "utf16be-nobom",
    ],
)
def test_unicode_encodings_decode_to_the_same_text(encoded: bytes, warned: bool) -> None:
    result = read_text_article(encoded, name="a.txt", origin="a.txt")
    assert isinstance(result, Article)
    assert result.text == TEXT
    assert bool(result.warnings) == warned


def test_cp1252_is_the_fallback_with_a_warning() -> None:
    text = "Officials said the “ceasefire” was broken – twice, in Café Street."
    result = read_text_article(text.encode("cp1252"), name="w.txt", origin="w.txt")
    assert isinstance(result, Article)
    assert result.text == text
    assert any("cp1252" in w for w in result.warnings)


def test_mixed_utf8_and_cp1252_decodes_each_part() -> None:
    data = "Part one says “hello” in UTF-8. ".encode() + "Part two says “bye” in cp1252.".encode(
        "cp1252"
    )
    result = read_text_article(data, name="m.txt", origin="m.txt")
    assert isinstance(result, Article)
    assert result.text == "Part one says “hello” in UTF-8. Part two says “bye” in cp1252."
    assert any("mixed encodings" in w for w in result.warnings)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028", "\x0c"])
def test_line_ends_become_newlines(newline: str) -> None:
    text = newline.join(["First line.", "Second line.", "", "Third."])
    result = read_text_article(text.encode(), name="n.txt", origin="n.txt")
    assert isinstance(result, Article)
    assert result.text == "First line.\nSecond line.\n\nThird."


# ---------------------------------------------------------------------------
# Date header
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, expected",
    [
        (" date 2021-06-23 ", date(2021, 6, 23)),
        ("date 2021-06-23 ", date(2021, 6, 23)),
        ("date: 2021-06-23\n", date(2021, 6, 23)),
        ("\tDATE:2021-6-3 ", date(2021, 6, 3)),
        ("Date: 23/06/2021\n", date(2021, 6, 23)),
        ("date: 23.06.2021 ", date(2021, 6, 23)),
        ("date: June 23, 2021 ", date(2021, 6, 23)),
        ("date: 23 June 2021\n", date(2021, 6, 23)),
        ("date: Wednesday, June 23, 2021 ", date(2021, 6, 23)),
        ("date: Sept. 4, 2020 ", date(2020, 9, 4)),
        ("date: 2021-06-23T10:15:00Z ", date(2021, 6, 23)),
        ("\n\n date 2021-06-23 ", date(2021, 6, 23)),
    ],
)
def test_date_header_forms(tmp_path: Path, first: str, expected: date) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(first + BODY, encoding="utf-8")
    result = article(path)
    assert result.text == BODY  # the header is not part of the text
    assert result.published == expected
    assert result.published_source == "header"
    assert result.published_reason and "first line" in result.published_reason
    assert result.warnings == ()


@pytest.mark.parametrize(
    "first, problem",
    [
        (" date 2021-02-30 ", "not a real date"),
        ("date: 31/04/2021 ", "not a real date"),
        ("date 2030-01-01 ", "in the future"),
        ("date: December 1, 2025\n", "in the future"),
        ("date: sometime last week\n", "not a date in a known format"),
        ("date: 1850-01-01 ", "before 1900"),
    ],
)
def test_bad_date_header_keeps_article_without_date(
    tmp_path: Path, first: str, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(first + BODY, encoding="utf-8")
    result = article(path)
    assert result.text == BODY
    assert result.published is None and result.published_source is None
    assert any(problem in w for w in result.warnings), result.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Date palms line the road to the district centre.",
        "Dated reports said the town fell.",
        "date 2021-06-231 is a typo in this sentence.",
        "The date 2021-06-23 appears later in this first line.",
    ],
)
def test_text_that_only_looks_like_a_header_is_kept_whole(text: str) -> None:
    result = read_text_article(text.encode(), name="x.txt", origin="x.txt", today=TODAY)
    assert isinstance(result, Article)
    assert result.text == text
    assert result.published is None


def test_month_first_date_is_read_when_day_first_is_impossible() -> None:
    value = parse_date_value("06/23/2021", today=TODAY)
    assert value.value == date(2021, 6, 23)
    assert value.note and "month/day/year" in value.note


def test_date_never_comes_from_mtime_or_today(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(BODY, encoding="utf-8")
    result = article(path)
    assert result.published is None and result.published_reason is None


def test_header_equal_to_today_is_accepted() -> None:
    value, _ = parse_date_header(f"date {TODAY.isoformat()} text", today=TODAY)
    assert value is not None and value.value == TODAY


def test_only_a_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "h.txt"
    path.write_text(" date 2021-06-23 \n\n", encoding="utf-8")
    result = read_one(path)
    assert isinstance(result, Skipped) and "only a date header" in result.reason


# ---------------------------------------------------------------------------
# Sidecars and user dates
# ---------------------------------------------------------------------------


def test_sidecar_fills_missing_date_title_url_publisher(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(
        json.dumps(
            {
                "date": "2021-08-01",
                "title": "Sidecar title",
                "url": "https://www.wire.example.net/s",
            }
        ),
        encoding="utf-8",
    )
    results = list(read_articles([tmp_path], today=TODAY))
    assert len(results) == 1  # the sidecar is not read as an article
    result = results[0]
    assert isinstance(result, Article)
    assert result.published == date(2021, 8, 1) and result.published_source == "user"
    assert "story.meta.json" in result.published_reason
    assert result.title == "Sidecar title"
    assert result.url == "https://www.wire.example.net/s"
    assert result.publisher == "wire.example.net"


def test_header_date_wins_over_sidecar_date(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(" date 2021-06-02 " + BODY, encoding="utf-8")
    (tmp_path / "s.meta.json").write_text(
        json.dumps({"date": "2021-01-01", "publisher": "Gazette"})
    )
    result = article(tmp_path / "s.txt")
    assert result.published == date(2021, 6, 2) and result.published_source == "header"
    assert result.publisher == "Gazette"


@pytest.mark.parametrize(
    "meta, warning",
    [
        ("{broken", "not valid UTF-8 JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"date": 20210601}), "expected a date string"),
        (json.dumps({"date": "2021-13-01"}), "not a real date"),
        (json.dumps({"url": "javascript:alert(1)"}), "http(s) URL"),
    ],
)
def test_bad_sidecar_is_ignored_with_a_warning(tmp_path: Path, meta: str, warning: str) -> None:
    (tmp_path / "s.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "s.meta.json").write_text(meta, encoding="utf-8")
    result = article(tmp_path / "s.txt")
    assert result.published is None and result.url is None
    assert any(warning in w for w in result.warnings), result.warnings


def test_user_date_fills_only_undated_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2021-06-02 " + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY + " Another.", encoding="utf-8")
    a, b = read_articles([tmp_path], user_date=date(2021, 7, 7), today=TODAY)
    assert (a.published, a.published_source) == (date(2021, 6, 2), "header")
    assert (b.published, b.published_source) == (date(2021, 7, 7), "user")
    assert "user" in b.published_reason


# ---------------------------------------------------------------------------
# Folders, ids, publishers
# ---------------------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_ignores_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "two.md").write_text("Text two.", encoding="utf-8")
    (tmp_path / "a" / "one.txt").write_text("Text one.", encoding="utf-8")
    (tmp_path / "zero.html").write_text("<p>Text zero.</p>", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04junk")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    results = list(read_articles([tmp_path], today=TODAY))
    assert [r.text for r in results] == ["Text one.", "Text two.", "Text zero."]
    assert results == list(read_articles([tmp_path], today=TODAY))  # deterministic


def test_a_single_path_is_not_read_as_its_characters(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    assert [a.id for a in read_articles(str(tmp_path), today=TODAY)] == ["one"]
    assert [a.id for a in read_articles(tmp_path, today=TODAY)] == ["one"]


def test_explicit_unsupported_file_is_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    result = read_one(path)
    assert isinstance(result, Skipped)
    assert "unsupported file type '.pdf'" in result.reason and ".txt" in result.reason


def test_same_stem_in_two_folders_gets_a_hash_suffix(tmp_path: Path) -> None:
    for folder, text in (("x", "First text."), ("y", "Second text.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    first, second = read_articles([tmp_path], today=TODAY)
    assert first.id == "report"
    assert second.id.startswith("report~") and len(second.id) == len("report~") + 8
    again = list(read_articles([tmp_path], today=TODAY))
    assert [a.id for a in again] == [first.id, second.id]  # stable


def test_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "once.txt"
    path.write_text(BODY, encoding="utf-8")
    results = list(read_articles([path, tmp_path], today=TODAY))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], Skipped) and "already read" in results[1].reason


@pytest.mark.parametrize(
    "url, publisher",
    [
        ("https://www.example-news.com/a", "example-news.com"),
        ("http://EXAMPLE.org:8080/path", "example.org"),
        ("https://user:pw@sub.example.net/", "sub.example.net"),
        ("ftp://files.example.com/a", None),
        ("not a url", None),
    ],
)
def test_publisher_falls_back_to_url_domain(url: str, publisher: str | None) -> None:
    data = json.dumps({"text": "Short report.", "url": url}).encode()
    (result,) = iter_jsonl(data, origin="u.jsonl")
    assert isinstance(result, Article)
    assert result.publisher == publisher


# ---------------------------------------------------------------------------
# Limits
# ---------------------------------------------------------------------------


def test_limits_from_env_reads_every_variable() -> None:
    env = {
        "TCMAP_MAX_ARTICLE_MB": "2.5",
        "TCMAP_MAX_UPLOAD_MB": "10",
        "TCMAP_MAX_ZIP_FILES": "7",
        "TCMAP_MAX_ZIP_UNCOMPRESSED_MB": "30",
        "TCMAP_MAX_ZIP_RATIO": "12.5",
    }
    limits = Limits.from_env(env)
    assert limits == Limits(int(2.5 * MB), 10 * MB, 7, 30 * MB, 12.5)
    assert Limits.from_env({}) == Limits()


@pytest.mark.parametrize("value", ["abc", "-1", "0", "nan", "inf"])
def test_limits_from_env_rejects_bad_values_naming_the_variable(value: str) -> None:
    with pytest.raises(ValueError, match="TCMAP_MAX_ARTICLE_MB") as info:
        Limits.from_env({"TCMAP_MAX_ARTICLE_MB": value})
    assert repr(value) in str(info.value)


def test_over_size_article_names_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    result = read_one(path, limits=Limits(max_article_bytes=1000))
    assert isinstance(result, Skipped)
    for part in ("article size limit", "--max-article-mb", "TCMAP_MAX_ARTICLE_MB"):
        assert part in result.reason


def test_html_reader_is_usable_without_files() -> None:
    result = read_html_article(b"<p>Upload text.</p>", name="up.html", origin="upload")
    assert isinstance(result, Article) and result.id == "up" and result.origin == "upload"


def test_every_limit_is_documented_and_says_how_to_raise_it() -> None:
    from dataclasses import fields

    doc = Limits.from_env.__doc__ or ""
    for limit in fields(Limits):
        message = Limits().describe(limit.name)
        variable = message.split("environment variable ")[1].rstrip(")")
        assert variable.startswith("TCMAP_MAX_") and variable in doc
        assert "raise it with " in message
        # the variable named in the message really sets that limit
        changed = Limits.from_env({variable: "3"})
        assert getattr(changed, limit.name) != getattr(Limits(), limit.name)


def test_entities_a_scraper_left_in_plain_text_are_decoded(tmp_path) -> None:
    from geo.ingest.articles import read_text_article

    art = read_text_article("Forces retreated to the city&#8217;s airport &amp; held it.".encode(),
                            name="a.txt", origin="a.txt")
    assert art.text == "Forces retreated to the city\u2019s airport & held it."


def test_a_line_broken_inside_a_sentence_runs_on_and_offsets_stay() -> None:
    from geo.ingest.articles import join_soft_wraps

    text = ("On Thursday the Taliban took the district centre of\nQaram Qul, officials said.\n"
            "Clashes were reported on the western\nedge of the city.\n\nA headline\nBy A Reporter")
    joined = join_soft_wraps(text)
    assert len(joined) == len(text)
    assert "centre of Qaram Qul" in joined and "western edge" in joined
    assert "said.\nClashes" in joined and "A headline\nBy A Reporter" in joined and "\n\n" in joined


# ---------------------------------------------------------------------------
# A date printed on the page, and a month-only date line
# ---------------------------------------------------------------------------

STORY = "Fighters took the district centre of Example Dara on Monday, residents said."


@pytest.mark.parametrize(
    "page, expected, said",
    [
        ("Last Updated On: March 3, 2019\n\n" + STORY, date(2019, 3, 3), "Last Updated On"),
        ("(Last Updated On: March 3, 2019 4:10 pm)\n" + STORY, date(2019, 3, 3), "Last Updated"),
        ("Published: 9 Mar, 2017\n" + STORY, date(2017, 3, 9), "Published"),
        ("Posted on 2016-05-02\n" + STORY, date(2016, 5, 2), "Posted on"),
        ("Headline\n\nPublished - April 4, 2020 9:05 am IST\n\n" + STORY, date(2020, 4, 4), "Published"),
        ("PublishDate: Tuesday, October 8, 2019 10:20\n" + STORY, date(2019, 10, 8), "PublishDate"),
        ("Agency | Town | Updated: 04-11-2020 11:45 IST\n" + STORY, date(2020, 11, 4), "Updated"),
        ("A headline\n\nThursday, 2 July 2020 - 08:15\n\n" + STORY, date(2020, 7, 2), "2 July"),
        ("A headline\n\nSep 3, 2020\n\n" + STORY, date(2020, 9, 3), "Sep 3"),
        ("Sun 5th July 2020 | 10:30 PM\n" + STORY, date(2020, 7, 5), "5th July"),
        ("| @newsdesk | Oct 2, 2020, at 06:40 am\n\n" + STORY, date(2020, 10, 2), "Oct 2"),
        # a site's clock above the article's own date: the later first line is not the article's
        ("• Fri. Jan 12th, 2024\n\nA headline\n\nMar 7, 2021\n\n" + STORY, date(2021, 3, 7),
         "current date"),
        ("April 2, 2024 10:00 am (IST)\nFollow us:\n| @desk | Jun 1, 2021, at 04:00 am\n" + STORY,
         date(2021, 6, 1), "current date"),
        # a clock time before the date, a date labelled "Date:", a byline with its day, a slash after
        ("Updated 6:15 PM ET, Wed March 3, 2021\n" + STORY, date(2021, 3, 3), "Updated"),
        ("A headline\nDate: 14.06.2020\n" + STORY, date(2020, 6, 14), "Date:"),
        ("Written by Desk Editor on May 9, 2019\n" + STORY, date(2019, 5, 9), "Written by"),
        ("By Karim Noori - 2 Feb 2018\n" + STORY, date(2018, 2, 2), "By Karim"),
        ("Updated: July 1, 2020 / 09:40 AM\n" + STORY, date(2020, 7, 1), "Updated"),
        # "Published" wins over "Updated", and over a bare date line above it
        ("Tuesday, May 4, 2021\nUpdated: May 6, 2021\nPublished: May 5, 2021\n" + STORY,
         date(2021, 5, 5), "Published"),
    ],
)
def test_a_date_printed_on_the_page_dates_an_undated_article(
    page: str, expected: date, said: str
) -> None:
    result = read_text_article(page.encode(), name="p.txt", origin="p.txt", today=TODAY)
    assert isinstance(result, Article)
    assert result.published == expected
    assert result.published_source == "header"
    assert result.published_reason and said in result.published_reason
    assert result.text == page.strip()  # the line stays in the text: offsets do not move


@pytest.mark.parametrize(
    "page",
    [
        STORY + "\nThe district fell on June 3, 2021, officials said.",  # a date inside a sentence
        "Officials said on June 3, 2021 that the district had fallen.\n" + STORY,
        "Next elections: 2030-01-01\n" + STORY,  # in the future
        "Released 12 prisoners\n" + STORY,
    ],
)
def test_dates_in_sentences_are_not_page_dates(page: str) -> None:
    result = read_text_article(page.encode(), name="p.txt", origin="p.txt", today=TODAY)
    assert isinstance(result, Article)
    assert result.published is None


def test_the_date_line_and_the_sidecar_win_over_a_page_date(tmp_path: Path) -> None:
    dated = read_text_article(
        (" date 2021-06-23 Published: May 5, 2021\n" + STORY).encode(),
        name="a.txt", origin="a.txt", today=TODAY,
    )
    assert isinstance(dated, Article) and dated.published == date(2021, 6, 23)
    path = tmp_path / "b.txt"
    path.write_text("Published: May 5, 2021\n" + STORY, encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"date": "2021-05-07"}', encoding="utf-8")
    assert article(path).published == date(2021, 5, 7)


@pytest.mark.parametrize(
    "first, month",
    [
        (" date 2021-08 ", (2021, 8)),
        ("date: 2021/08\n", (2021, 8)),
        ("date: 08/2021\n", (2021, 8)),
        ("date: August 2021\n", (2021, 8)),
        ("Date: Aug. 2021 ", (2021, 8)),
    ],
)
def test_a_month_only_date_line_gives_a_month_not_a_day(first: str, month: tuple[int, int]) -> None:
    from geo.ingest.articles import published_month

    result = read_text_article((first + STORY).encode(), name="m.txt", origin="m.txt", today=TODAY)
    assert isinstance(result, Article)
    assert result.text == STORY
    assert result.published is None  # no invented day
    assert result.published_source == "header"
    assert published_month(result) == month
    assert result.warnings == ()


@pytest.mark.parametrize(
    "first, problem",
    [(" date 2021-13 ", "not a real month"), ("date: 2031-02\n", "in the future")],
)
def test_a_bad_month_only_date_line_is_reported(first: str, problem: str) -> None:
    from geo.ingest.articles import published_month

    result = read_text_article((first + STORY).encode(), name="m.txt", origin="m.txt", today=TODAY)
    assert isinstance(result, Article)
    assert published_month(result) is None and result.published is None
    assert any(problem in w for w in result.warnings), result.warnings


def test_a_page_date_in_the_month_of_a_month_only_line_gives_the_day() -> None:
    page = " date 2021-08\nPublished: Aug 9, 2021\n" + STORY
    result = read_text_article(page.encode(), name="m.txt", origin="m.txt", today=TODAY)
    assert isinstance(result, Article) and result.published == date(2021, 8, 9)
    other = " date 2021-08\nPublished: Jul 9, 2021\n" + STORY
    result = read_text_article(other.encode(), name="m.txt", origin="m.txt", today=TODAY)
    assert isinstance(result, Article) and result.published is None


@pytest.mark.parametrize(
    "make",
    [
        lambda page: read_html_article(
            f"<html><body><h1>Headline</h1><p>{page}</p><p>{STORY}</p></body></html>".encode(),
            name="p.html", origin="p.html", today=TODAY),
        lambda page: next(iter_jsonl(json.dumps({"text": f"{page}\n{STORY}"}).encode(), today=TODAY)),
    ],
)
def test_html_and_jsonl_without_a_date_take_the_page_date(make) -> None:
    result = make("Posted on 2020-05-02")
    assert isinstance(result, Article)
    assert result.published == date(2020, 5, 2) and result.published_source == "header"
