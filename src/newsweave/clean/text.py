"""Whitespace normalisation as edits, so each change is recorded and undoable.

Steps, each run on the result of the previous one: stray control characters out, trailing
spaces of each line out, three or more line breaks collapsed to one blank line, leading and
trailing blank space of the whole text out. Spaces inside a line and indentation are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsweave.clean.edits import Edit, EditLog
from newsweave.model import EditKind, Span

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]+")
_TRAILING_SPACE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_BLANK_RUN = re.compile(r"(?<=\n\n)\n+")
_OUTER_SPACE = re.compile(r"\A\s+|\s+\Z")
_PARAGRAPH = re.compile(r"[^\n]+")


def _removals(pattern: re.Pattern[str], text: str) -> list[Edit]:
    return [
        Edit(start=m.start(), end=m.end(), replacement="", kind=EditKind.WHITESPACE)
        for m in pattern.finditer(text)
    ]


def control_edits(text: str) -> list[Edit]:
    """Remove C0 control characters other than tab and newline, DEL, and byte-order marks."""
    return _removals(_CONTROL, text)


def trailing_space_edits(text: str) -> list[Edit]:
    """Remove whitespace (including carriage returns) at the end of each line."""
    return _removals(_TRAILING_SPACE, text)


def blank_line_edits(text: str) -> list[Edit]:
    """Collapse runs of three or more line breaks to one blank line.

    The extra breaks are removed rather than the run replaced, so the removal stays a
    separate record from the removed lines around it.
    """
    return _removals(_BLANK_RUN, text)


def outer_space_edits(text: str) -> list[Edit]:
    """Remove whitespace at the start and end of the text."""
    return _removals(_OUTER_SPACE, text)


WHITESPACE_STEPS: tuple[Callable[[str], list[Edit]], ...] = (
    control_edits,
    trailing_space_edits,
    blank_line_edits,
    outer_space_edits,
)


def normalize_whitespace(log: EditLog) -> None:
    """Run every whitespace step on the log's current text."""
    for step in WHITESPACE_STEPS:
        log.apply(step(log.text))


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Each non-blank line is a paragraph (inputs put one per line or one per blank-line block)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = match.start() + len(match.group().rstrip())
        if end > start:
            spans.append(Span(start=start, end=end))
    return tuple(spans)
