"""Quotes and attribution: who said what, through whom.

``find_quotes`` works on a spaCy parse (and, when the actors stage ran, its mentions);
the 'quotes' stage in :mod:`newsweave.stages.quotes.stage` runs it inside the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Doc

from newsweave.model import Actor, Mention, Quote
from newsweave.stages.quotes.link import build_quotes
from newsweave.stages.quotes.marks import QuoteMark, quote_marks

__all__ = ["QuoteMark", "find_quotes", "quote_marks", "scare_quotes"]


def find_quotes(
    doc: Doc, mentions: Sequence[Mention] = (), actors: Iterable[Actor] | Mapping[str, Actor] = ()
) -> tuple[Quote, ...]:
    """Direct, indirect and mixed quotes of ``doc`` in text order."""
    by_id = actors if isinstance(actors, Mapping) else {a.id: a for a in actors}
    return tuple(build_quotes(doc, mentions, by_id)[0])


def scare_quotes(doc: Doc) -> tuple[QuoteMark, ...]:
    """One- or two-word quoted stretches that no one is said to have said (the group's
    “political” leader): framing, not quotation."""
    return tuple(build_quotes(doc)[1])
