"""Absolute dates an article mentions ("July 30, 2024", "Aug. 1", "2024-08-01"), with their tense.

The regular expression finds candidates; :func:`dateparser.parse` reads each one. A mention
without a year gets one only from a nearby full date (an *anchor*): "Oct. 7" in a text whose
only full date is months away stays unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import dateparser

from newsweave.model import Span

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NO_NUMBER_AFTER = r"(?![\d:]|[,.]\d)"
DATE_PATTERN = re.compile(
    rf"\b{_MONTH}\s+{_DAY}{_NO_NUMBER_AFTER}(?:\s*,?\s+(?P<year1>{_YEAR})\b)?"
    rf"|\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year2>{_YEAR})\b)?"
    rf"|\b(?P<iso>{_YEAR}-[01]\d-[0-3]\d)\b"
)

# Words that put a date in the future from the writer's point of view ("talks on Aug. 15",
# "will be buried on Aug. 2"): such dates say nothing about when the article was written.
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|set to|scheduled|slated|due|expected|upcoming|next"
    r"|plans to|planned to|planning to|is to|are to|until|deadline|ahead of)\b",
    re.IGNORECASE,
)
_CUE_WINDOW = 80  # characters before a mention searched for a future cue
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
ANCHOR_REACH = dt.timedelta(days=45)  # how far a full date lends its year to a bare "Aug. 1"

_PARSER_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """An absolute date found in a text; ``date`` is None while its year is unknown."""

    span: Span
    text: str
    date: dt.date | None
    month_day: tuple[int, int]
    has_year: bool
    future: bool  # a future-tense cue precedes it in its sentence


def parse_date(text: str) -> dt.date | None:
    """A calendar date from free text ("July 31, 2024, 4:31pm", "2024/07/31"), or None."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        return None
    try:
        return dt.date.fromisoformat(cleaned[:10].replace("/", "-"))
    except ValueError:
        pass
    parsed = dateparser.parse(cleaned, languages=["en"], settings=_PARSER_SETTINGS)
    return parsed.date() if parsed else None


def _future(text: str, start: int) -> bool:
    window_start = max(0, start - _CUE_WINDOW)
    before = text[window_start:start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return FUTURE_CUE.search(before) is not None


def _mention(text: str, match: re.Match[str], offset: int) -> DateMention | None:
    raw = match.group(0)
    has_year = bool(match.group("year1") or match.group("year2") or match.group("iso"))
    # A fixed leap-year base lets a bare "Feb. 29" parse; its year is settled later.
    base = dt.datetime(2000, 1, 1)
    parsed = dateparser.parse(raw, languages=["en"], settings={**_PARSER_SETTINGS, "RELATIVE_BASE": base})
    if parsed is None:
        return None
    span = Span(start=offset + match.start(), end=offset + match.end())
    return DateMention(
        span=span,
        text=raw,
        date=parsed.date() if has_year else None,
        month_day=(parsed.month, parsed.day),
        has_year=has_year,
        future=_future(text, match.start()),
    )


def find_mentions(text: str, offset: int = 0) -> list[DateMention]:
    """Every absolute date in ``text`` (spans shifted by ``offset``), year-less ones unresolved."""
    found = (_mention(text, m, offset) for m in DATE_PATTERN.finditer(text))
    return [m for m in found if m is not None]


def _with_year(month_day: tuple[int, int], year: int) -> dt.date | None:
    try:
        return dt.date(year, *month_day)
    except ValueError:
        return None


def resolve_year(mention: DateMention, anchors: Sequence[dt.date]) -> DateMention:
    """Give a year-less mention the year that puts it nearest an anchor, if within reach."""
    if mention.date is not None or not anchors:
        return mention
    best: tuple[dt.timedelta, dt.date] | None = None
    for anchor in anchors:
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            candidate = _with_year(mention.month_day, year)
            if candidate is None:
                continue
            distance = abs(candidate - anchor)
            if best is None or distance < best[0]:
                best = (distance, candidate)
    if best is None or best[0] > ANCHOR_REACH:
        return mention
    return DateMention(
        span=mention.span,
        text=mention.text,
        date=best[1],
        month_day=mention.month_day,
        has_year=False,
        future=mention.future,
    )


def resolve_all(mentions: Iterable[DateMention], extra_anchors: Sequence[dt.date] = ()) -> list[DateMention]:
    """Resolve the years of year-less mentions from the full dates among them (and extra anchors)."""
    mentions = list(mentions)
    anchors = [m.date for m in mentions if m.date is not None] + list(extra_anchors)
    return [resolve_year(m, anchors) for m in mentions]
