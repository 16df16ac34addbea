"""The time rules' handlers for expressions counted from another day: from the publication date
("on Thursday", "last week", "the coming days", "two days ago") or from the expression before them
("that morning", "the next day"), and for lengths of time that name no time ("10 months", "daily").

Each handler takes the rule's match, the base date (None when unknown) and the tense of the governing
verb, and returns the :class:`~newsweave.stages.timex.resolution.Resolution`, or None for no time.
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.model import Precision
from newsweave.stages.timex import calendar as cal
from newsweave.stages.timex.placing import day_or_part, group, part_of_day, quantity, shift, unit_range
from newsweave.stages.timex.resolution import Needs, Resolution, resolved, unresolved
from newsweave.stages.timex.vocabulary import VAGUE, WEEKDAYS

# --- relative to the publication date ---------------------------------------------------------


def named_weekday(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, part = group(m, "rel"), group(m, "part")
    edge = {"earlier": "early", "later": "late"}.get(group(m, "edge"), group(m, "edge"))
    cue = {"last": "past", "past": "past", "next": "future", "coming": "future", "this coming": "future"}.get(
        rel or "", ""
    )
    if base is None:
        return unresolved("published", cue, edge or part or "")
    weekday = WEEKDAYS[group(m, "weekday")]
    if rel in ("last", "past"):
        day = cal.weekday_strict(base, weekday, -1)
    elif cue == "future":
        day = cal.weekday_strict(base, weekday, 1)
    else:
        day = cal.weekday_near(base, weekday, direction)
    return day_or_part(day, "published", cue, edge, part)


_DEICTIC = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1, "overnight": 0, "day": 0,
}  # fmt: skip


def deictic(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    word = group(m, "word")
    offset = _DEICTIC[word]
    cue = "past" if offset < 0 else "future" if offset > 0 else ""
    part = group(m, "part") or {"tonight": "night", "overnight": "night"}.get(word)
    edge = group(m, "edge")
    if edge in ("earlier", "later"):
        cue = "past" if edge == "earlier" else "future"
        edge = "approx"
    if base is None:
        return unresolved("published", cue)
    return day_or_part(base + dt.timedelta(days=offset), "published", cue, edge, part)


def period(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, unit, edge = group(m, "rel"), group(m, "unit"), group(m, "edge")
    step = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    cue = {-1: "past", 1: "future"}.get(step, "")
    if edge in ("earlier", "later") and step == 0:
        cue = "past" if edge == "earlier" else "future"
    # "earlier this week" cuts the week at the base day; "earlier last week" is its early part.
    cut = edge if step == 0 and edge in ("earlier", "later") else None
    modifier = "" if cut else {"earlier": "early", "later": "late"}.get(edge or "", edge or "")
    if base is None:
        return unresolved("published", cue, modifier)
    start, end, precision = unit_range(shift(base, step, unit), unit)
    if cut == "earlier":
        end = max(start, base - cal.ONE_DAY)
    elif cut == "later":
        start = min(end, base + cal.ONE_DAY)
    return resolved(start, end, precision, "published", cue, modifier)


_SPAN_DAYS = {"hour": 1, "day": 7, "week": 30, "month": 180, "year": 3 * 365}
_SPAN_PRECISION = {
    "hour": Precision.PART_OF_DAY,
    "day": Precision.WEEK,
    "week": Precision.MONTH,
    "month": Precision.YEAR,
    "year": Precision.YEAR,
}


def window(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """A rough range: "the coming days", "within days", "recent weeks", "the past 10 months"."""
    unit = group(m, "unit")
    future = group(m, "rel") not in ("past", "last", "recent", "previous")
    cue = "future" if future else "past"
    if base is None:
        return unresolved("published", cue, "approx")
    if unit == "hour":
        return part_of_day(base, "published", cue, "approx")
    qty = group(m, "qty")
    if qty and qty not in VAGUE:
        count, _ = quantity(qty)
        far = shift(base, count if future else -count, unit)
        days = abs((far - base).days)
    else:
        days = _SPAN_DAYS[unit]
    near, far_day = base + cal.ONE_DAY, base + dt.timedelta(days=days)
    if not future:
        near, far_day = base - dt.timedelta(days=days), base - cal.ONE_DAY
    return resolved(near, far_day, _SPAN_PRECISION[unit], "published", cue, "approx")


def weekend(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel = group(m, "rel") or ""
    cue = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(rel, "")
    if base is None:
        return unresolved("published", cue, "weekend")
    saturday, _ = cal.weekend_of(base)
    if rel in ("last", "past"):
        saturday -= dt.timedelta(days=7)
    elif rel in ("next", "coming") and saturday < base:
        saturday += dt.timedelta(days=7)
    elif not rel and direction == "past" and saturday > base:
        saturday -= dt.timedelta(days=7)
    return resolved(saturday, saturday + cal.ONE_DAY, Precision.WEEK, "published", cue, "weekend")


def counted_from(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Counted from a day: "two days ago", "hours earlier", "three days later"."""
    unit, word = group(m, "unit"), group(m, "dir")
    count, vague = quantity(group(m, "qty"))
    sign = -1 if word in ("ago", "earlier", "before") else 1
    needs: Needs = (
        "published" if word in ("ago", "from now", "hence") or unit in ("minute", "hour") else "previous"
    )
    cue = {"ago": "past", "from now": "future", "hence": "future"}.get(word, "")
    if unit in ("minute", "hour"):
        if base is None:
            return unresolved(needs, cue, "approx")
        # Hours before or after an event the text names: that day, as near as the text says.
        return part_of_day(base, needs, cue, "approx")
    if base is None:
        return unresolved(needs, cue, "approx" if vague else "")
    start, end, precision = unit_range(shift(base, sign * count, unit), unit)
    return resolved(start, end, precision, needs, cue, "approx" if vague else "")


def in_count(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Counted forward from the publication date: "in two days", "in a week"."""
    count, vague = quantity(group(m, "qty"))
    if base is None:
        return unresolved("published", "future", "approx" if vague else "")
    start, end, precision = unit_range(shift(base, count, group(m, "unit")), group(m, "unit"))
    return resolved(start, end, precision, "published", "future", "approx" if vague else "")


# --- relative to the previous expression ------------------------------------------------------


def anaphor(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, unit, edge = group(m, "rel"), group(m, "unit"), group(m, "edge")
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}.get(
        rel or "", 0
    )
    if base is None:
        return unresolved("previous")
    day = base + dt.timedelta(days=offset)
    if unit == "week":
        return resolved(*cal.week_of(day), Precision.WEEK, "previous")
    part = None if unit == "day" else unit
    modifier = {"earlier": "approx", "later": "approx"}.get(edge or "", edge)
    return day_or_part(day, "previous", "", modifier, part)


def clock_time(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    if base is None:
        return unresolved("previous")
    return part_of_day(base, "previous", "", "")


def duration(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return None  # "10 months", "a week", "daily", "every year": a length or a frequency, not a time
