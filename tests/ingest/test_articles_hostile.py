"""Hostile and broken input for the article reader (issue 7, the reading half).

Each kind of bad input is made here by code. The rule under test: a batch
never stops on one bad input; what cannot be read is Skipped with a one-line
reason naming the file, and everything else is read.
"""

from __future__ import annotations

import io
import json
import os
import struct
import time
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.ingest.articles import (
    MB,
    Limits,
    iter_jsonl,
    join_soft_wraps,
    parse_date_header,
    read_articles,
    read_html_article,
    read_text_article,
    read_zip,
    unescape_entities,
)
from geo.models import Article, Skipped

TODAY = date(2024, 5, 1)
SENTENCE = "Local elders said the road to the valley reopened after the talks."
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def read_all(*paths: Path, **kwargs) -> list[Article | Skipped]:
    return list(read_articles(paths, today=TODAY, **kwargs))


def assert_one_line(result: Article | Skipped) -> None:
    if isinstance(result, Skipped):
        assert result.reason and "\n" not in result.reason and "\r" not in result.reason
        assert "\n" not in result.origin
    result.origin.encode("utf-8")  # printable in any UTF-8 terminal or JSON file


# ---------------------------------------------------------------------------
# A folder of bad files: the batch goes on
# ---------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty.txt", b"", "empty or whitespace only"),
    ("blank.txt", b"  \n\t\r\n   \n", "empty or whitespace only"),
    ("scan.txt", PDF, "binary file (PDF)"),
    ("photo.txt", PNG, "binary file (PNG)"),
    ("archive.md", b"PK\x03\x04\x14\x00\x00\x00", "binary file (ZIP archive)"),
    ("random.txt", bytes(range(256)) * 64, "binary file"),
    ("nul.txt", b"Some words\x00\x00\x00\x01\x02 then more", "binary file (NUL bytes)"),
    (
        "controls.txt",
        bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17] * 100),
        "mostly control characters",
    ),
    ("page.html", b"<html><script>only()</script><style>p{}</style></html>", "no visible text"),
    ("header-only.txt", b" date 2021-06-23 ", "only a date header"),
]


@pytest.mark.parametrize("name, data, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_skipped_with_a_reason_naming_it(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (result,) = read_all(path)
    assert isinstance(result, Skipped)
    assert result.origin == str(path)
    assert reason in result.reason
    assert_one_line(result)


def test_random_bytes_of_many_seeds_are_skipped_as_binary(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    for n in range(20):
        path = tmp_path / f"noise{n}.txt"
        path.write_bytes(bytes(rng.getrandbits(8) for _ in range(4096)))
    results = read_all(tmp_path)
    assert len(results) == 20
    assert all(isinstance(r, Skipped) and r.reason.startswith("binary file") for r in results)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    for name, data, _ in BAD_FILES:
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good1.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "good2.md").write_text(SENTENCE + " Later.", encoding="utf-8")
    results = read_all(tmp_path)
    assert sorted(r.id for r in results if isinstance(r, Article)) == ["good1", "good2"]
    assert sum(isinstance(r, Skipped) for r in results) == len(BAD_FILES)
    for result in results:
        assert_one_line(result)


# ---------------------------------------------------------------------------
# Encodings and line ends
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(f" date 2021-05-04 {SENTENCE}\r\nNext line.".encode(codec))
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert result.text == SENTENCE + "\nNext line."
    assert result.published == date(2021, 5, 4)
    assert any("byte-order mark" in w for w in result.warnings)


def test_mixed_encodings_do_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Naïve “quotes” ".encode() + "and cp1252 “quotes” é ".encode("cp1252") + b"\x81\x8d end"
    )
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert result.text.startswith("Naïve “quotes” and cp1252 “quotes” é")
    assert result.text.endswith("end")
    assert any("mixed encodings" in w for w in result.warnings)


def test_windows_line_ends_become_newlines_and_offsets_follow(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"date: 2021-06-23\r\nFirst line.\r\nSecond line mentions Dara.\r\n")
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert "\r" not in result.text
    start = result.text.index("Dara")
    assert result.text[start : start + 4] == "Dara"
    assert result.text.split("\n") == result.text.splitlines()


# ---------------------------------------------------------------------------
# Size
# ---------------------------------------------------------------------------


