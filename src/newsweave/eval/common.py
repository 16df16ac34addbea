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


@dataclass(frozen=True, slots=True, kw_only=True)
class PRF:
    """Precision and recall, with their F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)
