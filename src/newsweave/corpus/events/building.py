"""An :class:`~newsweave.model.Event` from the reports that tell of it, and the stories linked to
their events.

An event takes its participants ranked by how many reports name them, its most common CAMEO
code and mode, the date :func:`~newsweave.corpus.events.dating.event_date` gives it and the
label :func:`~newsweave.corpus.events.labels.event_label` writes. Its modality is the strongest
of its reports' (:data:`MODALITY_STRENGTH`). Events dated well before their articles, or only
told as history, are ``background``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from newsweave.corpus import CorpusState
from newsweave.corpus.events.dating import event_date
from newsweave.corpus.events.features import actor_kinds
from newsweave.corpus.events.labels import event_label
from newsweave.model import (
    ActorKind,
    Article,
    Event,
    EventReport,
    Modality,
    Story,
    report_article_id,
)
from newsweave.reference.actors import ActorKB, load_kb

# An event this long before its articles' publication dates is background to them.
BACKGROUND_AGE = dt.timedelta(days=30)
# Strongest first: an event stated as fact by one outlet is asserted, whoever else hedges.
MODALITY_STRENGTH: tuple[Modality, ...] = (
    Modality.ASSERTED,
    Modality.HISTORICAL,
    Modality.REPORTED,
    Modality.CLAIMED,
    Modality.DENIED,
    Modality.EXPECTED,
    Modality.THREATENED,
    Modality.HYPOTHETICAL,
    Modality.NEGATED,
)


def build_events(state: CorpusState, grouped: Sequence[tuple[str, Sequence[str]]]) -> tuple[Event, ...]:
    """Events from ``(event id, report ids)`` pairs, dated and labelled from ``state``."""
    kb = load_kb()
    kinds = actor_kinds(state.annotations.values(), kb)
    articles = state.articles_by_id()
    reports = {r.id: r for ann in state.annotations.values() for r in ann.reports}
    return tuple(build_event(key, ids, reports, articles, kb, kinds) for key, ids in grouped)


def strongest(modalities: Iterable[Modality]) -> Modality:
    """The strongest modality (see :data:`MODALITY_STRENGTH`)."""
    found = set(modalities)
    return next((m for m in MODALITY_STRENGTH if m in found), Modality.ASSERTED)


def _ranked(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v for v, _ in Counter(values).most_common())


def build_event(
    event_id: str,
    report_ids: Sequence[str],
    reports: Mapping[str, EventReport],
    articles: Mapping[str, Article],
    kb: ActorKB,
    kinds: Mapping[str, ActorKind],
) -> Event:
    """An :class:`Event` from the reports that tell of it."""
    members = [reports[r] for r in report_ids]
    article_ids = tuple(dict.fromkeys(report_article_id(r) for r in report_ids))
    date = event_date(members, articles)
    places = _ranked(r.where for r in members if r.where and kinds.get(r.where) is ActorKind.LOCATION)
    actor = _ranked(a for r in members for a in r.actor)
    recipient = _ranked(a for r in members for a in r.recipient if a not in actor[:1])
    modality = strongest(r.modality for r in members)
    published = [d for a in article_ids if (d := articles[a].published.value) is not None]
    background = all(r.modality is Modality.HISTORICAL for r in members) or bool(
        date.end and published and date.end < min(published) - BACKGROUND_AGE
    )
    event = Event(
        id=event_id,
        event_type=members[0].event_type,
        label="",
        report_ids=tuple(report_ids),
        article_ids=article_ids,
        cameo=_ranked(r.cameo for r in members if r.cameo)[:1][0] if any(r.cameo for r in members) else "",
        mode=_ranked(r.mode for r in members if r.mode)[0] if any(r.mode for r in members) else "",
        actor=actor,
        recipient=recipient,
        start=date.start,
        end=date.end,
        precision=date.precision,
        date_estimated=date.estimated,
        date_evidence=date.evidence,
        where=places[0] if places else None,
        modality=modality,
        background=background,
    )
    return replace(event, label=event_label(event, members, kb, kinds))


def link_stories(stories: Sequence[Story], events: Sequence[Event]) -> tuple[Story, ...]:
    """Each story with the events its articles report."""
    if not stories:
        return tuple(stories)
    events_of: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for article_id in event.article_ids:
            events_of[article_id].append(event.id)
    return tuple(
        replace(s, event_ids=tuple(dict.fromkeys(e for a in s.article_ids for e in events_of.get(a, ()))))
        for s in stories
    )
