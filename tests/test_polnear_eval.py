"""The PolNeAR attribution scorer, and newsweave's quotes scored on the dev split."""

from __future__ import annotations

from operator import attrgetter

import pytest

from newsweave.errors import InputError
from newsweave.eval.polnear import (
    Document,
    evaluate,
    load_split,
    markdown_table,
    parse_ann,
    score_document,
)
from newsweave.model import Quote, Span

from .conftest import SHARED

DEV = SHARED / "eval" / "polnear" / "dev"
# Measured on the full dev split with `python -m newsweave.eval.polnear`, rounded down to 0.05.
# Floors may only go up.
FLOORS = {
    "content.precision": 0.70,
    "content.recall": 0.45,
    "content.f1": 0.55,
    "tokens.f1": 0.75,
    "source_accuracy": 0.75,
    "cue_accuracy": 0.80,
}

ANN = "\n".join(
    [
        "T1\tSource 0 9\tThe mayor",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 40;45 50\tthe bridge would reopen soon",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 60 64\tsaid",
        "E2\tAttribution:T5 Cue:T5",
    ]
)


def test_parse_ann_reads_discontinuous_spans_and_skips_contentless() -> None:
    (gold,) = parse_ann(ANN)
    assert gold.source == (Span(start=0, end=9),)
    assert gold.cue == (Span(start=10, end=14),)
    assert gold.content == (Span(start=15, end=40), Span(start=45, end=50))


def test_score_document_matches_by_half_overlap() -> None:
    text = "The mayor said the bridge would reopen next week, officials added."
    ann = "T1\tSource 0 9\tx\nT2\tCue 10 14\tx\nT3\tContent 15 48\tx\n"
    (gold,) = parse_ann(ann + "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1")
    document = Document(name="synthetic", text=text, gold=(gold,))
    good = Quote(
        span=Span(start=15, end=38),
        text="",
        kind="indirect",
        speaker="mayor",
        speaker_span=Span(start=4, end=9),
        cue="said",
        cue_span=Span(start=10, end=14),
    )
    short = Quote(span=Span(start=15, end=25), text="", kind="indirect", speaker=None)
    hit = score_document(document, [good])
    assert (hit.content.matched, hit.source_correct, hit.cue_correct) == (1, 1, 1)
    miss = score_document(document, [short])
    assert (miss.content.matched, miss.content.predicted, miss.content.gold) == (0, 1, 1)
    assert 0 < miss.tokens.precision <= 1 and miss.tokens.recall < 1


def test_missing_split_is_an_input_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        load_split(tmp_path)


@pytest.mark.slow
def test_dev_scores_stay_above_floors() -> None:
    if not DEV.is_dir():
        pytest.fail(f"{DEV} is missing")
    scores = evaluate(DEV)
    assert scores.documents == 84
    assert scores.content.gold > 2000
    table = markdown_table(scores)
    assert "content match F1" in table
    for name, floor in FLOORS.items():
        value = attrgetter(name)(scores)
        assert value >= floor, (name, value, table)
