"""The spans a briefing sentence cites: the evidence sentences of event reports
(:func:`report_citations`), and the check that a span lies inside its article."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.corpus.briefing.context import Context
from newsweave.model import Citation, EventReport, Modality, report_article_id


def report_citations(
    reports: Sequence[EventReport], ctx: Context, *, per_article: bool = True
) -> tuple[Citation, ...]:
    """The evidence sentences of ``reports``: by default the best one per article."""
    ranked = sorted(
        reports,
        key=lambda r: (
            report_article_id(r.id),
            r.modality != Modality.ASSERTED,
            r.when is None,
            r.span.start,
        ),
    )
    citations: list[Citation] = []
    seen: set[str] = set()
    for report in ranked:
        article_id = report_article_id(report.id)
        if (per_article and article_id in seen) or not within_text(article_id, report.span.end, ctx):
            continue
        seen.add(article_id)
        citations.append(Citation(article_id=article_id, span=report.span))
    return tuple(sorted(citations, key=lambda c: (ctx.order.get(c.article_id, 0), c.span.start)))


def within_text(article_id: str, end: int, ctx: Context) -> bool:
    """Whether a span ending at ``end`` lies inside the text of the article ``article_id``."""
    article = ctx.articles.get(article_id)
    return article is not None and end <= len(article.text)
