"""The 'actors-across' corpus stage: unknown actors named differently across articles merge."""

from __future__ import annotations

from pathlib import Path

from newsweave.config import Settings
from newsweave.corpus import CorpusState
from newsweave.corpus.actors import actors_across_stage
from newsweave.model import (
    Actor,
    ActorKind,
    Annotations,
    Article,
    EventReport,
    Mention,
    MentionKind,
    Quote,
    Source,
    Span,
)
from tests.test_corpus_events import analyse_seeds


def annotated(article_id: str, *actors: tuple[str, str, ActorKind]) -> Annotations:
    span = Span(start=0, end=4)
    return Annotations(
        article_id=article_id,
        actors=tuple(Actor(id=i, name=n, kind=k) for i, n, k in actors),
        mentions=tuple(
            Mention(span=span, text=n, label="PERSON", kind=MentionKind.NAME, actor_id=i)
            for i, n, _ in actors
        ),
        quotes=(
            Quote(
                span=span,
                text="text",
                kind="direct",
                speaker=actors[0][0],
                via=(Source(name="x", span=span, actor_id=actors[0][0]),),
            ),
        ),
        reports=(
            EventReport(
                id=f"{article_id}:0",
                span=span,
                trigger=span,
                trigger_text="met",
                event_type="CONSULT",
                actor=(actors[0][0],),
            ),
        ),
    )


def run(*annotations: Annotations) -> dict[str, Annotations]:
    articles = tuple(Article(id=a.article_id, source=a.article_id, text="text") for a in annotations)
    state = CorpusState(articles=articles, annotations={a.article_id: a for a in annotations})
    return dict(actors_across_stage(state, Settings()).annotations)


PERSON = ActorKind.PERSON


def test_title_and_full_name_and_surname_merge() -> None:
    result = run(
        annotated("a", ("new:isa-ronen-bar", "ISA Ronen Bar", PERSON)),
        annotated("b", ("new:ronen-bar", "Ronen Bar", PERSON)),
        annotated("c", ("new:bar", "Bar", PERSON)),
    )
    ids = {key: ann.reports[0].actor[0] for key, ann in result.items()}
    assert len(set(ids.values())) == 1
    merged = result["c"]
    assert merged.mentions[0].actor_id == ids["a"]
    assert merged.quotes[0].speaker == ids["a"] and merged.quotes[0].via[0].actor_id == ids["a"]
    assert {"Bar", "Ronen Bar"} <= set(merged.actors[0].aliases) | {merged.actors[0].name}


def test_spelling_variants_merge_but_other_kinds_do_not() -> None:
    result = run(
        annotated("a", ("new:mohammed-deif", "Mohammed Deif", PERSON)),
        annotated("b", ("new:mohammad-deif", "Mohammad Deif", PERSON)),
        annotated("c", ("new:deif-group", "Mohammed Deif", ActorKind.GROUP)),
    )
    assert result["a"].reports[0].actor == result["b"].reports[0].actor
    assert result["c"].reports[0].actor == ("new:deif-group",)


def test_ambiguous_surname_stays_apart() -> None:
    result = run(
        annotated("a", ("new:john-smith", "John Smith", PERSON)),
        annotated("b", ("new:jane-smith", "Jane Smith", PERSON)),
        annotated("c", ("new:smith", "Smith", PERSON)),
    )
    assert [result[k].reports[0].actor[0] for k in "abc"] == ["new:john-smith", "new:jane-smith", "new:smith"]


def test_seeds_keep_kb_ids_and_stay_consistent(shared: Path) -> None:
    before = analyse_seeds(shared)
    after = actors_across_stage(before, Settings())
    for key, ann in after.annotations.items():
        known = {a.id for a in ann.actors}
        used = {i for r in ann.reports for i in (*r.actor, *r.recipient) if i.startswith("new:")}
        assert used <= known
        kb_before = {i for r in before.annotations[key].reports for i in r.actor if i.startswith("kb:")}
        kb_after = {i for r in ann.reports for i in r.actor if i.startswith("kb:")}
        assert kb_before == kb_after