def test_200_mb_file_is_skipped_by_size_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * MB)  # sparse: takes no disk space and no time
    opened: list[str] = []
    real_open = open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    tracemalloc.start()
    started = time.perf_counter()
    (result,) = read_all(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(result, Skipped)
    assert "200 MB" in result.reason and "--max-article-mb" in result.reason
    assert "TCMAP_MAX_ARTICLE_MB" in result.reason
    assert str(path) not in opened
    assert elapsed < 1.0 and peak < MB


def test_10000_sentence_article_is_read_whole(tmp_path: Path) -> None:
    text = " ".join(
        f"Report number {n} says the checkpoint {n % 97} stayed open." for n in range(10_000)
    )
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert result.text == text
    assert result.text.count(".") == 10_000


def test_5_mb_line_without_sentence_end_is_read(tmp_path: Path) -> None:
    line = ("word " * (MB + 1))[: 5 * MB]
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert len(result.text) == len(line.strip())


def test_sparse_200_mb_jsonl_is_skipped_at_once(tmp_path: Path) -> None:
    path = tmp_path / "zeros.jsonl"
    with open(path, "wb") as handle:
        handle.truncate(200 * MB)
    started = time.perf_counter()
    (result,) = read_all(path)
    assert time.perf_counter() - started < 1.0
    assert isinstance(result, Skipped) and "binary file (NUL bytes)" in result.reason


def test_over_long_jsonl_line_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "x" * (2 * MB)}) + "\n")
        handle.write(json.dumps({"text": SENTENCE, "id": "after"}) + "\n")
    results = read_all(path, limits=Limits(max_article_bytes=MB))
    assert isinstance(results[0], Skipped) and results[0].origin == f"{path}:1"
    assert "article size limit" in results[0].reason
    assert isinstance(results[1], Article) and results[1].id == "after"


# ---------------------------------------------------------------------------
# HTML and JSONL
# ---------------------------------------------------------------------------


def test_html_with_scripts_styles_comments_cdata_and_entities(tmp_path: Path) -> None:
    page = (
        "<html><head><script>document.write('<p>injected</p>')</script>"
        "<style>/* <p>css</p> */</style></head><body>"
        "<p>Visible &lt;b&gt;one&lt;/b&gt; &amp; &quot;two&quot; "
        "&#39;three&#39; &#x2014; &euro;5</p>"
        "<!-- <p>commented out</p> --><![CDATA[<p>cdata</p>]]>"
        "<script type='text/template'><p>template script</p></script>"
        "<p onclick=\"alert(1)\">Click text</p><iframe src='x'>frame text</iframe>"
        "<svg><text>svg label</text></svg><p>Tail &unknown; &amp</p></body></html>"
    )
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert result.text == (
        "Visible <b>one</b> & \"two\" 'three' — €5\n\nClick text\n\nTail &unknown; &"
    )
    for hidden in (
        "injected",
        "css",
        "commented",
        "cdata",
        "template script",
        "frame text",
        "svg label",
        "alert",
    ):
        assert hidden not in result.text


@pytest.mark.parametrize(
    "markup, expected",
    [
        ("<p>Before</p><![<<p>After</p>", "Before\n\nAfter"),
        ("<p>Before</p><![ broken <p>After</p>", "Before\n\nAfter"),
        ("<p>Text</p><!-- never closed <p>lost</p>", "Text"),
        ("<?php echo 'x'; ?><p>Text</p>", "Text"),
        (
            "<p>Zero &#0; big &#x110000; half &#xD800; end</p>",
            "Zero \ufffd big \ufffd half \ufffd end",
        ),
        ("<p>Unclosed <b>bold <i>italic", "Unclosed bold italic"),
        ("<div hidden><div>inner</div>still hidden</div><p>Shown</p>", "Shown"),
        ("<p>a</p>" * 3 + "</p></div></body></html></html>", "a\n\na\n\na"),
        ("<P>Upper <BR>case</P><SCRIPT>x()</SCRIPT>", "Upper\ncase"),
    ],
)
def test_malformed_html_is_read_like_a_browser_would(markup: str, expected: str) -> None:
    result = read_html_article(markup.encode(), name="m.html", origin="m.html")
    assert isinstance(result, Article)
    assert result.text == expected


