"""NewsWCL50 word-choice evaluation: gold reading, scoring helpers, and floors on real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.eval.newswcl50 import main
from newsweave.eval.newswcl50.gold import CONLL, GoldMention, gold_document, load_documents, read_conll
from newsweave.eval.newswcl50.report import render_table
from newsweave.eval.newswcl50.scoring import WclScores, b_cubed, score_newswcl50, wording_pairs
from newsweave.model import Span


@pytest.fixture(scope="module")
def data(shared: Path) -> Path:
    return shared / "eval" / "newswcl50"


@pytest.fixture(scope="module")
def scores(data: Path) -> WclScores:
    return score_newswcl50(data)  # all 50 documents, ≈35 s


def test_gold_documents_are_rebuilt_with_exact_spans(data: Path) -> None:
    documents = load_documents(data)
    assert len(documents) == 50
    assert {d.key.split("_")[1] for d in documents} == {"LL", "L", "M", "R", "RR"}
    mentions = [m for d in documents for m in d.mentions]
    assert len(mentions) == 3773  # ACTOR 1,260 + ACTOR-I 479 + COUNTRY 1,547 + GROUP 487
    for document in documents:
        for m in document.mentions:
            assert m.span.of(document.text) == m.text
            assert m.span.start <= m.head.start and m.head.end <= m.span.end


def test_heads_and_labels(data: Path) -> None:
    sentences = read_conll(data / CONLL)["0_LL"]
    document = gold_document("0_LL", sentences)
    first = {m.text: m for m in document.mentions}
    assert first["CIA Director"].head_word == "director"
    assert first["Envoys from the South"].head_word == "envoys"
    assert first["North Korean leader"].is_label
    assert not first["Mike Pompeo"].is_label


def _mention(text: str) -> GoldMention:
    return GoldMention(
        span=Span(start=0, end=len(text)),
        head=Span(start=0, end=1),
        concept="c",
        type="ACTOR",
        text=text,
        head_word="",
    )


def test_pronouns_and_names_are_not_labels() -> None:
    assert not _mention("he").is_label
    assert not _mention("Kim Jong Un").is_label
    assert _mention("the North Korean leader").is_label
    assert _mention("Trump's CIA chief").is_label


def test_b_cubed() -> None:
    perfect = b_cubed(["a", "a", "b"], ["x", "x", "y"])
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    lumped = b_cubed(["a", "a", "b"], ["x", "x", "x"])
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx(5 / 9)


def test_wording_pairs_ignore_identical_wording() -> None:
    gold = ["kim", "kim", "kim", "moon"]
    texts = ["kim", "kim", "the leader", "moon"]
    # Differently-worded gold pairs: (kim, the leader) twice. We link one mention of "kim"
    # with "the leader", and wrongly "moon" with the other "kim".
    assert wording_pairs(gold, ["A", "B", "A", "B"], texts) == (2, 1, 2)


def test_floors(scores: WclScores) -> None:
    """Measured on all 50 documents: head recall 0.706 (labels 0.301), B³ F1 0.753 over found
    mentions and 0.529 end to end (baselines: same text 0.337, same head word 0.507),
    differently-worded pairs precision 0.952 recall 0.237."""
    assert scores.recall_head.value >= 0.70
    assert scores.recall_overlap.value >= 0.82
    assert scores.label_recall_head.value >= 0.30
    assert scores.linking_found.f1 >= 0.75
    assert scores.linking_end_to_end.f1 >= 0.52
    assert scores.linking_end_to_end.f1 > scores.baseline_head.f1 > scores.baseline_text.f1
    assert scores.wording_pairs.precision >= 0.95
    assert scores.wording_pairs.recall >= 0.23


def test_table_and_bad_input(scores: WclScores, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = render_table(scores)
    assert "| ours, end to end |" in table and "NewsWCL50: 50 documents" in table
    assert main([str(tmp_path)]) == 2
    assert "cannot read NewsWCL50" in capsys.readouterr().err
