"""Named entities around a token, found from the token's IOB tags.

``Doc.ents`` builds every entity of the document on each access, so looking one up
through it per token or per phrase is quadratic in the length of the article. The IOB
tags on the tokens encode the same entities; walking them costs only the entity's length.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan


def entity_at(token: Token) -> SpacySpan | None:
    """The named entity ``token`` is part of, or None."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return doc[start : _entity_end(doc, start)]


def entities_within(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the entities lying wholly inside tokens ``[start, end)``."""
    found: list[tuple[int, int]] = []
    i = start
    while i < end:
        if doc[i].ent_iob_ == "B":
            stop = _entity_end(doc, i)
            if stop <= end:
                found.append((i, stop))
            i = stop
        else:
            i += 1
    return found


def _entity_end(doc: Doc, start: int) -> int:
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end
