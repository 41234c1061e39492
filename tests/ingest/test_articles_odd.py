"""Odd inputs, round two: each is read (with a warning saying what was guessed) or
skipped with a reason naming the file; never a traceback, never a lost good article."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from geo.ingest.articles import iter_jsonl, read_articles, read_html_article, read_text_article
from geo.models import Article, Skipped

TODAY = date(2024, 5, 1)
BODY = "The Taliban captured Chahab district of Takhar province on Tuesday, officials said."


def read_all(*paths: Path) -> list[Article | Skipped]:
    return list(read_articles(paths, today=TODAY))


# ---------------------------------------------------------------------------
# Charsets that are not text encodings, or lie
# ---------------------------------------------------------------------------

NOT_CHARSETS = ["base64", "rot13", "zip", "hex", "bz2", "uu", "quopri", "unicode_escape", "idna",
                "punycode", "undefined", "utf-7", "no-such-codec", "utf-16", "utf-16le", "utf-32", "BASE64"]


@pytest.mark.parametrize("charset", NOT_CHARSETS)
def test_a_page_declaring_a_charset_that_cannot_be_right_is_read_as_utf8(charset: str) -> None:
    page = (f'<html><head><meta charset="{charset}"><title>Report</title></head>'
            f"<body><p>{BODY} Caf\u00e9 owners left.</p></body></html>").encode("utf-8") + b"\xff"
    result = read_html_article(page, name="p.html", origin="p.html", today=TODAY)
    assert isinstance(result, Article), result
    assert BODY in result.text and "Caf\u00e9" in result.text
    assert any("charset" in w and "ignored" in w for w in result.warnings), result.warnings


def test_a_real_8bit_charset_is_still_honoured() -> None:
    page = f'<meta charset="koi8-r"><p>{BODY} \u041a\u0430\u0431\u0443\u043b</p>'.encode("koi8-r")
    result = read_html_article(page, name="p.html", origin="p.html", today=TODAY)
    assert isinstance(result, Article) and "\u041a\u0430\u0431\u0443\u043b" in result.text


# ---------------------------------------------------------------------------
# Numbers too long to convert
# ---------------------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize("field, value", [("id", HUGE), ("n", HUGE), ("n", "-" + HUGE),
                                          ("n", "1." + HUGE + "e99999"), ("date", HUGE), ("title", HUGE)])
def test_a_5000_digit_number_in_a_jsonl_line_costs_nothing_but_that_field(field: str, value: str) -> None:
    lines = [f'{{"text": "{BODY}", "{field}": {value}}}', json.dumps({"text": "Another report entirely."})]
    results = list(iter_jsonl("\n".join(lines).encode(), origin="feed.jsonl", today=TODAY))
    assert [type(r) for r in results] == [Article, Article], results
    assert results[0].text == BODY
    if field in ("id", "date", "title"):
        assert any(field in w and "5,000 digits" in w for w in results[0].warnings), results[0].warnings


def test_a_5000_digit_number_in_a_sidecar_leaves_the_article_and_its_other_fields(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "r.meta.json").write_text(f'{{"date": "2021-07-01", "title": "Kept", "n": {HUGE}}}')
    (result,) = read_all(tmp_path)
    assert isinstance(result, Article)
    assert result.published == date(2021, 7, 1) and result.title == "Kept"


# ---------------------------------------------------------------------------
# Paths past the OS limit
# ---------------------------------------------------------------------------


def _deep_tree(root: Path, levels: int = 25) -> None:
    """Nest folders of 200-letter names (past PATH_MAX = 4096), built relative to each parent."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    fds = [fd]
    try:
        os.mkdir("shallow.txt.d", dir_fd=fd)
        with open(root / "ok.txt", "w", encoding="utf-8") as handle:
            handle.write(BODY)
        for _ in range(levels):
            os.mkdir("d" * 200, dir_fd=fds[-1])
            fds.append(os.open("d" * 200, os.O_RDONLY, dir_fd=fds[-1]))
        out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fds[-1])
        os.write(out, BODY.encode())
        os.close(out)
    finally:
        for f in fds:
            os.close(f)


def test_a_folder_tree_deeper_than_the_os_allows_is_named_not_a_traceback(tmp_path: Path) -> None:
    _deep_tree(tmp_path / "deep")
    results = read_all(tmp_path / "deep")
    articles = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [a.id for a in articles] == ["ok"]
    assert skipped and all("longer than the system allows" in s.reason for s in skipped)
    assert all("shorten" in s.reason for s in skipped)


