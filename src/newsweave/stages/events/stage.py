"""The 'events' stage: one EventReport per coded trigger, with participants, time, place,
modality and the attributes the text states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsweave.config import Settings
from newsweave.model import Annotations, EventReport, Quote, TimeExpr, event_report_id
from newsweave.model import Span as TextSpan
from newsweave.pipeline import stage
from newsweave.stages.events.arguments import (
    MentionIndex,
    entity_text,
    participants,
    place,
    resolve,
    time_for,
)
from newsweave.stages.events.attributes import Blame, blames, casualties, method
from newsweave.stages.events.coding import Coding, code_span, iter_sentences
from newsweave.stages.events.lexicon import Lexicon, load_lexicon
from newsweave.stages.events.modality import present, quote_for
from newsweave.stages.events.presentation import correct_reports

# A pathological "sentence" (a 50,000-character line) is not worth coding token by token.
MAX_SENTENCE_TOKENS = 400
_BLAME_HOPS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    article_id: str
    index: MentionIndex
    timexes: tuple[TimeExpr, ...]
    quotes: tuple[Quote, ...]
    published: dt.date | None
    lex: Lexicon


@stage("events", reads=["doc", "actors", "mentions", "timexes", "quotes"], writes=["reports"])
def events_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Code event reports (PLOVER/CAMEO) with participants, time, place and modality."""
    doc = analysis.require_doc()
    article = analysis.require_article()
    context = _Context(
        article_id=article.id,
        index=MentionIndex.build(analysis.mentions),
        timexes=analysis.timexes,
        quotes=analysis.quotes,
        published=article.published_date,
        lex=load_lexicon(),
    )
    reports = correct_reports(tuple(extract_reports(doc, context)), analysis.timexes, article.text)
    return replace(analysis, reports=reports)


def extract_reports(doc: Doc, context: _Context) -> Iterator[EventReport]:
    count = 0
    for sent in iter_sentences(doc):
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue
        for report in _sentence_reports(sent, context):
            yield replace(report, id=event_report_id(context.article_id, count))
            count += 1


def _sentence_reports(sent: Span, context: _Context) -> Iterator[EventReport]:
    codings = code_span(sent)
    if not codings:
        return
    by_trigger = _blames_by_trigger(sent, {c.token for c in codings})
    for coding in codings:
        trigger = sent.doc[coding.token]
        yield _report(coding, trigger, sent, context, by_trigger.get(coding.token, ()))


def _blames_by_trigger(sent: Span, triggers: set[int]) -> dict[int, list[Blame]]:
    """Attach each responsibility statement to the event it is about (the nearest trigger
    at or above the blamed phrase: "the killing of Haniyeh in Tehran, which ... blamed")."""
    found: dict[int, list[Blame]] = {}
    for blame in blames(sent):
        token = sent.doc[blame.event_token]
        for _ in range(_BLAME_HOPS):
            if token.i in triggers:
                found.setdefault(token.i, []).append(blame)
                break
            if token.head.i == token.i:
                break
            token = token.head
    return found


def _report(
    coding: Coding, trigger: Token, sent: Span, context: _Context, sent_blames: Sequence[Blame]
) -> EventReport:
    parts = participants(trigger)
    actor = resolve(parts.actor, context.index)
    recipient = resolve(parts.recipient, context.index)
    when = time_for(trigger, context.timexes, sent.start_char, sent.end_char)
    where_token = place(trigger)
    where_text = entity_text(where_token) if where_token is not None else None
    where_mention = (
        context.index.covering(where_token.idx, where_token.idx + len(where_token.text))
        if where_token
        else None
    )
    presentation = present(
        coding,
        trigger,
        context.lex,
        quote=quote_for(coding.start, coding.end, context.quotes),
        when=when,
        published=context.published,
        actor_ids=(*actor, *recipient),
    )
    return EventReport(
        id="",
        span=TextSpan(start=sent.start_char, end=sent.end_char),
        trigger=TextSpan(start=coding.start, end=coding.end),
        trigger_text=coding.trigger_text,
        event_type=coding.event,
        mode=coding.mode,
        context=coding.context,
        cameo=coding.cameo,
        goldstein=coding.goldstein,
        actor=actor,
        recipient=recipient,
        when=when,
        where=(where_mention.actor_id if where_mention else None) or where_text,
        where_text=where_text,
        modality=presentation.modality,
        attributed_to=presentation.attributed_to,
        attributes=_attributes(trigger, context.lex, parts.actor, parts.recipient, sent_blames),
        hedged=presentation.hedged,
    )


def _attributes(
    trigger: Token,
    lex: Lexicon,
    actor: Sequence[Token],
    recipient: Sequence[Token],
    sent_blames: Sequence[Blame],
) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    how = method(trigger, lex)
    if how:
        found.append(("method", how))
    found.extend(casualties(trigger))
    if actor:
        found.append(("actor_text", "; ".join(entity_text(t) for t in actor)))
    if recipient:
        found.append(("recipient_text", "; ".join(entity_text(t) for t in recipient)))
    for blame in sent_blames:
        found.append(("blamed", blame.responsible))
        if blame.by:
            found.append(("blamed_by", blame.by))
    return tuple(found)
