"""The MEANTIME report: one Markdown table of exact, head and overlap scores per layer and type."""

from __future__ import annotations

from newsweave.eval.common import Counts
from newsweave.eval.meantime.scoring import LayerScores, MatchScores, MeantimeScores


def _cells(counts: Counts) -> str:
    return f"{counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f}"


def _row(name: str, scores: MatchScores) -> str:
    e = scores.exact
    return (
        f"| {name} | {e.gold} | {e.predicted} | {_cells(scores.exact)} | {_cells(scores.head)} "
        f"| {_cells(scores.overlap)} |"
    )


_HEADER = (
    "| layer | gold | ours | exact P | exact R | exact F1 | head P | head R | head F1 "
    "| overlap P | overlap R | overlap F1 |\n|---|---:|---:" + "|---:" * 9 + "|"
)


def _layer_rows(layers: LayerScores, suffix: str) -> list[str]:
    return [
        _row(f"entities, all types{suffix}", layers.entities),
        *(_row(f"entities: {t}{suffix}", s) for t, s in layers.entity_types),
        _row(f"events (trigger){suffix}", layers.events),
    ]


def render_table(scores: MeantimeScores) -> str:
    lexicon = scores.annotated.lexicon_events
    failed = ", ".join(scores.failed) or "none"
    return "\n".join(
        [
            f"MEANTIME English: entity mentions on {scores.entity_documents} documents, event mentions on "
            f"{scores.event_documents}; documents that failed: {failed}.",
            "",
            _HEADER,
            *_layer_rows(scores.annotated, ""),
            *_layer_rows(scores.whole, " (whole text)"),
            "",
            "Rows without a suffix score the fully annotated part of each document (title and first four "
            "body sentences); whole-text rows also count later sentences, where MEANTIME annotates only "
            "mentions in coreference chains.",
            f"Event recall (overlap) on the {lexicon.gold} annotated-part gold events whose head lemma is in "
            f"our trigger lexicon: {lexicon.recall:.3f}. This copy has no TIMEX3 gold: time expressions are "
            "not scored.",
        ]
    )
