"""The whole pipeline on awkward but valid articles, and on a folder mixing good and bad files."""

from __future__ import annotations

import json
import time

import pytest

from geo.pipeline import run


def _check_claims(result) -> None:
    texts = {a.id: a.text for a in result.articles}
    for c in result.claims:
        assert texts[c.article_id][c.char_start:c.char_end] == c.mention
        assert c.controller in {"taliban", "government", "contested"}
        assert c.adm1_pcode.startswith("AF")


def test_an_article_naming_every_district_is_processed_in_bounded_time(districts, tmp_path):
    rows = districts[["adm2_name", "adm1_name"]].values.tolist()
    sentences = [f"Residents of {d} district in {p} province said the market reopened." for d, p in rows]
    sentences += [f"The Taliban captured {d} district of {p} province on Monday, officials said." for d, p in rows[:50]]
    (tmp_path / "all.txt").write_text(" date 2021-07-14 " + " ".join(sentences), encoding="utf-8")
    t0 = time.perf_counter()
    result = run([tmp_path])
    assert time.perf_counter() - t0 < 60
    _check_claims(result)
    claimed = {c.adm2_pcode for c in result.claims if c.controller == "taliban"}
    # The fifty captures are claims; the market reopening in the other districts is not.
    assert len(claimed) >= 45
    assert claimed <= set(districts.adm2_pcode)
    assert not any(c.sentence.startswith("Residents of") for c in result.claims)
    assert {c.event_date for c in result.claims} == {"2021-07-12"}


@pytest.mark.parametrize(
    "text",
    [
        " date 2021-07-01 Talks between the two sides resumed in Doha on Monday, a spokesman said.",
        " date 2021-07-01 Prices of flour rose sharply this week as the harvest failed.",
        "No date, no place, and nothing happened.",
    ],
)
def test_an_article_that_names_no_afghan_place_gives_no_claim(tmp_path, text, boundaries):
    (tmp_path / "calm.txt").write_text(text, encoding="utf-8")
    result = run([tmp_path])
    assert (len(result.results), result.claims, result.skipped) == (1, [], [])


def test_a_folder_mixing_good_and_broken_inputs_keeps_every_good_article(tmp_path, boundaries):
    (tmp_path / "good.md").write_text(" date 2021-06-29 Government forces retook Bangi district of Takhar on Monday.\n")
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title><script>var x='Taliban captured Bangi';</script></head>"
        "<body><p>The Taliban captured Kohsan district of Herat province on Tuesday.</p></body></html>"
    )
    lines = [
        json.dumps({"id": "j1", "date": "2021-06-30", "text": "Taliban fighters overran Chahab district in Takhar on Tuesday."}),
        "{not json",
        json.dumps({"id": "j2", "text": ""}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "blank.txt").write_text("   \n\t\n")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = run([tmp_path])
    assert sorted(a.id for a in result.articles) == ["good", "j1", "page"]
    reasons = " | ".join(f"{s.origin}: {s.reason}" for s in result.skipped)
    for name in ("feed.jsonl:2", "feed.jsonl:3", "blank.txt", "photo.txt"):
        assert name in reasons
    _check_claims(result)
    got = {(c.article_id, c.adm2_pcode, c.controller) for c in result.claims}
    assert got == {("good", "AF1804", "government"), ("j1", "AF1816", "taliban"), ("page", "AF3213", "taliban")}
    # Script text is not article text: Bangi is not claimed from the page's <script>.
    assert not [c for c in result.claims if c.article_id == "page" and c.adm2_pcode == "AF1804"]
