"""Where the temporal expressions are: spaCy's DATE/TIME entities plus a Matcher for what it misses."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsweave.stages.timex.vocabulary import MONTHS, NUMBERS, PARTS, VAGUE, WEEKDAYS

LABELS = frozenset({"DATE", "TIME"})
# An entity such as "early April and late July" holds two expressions.
SPLITTERS = frozenset({"and", "or", "to", "through", "until", "till", "&"})
OFFSET_WORDS = frozenset({"ago", "earlier", "later", "before", "after"})
NEW_EXPRESSION = frozenset({*WEEKDAYS, "early", "late", "last", "next", "this", "earlier", "later"})

_MONTH_TOKENS = sorted({*MONTHS, *(f"{name}." for name in MONTHS if len(name) <= 4 and name != "may")})
_CALENDAR_MONTHS = [name for name in _MONTH_TOKENS if name != "may"]  # "may" alone is the modal
_WEEKDAYS = list(WEEKDAYS)
_PARTS = list(PARTS)
_UNITS = ["minutes", "hours", "days", "weeks", "months", "years"]
_QTY = sorted({*NUMBERS, *(word for phrase in VAGUE for word in phrase.split()), "just", "only", "a"})
# Every pattern holds one of these words, or a month, weekday, part of day or unit.
TRIGGERS = frozenset(
    {"today", "tonight", "yesterday", "tomorrow", "overnight", "weekend", "day", "week", "month", "year"}
)
WINDOW = 5  # tokens either side of a trigger: the longest pattern is shorter
_DAY: dict[str, object] = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
_YEAR: dict[str, object] = {"SHAPE": "dddd"}

PATTERNS: dict[str, list[list[dict[str, object]]]] = {
    "weekday": [
        [
            {"LOWER": {"IN": ["early", "late", "last", "next", "this", "past"]}, "OP": "?"},
            {"LOWER": {"IN": _WEEKDAYS}},
            {"LOWER": {"IN": _PARTS}, "OP": "?"},
        ],
        [{"LOWER": {"IN": ["early", "late"]}}, {"LOWER": "on"}, {"LOWER": {"IN": _WEEKDAYS}}],
    ],
    "offset": [
        [
            {"LOWER": {"IN": _QTY}, "OP": "*"},
            {"LIKE_NUM": True, "OP": "?"},
            {"LOWER": {"IN": _UNITS}},
            {"LOWER": {"IN": ["earlier", "later", "before", "after", "ago"]}},
        ],
    ],
    "period": [
        [
            {"LOWER": {"IN": ["earlier", "later", "early", "late"]}},
            {"LOWER": "in", "OP": "?"},
            {"LOWER": {"IN": ["this", "last", "next", "the"]}},
            {"LOWER": {"IN": ["week", "month", "year", "day"]}},
        ],
        [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": {"IN": ["today", "tonight"]}}],
        [{"LOWER": {"IN": ["today", "tonight", "yesterday", "tomorrow", "overnight"]}}],
        [{"LOWER": {"IN": ["last", "this"]}}, {"LOWER": {"IN": _PARTS}}],
        [{"LOWER": {"IN": ["this", "last", "next", "the", "coming", "past"]}}, {"LOWER": "weekend"}],
    ],
    "window": [
        [
            {"LOWER": "the", "OP": "?"},
            {"LOWER": {"IN": ["coming", "next", "upcoming", "past", "recent"]}},
            {"LOWER": {"IN": ["few", "several", "couple", "of"]}, "OP": "*"},
            {"LOWER": {"IN": _UNITS}},
        ],
        [
            {"LOWER": "within"},
            {"LOWER": {"IN": ["a", "few", "several", "couple", "of"]}, "OP": "*"},
            {"LOWER": {"IN": _UNITS}},
        ],
    ],
    "month": [
        [
            {"LOWER": {"IN": ["mid", "early", "late"]}},
            {"ORTH": "-", "OP": "?"},
            {"LOWER": {"IN": _MONTH_TOKENS}},
        ],
        [{"LOWER": {"REGEX": r"^(mid|early|late)-\d{4}$"}}],
        [{"LOWER": {"IN": _CALENDAR_MONTHS}}, _DAY, {"ORTH": ",", "OP": "?"}, {**_YEAR, "OP": "?"}],
        [{"LOWER": "may"}, _DAY, {"ORTH": ",", "OP": "?"}, _YEAR],
        [_DAY, {"LOWER": {"IN": _MONTH_TOKENS}}, {**_YEAR, "OP": "?"}],
    ],
}


@cache
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for name, patterns in PATTERNS.items():
        matcher.add(name, patterns, greedy="LONGEST")
    return matcher


def candidate_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of temporal expressions, merged where they overlap or touch."""
    ranges = [
        _offset_only(doc, *part)
        for ent in doc.ents
        if ent.label_ in LABELS
        for part in _split(doc, ent.start, ent.end)
    ]
    ranges.extend(_trim(doc, start, end) for start, end in _matches(doc))
    return _merge(doc, sorted(ranges))


