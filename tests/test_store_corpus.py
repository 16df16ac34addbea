"""Corpus runs: every CorpusState survives JSON, and the store keeps the latest run of the seeds."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.config import Settings
from newsweave.corpus import CorpusState
from newsweave.errors import MalformedInput
from newsweave.model import (
    Briefing,
    BriefingSentence,
    Citation,
    ClaimStance,
    Copy,
    DatedArticle,
    Disagreement,
    Event,
    Framing,
    FramingDescriptor,
    Modality,
    Precision,
    Story,
    TimelineEntry,
    Variant,
    article_from_text,
)
from newsweave.records import corpus_from_dict, corpus_to_dict
from newsweave.run import run
from newsweave.store import SCHEMA_VERSION, Store
from newsweave.web.state import refresh_corpus

from .conftest import SEEDS
from .test_serialize import articles, date_evidence, spans_in
from .test_serialize_annotations import sources, texts_and_annotations

_ids = st.text(alphabet="abcdef0123456789:-", min_size=1, max_size=12)
_id_lists = st.lists(_ids, max_size=3).map(tuple)
_words = st.text(max_size=20)
_dates = st.none() | st.dates()

copies = st.builds(
    Copy,
    article_id=_ids,
    original_id=_ids,
    kind=st.sampled_from(["version", "wire-copy"]),
    similarity=st.floats(0, 1),
)
stories = st.builds(
    Story, id=_ids, title=_words, article_ids=_id_lists, event_ids=_id_lists, start=_dates, end=_dates
)
events = st.builds(
    Event,
    id=_ids,
    event_type=st.sampled_from(["ASSAULT", "THREATEN"]),
    label=_words,
    report_ids=_id_lists,
    article_ids=_id_lists,
    cameo=st.sampled_from(["", "190"]),
    mode=st.sampled_from(["", "aerial"]),
    actor=_id_lists,
    recipient=_id_lists,
    start=_dates,
    end=_dates,
    precision=st.sampled_from(Precision),
    date_estimated=st.booleans(),
    where=st.none() | _words,
    modality=st.sampled_from(Modality),
    background=st.booleans(),
)
variants = st.builds(
    Variant,
    value=_words,
    article_ids=_id_lists,
    outlets=_id_lists,
    report_ids=_id_lists,
    attributed_to=st.lists(st.lists(sources(50), max_size=2).map(tuple), max_size=2).map(tuple),
    independent_outlets=st.integers(0, 5),
    hedged=st.booleans(),
)
disagreements = st.builds(
    Disagreement,
    event_id=_ids,
    attribute=st.sampled_from(["method", "date"]),
    variants=st.lists(variants, max_size=3).map(tuple),
    kind=st.sampled_from(["contradiction", "possible", "update"]),
    note=_words,
)
framings = st.builds(
    Framing,
    actor_id=_ids,
    story_id=st.none() | _ids,
    descriptors=st.lists(
        st.builds(
            FramingDescriptor,
            article_id=_ids,
            outlet=st.none() | _words,
            text=_words,
            span=spans_in(50),
            kind=st.sampled_from(["appositive", "label"]),
            loaded=st.booleans(),
            quoted_from=st.none() | _words,
        ),
        max_size=2,
    ).map(tuple),
    claims=st.lists(
        st.builds(
            ClaimStance,
            event_id=_ids,
            attribute=st.sampled_from(["", "method"]),
            value=_words,
            article_id=_ids,
            outlet=st.none() | _words,
            modality=st.sampled_from(Modality),
            hedged=st.booleans(),
            attributed_to=st.lists(_words, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
)
timeline = st.builds(
    TimelineEntry,
    event_id=_ids,
    start=_dates,
    end=_dates,
    precision=st.sampled_from(Precision),
    label=_words,
    article_ids=_id_lists,
    modality=st.sampled_from(Modality),
    estimated=st.booleans(),
    story_id=st.none() | _ids,
    background=st.booleans(),
)
briefings = st.builds(
    Briefing,
    story_id=_ids,
    sentences=st.lists(
        st.builds(
            BriefingSentence,
            text=_words,
            citations=st.lists(st.builds(Citation, article_id=_ids, span=spans_in(50)), max_size=2).map(
                tuple
            ),
            section=st.sampled_from(["key-events", "disputed"]),
        ),
        max_size=2,
    ).map(tuple),
)
dated = st.builds(DatedArticle, article_id=_ids, published=date_evidence, event_id=_ids)


@st.composite
def corpus_states(draw: st.DrawFn) -> CorpusState:
    found = draw(st.lists(articles(), max_size=2, unique_by=lambda a: a.id))
    pairs = draw(st.lists(texts_and_annotations(), max_size=2, unique_by=lambda p: p[1].article_id))
    return CorpusState(
        articles=tuple(found),
        annotations={a.article_id: a for _, a in pairs},
        copies=tuple(draw(st.lists(copies, max_size=2))),
        stories=tuple(draw(st.lists(stories, max_size=2))),
        events=tuple(draw(st.lists(events, max_size=2))),
        disagreements=tuple(draw(st.lists(disagreements, max_size=2))),
        framing=tuple(draw(st.lists(framings, max_size=2))),
        timeline=tuple(draw(st.lists(timeline, max_size=2))),
        briefings=tuple(draw(st.lists(briefings, max_size=2))),
        dated=tuple(draw(st.lists(dated, max_size=2))),
    )


@settings(max_examples=60)
@given(corpus_states())
def test_corpus_round_trip_through_json(state: CorpusState) -> None:
    encoded = json.dumps(corpus_to_dict(state), ensure_ascii=False)
    assert corpus_from_dict(json.loads(encoded)) == state


@given(corpus_states())
def test_corpus_without_articles_takes_them_back_by_id(state: CorpusState) -> None:
    bare = replace(state, dated=())  # no estimated dates to apply: the articles come back as given
    d = json.loads(json.dumps(corpus_to_dict(bare, articles=False)))
    assert "articles" not in d
    assert corpus_from_dict(d, {a.id: a for a in bare.articles}) == bare


def test_corpus_naming_an_article_not_given_is_malformed() -> None:
    d = {"article_ids": ["0123456789abcdef"], "stories": []}
    with pytest.raises(MalformedInput, match=r"1 articles are not stored, e\.g\. 0123456789abcdef"):
        corpus_from_dict(d, {})
    with pytest.raises(MalformedInput, match=r"stories\[0\]: missing field 'id'"):
        corpus_from_dict({"articles": [], "stories": [{"title": "x"}]})


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "seeds.db"
    with Store.open(path) as store:
        assert run([str(SEEDS)], replace(Settings(), store_path=path), store).stored == 5
    return path


def test_an_unanalysed_store_has_no_corpus_run(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        assert store.latest_corpus() is None
    conn = sqlite3.connect(tmp_path / "empty.db")
    assert SCHEMA_VERSION >= 3
    assert conn.execute("SELECT count(*) FROM corpus_runs").fetchone() == (0,)


def test_refresh_saves_the_seeds_run_and_latest_reads_it_back(seeds_store: Path) -> None:
    with Store.open(seeds_store) as store:
        state = refresh_corpus(store, Settings())
        assert len(state.articles) == 5 and state.stories and state.events and state.disagreements
        assert store.latest_corpus() == state
        # The latest run wins.
        fewer = replace(state, stories=state.stories[:0])
        store.save_corpus(fewer)
        assert store.latest_corpus() == fewer
    row = (
        sqlite3.connect(seeds_store)
        .execute("SELECT article_ids, data FROM corpus_runs ORDER BY id")
        .fetchone()
    )
    assert sorted(json.loads(row[0])) == sorted(a.id for a in state.articles)
    assert "articles" not in json.loads(row[1])  # the store holds their text already


def test_a_run_naming_an_article_not_stored_is_malformed_at_its_row(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    _, article = article_from_text("Never stored.", source="gone.txt")
    with Store.open(path) as store:
        run_id = store.save_corpus(CorpusState(articles=(article,)))
        with pytest.raises(MalformedInput) as raised:
            store.latest_corpus()
    assert raised.value.source == f"{path}#corpus_runs/{run_id}"
