"""The 'actors' stage on the real seeds and on bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import pytest

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import ActorKind, Annotations, Article, DateEvidence, DateKind, MentionKind
from newsweave.pipeline import build
from newsweave.stages.actors import actor_at, resolve_actors
from newsweave.stages.nlp import parse

from .conftest import SEEDS


@cache
def seeds() -> tuple[Annotations, ...]:
    documents = sorted(iter_documents([str(SEEDS)], Settings()), key=lambda d: d.source)
    pipeline = build(["clean", "metadata", "nlp", "actors"])
    return tuple(pipeline.run(d) for d in documents)


def seed(prefix: str) -> Annotations:
    (found,) = [a for a in seeds() if f"/{prefix}_" in a.raw.source]
    return found


def mentions_of(analysis: Annotations, text: str) -> Iterator[str | None]:
    return (m.actor_id for m in analysis.mentions if m.text == text)


def test_haniyeh_is_one_actor_in_all_five_articles_apart_from_hamas(shared: object) -> None:
    assert len(seeds()) == 5
    for analysis in seeds():
        ids = {m.actor_id for m in analysis.mentions if "Haniy" in m.text and m.kind is MentionKind.NAME}
        assert ids == {"kb:ismail-haniyeh"}, analysis.raw.source
        assert set(mentions_of(analysis, "Hamas")) == {"kb:hamas"}


@pytest.mark.parametrize(
    ("prefix", "names", "actor_id"),
    [
        ("000", ("Hassan Nasrallah", "Nasrallah"), "kb:hassan-nasrallah"),
        ("001", ("Amal Saad",), "kb:amal-saad"),
        ("002", ("Lloyd Austin", "Austin"), "kb:lloyd-austin"),
        ("003", ("John Kirby",), "kb:john-kirby"),
        ("003", ("Vedant Patel", "Patel"), "kb:vedant-patel"),
        ("004", ("Vali Nasr",), "kb:vali-nasr"),
        ("004", ("Antony Blinken", "Blinken"), "kb:antony-blinken"),
        ("002", ("Masoud Pezeshkian", "Pezeshkian"), "kb:masoud-pezeshkian"),
    ],
)
def test_quoted_people_resolve_to_one_actor(
    shared: object, prefix: str, names: tuple[str, ...], actor_id: str
) -> None:
    analysis = seed(prefix)
    for name in names:
        assert set(mentions_of(analysis, name)) == {actor_id}, name
    actor = next(a for a in analysis.actors if a.id == actor_id)
    assert actor.kind is ActorKind.PERSON and actor.in_kb


def test_west_jerusalem_is_israels_government_and_axios_an_outlet(shared: object) -> None:
    analysis = seed("000")
    (west,) = [m for m in analysis.mentions if m.text == "West Jerusalem"]
    assert (west.kind, west.label, west.actor_id) == (MentionKind.METONYM, "GPE", "kb:israel")
    (axios,) = [m for m in analysis.mentions if m.text == "Axios"]
    assert axios.label != "GPE"
    assert next(a for a in analysis.actors if a.id == axios.actor_id).kind is ActorKind.OUTLET
    # The place use of Tehran stays a location; "Tehran launched" is the government.
    tehran = [(m.kind, m.actor_id) for m in analysis.mentions if m.text == "Tehran"]
    assert (MentionKind.NAME, "kb:tehran") in tehran
    assert (MentionKind.METONYM, "kb:iran") in tehran


def test_descriptors_of_haniyeh(shared: object) -> None:
    def described(prefix: str) -> set[str]:
        return {d.text for d in seed(prefix).descriptors if d.actor_id == "kb:ismail-haniyeh"}

    assert "Hamas political chief" in described("000")
    assert "Hamas terror chief" in described("002")
    assert "Palestinian Hamas terror leader" in described("002")
    assert any(t.startswith("the head of the Gaza-based militant group") for t in described("000"))
    nominals = {(d.text, d.actor_id) for d in seed("000").descriptors if d.kind == "nominal"}
    assert ("the Gaza-based militant group", "kb:hamas") in nominals


def test_descriptor_and_mention_spans_point_into_the_text(shared: object) -> None:
    for analysis in seeds():
        text = analysis.require_article().text
        for mention in analysis.mentions:
            assert mention.span.of(text) == mention.text
        for descriptor in analysis.descriptors:
            assert descriptor.span.of(text) == descriptor.text
        known = {a.id for a in analysis.actors}
        assert {m.actor_id for m in analysis.mentions} <= known


def test_titles_resolve_to_the_holder_on_the_date(shared: object) -> None:
    # 001 has no publication date: "the Hamas leader" resolves because the article names Haniyeh.
    titles = {(m.text, m.actor_id) for m in seed("001").mentions if m.kind is MentionKind.TITLE}
    assert ("the Hamas leader", "kb:ismail-haniyeh") in titles
    assert ("Hezbollah’s top military commander", "kb:fuad-shukr") in titles


def test_iranian_president_title_uses_the_kb_and_the_date() -> None:
    doc = parse("The Iranian president said Iran would respond. He spoke in Tehran.")
    article = seed_article_with_date("2024-08-01", doc.text)
    result = resolve_actors(doc, article)
    by_text = {m.text: m.actor_id for m in result.mentions}
    assert by_text["The Iranian president"] == "kb:masoud-pezeshkian"
    assert by_text["He"] == "kb:masoud-pezeshkian"
    before = resolve_actors(doc, seed_article_with_date("2024-03-01", doc.text))
    assert {m.text: m.actor_id for m in before.mentions}["The Iranian president"] == "kb:ebrahim-raisi"
    undated = resolve_actors(doc, None)
    assert "The Iranian president" not in {m.text for m in undated.mentions}


def seed_article_with_date(iso: str, text: str) -> Article:
    published = DateEvidence(value=dt.date.fromisoformat(iso), kind=DateKind.METADATA, confidence=1.0)
    return Article(id="synthetic", source="synthetic", text=text, published=published)


def test_unknown_names_become_one_new_actor_per_article() -> None:
    doc = parse("Zorblat Quenmire spoke on Monday. Quenmire said the plan would fail.")
    result = resolve_actors(doc, None)
    ids = {m.actor_id for m in result.mentions if "Quenmire" in m.text}
    assert ids == {"new:zorblat-quenmire"}
    (actor,) = [a for a in result.actors if a.id == "new:zorblat-quenmire"]
    assert not actor.in_kb and actor.kind is ActorKind.PERSON


def test_actor_at_prefers_covering_then_head_mention(shared: object) -> None:
    analysis = seed("000")
    text = analysis.require_article().text
    start = text.index("Hamas political chief Ismail Haniyeh")
    end = start + len("Hamas political chief Ismail Haniyeh")
    assert actor_at(analysis.mentions, start, end) == "kb:ismail-haniyeh"
    hamas = text.index("Hamas political chief")
    assert actor_at(analysis.mentions, hamas, hamas + len("Hamas")) == "kb:hamas"
    assert actor_at(analysis.mentions, 0, 0) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "x" * 50_000,
        ("Haniyeh said he would respond and Tehran said it would too " * 900)[:50_000],
        "!!! ... ??? —",
        "Хамас заявил, что Исмаил Хания был убит в Тегеране. Он был лидером движения.",
        "Le président iranien a déclaré que Téhéran répondrait.",
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    doc = parse(text)
    result = resolve_actors(doc, None)
    for mention in result.mentions:
        assert mention.span.of(text) == mention.text
    actor_at(result.mentions, 0, len(text))
