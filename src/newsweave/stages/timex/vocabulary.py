"""The words the time rules know: month and weekday names, counts, vague counts, parts of day.

The rules (:mod:`~newsweave.stages.timex.rules`) build their patterns from them and the Matcher
(:mod:`~newsweave.stages.timex.spans`) its token lists.
"""

from __future__ import annotations

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
