"""What each page shows, as plain data: the HTML page and its JSON twin render the same dict.

:class:`Corpus` holds the latest corpus run and the lookups built over it once, when the app
loads or refreshes it; page builders only read them (and the store's full-text index for
searches), so no request analyses anything. Story and article pages come from the report's
view builders (:mod:`newsweave.report.stories`, :mod:`newsweave.report.articles`) with links into
the app, so the report and the app cannot diverge.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlencode

from newsweave.corpus import CorpusState
from newsweave.model import Article, Event, Quote, report_article_id
from newsweave.reference.outlets import OutletRegistry, load_registry
from newsweave.report.articles import article_view, outlet_view
from newsweave.report.highlight import slug
from newsweave.report.index import Links, ReportIndex, build_index, evidence_id, outlet_label
from newsweave.report.stories import story_view
from newsweave.store import Store

View = dict[str, Any]

PAGE_SIZE = 50
SEARCH_LIMIT = 2000  # matching articles considered for the story list; far above one page
SNIPPET_CHARS = 200


def _path(value: str) -> str:
    return quote(value, safe="")


class AppLinks(Links):
    """Links between the app's pages (the report's default links are fragments of one page)."""

    def __init__(self, story_of_event: Mapping[str, str] | None = None) -> None:
        self.story_of_event = dict(story_of_event or {})

    def article(self, article_id: str) -> str:
        return f"/articles/{_path(article_id)}"

    def evidence(self, article_id: str, start: int) -> str:
        return f"/articles/{_path(article_id)}#{evidence_id(article_id, start)}"

    def actor(self, actor_id: str) -> str:
        return f"/actors/{_path(actor_id)}"

    def event(self, event_id: str) -> str:
        story = self.story_of_event.get(event_id)
        fragment = f"#ev-{slug(event_id)}"
        return f"/stories/{_path(story)}{fragment}" if story else fragment

    def quote(self, article_id: str, index: int) -> str:
        return f"/articles/{_path(article_id)}#q-{slug(article_id)}-{index}"

    def story(self, story_id: str) -> str:
        return f"/stories/{_path(story_id)}"

    def outlet(self, label: str) -> str:
        # A query, not a path: an outlet named "..", "a/b" or "%" would be rewritten or
        # misrouted as a path segment (browsers resolve "..", even written "%2E%2E").
        return f"/outlets?{urlencode({'name': label})}"


@dataclass(slots=True, kw_only=True)
class Corpus:
    """The latest corpus run with every lookup the pages need, built once per run."""

    state: CorpusState
    index: ReportIndex
    links: AppLinks
    registry: OutletRegistry
    stories: list[View]  # story list rows, newest first
    story_of_article: dict[str, str]
    articles_of_outlet: dict[str, list[str]]  # outlet label (lower case) -> article ids
    events_of_actor: dict[str, list[Event]] = field(default_factory=dict)
    quotes_of_actor: dict[str, list[tuple[str, int, Quote]]] = field(default_factory=dict)


def build_corpus(state: CorpusState, registry: OutletRegistry | None = None) -> Corpus:
    """Index ``state`` for the pages."""
    registry = registry or load_registry()
    story_of_event = {e: s.id for s in state.stories for e in s.event_ids}
    links = AppLinks(story_of_event)
    index = build_index(state, outlets=registry, links=links)
    story_of_article = {a: s.id for s in state.stories for a in s.article_ids}
    articles_of_outlet: dict[str, list[str]] = defaultdict(list)
    for article in state.articles:
        articles_of_outlet[outlet_label(article).casefold()].append(article.id)
    events_of_actor: dict[str, list[Event]] = defaultdict(list)
    for event in state.events:
        for actor_id in dict.fromkeys((*event.actor, *event.recipient)):
            events_of_actor[actor_id].append(event)
    quotes_of_actor: dict[str, list[tuple[str, int, Quote]]] = defaultdict(list)
    for ann in state.annotations.values():
        for n, q in enumerate(ann.quotes):
            if q.speaker is not None:
                quotes_of_actor[q.speaker].append((ann.article_id, n, q))
    return Corpus(
        state=state,
        index=index,
        links=links,
        registry=registry,
        stories=_story_rows(state, index),
        story_of_article=story_of_article,
        articles_of_outlet=dict(articles_of_outlet),
        events_of_actor=dict(events_of_actor),
        quotes_of_actor=dict(quotes_of_actor),
    )


def _story_rows(state: CorpusState, index: ReportIndex) -> list[View]:
    rows = []
    for story in state.stories:
        articles = [index.articles[a] for a in story.article_ids if a in index.articles]
        actors = {m.actor_id for a in articles for m in _mentions(state, a.id) if m.actor_id}
        outlets = sorted({outlet_label(a) for a in articles})
        rows.append(
            {
                "id": story.id,
                "href": index.links.story(story.id),
                "title": story.title,
                "date_start": story.start.isoformat() if story.start else None,
                "date_end": story.end.isoformat() if story.end else None,
                "articles": len(articles),
                "events": len(story.event_ids),
                "outlets": outlets,
                "_outlets": {o.casefold() for o in outlets},
                "_actors": actors,
                "_article_ids": set(story.article_ids),
            }
        )
    rows.sort(key=lambda r: (r["date_end"] or "", r["articles"]), reverse=True)
    return rows


def _mentions(state: CorpusState, article_id: str) -> Iterable[Any]:
    ann = state.annotations.get(article_id)
    return ann.mentions if ann else ()


# --- story list with search and filters -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryFilters:
    """The story list's query: words to search, a date range, an outlet, an actor, a page."""

    q: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str = ""
    actor: str = ""
    page: int = 1

    def params(self) -> dict[str, str]:
        """The non-empty filters as query parameters (for links to other pages of the list)."""
        found = {
            "q": self.q,
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "outlet": self.outlet,
            "actor": self.actor,
        }
        return {k: v for k, v in found.items() if v}


