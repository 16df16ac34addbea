"""The 'time' stage."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.model import Annotations
from newsweave.pipeline import stage
from newsweave.stages.timex.find import find_timexes


@stage("time", reads=["doc", "article.published"], writes=["timexes"])
def time_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Find temporal expressions and normalise them against the publication date."""
    article = analysis.require_article()
    timexes = find_timexes(analysis.require_doc(), article.published)
    return replace(analysis, timexes=tuple(timexes))
