"""The timeline: each story's events in date order, with precision, sources and modality.

An entry shows its event's own date (``Event.start``/``end``, ``precision``,
``date_estimated``, as :func:`newsweave.corpus.events.dating.event_date` set it from the reports'
time expressions): the timeline never dates an event again, so an event has one date in the
timeline, the briefing, the report and the app. A publication date is never an event date by
itself: it only dates an event through a report's expression ("today", "on Wednesday") that
the time stage resolved against it; undated events stay undated.

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
from newsweave.model import (
    Article,
    Event,
    EventReport,
    Modality,
    Precision,
    Story,
    TimelineEntry,
    report_article_id,
)

# Events that did not (and are not said to) happen have no place on a timeline.
OFF_TIMELINE = frozenset({Modality.HYPOTHETICAL, Modality.NEGATED})
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
        entry = TimelineEntry(
            event_id=event.id,
            start=event.start,
            end=event.end,
            precision=event.precision,
            label=event.label,
            article_ids=event.article_ids,
            modality=event.modality,
            estimated=event.date_estimated,
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


def _unique(events: Iterable[Event]) -> Iterable[Event]:
    seen: set[str] = set()
    for event in events:
        if event.id not in seen:
            seen.add(event.id)
            yield event
