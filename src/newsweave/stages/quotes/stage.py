"""The registered 'quotes' stage."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.model import Annotations
from newsweave.pipeline import stage
from newsweave.stages.quotes.link import build_quotes


@stage("quotes", reads=["doc", "actors", "mentions"], writes=["quotes"])
def quotes_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Direct, indirect and mixed quotes with cue, speaker and chain of sources."""
    doc = analysis.require_doc()
    actors = {actor.id: actor for actor in analysis.actors}
    quotes, _ = build_quotes(doc, analysis.mentions, actors)
    return replace(analysis, quotes=tuple(quotes))
