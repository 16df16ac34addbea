"""The view of one article (``templates/_article.html.j2``): its metadata, the profile of its
outlet, its repairs and removals, and its text with every annotation highlighted and linked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePath

from newsweave.model import Annotations, Article, DateEvidence, Span
from newsweave.reference.outlets import OutletRegistry, load_registry
from newsweave.report.evidence import snippet
from newsweave.report.highlight import Mark, highlight, slug
from newsweave.report.index import Links, ReportIndex, View, evidence_id, outlet_label


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
                title=f"removed ({removal.kind.value}): {snippet(removal.text, 300)}",
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
