"""Event coding of bare texts, one JSON line in, one JSON line out (``newsweave code``).

Input lines are plain text or JSON objects ``{"id", "text", "date"}``. The text is coded
as given — no cleaning, so offsets are offsets into the input text — through the stages
after ``metadata`` (parse, actors, time, quotes, events).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.batch import Failed, continue_batch
from newsweave.config import Settings
from newsweave.model import (
    UNKNOWN_DATE,
    Actor,
    Annotations,
    DateEvidence,
    DateKind,
    EventReport,
    article_from_text,
)
from newsweave.pipeline import Pipeline, build

CODING_STAGES: tuple[str, ...] = ("nlp", "actors", "time", "quotes", "events")


@dataclass(frozen=True, slots=True, kw_only=True)
class CodingInput:
    id: str
    text: str
    date: dt.date | None = None


def parse_line(line: str, number: int) -> CodingInput:
    """A JSON object line, or plain text (its id is its line number)."""
    stripped = line.strip()
    if stripped.startswith("{"):
        try:
            record = json.loads(stripped)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            date = _date(record.get("date"))
            return CodingInput(id=str(record.get("id", number)), text=record["text"], date=date)
    return CodingInput(id=str(number), text=line.rstrip("\n"))


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _analysis(item: CodingInput) -> Annotations:
    published = (
        DateEvidence(value=item.date, kind=DateKind.METADATA, confidence=1.0, evidence="input date")
        if item.date
        else UNKNOWN_DATE
    )
    raw, article = article_from_text(item.text, source=f"stdin#{item.id}", published=published)
    return Annotations(raw=raw, article=article)


def coding_pipeline(settings: Settings | None = None) -> Pipeline:
    # 'clean' and 'metadata' are skipped on purpose: the text is coded exactly as given.
    given = ("article", "article.published", "article.outlet", "article.byline")
    return build(CODING_STAGES, settings, given=given)


def _actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": str(actor.kind),
        "country": actor.country,
        "sector": actor.sector,
    }


def _participant(actor_id: str, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(actor_id)
    if actor is None:
        return {"id": actor_id, "name": actor_id, "country": None, "sector": None}
    return {"id": actor.id, "name": actor.name, "country": actor.country, "sector": actor.sector}


def _event_dict(report: EventReport, actors: dict[str, Actor]) -> dict[str, Any]:
    return {
        "type": report.event_type,
        "mode": report.mode,
        "context": list(report.context),
        "cameo": report.cameo,
        "goldstein": report.goldstein,
        "modality": str(report.modality),
        "actor": [_participant(a, actors) for a in report.actor],
        "recipient": [_participant(a, actors) for a in report.recipient],
        "start": report.span.start,
        "end": report.span.end,
        "trigger": report.trigger_text,
        "trigger_start": report.trigger.start,
        "trigger_end": report.trigger.end,
        "where": report.where_text,
        "when": report.when.start.isoformat() if report.when and report.when.start else None,
    }


def coding_result(item: CodingInput, result: Annotations | Failed) -> dict[str, Any]:
    """The output line for one input."""
    if isinstance(result, Failed):
        return {"id": item.id, "events": [], "actors": [], "error": str(result.error)}
    actors = {a.id: a for a in result.actors}
    return {
        "id": item.id,
        "events": [_event_dict(r, actors) for r in result.reports],
        "actors": [_actor_dict(a) for a in result.actors],
    }


def code_items(items: Sequence[CodingInput], pipeline: Pipeline) -> list[dict[str, Any]]:
    results = continue_batch(pipeline, [_analysis(item) for item in items])
    return [coding_result(item, result) for item, result in zip(items, results, strict=True)]


def code_lines(lines: Iterable[str], pipeline: Pipeline, batch_size: int = 64) -> Iterator[dict[str, Any]]:
    """Code every non-blank line, in batches (spaCy is fast on batches), in input order."""
    batch: list[CodingInput] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        batch.append(parse_line(line, number))
        if len(batch) >= batch_size:
            yield from code_items(batch, pipeline)
            batch = []
    if batch:
        yield from code_items(batch, pipeline)
