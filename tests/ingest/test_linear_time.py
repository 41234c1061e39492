"""Every stage takes time in proportion to its input: hostile runs of one character
(30,000 dots, 10,000 unclosed ``<a ``) must not make reading or extraction quadratic.

Each test times one input and the same input ten times larger and asserts the
ratio, not a wall time: linear gives about 10, quadratic about 100. The bound
(35) leaves room for a busy machine; each size is timed a few times and the
fastest run kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from geo.ingest.articles import read_html_article, read_text_article
from geo.models import Article

BODY = "date: 2021-07-01\nThe Taliban captured Chahab district of Takhar province on Tuesday, officials said. "
MAX_RATIO = 35


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def assert_linear(make: Callable[[int], object], run: Callable[[object], object], n: int) -> None:
    small, large = make(n), make(10 * n)
    run(small)  # warm caches (models, compiled patterns) outside the timing
    t1, t10 = _best(lambda: run(small)), _best(lambda: run(large))
    ratio = t10 / max(t1, 1e-6)
    assert ratio < MAX_RATIO, f"10x the input took {ratio:.0f}x the time ({t1:.4f}s -> {t10:.4f}s)"


TEXT_RUNS = {"dots": ".", "bangs": "!", "questions": "?", "ellipses": "... ", "dotted quotes": '."',
             "newlines": "\n", "tabs": "\t", "carriage returns": "\r", "entities": "&#", "zero width": "\u200b"}
HTML_TAILS = {"unclosed a": "<a ", "bare lt": "<", "end tags": "</", "declarations": "<!", "comments": "<!--",
              "open quotes": "<p title='", "marked sections": "<![", "processing": "<?"}


def _text(unit: str) -> Callable[[int], bytes]:
    return lambda n: (BODY + unit * n + " and so on").encode()  # no capital after: no sentence end


def _page(unit: str) -> Callable[[int], bytes]:
    return lambda n: ("<html><body><p>" + BODY + "</p>" + unit * n).encode()


@pytest.mark.parametrize("unit", TEXT_RUNS.values(), ids=TEXT_RUNS.keys())
def test_reading_a_text_is_linear(unit: str) -> None:
    assert_linear(_text(unit), lambda data: read_text_article(data, name="t.txt", origin="t"), 20_000)


@pytest.mark.parametrize("unit", HTML_TAILS.values(), ids=HTML_TAILS.keys())
def test_reading_a_page_with_a_hostile_tail_is_linear(unit: str) -> None:
    assert_linear(_page(unit), lambda data: read_html_article(data, name="p.html", origin="p"), 3_000)


@pytest.mark.parametrize("unit", HTML_TAILS.values(), ids=HTML_TAILS.keys())
def test_a_hostile_tail_does_not_cost_the_article(unit: str) -> None:
    result = read_html_article(_page(unit)(10_000), name="p.html", origin="p")
    assert isinstance(result, Article)
    assert "Chahab district" in result.text


@pytest.mark.parametrize("unit", [".", "!", "... ", '."'], ids=["dots", "bangs", "ellipses", "dotted quotes"])
def test_sentence_splitting_is_linear(unit: str) -> None:
    from geo.claims.nlp import split_sentences

    assert_linear(lambda n: BODY + unit * n + " and so on", split_sentences, 3_000)


@pytest.mark.parametrize("unit", [".", "<a "], ids=["30,000 dots", "10,000 unclosed tags"])
def test_extracting_claims_after_a_hostile_run_is_linear(boundaries, unit: str) -> None:
    from geo.pipeline import extract_articles

    def make(n: int) -> Article:
        if unit == ".":
            article = read_text_article(_text(unit)(n), name="t.txt", origin="t")
        else:
            article = read_html_article(_page(unit)(n), name="p.html", origin="p")
        assert isinstance(article, Article)
        return article

    assert_linear(make, lambda article: extract_articles([article]), 3_000)


@pytest.mark.parametrize("unit", [".", "<a ", "Kabul ", "Chahab district ", "A. ", "Qala-ye "],
                         ids=["dots", "unclosed tags", "one name", "one district", "initials", "connectors"])
def test_finding_place_mentions_is_linear(gazetteer, unit: str) -> None:
    from geo.places.mentions import find_mentions

    assert_linear(lambda n: BODY + unit * n + " and so on", lambda text: find_mentions(text, gazetteer), 1_000)
