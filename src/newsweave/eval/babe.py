"""The loaded-terms lexicon against BABE's expert bias labels (``python -m newsweave.eval.babe``).

For each labelled set: of the sentences that use a loaded term, how many the annotators
labelled biased (precision, against the set's base rate), how many biased sentences use one
(recall), and how many of the annotated biased words the lexicon knows (coverage).
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.corpus.framing import load_lexicon
from newsweave.eval.common import Counts

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "eval" / "babe-mbic"
SETS = ("final_labels_SG2.csv", "final_labels_SG1.csv", "final_labels_MBIC.csv")


@dataclass(frozen=True, slots=True)
class LexiconScores:
    name: str
    sentences: int
    base_rate: float
    precision: float
    recall: float
    coverage: float


def score_file(path: Path) -> LexiconScores:
    with path.open(encoding="utf-8-sig", newline="") as f:
        labelled = ("Biased", "Non-biased")
        rows = [r for r in csv.DictReader(f, delimiter=";") if r.get("label_bias") in labelled]
    lexicon = load_lexicon()
    biased = [r for r in rows if r["label_bias"] == "Biased"]
    hits = [r for r in rows if lexicon.is_loaded(r["text"])]
    true_hits = sum(r["label_bias"] == "Biased" for r in hits)
    words = [w for r in biased for w in _words(r.get("biased_words"))]
    found = Counts(predicted=len(hits), gold=len(biased), matched=true_hits)
    return LexiconScores(
        name=path.stem.removeprefix("final_labels_"),
        sentences=len(rows),
        base_rate=len(biased) / len(rows),
        precision=found.precision,
        recall=found.recall,
        coverage=sum(lexicon.is_loaded(w) for w in words) / len(words) if words else 0.0,
    )


def _words(value: str | None) -> list[str]:
    try:
        parsed = ast.literal_eval(value or "[]")
    except (ValueError, SyntaxError):
        return []
    return [w for w in parsed if isinstance(w, str)] if isinstance(parsed, list) else []


def main(argv: Sequence[str] | None = None) -> int:
    data = Path(argv[0]) if argv else DEFAULT_DATA
    print("| set | sentences | biased (base rate) | precision | recall | biased-word coverage |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in SETS:
        path = data / name
        if not path.exists():
            continue
        s = score_file(path)
        print(
            f"| {s.name} | {s.sentences:,} | {s.base_rate:.3f} | {s.precision:.3f} | {s.recall:.3f} |"
            f" {s.coverage:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