def test_the_dask_listing_names_the_too_long_path_too(tmp_path: Path) -> None:
    from geo.ingest.articles import list_inputs, read_listed

    _deep_tree(tmp_path / "deep")
    listed = list(list_inputs(tmp_path / "deep"))
    results = list(read_listed([e for e in listed if not isinstance(e, Skipped)], today=TODAY))
    assert any(isinstance(r, Skipped) and "longer than the system allows" in r.reason for r in results)


# ---------------------------------------------------------------------------
# Zero-width characters inside names
# ---------------------------------------------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200b\u200d"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c[0]):04X}" for c in INVISIBLE])
def test_zero_width_characters_inside_a_place_name_are_dropped(char: str) -> None:
    text = BODY.replace("Chahab", f"Cha{char}hab").replace("Takhar", f"Ta{char}khar")
    result = read_text_article(text.encode("utf-8"), name="z.txt", origin="z.txt", today=TODAY)
    assert isinstance(result, Article) and result.text == BODY


def test_the_joiners_dari_spells_with_are_kept_between_arabic_letters() -> None:
    dari = "\u0645\u06cc\u200c\u0634\u0648\u062f"  # "mi-shavad", with a ZWNJ
    result = read_text_article(f"{BODY} {dari}".encode(), name="d.txt", origin="d.txt", today=TODAY)
    assert isinstance(result, Article) and dari in result.text


def test_a_zero_width_place_name_yields_its_claim(boundaries) -> None:
    from geo.pipeline import extract_articles

    text = "date: 2021-07-01\n" + BODY.replace("Chahab", "Cha\u200dhab")
    article = read_text_article(text.encode(), name="z.txt", origin="z.txt", today=TODAY)
    (result,) = extract_articles([article])
    assert [c.adm2_pcode for c in result.claims] == ["AF1816"]


# ---------------------------------------------------------------------------
# NUL bytes and files of two encodings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("nuls", [1, 3, 8])
def test_a_few_stray_nul_bytes_are_dropped_with_a_warning(nuls: int) -> None:
    data = (BODY + " " + BODY).encode().replace(b" ", b" \x00", nuls)
    result = read_text_article(data, name="n.txt", origin="n.txt", today=TODAY)
    assert isinstance(result, Article), result
    assert result.text == BODY + " " + BODY
    assert any("NUL" in w for w in result.warnings)


@pytest.mark.parametrize("data", [b"Some words\x00\x00\x00\x01\x02 then more", b"\x00" * 5000,
                                  b"a\x00\x00b" * 100])
def test_nul_runs_still_mean_binary(data: bytes) -> None:
    result = read_text_article(data, name="b.txt", origin="b.txt", today=TODAY)
    assert isinstance(result, Skipped) and "binary" in result.reason


QUOTE = "A spokesman confirmed the district had fallen to the Taliban."


@pytest.mark.parametrize("order", ["utf8-then-utf16", "utf16-then-utf8", "sandwich"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_file_mixing_utf8_and_utf16_is_read_part_by_part(order: str, codec: str) -> None:
    a = (BODY + "\n").encode("utf-8")
    b = (QUOTE + "\n").encode(codec)
    data = {"utf8-then-utf16": a + b, "utf16-then-utf8": b + a, "sandwich": a + b + a}[order]
    result = read_text_article(data, name="m.txt", origin="m.txt", today=TODAY)
    assert isinstance(result, Article), result
    assert BODY in result.text and QUOTE in result.text
    assert any("mixed encodings" in w for w in result.warnings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_whole_utf16_file_with_curly_quotes_is_still_one_encoding(codec: str) -> None:
    text = "Forces left the \u201cold fort\u201d \u2014 residents\u2019 caf\u00e9 closed.\n" * 3
    result = read_text_article(text.encode(codec), name="u.txt", origin="u.txt", today=TODAY)
    assert isinstance(result, Article) and result.text == text.strip()
    assert not any("mixed" in w for w in result.warnings)


def test_a_jsonl_line_with_a_few_stray_nuls_keeps_its_article() -> None:
    good = json.dumps({"text": BODY, "date": "2021-07-01"}).encode().replace(b" ", b" \x00", 2)
    junk = b"\x00\x00\x00\x01 binary junk"
    results = list(iter_jsonl(good + b"\n" + junk + b"\n", origin="feed.jsonl", today=TODAY))
    assert isinstance(results[0], Article) and results[0].text == BODY
    assert any("NUL" in w for w in results[0].warnings)
    assert isinstance(results[1], Skipped) and results[1].origin == "feed.jsonl:2"
