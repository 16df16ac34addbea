"""The briefing's sections told from events: the key events (asserted or reported, ranked by
how many independent outlets report them) and what is expected next (expected and threatened
events), one sentence per event, citing its reports' evidence sentences."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.corpus.briefing.citations import report_citations
from newsweave.corpus.briefing.context import Context
from newsweave.corpus.briefing.wording import (
    date_phrase,
    join,
    join_names,
    main_recipients,
    past_clause,
    place_phrase,
    verb_for,
)
from newsweave.model import FUTURE_MODALITIES, BriefingSentence, Event, EventReport, Modality

KEY_EVENTS = 5
EXPECTED_EVENTS = 3
KEY_MODALITIES = frozenset({Modality.ASSERTED, Modality.REPORTED})
RESPONSIBILITY = frozenset({"responsible", "actor", "blamed"})


# --- key events ------------------------------------------------------------------------------


def key_events(events: Sequence[Event], ctx: Context, limit: int = KEY_EVENTS) -> list[Event]:
    """The events most independent outlets report as having happened."""
    candidates = [
        e for e in events if e.modality in KEY_MODALITIES and e.event_type and _has_participants(e, ctx)
    ]
    return sorted(candidates, key=lambda e: _prominence(e, ctx))[:limit]


def key_event_sentence(event: Event, ctx: Context) -> BriefingSentence | None:
    reports = ctx.reports_of(event)
    actors = _agreed_actors(event, reports, ctx)
    text = past_clause(event, ctx, actors, reported=event.modality == Modality.REPORTED)
    text += place_phrase(event, ctx) + date_phrase(event) + "."
    return BriefingSentence(text=text, citations=report_citations(reports, ctx), section="key-events")


def _agreed_actors(event: Event, reports: Sequence[EventReport], ctx: Context) -> list[str]:
    """The actors a sentence may name: contradicted by no report, and named by an asserted
    report unless the whole sentence is hedged ("reportedly")."""
    if any(d.attribute in RESPONSIBILITY for d in ctx.disputed(event.id)):
        return []
    named = {frozenset(r.actor) for r in reports if r.actor}
    if len(named) != 1:
        return []  # nobody, or reports naming different actors: leave it to the disputes
    hedged = event.modality == Modality.REPORTED
    backed = {a for r in reports if r.modality == Modality.ASSERTED or hedged for a in r.actor}
    return [a for a in event.actor if a in backed]


# --- what is expected next -------------------------------------------------------------------


def expected_events(events: Sequence[Event], ctx: Context, limit: int = EXPECTED_EVENTS) -> list[Event]:
    candidates = [
        e for e in events if e.modality in FUTURE_MODALITIES and e.event_type and _has_participants(e, ctx)
    ]
    return sorted(candidates, key=lambda e: _prominence(e, ctx))[:limit]


def expected_sentence(event: Event, ctx: Context) -> BriefingSentence | None:
    """ "Iran has vowed to attack Israel", "Iran is expected to attack Israel"."""
    reports = ctx.reports_of(event)
    verb = verb_for(event, ctx)
    recipients = join_names(main_recipients(event, ctx), ctx)
    threatened = event.modality == Modality.THREATENED
    if event.actor:
        lead = join([ctx.name(a) for a in event.actor])
        action = f"{verb.base} {recipients}" if recipients else verb.base_for(has_object=False)
        plural = len(event.actor) > 1
        if threatened:
            text = f"{lead} {'have' if plural else 'has'} vowed to {action}"
        else:
            text = f"{lead} {'are' if plural else 'is'} expected to {action}"
    else:
        noun = verb.noun[0].upper() + verb.noun[1:]
        text = noun + (f" against {recipients}" if recipients else "")
        text += " has been threatened" if threatened else " is expected"
    text += place_phrase(event, ctx) + date_phrase(event) + "."
    return BriefingSentence(text=text, citations=report_citations(reports, ctx), section="expected")


# --- shared by both sections -----------------------------------------------------------------


def _prominence(event: Event, ctx: Context) -> tuple[int, int, str]:
    return (-ctx.outlets_of(event.article_ids), -len(event.report_ids), event.id)


def _has_participants(event: Event, ctx: Context) -> bool:
    return bool(event.actor or main_recipients(event, ctx))
