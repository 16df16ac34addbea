"""The 'actors' stage: entity mentions resolved to actors, with descriptors."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.model import Annotations
from newsweave.pipeline import stage
from newsweave.stages.actors.resolve import resolve_actors


@stage("actors", reads=["doc", "article.published"], writes=["actors", "mentions", "descriptors"])
def actors_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Resolve names, titles, metonyms, pronouns and nominals to actors; collect descriptors."""
    result = resolve_actors(analysis.require_doc(), analysis.article)
    return replace(analysis, actors=result.actors, mentions=result.mentions, descriptors=result.descriptors)
