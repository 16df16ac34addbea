"""The 'metadata' stage: outlet, byline and publication date, each with its evidence."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.meta.byline import byline_of
from newsweave.meta.detection import detect_outlet
from newsweave.meta.published import published_date
from newsweave.pipeline import Analysis, stage


def evidence_hints(analysis: Analysis) -> tuple[tuple[str, str], ...]:
    """The metadata hints to weigh: what cleaning collected, else the container's own."""
    hints = analysis.meta_hints or analysis.raw.hints
    if analysis.raw.url and ("url", analysis.raw.url) not in hints:
        hints = (*hints, ("url", analysis.raw.url))
    return hints


@stage("metadata", requires=["article"], provides=["outlet", "published", "byline"])
def metadata(analysis: Analysis, settings: Settings) -> Analysis:
    """Find the outlet, byline and publication date of the article, with evidence."""
    article = analysis.require_article()
    hints = evidence_hints(analysis)
    article = replace(
        article,
        outlet=detect_outlet(article, hints),
        published=published_date(article, hints),
        byline=byline_of(article, hints),
    )
    return replace(analysis, article=article)
