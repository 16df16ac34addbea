"""Control characters and whitespace as edits, so each change is recorded and undoable.

Control characters go first (:func:`remove_controls`, kind ``control``), before any other
cleaning step reads the text: a NUL inside "Share:" or an escape sequence before a byline
would hide the line from the furniture rules. C0 controls other than tab and line
feed, and DEL, are removed; a terminal escape sequence (``ESC [ 0 m``, ``ESC ] ... BEL``)
is removed whole, since its tail is no text either. Vertical tab and form feed separate
lines (Word's manual line break, a page break in ``pdftotext`` output), so each run of them
becomes a line break, or is removed where a line break is already next to it.

Whitespace comes last (:func:`normalize_whitespace`, kind ``whitespace``): stray byte-order
marks out, trailing spaces of each line out, three or more line breaks collapsed to one
blank line, leading and trailing blank space of the whole text out. Spaces inside a line
and indentation are kept. Neither step changes any other character: no Unicode
normalisation, the code points are the input's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsweave.model import EditKind, Span
from newsweave.stages.clean.edits import Edit, EditLog

_ESCAPE_SEQUENCE = (
    r"\x1b\[[0-?]{0,32}[ -/]{0,4}[@-~]"  # CSI: colours, cursor moves, "clear screen"
    r"|\x1b\][^\x07\x1b\n]{0,256}(?:\x07|\x1b\\)"  # OSC: window titles, links
)
# Carriage returns never get here: decoding turns every newline into "\n".
_CONTROL = re.compile(rf"(?:{_ESCAPE_SEQUENCE}|[\x00-\x08\x0e-\x1f\x7f])+")
_METADATA_CONTROL = re.compile(rf"{_ESCAPE_SEQUENCE}|[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile(r"[\x0b\x0c]+")
_STRAY_BOM = re.compile("\ufeff+")
_TRAILING_SPACE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_BLANK_RUN = re.compile(r"(?<=\n\n)\n+")
_OUTER_SPACE = re.compile(r"\A\s+|\s+\Z")
_PARAGRAPH = re.compile(r"[^\n]+")


def _removals(pattern: re.Pattern[str], text: str, kind: EditKind = EditKind.WHITESPACE) -> list[Edit]:
    return [Edit(start=m.start(), end=m.end(), replacement="", kind=kind) for m in pattern.finditer(text)]


def control_edits(text: str) -> list[Edit]:
    """Remove C0 control characters other than tab, newline, VT and FF; DEL; terminal escapes."""
    return _removals(_CONTROL, text, EditKind.CONTROL)


def line_control_edits(text: str) -> list[Edit]:
    """Turn each run of vertical tabs and form feeds into one line break (none beside a break)."""
    edits = []
    for m in _LINE_CONTROL.finditer(text):
        at_break = text[m.start() - 1 : m.start()] in ("", "\n") or text[m.end() : m.end() + 1] in ("", "\n")
        replacement = "" if at_break else "\n"
        edits.append(Edit(start=m.start(), end=m.end(), replacement=replacement, kind=EditKind.CONTROL))
    return edits


def remove_controls(log: EditLog) -> None:
    """Run both control steps on the log's current text."""
    for step in (control_edits, line_control_edits):
        log.apply(step(log.text))


def without_controls(value: str) -> str:
    """``value`` without control characters (C1 too) and terminal escapes: for metadata,
    which has no offsets to keep. Whitespace controls are left for the caller to collapse."""
    return _METADATA_CONTROL.sub("", value)


def stray_bom_edits(text: str) -> list[Edit]:
    """Remove byte-order marks (U+FEFF, a zero-width no-break space) left in the text."""
    return _removals(_STRAY_BOM, text)


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
    stray_bom_edits,
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
