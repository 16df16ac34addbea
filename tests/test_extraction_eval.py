"""The scrapinghub body-F1 scorer, and newsweave's extraction against trafilatura's defaults."""

from __future__ import annotations

import pytest

from newsweave.eval.extraction import (
    ExtractionScores,
    aggregate,
    markdown_table,
    page_counts,
    score_extraction,
    shingles,
)

from .conftest import SHARED

F1_FLOOR = 0.95


def test_shingles_are_four_word_windows() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("Short, text.") == {("Short", "text"): 1}
    assert not shingles(" ... ")


def test_page_counts_are_normalised() -> None:
    perfect = page_counts("one two three four five", "one two three four five")
    assert (perfect.tp, perfect.fp, perfect.fn) == (1.0, 0.0, 0.0)
    half = page_counts("a b c d e", "a b c d x")
    assert (half.tp, half.fp, half.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    missing = page_counts("a b c d e", "")
    assert (missing.tp, missing.fp, missing.fn) == (0.0, 0.0, 1.0)


def test_aggregate_averages_pages_then_takes_f1() -> None:
    score = aggregate([page_counts("a b c d e", "a b c d e"), page_counts("a b c d e", "")])
    assert score.pages == 2
    assert score.precision == 1.0  # the empty prediction has no precision to average
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(2 / 3)


@pytest.fixture(scope="module")
def scores() -> ExtractionScores:
    return score_extraction(SHARED / "corpus" / "scrapinghub-extraction")


@pytest.mark.slow
def test_body_f1_floor_and_not_worse_than_trafilatura(scores: ExtractionScores) -> None:
    assert scores.ours.pages == scores.trafilatura.pages == 181
    assert scores.ours.f1 >= F1_FLOOR
    assert scores.ours.f1 >= scores.trafilatura.f1
    table = markdown_table(scores)
    assert "| newsweave |" in table and "trafilatura" in table