def test_malformed_jsonl_lines_among_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Good one."}),
        '{"text": "unterminated',
        "\x00\x01 binary junk",
        '{"text": "bad escape \\q"}',
        "[]",
        json.dumps({"text": "Good two.", "date": "2021-02-30"}),
        "null",
        json.dumps({"text": "Good three.", "date": "2099-01-01", "url": "javascript:alert(1)"}),
        "{" * 100_000,  # deep nesting
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    results = read_all(path)
    good = [r for r in results if isinstance(r, Article)]
    assert [a.text for a in good] == ["Good one.", "Good two.", "Good three."]
    assert [r.origin.rsplit(":", 1)[1] for r in results if isinstance(r, Skipped)] == [
        "2",
        "3",
        "4",
        "5",
        "7",
        "9",
    ]
    assert good[1].published is None and any("not a real date" in w for w in good[1].warnings)
    assert good[2].published is None and any("future" in w for w in good[2].warnings)
    assert good[2].url is None and any("http(s) URL" in w for w in good[2].warnings)
    for result in results:
        assert_one_line(result)


def test_jsonl_text_with_lone_surrogates_and_controls_is_cleaned() -> None:
    data = b'{"text": "Bad \\ud800 half \\u0007 bell\\r\\nnext", "date": null, '
    data += b'"published": "2021-01-02"}'
    (result,) = iter_jsonl(data, origin="s.jsonl", today=TODAY)
    assert isinstance(result, Article)
    assert result.text == "Bad \ufffd half  bell\nnext"
    result.text.encode("utf-8")
    assert result.published == date(2021, 1, 2)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"%PDF-1.5\n" + b"x" * 100, "binary file (PDF)"),
        ('{"text": "wide"}\n'.encode("utf-16"), "UTF-16"),
        ('{"text": "wide"}\n'.encode("utf-16-le"), "UTF-16"),
    ],
)
def test_binary_or_wide_jsonl_is_skipped_whole(data: bytes, reason: str) -> None:
    (result,) = iter_jsonl(data, origin="in.jsonl")
    assert isinstance(result, Skipped) and reason in result.reason and result.origin == "in.jsonl"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, published, warning",
    [
        (" date 2021-02-30 ", None, "not a real date"),
        (" date 2021-13-01 ", None, "not a real date"),
        (" date 2099-06-23 ", None, "in the future"),
        ("date: 2024-05-02 ", None, "in the future"),  # one day after TODAY
        ("date: 23/06/2021 ", date(2021, 6, 23), None),
        ("date: June 23, 2021 ", date(2021, 6, 23), None),
        ("date: 23rd of June 2021 ", date(2021, 6, 23), None),
        ("date: 30/02/2021 ", None, "not a real date"),
        ("date: ??? ", None, "not a date in a known format"),
    ],
)
def test_odd_date_headers(
    tmp_path: Path, header: str, published: date | None, warning: str | None
) -> None:
    path = tmp_path / "d.txt"
    path.write_text(header + SENTENCE, encoding="utf-8")
    (result,) = read_all(path)
    assert isinstance(result, Article)
    assert result.text == SENTENCE
    assert result.published == published
    if warning:
        assert any(warning in w for w in result.warnings), result.warnings


# ---------------------------------------------------------------------------
# Unreadable files, symlinks, odd names, duplicates
# ---------------------------------------------------------------------------


@pytest.mark.skipif(ROOT, reason="root reads files whatever their mode")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    try:
        (result,) = read_all(tmp_path)
    finally:
        path.chmod(0o644)
    assert isinstance(result, Skipped) and "permission denied" in result.reason


def test_unreadable_file_is_skipped_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(SENTENCE + " Open.", encoding="utf-8")
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    first, second = read_all(tmp_path)
    assert isinstance(first, Skipped) and first.origin == str(locked)
    assert "cannot read: permission denied" in first.reason
    assert isinstance(second, Article) and second.id == "open"


def test_broken_symlinks_and_folders_named_like_files(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "gone.png").symlink_to(tmp_path / "missing.png")  # not an article: ignored
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inside.txt").write_text(SENTENCE, encoding="utf-8")
    results = read_all(tmp_path)
    assert [type(r).__name__ for r in results] == ["Article", "Skipped"]
    assert results[0].id == "inside"
    assert results[1].origin.endswith("gone.txt") and "broken symlink" in results[1].reason


