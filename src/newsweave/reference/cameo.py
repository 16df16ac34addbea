"""The CAMEO code table shipped with the package (``newsweave/data/cameo.csv``), loaded once.

Derived from the shared CAMEO master table by ``scripts/build_cameo_table.py``: per code its
description, Goldstein score, GDELT QuadClass and the PLOVER event and mode it maps to.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoCode:
    code: str
    description: str
    goldstein: float
    quad: int
    plover_event: str
    plover_mode: str


@cache
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code -> description, Goldstein score, QuadClass and PLOVER mapping."""
    text = resources.files("newsweave").joinpath("data", "cameo.csv").read_text(encoding="utf-8")
    return {
        row["code"]: CameoCode(
            code=row["code"],
            description=row["description"],
            goldstein=float(row["goldstein"]),
            quad=int(row["quad"]),
            plover_event=row["plover_event"],
            plover_mode=row["plover_mode"],
        )
        for row in csv.DictReader(text.splitlines())
    }
