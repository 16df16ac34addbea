"""The timeline: each story's events in date order, with precision, sources and modality.

An event's date is the one its reports' time expressions give it (``Event.start`` /
``Event.end`` as the events and dates stages agreed them). A publication date is never an
event date by itself: it only dates an event through a report's expression ("today",
"on Wednesday") that the time stage resolved against it. An ``Event`` date that no report's
expression supports, and that was not propagated across articles (``date_estimated``), is
ignored and the date is taken from the reports again; undated events stay undated.

Ordering rule for mixed precision: entries sort by the first day of their range, and a
wider range before a narrower one starting on the same day. So a month-precision event
("in July") comes before every day-precision event inside that month, the way a heading
precedes its items; it says "this happened during July", not "on 1 July". Undated events
(precision ``UNRESOLVED``) come last, in the order their articles first report them.
Background events (7 October, the April attack) are kept, marked ``background``, and sort
by their own dates like any other. Hypothetical and negated events did not happen and are
not planned, so they are left out; expected and threatened ones are kept with their
modality so that a reader sees them as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.events import UNDATED, EventDate
from newsweave.model import (
    Article,
    DateKind,
    Event,
    EventReport,
    Modality,
    Precision,
    Story,
    TimeExpr,
    TimelineEntry,
    report_article_id,
)

# Events that did not (and are not said to) happen have no place on a timeline.
OFF_TIMELINE = frozenset({Modality.HYPOTHETICAL, Modality.NEGATED})
# Time expressions whose date rests on an inferred publication date or an inferred year.
ESTIMATED_ANCHORS = frozenset({"estimated", "text"})
INFERRED_PUBLICATION = frozenset({DateKind.ESTIMATED, DateKind.CROSS_ARTICLE})
_FINENESS = {
    Precision.DAY: 0,
    Precision.PART_OF_DAY: 0,
    Precision.WEEK: 1,
    Precision.MONTH: 2,
    Precision.YEAR: 3,
    Precision.UNRESOLVED: 4,
}


@dataclass(frozen=True, slots=True)
class StoryEvents:
    """The events of one story (``story`` is None when the corpus has no stories)."""

    story: Story | None
    events: tuple[Event, ...]

    @property
    def story_id(self) -> str | None:
        return self.story.id if self.story is not None else None


def reports_by_id(state: CorpusState) -> dict[str, EventReport]:
    """Every article's event reports by ``EventReport.id``."""
    return {r.id: r for ann in state.annotations.values() for r in ann.reports}


def story_events(state: CorpusState) -> list[StoryEvents]:
    """Each story with its events, or a single group of every event when there are no stories.

    A story lists its events when the stories stage knew them; otherwise an event belongs to
    every story that holds one of its articles.
    """
    if not state.stories:
        return [StoryEvents(None, state.events)]
    by_id = {e.id: e for e in state.events}
    by_article: dict[str, list[Event]] = {}
    for event in state.events:
        for article_id in event.article_ids:
            by_article.setdefault(article_id, []).append(event)
    groups = []
    for story in state.stories:
        if story.event_ids:
            events = [by_id[i] for i in story.event_ids if i in by_id]
        else:
            events = list(_unique(e for a in story.article_ids for e in by_article.get(a, ())))
        groups.append(StoryEvents(story, tuple(events)))
    return groups


def event_date(event: Event, reports: Sequence[EventReport], articles: Mapping[str, Article]) -> EventDate:
    """The date of ``event``: its agreed date when a report supports it, else its reports' own."""
    dated = [r for r in reports if r.when is not None and r.when.start is not None]
    if event.start is not None:
        end = event.end or event.start
        support = [r for r in dated if _overlaps(r.when, event.start, end)]
        if support or event.date_estimated:
            estimated = event.date_estimated or (
                bool(support) and all(is_estimated(r, articles) for r in support)
            )
            precision = (
                event.precision
                if event.precision != Precision.UNRESOLVED
                else _range_precision(event.start, end)
            )
            return EventDate(event.start, end, _day_level(precision), estimated)
    return _date_from_reports(dated, articles)


