"""View dicts: a :class:`~newsweave.corpus.CorpusState` turned into plain data for templates.

Everything a template shows is computed in the view builders, so the static report
(``render.py``) and the web app share one set of builders and templates:

- :func:`report_view` (here) — the whole report: stories, articles, actor index.
- :func:`~newsweave.report.stories.story_view` — one story: outlets, briefing, timeline, actor
  graph, disagreements, framing, quotes by speaker, events (``templates/_story.html.j2``).
- :func:`~newsweave.report.articles.article_view` — one article: metadata, outlet profile,
  repairs, removals and the highlighted text (``templates/_article.html.j2``).

Events, their tone and graph edges are :mod:`~newsweave.report.events`; the actor index, framing
and quotes :mod:`~newsweave.report.actors`; the evidence items they cite
:mod:`~newsweave.report.evidence`. Links between items go through the
:class:`~newsweave.report.index.Links` of the :class:`~newsweave.report.index.ReportIndex` the
builders share. Values are plain text: templates escape them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from newsweave.corpus import CorpusState
from newsweave.model import Span, Story
from newsweave.reference.actors import ActorKB
from newsweave.reference.outlets import OutletRegistry
from newsweave.report.actors import actor_index
from newsweave.report.articles import article_view
from newsweave.report.index import View, build_index
from newsweave.report.stories import story_view_of


def report_view(
    state: CorpusState,
    *,
    title: str | None = None,
    outlets: OutletRegistry | None = None,
    kb: ActorKB | None = None,
    generated_at: dt.datetime | None = None,
) -> View:
    """The whole report: every story, every article, and an index of the actors."""
    index = build_index(state, outlets=outlets, kb=kb)
    stories = list(state.stories)
    in_story = {a for s in stories for a in s.article_ids}
    loose = tuple(a.id for a in state.articles if a.id not in in_story)
    if loose:
        # Every article must belong to a story page, so its quotes and events have a home.
        label = "Articles in no story" if stories else "All articles"
        stories.append(Story(id="story:none", title=label, article_ids=loose))
    targets = _citation_targets(state)
    when = generated_at or dt.datetime.now(dt.UTC)
    return {
        "title": title or (stories[0].title if len(stories) == 1 else "newsweave report"),
        "generated_at": when.isoformat(timespec="seconds"),
        "counts": {
            "articles": len(state.articles),
            "stories": len(state.stories),
            "events": len(state.events),
            "disagreements": len(state.disagreements),
        },
        "stories": [story_view_of(state, story, index) for story in stories],
        "articles": [
            article_view(
                article,
                state.annotations.get(article.id),
                index=index,
                targets=targets.get(article.id, ()),
            )
            for article in state.articles
        ],
        "actors": actor_index(state, index),
    }


def _citation_targets(state: CorpusState) -> dict[str, list[Span]]:
    """Spans other sections link to that no annotation of the article already anchors."""
    targets: dict[str, list[Span]] = defaultdict(list)
    for briefing in state.briefings:
        for sentence in briefing.sentences:
            for citation in sentence.citations:
                targets[citation.article_id].append(citation.span)
    for framing in state.framing:
        for descriptor in framing.descriptors:
            targets[descriptor.article_id].append(descriptor.span)
    return targets
