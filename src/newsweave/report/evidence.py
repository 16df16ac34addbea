"""The evidence items views cite: the sentence of an event report with its outlet, a snippet of it
and the sources it was attributed to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsweave.model import Source, report_article_id
from newsweave.report.index import ReportIndex, View

SNIPPET_CHARS = 180


def unique_evidence(report_ids: Iterable[str], index: ReportIndex) -> list[View]:
    """Evidence of each report, once per sentence (one sentence often reports an event twice)."""
    seen: dict[str, View] = {}
    for report_id in report_ids:
        if report_id in index.reports:
            item = evidence_item(report_id, index)
            seen.setdefault(item["href"], item)
    return list(seen.values())


def evidence_item(report_id: str, index: ReportIndex, chain: Sequence[Source] = ()) -> View:
    """The sentence of one event report, linked, with its outlet; ``chain`` overrides its attribution."""
    report = index.reports[report_id]
    article_id = report_article_id(report_id)
    article = index.articles.get(article_id)
    sentence = report.span.of(article.text) if article else ""
    return {
        "href": index.links.evidence(article_id, report.span.start),
        "outlet": index.outlet_label(article_id),
        "snippet": snippet(sentence),
        "sentence": sentence,
        "via": attribution_text(chain or report.attributed_to),
        "hedged": report.hedged,
        "modality": report.modality.value,
    }


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` on one line, cut with an ellipsis to at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attribution_text(chain: Sequence[Source]) -> str:
    """ "citing Axios, citing two sources with knowledge of the issue", or ""."""
    return ", ".join(f"citing {source.name}" for source in chain)
