"""View dicts: a :class:`~newsweave.corpus.CorpusState` turned into plain data for templates.

Everything a template shows is computed here, so the static report (``render.py``) and the
web app share one set of builders and templates:

- :func:`report_view` — the whole report: stories, articles, actor index.
- :func:`story_view` — one story: outlets, briefing, timeline, actor graph, disagreements,
  framing, quotes by speaker, events (``templates/_story.html.j2``).
- :func:`article_view` — one article: metadata, outlet profile, repairs, removals and the
  highlighted text (``templates/_article.html.j2``).

Links between items go through a :class:`Links` object. The default one makes fragment links
inside a single page (evidence sentences are ``#a-<article id>-<start>``); the web app can
pass a subclass that points at its own pages. Values are plain text: templates escape them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from newsweave.corpus import CorpusState
from newsweave.model import (
    FUTURE_MODALITIES,
    Actor,
    Annotations,
    Article,
    DateEvidence,
    Event,
    EventReport,
    Modality,
    Source,
    Span,
    Story,
    report_article_id,
)
from newsweave.reference.actors import ActorKB, load_kb
from newsweave.reference.cameo import cameo_table
from newsweave.reference.outlets import OutletRegistry, load_registry
from newsweave.report.charts import (
    GraphEdge,
    date_range_text,
    graph_layout,
    timeline_layout,
)
from newsweave.report.highlight import Mark, highlight, slug

View = dict[str, Any]

BRIEFING_SECTIONS: tuple[tuple[str, str], ...] = (
    ("key-events", "Key events"),
    ("corroborated", "Agreed across outlets"),
    ("disputed", "Disputed"),
    ("expected", "Expected and threatened"),
    ("quotes", "What they said"),
)
_QUAD_TONES = {
    1: "verbal-cooperation",
    2: "material-cooperation",
    3: "verbal-conflict",
    4: "material-conflict",
}
_NOT_DRAWN = frozenset({Modality.NEGATED, Modality.DENIED, Modality.HYPOTHETICAL})
SNIPPET_CHARS = 180


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


# --- report ----------------------------------------------------------------------------------


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
        "stories": [_story_view(state, story, index) for story in stories],
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


def actor_index(state: CorpusState, index: ReportIndex) -> list[View]:
    """Every actor mentioned, with its mention count and the articles that mention it."""
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    actors: dict[str, Actor] = {}
    for ann in state.annotations.values():
        for actor in ann.actors:
            actors.setdefault(actor.id, actor)
        for mention in ann.mentions:
            if mention.actor_id:
                mentions[mention.actor_id][ann.article_id] += 1
    views: list[View] = []
    for actor_id, actor in actors.items():
        per_article = mentions.get(actor_id, {})
        views.append(
            {
                "id": actor_id,
                "anchor": index.links.actor(actor_id).lstrip("#"),
                "name": index.name(actor_id),
                "kind": actor.kind.value,
                "country": actor.country,
                "sector": actor.sector,
                "in_kb": actor.in_kb,
                "mentions": sum(per_article.values()),
                "articles": [
                    {"href": index.links.article(a), "label": index.outlet_label(a), "count": n}
                    for a, n in per_article.items()
                ],
            }
        )
    views.sort(key=lambda v: (-v["mentions"], v["name"]))
    return views


# --- story -----------------------------------------------------------------------------------


def story_view(
    state: CorpusState, story_id: str, *, index: ReportIndex | None = None, links: Links | None = None
) -> View:
    """One story of ``state`` as a view dict (raises KeyError for an unknown id)."""
    story = next((s for s in state.stories if s.id == story_id), None)
    if story is None:
        raise KeyError(story_id)
    return _story_view(state, story, index or build_index(state, links=links))


def _story_view(state: CorpusState, story: Story, index: ReportIndex) -> View:
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
        "graph": graph_layout(_graph_edges(events, index), index.names, index.links.event),
        "disagreements": _disagreements(state, story, article_ids, index),
        "framing": _framing(state, story.id, article_ids, index),
        "quotes": quotes_by_speaker(article_ids, state.annotations, index),
        "events": [_event(e, index) for e in events],
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


def outlet_view(article: Article, outlets: OutletRegistry) -> View:
    """Who published ``article``, with the registry profile when the outlet is registered."""
    evidence = article.outlet
    profile = outlets.get(evidence.registry_id) if evidence.registry_id else None
    return {
        "label": outlet_label(article),
        "known": evidence.name is not None,
        "via": evidence.via,
        "evidence": evidence.evidence,
        "confidence": evidence.confidence,
        "wire_source": evidence.wire,
        "republished_by": evidence.republished_by,
        "registered": profile is not None,
        "country": profile.country if profile else None,
        "country_name": profile.country_name if profile else None,
        "owner": profile.owner if profile else None,
        "state_funded": profile.state_funded if profile else None,
        "is_wire": profile.wire if profile else None,
        "typology": profile.typology if profile else None,
    }


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


def event_tone(event: Event, index: ReportIndex) -> str:
    """Conflict or cooperation, verbal or material: the CAMEO QuadClass, else the Goldstein sign."""
    code = cameo_table().get(event.cameo) if event.cameo else None
    if code is not None:
        return _QUAD_TONES.get(code.quad, "neutral")
    scores = [g for r in event.report_ids if (g := _goldstein(index.reports.get(r))) is not None]
    if not scores:
        return "neutral"
    mean = sum(scores) / len(scores)
    if mean == 0:
        return "neutral"
    strength = "material" if abs(mean) >= 5 else "verbal"
    return f"{strength}-{'conflict' if mean < 0 else 'cooperation'}"


def _goldstein(report: EventReport | None) -> float | None:
    return report.goldstein if report is not None else None


def _graph_edges(events: Iterable[Event], index: ReportIndex) -> list[GraphEdge]:
    edges = []
    for event in events:
        if event.modality in _NOT_DRAWN:
            continue
        tone = event_tone(event, index)
        for source in event.actor:
            for target in event.recipient:
                if source != target:
                    edges.append(
                        GraphEdge(
                            source=source,
                            target=target,
                            event_id=event.id,
                            label=f"{event.label} ({event.modality.value})",
                            tone=tone,
                            future=event.modality in FUTURE_MODALITIES,
                        )
                    )
    return edges


def _event(event: Event, index: ReportIndex) -> View:
    return {
        "id": event.id,
        "anchor": index.links.event(event.id).lstrip("#"),
        "label": event.label,
        "type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "tone": event_tone(event, index),
        "dates": date_range_text(event.start, event.end),
        "precision": event.precision.value,
        "estimated": event.date_estimated,
        "modality": event.modality.value,
        "background": event.background,
        "actors": [{"name": index.name(a), "href": index.links.actor(a)} for a in event.actor],
        "recipients": [{"name": index.name(a), "href": index.links.actor(a)} for a in event.recipient],
        "reports": _unique_evidence(event.report_ids, index),
    }


def _unique_evidence(report_ids: Iterable[str], index: ReportIndex) -> list[View]:
    """Evidence of each report, once per sentence (one sentence often reports an event twice)."""
    seen: dict[str, View] = {}
    for report_id in report_ids:
        if report_id in index.reports:
            item = _evidence(report_id, index)
            seen.setdefault(item["href"], item)
    return list(seen.values())


def _evidence(report_id: str, index: ReportIndex, chain: Sequence[Source] = ()) -> View:
    report = index.reports[report_id]
    article_id = report_article_id(report_id)
    article = index.articles.get(article_id)
    sentence = report.span.of(article.text) if article else ""
    return {
        "href": index.links.evidence(article_id, report.span.start),
        "outlet": index.outlet_label(article_id),
        "snippet": _snippet(sentence),
        "sentence": sentence,
        "via": attribution_text(chain or report.attributed_to),
        "hedged": report.hedged,
        "modality": report.modality.value,
    }


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attribution_text(chain: Sequence[Source]) -> str:
    """ "citing Axios, citing two sources with knowledge of the issue", or ""."""
    return ", ".join(f"citing {source.name}" for source in chain)


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
                    item = _evidence(report_id, index, chain)
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


def _framing(state: CorpusState, story_id: str, article_ids: Sequence[str], index: ReportIndex) -> View:
    columns = list(dict.fromkeys(index.outlet_label(a) for a in article_ids))
    rows: list[View] = []
    for framing in state.framing:
        if framing.story_id not in (story_id, None) or not framing.descriptors:
            continue
        cells: dict[str, dict[str, View]] = defaultdict(dict)
        for d in framing.descriptors:
            outlet = index.outlet_label(d.article_id)
            key = d.text.casefold()
            if key in cells[outlet]:
                cells[outlet][key]["count"] += 1
                continue
            cells[outlet][key] = {
                "text": d.text,
                "loaded": d.loaded,
                "kind": d.kind,
                "quoted_from": index.name(d.quoted_from) if d.quoted_from else None,
                "href": index.links.evidence(d.article_id, d.span.start),
                "count": 1,
            }
        columns.extend(o for o in cells if o not in columns)
        rows.append(
            {
                "actor": index.name(framing.actor_id),
                "href": index.links.actor(framing.actor_id),
                "total": len(framing.descriptors),
                "loaded": sum(d.loaded for d in framing.descriptors),
                "cells": cells,
            }
        )
    rows.sort(key=lambda r: (-r["loaded"], -r["total"], r["actor"]))
    for row in rows:
        row["cells"] = [list(row["cells"].get(o, {}).values()) for o in columns]
    return {"outlets": columns, "rows": rows}


def quotes_by_speaker(
    article_ids: Sequence[str], annotations: Mapping[str, Annotations], index: ReportIndex
) -> list[View]:
    """The quotes of ``article_ids`` grouped by speaker, most quoted first."""
    groups: dict[str, View] = {}
    for article_id in article_ids:
        ann = annotations.get(article_id)
        for n, quote in enumerate(ann.quotes if ann else ()):
            known = quote.speaker is not None and quote.speaker in index.names
            name = index.name(quote.speaker) if known else (quote.speaker or "unattributed")
            group = groups.setdefault(
                name,
                {
                    "speaker": name,
                    "href": index.links.actor(quote.speaker) if known and quote.speaker else None,
                    "quotes": [],
                },
            )
            group["quotes"].append(
                {
                    "anchor": index.links.quote(article_id, n).lstrip("#"),
                    "text": quote.text,
                    "kind": quote.kind,
                    "cue": quote.cue,
                    "via": attribution_text(quote.via),
                    "outlet": index.outlet_label(article_id),
                    "href": index.links.evidence(article_id, quote.span.start),
                }
            )
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


# --- article ---------------------------------------------------------------------------------


def article_view(
    article: Article,
    annotations: Annotations | None,
    *,
    index: ReportIndex | None = None,
    outlets: OutletRegistry | None = None,
    links: Links | None = None,
    targets: Iterable[Span] = (),
) -> View:
    """One article: metadata, outlet profile, repairs, removals and its highlighted text.

    ``targets`` are extra spans other views link to (briefing citations); every annotation's
    span is an anchor already. Without ``index`` triggers are not linked to cross-article events.
    """
    links = index.links if index else (links or Links())
    registry = index.outlets if index else (outlets or load_registry())
    names = index.names if index else {a.id: a.name for a in (annotations.actors if annotations else ())}
    event_of = {rid: e.id for rid, e in index.event_of_report.items()} if index else {}
    published = index.dated.get(article.id, article.published) if index else article.published
    marks = article_marks(article, annotations, links=links, names=names, event_of=event_of, targets=targets)
    return {
        "id": article.id,
        "anchor": links.article(article.id).lstrip("#"),
        "title": article.title or PurePath(article.source).name,
        "source": article.source,
        "url": article.url,
        "outlet": outlet_view(article, registry),
        "published": _published(published),
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "warnings": list(article.warnings),
        "counts": {
            "mentions": len(annotations.mentions) if annotations else 0,
            "quotes": len(annotations.quotes) if annotations else 0,
            "events": len(annotations.reports) if annotations else 0,
            "repairs": len(article.repairs),
            "removed": len(article.removed),
        },
        "repairs": [
            {
                "anchor": f"fix-{slug(article.id)}-{n}",
                "kind": r.kind.value,
                "original": r.original,
                "now": r.span.of(article.text),
                "confidence": r.confidence,
            }
            for n, r in enumerate(article.repairs)
        ],
        "removed": [
            {"anchor": f"rm-{slug(article.id)}-{n}", "kind": m.kind.value, "text": m.text, "at": m.at}
            for n, m in enumerate(article.removed)
        ],
        "html": highlight(article.text, marks),
    }


def _published(evidence: DateEvidence) -> View:
    return {
        "date": evidence.value.isoformat() if evidence.value else None,
        "kind": evidence.kind.value,
        "confidence": evidence.confidence,
        "evidence": evidence.evidence,
        "note": evidence.note,
    }


def article_marks(
    article: Article,
    annotations: Annotations | None,
    *,
    links: Links,
    names: Mapping[str, str],
    event_of: Mapping[str, str],
    targets: Iterable[Span] = (),
) -> list[Mark]:
    """The highlights of one article: evidence anchors, actors, events, quotes, descriptors,
    repairs and removal markers, each linked to the item it belongs to."""
    aid = article.id
    marks = _anchor_marks(aid, annotations, targets)
    for n, repair in enumerate(article.repairs):
        marks.append(
            Mark(
                start=repair.span.start,
                end=repair.span.end,
                kind="repair",
                href=f"#fix-{slug(aid)}-{n}",
                title=f"repaired ({repair.kind.value}): was {repair.original!r}",
            )
        )
    for n, removal in enumerate(article.removed):
        marks.append(
            Mark(
                start=removal.at,
                end=removal.at,
                kind="removed",
                href=f"#rm-{slug(aid)}-{n}",
                title=f"removed ({removal.kind.value}): {_snippet(removal.text, 300)}",
            )
        )
    if annotations is None:
        return marks
    for n, quote in enumerate(annotations.quotes):
        speaker = names.get(quote.speaker or "", quote.speaker or "unattributed")
        marks.append(
            Mark(
                start=quote.span.start,
                end=quote.span.end,
                kind="quote",
                href=links.quote(aid, n),
                title=f"{quote.kind} quote: {speaker}",
            )
        )
    for report in annotations.reports:
        event_id = event_of.get(report.id)
        title = f"{report.event_type} {report.cameo} ({report.modality.value})".replace("  ", " ")
        marks.append(
            Mark(
                start=report.trigger.start,
                end=report.trigger.end,
                kind="event",
                href=links.event(event_id) if event_id else None,
                title=title,
            )
        )
    for descriptor in annotations.descriptors:
        marks.append(
            Mark(
                start=descriptor.span.start,
                end=descriptor.span.end,
                kind="descriptor",
                href=links.actor(descriptor.actor_id),
                title=f"describes {names.get(descriptor.actor_id, descriptor.actor_id)} ({descriptor.kind})",
            )
        )
    for mention in annotations.mentions:
        name = names.get(mention.actor_id or "", "")
        marks.append(
            Mark(
                start=mention.span.start,
                end=mention.span.end,
                kind="actor",
                href=links.actor(mention.actor_id) if mention.actor_id else None,
                title=f"{name or 'unresolved'} ({mention.kind.value})",
            )
        )
    return marks


def _anchor_marks(article_id: str, annotations: Annotations | None, targets: Iterable[Span]) -> list[Mark]:
    """One anchor per distinct start: ``a-<article id>-<start>``, spanning the longest target."""
    spans = list(targets)
    if annotations is not None:
        spans += [r.span for r in annotations.reports]
        spans += [q.span for q in annotations.quotes]
        spans += [d.span for d in annotations.descriptors]
    longest: dict[int, int] = {}
    for span in spans:
        longest[span.start] = max(longest.get(span.start, span.end), span.end)
    return [
        Mark(start=start, end=end, kind="cite", id=evidence_id(article_id, start))
        for start, end in sorted(longest.items())
    ]
