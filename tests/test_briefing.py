"""The briefing stage on the five seed reports: every sentence is sourced, the key events,
disputes and expectations are the story's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsweave.batch import analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, analyse_corpus, build_corpus_pipeline
from newsweave.corpus.briefing.context import outlet_name
from newsweave.corpus.briefing.stage import briefing_stage
from newsweave.corpus.briefing.wording import date_phrase, with_article
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, Article, Briefing, Event, Precision, RawDocument
from newsweave.pipeline import build
from newsweave.run import annotations_of

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
Seeds = tuple[list[Article], dict[str, Annotations]]


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the tests read real data from ../shared")
    pipeline = build()
    raws = [d for d in iter_documents([str(SEEDS)], Settings()) if isinstance(d, RawDocument)]
    results = [r for r in analyse(raws, pipeline) if isinstance(r, Annotations)]
    articles = [r.article for r in results if r.article is not None]
    return articles, {a.id: annotations_of(r, pipeline.names) for a, r in zip(articles, results, strict=True)}


@pytest.fixture(scope="module")
def corpus(seeds: Seeds) -> CorpusState:
    return analyse_corpus(*seeds)


@pytest.fixture(scope="module")
def briefing(corpus: CorpusState) -> Briefing:
    (only,) = corpus.briefings
    return only


def texts(briefing: Briefing, section: str) -> list[str]:
    return [s.text for s in briefing.sentences if s.section == section]


def test_every_sentence_cites_spans_inside_its_articles(corpus: CorpusState, briefing: Briefing) -> None:
    articles = corpus.articles_by_id()
    assert len(briefing.sentences) >= 8
    for sentence in briefing.sentences:
        assert sentence.citations, sentence.text
        for citation in sentence.citations:
            text = articles[citation.article_id].text
            assert 0 <= citation.span.start < citation.span.end <= len(text)


def test_key_events_lead_with_the_killing(briefing: Briefing, corpus: CorpusState) -> None:
    key = texts(briefing, "key-events")
    assert key[0] == "Ismail Haniyeh was killed in Tehran on 31 July 2024."
    # Every report of Shukr's killing that names the actor names Israel (Israel said so itself).
    assert any(t.startswith("Israel killed Fuad Shukr in Beirut on 30 July 2024") for t in key)
    (first,) = (s for s in briefing.sentences if s.text == key[0])
    # Cited in every seed that reports it: five independent outlets.
    assert len({c.article_id for c in first.citations}) == 5


def test_method_dispute_says_who_says_what(briefing: Briefing) -> None:
    (method,) = (t for t in texts(briefing, "disputed") if "Ismail Haniyeh differ on the method" in t)
    assert "France 24, citing Axios" in method and "says an explosive device" in method
    assert "JNS" in method and "a missile strike" in method
    assert "The Associated Press says an airstrike" in method
    # The unnamed outlet of seed 000 is named by its file.
    assert "000_" in method


def test_corroborated_facts_name_two_or_more_outlets(briefing: Briefing) -> None:
    corroborated = texts(briefing, "corroborated")
    assert any("Ismail Haniyeh was killed in Tehran" in t for t in corroborated)
    assert all(" both report that " in t or " all report that " in t for t in corroborated)


def test_quotes_come_from_known_speakers(briefing: Briefing, corpus: CorpusState) -> None:
    quotes = [s for s in briefing.sentences if s.section == "quotes"]
    assert 1 <= len(quotes) <= 5
    for sentence in quotes:
        citation = sentence.citations[0]
        (quote,) = (q for q in corpus.annotations[citation.article_id].quotes if q.span == citation.span)
        assert quote.speaker is not None and quote.speaker.startswith("kb:")


def test_expected_next_is_iran(briefing: Briefing) -> None:
    expected = texts(briefing, "expected")
    assert expected and any(t.startswith("Iran") or " and Iran " in t for t in expected)
    assert all("expected to" in t or "vowed to" in t or "is expected" in t for t in expected)


def test_briefing_is_deterministic(corpus: CorpusState) -> None:
    again = briefing_stage(corpus, Settings())
    assert again.briefings == corpus.briefings


def test_runs_without_the_disagreements_stage(seeds: Seeds) -> None:
    names = [s.name for s in build_corpus_pipeline().stages if s.name not in ("disagreements", "framing")]
    state = build_corpus_pipeline(names).run(CorpusState(articles=tuple(seeds[0]), annotations=seeds[1]))
    (briefing,) = state.briefings
    assert texts(briefing, "key-events") and not texts(briefing, "disputed")


def test_sentences_without_a_source_are_dropped(seeds: Seeds) -> None:
    articles, annotations = seeds
    ghost = Event(
        id="ghost",
        event_type="ASSAULT",
        label="ghost",
        report_ids=(f"{articles[0].id}:9999",),
        article_ids=(articles[0].id,),
        recipient=("kb:ismail-haniyeh",),
    )
    state = briefing_stage(
        CorpusState(articles=tuple(articles), annotations=annotations, events=(ghost,)), Settings()
    )
    (briefing,) = state.briefings
    assert briefing.story_id == "all"
    assert not [s for s in briefing.sentences if s.section == "key-events"]


def test_outlet_name_falls_back_to_the_file(seeds: Seeds) -> None:
    articles, _ = seeds
    assert outlet_name(articles[0]).startswith("000_") and outlet_name(articles[1]) == "France 24"


def dated(start: dt.date | None, end: dt.date | None, precision: Precision, estimated: bool) -> Event:
    return Event(
        id="e",
        event_type="ASSAULT",
        label="",
        report_ids=(),
        article_ids=(),
        start=start,
        end=end,
        precision=precision,
        date_estimated=estimated,
    )


@pytest.mark.parametrize(
    ("event", "phrase"),
    [
        (dated(dt.date(2024, 7, 31), dt.date(2024, 7, 31), Precision.DAY, False), " on 31 July 2024"),
        (dated(dt.date(2024, 4, 1), dt.date(2024, 4, 30), Precision.MONTH, False), " in April 2024"),
        (
            dated(dt.date(2024, 8, 2), dt.date(2024, 8, 8), Precision.WEEK, True),
            " between 2 and 8 August 2024 (date estimated)",
        ),
        (dated(dt.date(2023, 1, 1), dt.date(2023, 12, 31), Precision.YEAR, False), " in 2023"),
        # "In the past two years": the years it spans, not the one it starts in.
        (
            dated(dt.date(2022, 7, 3), dt.date(2024, 7, 2), Precision.YEAR, True),
            " between 2022 and 2024 (date estimated)",
        ),
        (dated(None, None, Precision.UNRESOLVED, False), ""),
    ],
)
def test_date_phrase_says_the_events_own_date(event: Event, phrase: str) -> None:
    assert date_phrase(event) == phrase


def test_with_article() -> None:
    assert [with_article(v) for v in ("airstrike", "missile strike", "the bomb")] == [
        "an airstrike",
        "a missile strike",
        "the bomb",
    ]
