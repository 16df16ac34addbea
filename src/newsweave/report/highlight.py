"""Article text with its annotations highlighted, as safe HTML.

:func:`highlight` is a pure function: text plus marks in, :class:`markupsafe.Markup` out.
Article text is untrusted, so every text piece and attribute value is escaped, and the only
tags in the output are the ``<span>``/``<a>`` elements written here. Marks may overlap
arbitrarily: a mark that ends inside another is closed and reopened around it (split
segments), so the output always nests properly and its text content is exactly the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Same-document fragments ("#a-1f2e-120") or same-origin paths ("/actors/kb-israel"): never a
# scheme, so data can never smuggle a ``javascript:`` URL into an href.
_SAFE_HREF = re.compile(r"(?:#|/(?!/))[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*\Z")
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9_-]+\Z")
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def slug(value: str) -> str:
    """``value`` reduced to characters that are safe in an HTML id and a URL fragment."""
    return _ID_CHARS.sub("-", value).strip("-") or "x"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """One highlight: ``[start, end)`` of the text (``start == end``: a point marker).

    ``kind`` becomes the CSS class ``hl-<kind>``; ``id`` the element id (an anchor others
    link to); ``href`` a link to the item the highlight belongs to; ``title`` a tooltip.
    """

    start: int
    end: int
    kind: str
    id: str | None = None
    href: str | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        if not _SAFE_TOKEN.match(self.kind):
            raise ValueError(f"mark kind must be a plain token, got {self.kind!r}")
        if self.id is not None and not _SAFE_TOKEN.match(self.id):
            raise ValueError(f"mark id must be a plain token (see slug()), got {self.id!r}")
        if self.href is not None and not _SAFE_HREF.match(self.href):
            raise ValueError(f"mark href must be a fragment or a same-origin path, got {self.href!r}")


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with ``marks`` wrapped around their spans.

    Marks outside the text are clipped; empty-after-clipping marks become point markers.
    Longer marks open first (outermost). A link nested in another link is rendered as a
    ``<span data-href>`` because HTML forbids nested ``<a>``.
    """
    return Markup("").join(_render(text, _clip(text, marks)))


def _clip(text: str, marks: Iterable[Mark]) -> list[Mark]:
    size = len(text)
    clipped = []
    for mark in marks:
        start = min(max(mark.start, 0), size)
        end = min(max(mark.end, start), size)
        if (start, end) != (mark.start, mark.end):
            mark = Mark(start=start, end=end, kind=mark.kind, id=mark.id, href=mark.href, title=mark.title)
        clipped.append(mark)
    return clipped


class _Writer:
    """Emits tags while keeping a stack of open marks, so closing is always properly nested."""

    def __init__(self) -> None:
        self.out: list[Markup] = []
        self.open: list[tuple[Mark, bool]] = []  # (mark, rendered as <a>)
        self.opened: set[int] = set()  # marks opened once already: their continuations carry no id

    def text(self, piece: str) -> None:
        if piece:
            self.out.append(escape(piece))

    def start(self, mark: Mark) -> None:
        as_link = self._may_link(mark)
        self.out.append(_open_tag(mark, first=id(mark) not in self.opened, as_link=as_link))
        self.opened.add(id(mark))
        self.open.append((mark, as_link))

    def point(self, mark: Mark) -> None:
        as_link = self._may_link(mark)
        self.out.append(_open_tag(mark, first=True, as_link=as_link))
        self.out.append(_close_tag(as_link))

    def close_ending_at(self, position: int) -> None:
        reopen: list[Mark] = []
        while any(mark.end == position for mark, _ in self.open):
            mark, as_link = self.open.pop()
            self.out.append(_close_tag(as_link))
            if mark.end != position:
                reopen.append(mark)
        for mark in reversed(reopen):
            self.start(mark)

    def _may_link(self, mark: Mark) -> bool:
        return mark.href is not None and not any(as_link for _, as_link in self.open)


def _close_tag(as_link: bool) -> Markup:
    return Markup("</a>" if as_link else "</span>")


def _open_tag(mark: Mark, *, first: bool, as_link: bool) -> Markup:
    classes = f"hl hl-{mark.kind}" + ("" if first else " hl-cont")
    attrs = [Markup(' class="{}"').format(classes)]
    if first and mark.id is not None:
        attrs.append(Markup(' id="{}"').format(mark.id))
    if mark.href is not None:
        attrs.append(Markup(' href="{}"' if as_link else ' data-href="{}"').format(mark.href))
    if mark.title:
        attrs.append(Markup(' title="{}"').format(mark.title))
    return Markup("<{}{}>").format(Markup("a" if as_link else "span"), Markup("").join(attrs))


def _render(text: str, marks: Sequence[Mark]) -> list[Markup]:
    writer = _Writer()
    spans = sorted((m for m in marks if m.end > m.start), key=lambda m: (m.start, -m.end))
    points = sorted((m for m in marks if m.end == m.start), key=lambda m: m.start)
    stops = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    next_span = next_point = 0
    previous = 0
    for position in stops:
        writer.text(text[previous:position])
        previous = position
        writer.close_ending_at(position)
        while next_point < len(points) and points[next_point].start == position:
            writer.point(points[next_point])
            next_point += 1
        while next_span < len(spans) and spans[next_span].start == position:
            writer.start(spans[next_span])
            next_span += 1
    return writer.out