def story_list(corpus: Corpus, store: Store, filters: StoryFilters) -> View:
    """One page of the stories matching ``filters``, and the best matching articles of a search."""
    rows = corpus.stories
    matches: list[View] = []
    if filters.q:
        found = [s for s in store.search(filters.q, limit=SEARCH_LIMIT) if s.id in corpus.index.articles]
        rank: dict[str, int] = {}
        for n, summary in enumerate(found):
            story_id = corpus.story_of_article.get(summary.id)
            if story_id is not None:
                rank.setdefault(story_id, n)
        rows = sorted((r for r in rows if r["id"] in rank), key=lambda r: rank[r["id"]])
        matches = [article_ref(corpus, s.id) for s in found[:20]]
    actors = _actor_ids(corpus, filters.actor)
    rows = [r for r in rows if _keep(r, filters, actors)]
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "filters": {**filters.params(), "page": filters.page},
        "total": len(rows),
        "page": filters.page,
        "pages": max(1, -(-len(rows) // PAGE_SIZE)),
        "stories": [_public(r) for r in rows[start : start + PAGE_SIZE]],
        "articles": matches,
    }


def _actor_ids(corpus: Corpus, wanted: str) -> set[str] | None:
    """The actor ids ``wanted`` names: an id, or a name in any case; None when not filtering."""
    if not wanted:
        return None
    if wanted in corpus.index.names:
        return {wanted}
    key = wanted.casefold()
    return {i for i, name in corpus.index.names.items() if name.casefold() == key}


def _keep(row: View, filters: StoryFilters, actors: set[str] | None) -> bool:
    if filters.outlet and filters.outlet.casefold() not in row["_outlets"]:
        return False
    if actors is not None and not actors & row["_actors"]:
        return False
    if filters.date_from and (row["date_end"] is None or row["date_end"] < filters.date_from.isoformat()):
        return False
    return not (
        filters.date_to and (row["date_start"] is None or row["date_start"] > filters.date_to.isoformat())
    )


def _public(row: View) -> View:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def article_ref(corpus: Corpus, article_id: str) -> View:
    article = corpus.index.articles[article_id]
    published = corpus.index.dated.get(article_id, article.published).value
    return {
        "id": article_id,
        "href": corpus.links.article(article_id),
        "title": _title(article),
        "outlet": outlet_label(article),
        "outlet_href": corpus.links.outlet(outlet_label(article)),
        "published": published.isoformat() if published else None,
    }


def _title(article: Article) -> str:
    return article.title or PurePath(article.source).name


# --- story, actor, article and outlet pages -----------------------------------------------------


def story_page(corpus: Corpus, story_id: str) -> View:
    """One story (the report's story view); raises KeyError for an unknown id."""
    return story_view(corpus.state, story_id, index=corpus.index)


def article_page(corpus: Corpus, article_id: str) -> View:
    """One article with its highlighted text (``html``); raises KeyError for an unknown id."""
    article = corpus.index.articles[article_id]
    view = article_view(article, corpus.state.annotations.get(article_id), index=corpus.index)
    story_id = corpus.story_of_article.get(article_id)
    view["story"] = None if story_id is None else {"id": story_id, "href": corpus.links.story(story_id)}
    view["outlet_href"] = corpus.links.outlet(view["outlet"]["label"])
    return view


def actor_page(corpus: Corpus, actor_id: str) -> View:
    """Every event and quote of one actor across stories; raises KeyError for an unknown id."""
    index = corpus.index
    if actor_id not in index.names:
        raise KeyError(actor_id)
    events = corpus.events_of_actor.get(actor_id, [])
    quotes = corpus.quotes_of_actor.get(actor_id, [])
    return {
        "id": actor_id,
        "name": index.name(actor_id),
        "events": [_actor_event(corpus, e, actor_id) for e in events],
        "quotes": [_actor_quote(corpus, a, n, q) for a, n, q in quotes],
    }


def _actor_event(corpus: Corpus, event: Event, actor_id: str) -> View:
    index = corpus.index
    story = corpus.links.story_of_event.get(event.id)
    return {
        "id": event.id,
        "label": event.label,
        "type": event.event_type,
        "role": "actor" if actor_id in event.actor else "recipient",
        "date_start": event.start.isoformat() if event.start else None,
        "date_end": event.end.isoformat() if event.end else None,
        "modality": event.modality.value,
        "story": None if story is None else {"id": story, "href": corpus.links.story(story)},
        "href": corpus.links.event(event.id),
        "actors": [{"id": a, "name": index.name(a), "href": corpus.links.actor(a)} for a in event.actor],
        "recipients": [
            {"id": a, "name": index.name(a), "href": corpus.links.actor(a)} for a in event.recipient
        ],
        "evidence": [_evidence(corpus, r) for r in event.report_ids if r in index.reports],
    }


def _evidence(corpus: Corpus, report_id: str) -> View:
    report = corpus.index.reports[report_id]
    article_id = report_article_id(report_id)
    article = corpus.index.articles.get(article_id)
    return {
        "article": article_id,
        "outlet": corpus.index.outlet_label(article_id),
        "sentence": _snippet(report.span.of(article.text) if article else ""),
        "href": corpus.links.evidence(article_id, report.span.start),
    }


def _actor_quote(corpus: Corpus, article_id: str, n: int, q: Quote) -> View:
    story = corpus.story_of_article.get(article_id)
    return {
        "article": article_id,
        "outlet": corpus.index.outlet_label(article_id),
        "text": _snippet(q.text),
        "kind": q.kind,
        "cue": q.cue,
        "href": corpus.links.quote(article_id, n),
        "story": None if story is None else {"id": story, "href": corpus.links.story(story)},
    }


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def outlet_page(corpus: Corpus, label: str) -> View:
    """One outlet: its registry profile and its articles; raises KeyError for an unknown outlet."""
    ids = corpus.articles_of_outlet[label.casefold()]
    articles = [corpus.index.articles[a] for a in ids]
    refs = sorted((article_ref(corpus, a) for a in ids), key=lambda r: r["published"] or "", reverse=True)
    return {
        "name": outlet_label(articles[0]),
        "profile": outlet_view(articles[0], corpus.registry),
        "articles": refs,
    }
