"""A text as lines, with the offsets the boilerplate rules' edits are made at."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    start: int  # offset of the line's first character
    end: int  # offset after its last character, before the newline
    stop: int  # offset after the newline (== end on the last line)
    text: str  # the line with surrounding whitespace stripped
    lead: int  # how many whitespace characters precede ``text`` on the line

    @property
    def norm(self) -> str:
        """The line as compared for duplicates: entities decoded, whitespace collapsed."""
        return " ".join(html.unescape(self.text).split())


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        stop = end if newline < 0 else end + 1
        raw = text[start:end]
        stripped = raw.lstrip()
        lines.append(
            Line(start=start, end=end, stop=stop, text=stripped.rstrip(), lead=len(raw) - len(stripped))
        )
        if newline < 0:
            break
        start = stop
    return lines
