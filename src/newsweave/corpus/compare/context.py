"""The look-ups the comparison of events needs, built once per run (:func:`compare_context`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.corpus import CorpusState
from newsweave.corpus.copies import outlet_names
from newsweave.model import Actor, ActorKind, Article, Copy, EventReport


@dataclass(frozen=True, slots=True)
class CompareContext:
    """Look-ups built once per run: reports, actors, articles, independent outlet keys."""

    reports: Mapping[str, tuple[EventReport, str]]  # report id -> (report, article id)
    actors: Mapping[str, Actor]
    articles: Mapping[str, Article]
    published: Mapping[str, dt.date | None]
    copies: tuple[Copy, ...]
    outlets: Mapping[str, str | None]  # article id -> the outlet standing behind its text (wire first)
    named: Mapping[str, Actor]  # casefolded name or alias -> actor
    countries: Mapping[str, Actor]  # ISO alpha-3 -> the country actor


def compare_context(state: CorpusState) -> CompareContext:
    """Build the look-ups once; pass the result to
    :func:`~newsweave.corpus.compare.claims.event_claims` and friends."""
    reports: dict[str, tuple[EventReport, str]] = {}
    actors: dict[str, Actor] = {}
    for article_id, ann in state.annotations.items():
        for report in ann.reports:
            reports[report.id] = (report, article_id)
        for actor in ann.actors:
            actors.setdefault(actor.id, actor)
    articles = state.articles_by_id()
    published = {a.id: a.published.value for a in state.articles}
    for dated in state.dated:
        if published.get(dated.article_id) is None:
            published[dated.article_id] = dated.published.value
    named = {n.casefold(): a for a in actors.values() for n in (*a.aliases, a.name)}
    countries = {a.country: a for a in actors.values() if a.kind is ActorKind.COUNTRY and a.country}
    return CompareContext(
        reports, actors, articles, published, state.copies, outlet_names(state.articles), named, countries
    )


def article_text(ctx: CompareContext, article_id: str) -> str:
    """The text of the article ``article_id``; empty when the run does not hold it."""
    article = ctx.articles.get(article_id)
    return article.text if article else ""


def outlet_name_of(ctx: CompareContext, article_id: str) -> str:
    """The name of the article's outlet, as a variant lists it."""
    article = ctx.articles.get(article_id)
    return (article.outlet.name if article else None) or "unknown outlet"
