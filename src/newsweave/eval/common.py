"""What every evaluation command shares: read an optional data path, score, print a table."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsweave.errors import InputError

T = TypeVar("T")


def run_evaluation(
    argv: Sequence[str] | None, default: Path, score: Callable[[Path], T], render: Callable[[T], str]
) -> int:
    """``python -m newsweave.eval.X [DATA]``: score the data at DATA (or ``default``) and print
    the Markdown table; a data set that cannot be read is one line on stderr and exit status 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    data = Path(args[0]) if args else default
    try:
        result = score(data)
    except InputError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    sys.stdout.write(render(result) + "\n")
    return 0


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 when there is no whole (no predictions: precision 0, as scorers report it)."""
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PRF:
    """Precision and recall, with their F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


@dataclass(frozen=True, slots=True)
class Counts:
    """Predictions, gold items and the matches between them: precision, recall and F1 by counting."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.predicted + other.predicted, self.gold + other.gold, self.matched + other.matched)

    @property
    def prf(self) -> PRF:
        return PRF(precision=ratio(self.matched, self.predicted), recall=ratio(self.matched, self.gold))

    @property
    def precision(self) -> float:
        return self.prf.precision

    @property
    def recall(self) -> float:
        return self.prf.recall

    @property
    def f1(self) -> float:
        return self.prf.f1
