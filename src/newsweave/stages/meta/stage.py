"""The 'metadata' stage: outlet, byline and publication date, each with its evidence."""

from __future__ import annotations

from dataclasses import replace

from newsweave.config import Settings
from newsweave.model import Annotations
from newsweave.pipeline import stage
from newsweave.stages.meta.byline import byline_of
from newsweave.stages.meta.detection import detect_outlet
from newsweave.stages.meta.published import published_date


def evidence_hints(analysis: Annotations) -> tuple[tuple[str, str], ...]:
    """The metadata hints to weigh: what cleaning collected, else the container's own."""
    raw = analysis.require_raw()
    hints = analysis.meta_hints or raw.hints
    if raw.url and ("url", raw.url) not in hints:
        hints = (*hints, ("url", raw.url))
    return hints


@stage(
    "metadata",
    reads=["article", "meta_hints", "raw"],
    writes=["article.outlet", "article.published", "article.byline"],
)
def metadata(analysis: Annotations, settings: Settings) -> Annotations:
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
