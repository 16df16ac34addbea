"""The 'dates-across' corpus stage: date undated articles from the events they share.

An article that states no publication date but says "killed in Tehran on Wednesday" of
an event other articles date to 31 July 2024 was published within the week from that
Wednesday: each day-level weekday reference to a dated event bounds the publication date
(:func:`feasible_days`). Weekday names in one article are read as the days nearest its
anchor event ("a call on Thursday" next to Wednesday 31 July is 1 August), and news
names its latest event by weekday on the day or the day after, so the estimate is
``[latest past day named, that day + 1]`` inside the anchors' window. The article's time
expressions are then resolved again from the estimate (anchor "estimated"), and the
events' dates rebuilt.

Nothing is invented: an article none of whose weekday references names an event dated
elsewhere keeps its unknown date, and its "on Saturday" stays unresolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.events.building import build_events
from newsweave.corpus.events.dating import event_date
from newsweave.model import (
    Annotations,
    Article,
    DatedArticle,
    DateEvidence,
    DateKind,
    Event,
    EventReport,
    Precision,
    TimeExpr,
    report_article_id,
)
from newsweave.stages.timex import Resolution, resolve_expression

# "On Wednesday" is within the week before publication (AP style: days within seven days).
WEEK = 7
# News names its latest event by weekday on the day it happened or the day after.
LATEST_EVENT_LAG = dt.timedelta(days=1)
CONFIDENCE = 0.5
_DAY_LEVEL = frozenset({Precision.DAY, Precision.PART_OF_DAY})
_RELATIVE_ANCHORS = frozenset({"none", "published", "estimated"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """A weekday reference in the article to an event other articles date."""

    timex: TimeExpr
    event: Event
    day: dt.date  # the event's date according to the other articles
    feasible: frozenset[dt.date]  # publication dates under which the reference names ``day``


@corpus_stage("dates-across", requires=["events"], provides=["dated"])
def dates_across_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Estimate missing publication dates from dated events, and re-resolve those articles' times."""
    articles = state.articles_by_id()
    event_of = {r: e for e in state.events for r in e.report_ids}
    annotations = dict(state.annotations)
    dated: list[DatedArticle] = []
    changed: set[str] = set()
    for article in state.articles:
        ann = annotations.get(article.id)
        if article.published.value is not None or ann is None:
            continue
        anchors = find_anchors(article, ann, event_of, annotations, articles)
        estimate = estimate_published(ann, anchors)
        if estimate is None:
            continue
        dated.append(DatedArticle(article_id=article.id, published=estimate, event_id=anchors[0].event.id))
        articles[article.id] = replace(article, published=estimate)
        annotations[article.id] = re_resolve(ann, estimate)
        changed.add(article.id)
    if not changed:
        return replace(state, dated=tuple(dated))
    new_state = replace(
        state,
        articles=tuple(articles[a.id] for a in state.articles),
        annotations=annotations,
        dated=tuple(dated),
    )
    touched = [e for e in state.events if any(a in changed for a in e.article_ids)]
    rebuilt = {e.id: e for e in build_events(new_state, [(e.id, e.report_ids) for e in touched])}
    return replace(new_state, events=tuple(rebuilt.get(e.id, e) for e in state.events))


def find_anchors(
    article: Article,
    ann: Annotations,
    event_of: Mapping[str, Event],
    annotations: Mapping[str, Annotations],
    articles: Mapping[str, Article],
) -> list[Anchor]:
    """The article's unresolved weekday references to events dated by other articles."""
    found: list[Anchor] = []
    for report in ann.reports:
        when, event = report.when, event_of.get(report.id)
        if when is None or when.start is not None or event is None:
            continue
        day = _date_elsewhere(event, article.id, annotations, articles)
        if day is None:
            continue
        feasible = feasible_days(when, day)
        if feasible:
            found.append(Anchor(when, event, day, feasible))
    return found


def _date_elsewhere(
    event: Event, article_id: str, annotations: Mapping[str, Annotations], articles: Mapping[str, Article]
) -> dt.date | None:
    """The day other articles give ``event``, if they agree on one day."""
    others = [r for r in _reports(event, annotations) if report_article_id(r.id) != article_id]
    date = event_date(others, articles)
    if date.start is None or date.start != date.end:
        return None
    return date.start


