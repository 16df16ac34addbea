"""Derive ``src/newsweave/data/cameo.csv`` from the shared CAMEO master table.

The shipped table keeps only derived facts per code: description, Goldstein score,
GDELT QuadClass and the PLOVER event/mode it maps to (CAMEO2PLOVER draft 0.8).

    python scripts/build_cameo_table.py [../shared/eval/cameo/cameo_codes_master.csv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "eval" / "cameo" / "cameo_codes_master.csv"
TARGET = REPO / "src" / "newsweave" / "data" / "cameo.csv"
COLUMNS = ("code", "description", "goldstein", "quad", "plover_event", "plover_mode")


def derive(source: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "code": row["cameo_code"],
            "description": " ".join(row["description"].split()),
            "goldstein": row["goldstein"],
            "quad": row["gdelt_quadclass"],
            "plover_event": row["plover_event"],
            "plover_mode": row["plover_mode"],
        }
        for row in rows
    ]


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    rows = derive(source)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"wrote {len(rows)} codes to {TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
