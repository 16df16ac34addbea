"""The 'briefing' corpus stage: a sourced briefing for each story (:func:`briefing_for`), its
sections in order and any sentence without a citation dropped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.briefing.context import Context, build_context
from newsweave.corpus.briefing.event_sentences import (
    expected_events,
    expected_sentence,
    key_event_sentence,
    key_events,
)
from newsweave.corpus.briefing.fact_sentences import corroborated_sentences, disputed_sentence
from newsweave.corpus.briefing.quote_sentences import quote_sentences
from newsweave.corpus.timeline import StoryEvents, story_events
from newsweave.model import Briefing, BriefingSentence

# The identifier a briefing gets when the corpus has no stories.
CORPUS_STORY_ID = "all"


@corpus_stage("briefing", requires=["events"], provides=["briefings"])
def briefing_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Write a sourced briefing for each story (disagreements are used when that stage ran)."""
    ctx = build_context(state)
    briefings = tuple(briefing_for(group, state, ctx) for group in story_events(state))
    return replace(state, briefings=briefings)


def briefing_for(group: StoryEvents, state: CorpusState, ctx: Context) -> Briefing:
    story_id = group.story_id or CORPUS_STORY_ID
    article_ids = group.story.article_ids if group.story else tuple(a.id for a in state.articles)
    events = [e for e in group.events if not e.background]
    key = key_events(events, ctx)
    disputes = [d for e in group.events for d in ctx.disputed(e.id) if d.kind != "update"]
    sentences = [
        *_merge(key_event_sentence(e, ctx) for e in key),
        *corroborated_sentences(key, ctx),
        *(s for d in disputes if (s := disputed_sentence(d, ctx)) is not None),
        *quote_sentences(article_ids, state, ctx),
        *_merge(expected_sentence(e, ctx) for e in expected_events(events, ctx)),
    ]
    return Briefing(story_id=story_id, sentences=tuple(s for s in sentences if s.citations))


def _merge(sentences: Iterable[BriefingSentence | None]) -> list[BriefingSentence]:
    """Drop empty sentences; sentences with the same text become one, citing all their sources."""
    merged: dict[str, BriefingSentence] = {}
    for sentence in sentences:
        if sentence is None:
            continue
        if sentence.text in merged:
            known = merged[sentence.text]
            citations = tuple(dict.fromkeys((*known.citations, *sentence.citations)))
            merged[sentence.text] = replace(known, citations=citations)
        else:
            merged[sentence.text] = sentence
    return list(merged.values())
