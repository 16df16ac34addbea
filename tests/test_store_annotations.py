"""Annotations in the store: identity on write/read, upsert, the v1→v2 migration, atomic adds."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import StoreError
from newsweave.model import (
    Annotations,
    Article,
    EventReport,
    InputFormat,
    Mention,
    MentionKind,
    Quote,
    RawDocument,
    Span,
)
from newsweave.store import MIGRATIONS, SCHEMA_VERSION, Store
from newsweave.store.schema import migrate, user_version

from .conftest import seed_path
from .test_serialize import raw_documents
from .test_serialize_annotations import texts_and_annotations
from .test_store import assert_sound, numbered_document, stored_pair


@st.composite
def annotated(draw: st.DrawFn) -> tuple[RawDocument, Article, Annotations]:
    """A raw document, its article and annotations that fit the article's text."""
    text, annotations = draw(texts_and_annotations())
    raw, article = stored_pair(draw(raw_documents), Article(id="", source="a.txt", text=text))
    return raw, article, dataclasses.replace(annotations, article_id=article.id)


def annotations_for(article: Article, *, stages: tuple[str, ...] = ("actors",)) -> Annotations:
    """Mentions of the first two words of ``article``'s text, found in the text itself."""
    words = [m.span() for m in re.finditer(r"\w+", article.text)][:2]
    mentions = tuple(
        Mention(
            span=Span(start=s, end=e), text=article.text[s:e], label="X", kind=MentionKind.NAME, actor_id=None
        )
        for s, e in words
    )
    return Annotations(article_id=article.id, mentions=mentions, stages=stages, version="0.1.0")


@pytest.fixture
def store_with_one() -> Iterator[tuple[Store, Article]]:
    with Store.open(":memory:") as store:
        raw, article = numbered_document(1)
        store.add(raw, article)
        yield store, article


# -- write then read is the identity


@settings(max_examples=60, deadline=None)
@given(annotated())
def test_annotations_added_with_their_article_read_back_unchanged(
    triple: tuple[RawDocument, Article, Annotations],
) -> None:
    raw, article, annotations = triple
    with Store.open(":memory:") as store:
        assert store.add(raw, article, annotations).status == "new"
        assert store.annotations(article.id) == annotations
        assert store.get(article.id) == article


@settings(max_examples=60, deadline=None)
@given(annotated())
def test_annotations_saved_later_read_back_unchanged(
    triple: tuple[RawDocument, Article, Annotations],
) -> None:
    raw, article, annotations = triple
    with Store.open(":memory:") as store:
        store.add(raw, article)
        assert store.annotations(article.id) is None
        store.save_annotations(annotations)
        assert store.annotations(article.id) == annotations


def test_annotations_of_a_real_article_survive_reopening(tmp_path: Path, shared: Path) -> None:
    data = seed_path("002").read_bytes()
    raw = RawDocument(source="seed-002", content=data, format=InputFormat.TEXT)
    _, article = stored_pair(raw, Article(id="", source="seed-002", text=data.decode("utf-8")))
    text = article.text
    found = [m.span() for m in re.finditer("Haniyeh", text)]
    mentions = tuple(
        Mention(
            span=Span(start=s, end=e), text=text[s:e], label="PERSON", kind=MentionKind.NAME, actor_id="kb:h"
        )
        for s, e in found
    )
    end = text.index(".") + 1
    report = EventReport(
        id=f"{article.id}:0",
        span=Span(start=0, end=end),
        trigger=Span(start=0, end=1),
        trigger_text=text[0],
        event_type="ASSAULT",
    )
    annotations = Annotations(article_id=article.id, mentions=mentions, reports=(report,), stages=("actors",))
    path = tmp_path / "seed.db"
    with Store.open(path) as store:
        store.add(raw, article, annotations)
    with Store.open(path) as store:
        back = store.annotations(article.id)
        sentence = store._conn.execute(
            "SELECT json_extract(data, '$.reports[0].text') FROM analyses"
        ).fetchone()
    assert back == annotations
    assert back is not None
    assert len(back.mentions) == len(found) >= 3
    assert {m.span.of(text) for m in back.mentions} == {"Haniyeh"}
    assert sentence == (text[:end],)  # the evidence sentence is spelled out for readers of the database


# -- upsert