def _reports(event: Event, annotations: Mapping[str, Annotations]) -> Iterable[EventReport]:
    wanted = set(event.report_ids)
    for article_id in event.article_ids:
        ann = annotations.get(article_id)
        if ann is not None:
            yield from (r for r in ann.reports if r.id in wanted)


def _day_resolution(timex: TimeExpr, base: dt.date) -> Resolution | None:
    result = resolve_expression(timex.text, base, timex.direction)
    if result is None or result.start is None or result.precision not in _DAY_LEVEL:
        return None
    if result.needs != "published":
        return None
    return result


def feasible_days(timex: TimeExpr, day: dt.date) -> frozenset[dt.date]:
    """Publication dates under which ``timex`` ("on Wednesday") names ``day``."""
    candidates = (day + dt.timedelta(days=n) for n in range(WEEK))
    return frozenset(
        base for base in candidates if (r := _day_resolution(timex, base)) is not None and r.start == day
    )


def nearest_day(timex: TimeExpr, anchor: dt.date) -> dt.date | None:
    """The day a weekday reference names when read near ``anchor`` (ties: the later)."""
    days = {
        r.start
        for n in range(-WEEK, WEEK)
        if (r := _day_resolution(timex, anchor + dt.timedelta(days=n))) is not None and r.start is not None
    }
    if not days:
        return None
    return min(days, key=lambda d: (abs((d - anchor).days), -d.toordinal()))


def estimate_published(ann: Annotations, anchors: Sequence[Anchor]) -> DateEvidence | None:
    """The publication date range the anchors and the article's other weekday references allow."""
    if not anchors:
        return None
    feasible = frozenset.intersection(*(a.feasible for a in anchors))
    if not feasible:
        return None  # the article's references contradict each other: do not guess
    first = min(anchors, key=lambda a: a.day)
    anchored = {(a.timex.span.start, a.timex.span.end) for a in anchors}
    latest_named = max(a.day for a in anchors)
    for timex in ann.timexes:
        if (
            timex.start is not None
            or (timex.span.start, timex.span.end) in anchored
            or timex.direction == "future"
        ):
            continue
        named = nearest_day(timex, first.day)
        if named is not None and min(feasible) <= named + dt.timedelta(days=WEEK - 1):
            latest_named = max(latest_named, named)
    earliest = max(min(feasible), latest_named)
    latest = min(max(feasible), latest_named + LATEST_EVENT_LAG)
    if earliest > latest:
        earliest, latest = min(feasible), max(feasible)
    return DateEvidence(
        value=earliest,
        kind=DateKind.CROSS_ARTICLE,
        confidence=CONFIDENCE,
        evidence=f"{first.timex.text!r} refers to {first.event.label} ({first.day.isoformat()})",
        note=f"published {earliest}..{latest}, estimated from {len(anchors)} dated event(s)",
        earliest=earliest,
        latest=latest,
    )


def re_resolve(ann: Annotations, published: DateEvidence) -> Annotations:
    """``ann`` with its relative time expressions resolved from the estimated date."""
    base = published.value
    if base is None:
        return ann
    updated: dict[tuple[int, int], TimeExpr] = {}
    for timex in ann.timexes:
        if timex.anchor not in _RELATIVE_ANCHORS:
            continue
        result = resolve_expression(timex.text, base, timex.direction)
        if result is None or result.start is None or result.needs == "previous":
            continue
        updated[(timex.span.start, timex.span.end)] = replace(
            timex,
            start=result.start,
            end=result.end,
            precision=result.precision,
            anchor="estimated",
            modifier=result.modifier or timex.modifier,
        )
    if not updated:
        return ann

    def new(timex: TimeExpr | None) -> TimeExpr | None:
        return updated.get((timex.span.start, timex.span.end), timex) if timex is not None else None

    return replace(
        ann,
        timexes=tuple(new(t) or t for t in ann.timexes),
        reports=tuple(replace(r, when=new(r.when)) for r in ann.reports),
    )