def _matches(doc: Doc) -> list[tuple[int, int]]:
    """Matcher hits, looked for only around trigger words: the Matcher over every token of a
    long article would cost more than the rest of this stage together."""
    matcher = _matcher(doc.vocab)
    found: list[tuple[int, int]] = []
    for begin, end in _windows(doc):
        found.extend((begin + start, begin + stop) for _, start, stop in matcher(doc[begin:end]))
    return found


def _windows(doc: Doc) -> list[tuple[int, int]]:
    lowers = doc.to_array("LOWER")
    hits = numpy.flatnonzero(numpy.isin(lowers, _trigger_ids(doc.vocab)))
    windows: list[tuple[int, int]] = []
    for i in hits.tolist():
        begin, end = max(0, i - WINDOW), min(len(doc), i + WINDOW + 1)
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((begin, end))
    return windows


@cache
def _trigger_ids(vocab: Vocab) -> numpy.ndarray[Any, numpy.dtype[numpy.uint64]]:
    words = {*_MONTH_TOKENS, *_WEEKDAYS, *_PARTS, *_UNITS, *TRIGGERS}
    words |= {f"{edge}-{year}" for edge in ("mid", "early", "late") for year in range(1900, 2100)}
    return numpy.array(sorted(vocab.strings.add(word) for word in words), dtype=numpy.uint64)


def _split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    parts, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ in SPLITTERS or _comma_between(doc, i, end):
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, end))
    return [_trim(doc, s, e) for s, e in parts if e > s and not all(t.is_punct for t in doc[s:e])]


def _comma_between(doc: Doc, i: int, end: int) -> bool:
    """Whether a comma starts a new expression: "early Wednesday, Sunday evening" is two."""
    return doc[i].text == "," and i + 1 < end and doc[i + 1].lower_ in NEW_EXPRESSION


def _offset_only(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop words NER sometimes puts before an offset: "the port hours earlier"."""
    if end - start < 3 or doc[end - 1].lower_ not in OFFSET_WORDS or doc[end - 2].lower_ not in _UNITS:
        return start, end
    begin = end - 2
    while begin > start and (doc[begin - 1].like_num or doc[begin - 1].lower_ in _QTY):
        begin -= 1
    return begin, end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end - 1 and doc[start].is_punct:
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _merge(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and _joins(doc, merged[-1], start):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _joins(doc: Doc, previous: tuple[int, int], start: int) -> bool:
    """Overlapping or touching, or "the morning" + "of" + "Aug. 1"."""
    if start <= previous[1]:
        return start < previous[1] or not doc[start].is_sent_start
    return (
        start == previous[1] + 1 and doc[previous[1]].lower_ == "of" and doc[previous[1] - 1].lower_ in PARTS
    )
