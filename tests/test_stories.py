"""Stories: the seeds form one story; batches join existing stories; CNN's on-story articles stay together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsweave.batch import analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, build_corpus_pipeline
from newsweave.corpus.stories import StoryParams, assign_stories, candidate_pairs, vectors, within_window
from newsweave.eval.stories import (
    PERIPHERAL,
    cluster,
    onstory_files,
    onstory_slugs,
    prepare,
    score_onstory,
)
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, Article, DateEvidence, DateKind, RawDocument
from newsweave.pipeline import build
from newsweave.run import annotations_of

# Off-story CNN files of the same weeks: other stories the on-story ones must not absorb.
OFF_STORY = (
    "2024/07/19/*crowdstrike*.md",
    "2024/07/26/*olympic*.md",
    "2024/07/22/biden-will-not-seek*.md",
    "2024/07/22/biden-faces*.md",
    "2024/07/29/*venezuela*.md",
)


@pytest.fixture(scope="module")
def seeds(shared: Path) -> tuple[list[Article], dict[str, Annotations]]:
    pipeline = build()
    raws = [r for r in iter_documents([str(shared / "seeds")], Settings()) if isinstance(r, RawDocument)]
    results = [r for r in analyse(raws, pipeline) if isinstance(r, Annotations)]
    articles = [r.require_article() for r in results]
    return articles, {a.id: annotations_of(r, pipeline.names) for a, r in zip(articles, results, strict=True)}


def test_the_five_seeds_form_one_story(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    assert len(articles) == 5
    state = build_corpus_pipeline(["copies", "stories"]).run(
        CorpusState(articles=tuple(articles), annotations=annotations)
    )
    (story,) = state.stories
    assert set(story.article_ids) == {a.id for a in articles}
    assert story.title in {a.title for a in articles}
    assert story.start == dt.date(2024, 7, 31) and story.end == dt.date(2024, 8, 1)


def test_a_new_batch_joins_the_existing_story(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    first = assign_stories((), articles[:3], annotations=annotations)
    assert len(first) == 1
    other = Article(
        id="football",
        source="test:football",
        text="Leeds beat Sheffield 3-1 on Sunday in the league; the goals came from corners and a penalty.",
        title="Leeds beat Sheffield",
    )
    after = assign_stories(first, [*articles[3:], other], known=articles[:3], annotations=annotations)
    by_id = {s.id: s for s in after}
    assert set(by_id[first[0].id].article_ids) == {a.id for a in articles}
    (new,) = [s for s in after if s.id != first[0].id]
    assert new.article_ids == ("football",) and new.title == "Leeds beat Sheffield"


def test_existing_stories_are_never_merged_or_split(
    seeds: tuple[list[Article], dict[str, Annotations]],
) -> None:
    articles, annotations = seeds
    existing = assign_stories((), articles[:1], annotations=annotations) + assign_stories(
        (), articles[1:2], annotations=annotations
    )
    after = assign_stories(existing, articles[2:], known=articles[:2], annotations=annotations)
    assert [s.id for s in after][:2] == [s.id for s in existing]
    assert sum(len(s.article_ids) for s in after) == 5
    assert all(set(s.article_ids) >= set(e.article_ids) for s, e in zip(after, existing, strict=False))


def _dated(ident: str, text: str, day: dt.date | None) -> Article:
    published = (
        DateEvidence(value=day, kind=DateKind.METADATA, confidence=1.0)
        if day
        else DateEvidence(value=None, kind=DateKind.UNKNOWN, confidence=0.0)
    )
    return Article(id=ident, source=f"test:{ident}", text=text, published=published)


def test_time_window_gates_links_and_unknown_dates_do_not() -> None:
    text = "Floods closed the Northvale river bridge and the mayor ordered an evacuation of the low town."
    july, september = _dated("a", text, dt.date(2024, 7, 1)), _dated("b", text, dt.date(2024, 9, 1))
    assert within_window(dt.date(2024, 7, 1), dt.date(2024, 7, 8), 7)
    assert not within_window(dt.date(2024, 7, 1), dt.date(2024, 7, 9), 7)
    # the same words two months apart are two stories (a flood each year is not one story)
    assert len(assign_stories((), [july, september])) == 2
    # an undated report may link to both: unknown dates never gate
    (one,) = assign_stories((), [july, september, _dated("c", text, None)])
    assert sorted(one.article_ids) == ["a", "b", "c"]


def test_candidates_are_nearest_neighbours_not_all_pairs() -> None:
    articles = [
        _dated(str(n), f"Report {n} about topic {n % 7} with detail {n * 13} and place town{n % 5}.", None)
        for n in range(120)
    ]
    x, _ = vectors(articles, {}, StoryParams())
    pairs = candidate_pairs(x, neighbours=5)
    assert 0 < len(pairs) <= 120 * 5
    assert len(pairs) < 120 * 119 // 2 // 5


@pytest.fixture(scope="module")
def onstory_state(shared: Path) -> CorpusState:
    cnn = shared / "corpus/cnn-2024-07"
    off = sorted({p for pattern in OFF_STORY for p in cnn.glob(pattern)})
    paths = [*onstory_files(shared), *off]
    raws = [r for r in iter_documents([str(p) for p in paths], Settings()) if isinstance(r, RawDocument)]
    state, files, failed = prepare(raws, processes=1)
    assert (files, failed) == (len(paths), 0)
    return cluster(state)


def test_cnn_onstory_articles_form_one_story(onstory_state: CorpusState, shared: Path) -> None:
    assert len(onstory_files(shared)) == 21
    slugs = onstory_slugs(shared)
    assert len(slugs) == 15
    scores = score_onstory(onstory_state.stories, onstory_state.articles, slugs)
    assert scores.found == 12  # 21 files, 15 slugs after keeping the latest version; 3 at the edge
    assert scores.stories == 1
    assert scores.intruders == 0  # the off-story files here are other stories (outage, Olympics, ...)
    assert scores.peripheral_joined < 3


def test_off_story_articles_keep_their_own_stories(onstory_state: CorpusState, shared: Path) -> None:
    slugs = onstory_slugs(shared)
    onstory = {a.id for a in onstory_state.articles if a.version_key in slugs - PERIPHERAL}
    crowdstrike = [a.id for a in onstory_state.articles if a.version_key and "crowdstrike" in a.version_key]
    assert len(crowdstrike) >= 2
    story_of = {a: s.id for s in onstory_state.stories for a in s.article_ids}
    assert {story_of[a] for a in crowdstrike}.isdisjoint({story_of[a] for a in onstory})
