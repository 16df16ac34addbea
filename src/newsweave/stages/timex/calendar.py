"""Calendar arithmetic for resolving expressions against a reference date.

All ranges are inclusive ``(start, end)`` pairs of dates, as in :class:`~newsweave.model.TimeExpr`.
"""

from __future__ import annotations

import calendar
import datetime as dt

DateRange = tuple[dt.date, dt.date]

ONE_DAY = dt.timedelta(days=1)


def week_of(day: dt.date) -> DateRange:
    """The ISO week (Monday to Sunday) holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_of(year: int, month: int) -> DateRange:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def year_of(year: int) -> DateRange:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``months`` (negative moves back)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def weekday_near(base: dt.date, weekday: int, direction: str) -> dt.date:
    """The day named ``weekday`` (0 = Monday) nearest ``base`` in ``direction``.

    News convention: the publication date's own weekday means that very day, another
    weekday means the nearest such day before it (after it, in a future context).
    """
    if weekday == base.weekday():
        return base
    if direction == "future":
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7)
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def weekday_strict(base: dt.date, weekday: int, step: int) -> dt.date:
    """The next (``step=1``) or previous (``step=-1``) such weekday, never ``base`` itself."""
    days = (weekday - base.weekday()) % 7 if step > 0 else (base.weekday() - weekday) % 7
    return base + dt.timedelta(days=step * (days or 7))


def month_near(base: dt.date, month: int, direction: str) -> tuple[int, int]:
    """The year of the month ``month`` nearest ``base`` in ``direction`` (the base month counts)."""
    if direction == "future":
        return (base.year if month >= base.month else base.year + 1), month
    return (base.year if month <= base.month else base.year - 1), month


def day_near(base: dt.date, month: int, day: int, direction: str) -> dt.date | None:
    """``month``/``day`` in the year that puts it on or before ``base`` (on or after, for the future)."""
    for year in _years_from(base.year, direction):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February in a common year, 31 April
            continue
        if (candidate >= base) if direction == "future" else (candidate <= base):
            return candidate
    return None


def _years_from(year: int, direction: str) -> tuple[int, ...]:
    # Four years reach a 29 February in either direction.
    step = 1 if direction == "future" else -1
    return tuple(year + step * i for i in range(5))


def weekend_of(day: dt.date) -> DateRange:
    """The Saturday and Sunday of the ISO week holding ``day``."""
    monday, sunday = week_of(day)
    return monday + dt.timedelta(days=5), sunday
