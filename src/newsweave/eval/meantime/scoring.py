"""The MEANTIME scores: exact, head and overlap matching of spans, one to one, summed per layer and
entity type over the annotated part and the whole text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.eval.common import Counts
from newsweave.eval.meantime.gold import DEFAULT_DATA, GOLD_TYPES, GoldDocument, GoldMention, load_documents
from newsweave.eval.meantime.predictions import Predicted, analyse
from newsweave.model import Annotations, Span
from newsweave.stages.events.lexicon import BLOCK, TriggerRule, load_lexicon

_POS_CODES = {"VERB": "V", "NOUN": "N"}


@dataclass(frozen=True, slots=True)
class MatchScores:
    exact: Counts = field(default_factory=Counts)
    head: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    def __add__(self, other: MatchScores) -> MatchScores:
        return MatchScores(self.exact + other.exact, self.head + other.head, self.overlap + other.overlap)


@dataclass(frozen=True, slots=True, kw_only=True)
class LayerScores:
    entities: MatchScores
    entity_types: tuple[tuple[str, MatchScores], ...]  # per gold type
    events: MatchScores
    lexicon_events: Counts  # overlap matches of gold events whose head lemma is in our lexicon


@dataclass(frozen=True, slots=True, kw_only=True)
class MeantimeScores:
    entity_documents: int
    event_documents: int
    failed: tuple[str, ...]  # documents the pipeline could not analyse (their gold still counts)
    annotated: LayerScores  # title and first four body sentences, annotated in full
    whole: LayerScores  # whole documents: later sentences carry only chain mentions


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _one_to_one(predicted: Sequence[Span], gold: Sequence[Span], score: Callable[[Span, Span], int]) -> int:
    """Size of a maximum one-to-one matching of predicted to gold spans (pairs with score > 0).

    Augmenting paths (Kuhn's algorithm), trying each prediction's best-scoring gold first; a
    greedy pass undercounts where mentions nest ("Airbus parent EADS" holds two heads).
    """
    candidates = [_ranked(p, gold, score) for p in predicted]
    owner: dict[int, int] = {}  # gold index -> predicted index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(predicted)))


def _ranked(predicted: Span, gold: Sequence[Span], score: Callable[[Span, Span], int]) -> list[int]:
    scored = [(score(predicted, g), j) for j, g in enumerate(gold)]
    return [j for value, j in sorted(scored, key=lambda pair: (-pair[0], pair[1])) if value > 0]


def _head_score(predicted: Span, head: Span) -> int:
    return len(head) if predicted.start <= head.start and head.end <= predicted.end else 0


def match(predicted: Iterable[Span], gold: Iterable[GoldMention]) -> MatchScores:
    """Exact, head and overlap matches of one document's predicted spans against its gold."""
    preds = sorted(set(predicted), key=lambda s: (s.start, s.end))
    # The same span can sit in two coreference chains; it is one mention.
    unique = list({g.span: g for g in gold}.values())
    spans = [g.span for g in unique]
    heads = [g.head for g in unique]
    n_pred, n_gold = len(preds), len(unique)
    return MatchScores(
        exact=Counts(n_pred, n_gold, len(set(preds) & set(spans))),
        head=Counts(n_pred, n_gold, _one_to_one(preds, heads, _head_score)),
        overlap=Counts(n_pred, n_gold, _one_to_one(preds, spans, _overlap)),
    )


def in_lexicon(event: GoldMention, rules: Mapping[str, Sequence[TriggerRule]]) -> bool:
    """Whether our trigger lexicon has a rule for the gold event's head lemma and part of speech."""
    pos = _POS_CODES.get(event.pos)
    return pos is not None and any(
        r.pos in (pos, "*") and r.event != BLOCK for r in rules.get(event.lemma, ())
    )


def score_layers(
    documents: Sequence[GoldDocument], predictions: Sequence[Predicted], *, annotated_only: bool
) -> LayerScores:
    """Entity layers on documents with entity gold, events on those with event gold."""
    rules = load_lexicon().rules
    entities = events = MatchScores()
    types = {t: MatchScores() for t in GOLD_TYPES}
    lexicon = Counts()
    for document, predicted in zip(documents, predictions, strict=True):
        limit = document.annotated_end if annotated_only else len(document.text)
        mentions = [(s, t) for s, t in predicted.mentions if s.start < limit]
        gold = [g for g in document.entities if g.span.start < limit]
        if document.entities:
            entities += match([s for s, _ in mentions], gold)
            for name in GOLD_TYPES:
                typed = match([s for s, t in mentions if t == name], [g for g in gold if g.type == name])
                types[name] += typed
        if document.events:
            triggers = [s for s in predicted.triggers if s.start < limit]
            gold_events = [g for g in document.events if g.span.start < limit]
            events += match(triggers, gold_events)
            lexicon += match(triggers, [g for g in gold_events if in_lexicon(g, rules)]).overlap
    return LayerScores(
        entities=entities, entity_types=tuple(types.items()), events=events, lexicon_events=lexicon
    )


def score(documents: Sequence[GoldDocument], analyses: Sequence[Annotations | None]) -> MeantimeScores:
    predictions = [Predicted.of(a) for a in analyses]
    return MeantimeScores(
        entity_documents=sum(1 for d in documents if d.entities),
        event_documents=sum(1 for d in documents if d.events),
        failed=tuple(d.key for d, a in zip(documents, analyses, strict=True) if a is None),
        annotated=score_layers(documents, predictions, annotated_only=True),
        whole=score_layers(documents, predictions, annotated_only=False),
    )


def score_meantime(data_dir: Path = DEFAULT_DATA) -> MeantimeScores:
    """Score our entity mentions and event triggers on every annotated MEANTIME document."""
    documents = [d for d in load_documents(data_dir) if d.entities or d.events]
    return score(documents, analyse(documents))
