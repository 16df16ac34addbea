"""GBK-mojibake repair on simulated damage (``python -m newsweave.eval.mojibake``).

The clean seeds are damaged the way seed 003 was upstream (UTF-8 bytes decoded as GBK,
lost bytes replaced by U+FFFD), repaired, and compared with the original: how many
non-ASCII characters come back in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from newsweave.eval.common import run_evaluation
from newsweave.model import EditKind
from newsweave.stages.clean.encoding import decode_bytes
from newsweave.stages.clean.mojibake import apply_edits, mojibake_edits

DEFAULT_SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
CLEAN_SEEDS = ("000", "001", "002", "004")  # seed 003 carries the real damage


def damage(text: str) -> str:
    """What happened upstream to seed 003: UTF-8 bytes decoded as GBK."""
    return text.encode("utf-8").decode("gbk", "replace")


def repaired(text: str) -> str:
    return apply_edits(text, mojibake_edits(text))


def restored_share(original: str, repaired_text: str) -> tuple[int, int]:
    """(non-ASCII characters of ``original`` found in place in ``repaired_text``, all of them)."""
    matcher = SequenceMatcher(None, original, repaired_text, autojunk=False)
    kept = sum(
        sum(ord(c) > 127 for c in original[a : a + size]) for a, _, size in matcher.get_matching_blocks()
    )
    return kept, sum(ord(c) > 127 for c in original)


@dataclass(frozen=True, slots=True)
class Restoration:
    files: tuple[tuple[str, int, int], ...]  # (file name, restored, non-ASCII characters)
    real_runs: int = 0  # seed 003, the real damage: runs repaired ...
    real_guessed: int = 0  # ... of which with a lost byte guessed from context
    real_left: int = 0  # CJK or U+FFFD characters left after the repair

    @property
    def restored(self) -> int:
        return sum(kept for _, kept, _ in self.files)

    @property
    def total(self) -> int:
        return sum(total for _, _, total in self.files)


def score_restoration(seeds: Path) -> Restoration:
    files = []
    for prefix in CLEAN_SEEDS:
        (path,) = seeds.glob(f"{prefix}_*.txt")
        original = decode_bytes(path.read_bytes(), declared=None, source=str(path))
        kept, total = restored_share(original, repaired(damage(original)))
        files.append((path.name, kept, total))
    (real,) = seeds.glob("003_*.txt")
    text = decode_bytes(real.read_bytes(), declared=None, source=str(real))
    edits = mojibake_edits(text)
    left = sum(c == "\ufffd" or "\u4e00" <= c <= "\u9fff" for c in apply_edits(text, edits))
    guessed = sum(e.kind is EditKind.GBK_GUESSED for e in edits)
    return Restoration(tuple(files), real_runs=len(edits), real_guessed=guessed, real_left=left)


def render(result: Restoration) -> str:
    rows = ["| seed | non-ASCII characters | restored |", "|---|---:|---:|"]
    rows += [f"| {name} | {total} | {kept} |" for name, kept, total in result.files]
    rows.append(f"| **all** | {result.total} | {result.restored} ({result.restored / result.total:.3f}) |")
    rows.append("")
    rows.append(
        f"Seed 003 (real damage): {result.real_runs} runs repaired, {result.real_guessed} with a lost byte"
        f" guessed; {result.real_left} CJK/U+FFFD characters left."
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_SEEDS, score_restoration, render)


if __name__ == "__main__":
    raise SystemExit(main())
