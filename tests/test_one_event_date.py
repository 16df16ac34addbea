"""One event shows one date everywhere (issue 9): the five seeds analysed by the real pipeline
into a store, then, for every event, the timeline, the briefing, the HTML report and the app's
JSON twin of each story all show the event's own ``Event.start``/``end``, precision and
"estimated" flag, never a date worked out again from its reports.

The renderings below are written out here on purpose (not imported from the code under test):
they say what a reader must see for a given ``Event``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import lxml.html  # type: ignore[import-untyped]
import pytest
from starlette.testclient import TestClient

from newsweave.config import Settings
from newsweave.corpus import CorpusState
from newsweave.model import BriefingSentence, Event, Precision, report_article_id
from newsweave.report import render_report
from newsweave.report.highlight import slug
from newsweave.run import run
from newsweave.store import Store
from newsweave.web import create_app

from .conftest import SEEDS

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The date a key-event or expected sentence ends on: " on 31 July 2024", " in April 2024",
# " between 2 and 8 August 2024", each perhaps " (date estimated)"; none for an undated event.
BRIEFING_DATE = re.compile(
    r"(?P<date> (?:on \d{1,2} [A-Z][a-z]+ \d{4}|in (?:[A-Z][a-z]+ )?\d{4}"
    r"|between \d{1,2}(?: [A-Z][a-z]+ \d{4})? and \d{1,2} [A-Z][a-z]+ \d{4}|between \d{4} and \d{4})"
    r"(?: \(date estimated\))?)?\.$"
)
# A corroborated date: "… all report that Ismail Haniyeh was killed on 31 July 2024."
CORROBORATED_DAY = re.compile(
    r" on (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})(?: \(hedged\))?\.$"
)

Shown = tuple[dt.date | None, dt.date | None, Precision, bool]


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, shared: Path
) -> Iterator[tuple[CorpusState, TestClient]]:
    """The seeds stored by the real run, and the app serving that store (its corpus state too)."""
    path = tmp_path_factory.mktemp("one-date") / "seeds.db"
    with Store.open(path) as store:
        summary = run([str(SEEDS)], replace(Settings(), store_path=path), store)
    assert summary.stored == 5 and not summary.failed
    with TestClient(create_app(path, Settings()), base_url="http://127.0.0.1") as client:
        state: CorpusState = client.app.state.newsweave.corpus.state  # type: ignore[attr-defined]
        yield state, client


def shown(event: Event) -> Shown:
    return (event.start, event.end, event.precision, event.date_estimated)


def day_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def briefing_phrase(event: Event) -> str:
    """How a briefing sentence dates ``event``: "" when it has no date."""
    start, end = event.start, event.end or event.start
    if start is None or end is None:
        return ""
    if event.precision is Precision.YEAR:
        phrase = f" in {start.year}" if start.year == end.year else f" between {start.year} and {end.year}"
    elif event.precision is Precision.MONTH and (start.year, start.month) == (end.year, end.month):
        phrase = f" in {MONTHS[start.month - 1]} {start.year}"
    elif start == end:
        phrase = f" on {day_text(start)}"
    elif (start.year, start.month) == (end.year, end.month):
        phrase = f" between {start.day} and {day_text(end)}"
    else:
        phrase = f" between {day_text(start)} and {day_text(end)}"
    return phrase + (" (date estimated)" if event.date_estimated else "")


def iso_range(event: Event) -> str:
    """How the report and the app write an event's dates."""
    if event.start is None:
        return "undated"
    if event.end is None or event.end == event.start:
        return event.start.isoformat()
    return f"{event.start.isoformat()} – {event.end.isoformat()}"


def events_by_evidence(state: CorpusState) -> dict[tuple[str, int, int], list[Event]]:
    """(article id, sentence start, end) -> the events one of whose reports rests on that sentence."""
    spans = {
        r.id: (report_article_id(r.id), r.span.start, r.span.end)
        for a in state.annotations.values()
        for r in a.reports
    }
    found: dict[tuple[str, int, int], list[Event]] = {}
    for event in state.events:
        for report_id in event.report_ids:
            if report_id in spans:
                found.setdefault(spans[report_id], []).append(event)
    return found


def cited_events(
    sentence: BriefingSentence, evidence: Mapping[tuple[str, int, int], list[Event]]
) -> list[list[Event]]:
    """For each citation of ``sentence``, the events it is evidence of."""
    return [evidence.get((c.article_id, c.span.start, c.span.end), []) for c in sentence.citations]


def test_seed_events_are_dated_from_their_reports(served: tuple[CorpusState, TestClient]) -> None:
    state, _ = served
    dated = [e for e in state.events if e.start is not None]
    # Enough dated events for the checks below to mean something, each with its evidence.
    assert len(dated) >= 20 and len(state.timeline) >= 20
    reports = {r.id: r for a in state.annotations.values() for r in a.reports}
    for event in dated:
        assert event.date_evidence and set(event.date_evidence) <= set(event.report_ids), event.label
        for report_id in event.date_evidence:
            when = reports[report_id].when
            assert when is not None and when.start is not None and when.end is not None
            assert event.start is not None and event.end is not None
            assert when.start <= event.end and event.start <= when.end, (event.label, when.text)
    for event in state.events:
        if event.start is None:
            assert not event.date_evidence and not event.date_estimated, event.label


