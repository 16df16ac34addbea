"""The self-contained HTML report, and the view builders and templates the web app reuses.

>>> from newsweave.report import write_report
>>> write_report(analyse_corpus(articles, annotations), Path("report.html"))  # doctest: +SKIP
"""

from __future__ import annotations

from newsweave.report.actors import actor_index, quotes_by_speaker
from newsweave.report.articles import article_view, outlet_view
from newsweave.report.context import report_view
from newsweave.report.highlight import Mark, highlight, slug
from newsweave.report.index import Links, ReportIndex, build_index
from newsweave.report.render import environment, render_report, write_report

__all__ = [
    "Links",
    "Mark",
    "ReportIndex",
    "actor_index",
    "article_view",
    "build_index",
    "environment",
    "highlight",
    "outlet_view",
    "quotes_by_speaker",
    "render_report",
    "report_view",
    "slug",
    "story_view",
    "write_report",
]
