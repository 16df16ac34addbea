"""PLOVER event-type accuracy on the 322 PLOVER gold records. Floors may only go up."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.eval.plover import DEFAULT_GOLD, evaluate, load_gold, main, render, score

# Measured 0.792 accuracy / 0.773 macro-F1 (rounded down to 0.01).
ACCURACY_FLOOR = 0.79
MACRO_F1_FLOOR = 0.77


@pytest.fixture(scope="module")
def gold_path() -> Path:
    if not DEFAULT_GOLD.is_file():
        pytest.fail(f"{DEFAULT_GOLD} is missing: the tests read real data from ../shared")
    return DEFAULT_GOLD


def test_gold_records_are_loaded_with_current_labels(gold_path: Path) -> None:
    records = load_gold(gold_path)
    assert len(records) == 322
    labels = {r.event for r in records}
    assert not labels & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    assert len(labels) == 16


def test_event_type_accuracy_floor(gold_path: Path) -> None:
    result = evaluate(gold_path)
    assert result.n == 322
    assert result.accuracy >= ACCURACY_FLOOR
    assert result.macro_f1 >= MACRO_F1_FLOOR
    assert "| ASSAULT |" in render(result)


def test_score_counts_per_type() -> None:
    result = score(["ASSAULT", "ASSAULT", "AGREE", "REJECT"], ["ASSAULT", "AGREE", "AGREE", "NONE"])
    assert result.correct == 2
    assert result.accuracy == 0.5
    by_type = {s.event: s for s in result.per_type}
    assert (by_type["ASSAULT"].counts.precision, by_type["ASSAULT"].counts.recall) == (1.0, 0.5)
    assert by_type["AGREE"].counts.precision == 0.5
    assert by_type["REJECT"].counts.f1 == 0.0
    assert ("ASSAULT", "AGREE", 1) in result.confusions


def test_unreadable_gold_file_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "gold.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="PLOVER"):
        load_gold(broken)
    assert main([str(tmp_path / "missing.json")]) == 2
