"""PLOVER event-type accuracy on the PLOVER gold-standard records (CAMEO manual examples).

Each record's sentence text (never its markup) is parsed and coded; the record counts as
correct when the main event of the sentence equals the gold event after mapping the
v0.5b1 labels to the current ontology (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
ACCUSE, FIGHT -> ASSAULT). Sentences with no coded event count as wrong.

``python -m newsweave.eval.plover [PLOVER_GSR_CAMEO.json]`` prints accuracy, macro-F1 and
a per-type table in Markdown.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.common import Counts, run_evaluation
from newsweave.stages.events.coding import main_event
from newsweave.stages.nlp import load_nlp

DEFAULT_GOLD = (
    Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.json"
)
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE = "NONE"


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldRecord:
    id: str
    text: str
    event: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeScore:
    event: str
    counts: Counts  # records predicted as the event, gold records of it, and both


@dataclass(frozen=True, slots=True, kw_only=True)
class PloverResult:
    n: int
    correct: int
    per_type: tuple[TypeScore, ...]
    confusions: tuple[tuple[str, str, int], ...]  # (gold, predicted, count), commonest first

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.per_type if s.counts.gold]
        return sum(s.counts.f1 for s in scored) / len(scored) if scored else 0.0


def load_gold(path: Path = DEFAULT_GOLD) -> list[GoldRecord]:
    """The gold records with current PLOVER labels (the DOCUMENT header is skipped)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read PLOVER gold records: {err}", source=str(path)) from err
    if not isinstance(data, list):
        raise InputError("PLOVER gold file is not a JSON array", source=str(path))
    return [
        GoldRecord(
            id=str(r["id"]), text=str(r["text"]), event=LABEL_MAP.get(str(r["event"]), str(r["event"]))
        )
        for r in data
        if isinstance(r, dict) and r.get("event") != "DOCUMENT" and r.get("text")
    ]


def predict(texts: Iterable[str]) -> list[str]:
    """The main PLOVER event of each text, or ``NONE``."""
    predictions = []
    for doc in load_nlp().pipe(texts):
        coding = main_event(doc)
        predictions.append(coding.plover_event if coding else NONE)
    return predictions


def score(gold: Sequence[str], predicted: Sequence[str]) -> PloverResult:
    pairs = list(zip(gold, predicted, strict=True))
    support = Counter(gold)
    made = Counter(predicted)
    hits = Counter(g for g, p in pairs if g == p)
    per_type = tuple(
        TypeScore(event=event, counts=Counts(made[event], support[event], hits[event]))
        for event in sorted(support)
    )
    confusions = Counter((g, p) for g, p in pairs if g != p).most_common()
    return PloverResult(
        n=len(pairs),
        correct=sum(hits.values()),
        per_type=per_type,
        confusions=tuple((g, p, n) for (g, p), n in confusions),
    )


def evaluate(path: Path = DEFAULT_GOLD) -> PloverResult:
    records = load_gold(path)
    return score([r.event for r in records], predict(r.text for r in records))


def render(result: PloverResult) -> str:
    lines = [
        f"PLOVER event type on {result.n} gold records: accuracy {result.accuracy:.3f}, "
        f"macro-F1 {result.macro_f1:.3f}",
        "",
        "| event | gold | predicted | correct | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in result.per_type:
        c = s.counts
        counts = f"{c.gold} | {c.predicted} | {c.matched}"
        lines.append(f"| {s.event} | {counts} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} |")
    top = ", ".join(f"{g}->{p} {n}" for g, p, n in result.confusions[:8])
    lines += ["", f"Commonest confusions (gold->predicted): {top}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_GOLD, evaluate, render)


if __name__ == "__main__":
    raise SystemExit(main())
