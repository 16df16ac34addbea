"""Geometry for the hand-made SVG charts: a timeline and an actor graph.

The functions here only compute positions and classes (plain dicts, deterministic for the
same input); ``templates/_timeline.svg.j2`` and ``templates/_graph.svg.j2`` draw them, with
Jinja2's autoescaping, so no text from an article reaches the SVG unescaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsweave.model import FUTURE_MODALITIES, Precision, TimelineEntry

View = dict[str, Any]

TIMELINE_WIDTH = 960
TIMELINE_LABEL_WIDTH = 330  # left column for event labels
TIMELINE_ROW = 20
TIMELINE_TOP = 34  # room for the date axis
LABEL_CHARS = 52
FOCUS_MARGIN = dt.timedelta(days=31)

GRAPH_WIDTH = 900
GRAPH_HEIGHT = 640
GRAPH_MAX_NODES = 24

_RANGE_PRECISIONS = frozenset({Precision.WEEK, Precision.MONTH, Precision.YEAR})


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """``label`` cut to ``limit`` characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def entry_classes(entry: TimelineEntry) -> str:
    """CSS classes of a timeline item: its modality, and whether its date is estimated."""
    classes = [f"mod-{entry.modality.value}"]
    if entry.modality in FUTURE_MODALITIES:
        classes.append("future")
    if entry.estimated:
        classes.append("estimated")
    if entry.background:
        classes.append("background")
    return " ".join(classes)


def timeline_layout(
    entries: Sequence[TimelineEntry],
    href: Callable[[str], str],
    focus: tuple[dt.date | None, dt.date | None] = (None, None),
) -> View:
    """Rows, axis ticks and the undated / earlier entries of a timeline chart.

    The axis spans the story's own (non-background) dated entries within ``FOCUS_MARGIN``
    of ``focus`` (the story's dates), so a reference to 7 October 2023 does not squeeze a
    week of events into a few pixels; entries outside that span are listed under the chart.
    """
    dated = [e for e in entries if e.start is not None]
    own = [e for e in dated if not e.background and _near(e, focus)] or dated
    first = min((_start(e) for e in own), default=None)
    last = max((_end(e) for e in own), default=None)
    inside = [e for e in dated if first is not None and last is not None and _within(e, first, last)]
    outside = [e for e in dated if e not in inside]
    inside.sort(key=lambda e: (_start(e), _end(e), e.label, e.event_id))
    view: View = {
        "width": TIMELINE_WIDTH,
        "height": TIMELINE_TOP + TIMELINE_ROW * len(inside) + 12,
        "plot_left": TIMELINE_LABEL_WIDTH + 10,
        "plot_right": TIMELINE_WIDTH - 20,
        "rows": [],
        "ticks": [],
        "undated": [_listed(e, href) for e in entries if e.start is None],
        "outside": [_listed(e, href) for e in sorted(outside, key=lambda e: (_start(e), e.label))],
    }
    if first is None or last is None or not inside:
        return view
    scale = _DateScale(first, last + dt.timedelta(days=1), view["plot_left"], view["plot_right"])
    view["ticks"] = scale.ticks(view["height"])
    view["rows"] = [_row(e, i, scale, href) for i, e in enumerate(inside)]
    return view


def _near(entry: TimelineEntry, focus: tuple[dt.date | None, dt.date | None]) -> bool:
    first, last = focus
    if first is None or last is None:
        return True
    return first - FOCUS_MARGIN <= _start(entry) and _end(entry) <= last + FOCUS_MARGIN


def _start(entry: TimelineEntry) -> dt.date:
    assert entry.start is not None
    return entry.start


def _end(entry: TimelineEntry) -> dt.date:
    return entry.end or _start(entry)


def _within(entry: TimelineEntry, first: dt.date, last: dt.date) -> bool:
    return first <= _start(entry) and _end(entry) <= last


def _listed(entry: TimelineEntry, href: Callable[[str], str]) -> View:
    return {
        "label": entry.label,
        "href": href(entry.event_id),
        "date": date_range_text(entry.start, entry.end),
        "precision": entry.precision.value,
        "modality": entry.modality.value,
        "estimated": entry.estimated,
        "classes": entry_classes(entry),
    }


@dataclass(frozen=True, slots=True)
class _DateScale:
    first: dt.date
    after_last: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        days = max((self.after_last - self.first).days, 1)
        return round(self.left + (self.right - self.left) * (day - self.first).days / days, 1)

    def ticks(self, height: int) -> list[View]:
        days = (self.after_last - self.first).days
        step = max(1, math.ceil(days / 8))
        ticks = []
        for offset in range(0, days + 1, step):
            day = self.first + dt.timedelta(days=offset)
            ticks.append({"x": self.x(day), "label": f"{day:%d %b}", "title": day.isoformat()})
        return ticks


