"""The 'dates-across' corpus stage: publication dates estimated from events other articles date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsweave.corpus import CorpusState, build_corpus_pipeline
from newsweave.corpus.dates import feasible_days, nearest_day
from newsweave.model import DateKind, Precision, Span, TimeExpr
from tests.test_corpus_events import STAGES, analyse_seeds, event_of, report, seed_ids

JUL_31 = dt.date(2024, 7, 31)
AUG_1 = dt.date(2024, 8, 1)
AUG_2 = dt.date(2024, 8, 2)


@pytest.fixture(scope="module")
def state(shared: Path) -> CorpusState:
    return build_corpus_pipeline([*STAGES, "dates-across"]).run(analyse_seeds(shared))


def weekday(text: str, direction: str = "past") -> TimeExpr:
    return TimeExpr(
        span=Span(start=0, end=len(text)),
        text=text,
        start=None,
        end=None,
        precision=Precision.UNRESOLVED,
        anchor="none",
        direction=direction,
    )


def test_undated_articles_are_dated_1_to_2_august(state: CorpusState) -> None:
    by_id = state.articles_by_id()
    for article_id in seed_ids(state)[:2]:  # 000 (no outlet date) and 001 (France 24)
        published = by_id[article_id].published
        assert published.kind is DateKind.CROSS_ARTICLE
        assert (published.earliest, published.latest) == (AUG_1, AUG_2)
        assert published.value == AUG_1
    assert {d.article_id for d in state.dated} == set(seed_ids(state)[:2])


def test_weekday_references_resolve_from_the_estimate(state: CorpusState) -> None:
    rt = seed_ids(state)[0]
    killing = report(state, rt, "assassination", "on Wednesday")
    assert killing.when is not None and killing.when.start == JUL_31
    call = report(state, rt, "call", "call on Thursday")
    assert call.when is not None and (call.when.start, call.when.anchor) == (AUG_1, "estimated")
    event = event_of(state, call.id)
    assert (event.start, event.date_estimated) == (AUG_1, True)


def test_meeting_reports_disagree_on_the_date(state: CorpusState) -> None:
    _, france24, jns, *_ = seed_ids(state)
    wednesday = report(state, france24, "met", "Axis of Resistance")
    aug_1 = report(state, jns, "met", "representatives")
    assert wednesday.when is not None and wednesday.when.start == JUL_31
    assert aug_1.when is not None and aug_1.when.start == AUG_1
    event = event_of(state, wednesday.id)
    assert aug_1.id in event.report_ids
    assert event.start == AUG_1  # JNS's stated date outranks France 24's weekday


def test_article_without_a_dated_counterpart_stays_unknown(state: CorpusState) -> None:
    cnn = seed_ids(state)[3]
    assert state.articles_by_id()[cnn].published.value is None
    school = report(state, cnn, "strike", "Saturday")
    assert school.when is not None and school.when.start is None
    assert event_of(state, school.id).start is None


def test_feasible_days_of_a_weekday_reference() -> None:
    days = feasible_days(weekday("Wednesday"), JUL_31)
    assert days == frozenset(JUL_31 + dt.timedelta(days=n) for n in range(7))
    assert feasible_days(weekday("Wednesday"), AUG_1) == frozenset()  # 1 Aug 2024 was a Thursday


def test_weekday_names_are_read_near_the_anchor() -> None:
    assert nearest_day(weekday("Thursday"), JUL_31) == AUG_1
    assert nearest_day(weekday("Tuesday"), JUL_31) == dt.date(2024, 7, 30)
    assert nearest_day(weekday("last week"), JUL_31) is None  # not a day
