"""The views of actors: the index of every actor mentioned, the quotes of a story grouped by
speaker, and how each outlet describes each actor (the framing table)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsweave.corpus import CorpusState
from newsweave.model import Actor, Annotations
from newsweave.report.evidence import attribution_text
from newsweave.report.index import ReportIndex, View


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


def framing_view(state: CorpusState, story_id: str, article_ids: Sequence[str], index: ReportIndex) -> View:
    """One row per described actor, one column per outlet: the words each outlet uses for the actor."""
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