def test_symlink_loops_end(tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (top / "sub" / "back").symlink_to(top)  # points at an ancestor
    (top / "self").symlink_to(top / "self")  # points at itself
    (top / "ping").symlink_to(top / "pong")
    (top / "pong").symlink_to(top / "ping")
    results = read_all(top)
    articles = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [a.id for a in articles] == ["a"]
    assert {Path(s.origin).name for s in skipped} == {"back", "self", "ping", "pong"}
    assert all("loop" in s.reason or "already read" in s.reason for s in skipped)


def test_deeply_nested_folders_do_not_exhaust_the_stack(tmp_path: Path) -> None:
    levels = [tmp_path]
    for _ in range(700):  # a recursive walk needs two frames a level: 1400 > the limit of 1000
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()  # one by one: os.makedirs itself recurses
    bottom = levels[-1] / "bottom.txt"
    bottom.write_text(SENTENCE, encoding="utf-8")
    try:
        (result,) = read_all(tmp_path)
    finally:  # remove bottom-up, since pytest's cleanup (shutil.rmtree) recurses too
        bottom.unlink()
        for level in reversed(levels[1:]):
            level.rmdir()
    assert isinstance(result, Article) and result.id == "bottom"


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (result,) = read_all(tmp_path)  # would hang forever if opened
    assert isinstance(result, Skipped) and "not a regular file" in result.reason


ODD_NAMES = [
    "with space.txt",
    "ünïcødé – دری.txt",
    "quote'double\".txt",
    "-leading-dash.txt",
    "semi;colon&amp$(echo hi).txt",
    "new\nline.txt",
    "tab\tname.txt",
    "x" * 200 + ".txt",
    "many.dots.in.name.txt",
]


def test_odd_characters_in_names(tmp_path: Path) -> None:
    for n, name in enumerate(ODD_NAMES):
        (tmp_path / name).write_text(f"{SENTENCE} Number {n}.", encoding="utf-8")
    raw = os.path.join(os.fsencode(tmp_path), b"latin1-\xe9t\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Bytes name article.")
    results = read_all(tmp_path)
    assert len(results) == len(ODD_NAMES) + 1
    assert all(isinstance(r, Article) for r in results)
    for result in results:
        assert_one_line(result)
        result.id.encode("utf-8")
        assert "\n" not in result.id and "\t" not in result.id
    ids = {r.id for r in results}
    assert "with space" in ids and "many.dots.in.name" in ids
    assert "latin1-\\xe9t\\xe9" in ids


def test_duplicate_articles_under_different_names_are_kept_and_flagged(tmp_path: Path) -> None:
    for name in ("copy-a.txt", "copy-b.txt"):
        (tmp_path / name).write_text(" date 2021-06-23 " + SENTENCE, encoding="utf-8")
    first, second = read_all(tmp_path)
    assert (first.id, second.id) == ("copy-a", "copy-b")
    assert first.warnings == ()
    assert any("same text as article 'copy-a'" in w for w in second.warnings)


def test_jsonl_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    path = tmp_path / "dups.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": "same", "text": t}) for t in ("One.", "Two.", "Two."))
    )
    ids = [a.id for a in read_all(path)]
    assert ids[0] == "same" and len(set(ids)) == 3
    assert all(i.startswith("same~") for i in ids[1:])


# ---------------------------------------------------------------------------
# Zip uploads
# ---------------------------------------------------------------------------


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)),
                data,
                compress_type=compression,
            )
    return buffer.getvalue()


def lie_about_size(data: bytes, declared: int) -> bytes:
    """Rewrite every size field in a zip so members claim ``declared`` bytes."""
    patched = bytearray(data)
    at = patched.find(b"PK\x03\x04")
    while at >= 0:
        struct.pack_into("<I", patched, at + 22, declared)
        at = patched.find(b"PK\x03\x04", at + 4)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<I", patched, at + 24, declared)
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def zip_results(data: bytes, **limits) -> list[Article | Skipped]:
    return list(read_zip(data, origin="upload.zip", limits=Limits(**limits), today=TODAY))


def test_zip_reads_every_supported_member_with_sidecars() -> None:
    data = make_zip(
        {
            "news/b.txt": f" date 2021-06-23 {SENTENCE}".encode(),
            "news/a.html": b"<title>Page</title><p>Page text.</p>",
            "news/a.meta.json": json.dumps({"publisher": "Side Wire"}).encode(),
            "feed.jsonl": (json.dumps({"text": "Line text.", "id": "L1"}) + "\n").encode(),
            "__MACOSX/._b.txt": b"\x00\x05\x16\x07",
            "news/": b"",
        }
    )
    results = zip_results(data)
    assert all(isinstance(r, Article) for r in results), results
    by_id = {r.id: r for r in results}
    assert set(by_id) == {"a", "b", "L1"}
    assert by_id["a"].publisher == "Side Wire" and by_id["a"].origin == "upload.zip/news/a.html"
    assert by_id["b"].published == date(2021, 6, 23)
    assert by_id["L1"].origin == "upload.zip/feed.jsonl:1"


