"""Who a claim is attributed to: the chain of sources a report's sentence cites ("France 24,
citing Axios, citing two sources"), read off the sentence when the per-article stage linked none."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.corpus.compare.context import CompareContext, article_text
from newsweave.model import EventReport, Source, Span

# An outlet's name: "Axios", "The New York Times".
_OUTLET = r"(?P<outer>[A-Z][\w&'.]*(?: [A-Z][\w&'.]*){0,3})"
# "..., two sources with knowledge of the issue confirmed to Axios."
_TOLD_TO = re.compile(
    r",\s*(?P<inner>[^,;“”\"]{3,90}?)\s+(?:confirmed|told|said)\s+(?:to\s+)?" + _OUTLET + r"\s*[.;]?\s*$"
)
# "..., Reuters reported, citing five sources"
_REPORTED_CITING = re.compile(_OUTLET + r" reported,? citing (?P<inner>[^,;.]{3,90})")


def describe_chain(outlet: str | None, chain: Sequence[Source]) -> str:
    """ "France 24, citing Axios, citing two sources": the article's outlet, then its sources."""
    parts = [outlet or "unknown outlet", *(s.name for s in chain)]
    return ", citing ".join(parts)


def sentence_chains(
    reports: Sequence[tuple[EventReport, str]], ctx: CompareContext
) -> dict[tuple[str, Span], tuple[Source, ...]]:
    """Attribution for sentences whose reports carry none: a sibling report's chain, else a
    trailing "..., two sources confirmed to Axios" the per-article stage did not link."""
    chains: dict[tuple[str, Span], tuple[Source, ...]] = {}
    for report, article_id in reports:
        if report.attributed_to:
            chains.setdefault((article_id, report.span), report.attributed_to)
    for report, article_id in reports:
        key = (article_id, report.span)
        if key not in chains:
            chain = trailing_attribution(article_text(ctx, article_id), report.span)
            if chain:
                chains[key] = chain
    return chains


def trailing_attribution(text: str, sentence: Span) -> tuple[Source, ...]:
    """The chain a sentence ends with ("..., two sources ... confirmed to Axios." ->
    Axios, two sources), outer to inner; empty when it has none."""
    body = sentence.of(text)
    match = _TOLD_TO.search(body) or _REPORTED_CITING.search(body)
    if match is None:
        return ()
    outer_name = match.group("outer").rstrip(".")
    outer, inner = match.start("outer"), match.span("inner")
    at = sentence.start
    return (
        Source(name=outer_name, span=Span(start=at + outer, end=at + outer + len(outer_name)), kind="outlet"),
        Source(
            name=match.group("inner").strip(),
            span=Span(start=at + inner[0], end=at + inner[0] + len(match.group("inner").strip())),
            kind="anonymous" if "source" in match.group("inner") else "source",
        ),
    )
