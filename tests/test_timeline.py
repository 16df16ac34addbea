"""The timeline stage, on the five seed reports: events over their real reports (dated by the
events stage's one dating logic, or given a date as the dates stage would), then the whole
corpus pipeline. The timeline shows each event's own date and never dates one again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.batch import analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, analyse_corpus
from newsweave.corpus.events.building import build_events
from newsweave.corpus.timeline import timeline_stage
from newsweave.ingest import iter_documents
from newsweave.model import (
    Annotations,
    Article,
    Event,
    Modality,
    Precision,
    RawDocument,
    Story,
    TimelineEntry,
    event_report_id,
    report_article_id,
)
from newsweave.pipeline import build
from newsweave.run import annotations_of

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SHUKR, HANIYEH, CALL, SCHOOL = "shukr", "haniyeh", "call", "school"


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], dict[str, Annotations]]:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the tests read real data from ../shared")
    pipeline = build()
    raws = [d for d in iter_documents([str(SEEDS)], Settings()) if isinstance(d, RawDocument)]
    results = [r for r in analyse(raws, pipeline) if isinstance(r, Annotations)]
    articles = [r.article for r in results if r.article is not None]
    return articles, {a.id: annotations_of(r, pipeline.names) for a, r in zip(articles, results, strict=True)}


def reports(articles: Sequence[Article], seed: int, *numbers: int) -> tuple[str, ...]:
    return tuple(event_report_id(articles[seed].id, n) for n in numbers)


def event(event_id: str, report_ids: tuple[str, ...], **fields: object) -> Event:
    article_ids = tuple(dict.fromkeys(report_article_id(r) for r in report_ids))
    return Event(
        id=event_id,
        event_type=str(fields.pop("event_type", "ASSAULT")),
        label=event_id,
        report_ids=report_ids,
        article_ids=article_ids,
        **fields,  # type: ignore[arg-type]
    )


def dated(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotations],
    event_id: str,
    report_ids: tuple[str, ...],
    **fields: object,
) -> Event:
    """An event over real reports, dated by the events stage (``events.event_date``)."""
    state = CorpusState(articles=tuple(articles), annotations=annotations)
    (built,) = build_events(state, [(event_id, report_ids)])
    return replace(built, label=event_id, **fields)  # type: ignore[arg-type]


def run(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotations],
    *events: Event,
    stories: tuple[Story, ...] = (),
) -> list[TimelineEntry]:
    state = CorpusState(articles=tuple(articles), annotations=annotations, events=events, stories=stories)
    return list(timeline_stage(state, Settings()).timeline)


def find(entries: Sequence[TimelineEntry], event_id: str) -> TimelineEntry:
    (entry,) = (e for e in entries if e.event_id == event_id)
    return entry


def story_events(articles: Sequence[Article], annotations: Mapping[str, Annotations]) -> list[Event]:
    """The seed story's anchor events, dated as the events and dates stages date them."""
    day = Precision.DAY
    return [
        # The school strike of 003, "on Saturday" in an article stating no date: no date.
        dated(
            articles,
            annotations,
            SCHOOL,
            reports(articles, 3, 45, 46),
            actor=("kb:israel",),
            modality=Modality.REPORTED,
        ),
        # Dated across articles by the dates stage.
        event(
            CALL, reports(articles, 0, 0, 4), start=dt.date(2024, 8, 1), precision=day, date_estimated=True
        ),
        # Its reports' own expressions date it ("early Wednesday" in 004).
        dated(
            articles,
            annotations,
            HANIYEH,
            reports(articles, 2, 2, 5) + reports(articles, 4, 5, 13),
            recipient=("kb:ismail-haniyeh",),
        ),
        event(
            SHUKR,
            reports(articles, 1, 15, 17),
            start=dt.date(2024, 7, 30),
            precision=day,
            date_estimated=True,
        ),
    ]


def test_seed_story_in_date_order_with_undated_last(
    seeds: tuple[list[Article], dict[str, Annotations]],
) -> None:
    articles, annotations = seeds
    entries = run(articles, annotations, *story_events(articles, annotations))
    assert [e.event_id for e in entries] == [SHUKR, HANIYEH, CALL, SCHOOL]
    school = find(entries, SCHOOL)
    assert (school.start, school.end, school.precision) == (None, None, Precision.UNRESOLVED)
    assert school.modality == Modality.REPORTED
    assert find(entries, CALL).estimated and find(entries, SHUKR).estimated