def is_estimated(report: EventReport, articles: Mapping[str, Article]) -> bool:
    """Whether the report's date rests on an inferred publication date or year."""
    when = report.when
    if when is None:
        return False
    if when.anchor in ESTIMATED_ANCHORS or when.modifier == "approx":
        return True
    article = articles.get(report_article_id(report.id))
    return (
        when.anchor == "published" and article is not None and article.published.kind in INFERRED_PUBLICATION
    )


def timeline_for(
    group: StoryEvents, reports: Mapping[str, EventReport], articles: Mapping[str, Article]
) -> list[TimelineEntry]:
    """The timeline of one story: its events as entries, in date order."""
    order = {a: i for i, a in enumerate(articles)}
    entries = []
    for event in group.events:
        if event.modality in OFF_TIMELINE:
            continue
        own = [reports[i] for i in event.report_ids if i in reports]
        date = event_date(event, own, articles)
        entry = TimelineEntry(
            event_id=event.id,
            start=date.start,
            end=date.end,
            precision=date.precision,
            label=event.label,
            article_ids=event.article_ids,
            modality=event.modality,
            estimated=date.estimated,
            story_id=group.story_id,
            background=event.background,
        )
        entries.append((_sort_key(entry, own, order), entry))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]


@corpus_stage("timeline", requires=["events"], provides=["timeline"])
def timeline_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Order each story's events by date (see the module docstring for the rules)."""
    reports = reports_by_id(state)
    articles = state.articles_by_id()
    entries = [e for group in story_events(state) for e in timeline_for(group, reports, articles)]
    return replace(state, timeline=tuple(entries))


def _date_from_reports(dated: Sequence[EventReport], articles: Mapping[str, Article]) -> EventDate:
    """The range most reports give; ties go to the finest, then the earliest range."""
    if not dated:
        return UNDATED
    votes: dict[tuple[dt.date, dt.date], list[EventReport]] = {}
    for report in dated:
        when = report.when
        assert when is not None and when.start is not None  # filtered by the caller
        votes.setdefault((when.start, when.end or when.start), []).append(report)

    def rank(item: tuple[tuple[dt.date, dt.date], list[EventReport]]) -> tuple[int, int, dt.date]:
        (start, end), backers = item
        return (-len(backers), (end - start).days, start)

    (start, end), backers = min(votes.items(), key=rank)
    precision = min((r.when.precision for r in backers if r.when), key=_FINENESS.__getitem__)
    estimated = all(is_estimated(r, articles) for r in backers)
    return EventDate(start, end, _day_level(precision), estimated)


def _sort_key(
    entry: TimelineEntry, reports: Sequence[EventReport], article_order: Mapping[str, int]
) -> tuple[int, dt.date, int, int, int, str]:
    if entry.start is None:
        # Undated: reading order of the first report, after every dated entry.
        first = min((_reading_position(r, article_order) for r in reports), default=(len(article_order), 0))
        return (1, dt.date.min, *first, 0, entry.event_id)
    width = ((entry.end or entry.start) - entry.start).days
    return (0, entry.start, -width, _FINENESS[entry.precision], -len(entry.article_ids), entry.event_id)


def _reading_position(report: EventReport, article_order: Mapping[str, int]) -> tuple[int, int]:
    article_id = report_article_id(report.id)
    return (article_order.get(article_id, len(article_order)), report.span.start)


def _overlaps(when: TimeExpr | None, start: dt.date, end: dt.date) -> bool:
    if when is None or when.start is None:
        return False
    return when.start <= end and start <= (when.end or when.start)


def _range_precision(start: dt.date, end: dt.date) -> Precision:
    days = (end - start).days
    if days == 0:
        return Precision.DAY
    if days <= 7:
        return Precision.WEEK
    return Precision.MONTH if days <= 31 else Precision.YEAR


def _day_level(precision: Precision) -> Precision:
    # "Early Wednesday" is still a day on a timeline.
    return Precision.DAY if precision == Precision.PART_OF_DAY else precision


def _unique(events: Iterable[Event]) -> Iterable[Event]:
    seen: set[str] = set()
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            yield event