@pytest.mark.parametrize(
    "name",
    [
        "../escape.txt",
        "a/../../escape.txt",
        "/etc/passwd.txt",
        "C:/windows/x.txt",
        "..\\win\\x.txt",
    ],
)
def test_zip_members_with_unsafe_paths_are_skipped(name: str) -> None:
    data = make_zip({name: SENTENCE.encode(), "fine.txt": SENTENCE.encode() + b" Fine."})
    results = zip_results(data)
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [r.id for r in results if isinstance(r, Article)] == ["fine"]
    assert len(skipped) == 1 and "unsafe path" in skipped[0].reason


def test_zip_bomb_by_ratio_is_skipped_quickly() -> None:
    data = make_zip({"bomb.txt": b"A" * (15 * MB), "ok.txt": SENTENCE.encode()})
    started = time.perf_counter()
    results = zip_results(data)
    assert time.perf_counter() - started < 2
    bomb = next(r for r in results if isinstance(r, Skipped))
    assert "compression ratio" in bomb.reason and "TCMAP_MAX_ZIP_RATIO" in bomb.reason
    assert any(isinstance(r, Article) and r.id == "ok" for r in results)


def test_zip_declaring_too_much_in_total_is_rejected_whole() -> None:
    data = make_zip({f"part{n}.txt": b"B" * (3 * MB) for n in range(4)})
    (result,) = zip_results(data, max_zip_uncompressed_bytes=10 * MB, max_zip_ratio=10_000)
    assert isinstance(result, Skipped) and result.origin == "upload.zip"
    assert (
        "unpacked zip size limit" in result.reason
        and "TCMAP_MAX_ZIP_UNCOMPRESSED_MB" in result.reason
    )


def test_zip_member_lying_about_its_size_is_stopped() -> None:
    data = lie_about_size(make_zip({"liar.txt": b"C" * (8 * MB)}), 1000)
    tracemalloc.start()
    results = zip_results(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    (result,) = results
    assert isinstance(result, Skipped) and "cannot unpack" in result.reason
    assert peak < 4 * MB


def test_zip_with_too_many_files_is_rejected() -> None:
    data = make_zip({f"f{n}.txt": b"Short text." for n in range(6)})
    (result,) = zip_results(data, max_zip_files=5)
    assert isinstance(result, Skipped)
    assert "6 files" in result.reason and "TCMAP_MAX_ZIP_FILES" in result.reason


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"not a zip at all", "not a readable zip"),
        (b"", "not a readable zip"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a readable zip"),
    ],
)
def test_broken_zip_is_skipped(data: bytes, reason: str) -> None:
    (result,) = zip_results(data)
    assert isinstance(result, Skipped) and reason in result.reason


def test_upload_over_the_limit_is_refused_before_unpacking() -> None:
    data = make_zip({"a.txt": os.urandom(200_000)}, compression=zipfile.ZIP_STORED)
    (result,) = zip_results(data, max_upload_bytes=100_000)
    assert isinstance(result, Skipped) and "upload size limit" in result.reason


def test_nested_zip_and_unsupported_members_are_not_expanded() -> None:
    inner = make_zip({"inner.txt": b"Inner text."})
    data = make_zip({"inner.zip": inner, "doc.pdf": b"%PDF-1.4", "ok.md": b"Markdown text."})
    results = zip_results(data)
    reasons = {Path(r.origin).name: r.reason for r in results if isinstance(r, Skipped)}
    assert "nested zip" in reasons["inner.zip"]
    assert "unsupported file type '.pdf'" in reasons["doc.pdf"]
    assert [r.id for r in results if isinstance(r, Article)] == ["ok"]


def test_zip_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.zip"
    path.write_bytes(make_zip({"z.txt": SENTENCE.encode()}))
    (result,) = read_all(path)
    assert isinstance(result, Article) and result.origin == f"{path}/z.txt"


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.binary(max_size=2048))
def test_any_bytes_give_an_article_or_skipped(data: bytes) -> None:
    for reader in (read_text_article, read_html_article):
        result = reader(data, name="fuzz.txt", origin="fuzz", today=TODAY)
        assert isinstance(result, Article | Skipped)
        assert_one_line(result)
        if isinstance(result, Article):
            assert result.text and result.text == result.text.strip()
            assert "\r" not in result.text
    for result in iter_jsonl(data, origin="fuzz.jsonl", today=TODAY):
        assert isinstance(result, Article | Skipped)
    for result in read_zip(data, origin="fuzz.zip", today=TODAY):
        assert isinstance(result, Article | Skipped)