def test_an_entry_shows_its_events_own_date(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    events = story_events(articles, annotations)
    by_id = {e.id: e for e in events}
    entries = run(articles, annotations, *events)
    for entry in entries:
        event = by_id[entry.event_id]
        assert (entry.start, entry.end, entry.precision, entry.estimated) == (
            event.start,
            event.end,
            event.precision,
            event.date_estimated,
        )
    haniyeh = find(entries, HANIYEH)
    # "Early Wednesday" against 004's stated publication date: a day, not an estimate.
    assert (haniyeh.start, haniyeh.end, haniyeh.precision) == (
        dt.date(2024, 7, 31),
        dt.date(2024, 7, 31),
        Precision.DAY,
    )
    assert not haniyeh.estimated
    assert haniyeh.article_ids == (articles[2].id, articles[4].id)
    assert set(by_id[HANIYEH].date_evidence) <= set(by_id[HANIYEH].report_ids)
    assert by_id[HANIYEH].date_evidence and not by_id[SCHOOL].date_evidence


def test_publication_date_is_never_an_event_date(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    published = articles[4].published.value
    assert published is not None
    # A protest report with no time expression in an article of known date: undated.
    protest = dated(articles, annotations, "protest", reports(articles, 4, 0), event_type="PROTEST")
    assert annotations[articles[4].id].reports[0].when is None
    (entry,) = run(articles, annotations, protest)
    assert (entry.start, entry.precision) == (None, Precision.UNRESOLVED)


def test_dates_counted_from_an_estimated_publication_date_are_estimated(
    seeds: tuple[list[Article], dict[str, Annotations]],
) -> None:
    articles, annotations = seeds
    # 002's "July 31" is a stated date, though its year comes from the estimated publication date.
    visit = dated(articles, annotations, "visit", reports(articles, 2, 48), event_type="CONSULT")
    # 002's "early that morning" is counted from a day that rests on that estimate.
    morning = dated(articles, annotations, "morning", reports(articles, 2, 5))
    entries = run(articles, annotations, visit, morning)
    visit_entry, morning_entry = find(entries, "visit"), find(entries, "morning")
    assert (visit_entry.start, visit_entry.estimated) == (dt.date(2024, 7, 31), False)
    assert (morning_entry.start, morning_entry.estimated) == (dt.date(2024, 7, 31), True)


def test_month_before_the_days_inside_it_and_background_kept(
    seeds: tuple[list[Article], dict[str, Annotations]],
) -> None:
    articles, annotations = seeds
    april = dated(
        articles,
        annotations,
        "april-attack",
        reports(articles, 2, 16),
        background=True,
        modality=Modality.HISTORICAL,
    )
    mid_april = event(
        "day-in-april",
        reports(articles, 2, 17),
        start=dt.date(2024, 4, 14),
        precision=Precision.DAY,
        date_estimated=True,
    )
    october = dated(
        articles,
        annotations,
        "7-october",
        reports(articles, 4, 4, 21),
        background=True,
        modality=Modality.HISTORICAL,
    )
    entries = run(articles, annotations, mid_april, april, october)
    assert [e.event_id for e in entries] == ["7-october", "april-attack", "day-in-april"]
    assert find(entries, "april-attack").precision == Precision.MONTH
    assert find(entries, "7-october").background and not find(entries, "day-in-april").background


def test_expected_kept_hypothetical_dropped(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    expected = dated(
        articles,
        annotations,
        "response",
        reports(articles, 2, 31),
        actor=("kb:iran",),
        modality=Modality.EXPECTED,
    )
    hypothetical = event("overnight", reports(articles, 4, 14), modality=Modality.HYPOTHETICAL)
    (entry,) = run(articles, annotations, expected, hypothetical)
    # "In the coming days" from an estimated publication date: a future week, estimated.
    assert (entry.event_id, entry.modality, entry.precision) == (
        "response",
        Modality.EXPECTED,
        Precision.WEEK,
    )
    assert entry.start is not None and entry.start > dt.date(2024, 8, 1) and entry.estimated


def test_one_timeline_per_story(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    events = story_events(articles, annotations)
    gaza = Story(id="gaza", title="Gaza", article_ids=(articles[3].id,))  # events found by article
    killings = Story(id="killings", title="Killings", article_ids=(), event_ids=(HANIYEH, SHUKR))
    entries = run(articles, annotations, *events, stories=(killings, gaza))
    assert [(e.story_id, e.event_id) for e in entries] == [
        ("killings", SHUKR),
        ("killings", HANIYEH),
        ("gaza", SCHOOL),
    ]


def test_seed_corpus_timeline(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    state = analyse_corpus(articles, annotations)
    by_id = {e.id: e for e in state.events}
    order = [e.event_id for e in state.timeline]

    def position(test: object) -> int:
        return next(i for i, eid in enumerate(order) if test(by_id[eid]))  # type: ignore[operator]

    shukr = position(lambda e: "kb:fuad-shukr" in e.recipient and e.event_type == "ASSAULT")
    haniyeh = position(lambda e: "kb:ismail-haniyeh" in e.recipient and e.event_type == "ASSAULT")
    school = position(lambda e: e.where == "kb:gaza-city")
    assert shukr < haniyeh < school
    assert state.timeline[shukr].start == dt.date(2024, 7, 30)
    assert state.timeline[haniyeh].start == dt.date(2024, 7, 31)
    school_entry = state.timeline[school]
    assert school_entry.precision == Precision.UNRESOLVED or school_entry.estimated
    # No undated entry before a dated one.
    undated = [e.start is None for e in state.timeline]
    assert undated == sorted(undated)


def test_seed_corpus_call_after_the_killings(seeds: tuple[list[Article], dict[str, Annotations]]) -> None:
    articles, annotations = seeds
    state = analyse_corpus(articles, annotations)
    by_id = {e.id: e for e in state.events}
    calls = [
        t
        for t in state.timeline
        if {"kb:joe-biden", "kb:benjamin-netanyahu"} <= set(by_id[t.event_id].actor) and t.start is not None
    ]
    assert calls and calls[0].start == dt.date(2024, 8, 1) and calls[0].estimated
