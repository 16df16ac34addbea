"""A log of text edits that keeps every change undoable.

Cleaning runs as a sequence of steps, each proposing edits (replace ``[start, end)`` of
the *current* text). :class:`EditLog` applies them and keeps, for the final text, a sorted
list of non-overlapping records ``(span in final text, original text)``. Undoing all
records from last to first restores the input exactly, whatever order the steps ran in.

When a new edit touches an earlier record (overlaps it, or an empty record sits on its
boundary), the two are merged into one record whose original is recomputed, so records
never overlap and undo stays exact.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from newsweave.model import EditKind, Removal, Repair, Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    """A proposed change to the current text."""

    start: int
    end: int
    replacement: str
    kind: EditKind
    confidence: float = 1.0


@dataclass(slots=True)
class _Record:
    start: int
    end: int
    original: str
    kind: EditKind
    confidence: float


def _touches(rec: _Record, start: int, end: int, removal: bool = False) -> bool:
    if max(rec.start, start) < min(rec.end, end):
        return True  # proper overlap
    if rec.start == rec.end and start <= rec.start <= end:
        # An empty record on or inside the new edit; but two removals that only meet stay
        # separate records, so each removed line keeps its own kind.
        return not (removal and rec.start in (start, end))
    return start == end and rec.start <= start <= rec.end


class EditLog:
    """The current text plus the undo records that lead back to the input."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._records: list[_Record] = []

    @property
    def text(self) -> str:
        return self._text

    def apply(self, edits: list[Edit]) -> None:
        """Apply edits proposed against the current text (they must not overlap)."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
        previous_start = len(self._text) + 1
        for edit in ordered:
            if not 0 <= edit.start <= edit.end <= len(self._text):
                raise ValueError(f"edit [{edit.start}, {edit.end}) outside text")
            if edit.end > previous_start:
                raise ValueError("overlapping edits in one step")
            previous_start = edit.start
            self._apply_one(edit)

    def _apply_one(self, edit: Edit) -> None:
        old = self._text[edit.start : edit.end]
        if old == edit.replacement:
            return
        first = bisect_left([r.end for r in self._records], edit.start)
        # A record ending exactly where the edit starts lies before it unless it touches.
        while (
            first < len(self._records)
            and self._records[first].end <= edit.start
            and not _touches(self._records[first], edit.start, edit.end, not edit.replacement)
        ):
            first += 1
        last = first
        while last < len(self._records) and _touches(
            self._records[last], edit.start, edit.end, not edit.replacement
        ):
            last += 1
        touched = self._records[first:last]
        region_start = min([edit.start, *(r.start for r in touched)])
        region_end = max([edit.end, *(r.end for r in touched)])
        original = self._undo_region(region_start, region_end, touched)
        delta = len(edit.replacement) - (edit.end - edit.start)
        self._text = self._text[: edit.start] + edit.replacement + self._text[edit.end :]
        # A removal merged into an earlier removal keeps the earlier kind (trailing space after a
        # removed line); otherwise, or when the earlier one is a control character the new
        # removal swallows (a NUL inside a share line), the new edit names it.
        first_is_removal = bool(touched) and touched[0].start == touched[0].end
        keeps_kind = first_is_removal and not edit.replacement and touched[0].kind is not EditKind.CONTROL
        kind = touched[0].kind if keeps_kind else edit.kind
        confidence = min([edit.confidence, *(r.confidence for r in touched)])
        merged = _Record(region_start, region_end + delta, original, kind, confidence)
        for rec in self._records[last:]:
            rec.start += delta
            rec.end += delta
        self._records[first:last] = [merged]

    def _undo_region(self, start: int, end: int, records: list[_Record]) -> str:
        piece = self._text[start:end]
        for rec in reversed(records):
            a, b = rec.start - start, rec.end - start
            piece = piece[:a] + rec.original + piece[b:]
        return piece

    def undo_all(self) -> str:
        """The input text, reconstructed from the final text and the records."""
        return self._undo_region(0, len(self._text), self._records)

    def repairs(self) -> tuple[Repair, ...]:
        return tuple(
            Repair(
                span=Span(start=r.start, end=r.end), original=r.original, kind=r.kind, confidence=r.confidence
            )
            for r in self._records
            if r.end > r.start
        )

    def removals(self) -> tuple[Removal, ...]:
        return tuple(
            Removal(at=r.start, text=r.original, kind=r.kind) for r in self._records if r.end == r.start
        )


def undo(text: str, repairs: tuple[Repair, ...], removed: tuple[Removal, ...]) -> str:
    """Reconstruct the pre-cleaning text of an article from its repairs and removals."""
    records = [(r.span.start, r.span.end, r.original) for r in repairs]
    records += [(r.at, r.at, r.text) for r in removed]
    # Removals at one offset are listed in text order: undo the last one first.
    order = sorted(range(len(records)), key=lambda i: (records[i][0], records[i][1], i), reverse=True)
    for start, end, original in (records[i] for i in order):
        text = text[:start] + original + text[end:]
    return text