def test_saving_again_replaces_the_annotations(store_with_one: tuple[Store, Article]) -> None:
    store, article = store_with_one
    first = annotations_for(article, stages=("actors",))
    second = dataclasses.replace(
        first, mentions=first.mentions[:1], stages=("actors", "quotes"), version="0.2.0"
    )
    store.save_annotations(first)
    store.save_annotations(second)
    assert store.annotations(article.id) == second
    rows = store._conn.execute("SELECT article_id, stages, version FROM analyses").fetchall()
    assert rows == [(article.id, '["actors", "quotes"]', "0.2.0")]


def test_annotations_of_an_article_not_stored_are_refused(store_with_one: tuple[Store, Article]) -> None:
    store, _ = store_with_one
    with pytest.raises(
        StoreError, match="cannot store annotations of article nope: no such article"
    ) as caught:
        store.save_annotations(Annotations(article_id="nope"))
    assert caught.value.source == ":memory:"
    assert store.annotations("nope") is None


def test_annotations_that_do_not_fit_the_text_are_refused(store_with_one: tuple[Store, Article]) -> None:
    store, article = store_with_one
    good = annotations_for(article)
    store.save_annotations(good)
    size = len(article.text)
    bad = Quote(span=Span(start=0, end=size + 1), text="", kind="direct", speaker=None)
    with pytest.raises(StoreError, match=r"lies outside the text"):
        store.save_annotations(dataclasses.replace(good, quotes=(bad,), version="broken"))
    assert store.annotations(article.id) == good  # the failed save changed nothing


# -- add with annotations is one transaction


def test_add_with_annotations_that_do_not_fit_rolls_back_the_article_too(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    raw, article = numbered_document(1)
    outside = Span(start=0, end=len(article.text) + 5)
    bad = dataclasses.replace(
        annotations_for(article),
        mentions=(Mention(span=outside, text="", label="X", kind=MentionKind.NAME, actor_id=None),),
    )
    with Store.open(path) as store:
        with pytest.raises(StoreError, match=f"cannot store article {article.id}: .*outside the text"):
            store.add(raw, article, bad)
        assert store.count() == 0
        assert store.annotations(article.id) is None
        assert store.add(raw, article, annotations_for(article)).status == "new"  # the bytes were not kept
        assert store.annotations(article.id) == annotations_for(article)
    assert_sound(path)


def test_a_database_failure_writing_annotations_rolls_back_the_article(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    raw, article = numbered_document(1)
    with Store.open(path) as store:
        store.add(*numbered_document(0))
        # A real SQLite failure after the document and article rows went in.
        store._conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON analyses BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
        with pytest.raises(StoreError, match="disk says no"):
            store.add(raw, article, annotations_for(article))
        assert store.count() == 1
        assert store._conn.execute("SELECT count(*) FROM documents").fetchone() == (1,)
        store._conn.execute("DROP TRIGGER refuse")
        assert store.add(raw, article).status == "new"
        assert store.annotations(article.id) is None
    assert_sound(path)


def test_add_refuses_annotations_of_another_article(store_with_one: tuple[Store, Article]) -> None:
    store, _ = store_with_one
    raw, article = numbered_document(2)
    with pytest.raises(StoreError, match="annotations of article other given with article"):
        store.add(raw, article, Annotations(article_id="other"))
    assert store.count() == 1


def test_a_duplicate_add_leaves_stored_annotations_alone(store_with_one: tuple[Store, Article]) -> None:
    store, article = store_with_one
    raw, _ = numbered_document(1)
    first = annotations_for(article)
    store.save_annotations(first)
    again = store.add(raw, article, dataclasses.replace(first, version="9.9"))
    assert again.status == "duplicate"
    assert store.annotations(article.id) == first


def test_the_existing_two_argument_add_still_works(store_with_one: tuple[Store, Article]) -> None:
    store, article = store_with_one
    assert store.get(article.id) == article
    assert store.annotations(article.id) is None


# -- migration


def test_a_v1_store_migrates_to_the_current_schema_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1], source=str(path)) == 0
    v1_store = Store(conn, str(path))  # a store as newsweave with schema 1 wrote it
    pairs = [numbered_document(i) for i in range(3)]
    for raw, article in pairs:
        v1_store.add(raw, article)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'analyses'").fetchall() == []
    v1_store.close()

    with Store.open(path) as store:
        assert user_version(store._conn) == SCHEMA_VERSION >= 2
        assert store.count() == 3
        for raw, article in pairs:
            assert store.get(article.id) == article
            assert store.raw(article.id) == raw
            assert store.annotations(article.id) is None
        store.save_annotations(annotations_for(pairs[0][1]))
    with Store.open(path) as store:
        assert store.annotations(pairs[0][1].id) == annotations_for(pairs[0][1])
    assert_sound(path)
