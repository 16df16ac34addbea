"""The NewsWCL50 report: the recall table and the linking table in Markdown."""

from __future__ import annotations

from newsweave.eval.common import PRF
from newsweave.eval.newswcl50.scoring import Recall, WclScores


def _prf(name: str, s: PRF) -> str:
    return f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"


def _recall(name: str, r: Recall) -> str:
    return f"| {name} | {r.found} / {r.total} | {r.value:.3f} |"


def render_table(scores: WclScores) -> str:
    recall_rows = [
        _recall("all entity mentions (head)", scores.recall_head),
        _recall("all entity mentions (overlap)", scores.recall_overlap),
        _recall("labels, not names (head)", scores.label_recall_head),
        *(_recall(f"{t} (head)", r) for t, r in scores.recall_by_type.items()),
    ]
    return "\n".join(
        [
            f"NewsWCL50: {scores.documents} documents",
            "",
            "| gold mentions found by our phrases | found / gold | recall |",
            "|---|---|---|",
            *recall_rows,
            "",
            "| linking to concepts (B³, per event) | precision | recall | F1 |",
            "|---|---|---|---|",
            _prf("ours, found mentions", scores.linking_found),
            _prf("ours, end to end", scores.linking_end_to_end),
            _prf("baseline: same text", scores.baseline_text),
            _prf("baseline: same head word", scores.baseline_head),
            _prf(f"differently-worded pairs ({scores.wording_pairs_total} gold)", scores.wording_pairs),
        ]
    )
