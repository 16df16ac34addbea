"""The rules for the temporal expressions news uses most, tried before dateparser.

Each rule is an anchored regular expression over the normalised expression (see
:func:`~newsweave.stages.timex.normal_form.normalise`) and a handler that places it against a base date
(:mod:`~newsweave.stages.timex.absolute`, :mod:`~newsweave.stages.timex.relative`). The rules cover what
dateparser gets wrong or misses (offline-nlp notes §5): the publication date's own weekday, ISO weeks,
"mid-April", "earlier this year", "the coming days", "this weekend".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsweave.model import Precision
from newsweave.stages.timex import absolute, relative
from newsweave.stages.timex.placing import group, part_of_day
from newsweave.stages.timex.resolution import Resolution, unresolved
from newsweave.stages.timex.vocabulary import MONTHS, NUMBERS, PARTS, VAGUE, WEEKDAYS

Handler = Callable[[re.Match[str], dt.date | None, str], Resolution | None]

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_PART = "(?P<part>" + "|".join(PARTS) + ")"
_EDGE = "(?P<edge>early|mid|late)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_QTY = "(?P<qty>" + "|".join([r"\d+", *sorted([*NUMBERS, *VAGUE], key=len, reverse=True)]) + ")"
_UNIT = "(?P<unit>minute|hour|day|week|month|year)s?"


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_YEAR + r"-(?P<mm>\d\d)-(?P<dd>\d\d)", absolute.iso_date),
        (rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}", absolute.full_date),
        (rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH},? {_YEAR}", absolute.full_date),
        (rf"(?:{_EDGE} )?{_MONTH},? (?:of )?{_YEAR}", absolute.month_and_year),
        (rf"(?:{_EDGE} )?{_YEAR}", absolute.whole_year),
        (r"(?:early |mid |late )?(?P<decade>1[89]\d0|20\d0)s", absolute.decade),
        (rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}", absolute.month_and_day),
        (rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH}", absolute.month_and_day),
        (rf"(?:(?P<rel>last|this|next|past) )?(?:{_EDGE} )?{_MONTH}", absolute.named_month),
        (
            rf"(?:(?P<rel>last|next|this|past|this coming|coming) )?(?:(?P<edge>early|late|earlier|later) )?"
            rf"{_WEEKDAY},?(?: {_PART})?",
            relative.named_weekday,
        ),
        (
            rf"(?:(?P<edge>early|late|earlier|later) )?(?P<word>today|tonight|yesterday|tomorrow|overnight)"
            rf"(?: {_PART})?",
            relative.deictic,
        ),
        (rf"(?:(?P<edge>early|late|earlier|later) )?(?P<word>this|last) {_PART}", relative.deictic),
        (r"(?P<edge>earlier|later) in the (?P<word>day)", relative.deictic),
        (
            r"(?:(?P<edge>early|late|earlier|later) )?(?:in )?(?P<rel>this|last|next|previous) "
            r"(?P<unit>week|month|year)",
            relative.period,
        ),
        (r"(?P<edge>earlier|later) in the (?P<unit>week|month|year)(?P<rel>)", relative.period),
        (r"(?P<rel>this|last|next|past|coming)? ?weekend", relative.weekend),
        (
            rf"(?:within|in)? ?(?:the )?(?P<rel>coming|next|upcoming|past|last|recent|previous) "
            rf"(?:{_QTY} )?(?P<unit>hour|day|week|month|year)s",
            relative.window,
        ),
        (
            r"(?:within|in) ?(?:the next )?(?P<qty>(?:a )?few|a couple of|several)? ?(?P<rel>)"
            r"(?P<unit>hour|day|week|month)s",
            relative.window,
        ),
        (
            rf"(?:a matter of )?(?:{_QTY} )?{_UNIT} (?P<dir>ago|earlier|before|later|after|from now|hence)",
            relative.counted_from,
        ),
        (rf"in {_QTY} {_UNIT}(?: time)?", relative.in_count),
        (
            rf"(?:(?P<edge>early|late|earlier|later) )?(?:that|the same) (?P<unit>day|week|{'|'.join(PARTS)})"
            r"(?P<rel>)",
            relative.anaphor,
        ),
        (
            rf"(?P<rel>next|following|previous|preceding) (?P<unit>day|{'|'.join(PARTS)})(?P<edge>)",
            relative.anaphor,
        ),
        (r"(?P<unit>day) (?P<rel>before|after)(?P<edge>)", relative.anaphor),
        (rf"(?:(?P<edge>early|late) )?(?P<unit>{'|'.join(PARTS)})(?P<rel>)", relative.anaphor),
        (
            r"(?:(?P<rel>this|last|next|past|coming) )?(?:(?P<edge>early|mid|late) )?"
            r"(?P<season>spring|summer|autumn|fall|winter)(?:,? (?:of )?(?P<year>1[89]\d\d|20\d\d))?",
            absolute.named_season,
        ),
        (
            r"(?P<edge>early|mid|late) (?:the )?(?P<unit>week|month|year)(?P<rel>)",
            relative.period,
        ),
        (
            r"(?:(?:the )?(?P<unit>hour|day|week|month)s (?P<rel>ahead))",
            relative.window,
        ),
        (
            r"(?:daily|weekly|monthly|yearly|annual|annually|nightly|hourly|decades|centuries|ages|"
            r"(?:every|each|per|a|once a|twice a) (?:other )?(?:day|week|month|year|night|morning|evening)"
            r"|(?:the )?(?:coming |past |last |recent )?(?:decade|century|years|decades|centuries))",
            relative.duration,
        ),
        (
            r"(?:about |around )?\d{1,2}(?::\d\d)? ?(?:a ?m|p ?m|o'?clock)(?: [a-z ]+ time| gmt| et| utc)?",
            relative.clock_time,
        ),
        (
            rf"(?:(?:the|its|a|an|some|several|many|few|more than|less than|nearly|almost|about|over|under|"
            rf"at least|final|first|last|past|{'|'.join(NUMBERS)}|\d+)[ -])*{_UNIT}(?:[ -](?:long|old))?"
            r"|(?:\d+|[a-z]+)[ -](?:minute|hour|day|week|month|year)[ -](?:long|old)",
            relative.duration,
        ),
    )
)

_PART_OF = re.compile(rf"(?:(?P<edge>early|late) )?{_PART} of (?P<rest>.+)")


def apply_rules(normal: str, base: dt.date | None, direction: str) -> Resolution | bool | None:
    """The rule result for ``normal``; ``False`` if no rule knows the form."""
    m = _PART_OF.fullmatch(normal)
    if m:
        inner = apply_rules(group(m, "rest"), base, direction)
        if not isinstance(inner, Resolution) or inner.precision is not Precision.DAY:
            return inner
        assert inner.start is not None
        return part_of_day(inner.start, inner.needs, inner.direction, group(m, "edge") or group(m, "part"))
    for pattern, handler in RULES:
        m = pattern.fullmatch(normal)
        if m:
            try:
                return handler(m, base, direction)
            except (ValueError, OverflowError):  # "2024 years ago" leaves the calendar
                return unresolved("published")
    return False
