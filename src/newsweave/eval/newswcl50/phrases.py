"""Our side of the NewsWCL50 scores: each document coded as given, unknown actors merged across each
event's documents, and the phrases (mentions with an actor, descriptors) that name an actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.eval.newswcl50.gold import GoldDocument
from newsweave.model import Annotations, Article, Span, article_from_text


@dataclass(frozen=True, slots=True)
class Phrase:
    span: Span
    actor_id: str


def analyse(documents: Sequence[GoldDocument]) -> dict[str, list[Phrase]]:
    """Document key -> our phrases, after merging unknown actors across each event's documents."""
    from newsweave.batch import continue_batch
    from newsweave.code_text import coding_pipeline
    from newsweave.config import Settings
    from newsweave.corpus import CorpusState
    from newsweave.corpus.actors import actors_across_stage
    from newsweave.run import annotations_of

    pipeline = coding_pipeline()
    results = continue_batch(pipeline, [_analysis(d) for d in documents])
    by_event: dict[str, dict[str, Annotations]] = defaultdict(dict)
    articles: dict[str, Article] = {}
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, Annotations) and result.article is not None:
            articles[document.key] = result.article
            by_event[document.event][document.key] = annotations_of(result, pipeline.names)
    phrases: dict[str, list[Phrase]] = {d.key: [] for d in documents}
    for event_annotations in by_event.values():
        state = CorpusState(
            articles=tuple(articles[k] for k in event_annotations), annotations=event_annotations
        )
        merged = actors_across_stage(state, Settings()).annotations
        for key, ann in merged.items():
            phrases[key] = _phrases(ann)
    return phrases


def _analysis(document: GoldDocument) -> Annotations:
    # The key doubles as the article id, so annotations map back to their gold document.
    raw, article = article_from_text(document.text, source=f"newswcl50:{document.key}", id=document.key)
    return Annotations(raw=raw, article=article)


def _phrases(ann: Annotations) -> list[Phrase]:
    found = [Phrase(m.span, m.actor_id) for m in ann.mentions if m.actor_id]
    found += [Phrase(d.span, d.actor_id) for d in ann.descriptors]
    return found
