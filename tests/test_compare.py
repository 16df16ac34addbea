"""Agreement and contradiction across the five seed reports (real data from ../shared)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, analyse_corpus
from newsweave.corpus.compare.attribution import describe_chain, trailing_attribution
from newsweave.corpus.compare.claims import canonical_method
from newsweave.corpus.compare.facts import corroborated_facts
from newsweave.corpus.compare.stage import disagreements_stage
from newsweave.ingest import iter_documents
from newsweave.model import (
    Annotations,
    Article,
    DateEvidence,
    DateKind,
    Disagreement,
    Event,
    EventReport,
    Modality,
    OutletEvidence,
    RawDocument,
    Span,
)
from newsweave.pipeline import build
from newsweave.run import annotations_of

HANIYEH = "kb:ismail-haniyeh"


def analyse_seeds(shared: Path) -> CorpusState:
    """The five seeds through every per-article stage (≈5 s)."""
    pipeline = build()
    raws = [d for d in iter_documents([str(shared / "seeds")], Settings()) if isinstance(d, RawDocument)]
    articles: list[Article] = []
    annotations: dict[str, Annotations] = {}
    for result in analyse(raws, pipeline):
        assert not isinstance(result, Failed) and result.article is not None
        articles.append(result.article)
        annotations[result.article.id] = annotations_of(result, pipeline.names)
    assert len(articles) == 5
    return CorpusState(articles=tuple(articles), annotations=annotations)


@pytest.fixture(scope="module")
def seeds(shared: Path) -> CorpusState:
    return analyse_seeds(shared)


def _seed_id(state: CorpusState, prefix: str) -> str:
    return next(a.id for a in state.articles if Path(a.source).name.startswith(prefix))


def _event(state: CorpusState, event_id: str, keep: Callable[[EventReport, str], bool]) -> Event:
    """An event made by hand from the seed reports ``keep`` selects (stands in for events-across)."""
    picked = [
        (r.id, a.id)
        for a in state.articles
        for r in state.annotations[a.id].reports
        if keep(r, r.span.of(a.text))
    ]
    return Event(
        id=event_id,
        event_type="",
        label=event_id,
        report_ids=tuple(r for r, _ in picked),
        article_ids=tuple(dict.fromkeys(a for _, a in picked)),
    )


def _killing(report: EventReport, sentence: str) -> bool:
    if report.event_type != "ASSAULT" or report.modality is Modality.HISTORICAL:
        return False
    return HANIYEH in report.recipient or (
        any(k == "method" for k, _ in report.attributes) and "Haniyeh" in sentence
    )


def _meeting(report: EventReport, sentence: str) -> bool:
    return report.trigger_text == "met" and "Iranian officials" in sentence


@pytest.fixture(scope="module")
def compared(seeds: CorpusState) -> CorpusState:
    events = (_event(seeds, "killing", _killing), _event(seeds, "meeting", _meeting))
    return disagreements_stage(
        CorpusState(articles=seeds.articles, annotations=seeds.annotations, events=events), Settings()
    )


def _disagreement(state: CorpusState, event_id: str, attribute: str) -> Disagreement:
    (found,) = [d for d in state.disagreements if d.event_id == event_id and d.attribute == attribute]
    return found


def test_method_of_haniyeh_killing_is_disputed(compared: CorpusState) -> None:
    method = _disagreement(compared, "killing", "method")
    assert method.kind == "contradiction"
    by_value = {v.value: v for v in method.variants}
    assert set(by_value) == {"missile strike", "airstrike", "explosive device"}
    assert set(by_value["missile strike"].article_ids) == {
        _seed_id(compared, "000"),
        _seed_id(compared, "002"),
    }
    assert by_value["airstrike"].article_ids == (_seed_id(compared, "004"),)
    planted = by_value["explosive device"]
    assert planted.article_ids == (_seed_id(compared, "001"),)
    assert planted.outlets == ("France 24",)
    assert planted.hedged  # "reportedly"
    chain = planted.attributed_to[0]
    assert (
        describe_chain("France 24", chain)
        == "France 24, citing Axios, citing two sources with knowledge of the issue"
    )
    # 001 also says it was not an airstrike: that sentence gives 001 no airstrike variant.
    assert "France 24 says it was not airstrike" in method.note


def test_meeting_date_is_a_possible_disagreement(compared: CorpusState) -> None:
    date = _disagreement(compared, "meeting", "date")
    assert date.kind == "possible"
    by_value = {v.value: v for v in date.variants}
    assert by_value["Wednesday"].outlets == ("France 24",)
    jns = by_value["2024-08-01"]
    assert jns.outlets == ("JNS",)
    assert [s.name for s in jns.attributed_to[0]] == ["Reuters", "five sources"]


def test_agreed_attributes_raise_no_disagreement(compared: CorpusState) -> None:
    # "Wednesday" (000) agrees with 31 July 2024 (002, 004), a Wednesday; Mossad is Israel's.
    attributes = {d.attribute for d in compared.disagreements if d.event_id == "killing"}
    assert attributes == {"method"}


def test_corroborated_facts_count_independent_outlets(compared: CorpusState) -> None:
    facts = {(f.attribute, f.variant.value): f for f in corroborated_facts(compared)}
    responsible = facts[("responsible", "Israel")]
    assert responsible.variant.independent_outlets >= 3
    assert not responsible.disputed
    assert facts[("date", "2024-07-31")].variant.outlets == ("JNS", "The Associated Press")
    assert facts[("method", "missile strike")].disputed


# --- small synthetic cases: figures that grow, wire copies, attribution ---------------------------


def _article(
    article_id: str, text: str, published: dt.date | None, outlet: str, wire: str | None = None
) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        text=text,
        outlet=OutletEvidence(name=outlet, wire=wire),
        published=DateEvidence(value=published, kind=DateKind.STATED, confidence=1.0),
    )


def _toll_state(first: dt.date, second: dt.date, figures: tuple[str, str]) -> CorpusState:
    articles, annotations = [], {}
    for n, (day, figure) in enumerate(zip((first, second), figures, strict=True)):
        text = f"Officials said {figure} people have been killed in the war."
        article = _article(f"a{n}", text, day, f"Outlet {n}")
        report = EventReport(
            id=f"a{n}:0",
            span=Span(start=0, end=len(text)),
            trigger=Span(start=text.index("killed"), end=text.index("killed") + 6),
            trigger_text="killed",
            event_type="ASSAULT",
            attributes=(("killed", figure),),
        )
        articles.append(article)
        annotations[article.id] = Annotations(article_id=article.id, reports=(report,))
    event = Event(
        id="toll", event_type="ASSAULT", label="toll", report_ids=("a0:0", "a1:0"), article_ids=("a0", "a1")
    )
    return CorpusState(articles=tuple(articles), annotations=annotations, events=(event,))


def test_a_later_higher_figure_is_an_update() -> None:
    state = _toll_state(dt.date(2024, 7, 31), dt.date(2024, 8, 12), ("more than 39,000", "nearly 40,000"))
    (toll,) = disagreements_stage(state, Settings()).disagreements
    assert (toll.attribute, toll.kind) == ("killed", "update")


def test_different_figures_on_one_day_contradict() -> None:
    day = dt.date(2024, 7, 31)
    (toll,) = disagreements_stage(_toll_state(day, day, ("12", "30")), Settings()).disagreements
    assert toll.kind == "contradiction"
    # "at least 12" and "about 30" could both be true.
    assert not disagreements_stage(
        _toll_state(day, day, ("at least 12", "about 30")), Settings()
    ).disagreements


def test_a_lower_later_figure_contradicts() -> None:
    state = _toll_state(dt.date(2024, 7, 31), dt.date(2024, 8, 12), ("40,000", "20,000"))
    (toll,) = disagreements_stage(state, Settings()).disagreements
    assert toll.kind == "contradiction"


def test_method_synonyms_are_normalised() -> None:
    assert canonical_method("air raid") == "airstrike"
    assert canonical_method("a planted bomb") == "explosive device"
    assert canonical_method("suicide bomber") == "suicide attack"
    assert canonical_method("Missile") == "missile strike"


def test_trailing_attribution() -> None:
    text = "The leader was killed by a bomb, two people familiar with the matter told Example News."
    chain = trailing_attribution(text, Span(start=0, end=len(text)))
    assert [s.name for s in chain] == ["Example News", "two people familiar with the matter"]
    assert all(s.span.of(text) == s.name for s in chain)
    cited = "Ten people died, Example Wire reported, citing three officials."
    assert [s.name for s in trailing_attribution(cited, Span(start=0, end=len(cited)))] == [
        "Example Wire",
        "three officials",
    ]
    assert trailing_attribution("Nobody said anything.", Span(start=0, end=21)) == ()


# --- the real corpus pipeline: events-across groups the reports ---------------------------------


@pytest.fixture(scope="module")
def pipeline_state(seeds: CorpusState) -> CorpusState:
    return analyse_corpus(seeds.articles, seeds.annotations)


def test_pipeline_disputes_the_method_of_haniyeh_killing(pipeline_state: CorpusState) -> None:
    (killing,) = [e for e in pipeline_state.events if HANIYEH in e.recipient and len(e.article_ids) == 5]
    method = _disagreement(pipeline_state, killing.id, "method")
    assert method.kind == "contradiction"
    by_value = {v.value: v.article_ids for v in method.variants}
    assert set(by_value) == {"missile strike", "explosive device", "airstrike"}
    assert by_value["missile strike"] == (_seed_id(pipeline_state, "000"), _seed_id(pipeline_state, "002"))
    # Only inclusion for the other two: while events-across may still merge 000's mention of
    # the April attack ("airstrikes", "the bombing of an Iranian consular compound") into
    # this event, 000 can show up beside them.
    assert by_value["explosive device"][0] == _seed_id(pipeline_state, "001")
    assert by_value["airstrike"][0] == _seed_id(pipeline_state, "004")


def test_pipeline_flags_the_meeting_date_as_possible(pipeline_state: CorpusState) -> None:
    france24, jns = _seed_id(pipeline_state, "001"), _seed_id(pipeline_state, "002")
    (date,) = [
        d
        for d in pipeline_state.disagreements
        if d.attribute == "date" and {a for v in d.variants for a in v.article_ids} == {france24, jns}
    ]
    assert date.kind == "possible"
    assert "'Wednesday'): France 24" in date.note and "'Aug. 1'): JNS" in date.note