@PROPERTY
@given(
    st.lists(
        st.sampled_from(
            [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\x00", b"\xff", b"a.txt", b"../"]
        ),
        max_size=30,
    )
)
def test_zip_like_garbage_never_raises(parts: list[bytes]) -> None:
    for result in read_zip(b"".join(parts), origin="fuzz.zip", today=TODAY):
        assert isinstance(result, Article | Skipped)


HTML_TOKENS = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "/>",
        "<!",
        "<![",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?",
        "<!DOCTYPE",
        "<script>",
        "</script>",
        "<style>",
        "<title>",
        "</title>",
        "<p>",
        "<div hidden>",
        "</div>",
        "&",
        "&#",
        "&#x",
        ";",
        "a",
        " ",
        "=",
        "'",
        '"',
        "<time datetime='",
        "2021-02-30",
        "\x00",
        "<pre>",
        "<head>",
        "<body>",
    ]
)


@PROPERTY
@given(st.lists(HTML_TOKENS, max_size=40).map("".join))
def test_any_tag_soup_gives_an_article_or_skipped(markup: str) -> None:
    result = read_html_article(markup.encode(), name="soup.html", origin="soup", today=TODAY)
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Article):
        assert result.text == result.text.strip() and "\r" not in result.text


@PROPERTY
@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
    st.integers(0, 300),
)
def test_damaged_zip_never_raises(flips: list[tuple[int, int]], cut: int) -> None:
    damaged = bytearray(
        make_zip(
            {
                "a.txt": b" date 2021-06-23 Some words about a town.",
                "d/b.html": b"<p>Page</p>",
                "d/b.meta.json": b'{"date": "2021-01-01"}',
                "c.jsonl": b'{"text": "x"}\n',
            }
        )
    )
    for at, value in flips:
        damaged[at % len(damaged)] = value
    data = bytes(damaged[: len(damaged) - cut] if cut < len(damaged) else damaged)
    for result in read_zip(data, origin="damaged.zip", today=TODAY):
        assert isinstance(result, Article | Skipped)
        assert_one_line(result)


def test_zip_member_with_an_empty_name_is_skipped() -> None:
    data = make_zip({"": b"Nameless text.", "ok.txt": b"Named text."})
    nameless, named = zip_results(data)
    assert isinstance(nameless, Skipped) and "empty name" in nameless.reason
    assert isinstance(named, Article) and named.id == "ok"


# Text a person could type: no control characters, surrogates or line separators
# (those are normalised, which the next property covers).
TYPED = st.lists(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"),
        max_size=20,
    )
    | st.sampled_from(["\n", "\t", " ", "date ", "2021-06-23 ", "<p>", "&amp;", "“", "é"]),
    max_size=30,
).map("".join)


@PROPERTY
@given(TYPED)
def test_text_is_kept_as_written(text: str) -> None:
    # as written, but for entities a scraper left ("&amp;") and line breaks inside a sentence
    assume(parse_date_header(text.lstrip(), today=TODAY)[0] is None)
    assume(not text.lstrip().startswith(("%PDF-", "GIF8")))
    from geo.ingest._decode import drop_invisible

    result = read_text_article(text.encode("utf-8"), name="t.txt", origin="t", today=TODAY)
    if not drop_invisible(text).strip():
        assert isinstance(result, Skipped)
        return
    assert isinstance(result, Article)
    # zero-width characters are dropped (they break place names), nothing else
    assert result.text == drop_invisible(join_soft_wraps(unescape_entities(text.strip()))).strip()
    assert len(join_soft_wraps(text.strip())) == len(text.strip())  # a wrap becomes a space: offsets stay


@PROPERTY
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_offsets_are_stable_when_text_is_read_again(text: str, codec: str) -> None:
    data = (
        text.encode(codec, errors="replace")
        if codec == "cp1252"
        else text.encode(codec, errors="surrogatepass")
    )
    first = read_text_article(data, name="t.txt", origin="t", today=TODAY)
    if isinstance(first, Skipped):
        return
    assume(parse_date_header(first.text, today=TODAY)[0] is None)
    again = read_text_article(first.text.encode("utf-8"), name="t.txt", origin="t", today=TODAY)
    assert isinstance(again, Article)
    assert again.text == first.text
    assert first.text.split("\n") == first.text.splitlines()
