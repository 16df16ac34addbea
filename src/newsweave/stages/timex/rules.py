"""Rules for the temporal expressions news uses most, tried before dateparser.

Each rule is an anchored regular expression over the normalised expression (see
:func:`normalise`) and a handler that places it against a base date. The rules cover what
dateparser gets wrong or misses (offline-nlp notes §5): the publication date's own
weekday, ISO weeks, "mid-April", "earlier this year", "the coming days", "this weekend".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsweave.model import Precision
from newsweave.stages.timex import calendar as cal
from newsweave.stages.timex.resolution import Needs, Resolution, resolved, unresolved

Handler = Callable[[re.Match[str], dt.date | None, str], Resolution | None]

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
VAGUE = {
    "few": 3, "a few": 3, "several": 3, "some": 3, "a couple of": 2, "couple of": 2, "a couple": 2,
    "many": 5,
}  # fmt: skip
PARTS = ("morning", "afternoon", "evening", "night", "overnight")

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_PART = "(?P<part>" + "|".join(PARTS) + ")"
_EDGE = "(?P<edge>early|mid|late)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_QTY = "(?P<qty>" + "|".join([r"\d+", *sorted([*NUMBERS, *VAGUE], key=len, reverse=True)]) + ")"
_UNIT = "(?P<unit>minute|hour|day|week|month|year)s?"

# --- normalisation ----------------------------------------------------------------------------

_REWRITES = (
    (re.compile(r"[’‘`]"), "'"),
    (re.compile(r"[–—‑]"), "-"),
    (re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\."), r"\1"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"\b(?:the )?(?:middle) of\b"), "mid"),
    (re.compile(r"\b(?:the )?(?:beginning|start) of\b"), "early"),
    (re.compile(r"\b(?:the )?end of\b"), "late"),
    (re.compile(r"\b(early|late) on\b"), r"\1"),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"\b(early|late)-(?=[a-z]*\d|[a-z])"), r"\1 "),
    (re.compile(r"[^\w\s,:-]"), " "),
    (re.compile(r"\s*,\s*"), ", "),
    (re.compile(r"\s+"), " "),
)
_FILLER = re.compile(
    r"^(?:(?:on|in|at|during|over|for|the|of|by|since|until|till|from|around|about|as of|"
    r"sometime|some time|just|only|barely|nearly|almost|as early as|as late as)\b,? ?)+"
)


def normalise(text: str) -> str:
    """Lower case, straight punctuation, abbreviations without dots, no leading prepositions."""
    out = text.lower()
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return out.strip(" ,-:")


def strip_filler(normal: str) -> str:
    return _FILLER.sub("", normal).strip(" ,-")


# --- helpers ----------------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str:
    """Group ``name`` of ``m``; "" where the pattern has no such group or it took no part."""
    return m.groupdict().get(name) or ""


def _quantity(word: str) -> tuple[int, bool]:
    """A count and whether it was vague ("a few")."""
    if not word:
        return VAGUE["some"], True
    if word.isdigit():
        return int(word), False
    if word in VAGUE:
        return VAGUE[word], True
    return NUMBERS[word], False


def _shift(day: dt.date, count: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return day + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    year, month = cal.shift_month(day.year, day.month, months)
    return day.replace(year=year, month=month, day=min(day.day, 28))


def _unit_range(day: dt.date, unit: str) -> tuple[dt.date, dt.date, Precision]:
    """The calendar unit holding ``day``: its day, ISO week, month or year."""
    if unit == "week":
        return (*cal.week_of(day), Precision.WEEK)
    if unit == "month":
        return (*cal.month_of(day.year, day.month), Precision.MONTH)
    if unit == "year":
        return (*cal.year_of(day.year), Precision.YEAR)
    return day, day, Precision.DAY


def _part_of_day(day: dt.date, needs: Needs, direction: str, modifier: str) -> Resolution:
    return resolved(day, day, Precision.PART_OF_DAY, needs, direction, modifier)


def _day_or_part(
    day: dt.date, needs: Needs, direction: str, edge: str | None, part: str | None
) -> Resolution:
    if edge or part:
        return _part_of_day(day, needs, direction, edge or part or "")
    return resolved(day, day, Precision.DAY, needs, direction)


def _month_range(year: int, month: int, needs: Needs, direction: str, edge: str | None) -> Resolution:
    return resolved(*cal.month_of(year, month), Precision.MONTH, needs, direction, edge or "")


def _direction(direction: str) -> str:
    """Present tense and no cue read as the past: news mostly reports what has happened."""
    return "future" if direction == "future" else "past"


# --- absolute ---------------------------------------------------------------------------------


def _iso(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    try:
        day = dt.date(int(_g(m, "year")), int(_g(m, "mm")), int(_g(m, "dd")))
    except ValueError:
        return None
    return resolved(day, day, Precision.DAY, "none")


def _full_date(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    try:
        day = dt.date(int(_g(m, "year")), MONTHS[_g(m, "month")], int(_g(m, "day")))
    except ValueError:
        return None
    return resolved(day, day, Precision.DAY, "none")


def _month_year(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return _month_range(int(_g(m, "year")), MONTHS[_g(m, "month")], "none", "", _g(m, "edge"))


def _year(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return resolved(*cal.year_of(int(_g(m, "year"))), Precision.YEAR, "none", "", _g(m, "edge") or "")


def _decade(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    first = int(_g(m, "decade"))
    return resolved(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), Precision.YEAR, "none", "", "decade")


# --- needing a year ---------------------------------------------------------------------------


def _month_day(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    month, number = MONTHS[_g(m, "month")], int(_g(m, "day"))
    if not 1 <= number <= 31:
        return None
    if base is None:
        return unresolved("calendar")
    day = cal.day_near(base, month, number, _direction(direction))
    return resolved(day, day, Precision.DAY, "calendar") if day else None


def _month(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    month, rel, edge = MONTHS[_g(m, "month")], _g(m, "rel"), _g(m, "edge")
    if not rel:
        if base is None:
            return unresolved("calendar", modifier=edge or "")
        return _month_range(*cal.month_near(base, month, _direction(direction)), "calendar", "", edge)
    if base is None:
        return unresolved("published", modifier=edge or "")
    if rel == "this":
        return _month_range(base.year, month, "published", "", edge)
    if rel == "next":
        year = base.year if month > base.month else base.year + 1
        return _month_range(year, month, "published", "future", edge)
    # "last April", said in April or later, is the April before the base month.
    year = base.year if month < base.month else base.year - 1
    return _month_range(year, month, "published", "past", edge)


# --- relative to the publication date ---------------------------------------------------------


def _weekday(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, part = _g(m, "rel"), _g(m, "part")
    edge = {"earlier": "early", "later": "late"}.get(_g(m, "edge"), _g(m, "edge"))
    cue = {"last": "past", "past": "past", "next": "future", "coming": "future", "this coming": "future"}.get(
        rel or "", ""
    )
    if base is None:
        return unresolved("published", cue, edge or part or "")
    weekday = WEEKDAYS[_g(m, "weekday")]
    if rel in ("last", "past"):
        day = cal.weekday_strict(base, weekday, -1)
    elif cue == "future":
        day = cal.weekday_strict(base, weekday, 1)
    else:
        day = cal.weekday_near(base, weekday, direction)
    return _day_or_part(day, "published", cue, edge, part)


_DEICTIC = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1, "overnight": 0, "day": 0,
}  # fmt: skip


def _deictic(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    word = _g(m, "word")
    offset = _DEICTIC[word]
    cue = "past" if offset < 0 else "future" if offset > 0 else ""
    part = _g(m, "part") or {"tonight": "night", "overnight": "night"}.get(word)
    edge = _g(m, "edge")
    if edge in ("earlier", "later"):
        cue = "past" if edge == "earlier" else "future"
        edge = "approx"
    if base is None:
        return unresolved("published", cue)
    return _day_or_part(base + dt.timedelta(days=offset), "published", cue, edge, part)


def _period(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, unit, edge = _g(m, "rel"), _g(m, "unit"), _g(m, "edge")
    step = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    cue = {-1: "past", 1: "future"}.get(step, "")
    if edge in ("earlier", "later") and step == 0:
        cue = "past" if edge == "earlier" else "future"
    # "earlier this week" cuts the week at the base day; "earlier last week" is its early part.
    cut = edge if step == 0 and edge in ("earlier", "later") else None
    modifier = "" if cut else {"earlier": "early", "later": "late"}.get(edge or "", edge or "")
    if base is None:
        return unresolved("published", cue, modifier)
    start, end, precision = _unit_range(_shift(base, step, unit), unit)
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


def _window(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """A rough range: "the coming days", "within days", "recent weeks", "the past 10 months"."""
    unit = _g(m, "unit")
    future = _g(m, "rel") not in ("past", "last", "recent", "previous")
    cue = "future" if future else "past"
    if base is None:
        return unresolved("published", cue, "approx")
    if unit == "hour":
        return _part_of_day(base, "published", cue, "approx")
    qty = _g(m, "qty")
    if qty and qty not in VAGUE:
        count, _ = _quantity(qty)
        far = _shift(base, count if future else -count, unit)
        days = abs((far - base).days)
    else:
        days = _SPAN_DAYS[unit]
    near, far_day = base + cal.ONE_DAY, base + dt.timedelta(days=days)
    if not future:
        near, far_day = base - dt.timedelta(days=days), base - cal.ONE_DAY
    return resolved(near, far_day, _SPAN_PRECISION[unit], "published", cue, "approx")


def _weekend(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel = _g(m, "rel") or ""
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


def _offset(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Counted from a day: "two days ago", "hours earlier", "three days later"."""
    unit, word = _g(m, "unit"), _g(m, "dir")
    count, vague = _quantity(_g(m, "qty"))
    sign = -1 if word in ("ago", "earlier", "before") else 1
    needs: Needs = (
        "published" if word in ("ago", "from now", "hence") or unit in ("minute", "hour") else "previous"
    )
    cue = {"ago": "past", "from now": "future", "hence": "future"}.get(word, "")
    if unit in ("minute", "hour"):
        if base is None:
            return unresolved(needs, cue, "approx")
        # Hours before or after an event the text names: that day, as near as the text says.
        return _part_of_day(base, needs, cue, "approx")
    if base is None:
        return unresolved(needs, cue, "approx" if vague else "")
    start, end, precision = _unit_range(_shift(base, sign * count, unit), unit)
    return resolved(start, end, precision, needs, cue, "approx" if vague else "")


