"""What the time rules' handlers share to place an expression: its groups and counts, and the
calendar units, shifts and ranges a resolution is built from."""

from __future__ import annotations

import datetime as dt
import re

from newsweave.model import Precision
from newsweave.stages.timex import calendar as cal
from newsweave.stages.timex.resolution import Needs, Resolution, resolved
from newsweave.stages.timex.vocabulary import NUMBERS, VAGUE


def group(m: re.Match[str], name: str) -> str:
    """Group ``name`` of ``m``; "" where the pattern has no such group or it took no part."""
    return m.groupdict().get(name) or ""


def quantity(word: str) -> tuple[int, bool]:
    """A count and whether it was vague ("a few")."""
    if not word:
        return VAGUE["some"], True
    if word.isdigit():
        return int(word), False
    if word in VAGUE:
        return VAGUE[word], True
    return NUMBERS[word], False


def shift(day: dt.date, count: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return day + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    year, month = cal.shift_month(day.year, day.month, months)
    return day.replace(year=year, month=month, day=min(day.day, 28))


def unit_range(day: dt.date, unit: str) -> tuple[dt.date, dt.date, Precision]:
    """The calendar unit holding ``day``: its day, ISO week, month or year."""
    if unit == "week":
        return (*cal.week_of(day), Precision.WEEK)
    if unit == "month":
        return (*cal.month_of(day.year, day.month), Precision.MONTH)
    if unit == "year":
        return (*cal.year_of(day.year), Precision.YEAR)
    return day, day, Precision.DAY


def part_of_day(day: dt.date, needs: Needs, direction: str, modifier: str) -> Resolution:
    return resolved(day, day, Precision.PART_OF_DAY, needs, direction, modifier)


def day_or_part(day: dt.date, needs: Needs, direction: str, edge: str | None, part: str | None) -> Resolution:
    if edge or part:
        return part_of_day(day, needs, direction, edge or part or "")
    return resolved(day, day, Precision.DAY, needs, direction)


def month_range(year: int, month: int, needs: Needs, direction: str, edge: str | None) -> Resolution:
    return resolved(*cal.month_of(year, month), Precision.MONTH, needs, direction, edge or "")


def past_unless_future(direction: str) -> str:
    """Present tense and no cue read as the past: news mostly reports what has happened."""
    return "future" if direction == "future" else "past"
