"""Find an article's temporal expressions and place them against its publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from newsweave.model import DateEvidence, DateKind, Precision, Span, TimeExpr
from newsweave.stages.timex.resolution import Resolution, unresolved
from newsweave.stages.timex.resolve import resolve_expression
from newsweave.stages.timex.spans import candidate_spans
from newsweave.stages.timex.tense import direction_of

# "that morning" refers to a day named shortly before it, or to nothing we can find.
ANAPHORA_WINDOW = 600
# Publication dates that were inferred, not stated: expressions placed on them say so.
INFERRED_KINDS = frozenset({DateKind.ESTIMATED, DateKind.CROSS_ARTICLE})
DAY_LEVEL = frozenset({Precision.DAY, Precision.PART_OF_DAY})


@dataclass(slots=True)
class _Found:
    span: Span
    text: str
    direction: str
    result: Resolution
    anchor: str = "none"


def find_timexes(doc: Doc, published: DateEvidence) -> list[TimeExpr]:
    """The temporal expressions of ``doc``, normalised against the publication date.

    Weekday and relative references ("on Thursday", "last week") need the publication
    date; when it is unknown they stay unresolved (anchor "none") rather than guessed.
    Calendar dates without a year ("Oct. 7") take it from the publication date, else
    from the latest full date the text states (anchor "text"). "That morning" and
    "the next day" count from the day named just before them.
    """
    base = published.value
    base_anchor = "estimated" if published.kind in INFERRED_KINDS else "published"
    found = [_first_pass(doc, start, end, base, base_anchor) for start, end in candidate_spans(doc)]
    kept = [item for item in found if item is not None]
    text_base = None if base is not None else _latest_full_date(kept)
    _second_pass(kept, text_base)
    return [_to_timex(item) for item in kept]


def _first_pass(doc: Doc, start: int, end: int, base: dt.date | None, base_anchor: str) -> _Found | None:
    tokens = doc[start:end]
    direction = direction_of(tokens)
    result = resolve_expression(tokens.text, base, direction)
    if result is None:
        return None
    anchor = _anchor(result, base_anchor)
    return _Found(
        span=Span(start=tokens.start_char, end=tokens.end_char),
        text=tokens.text,
        direction=direction,
        result=result,
        anchor=anchor,
    )


def _anchor(result: Resolution, base_anchor: str) -> str:
    if not result.resolved:
        return "none"
    return "absolute" if result.needs == "none" else base_anchor


def _latest_full_date(found: Iterable[_Found]) -> dt.date | None:
    days = [
        item.result.start
        for item in found
        if item.result.needs == "none" and item.result.precision is Precision.DAY and item.result.start
    ]
    return max(days, default=None)


def _second_pass(found: list[_Found], text_base: dt.date | None) -> None:
    """Place year-less dates on the text's own year and anaphora on the day before them."""
    previous: _Found | None = None
    for item in found:
        needs = item.result.needs
        if needs == "calendar" and not item.result.resolved and text_base is not None:
            _re_resolve(item, text_base, "text")
        elif needs == "previous":
            if previous is not None and item.span.start - previous.span.end <= ANAPHORA_WINDOW:
                assert previous.result.start is not None
                _re_resolve(item, previous.result.start, previous.anchor)
            else:
                item.result, item.anchor = unresolved("previous"), "none"
        if item.result.resolved and item.result.precision in DAY_LEVEL:
            previous = item


def _re_resolve(item: _Found, base: dt.date, anchor: str) -> None:
    result = resolve_expression(item.text, base, item.direction)
    if result is not None and result.resolved:
        item.result, item.anchor = result, anchor


def _to_timex(item: _Found) -> TimeExpr:
    result = item.result
    return TimeExpr(
        span=item.span,
        text=item.text,
        start=result.start,
        end=result.end,
        precision=result.precision,
        anchor=item.anchor if result.resolved else "none",
        direction=result.direction or item.direction,
        modifier=result.modifier,
    )


def timex_for_span(timexes: Iterable[TimeExpr], start: int, end: int) -> TimeExpr | None:
    """The time expression of the clause ``[start, end)``: one inside it before one overlapping
    it, a resolved one before an unresolved one, then the first."""
    best: tuple[int, int, int] | None = None
    chosen: TimeExpr | None = None
    for timex in timexes:
        if timex.span.end <= start or timex.span.start >= end:
            continue
        inside = start <= timex.span.start and timex.span.end <= end
        key = (0 if inside else 1, 0 if timex.start is not None else 1, timex.span.start)
        if best is None or key < best:
            best, chosen = key, timex
    return chosen
