"""dateparser, for the expressions no rule knows ("the day after Christmas", "31/07/2024")."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsweave.model import Precision
from newsweave.stages.timex import calendar as cal
from newsweave.stages.timex.resolution import Needs, Resolution, resolved

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# Longer "expressions" are mis-segmented text; dateparser would only find false dates in them.
MAX_CHARS = 40
_HAS_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
# dateparser reads these as dates on their own (offline-nlp notes §5); a DATE span made of
# nothing else is no date.
_FALSE_FRIENDS = frozenset({"we", "second", "a", "an", "the"})
# A fixed base for texts that state their year, so the clock never leaks into a result.
_NEUTRAL_BASE = dt.datetime(2000, 1, 1)


@lru_cache(maxsize=64)
def _parser(base: dt.date, prefer: str, require_year: bool) -> DateDataParser:
    from dateparser.date import DateDataParser  # imported on first use: ~0.3 s

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "RETURN_TIME_AS_PERIOD": True,
    }
    if require_year:
        settings["REQUIRE_PARTS"] = ["year"]
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def parse_with_dateparser(normal: str, base: dt.date | None, direction: str) -> Resolution | None:
    """Parse ``normal`` against ``base`` (None: only texts that state their year)."""
    if not normal or len(normal) > MAX_CHARS or normal in _FALSE_FRIENDS:
        return None
    has_year = bool(_HAS_YEAR.search(normal))
    if base is None and not has_year:
        return None
    prefer = {"future": "future", "past": "past"}.get(direction, "past")
    parser = _parser(base or _NEUTRAL_BASE.date(), prefer, base is None)
    try:
        data = parser.get_date_data(normal)
    except (ValueError, OverflowError, TypeError, IndexError, KeyError, AttributeError):
        # dateparser raises these on odd input; an odd DATE span is no date, not an error
        return None
    if data.date_obj is None:
        return None
    return _to_resolution(data.date_obj.date(), data.period or "day", "none" if has_year else "published")


def _to_resolution(day: dt.date, period: str, kind: Needs) -> Resolution:
    if period == "year":
        return resolved(*cal.year_of(day.year), Precision.YEAR, kind)
    if period == "month":
        return resolved(*cal.month_of(day.year, day.month), Precision.MONTH, kind)
    if period == "week":
        return resolved(*cal.week_of(day), Precision.WEEK, kind)
    if period == "time":
        return resolved(day, day, Precision.PART_OF_DAY, kind)
    return resolved(day, day, Precision.DAY, kind)
