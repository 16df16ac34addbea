"""The one date of an event (:func:`event_date`), with the reports it rests on.

An event's date is the agreed range of its reports' dates, stated calendar dates before
relative ones before those resting on an estimated publication date (:func:`date_basis`),
with the reports it rests on; it is the event's only date: the timeline, briefing, report
and app show ``Event.start``/``end`` and never date an event again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsweave.model import (
    Article,
    DateKind,
    EventReport,
    Precision,
    TimeExpr,
    report_article_id,
)
from newsweave.stages.timex import resolve_expression

# Precisions that name one day.
DAY_LEVEL = frozenset({Precision.DAY, Precision.PART_OF_DAY})
_TRUSTED_PUBLISHED = frozenset({DateKind.METADATA, DateKind.STATED, DateKind.DATELINE})


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened (or is expected), as its reports place it, and which reports do."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    estimated: bool
    evidence: tuple[str, ...] = ()  # ids of the reports whose time expressions give the range

    @property
    def dated(self) -> bool:
        return self.start is not None


UNDATED = EventDate(None, None, Precision.UNRESOLVED, False)
# How a report's time expression places its date, best first (see :func:`date_basis`).
STATED, RELATIVE, ESTIMATED = 0, 1, 2
_FINEST_FIRST = (Precision.DAY, Precision.PART_OF_DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR)


def date_basis(timex: TimeExpr, article: Article) -> int:
    """How well ``timex`` places its date.

    :data:`STATED`: the text gives the calendar date ("31 July 2024"; also "Oct. 7" and
    "mid-April", whose year comes from the publication date or a full date in the text: the
    outlet wrote the day, and news drops the year of recent dates). :data:`RELATIVE`: counted
    exactly from a stated publication date ("on Tuesday", "last week"). :data:`ESTIMATED`:
    counted from a publication date that was itself inferred, or vague ("hours after",
    "in recent days", "a few days ago": the day is a guess).
    """
    if timex.modifier == "approx":
        return ESTIMATED
    if timex.anchor in ("absolute", "text") or _names_calendar_date(timex.text, timex.direction):
        return STATED
    if timex.anchor == "published" and article.published.kind in _TRUSTED_PUBLISHED:
        return RELATIVE
    return ESTIMATED


@lru_cache(maxsize=4096)
def _names_calendar_date(text: str, direction: str) -> bool:
    # The resolver knows what an expression needs: only a year ("Aug. 1"), or a day to count
    # from ("two days ago", whose digit made it look like a calendar date to a pattern).
    result = resolve_expression(text, None, direction)
    return result is not None and result.needs == "calendar"


def event_date(reports: Sequence[EventReport], articles: Mapping[str, Article]) -> EventDate:
    """The one date of an event, from its best-placed reports' time expressions.

    Reports rank by :func:`date_basis`, then day-level before coarser. The best rank's ranges
    are intersected; when they do not meet, the range most articles give wins, and on a tie
    the span they cover is kept (the compare stage reports the disagreement either way). The precision
    is the finest of the expressions that give the range; the date is ``estimated`` when no
    report places it better than :data:`ESTIMATED`. The timeline, the briefing, the report
    and the app all show this date and no other.
    """
    dated: list[tuple[int, int, EventReport, TimeExpr]] = []
    for report in reports:
        when = report.when
        article = articles.get(report_article_id(report.id))
        if when is None or when.start is None or when.end is None or article is None:
            continue
        precision_rank = 0 if when.precision in DAY_LEVEL else 1
        dated.append((date_basis(when, article), precision_rank, report, when))
    if not dated:
        return UNDATED
    basis, rank = min((b, p) for b, p, _, _ in dated)
    chosen = [(r, w) for b, p, r, w in dated if (b, p) == (basis, rank)]
    start, end, backers = _common_range(chosen)
    precision = min((w.precision for _, w in backers), key=_FINEST_FIRST.index)
    if precision is Precision.PART_OF_DAY:
        precision = Precision.DAY
    return EventDate(start, end, precision, basis == ESTIMATED, tuple(r.id for r, _ in backers))


def _common_range(
    chosen: Sequence[tuple[EventReport, TimeExpr]],
) -> tuple[dt.date, dt.date, Sequence[tuple[EventReport, TimeExpr]]]:
    """The range ``chosen`` agree on, and the reports that give it."""
    starts = [w.start for _, w in chosen if w.start]
    ends = [w.end for _, w in chosen if w.end]
    if max(starts) <= min(ends):
        return max(starts), min(ends), chosen
    # They disagree: the range most articles give (an article saying "Friday" three times
    # is one account), else the span they cover.
    backers: dict[tuple[dt.date, dt.date], list[tuple[EventReport, TimeExpr]]] = defaultdict(list)
    for report, when in chosen:
        assert when.start is not None and when.end is not None  # filtered by the caller
        backers[(when.start, when.end)].append((report, when))
    articles = {key: len({report_article_id(r.id) for r, _ in given}) for key, given in backers.items()}
    first, second = sorted(articles.values(), reverse=True)[:2]
    if first > second:
        (start, end), given = next((k, v) for k, v in backers.items() if articles[k] == first)
        return start, end, given
    return min(starts), max(ends), chosen
