"""Quotes and attribution: quotation marks, cues, speakers and chains of sources."""

from __future__ import annotations

from functools import cache

import pytest

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, InputFormat, Quote, RawDocument
from newsweave.pipeline import build
from newsweave.stages.nlp import parse
from newsweave.stages.quotes import find_quotes, quote_marks, scare_quotes
from newsweave.stages.quotes.stage import quotes_stage

from .conftest import SEEDS

SEED_STAGES = ["clean", "metadata", "nlp", "actors", "quotes"]


@cache
def seed_quotes() -> dict[str, tuple[Quote, ...]]:
    docs = list(iter_documents([str(SEEDS)], Settings()))
    pipeline = build(SEED_STAGES)
    return {doc.source.rsplit("/", 1)[-1][:3]: pipeline.run(doc).quotes for doc in docs}


def only(quotes: tuple[Quote, ...], word: str) -> Quote:
    (found,) = [q for q in quotes if word in q.text]
    return found


# --- quotation marks ------------------------------------------------------------------------


def test_curly_and_straight_quotes() -> None:
    text = 'He said “we will win” and then "we will see" today.'
    assert [m.text for m in quote_marks(text)] == ["we will win", "we will see"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“They said ‘no deal’ and left,” she said."
    (mark,) = quote_marks(text)
    assert mark.text == "They said ‘no deal’ and left,"


def test_quote_continued_over_paragraphs() -> None:
    text = "“First part of it.\n“Second part of it.”\nAfter."
    (mark,) = quote_marks(text)
    assert mark.paragraphs == 2
    assert mark.text.startswith("First") and mark.text.endswith("Second part of it.")


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“Never closed here.\nNext paragraph is narration."
    (mark,) = quote_marks(text)
    assert mark.text == "Never closed here."


def test_headline_single_quotes() -> None:
    assert [m.text for m in quote_marks("Israel vows ‘total victory’ in Gaza")] == ["total victory"]
    assert quote_marks("Hamas’ leader and the group’s chief") == []


# --- attribution ----------------------------------------------------------------------------


def test_direct_quote_with_speaker_after() -> None:
    (quote,) = find_quotes(parse("“We will not back down from this fight,” Maria Lopez said on Monday."))
    assert quote.kind == "direct"
    assert quote.text == "We will not back down from this fight,"
    assert (quote.speaker, quote.cue) == ("Maria Lopez", "said")


def test_inverted_said_x() -> None:
    (quote,) = find_quotes(parse("“The plan has failed completely,” said John Peterson, a local farmer."))
    assert quote.speaker == "John Peterson"
    assert quote.speaker_text == "John Peterson"


def test_indirect_speech_with_that() -> None:
    quotes = find_quotes(parse("The minister said that the bridge would reopen next week."))
    (quote,) = quotes
    assert quote.kind == "indirect"
    assert quote.text == "that the bridge would reopen next week"
    assert quote.speaker_text == "The minister"


def test_according_to_a_document_names_its_owner() -> None:
    text = "The two leaders discussed the crisis during a call, according to a White House readout."
    (quote,) = find_quotes(parse(text))
    assert quote.cue == "according to"
    assert [s.kind for s in quote.via] == ["document", "organisation"]
    assert quote.via[0].name == "a White House readout"
    assert quote.speaker == "White House"


def test_reported_citing_builds_a_chain() -> None:
    text = (
        "The company is about to close its plant, Reuters reported, citing two people familiar with the plan."
    )
    (quote,) = find_quotes(parse(text))
    assert [s.name for s in quote.via] == ["Reuters", "two people familiar with the plan"]
    assert [s.kind for s in quote.via] == ["outlet", "anonymous"]
    assert quote.speaker_text == "two people familiar with the plan"
    assert quote.text == "The company is about to close its plant"


def test_partial_quote_in_indirect_sentence_is_mixed() -> None:
    text = "The mayor said the city faces “a very hard winter” after the floods."
    (quote,) = find_quotes(parse(text))
    assert quote.kind == "mixed"
    assert "“a very hard winter”" in quote.text


def test_scare_quotes_are_not_quotes() -> None:
    doc = parse("The group's “political” leader arrived in the capital on Sunday.")
    assert find_quotes(doc) == ()
    assert [m.text for m in scare_quotes(doc)] == ["political"]


def test_continued_paragraph_keeps_the_speaker() -> None:
    text = "“We are ready to talk,” the envoy said.\n“But nobody has called us back yet.”"
    quotes = find_quotes(parse(text))
    assert [q.speaker_text for q in quotes] == ["the envoy", "the envoy"]
    assert all(q.kind == "direct" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "word " * 10_000,
        "“" * 500 + "said " * 300,
        "...;;; ---",
        "Der Minister sagte, dass alles gut sei.",
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    raw = RawDocument(source="synthetic", content=text.encode(), format=InputFormat.TEXT)
    analysis = Annotations(raw=raw, doc=parse(text))
    quotes = quotes_stage(analysis, Settings()).quotes
    assert all(0 <= q.span.start <= q.span.end <= len(text) for q in quotes)


def test_one_long_line_is_parsed_in_time() -> None:
    text = ("Officials said the talks would resume. “We are hopeful,” the envoy said. " * 700)[:50_000]
    quotes = find_quotes(parse(text))
    assert len(quotes) > 500


# --- the seed articles ----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "word", "actor"),
    [
        ("000", "separate fronts", "kb:hassan-nasrallah"),
        ("001", "crossed", "kb:hassan-nasrallah"),
        ("001", "very strong likelihood", "kb:amal-saad"),
        ("001", "tactical coordination", "kb:amal-saad"),
        ("002", "help defend Israel. You saw", "kb:lloyd-austin"),
        ("003", "difficult to ascertain", "kb:john-kirby"),
        ("003", "fully expect these talks", "kb:vedant-patel"),
        ("004", "cease-fire is feasible", "kb:vali-nasr"),
        ("004", "best way to bring the temperature", "kb:antony-blinken"),
    ],
)
def test_seed_quotes_are_attributed(seed: str, word: str, actor: str) -> None:
    speakers = {q.speaker for q in seed_quotes()[seed] if word in q.text}
    assert speakers == {actor}


@pytest.mark.slow
def test_seed_000_convinced_claim_has_its_chain() -> None:
    quote = only(seed_quotes()["000"], "“convinced”")
    assert quote.kind == "mixed"
    assert quote.via[0].name == "Axios" and quote.via[0].kind == "outlet"
    assert quote.speaker_text == "three US officials"
    assert quote.via[-1].kind == "anonymous"


@pytest.mark.slow
def test_seed_001_first_quote_is_told_to_afp() -> None:
    first = next(q for q in seed_quotes()["001"] if q.kind == "direct")
    assert first.text.startswith("Two scenarios were discussed")
    assert first.cue == "told"
    assert first.speaker_text is not None and first.speaker_text.startswith("the source")
    assert [(s.name, s.kind) for s in first.via[:1]] == [("AFP", "outlet")]
    assert first.via[-1].kind == "anonymous"


@pytest.mark.slow
def test_seed_scare_quote_is_not_a_quote() -> None:
    assert not [q for q in seed_quotes()["002"] if q.text == "political"]
