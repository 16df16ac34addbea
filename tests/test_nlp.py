"""The spaCy stage on long and hostile texts: sections that join back, long runs kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.errors import InputTooLarge
from newsweave.ingest import iter_documents
from newsweave.model import InputFormat, RawDocument
from newsweave.pipeline import build
from newsweave.stages.nlp import LONG_TOKEN_CHARS, SECTION_CHARS, parse, parse_many, sections
from newsweave.stages.nlp.entities import entities_within, entity_at

CNN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cnn-2024-07" / "2024"


@pytest.fixture(scope="module")
def long_text() -> str:
    """Real cleaned CNN articles joined by blank lines, past two sections long."""
    clean = build(["clean", "metadata"])
    texts: list[str] = []
    for item in iter_documents([str(CNN)], Settings()):
        if isinstance(item, RawDocument):
            texts.append(clean.run(item).require_article().text)
            if sum(map(len, texts)) > 2.2 * SECTION_CHARS:
                break
    return "\n\n".join(texts)


def test_sections_join_back_and_end_at_paragraphs(long_text: str) -> None:
    pieces = sections(long_text)
    assert len(pieces) >= 3
    assert "".join(pieces) == long_text
    assert all(len(piece) <= SECTION_CHARS for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_sections_of_text_without_spaces_are_cut_hard() -> None:
    text = "x" * (2 * SECTION_CHARS + 7)
    pieces = sections(text)
    assert "".join(pieces) == text
    assert [len(p) for p in pieces] == [SECTION_CHARS, SECTION_CHARS, 7]


def test_long_text_parses_into_one_doc_over_the_whole_text(long_text: str) -> None:
    doc = parse(long_text)
    assert doc.text == long_text
    assert all(long_text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")
    # the last section was parsed too: entities and sentences reach the end of the text
    assert max(ent.end_char for ent in doc.ents) > len(long_text) - SECTION_CHARS
    assert list(doc.sents)[-1].end_char >= len(long_text.rstrip())


def test_parse_many_keeps_order_and_texts(long_text: str) -> None:
    texts = ["Iran vowed to retaliate.", long_text[:150_000], "", "Hamas said so."]
    docs = list(parse_many(texts))
    assert [doc.text for doc in docs] == texts


def test_a_long_run_without_spaces_is_one_token() -> None:
    # 40,000 '&' took the tokenizer 173 s: it strips one prefix at a time
    run = "&" * 60_000
    doc = parse(f"The minister said {run} today.")
    assert [t.text for t in doc if len(t.text) > LONG_TOKEN_CHARS] == [run]
    assert doc[-1].text == "."


def test_entity_lookups_from_iob_tags_match_doc_ents() -> None:
    doc = parse("Ismail Haniyeh was killed in Tehran, Iran, on Wednesday, the Revolutionary Guards said.")
    for ent in doc.ents:
        for token in ent:
            found = entity_at(token)
            assert found is not None and (found.start, found.end) == (ent.start, ent.end)
    assert entities_within(doc, 0, len(doc)) == [(e.start, e.end) for e in doc.ents]
    inside = [(e.start, e.end) for e in doc.ents if e.start >= 1]
    assert entities_within(doc, 1, len(doc)) == inside
    assert entity_at(doc[2]) is None  # "was"


def test_the_stage_refuses_a_text_over_max_doc_chars_before_parsing() -> None:
    # Run in one process, the stage itself guards memory; the batch runner checks the same first.
    pipeline = build(["clean", "nlp"], Settings(max_doc_chars=20))
    text = b"A sentence well over twenty characters."
    raw = RawDocument(source="long.txt", content=text, format=InputFormat.TEXT)
    with pytest.raises(InputTooLarge, match=r"too large: 39 characters of text, over the 20-character limit"):
        pipeline.run(raw)