def _row(entry: TimelineEntry, index: int, scale: _DateScale, href: Callable[[str], str]) -> View:
    start = _start(entry)
    after_end = _end(entry) + dt.timedelta(days=1)
    x0, x1 = scale.x(start), scale.x(after_end)
    is_range = entry.precision in _RANGE_PRECISIONS or after_end - start > dt.timedelta(days=1)
    return {
        **_listed(entry, href),
        "y": TIMELINE_TOP + TIMELINE_ROW * index + TIMELINE_ROW // 2,
        "x0": x0,
        "x1": max(x1, x0 + 3),
        "cx": round((x0 + x1) / 2, 1),
        "shape": "bar" if is_range else "point",
        "short": short(entry.label) + (" (est.)" if entry.estimated else ""),
    }


def date_range_text(start: dt.date | None, end: dt.date | None) -> str:
    """ "2024-07-31", "2024-08-02 – 2024-08-08", or "undated"."""
    if start is None:
        return "undated"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


# --- actor graph ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphEdge:
    """One event seen as an edge: ``source`` (actor) did ``label`` to ``target`` (recipient)."""

    source: str
    target: str
    event_id: str
    label: str
    tone: (
        str  # "material-conflict", "verbal-conflict", "verbal-cooperation", "material-cooperation", "neutral"
    )
    future: bool = False  # expected / threatened: drawn dashed


def graph_layout(edges: Sequence[GraphEdge], names: dict[str, str], href: Callable[[str], str]) -> View:
    """Nodes on a circle, ordered by degree (then name), and curved edges between them.

    The layout is deterministic: the same events always give the same picture. Only the
    ``GRAPH_MAX_NODES`` best-connected actors are drawn; the rest are counted.
    """
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    order = sorted(degree, key=lambda a: (-degree[a], names.get(a, a), a))
    kept = order[:GRAPH_MAX_NODES]
    centre = (GRAPH_WIDTH / 2, GRAPH_HEIGHT / 2)
    radius = GRAPH_HEIGHT / 2 - 60  # leaves room for labels outside the circle
    positions = {a: _on_circle(i, len(kept), centre, radius) for i, a in enumerate(kept)}
    nodes = [_node(a, positions[a], degree[a], centre, names) for a in kept]
    return {
        "width": GRAPH_WIDTH,
        "height": GRAPH_HEIGHT,
        "nodes": nodes,
        "edges": _edges(edges, positions, {a: node_radius(degree[a]) for a in kept}, names, href),
        "hidden": len(order) - len(kept),
    }


def _on_circle(index: int, count: int, centre: tuple[float, float], radius: float) -> tuple[float, float]:
    if count == 1:
        return centre
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def node_radius(degree: int) -> float:
    return round(5 + 2.5 * math.sqrt(degree), 1)


def _node(
    actor: str, at: tuple[float, float], degree: int, centre: tuple[float, float], names: dict[str, str]
) -> View:
    x, y = at
    dx, dy = x - centre[0], y - centre[1]
    length = math.hypot(dx, dy) or 1.0
    r = node_radius(degree)
    return {
        "id": actor,
        "name": names.get(actor, actor),
        "short": short(names.get(actor, actor), 28),
        "x": round(x, 1),
        "y": round(y, 1),
        "r": r,
        "degree": degree,
        "label_x": round(x + dx / length * (r + 6), 1),
        "label_y": round(y + dy / length * (r + 6) + 4, 1),
        "anchor": "start" if dx > 1 else "end" if dx < -1 else "middle",
    }


def _edges(
    edges: Sequence[GraphEdge],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    names: dict[str, str],
    href: Callable[[str], str],
) -> list[View]:
    """One curve per (actor, recipient, tone, future): repeated events thicken it."""
    groups: dict[tuple[str, str, str, bool], list[GraphEdge]] = defaultdict(list)
    for edge in edges:
        if edge.source in positions and edge.target in positions and edge.source != edge.target:
            groups[(edge.source, edge.target, edge.tone, edge.future)].append(edge)
    drawn = []
    parallel: dict[tuple[str, str], int] = defaultdict(int)
    for (source, target, tone, future), group in groups.items():
        labels = list(dict.fromkeys(e.label for e in group))
        drawn.append(
            {
                "path": _curve(
                    positions[source], positions[target], parallel[(source, target)], radii[target] + 3
                ),
                "tone": tone,
                "future": future,
                "width": round(1.5 + math.log2(len(group)), 1),
                "count": len(group),
                "href": href(group[0].event_id),
                "title": f"{names.get(source, source)} → {names.get(target, target)}: " + "; ".join(labels),
            }
        )
        parallel[(source, target)] += 1
    return drawn


def _curve(a: tuple[float, float], b: tuple[float, float], parallel: int, gap: float) -> str:
    """A quadratic curve bending to the left of a→b, so b→a and repeated edges stay apart."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend = 18 + 14 * parallel
    mx, my = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
    # stop at the target's rim so the arrow head stays visible
    towards = math.hypot(x2 - mx, y2 - my) or 1.0
    ex, ey = x2 - (x2 - mx) / towards * gap, y2 - (y2 - my) / towards * gap
    return f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"
