"""The views of events: an event with its evidence, its tone (conflict or cooperation, verbal or
material), and the edges it draws in a story's actor graph."""

from __future__ import annotations

from collections.abc import Iterable

from newsweave.model import FUTURE_MODALITIES, Event, EventReport, Modality
from newsweave.reference.cameo import cameo_table
from newsweave.report.charts import GraphEdge, date_range_text
from newsweave.report.evidence import unique_evidence
from newsweave.report.index import ReportIndex, View

_QUAD_TONES = {
    1: "verbal-cooperation",
    2: "material-cooperation",
    3: "verbal-conflict",
    4: "material-conflict",
}
_NOT_DRAWN = frozenset({Modality.NEGATED, Modality.DENIED, Modality.HYPOTHETICAL})


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


def graph_edges(events: Iterable[Event], index: ReportIndex) -> list[GraphEdge]:
    """An edge from each actor to each other recipient of every event not negated, denied or hypothetical."""
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


def event_item(event: Event, index: ReportIndex) -> View:
    """One event of a story: what, when, who to whom, and the sentences that report it."""
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
        "reports": unique_evidence(event.report_ids, index),
    }
