"""The NewsWCL50 scores: how many gold mentions our phrases find, and how well our actors link them
to the gold concepts (B³ per event, two string baselines, differently-worded pairs)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.eval.common import PRF, Counts, ratio
from newsweave.eval.newswcl50.gold import DEFAULT_DATA, GoldDocument, GoldMention, load_documents
from newsweave.eval.newswcl50.phrases import Phrase, analyse


@dataclass(frozen=True, slots=True, kw_only=True)
class Recall:
    found: int
    total: int

    @property
    def value(self) -> float:
        return ratio(self.found, self.total)


@dataclass(frozen=True, slots=True, kw_only=True)
class WclScores:
    documents: int
    recall_head: Recall
    recall_overlap: Recall
    label_recall_head: Recall
    recall_by_type: Mapping[str, Recall]
    linking_found: PRF  # B³ over found mentions with an actor
    linking_end_to_end: PRF  # B³ over all gold mentions, unfound as singletons
    baseline_text: PRF
    baseline_head: PRF
    wording_pairs: PRF  # differently-worded pairs of one concept
    wording_pairs_total: int


def _match(mention: GoldMention, phrases: Sequence[Phrase]) -> Phrase | None:
    """The smallest phrase containing the mention's head."""
    holding = [p for p in phrases if p.span.start <= mention.head.start and mention.head.end <= p.span.end]
    return min(holding, key=lambda p: len(p.span)) if holding else None


def _overlapping(mention: GoldMention, phrases: Sequence[Phrase]) -> bool:
    return any(p.span.start < mention.span.end and mention.span.start < p.span.end for p in phrases)


def b_cubed(gold: Sequence[str], predicted: Sequence[str]) -> PRF:
    """B³ precision and recall of a clustering of items (labels by item) against the gold one."""
    if not gold:
        return PRF(precision=0.0, recall=0.0)
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size, predicted_size = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_size[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in pairs.items()) / len(gold)
    return PRF(precision=precision, recall=recall)


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def wording_pairs(
    gold: Sequence[str], predicted: Sequence[str | None], texts: Sequence[str]
) -> tuple[int, int, int]:
    """(differently-worded gold pairs, of them linked by us, differently-worded pairs we link)."""

    def different(groups: Iterable[tuple[object, str]]) -> int:
        by_group: Counter[object] = Counter()
        by_text: Counter[tuple[object, str]] = Counter()
        for group, text in groups:
            by_group[group] += 1
            by_text[(group, text)] += 1
        return sum(_pairs(n) for n in by_group.values()) - sum(_pairs(n) for n in by_text.values())

    gold_pairs = different(zip(gold, texts, strict=True))
    both = different(((g, p), t) for g, p, t in zip(gold, predicted, texts, strict=True) if p is not None)
    ours = different((p, t) for p, t in zip(predicted, texts, strict=True) if p is not None)
    return gold_pairs, both, ours


def _weighted(parts: Sequence[tuple[PRF, int]]) -> PRF:
    total = sum(n for _, n in parts)
    if not total:
        return PRF(precision=0.0, recall=0.0)
    return PRF(
        precision=sum(s.precision * n for s, n in parts) / total,
        recall=sum(s.recall * n for s, n in parts) / total,
    )


def score(documents: Sequence[GoldDocument], phrases: Mapping[str, Sequence[Phrase]]) -> WclScores:
    head_found = overlap_found = label_found = labels = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    events: dict[str, list[tuple[GoldMention, str | None]]] = defaultdict(list)
    for document in documents:
        ours = phrases.get(document.key, [])
        for mention in document.mentions:
            match = _match(mention, ours)
            head_found += match is not None
            overlap_found += _overlapping(mention, ours)
            by_type[mention.type][0] += match is not None
            by_type[mention.type][1] += 1
            if mention.is_label:
                labels += 1
                label_found += match is not None
            events[document.event].append((mention, match.actor_id if match else None))
    total = sum(len(d.mentions) for d in documents)
    linking = _linking(events)
    return WclScores(
        documents=len(documents),
        recall_head=Recall(found=head_found, total=total),
        recall_overlap=Recall(found=overlap_found, total=total),
        label_recall_head=Recall(found=label_found, total=labels),
        recall_by_type={t: Recall(found=f, total=n) for t, (f, n) in sorted(by_type.items())},
        linking_found=linking.found,
        linking_end_to_end=linking.end_to_end,
        baseline_text=linking.by_text,
        baseline_head=linking.by_head,
        wording_pairs=linking.wording,
        wording_pairs_total=linking.wording_total,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Linking:
    found: PRF
    end_to_end: PRF
    by_text: PRF
    by_head: PRF
    wording: PRF
    wording_total: int


def _linking(events: Mapping[str, Sequence[tuple[GoldMention, str | None]]]) -> _Linking:
    found, end_to_end, by_text, by_head = [], [], [], []
    gold_pairs = linked = ours = 0
    for items in events.values():
        gold = [m.concept for m, _ in items]
        predicted = [a if a else f"\0{i}" for i, (_, a) in enumerate(items)]
        with_actor = [(m.concept, a) for m, a in items if a]
        found.append((b_cubed([g for g, _ in with_actor], [a for _, a in with_actor]), len(with_actor)))
        end_to_end.append((b_cubed(gold, predicted), len(items)))
        by_text.append((b_cubed(gold, [m.text.casefold() for m, _ in items]), len(items)))
        by_head.append((b_cubed(gold, [m.head_word for m, _ in items]), len(items)))
        g, b, o = wording_pairs(gold, [a for _, a in items], [m.text.casefold() for m, _ in items])
        gold_pairs, linked, ours = gold_pairs + g, linked + b, ours + o
    return _Linking(
        found=_weighted(found),
        end_to_end=_weighted(end_to_end),
        by_text=_weighted(by_text),
        by_head=_weighted(by_head),
        wording=Counts(predicted=ours, gold=gold_pairs, matched=linked).prf,
        wording_total=gold_pairs,
    )


def score_newswcl50(data_dir: Path = DEFAULT_DATA, events: int | None = None) -> WclScores:
    documents = load_documents(data_dir, events)
    return score(documents, analyse(documents))
