"""What every view builder shares: the :class:`Links` between items, the lookups built once over a
corpus state (:class:`ReportIndex`), and an article's outlet label.

Links between items go through a :class:`Links` object. The default one makes fragment links
inside a single page (evidence sentences are ``#a-<article id>-<start>``); the web app can
pass a subclass that points at its own pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from newsweave.corpus import CorpusState
from newsweave.model import Article, DateEvidence, Event, EventReport
from newsweave.reference.actors import ActorKB, load_kb
from newsweave.reference.outlets import OutletRegistry, load_registry
from newsweave.report.highlight import slug

View = dict[str, Any]


class Links:
    """Where each kind of item lives. Fragments into one page by default; override for an app."""

    def article(self, article_id: str) -> str:
        return f"#art-{slug(article_id)}"

    def evidence(self, article_id: str, start: int) -> str:
        return f"#{evidence_id(article_id, start)}"

    def actor(self, actor_id: str) -> str:
        return f"#actor-{slug(actor_id)}"

    def event(self, event_id: str) -> str:
        return f"#ev-{slug(event_id)}"

    def quote(self, article_id: str, index: int) -> str:
        return f"#q-{slug(article_id)}-{index}"

    def story(self, story_id: str) -> str:
        return f"#story-{slug(story_id)}"


def evidence_id(article_id: str, start: int) -> str:
    """The element id of the evidence anchor at ``start`` in an article: ``a-<article id>-<start>``."""
    return f"a-{slug(article_id)}-{start}"


@dataclass(slots=True, kw_only=True)
class ReportIndex:
    """Lookups built once over a corpus state (per-call lookups would make views quadratic)."""

    articles: dict[str, Article]
    reports: dict[str, EventReport]
    events: dict[str, Event]
    event_of_report: dict[str, Event]
    names: dict[str, str]  # actor id -> display name
    outlets: OutletRegistry
    links: Links
    dated: dict[str, DateEvidence] = field(default_factory=dict)

    def outlet_label(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return outlet_label(article) if article else article_id

    def name(self, actor_id: str | None) -> str:
        return self.names.get(actor_id, actor_id) if actor_id else "unattributed"


def build_index(
    state: CorpusState,
    *,
    outlets: OutletRegistry | None = None,
    kb: ActorKB | None = None,
    links: Links | None = None,
) -> ReportIndex:
    """The lookups every view builder needs; build once and pass it to the builders."""
    knowledge = kb or load_kb()
    names: dict[str, str] = {}
    for ann in state.annotations.values():
        for actor in ann.actors:
            names.setdefault(actor.id, actor.name)
    for actor_id in list(names):
        known = knowledge.get(actor_id)
        if known is not None:
            names[actor_id] = known.name
    reports = {r.id: r for ann in state.annotations.values() for r in ann.reports}
    events = {e.id: e for e in state.events}
    return ReportIndex(
        articles=state.articles_by_id(),
        reports=reports,
        events=events,
        event_of_report={rid: e for e in state.events for rid in e.report_ids},
        names=names,
        outlets=outlets or load_registry(),
        links=links or Links(),
        dated={d.article_id: d.published for d in state.dated},
    )


def outlet_label(article: Article) -> str:
    """The outlet's name, or the source's file name when the outlet is unknown."""
    return article.outlet.name or PurePath(article.source).name or article.source
