"""What every section of a briefing looks up (:class:`Context`), built once per corpus:
articles, reports, actors' names and kinds, each article's outlet and the outlet of its
original, the disagreements and corroborated facts of each event."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from newsweave.corpus import CorpusState
from newsweave.corpus.compare.facts import Fact, corroborated_facts
from newsweave.corpus.copies import canonical, outlet_names
from newsweave.corpus.timeline import reports_by_id
from newsweave.model import ActorKind, Article, Disagreement, Event, EventReport


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What every section needs, built once per corpus."""

    articles: Mapping[str, Article]
    reports: Mapping[str, EventReport]
    names: Mapping[str, str]  # actor id → name
    kinds: Mapping[str, ActorKind]
    outlet: Mapping[str, str]  # article id → outlet name
    independent: Mapping[str, str]  # article id → outlet of the original, for counting
    disagreements: Mapping[str, Sequence[Disagreement]]  # by event id
    events: Mapping[str, Event]
    order: Mapping[str, int]  # article id → position in the corpus, for a stable citation order
    facts: Mapping[str, Sequence[Fact]]  # corroborated facts by event id

    def disputed(self, event_id: str) -> Sequence[Disagreement]:
        return self.disagreements.get(event_id, ())

    def reports_of(self, event: Event) -> list[EventReport]:
        return [self.reports[i] for i in event.report_ids if i in self.reports]

    def outlets_of(self, article_ids: Iterable[str]) -> int:
        return len({self.independent.get(a, a) for a in article_ids})

    def name(self, actor_id: str) -> str:
        return self.names.get(actor_id) or actor_id.partition(":")[2].replace("-", " ").title()


def build_context(state: CorpusState) -> Context:
    articles = state.articles_by_id()
    names: dict[str, str] = {}
    kinds: dict[str, ActorKind] = {}
    for ann in state.annotations.values():
        for actor in ann.actors:
            names.setdefault(actor.id, actor.name)
            kinds.setdefault(actor.id, actor.kind)
    outlet = {a.id: outlet_name(a) for a in state.articles}
    # Counted as compare counts them: a wire story once, under the wire that wrote it.
    roots, behind = canonical(state.copies), outlet_names(state.articles)
    independent = {a: behind.get(roots.get(a, a)) or roots.get(a, a) for a in outlet}
    facts: dict[str, list[Fact]] = {}
    for fact in corroborated_facts(state):
        facts.setdefault(fact.event_id, []).append(fact)
    disputes: dict[str, list[Disagreement]] = {}
    for disagreement in state.disagreements:
        disputes.setdefault(disagreement.event_id, []).append(disagreement)
    return Context(
        articles=articles,
        reports=reports_by_id(state),
        names=names,
        kinds=kinds,
        outlet=outlet,
        independent=independent,
        disagreements=disputes,
        events={e.id: e for e in state.events},
        order={a: i for i, a in enumerate(articles)},
        facts=facts,
    )


def outlet_name(article: Article) -> str:
    """The outlet's name, else the name of the file (or record) the article came from."""
    return article.outlet.name or PurePosixPath(article.source).name or article.source
