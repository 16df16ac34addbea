"""MEANTIME entity and event mention evaluation: span conversion, matching, and score floors.

The floors are the measured scores rounded down to 0.05; they may only go up.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsweave.errors import InputError
from newsweave.eval.detokenise import render
from newsweave.eval.meantime import main
from newsweave.eval.meantime.gold import GOLD_TYPES, GoldDocument, GoldMention, load_documents
from newsweave.eval.meantime.predictions import Predicted
from newsweave.eval.meantime.scoring import MeantimeScores, match, score_layers, score_meantime
from newsweave.model import Span


@pytest.fixture(scope="module")
def data_dir(shared: Path) -> Path:
    return shared / "eval" / "meantime-en"


@pytest.fixture(scope="module")
def documents(data_dir: Path) -> list[GoldDocument]:
    return load_documents(data_dir)


@pytest.fixture(scope="module")
def scores(data_dir: Path) -> MeantimeScores:
    return score_meantime(data_dir)


def _gold(start: int, end: int, head: tuple[int, int] | None = None) -> GoldMention:
    head_span = Span(start=head[0], end=head[1]) if head else Span(start=start, end=end)
    return GoldMention(span=Span(start=start, end=end), head=head_span, type="PERSON", lemma="x", pos="NOUN")


def test_render_spaces_tokens_like_english_and_keeps_offsets() -> None:
    sentences = [
        ["Acme", "'s", "plan"],
        ["May", "01", ",", "2008"],
        ["He", "said", "``", "no", "''", "(", "twice", ")", "for", "$", "5", "."],
        ["It", "is", '"', "fine", '"', "."],
    ]
    text, offsets = render(sentences)
    assert text == 'Acme\'s plan\n\nMay 01, 2008\n\nHe said "no" (twice) for $5. It is "fine".'
    for tokens, spans in zip(sentences, offsets, strict=True):
        forms = [text[start:end] for start, end in spans]
        assert forms == [{"``": '"', "''": '"'}.get(t, t) for t in tokens]


def test_gold_spans_cover_the_gold_tokens(data_dir: Path, documents: list[GoldDocument]) -> None:
    assert len(documents) == 120
    assert all(d.date is not None for d in documents)
    by_key = {d.key: d for d in documents}
    assert by_key["corpus_airbus/100911"].date == dt.date(2008, 3, 1)
    records = json.loads((data_dir / "entities_mentions.json").read_text(encoding="utf-8"))
    assert sum(len(d.entities) for d in documents) == len(records)
    for document in documents:
        for gold in document.entities + document.events:
            assert gold.span.start <= gold.head.start < gold.head.end <= gold.span.end
    first = {r["tokens_str"] for r in records if r["conll_doc_key"] == "corpus_airbus/100911"}
    texts = {g.span.of(by_key["corpus_airbus/100911"].text) for g in by_key["corpus_airbus/100911"].entities}
    assert {"Northrop Grumman", "the biggest contract of its kind"} <= first & texts


def test_annotated_part_ends_after_the_sixth_sentence(documents: list[GoldDocument]) -> None:
    document = next(d for d in documents if d.key == "corpus_airbus/100911")
    annotated = document.text[: document.annotated_end]
    assert annotated.count("\n\n") == 2
    assert 0 < document.annotated_end < len(document.text)


def test_match_counts_exact_head_and_one_to_one_overlap() -> None:
    gold = [_gold(0, 10, head=(6, 10)), _gold(0, 4), _gold(20, 25)]
    result = match([Span(start=0, end=4), Span(start=5, end=10), Span(start=30, end=31)], gold)
    assert (result.exact.predicted, result.exact.gold, result.exact.matched) == (3, 3, 1)
    assert result.head.matched == 2  # [5, 10) holds the head of [0, 10); [0, 4) is its own head
    assert result.overlap.matched == 2
    assert result.overlap.precision == pytest.approx(2 / 3)
    # One wide prediction overlapping two gold mentions matches only one of them.
    assert match([Span(start=0, end=25)], gold).overlap.matched == 1


def test_gold_against_itself_scores_one_and_nothing_scores_zero(documents: list[GoldDocument]) -> None:
    perfect = [
        Predicted(
            mentions=tuple((g.span, g.type) for g in d.entities), triggers=tuple(g.span for g in d.events)
        )
        for d in documents
    ]
    for annotated_only in (True, False):
        layers = score_layers(documents, perfect, annotated_only=annotated_only)
        for scores in (layers.entities, layers.events, *(s for _, s in layers.entity_types)):
            assert scores.exact.f1 == scores.head.f1 == scores.overlap.f1 == 1.0
        assert [name for name, _ in layers.entity_types] == list(GOLD_TYPES)
    empty = score_layers(
        documents, [Predicted(mentions=(), triggers=())] * len(documents), annotated_only=True
    )
    assert empty.entities.overlap.gold > 2000
    assert empty.entities.overlap.recall == empty.events.overlap.recall == 0.0
    assert empty.entities.exact.precision == 0.0


def test_missing_data_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="MEANTIME"):
        load_documents(tmp_path)
    assert main([str(tmp_path)]) == 2


def test_entity_scores_stay_above_their_floors(scores: MeantimeScores) -> None:
    annotated = scores.annotated
    assert scores.entity_documents == 106
    assert annotated.entities.exact.f1 >= 0.40
    assert annotated.entities.head.f1 >= 0.50
    assert annotated.entities.overlap.f1 >= 0.55
    assert annotated.entities.overlap.precision >= 0.90
    types = dict(annotated.entity_types)
    assert types["PERSON"].overlap.f1 >= 0.40
    assert types["ORGANIZATION"].overlap.f1 >= 0.65
    assert types["LOCATION"].overlap.f1 >= 0.70
    assert scores.whole.entities.overlap.f1 >= 0.45


def test_event_scores_stay_above_their_floors(scores: MeantimeScores) -> None:
    assert scores.event_documents == 60
    events = scores.annotated.events
    assert events.overlap.f1 >= 0.15
    assert events.overlap.precision >= 0.30
    assert events.overlap.recall >= 0.10
    assert scores.annotated.lexicon_events.recall >= 0.45
    assert scores.whole.events.overlap.f1 >= 0.10


def test_every_meantime_document_is_analysed(scores: MeantimeScores) -> None:
    assert scores.failed == ()
