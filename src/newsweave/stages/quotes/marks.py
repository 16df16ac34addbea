"""Quotation marks: where the quoted stretches of a text are.

A pure scan of the characters, no parse: straight and curly double quotes, a quote that
runs over several paragraphs (news style opens each continued paragraph with a fresh
opening mark and closes only the last one), and top-level single quotes (headline style,
``vows ‘total victory’``). Single quotes nested inside double quotes need no special
care: they lie inside the outer quote, and a lone ``’`` there is just an apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsweave.model import Span

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
DOUBLE = OPENING | CLOSING | {STRAIGHT}
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")
# Single-quoted stretches stay short: a longer run is far more likely an apostrophe
# ("Hamas’ leader … the group’s") than a quote.
_SINGLE = re.compile(r"(?<!\w)‘([^‘’\n]{1,200}?)’(?!\w)")


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteMark:
    """One quoted stretch: ``outer`` includes the marks, ``span`` is the content inside."""

    span: Span
    outer: Span
    text: str
    words: int
    paragraphs: int = 1  # > 1 for a quote continued over paragraphs
    unopened: bool = False  # closed without an opening mark: started at the paragraph start


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines: news text puts one paragraph on a line."""
    return [Span(start=m.start(), end=m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _opens_paragraph(text: str, para: Span) -> bool:
    first = text[para.start : para.end].lstrip()
    return bool(first) and (first[0] in OPENING or first[0] == STRAIGHT)


def _mark(
    text: str, open_at: int, close_at: int, *, paragraphs: int = 1, unopened: bool = False
) -> QuoteMark:
    """The quote between an opening mark at ``open_at`` (or a bare start) and a close."""
    start = open_at if unopened else open_at + 1
    content = text[start:close_at]
    lead = len(content) - len(content.lstrip())
    trail = len(content) - len(content.rstrip())
    span = Span(start=start + lead, end=max(start + lead, close_at - trail))
    end = min(len(text), close_at + 1)
    return QuoteMark(
        span=span,
        outer=Span(start=open_at, end=end),
        text=text[span.start : span.end],
        words=len(_WORD.findall(content)),
        paragraphs=paragraphs,
        unopened=unopened,
    )


class _Scanner:
    """Pairs double quotes paragraph by paragraph, carrying an unclosed quote forward."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.open_at: int | None = None
        self.spanned = 1
        self.last_end = 0
        self.found: list[QuoteMark] = []

    def paragraph(self, para: Span) -> None:
        text = self.text
        skip = -1
        if self.open_at is not None:
            if _opens_paragraph(text, para):
                # The continued quote's fresh opening mark is not a new quote.
                skip = (
                    para.start + len(text[para.start : para.end]) - len(text[para.start : para.end].lstrip())
                )
                self.spanned += 1
            else:
                self._close(self.last_end)
        closed_here = False
        for i in range(para.start, para.end):
            char = text[i]
            if char not in DOUBLE or i == skip:
                continue
            if char in OPENING or (char == STRAIGHT and self.open_at is None):
                # A second opening mark while one is open: the first was never closed.
                self.open_at = i
                self.spanned = 1
            elif self.open_at is not None:
                self._close(i)
                closed_here = True
            elif not closed_here:
                self.found.append(_mark(text, para.start, i, unopened=True))
                closed_here = True
        self.last_end = para.end

    def _close(self, close_at: int) -> None:
        assert self.open_at is not None
        self.found.append(_mark(self.text, self.open_at, close_at, paragraphs=self.spanned))
        self.open_at = None
        self.spanned = 1

    def finish(self) -> list[QuoteMark]:
        if self.open_at is not None:
            self._close(self.last_end)
        return self.found


def _single_quotes(text: str, inside: list[QuoteMark]) -> Iterator[QuoteMark]:
    covered = [(m.outer.start, m.outer.end) for m in inside]
    for match in _SINGLE.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        yield _mark(text, match.start(), match.end() - 1)


def quote_marks(text: str) -> list[QuoteMark]:
    """Every top-level quoted stretch of ``text``, in text order."""
    if not any(char in text for char in DOUBLE) and "‘" not in text:
        return []
    scanner = _Scanner(text)
    for para in paragraphs(text):
        scanner.paragraph(para)
    double = scanner.finish()
    marks = double + list(_single_quotes(text, double))
    return sorted((m for m in marks if m.words), key=lambda m: m.span.start)