def _in_count(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Counted forward from the publication date: "in two days", "in a week"."""
    count, vague = _quantity(_g(m, "qty"))
    if base is None:
        return unresolved("published", "future", "approx" if vague else "")
    start, end, precision = _unit_range(_shift(base, count, _g(m, "unit")), _g(m, "unit"))
    return resolved(start, end, precision, "published", "future", "approx" if vague else "")


# --- relative to the previous expression ------------------------------------------------------


def _anaphor(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    rel, unit, edge = _g(m, "rel"), _g(m, "unit"), _g(m, "edge")
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
    return _day_or_part(day, "previous", "", modifier, part)


def _clock(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    if base is None:
        return unresolved("previous")
    return _part_of_day(base, "previous", "", "")


def _duration(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    return None  # "10 months", "a week", "daily", "every year": a length or a frequency, not a time


_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_range(year: int, season: str) -> tuple[dt.date, dt.date]:
    first = _SEASON_MONTHS[season]
    end_year, end_month = cal.shift_month(year, first, 2)
    return dt.date(year, first, 1), cal.month_of(end_year, end_month)[1]


def _season(m: re.Match[str], base: dt.date | None, direction: str) -> Resolution | None:
    """Meteorological seasons of the northern hemisphere, where most of the news is written."""
    season, rel, edge = _g(m, "season"), _g(m, "rel") or "", _g(m, "edge") or ""
    modifier = " ".join(part for part in (edge, "season") if part)
    if _g(m, "year"):
        return resolved(*_season_range(int(_g(m, "year")), season), Precision.MONTH, "none", "", modifier)
    cue = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(rel, "")
    needs: Needs = "published" if rel else "calendar"
    if base is None:
        return unresolved(needs, cue, modifier)
    # The season holding the base date, or this year's if the base lies outside it.
    year = base.year - 1 if season == "winter" and base.month <= 2 else base.year
    start, end = _season_range(year, season)
    if rel in ("last", "past") or (not rel and _direction(direction) == "past" and start > base):
        start, end = _season_range(year - 1, season)
    elif rel in ("next", "coming") or (not rel and direction == "future" and end < base):
        start, end = _season_range(year + 1, season)
    return resolved(start, end, Precision.MONTH, needs, cue, modifier)


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_YEAR + r"-(?P<mm>\d\d)-(?P<dd>\d\d)", _iso),
        (rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}", _full_date),
        (rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH},? {_YEAR}", _full_date),
        (rf"(?:{_EDGE} )?{_MONTH},? (?:of )?{_YEAR}", _month_year),
        (rf"(?:{_EDGE} )?{_YEAR}", _year),
        (r"(?:early |mid |late )?(?P<decade>1[89]\d0|20\d0)s", _decade),
        (rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}", _month_day),
        (rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH}", _month_day),
        (rf"(?:(?P<rel>last|this|next|past) )?(?:{_EDGE} )?{_MONTH}", _month),
        (
            rf"(?:(?P<rel>last|next|this|past|this coming|coming) )?(?:(?P<edge>early|late|earlier|later) )?"
            rf"{_WEEKDAY},?(?: {_PART})?",
            _weekday,
        ),
        (
            rf"(?:(?P<edge>early|late|earlier|later) )?(?P<word>today|tonight|yesterday|tomorrow|overnight)"
            rf"(?: {_PART})?",
            _deictic,
        ),
        (rf"(?:(?P<edge>early|late|earlier|later) )?(?P<word>this|last) {_PART}", _deictic),
        (r"(?P<edge>earlier|later) in the (?P<word>day)", _deictic),
        (
            r"(?:(?P<edge>early|late|earlier|later) )?(?:in )?(?P<rel>this|last|next|previous) "
            r"(?P<unit>week|month|year)",
            _period,
        ),
        (r"(?P<edge>earlier|later) in the (?P<unit>week|month|year)(?P<rel>)", _period),
        (r"(?P<rel>this|last|next|past|coming)? ?weekend", _weekend),
        (
            rf"(?:within|in)? ?(?:the )?(?P<rel>coming|next|upcoming|past|last|recent|previous) "
            rf"(?:{_QTY} )?(?P<unit>hour|day|week|month|year)s",
            _window,
        ),
        (
            r"(?:within|in) ?(?:the next )?(?P<qty>(?:a )?few|a couple of|several)? ?(?P<rel>)"
            r"(?P<unit>hour|day|week|month)s",
            _window,
        ),
        (
            rf"(?:a matter of )?(?:{_QTY} )?{_UNIT} (?P<dir>ago|earlier|before|later|after|from now|hence)",
            _offset,
        ),
        (rf"in {_QTY} {_UNIT}(?: time)?", _in_count),
        (
            rf"(?:(?P<edge>early|late|earlier|later) )?(?:that|the same) (?P<unit>day|week|{'|'.join(PARTS)})"
            r"(?P<rel>)",
            _anaphor,
        ),
        (rf"(?P<rel>next|following|previous|preceding) (?P<unit>day|{'|'.join(PARTS)})(?P<edge>)", _anaphor),
        (r"(?P<unit>day) (?P<rel>before|after)(?P<edge>)", _anaphor),
        (rf"(?:(?P<edge>early|late) )?(?P<unit>{'|'.join(PARTS)})(?P<rel>)", _anaphor),
        (
            r"(?:(?P<rel>this|last|next|past|coming) )?(?:(?P<edge>early|mid|late) )?"
            r"(?P<season>spring|summer|autumn|fall|winter)(?:,? (?:of )?(?P<year>1[89]\d\d|20\d\d))?",
            _season,
        ),
        (
            r"(?P<edge>early|mid|late) (?:the )?(?P<unit>week|month|year)(?P<rel>)",
            _period,
        ),
        (
            r"(?:(?:the )?(?P<unit>hour|day|week|month)s (?P<rel>ahead))",
            _window,
        ),
        (
            r"(?:daily|weekly|monthly|yearly|annual|annually|nightly|hourly|decades|centuries|ages|"
            r"(?:every|each|per|a|once a|twice a) (?:other )?(?:day|week|month|year|night|morning|evening)"
            r"|(?:the )?(?:coming |past |last |recent )?(?:decade|century|years|decades|centuries))",
            _duration,
        ),
        (
            r"(?:about |around )?\d{1,2}(?::\d\d)? ?(?:a ?m|p ?m|o'?clock)(?: [a-z ]+ time| gmt| et| utc)?",
            _clock,
        ),
        (
            rf"(?:(?:the|its|a|an|some|several|many|few|more than|less than|nearly|almost|about|over|under|"
            rf"at least|final|first|last|past|{'|'.join(NUMBERS)}|\d+)[ -])*{_UNIT}(?:[ -](?:long|old))?"
            r"|(?:\d+|[a-z]+)[ -](?:minute|hour|day|week|month|year)[ -](?:long|old)",
            _duration,
        ),
    )
)

_PART_OF = re.compile(rf"(?:(?P<edge>early|late) )?{_PART} of (?P<rest>.+)")


def apply_rules(normal: str, base: dt.date | None, direction: str) -> Resolution | bool | None:
    """The rule result for ``normal``; ``False`` if no rule knows the form."""
    m = _PART_OF.fullmatch(normal)
    if m:
        inner = apply_rules(_g(m, "rest"), base, direction)
        if not isinstance(inner, Resolution) or inner.precision is not Precision.DAY:
            return inner
        assert inner.start is not None
        return _part_of_day(inner.start, inner.needs, inner.direction, _g(m, "edge") or _g(m, "part"))
    for pattern, handler in RULES:
        m = pattern.fullmatch(normal)
        if m:
            try:
                return handler(m, base, direction)
            except (ValueError, OverflowError):  # "2024 years ago" leaves the calendar
                return unresolved("published")
    return False
