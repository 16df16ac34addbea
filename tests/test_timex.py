"""The 'time' stage: temporal expressions normalised against the publication date.

Unit cases use a hand-built base date (Thursday 2024-08-01) on short sentences written for
these tests; the seed cases run the real pipeline on ../shared/seeds.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import (
    Annotations,
    Article,
    DateEvidence,
    DateKind,
    InputFormat,
    Precision,
    RawDocument,
    Span,
    TimeExpr,
)
from newsweave.pipeline import build, registered
from newsweave.stages.nlp import parse
from newsweave.stages.timex import find_timexes, resolve_expression, timex_for_span
from newsweave.stages.timex.fallback import _parser

from .conftest import SEEDS

BASE = dt.date(2024, 8, 1)  # a Thursday
D = dt.date
PUBLISHED = DateEvidence(value=BASE, kind=DateKind.METADATA, confidence=1.0)
ESTIMATED = DateEvidence(value=BASE, kind=DateKind.ESTIMATED, confidence=0.5)
UNKNOWN = DateEvidence(value=None, kind=DateKind.UNKNOWN, confidence=0.0)


def timexes(text: str, published: DateEvidence = PUBLISHED) -> dict[str, TimeExpr]:
    return {t.text: t for t in find_timexes(parse(text), published)}


def dateparser_calls() -> int:
    info = _parser.cache_info()
    return info.hits + info.misses


# --- resolve_expression: the rule table -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction", "start", "end", "precision", "modifier"),
    [
        ("on Thursday", "past", D(2024, 8, 1), D(2024, 8, 1), Precision.DAY, ""),
        ("on Thursday", "future", D(2024, 8, 1), D(2024, 8, 1), Precision.DAY, ""),
        ("on Wednesday", "past", D(2024, 7, 31), D(2024, 7, 31), Precision.DAY, ""),
        ("Tuesday", "", D(2024, 7, 30), D(2024, 7, 30), Precision.DAY, ""),
        ("Tuesday", "future", D(2024, 8, 6), D(2024, 8, 6), Precision.DAY, ""),
        ("next Monday", "", D(2024, 8, 5), D(2024, 8, 5), Precision.DAY, ""),
        ("last Thursday", "", D(2024, 7, 25), D(2024, 7, 25), Precision.DAY, ""),
        ("early Wednesday", "past", D(2024, 7, 31), D(2024, 7, 31), Precision.PART_OF_DAY, "early"),
        ("Wednesday night", "past", D(2024, 7, 31), D(2024, 7, 31), Precision.PART_OF_DAY, "night"),
        ("last week", "", D(2024, 7, 22), D(2024, 7, 28), Precision.WEEK, ""),
        ("this week", "", D(2024, 7, 29), D(2024, 8, 4), Precision.WEEK, ""),
        ("earlier this week", "past", D(2024, 7, 29), D(2024, 7, 31), Precision.WEEK, ""),
        ("last month", "", D(2024, 7, 1), D(2024, 7, 31), Precision.MONTH, ""),
        ("mid-April", "past", D(2024, 4, 1), D(2024, 4, 30), Precision.MONTH, "mid"),
        ("early April", "", D(2024, 4, 1), D(2024, 4, 30), Precision.MONTH, "early"),
        ("late July", "past", D(2024, 7, 1), D(2024, 7, 31), Precision.MONTH, "late"),
        ("the middle of September", "", D(2023, 9, 1), D(2023, 9, 30), Precision.MONTH, "mid"),
        ("last October", "", D(2023, 10, 1), D(2023, 10, 31), Precision.MONTH, ""),
        ("Oct. 7", "past", D(2023, 10, 7), D(2023, 10, 7), Precision.DAY, ""),
        ("Oct. 7", "", D(2023, 10, 7), D(2023, 10, 7), Precision.DAY, ""),
        ("Aug. 2", "future", D(2024, 8, 2), D(2024, 8, 2), Precision.DAY, ""),
        ("Aug. 15", "future", D(2024, 8, 15), D(2024, 8, 15), Precision.DAY, ""),
        ("in the coming days", "", D(2024, 8, 2), D(2024, 8, 8), Precision.WEEK, "approx"),
        ("within days", "", D(2024, 8, 2), D(2024, 8, 8), Precision.WEEK, "approx"),
        ("earlier this year", "", D(2024, 1, 1), D(2024, 7, 31), Precision.YEAR, ""),
        ("last year", "", D(2023, 1, 1), D(2023, 12, 31), Precision.YEAR, ""),
        ("this weekend", "", D(2024, 8, 3), D(2024, 8, 4), Precision.WEEK, "weekend"),
        ("over the weekend", "past", D(2024, 7, 27), D(2024, 7, 28), Precision.WEEK, "weekend"),
        ("two days ago", "", D(2024, 7, 30), D(2024, 7, 30), Precision.DAY, ""),
        ("yesterday", "", D(2024, 7, 31), D(2024, 7, 31), Precision.DAY, ""),
        ("hours earlier", "past", D(2024, 8, 1), D(2024, 8, 1), Precision.PART_OF_DAY, "approx"),
        ("July 31, 2024", "", D(2024, 7, 31), D(2024, 7, 31), Precision.DAY, ""),
        ("Wednesday, July 31, 2024", "future", D(2024, 7, 31), D(2024, 7, 31), Precision.DAY, ""),
        ("2023", "", D(2023, 1, 1), D(2023, 12, 31), Precision.YEAR, ""),
        ("the morning of Aug. 1", "past", D(2024, 8, 1), D(2024, 8, 1), Precision.PART_OF_DAY, "morning"),
    ],
)
def test_rules_resolve_news_expressions(
    text: str, direction: str, start: dt.date, end: dt.date, precision: Precision, modifier: str
) -> None:
    result = resolve_expression(text, BASE, direction)
    assert result is not None
    assert (result.start, result.end, result.precision, result.modifier) == (start, end, precision, modifier)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("last week", "past"),
        ("earlier this week", "past"),
        ("two days ago", ""),
        ("in the coming days", "future"),
        ("next Monday", "future"),
    ],
)
def test_expressions_state_their_own_direction(text: str, direction: str) -> None:
    result = resolve_expression(text, BASE, "present")
    assert result is not None
    assert result.direction == (direction or "past")


@pytest.mark.parametrize("text", ["10 months", "a week", "9-month-old", "its final months", "days"])
def test_lengths_of_time_are_not_times(text: str) -> None:
    assert resolve_expression(text, BASE, "") is None


@pytest.mark.parametrize("text", ["on Thursday", "last week", "Oct. 7", "mid-April", "two days ago"])
def test_without_a_base_relative_and_year_less_expressions_stay_unresolved(text: str) -> None:
    result = resolve_expression(text, None, "past")
    assert result is not None
    assert (result.start, result.end, result.precision) == (None, None, Precision.UNRESOLVED)


def test_without_a_base_absolute_dates_still_resolve() -> None:
    full = resolve_expression("July 31, 2024", None, "")
    year = resolve_expression("2023", None, "")
    assert full is not None and (full.start, full.precision) == (D(2024, 7, 31), Precision.DAY)
    assert year is not None and (year.start, year.end) == (D(2023, 1, 1), D(2023, 12, 31))


def test_dateparser_takes_what_the_rules_do_not_know() -> None:
    before = dateparser_calls()
    result = resolve_expression("31/07/2024", BASE, "past")
    assert dateparser_calls() == before + 1
    assert result is not None and (result.start, result.precision) == (D(2024, 7, 31), Precision.DAY)
    unknown = resolve_expression("the day after Christmas", BASE, "past")
    assert unknown is not None and unknown.precision is Precision.UNRESOLVED


WORDS = [
    "the", "a", "of", "in", "on", "at", "this", "that", "same", "last", "next", "past", "coming", "early",
    "mid", "late", "earlier", "later", "within", "few", "two", "10", "2024", "1990s", "7", "31", ",", "-",
    "ago", "before", "after", "from", "now", "ahead", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "hours", "morning", "night", "weekend", "today", "yesterday", "oct.", "july", "may",
    "wednesday", "summer", "4:31pm",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
    base=st.sampled_from([BASE, D(2024, 2, 29), D(2023, 12, 31), None]),
    direction=st.sampled_from(["", "past", "future", "present"]),
)
def test_any_mix_of_temporal_words_resolves_or_not_without_error(
    words: list[str], base: dt.date | None, direction: str
) -> None:
    result = resolve_expression(" ".join(words), base, direction)
    if result is not None and result.start is not None:
        assert result.end is not None and result.start <= result.end
        assert result.precision is not Precision.UNRESOLVED


# --- find_timexes: expressions in parsed sentences --------------------------------------------


def test_weekday_follows_the_tense_of_its_verb() -> None:
    past = timexes("Israel struck the city on Tuesday. Iran said on Thursday that it would respond.")
    future = timexes("The delegation will travel to Cairo on Tuesday.")
    assert (past["Tuesday"].start, past["Tuesday"].direction) == (D(2024, 7, 30), "past")
    assert past["Thursday"].start == D(2024, 8, 1)  # the publication date's own weekday is that day
    assert (future["Tuesday"].start, future["Tuesday"].direction) == (D(2024, 8, 6), "future")
    assert past["Tuesday"].anchor == "published"


def test_matcher_finds_what_ner_misses_and_rules_place_it() -> None:
    found = timexes(
        "The commander was killed in an airstrike early Wednesday. "
        "Another strike hit the port hours earlier. "
        "Officials expect a response in the coming days."
    )
    assert (found["early Wednesday"].start, found["early Wednesday"].precision) == (
        D(2024, 7, 31),
        Precision.PART_OF_DAY,
    )
    assert found["hours earlier"].modifier == "approx"
    assert found["hours earlier"].precision is Precision.PART_OF_DAY
    coming = found["the coming days"]
    assert (coming.start, coming.end, coming.direction, coming.modifier) == (
        D(2024, 8, 2),
        D(2024, 8, 8),
        "future",
        "approx",
    )


def test_month_names_and_days_without_a_year() -> None:
    found = timexes(
        "The group staged its Oct. 7 attacks last year. Drones were launched in mid-April. "
        "The body will be taken to Doha for burial on Aug. 2. Talks will resume Aug. 15."
    )
    assert found["Oct. 7"].start == D(2023, 10, 7)
    assert (found["mid-April"].start, found["mid-April"].precision, found["mid-April"].modifier) == (
        D(2024, 4, 1),
        Precision.MONTH,
        "mid",
    )
    assert found["Aug. 2"].start == D(2024, 8, 2)
    assert found["Aug. 15"].start == D(2024, 8, 15)


def test_relative_periods_in_sentences() -> None:
    found = timexes(
        "Last week the talks stalled. The army claimed earlier this week to have hit the target. "
        "He was appointed last month. Two days ago the ministry denied it."
    )
    assert (found["Last week"].start, found["Last week"].end) == (D(2024, 7, 22), D(2024, 7, 28))
    assert found["earlier this week"].end == D(2024, 7, 31)
    assert found["last month"].precision is Precision.MONTH
    assert found["Two days ago"].start == D(2024, 7, 30)


def test_an_estimated_publication_date_is_named_as_the_anchor() -> None:
    found = timexes("The ministers met on Wednesday. The report was published on July 31, 2024.", ESTIMATED)
    assert (found["Wednesday"].start, found["Wednesday"].anchor) == (D(2024, 7, 31), "estimated")
    assert found["July 31, 2024"].anchor == "absolute"


def test_unknown_publication_date_keeps_weekdays_unresolved() -> None:
    found = timexes("The leaders spoke on Thursday. The meeting was held on July 2, 2024.", UNKNOWN)
    thursday = found["Thursday"]
    assert (thursday.start, thursday.end, thursday.precision, thursday.anchor) == (
        None,
        None,
        Precision.UNRESOLVED,
        "none",
    )
    assert found["July 2, 2024"].start == D(2024, 7, 2)


def test_unknown_publication_date_takes_the_year_of_a_full_date_in_the_text() -> None:
    with_year = timexes("Envoys met on July 2, 2024. The Oct. 7 attack started the war.", UNKNOWN)
    without = timexes("The Oct. 7 attack started the war.", UNKNOWN)
    assert (with_year["Oct. 7"].start, with_year["Oct. 7"].anchor) == (D(2023, 10, 7), "text")
    assert (without["Oct. 7"].start, without["Oct. 7"].precision) == (None, Precision.UNRESOLVED)


def test_that_morning_counts_from_the_day_named_before_it() -> None:
    found = timexes("The newspaper reported the strike on July 30. He was killed early that morning.")
    assert found["early that morning"].start == D(2024, 7, 30)
    alone = timexes("He was killed early that morning.")
    assert alone["early that morning"].precision is Precision.UNRESOLVED


def test_coordinated_expressions_are_split() -> None:
    found = timexes("The envoys met in early April and late July.")
    assert {"early April", "late July"} <= set(found)


def test_spans_point_into_the_text() -> None:
    text = "On Wednesday, officials met. They will meet again in the coming days."
    for timex in find_timexes(parse(text), PUBLISHED):
        assert timex.span.of(text) == timex.text


def test_rules_spare_dateparser() -> None:
    before = dateparser_calls()
    timexes(
        "On Thursday the army said it struck early Wednesday and hours earlier. Last week, in mid-April "
        "and on Oct. 7 it did the same; it will do so on Aug. 2 and in the coming days, earlier this year."
    )
    assert dateparser_calls() == before


# --- timex_for_span ---------------------------------------------------------------------------


def test_timex_for_span_prefers_one_inside_the_clause_and_resolved() -> None:
    inside = TimeExpr(
        span=Span(start=10, end=18),
        text="Thursday",
        start=BASE,
        end=BASE,
        precision=Precision.DAY,
        anchor="published",
    )
    unresolved = TimeExpr(
        span=Span(start=5, end=9),
        text="then",
        start=None,
        end=None,
        precision=Precision.UNRESOLVED,
        anchor="none",
    )
    outside = TimeExpr(
        span=Span(start=40, end=46),
        text="Monday",
        start=BASE,
        end=BASE,
        precision=Precision.DAY,
        anchor="published",
    )
    assert timex_for_span([outside, unresolved, inside], 0, 30) is inside
    assert timex_for_span([outside, unresolved], 0, 30) is unresolved
    assert timex_for_span([outside], 0, 30) is None


# --- the stage on bad input -------------------------------------------------------------------


def test_stage_is_registered_with_its_contract() -> None:
    time_stage = registered()["time"]
    assert time_stage.reads == {"doc", "article.published"}
    assert time_stage.writes == {"timexes"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "On Thursday the army said " * 2000,  # one 52,000-character line
        "… --- ••• ###",
        "Le mercredi 31 juillet 2024, les ministres se sont réunis à Téhéran la semaine dernière.",
        "Am Mittwoch trafen sich die Minister in Teheran.",
    ],
)
def test_bad_input_yields_annotations_or_none(text: str) -> None:
    for published in (PUBLISHED, UNKNOWN):
        found = find_timexes(parse(text), published)
        assert all(t.span.of(text) == t.text for t in found)


@pytest.mark.parametrize("text", ["", "Am Mittwoch trafen sich die Minister in Teheran.", "x" * 50_000])
def test_stage_runs_on_bad_input(text: str) -> None:
    raw = RawDocument(source="test:bad-input", content=text.encode(), format=InputFormat.TEXT)
    analysis = Annotations(raw=raw, article=Article(id="bad", source=raw.source, text=text), doc=parse(text))
    result = registered()["time"].func(analysis, Settings())
    assert all(t.span.of(text) == t.text for t in result.timexes)
    assert all(t.start is None for t in result.timexes)  # no publication date: nothing relative resolves


def test_long_line_resolves_each_weekday_without_a_second_look() -> None:
    text = "On Thursday the army said " * 2000
    found = find_timexes(parse(text), PUBLISHED)
    assert len(found) == 2000
    assert {t.start for t in found} == {BASE}


# --- real seeds -------------------------------------------------------------------------------


@cache
def seed_analysis(prefix: str) -> Annotations:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (raw,) = [d for d in iter_documents([str(path)], Settings()) if isinstance(d, RawDocument)]
    return build(["clean", "metadata", "nlp", "time"]).run(raw)


def by_text(analysis: Annotations) -> dict[str, list[TimeExpr]]:
    out: dict[str, list[TimeExpr]] = {}
    for timex in analysis.timexes:
        out.setdefault(timex.text, []).append(timex)
    return out


def test_seed_004_early_wednesday_and_oct_7() -> None:
    analysis = seed_analysis("004")
    assert analysis.require_article().published.value == D(2024, 7, 31)
    found = by_text(analysis)
    (early,) = found["early Wednesday"]
    assert (early.start, early.end, early.anchor) == (D(2024, 7, 31), D(2024, 7, 31), "published")
    assert early.precision in (Precision.PART_OF_DAY, Precision.DAY)
    assert found["Oct. 7"]
    for oct7 in found["Oct. 7"]:
        assert (oct7.start, oct7.precision, oct7.anchor) == (D(2023, 10, 7), Precision.DAY, "published")
    (hours,) = found["hours earlier"]
    assert (hours.start, hours.precision, hours.modifier) == (D(2024, 7, 31), Precision.PART_OF_DAY, "approx")


def test_seed_002_mid_april_on_the_estimated_date() -> None:
    analysis = seed_analysis("002")
    assert analysis.require_article().published.kind is DateKind.ESTIMATED
    found = by_text(analysis)
    (mid_april,) = found["mid-April"]
    assert (mid_april.start, mid_april.end, mid_april.precision, mid_april.modifier) == (
        D(2024, 4, 1),
        D(2024, 4, 30),
        Precision.MONTH,
        "mid",
    )
    assert mid_april.anchor == "estimated"
    assert {t.start for t in found["Aug. 2"]} == {D(2024, 8, 2)}
    assert {t.start for t in found["the coming days"]} == {D(2024, 8, 2)}


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seeds_without_a_publication_date_keep_weekdays_unresolved(prefix: str) -> None:
    analysis = seed_analysis(prefix)
    assert analysis.require_article().published.value is None
    weekdays = [t for t in analysis.timexes if t.text.rstrip("s").endswith("day") and "days" not in t.text]
    assert {t.text for t in weekdays} >= {"Wednesday", "Thursday"}
    for timex in weekdays:
        assert (timex.start, timex.precision, timex.anchor) == (None, Precision.UNRESOLVED, "none")


def test_every_seed_span_points_into_its_text() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        analysis = seed_analysis(prefix)
        text = analysis.require_article().text
        assert analysis.timexes
        for timex in analysis.timexes:
            assert timex.span.of(text) == timex.text
