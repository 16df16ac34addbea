"""The 'events-across' corpus stage on the five seed reports, and its building blocks."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from newsweave.batch import analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, build_corpus_pipeline
from newsweave.corpus.events.building import strongest
from newsweave.corpus.events.features import family_of
from newsweave.ingest import iter_documents
from newsweave.model import Event, EventReport, Modality, Span
from newsweave.pipeline import build
from newsweave.run import annotations_of
from newsweave.stages.events.presentation import correct_reports

STAGES = ["copies", "actors-across", "stories", "events-across"]


def analyse_seeds(shared: Path) -> CorpusState:
    pipeline = build()
    raws = list(iter_documents([str(shared / "seeds")], Settings()))
    results = list(analyse(raws, pipeline))
    articles = tuple(r.article for r in results)
    annotations = {r.article.id: annotations_of(r, pipeline.names) for r in results}
    return CorpusState(articles=articles, annotations=annotations)


@pytest.fixture(scope="module")
def state(shared: Path) -> CorpusState:
    return build_corpus_pipeline(STAGES).run(analyse_seeds(shared))


def seed_ids(state: CorpusState) -> list[str]:
    """Article ids in seed order (000 … 004)."""
    return [a.id for a in sorted(state.articles, key=lambda a: Path(a.source).name)]


def report(state: CorpusState, article_id: str, trigger: str, contains: str) -> EventReport:
    article = state.articles_by_id()[article_id]
    found = [
        r
        for r in state.annotations[article_id].reports
        if r.trigger_text == trigger and contains in r.span.of(article.text)
    ]
    assert found, f"no {trigger!r} report in a sentence containing {contains!r}"
    return found[0]


def event_of(state: CorpusState, report_id: str) -> Event:
    (event,) = [e for e in state.events if report_id in e.report_ids]
    return event


def test_every_report_is_in_exactly_one_event(state: CorpusState) -> None:
    counts = Counter(r for e in state.events for r in e.report_ids)
    reports = [r.id for ann in state.annotations.values() for r in ann.reports]
    assert set(counts) == set(reports)
    assert max(counts.values()) == 1
    assert len(state.events) < len(reports)  # events count events, not reports


def test_haniyeh_killing_is_one_event_reported_by_all_five(state: CorpusState) -> None:
    killings = [e for e in state.events if "kb:ismail-haniyeh" in e.recipient and e.event_type == "ASSAULT"]
    main = max(killings, key=lambda e: len(e.report_ids))
    assert set(main.article_ids) == set(seed_ids(state))
    assert main.label == "Killing of Ismail Haniyeh in Tehran"
    assert (main.start, main.end) == (dt.date(2024, 7, 31), dt.date(2024, 7, 31))
    assert main.where == "kb:tehran"
    assert main.modality is Modality.ASSERTED
    assert not main.background
    assert "kb:fuad-shukr" not in main.recipient


def test_unnamed_hezbollah_leader_in_beirut_joins_shukr_killing(state: CorpusState) -> None:
    ap = seed_ids(state)[4]
    unnamed = report(state, ap, "strike", "senior Hezbollah leader")
    assert not unnamed.recipient  # the report itself names nobody
    event = event_of(state, unnamed.id)
    assert "kb:fuad-shukr" in event.recipient
    assert event.where == "kb:beirut"
    assert event.start == dt.date(2024, 7, 30)  # JNS's stated "July 30" over AP's "hours earlier"
    assert len(event.article_ids) >= 4


def test_biden_netanyahu_call_is_one_consult_event(state: CorpusState) -> None:
    rt = seed_ids(state)[0]
    call = report(state, rt, "call", "call on Thursday")
    event = event_of(state, call.id)
    assert event.event_type == "CONSULT"
    assert {"kb:joe-biden", "kb:benjamin-netanyahu"} <= set(event.actor)
    assert event.label == "Call between Joe Biden and Benjamin Netanyahu"
    follow_up = report(state, rt, "call", "joined the call")  # "the call": a definite mention
    assert follow_up.id in event.report_ids


def test_meeting_with_the_axis_is_one_event_across_france24_and_jns(state: CorpusState) -> None:
    _, france24, jns, *_ = seed_ids(state)
    met_f24 = report(state, france24, "met", "Axis of Resistance")
    met_jns = report(state, jns, "met", "representatives")
    event = event_of(state, met_f24.id)
    assert event.event_type == "CONSULT"
    assert met_jns.id in event.report_ids


def test_background_events_stay_apart(state: CorpusState) -> None:
    ap = seed_ids(state)[4]
    october = report(state, ap, "attacks", "Oct. 7")
    event = event_of(state, october.id)
    assert event.background
    assert event.start == dt.date(2023, 10, 7)
    assert not any(r in event.recipient for r in ("kb:ismail-haniyeh", "kb:fuad-shukr"))
    april = [e for e in state.events if e.start and e.start.month == 4 and e.start.year == 2024]
    assert april and all(e.background for e in april)


def test_stories_list_their_events(state: CorpusState) -> None:
    (story,) = state.stories
    assert len(story.event_ids) == len(state.events)


def test_modality_strength_order() -> None:
    assert strongest([Modality.EXPECTED, Modality.REPORTED]) is Modality.REPORTED
    assert strongest([Modality.NEGATED, Modality.ASSERTED, Modality.HISTORICAL]) is Modality.ASSERTED
    assert strongest([Modality.HYPOTHETICAL, Modality.THREATENED]) is Modality.THREATENED


def test_cameo_only_codings_compare_by_root() -> None:
    def coded(event_type: str, cameo: str) -> EventReport:
        span = Span(start=0, end=1)
        return EventReport(
            id="a:0", span=span, trigger=span, trigger_text="x", event_type=event_type, cameo=cameo
        )

    assert family_of(coded("", "017")) == family_of(coded("", "015")) == "cameo:01"
    assert family_of(coded("ASSAULT", "186")) == "ASSAULT"


def haniyeh_killing(state: CorpusState) -> Event:
    killings = [e for e in state.events if "kb:ismail-haniyeh" in e.recipient and e.event_type == "ASSAULT"]
    return max(killings, key=lambda e: len(e.report_ids))


@pytest.mark.parametrize(
    ("seed", "trigger", "contains"),
    [
        (0, "strike", "readiness to strike"),
        (2, "attack", "One option being considered"),
        (3, "attack", "if there is an attack"),
        (3, "attack", "abandon plans to attack"),
        (2, "avenge", "duty to avenge"),
    ],
)
def test_expected_and_hypothetical_attacks_stay_out_of_the_killing(
    state: CorpusState, seed: int, trigger: str, contains: str
) -> None:
    told = report(state, seed_ids(state)[seed], trigger, contains)
    assert told.modality in (Modality.EXPECTED, Modality.HYPOTHETICAL)
    assert told.id not in haniyeh_killing(state).report_ids
    assert event_of(state, told.id).modality in (Modality.EXPECTED, Modality.HYPOTHETICAL)


def test_irans_expected_attack_on_israel_is_one_expected_event(state: CorpusState) -> None:
    _, _, jns, cnn, _ = seed_ids(state)
    option = event_of(state, report(state, jns, "attack", "One option being considered").id)
    assert option.modality is Modality.EXPECTED
    assert "kb:israel" in option.recipient
    assert report(state, cnn, "attack", "abandon plans to attack").id in option.report_ids


def test_a_presupposed_killing_under_a_modal_stays_in_the_killing(state: CorpusState) -> None:
    ap = seed_ids(state)[4]
    main = haniyeh_killing(state)
    assert report(state, ap, "strike", "overnight strike may have").id in main.report_ids
    assert report(state, ap, "killing", "killing could mark").id in main.report_ids


def test_the_strike_after_the_gaza_school_strike_is_that_strike(state: CorpusState) -> None:
    cnn = seed_ids(state)[3]
    school = event_of(state, report(state, cnn, "strike", "mosque and school").id)
    assert school.where == "kb:gaza-city"
    for trigger, contains in (("strike", "Israel’s strike sparked"), ("strike", "condemned the strike")):
        assert report(state, cnn, trigger, contains).id in school.report_ids
    assert not set(school.report_ids) & set(haniyeh_killing(state).report_ids)


def test_the_weekends_fighting_is_not_shukrs_killing(state: CorpusState) -> None:
    fighting = report(state, seed_ids(state)[3], "fighting", "weekend’s fighting")
    assert "kb:fuad-shukr" not in event_of(state, fighting.id).recipient


def test_a_timex_relative_to_the_trigger_does_not_date_it(state: CorpusState) -> None:
    after = report(state, seed_ids(state)[2], "attack", "Hours after the attack")
    assert after.when is None
    assert after.id in haniyeh_killing(state).report_ids


def test_haniyeh_killing_dates_agree_and_its_method_is_disputed(shared: Path) -> None:
    full = build_corpus_pipeline().run(analyse_seeds(shared))
    main = haniyeh_killing(full)
    disputed = {d.attribute for d in full.disagreements if d.event_id == main.id}
    assert "date" not in disputed
    assert "method" in disputed
    meeting = [d for d in full.disagreements if d.attribute == "date" and d.kind == "possible"]
    assert any({"2024-07-31", "2024-08-01"} == {v.value for v in d.variants} for d in meeting)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The group signalled its readiness to strike the port.", "strike", Modality.EXPECTED),
        ("One plan under review is a naval blockade of the port.", "blockade", Modality.EXPECTED),
        ("Officials met in the capital to discuss the ceasefire.", "discuss", Modality.ASSERTED),
        ("The army managed to capture the port.", "capture", Modality.ASSERTED),
        ("The ministers discussed threats from the north in a call.", "call", Modality.ASSERTED),
    ],
)
def test_wording_shows_what_is_still_to_come(text: str, trigger: str, expected: Modality) -> None:
    start = text.index(trigger)
    span = Span(start=0, end=len(text))
    told = EventReport(
        id="a:0",
        span=span,
        trigger=Span(start=start, end=start + len(trigger)),
        trigger_text=trigger,
        event_type="ASSAULT",
    )
    (corrected,) = correct_reports((told,), (), text)
    assert corrected.modality is expected
