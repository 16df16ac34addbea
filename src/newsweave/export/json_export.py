"""The JSON export document (contract in DESIGN.md; schema in ``export/schema.json``).

Per-article annotations are gathered across articles here: an actor known under one id
in several articles becomes one ``actors[]`` item with every mention and descriptor.
With a :class:`~newsweave.corpus.CorpusState` the cross-article results are exported
(``events[]`` are real-world events with one report per article mention, ``stories``,
``disagreements``, ``framing``, ``timeline``, ``briefings``, ``copies``); without one,
every event report is its own ``events[]`` item.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from newsweave import __version__, codec
from newsweave.model import Annotations, Article, EventReport, Quote

if TYPE_CHECKING:
    from newsweave.corpus import CorpusState

SCHEMA_VERSION = "1.0"

JsonDict = dict[str, Any]


def build_export(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotations] | None = None,
    *,
    corpus: CorpusState | None = None,
    generated_at: dt.datetime | None = None,
) -> JsonDict:
    """The export document for ``articles``, their annotations (by article id) and, when
    given, the corpus stages' results (whose annotations, with merged actor ids and
    re-resolved dates, then take precedence)."""
    when = generated_at or dt.datetime.now(dt.UTC)
    if corpus is not None:
        articles = corpus.articles
        annotations = corpus.annotations
    found = [annotations[a.id] for a in articles if annotations and a.id in annotations]
    outlets = {a.id: a.outlet.name for a in articles}
    document: JsonDict = {
        "newsweave": {
            "version": __version__,
            "schema": SCHEMA_VERSION,
            "generated_at": when.isoformat(timespec="seconds"),
        },
        "articles": [article_item(a) for a in articles],
        "actors": _actors(found, outlets),
        "quotes": [_quote(ann.article_id, q) for ann in found for q in ann.quotes],
        "timexes": [{"article": ann.article_id, **codec.encode(t)} for ann in found for t in ann.timexes],
        **_other_items(found),
    }
    if corpus is None:
        # Without the corpus stages each report is an event of its own, and there is nothing
        # across articles: the lists are there, empty, as the contract requires.
        document["events"] = [_report_event(ann.article_id, r) for ann in found for r in ann.reports]
        return {**document, **{name: [] for name in _CORPUS_LISTS}}
    reports = {r.id: (ann.article_id, r) for ann in found for r in ann.reports}
    return {
        **document,
        "events": [_event(codec.encode(e), reports) for e in corpus.events],
        **{name: [codec.encode(item) for item in getattr(corpus, name)] for name in _CORPUS_LISTS},
    }


# What only the corpus stages find: a top-level list of the document each.
_CORPUS_LISTS = ("stories", "disagreements", "framing", "timeline", "briefings", "copies", "dated")


# Per-article fields the document shows in shapes of their own (actors gather mentions and
# descriptors across articles; reports become events) or that are no items at all.
_SHOWN_APART = frozenset(
    {"article_id", "actors", "mentions", "descriptors", "timexes", "quotes", "reports", "stages"}
)


def _other_items(found: Sequence[Annotations]) -> JsonDict:
    """Every other kind of item the per-article stages write, as a top-level list of its own
    (``"<field>": [{"article": id, ...item}]``): a stage that adds a new field to
    :class:`~newsweave.model.Annotations` has its items exported without code here."""
    names: dict[str, None] = {}
    for ann in found:
        for f in dataclasses.fields(ann):  # working state does not compare; version is no list
            if f.name not in _SHOWN_APART and f.compare and isinstance(_default(f), tuple):
                names[f.name] = None
    return {
        name: [{"article": ann.article_id, **_item(x)} for ann in found for x in getattr(ann, name, ())]
        for name in names
    }


def _default(f: dataclasses.Field[Any]) -> Any:
    return f.default if f.default is not dataclasses.MISSING else None


def _item(value: Any) -> JsonDict:
    encoded = codec.encode(value)
    return encoded if isinstance(encoded, dict) else {"value": encoded}


def article_item(article: Article) -> JsonDict:
    """An article as the export shows it: each repair also spells out its ``replacement``
    (the repaired text now at its span), for readers without the offsets at hand."""
    item: JsonDict = codec.encode(article)
    for repair, out in zip(article.repairs, item["repairs"], strict=True):
        out["replacement"] = repair.span.of(article.text)
    return item


def _actors(found: Sequence[Annotations], outlets: Mapping[str, str | None]) -> list[JsonDict]:
    merged: dict[str, JsonDict] = {}
    for ann in found:
        for actor in ann.actors:
            item = merged.setdefault(actor.id, {**codec.encode(actor), "mentions": [], "descriptors": []})
            item["aliases"] = sorted(set(item["aliases"]) | set(actor.aliases))
        for mention in ann.mentions:
            if mention.actor_id in merged:
                merged[mention.actor_id]["mentions"].append(
                    {
                        "article": ann.article_id,
                        "start": mention.span.start,
                        "end": mention.span.end,
                        "text": mention.text,
                        "kind": str(mention.kind),
                    }
                )
        for descriptor in ann.descriptors:
            if descriptor.actor_id in merged:
                merged[descriptor.actor_id]["descriptors"].append(
                    {
                        "article": ann.article_id,
                        "outlet": outlets.get(ann.article_id),
                        "text": descriptor.text,
                        "start": descriptor.span.start,
                        "end": descriptor.span.end,
                        "kind": descriptor.kind,
                    }
                )
    return list(merged.values())


def _quote(article_id: str, quote: Quote) -> JsonDict:
    return {"article": article_id, **codec.encode(quote)}


def _when(item: JsonDict) -> JsonDict | None:
    if item.get("date_start") is None:
        return None
    return {
        "start": item["date_start"],
        "end": item.get("date_end"),
        "precision": item.get("precision"),
        "estimated": item.get("date_estimated", False),
    }


def _event(item: JsonDict, reports: Mapping[str, tuple[str, EventReport]]) -> JsonDict:
    """A cross-article event: the contract's fields, with each report in full."""
    found = [reports[rid] for rid in item["reports"] if rid in reports]
    return {
        **item,
        "when": _when(item),
        "report_ids": item["reports"],
        "reports": [{"article": article_id, **codec.encode(r)} for article_id, r in found],
    }


def _report_event(article_id: str, report: EventReport) -> JsonDict:
    """One report as its own event (no corpus stages ran)."""
    item = codec.encode(report)
    return {
        "id": report.id,
        "type": report.event_type,
        "mode": report.mode,
        "context": list(report.context),
        "cameo": report.cameo,
        "goldstein": report.goldstein,
        "when": item.get("when"),
        "where": report.where,
        "actor": list(report.actor),
        "recipient": list(report.recipient),
        "reports": [{"article": article_id, **item}],
    }


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema the export document follows (shipped in the package)."""
    text = resources.files("newsweave.export").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_export(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``document`` breaks the contract."""
    jsonschema.validate(document, export_schema())


def write_export(document: dict[str, Any], path: Path) -> None:
    """Write the document atomically: a crash never leaves half a file under ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
