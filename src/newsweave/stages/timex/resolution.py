"""The result of resolving one temporal expression, before it is placed in a text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from newsweave.model import Precision

# What an expression needs to become a date:
#   "none"      - nothing: it states its own year ("July 31, 2024", "2023")
#   "calendar"  - a year: "Oct. 7", "mid-April" (from the publication date, or a full date in the text)
#   "published" - the publication date: "on Thursday", "last week", "two days ago"
#   "previous"  - the day of the expression before it: "that morning", "the next day"
Needs = Literal["none", "calendar", "published", "previous"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A normalised expression: an inclusive date range, or none if it could not be placed."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    needs: Needs
    direction: str = ""  # "past"/"future" when the expression itself says so ("last", "coming")
    modifier: str = ""  # "early", "mid", "late", "approx", or a part of day ("night")

    @property
    def resolved(self) -> bool:
        return self.start is not None


def unresolved(needs: Needs, direction: str = "", modifier: str = "") -> Resolution:
    return Resolution(
        start=None,
        end=None,
        precision=Precision.UNRESOLVED,
        needs=needs,
        direction=direction,
        modifier=modifier,
    )


def resolved(
    start: dt.date,
    end: dt.date,
    precision: Precision,
    needs: Needs,
    direction: str = "",
    modifier: str = "",
) -> Resolution:
    return Resolution(
        start=start, end=end, precision=precision, needs=needs, direction=direction, modifier=modifier
    )
