"""The events stage and sentence coder on the real seed reports and on short synthetic text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, EventReport, InputFormat, Modality, RawDocument
from newsweave.pipeline import build, registered
from newsweave.stages.events.coding import code_sentence, main_event
from newsweave.stages.events.stage import events_stage
from newsweave.stages.nlp import parse

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
UPSTREAM = ("actors", "time", "quotes")


def _stage_names() -> list[str]:
    # The other per-article stages are used when they exist; the events stage also runs
    # on an analysis with no actors, time expressions or quotes.
    available = registered()
    names = ["clean", "metadata", "nlp"]
    if all(name in available for name in UPSTREAM):
        names += list(UPSTREAM)
    elif "time" in available:
        names.append("time")
    return names


@pytest.fixture(scope="module")
def seed_reports() -> list[tuple[EventReport, ...]]:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the tests read real data from ../shared")
    names = _stage_names()
    docs = sorted(iter_documents([str(SEEDS)], Settings()), key=lambda d: d.source)
    if "actors" in names:
        pipeline = build([*names, "events"])
        return [pipeline.run(doc).reports for doc in docs]
    pipeline = build(names)
    return [events_stage(pipeline.run(doc), Settings()).reports for doc in docs]


def _has_participants() -> bool:
    return "actors" in _stage_names()


def _attr(report: EventReport, key: str) -> str:
    return " ".join(v for k, v in report.attributes if k == key)


def _assaults_on(reports: tuple[EventReport, ...], name: str) -> list[EventReport]:
    return [r for r in reports if r.event_type == "ASSAULT" and name in _attr(r, "recipient_text")]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_killing_of_shukr_is_an_assault(seed_reports: list[tuple[EventReport, ...]], seed: int) -> None:
    assert _assaults_on(seed_reports[seed], "Shukr")


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_killing_of_haniyeh_is_an_assault(seed_reports: list[tuple[EventReport, ...]], seed: int) -> None:
    assert _assaults_on(seed_reports[seed], "Haniyeh")


@pytest.mark.parametrize(("seeds", "victim"), [((0, 1, 2, 3), "shukr"), ((0, 1, 2, 3, 4), "haniyeh")])
def test_victims_resolve_to_actors(
    seed_reports: list[tuple[EventReport, ...]], seeds: tuple[int, ...], victim: str
) -> None:
    if not _has_participants():
        pytest.skip("the actors stage is not registered in this tree")
    for seed in seeds:
        assert any(
            r.event_type == "ASSAULT" and any(victim in actor_id for actor_id in r.recipient)
            for r in seed_reports[seed]
        ), seed


def test_expected_iranian_attack_keeps_actor_and_source(seed_reports: list[tuple[EventReport, ...]]) -> None:
    if not _has_participants():
        pytest.skip("the actors stage is not registered in this tree")
    (attack,) = [
        r for r in seed_reports[0] if r.trigger_text == "attack" and r.when and "days" in r.when.text
    ]
    assert attack.modality is Modality.EXPECTED
    assert any("iran" in a for a in attack.actor) and any("israel" in a for a in attack.recipient)
    assert "Axios" in [source.name for source in attack.attributed_to]


def test_suspected_strike_in_beirut_is_hedged_and_located(
    seed_reports: list[tuple[EventReport, ...]],
) -> None:
    strikes = [r for r in seed_reports[4] if r.trigger_text == "strike" and r.where_text == "Beirut"]
    assert len(strikes) == 1
    assert strikes[0].event_type == "ASSAULT"
    assert strikes[0].hedged


def test_shukr_killing_has_place_time_and_method(seed_reports: list[tuple[EventReport, ...]]) -> None:
    (report,) = [r for r in _assaults_on(seed_reports[0], "Shukr") if r.trigger_text == "eliminated"]
    assert report.where_text == "Beirut"
    assert ("method", "airstrike") in report.attributes
    assert report.modality is Modality.REPORTED  # "The Israeli military claimed ..."
    assert report.when is not None and "week" in report.when.text


@pytest.mark.parametrize("seed", [0, 2])
def test_missile_strike_is_the_method(seed_reports: list[tuple[EventReport, ...]], seed: int) -> None:
    assert any(("method", "missile strike") in r.attributes for r in seed_reports[seed])


def test_responsibility_is_attributed(seed_reports: list[tuple[EventReport, ...]]) -> None:
    blamed = [r for r in seed_reports[0] if ("blamed", "Israel") in r.attributes]
    assert blamed and blamed[0].event_type == "ASSAULT"
    assert "Iran" in _attr(blamed[0], "blamed_by")


@pytest.mark.parametrize(
    ("seed", "trigger", "cue"),
    [
        (0, "attack", "going to"),
        (0, "retaliation", "expect"),
        (1, "retaliation", ""),
        (3, "attack", "potential"),
    ],
)
def test_expected_retaliation_is_never_asserted(
    seed_reports: list[tuple[EventReport, ...]], seed: int, trigger: str, cue: str
) -> None:
    found = [r for r in seed_reports[seed] if r.trigger_text == trigger and r.event_type == "ASSAULT"]
    assert found
    if cue == "going to":
        found = [r for r in found if dict(r.attributes).get("actor_text") == "Iran"]
    elif cue == "potential":
        found = found[:1]
    elif cue == "expect":
        found = [r for r in found if dict(r.attributes).get("actor_text") == "Iranian"]
    assert found
    assert all(r.modality in (Modality.EXPECTED, Modality.THREATENED) for r in found)


def test_reports_carry_cameo_and_goldstein(seed_reports: list[tuple[EventReport, ...]]) -> None:
    assassinations = [r for r in seed_reports[2] if r.trigger_text == "assassination"]
    assert assassinations
    assert all(r.cameo == "186" and r.goldstein == -10.0 and r.mode == "targeted" for r in assassinations)
    ids = [r.id for reports in seed_reports for r in reports]
    assert len(ids) == len(set(ids))


def test_revenge_vowed_is_threatened(seed_reports: list[tuple[EventReport, ...]]) -> None:
    (revenge,) = [
        r for r in seed_reports[0] if r.trigger_text == "revenge" and r.modality is Modality.THREATENED
    ]
    assert revenge.event_type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "plover", "lexical"),
    [
        ("The rebels threatened to shell the border towns on Monday.", "THREATEN", "THREATEN"),
        ("The ministers held talks in Oslo about the harbour dispute.", "CONSULT", "CONSULT"),
        ("Police arrested twelve students in the capital, officials said.", "COERCE", "COERCE"),
        ("The army will release the detained fishermen next week.", "AGREE", "RETREAT"),
        ("The council did not agree to meet the delegation.", "REJECT", "AGREE"),
        ("The opposition demanded the resignation of the cabinet.", "REQUEST", "REQUEST"),
        ("Thousands of workers staged a general strike against the new tax.", "PROTEST", "PROTEST"),
        ("A roadside bomb killed two soldiers near the airport.", "ASSAULT", "ASSAULT"),
    ],
)
def test_main_event_of_a_sentence(text: str, plover: str, lexical: str) -> None:
    coding = main_event(parse(text))
    assert coding is not None
    assert (coding.plover_event, coding.event) == (plover, lexical)


def test_code_sentence_orders_main_event_first_and_offsets_point_at_trigger() -> None:
    text = "The envoy said the rebels had agreed to withdraw from the city."
    codings = code_sentence(parse(text))
    assert [c.event for c in codings][:2] == ["AGREE", "RETREAT"]
    assert all(text[c.start : c.end] == c.trigger_text for c in codings)


def test_blocking_rule_keeps_statements_out() -> None:
    assert code_sentence(parse("The ministry released a statement on Tuesday.")) == []


def _analysis(text: str) -> Annotations:
    raw = RawDocument(
        source="synthetic", content=b"A short synthetic line of text for the stage.", format=InputFormat.TEXT
    )
    base = build(["clean", "metadata", "nlp"]).run(raw)
    return replace(base, doc=parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "word " * 10_000,
        "x" * 50_000,
        "…… —— !!!",
        "El ejército atacó la ciudad y mató a diez personas el lunes.",
        "Die Regierung hat die Verhandlungen abgebrochen.",
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    reports = events_stage(_analysis(text), Settings()).reports
    assert all(r.span.start <= r.trigger.start < r.trigger.end <= r.span.end for r in reports)
