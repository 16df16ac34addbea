"""What every evaluation command shares: read an optional data path, score, print a table."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
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
