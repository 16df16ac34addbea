"""The view of one story (``templates/_story.html.j2``): its outlets and articles, briefing,
timeline, actor graph, disagreements, framing, quotes by speaker and events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePath

from newsweave.corpus import CorpusState
from newsweave.model import Story
from newsweave.report.actors import framing_view, quotes_by_speaker
from newsweave.report.articles import outlet_view
from newsweave.report.charts import date_range_text, graph_layout, timeline_layout
from newsweave.report.events import event_item, graph_edges
from newsweave.report.evidence import evidence_item
from newsweave.report.index import Links, ReportIndex, View, build_index, outlet_label

BRIEFING_SECTIONS: tuple[tuple[str, str], ...] = (
    ("key-events", "Key events"),
    ("corroborated", "Agreed across outlets"),
    ("disputed", "Disputed"),
    ("expected", "Expected and threatened"),
    ("quotes", "What they said"),
)


def story_view(
    state: CorpusState, story_id: str, *, index: ReportIndex | None = None, links: Links | None = None
) -> View:
    """One story of ``state`` as a view dict (raises KeyError for an unknown id)."""
    story = next((s for s in state.stories if s.id == story_id), None)
    if story is None:
        raise KeyError(story_id)
    return story_view_of(state, story, index or build_index(state, links=links))


def story_view_of(state: CorpusState, story: Story, index: ReportIndex) -> View:
    """The view of ``story``, which need not be one of ``state.stories`` (the report's loose articles)."""
    article_ids = [a for a in story.article_ids if a in index.articles]
    events = [index.events[e] for e in story.event_ids if e in index.events]
    entries = [
        t
        for t in state.timeline
        if t.story_id == story.id or (t.story_id is None and t.event_id in story.event_ids)
    ]
    return {
        "id": story.id,
        "anchor": index.links.story(story.id).lstrip("#"),
        "title": story.title,
        "dates": date_range_text(story.start, story.end),
        "outlets": _story_outlets(article_ids, index),
        "articles": [_article_ref(a, index) for a in article_ids],
        "briefing": _briefing(state, story.id, index),
        "timeline": timeline_layout(entries, index.links.event, (story.start, story.end)),
        "graph": graph_layout(graph_edges(events, index), index.names, index.links.event),
        "disagreements": _disagreements(state, story, article_ids, index),
        "framing": framing_view(state, story.id, article_ids, index),
        "quotes": quotes_by_speaker(article_ids, state.annotations, index),
        "events": [event_item(e, index) for e in events],
    }


def _article_ref(article_id: str, index: ReportIndex) -> View:
    article = index.articles[article_id]
    published = index.dated.get(article_id, article.published)
    return {
        "href": index.links.article(article_id),
        "title": article.title or PurePath(article.source).name,
        "outlet": outlet_label(article),
        "published": published.value.isoformat() if published.value else None,
    }


def _story_outlets(article_ids: Sequence[str], index: ReportIndex) -> list[View]:
    seen: dict[str, View] = {}
    for article_id in article_ids:
        view = outlet_view(index.articles[article_id], index.outlets)
        seen.setdefault(view["label"], view)
    return list(seen.values())


def _briefing(state: CorpusState, story_id: str, index: ReportIndex) -> list[View]:
    sentences = [s for b in state.briefings if b.story_id == story_id for s in b.sentences]
    sections = []
    for key, heading in BRIEFING_SECTIONS:
        items = [
            {
                "text": s.text,
                "citations": [
                    {
                        "href": index.links.evidence(c.article_id, c.span.start),
                        "label": index.outlet_label(c.article_id),
                    }
                    for c in s.citations
                ],
            }
            for s in sentences
            if s.section == key
        ]
        if items:
            sections.append({"key": key, "heading": heading, "sentences": items})
    return sections


def _disagreements(
    state: CorpusState, story: Story, article_ids: Sequence[str], index: ReportIndex
) -> list[View]:
    in_story = set(story.event_ids)
    columns = list(dict.fromkeys(index.outlet_label(a) for a in article_ids))
    views: list[View] = []
    for disagreement in state.disagreements:
        if disagreement.event_id not in in_story:
            continue
        event = index.events.get(disagreement.event_id)
        rows: list[View] = []
        for variant in disagreement.variants:
            cells: dict[str, list[View]] = defaultdict(list)
            for i, report_id in enumerate(variant.report_ids):
                if report_id in index.reports:
                    chain = variant.attributed_to[i] if i < len(variant.attributed_to) else ()
                    item = evidence_item(report_id, index, chain)
                    cells[item["outlet"]].append(item)
            extra = [o for o in cells if o not in columns]
            columns.extend(extra)
            rows.append(
                {
                    "value": variant.value,
                    "hedged": variant.hedged,
                    "independent": variant.independent_outlets,
                    "cells": cells,
                }
            )
        views.append(
            {
                "event": event.label if event else disagreement.event_id,
                "event_href": index.links.event(disagreement.event_id),
                "attribute": disagreement.attribute,
                "kind": disagreement.kind,
                "note": disagreement.note,
                "rows": rows,
            }
        )
    for view in views:
        view["outlets"] = columns
        view["rows"] = [{**row, "cells": [row["cells"].get(o, []) for o in columns]} for row in view["rows"]]
    return views