def test_timeline_entries_show_their_events_dates(served: tuple[CorpusState, TestClient]) -> None:
    state, _ = served
    events = {e.id: e for e in state.events}
    for entry in state.timeline:
        event = events[entry.event_id]
        assert (entry.start, entry.end, entry.precision, entry.estimated) == shown(event), event.label


def test_briefing_dates_each_event_by_its_own_date(served: tuple[CorpusState, TestClient]) -> None:
    state, _ = served
    evidence = events_by_evidence(state)
    checked = 0
    for briefing in state.briefings:
        for sentence in briefing.sentences:
            if sentence.section in ("key-events", "expected"):
                match = BRIEFING_DATE.search(sentence.text)
                stated = (match.group("date") or "") if match else ""
                for events in cited_events(sentence, evidence):
                    # The sentence's event is among those its evidence reports (one sentence
                    # may report several); it must have exactly the date the sentence gives.
                    phrases = {briefing_phrase(e) for e in events}
                    assert stated in phrases, (sentence.text, sorted(phrases))
                    checked += 1
            elif sentence.section == "corroborated" and (day := CORROBORATED_DAY.search(sentence.text)):
                said = dt.date(int(day["year"]), MONTHS.index(day["month"]) + 1, int(day["day"]))
                for events in cited_events(sentence, evidence):
                    inside = [e for e in events if e.start and e.end and e.start <= said <= e.end]
                    assert inside, (sentence.text, [iso_range(e) for e in events])
                    checked += 1
    assert checked >= 5


def test_report_shows_each_event_and_timeline_item_with_the_events_dates(
    served: tuple[CorpusState, TestClient],
) -> None:
    state, _ = served
    page = lxml.html.fromstring(render_report(state))
    by_anchor = {f"ev-{slug(e.id)}": e for e in state.events}
    cards = page.xpath("//li[contains(concat(' ', @class, ' '), ' event ')]")
    assert len(cards) >= len(state.events) // 2
    for card in cards:
        event = by_anchor[card.get("id")]
        (dates,) = card.xpath("./span[@class='dates']")
        assert dates.text_content() == iso_range(event) + (" (estimated)" if event.date_estimated else "")
    _check_timeline_marks(page, by_anchor)
    _check_briefing_text(page.xpath("//div[@class='briefing']//li"), state)


def _check_timeline_marks(page: lxml.html.HtmlElement, by_anchor: Mapping[str, Event]) -> None:
    marks = page.xpath("//figure[@class='timeline']//a[contains(@class, 'tl-item')]")
    assert marks
    for mark in marks:
        event = by_anchor[mark.get("href").lstrip("#")]
        title = mark.find("{*}title")
        if title is None:
            title = mark.find("title")
        _, when, _ = title.text_content().rsplit(" · ", 2)
        assert when == _dated(event), event.label
    for item in page.xpath("//figure[@class='timeline']//ul[@class='tl-list']/li"):
        (link,) = item.xpath("./a")
        event = by_anchor[link.get("href").lstrip("#")]
        rest = item.text_content()[len(link.text_content()) :]
        if event.start is None:
            assert rest == f" — {event.modality.value}", event.label
        else:
            assert rest == f" — {_dated(event)[:-1]}, {event.modality.value})", event.label


def _dated(event: Event) -> str:
    """ "2024-07-30 (day)", "2024-08-02 – 2024-08-08 (week, estimated)"."""
    return f"{iso_range(event)} ({event.precision.value}{', estimated' if event.date_estimated else ''})"


def _check_briefing_text(items: Sequence[lxml.html.HtmlElement], state: CorpusState) -> None:
    shown_text = sorted((li.text or "").strip() for li in items)
    assert shown_text == sorted(s.text for b in state.briefings for s in b.sentences)


def test_app_json_shows_each_event_with_its_own_date(served: tuple[CorpusState, TestClient]) -> None:
    state, client = served
    events = {e.id: e for e in state.events}
    by_anchor = {f"ev-{slug(e.id)}": e for e in state.events}
    checked = 0
    for story in state.stories:
        view = client.get(f"/stories/{quote(story.id, safe='')}.json").json()
        for item in view["events"]:
            event = events[item["id"]]
            assert (item["dates"], item["precision"], item["estimated"]) == (
                iso_range(event),
                event.precision.value,
                event.date_estimated,
            ), event.label
            checked += 1
        timeline = view["timeline"]
        for row in [*timeline["rows"], *timeline["outside"], *timeline["undated"]]:
            event = by_anchor[row["href"].rpartition("#")[2]]
            if event.start is None:
                assert row.get("date", "undated") == "undated", event.label
                continue
            assert (row["date"], row["precision"], row["estimated"]) == (
                iso_range(event),
                event.precision.value,
                event.date_estimated,
            ), event.label
        sentences = [s["text"] for section in view["briefing"] for s in section["sentences"]]
        assert sorted(sentences) == sorted(
            s.text for b in state.briefings if b.story_id == story.id for s in b.sentences
        )
    assert checked >= len(state.events) // 2
