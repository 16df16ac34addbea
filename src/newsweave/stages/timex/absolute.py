"""The time rules' handlers for expressions that name a calendar unit: a date, a month, a year, a
decade or a season, whole ("July 31, 2024", "2023") or missing only the year ("Oct. 7", "mid-April",
"last winter").

Each handler takes the rule's match, the base date (None when unknown) and the tense of the governing
verb, and returns the :class:`~newsweave.stages.timex.resolution.Resolution`, or None for no time.
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.model import Precision
from newsweave.stages.timex import calendar as cal
from newsweave.stages.timex.placing import group, month_range, past_unless_future
from newsweave.stages.timex.resolution import Needs, Resolution, resolved, unresolved
from newsweave.stages.timex.vocabulary import MONTHS

# --- whole ------------------------------------------------------------------------------------


def iso_date(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    try:
        day = dt.date(int(group(m, "year")), int(group(m, "mm")), int(group(m, "dd")))
    except ValueError:
        return None
    return resolved(day, day, Precision.DAY, "none")


def full_date(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    try:
        day = dt.date(int(group(m, "year")), MONTHS[group(m, "month")], int(group(m, "day")))
    except ValueError:
        return None
    return resolved(day, day, Precision.DAY, "none")


def month_and_year(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return month_range(int(group(m, "year")), MONTHS[group(m, "month")], "none", "", group(m, "edge"))


def whole_year(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return resolved(*cal.year_of(int(group(m, "year"))), Precision.YEAR, "none", "", group(m, "edge") or "")


def decade(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    first = int(group(m, "decade"))
    return resolved(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), Precision.YEAR, "none", "", "decade")


# --- needing a year ---------------------------------------------------------------------------


def month_and_day(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    month, number = MONTHS[group(m, "month")], int(group(m, "day"))
    if not 1 <= number <= 31:
        return None
    if base is None:
        return unresolved("calendar")
    day = cal.day_near(base, month, number, past_unless_future(direction))
    return resolved(day, day, Precision.DAY, "calendar") if day else None


def named_month(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    month, rel, edge = MONTHS[group(m, "month")], group(m, "rel"), group(m, "edge")
    if not rel:
        if base is None:
            return unresolved("calendar", modifier=edge or "")
        return month_range(*cal.month_near(base, month, past_unless_future(direction)), "calendar", "", edge)
    if base is None:
        return unresolved("published", modifier=edge or "")
    if rel == "this":
        return month_range(base.year, month, "published", "", edge)
    if rel == "next":
        year = base.year if month > base.month else base.year + 1
        return month_range(year, month, "published", "future", edge)
    # "last April", said in April or later, is the April before the base month.
    year = base.year if month < base.month else base.year - 1
    return month_range(year, month, "published", "past", edge)


# --- seasons ----------------------------------------------------------------------------------

_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_range(year: int, season: str) -> tuple[dt.date, dt.date]:
    first = _SEASON_MONTHS[season]
    end_year, end_month = cal.shift_month(year, first, 2)
    return dt.date(year, first, 1), cal.month_of(end_year, end_month)[1]


def named_season(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Meteorological seasons of the northern hemisphere, where most of the news is written."""
    season, rel, edge = group(m, "season"), group(m, "rel") or "", group(m, "edge") or ""
    modifier = " ".join(part for part in (edge, "season") if part)
    if group(m, "year"):
        return resolved(*_season_range(int(group(m, "year")), season), Precision.MONTH, "none", "", modifier)
    cue = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(rel, "")
    needs: Needs = "published" if rel else "calendar"
    if base is None:
        return unresolved(needs, cue, modifier)
    # The season holding the base date, or this year's if the base lies outside it.
    year = base.year - 1 if season == "winter" and base.month <= 2 else base.year
    start, end = _season_range(year, season)
    if rel in ("last", "past") or (not rel and past_unless_future(direction) == "past" and start > base):
        start, end = _season_range(year - 1, season)
    elif rel in ("next", "coming") or (not rel and direction == "future" and end < base):
        start, end = _season_range(year + 1, season)
    return resolved(start, end, Precision.MONTH, needs, cue, modifier)
