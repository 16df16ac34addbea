"""The 'events-across' corpus stage: the reports of each real-world event merged into one Event,
and each story linked to the events its articles report."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.events.building import link_stories
from newsweave.corpus.events.clustering import merge_reports


@corpus_stage("events-across", requires=["actors-across"], provides=["events"])
def events_across_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Merge the reports of each real-world event into one :class:`Event`."""
    events = merge_reports(state)
    return replace(state, events=events, stories=link_stories(state.stories, events))
