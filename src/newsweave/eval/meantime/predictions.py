"""Our side of the MEANTIME scores: each document coded as given, and the typed entity mention and
event trigger spans our stages found in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.eval.meantime.gold import GoldDocument
from newsweave.model import (
    Actor,
    ActorKind,
    Annotations,
    DateEvidence,
    DateKind,
    Mention,
    Span,
    article_from_text,
)

TYPE_OF_LABEL = {
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}
TYPE_OF_KIND = {
    ActorKind.PERSON: "PERSON",
    ActorKind.ORGANISATION: "ORGANIZATION",
    ActorKind.GROUP: "ORGANIZATION",
    ActorKind.OUTLET: "ORGANIZATION",
    ActorKind.COUNTRY: "LOCATION",
    ActorKind.LOCATION: "LOCATION",
}


def mention_type(mention: Mention, actors: Mapping[str, Actor]) -> str | None:
    """The MEANTIME type of one of our mentions: by label, else by the actor it resolves to."""
    if mention.label in TYPE_OF_LABEL:
        return TYPE_OF_LABEL[mention.label]
    actor = actors.get(mention.actor_id) if mention.actor_id else None
    return TYPE_OF_KIND.get(actor.kind) if actor else None


def _analysis(document: GoldDocument) -> Annotations:
    published = DateEvidence(
        value=document.date, kind=DateKind.METADATA, confidence=1.0, evidence="Wikinews date line"
    )
    raw, article = article_from_text(document.text, source=f"meantime:{document.key}", published=published)
    return Annotations(raw=raw, article=article)


def analyse(documents: Sequence[GoldDocument]) -> list[Annotations | None]:
    """Our per-article stages on each document's text, as given; None where a document failed."""
    from newsweave.batch import continue_batch
    from newsweave.code_text import coding_pipeline

    results = continue_batch(coding_pipeline(), [_analysis(d) for d in documents])
    return [r if isinstance(r, Annotations) else None for r in results]


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicted:
    """Our spans for one document: typed entity mentions and event triggers."""

    mentions: tuple[tuple[Span, str | None], ...]
    triggers: tuple[Span, ...]

    @classmethod
    def of(cls, analysis: Annotations | None) -> Predicted:
        if analysis is None:
            return cls(mentions=(), triggers=())
        actors = {a.id: a for a in analysis.actors}
        return cls(
            mentions=tuple((m.span, mention_type(m, actors)) for m in analysis.mentions),
            triggers=tuple(r.trigger for r in analysis.reports),
        )
