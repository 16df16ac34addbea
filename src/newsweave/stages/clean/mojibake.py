"""Mojibake repair as undoable edits: single-byte mix-ups via ftfy, then UTF-8 read as GBK.

**Single-byte mojibake** ("donâ€™t") is ftfy's job. ftfy runs line by line with only its
encoding repairs switched on: quotes stay curly (``uncurl_quotes=False``: a repair restores
what the author wrote; straightening quotes is normalisation and would also bloat every
edit), and width, ligature, HTML-entity, control-character, line-break and Unicode
normalisation fixes stay off because they are not encoding damage (other clean steps own
them, and fullwidth punctuation in genuine Chinese text must survive). Each changed line
is fixed again word by word, so every edit covers one damaged word, not the whole line.

**UTF-8 decoded as GBK** ("Israel鈥檚", "Hamas鈥� political") is out of ftfy's reach:
GBK is a double-byte codec, and where the byte after a three-byte UTF-8 punctuation mark
was not a valid GBK trail byte, the decoder replaced the mark's last byte with U+FFFD and
kept the next character. :func:`repair_gbk_runs` re-encodes each run of such characters
as GB18030, fills each lost byte from context, and decodes the result as UTF-8. A run is
accepted only if it decodes strictly into Latin text and punctuation with no CJK left, and
runs that decode to letters only (no punctuation) only when the same text also has a
punctuation run; genuine Chinese text fails these checks and is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import ftfy

from newsweave.model import EditKind
from newsweave.stages.clean.edits import Edit

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Lines ftfy cannot change, skipped for speed: single-byte mojibake of UTF-8 always holds a
# character that stands for a UTF-8 lead byte; ASCII, East Asian characters and these common
# punctuation marks never do (in cp1252, cp1251 or MacRoman).
_NOT_SINGLE_BYTE_MOJIBAKE = re.compile(
    "[\x00-\x7f\u00a0\u2010-\u2015\u2018\u2019\u201c\u201d\u2026\u2032\u2033"
    "\u2e80-\u9fff\uac00-\ud7af\ue000-\uf8fe\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufffd]*"
)
_CHUNKS = re.compile(r"\S*\s*")
# A repair can enable another (ftfy output that is GBK mojibake, or the reverse); a few
# passes reach the fixed point that makes the result idempotent.
_MAX_PASSES = 4
_ENCODING = EditKind.ENCODING

# Characters a GBK decoder produces from UTF-8 bytes: ideographs, GBK's symbol rows
# (Greek, Cyrillic, box drawing, kana, fullwidth), user-defined areas (GB18030 maps them
# to the private use area) and U+FFFD for lost bytes.
_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(
    "["
    + _IDEOGRAPHS
    + "\ufffd\ue000-\uf8ff\u0370-\u04ff\u2100-\u2bff\u2e80-\u33ff\ufe30-\ufe4f\uff00-\uffef]+"
)
_TRIGGER = re.compile("[" + _IDEOGRAPHS + "\ufffd\ue000-\uf8ff]")
# What a repaired run may decode to: Latin letters and Western punctuation and symbols.
_WESTERN = re.compile(r"[\x20-\x7e\u00a0-\u024f\u02b0-\u02ff\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*")
_PUNCTUATION = re.compile("[\u2010-\u205e]")
_QUOTE_EVENTS = re.compile("[“”‘’\n]")
_REPLACEMENT = "\ufffd"
_PUNCT_PREFIX = b"\xe2\x80"  # UTF-8 prefix of U+2000..U+203F: GBK shows it as 鈥


@dataclass(frozen=True, slots=True)
class _Guess:
    byte: int
    confidence: float


_EM_DASH = _Guess(0x94, 0.8)
_OPEN_DOUBLE = _Guess(0x9C, 0.9)
_EN_DASH = _Guess(0x93, 0.9)
_DASH_AFTER_QUOTE = _Guess(0x94, 0.6)
_CLOSE_DOUBLE = _Guess(0x9D, 0.9)
_CLOSE_IN_QUOTE = _Guess(0x9D, 0.8)
_CLOSE_SINGLE = _Guess(0x99, 0.7)
_DEFAULT = _Guess(0x9D, 0.5)
_SECOND_BYTE = _Guess(0x80, 0.9)  # E2 then a lost byte: E2 80 starts all common punctuation


def mojibake_edits(text: str) -> list[Edit]:
    """Non-overlapping edits against ``text`` repairing ftfy-fixable and GBK mojibake."""
    edits: list[Edit] = []
    current = text
    for _ in range(_MAX_PASSES):
        ftfy_step = _ftfy_edits(current)
        fixed = apply_edits(current, ftfy_step)
        step = compose(current, ftfy_step, repair_gbk_runs(fixed))
        if not step:
            break
        edits = compose(text, edits, step)
        current = apply_edits(current, step)
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts += [text[position : edit.start], edit.replacement]
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def compose(original: str, first: list[Edit], second: list[Edit]) -> list[Edit]:
    """Edits against ``original`` equal to applying ``first`` and then ``second``.

    ``second`` is against the text ``first`` produced. Where a second edit touches the
    result of a first one, the two merge into one edit (the later kind, the lower confidence).
    """
    if not first or not second:
        return list(first or second)
    intermediate = apply_edits(original, first)
    images = list(_images(first))
    items = sorted(
        [(start, end, edit, True) for start, end, edit in images]
        + [(e.start, e.end, e, False) for e in second],
        key=lambda item: (item[0], item[1]),
    )
    result: list[Edit] = []
    shift = 0  # length change of all first edits before the current cluster
    for cluster in _clusters(items):
        lo = min(item[0] for item in cluster)
        hi = max(item[1] for item in cluster)
        firsts = [item[2] for item in cluster if item[3]]
        seconds = [item[2] for item in cluster if not item[3]]
        own_shift = sum(len(e.replacement) - (e.end - e.start) for e in firsts)
        start, end = lo - shift, hi - shift - own_shift
        shift += own_shift
        if not seconds:
            result.extend(firsts)
            continue
        local = [replace(e, start=e.start - lo, end=e.end - lo) for e in seconds]
        replacement = apply_edits(intermediate[lo:hi], local)
        kind = seconds[0].kind
        confidence = min(e.confidence for e in firsts + seconds)
        if original[start:end] != replacement:
            result.append(
                Edit(start=start, end=end, replacement=replacement, kind=kind, confidence=confidence)
            )
    return result


def _images(edits: list[Edit]) -> Iterator[tuple[int, int, Edit]]:
    shift = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start = edit.start + shift
        yield start, start + len(edit.replacement), edit
        shift += len(edit.replacement) - (edit.end - edit.start)


def _clusters(
    items: list[tuple[int, int, Edit, bool]],
) -> Iterator[list[tuple[int, int, Edit, bool]]]:
    cluster: list[tuple[int, int, Edit, bool]] = []
    hi = -1
    has_first = False
    for item in items:
        touches = bool(cluster) and item[0] <= hi
        if touches and (has_first or item[3]):
            cluster.append(item)
            hi = max(hi, item[1])
            has_first = has_first or item[3]
            continue
        if cluster:
            yield cluster
        cluster, hi, has_first = [item], item[1], item[3]
    if cluster:
        yield cluster


# --- single-byte mojibake (ftfy) ---------------------------------------------------------


def _ftfy_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    offset = 0
    for line in text.split("\n"):
        if not _NOT_SINGLE_BYTE_MOJIBAKE.fullmatch(line):
            fixed = ftfy.fix_text(line, _FTFY_CONFIG)
            if fixed != line:
                edits.extend(_local_edits(line, fixed, offset))
        offset += len(line) + 1
    return edits


def _local_edits(line: str, fixed: str, offset: int) -> list[Edit]:
    """Edits turning ``line`` into ftfy's ``fixed``, one per changed word where possible.

    Fixing word by word (with the whitespace after it, which "Â " mojibake spans) is only
    trusted when it reproduces ftfy's verdict on the whole line; otherwise the line's
    changed middle becomes one edit. Linear, unlike a general diff on repetitive text.
    """
    edits: list[Edit] = []
    pieces: list[str] = []
    for match in _CHUNKS.finditer(line):
        chunk = match.group()
        if not chunk:
            continue
        new = chunk
        if not _NOT_SINGLE_BYTE_MOJIBAKE.fullmatch(chunk):
            new = ftfy.fix_text(chunk, _FTFY_CONFIG)
        pieces.append(new)
        if new != chunk:
            start, end, replacement = _trim(line, match.start(), match.end(), new)
            edits.append(
                Edit(start=offset + start, end=offset + end, replacement=replacement, kind=_ENCODING)
            )
    if "".join(pieces) == fixed:
        return edits
    start, end, replacement = _trim(line, 0, len(line), fixed)
    return [Edit(start=offset + start, end=offset + end, replacement=replacement, kind=_ENCODING)]


def _trim(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    old = text[start:end]
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return start + prefix, end - suffix, new[prefix : len(new) - suffix]


# --- UTF-8 decoded as GBK ----------------------------------------------------------------


@dataclass(slots=True)
class _QuoteState:
    """Open quotes in the current paragraph, for guessing a lost closing quote."""

    double: int = 0
    single: bool = False

    def feed(self, char: str, following: str) -> None:
        if char == "\n":
            self.double, self.single = 0, False
        elif char == "“":
            self.double += 1
        elif char == "”":
            self.double = max(0, self.double - 1)
        elif char == "‘":
            self.single = True
        elif char == "’" and not following.isalpha():  # an apostrophe ("it’s") closes nothing
            self.single = False


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    decoded: str
    confidence: float | None  # None: no byte was guessed


def repair_gbk_runs(text: str) -> list[Edit]:
    """Edits restoring UTF-8 text that was decoded as GBK/GB18030 (the GBK step alone)."""
    candidates: list[_Candidate] = []
    quotes = _QuoteState()
    scanned = 0
    for match in _RUN.finditer(text):
        if not _TRIGGER.search(match.group()):
            continue
        _scan_quotes(text, scanned, match.start(), quotes)
        candidate = _decode_run(text, match.start(), match.end(), quotes)
        scanned = match.end()
        if candidate is not None:
            for i, char in enumerate(candidate.decoded):
                following = candidate.decoded[i + 1 : i + 2] or text[match.end() : match.end() + 1]
                quotes.feed(char, following)
            candidates.append(candidate)
    # Letters alone are weak evidence (a short Chinese word can decode to "é"); require the
    # punctuation signature of this damage somewhere in the same text.
    if not any(_PUNCTUATION.search(c.decoded) for c in candidates):
        return []
    return [
        Edit(
            start=c.start,
            end=c.end,
            replacement=c.decoded,
            kind=EditKind.GBK_MOJIBAKE if c.confidence is None else EditKind.GBK_GUESSED,
            confidence=1.0 if c.confidence is None else c.confidence,
        )
        for c in candidates
    ]


def _scan_quotes(text: str, start: int, end: int, quotes: _QuoteState) -> None:
    for match in _QUOTE_EVENTS.finditer(text, start, end):
        quotes.feed(match.group(), text[match.end() : match.end() + 1])


def _decode_run(text: str, start: int, end: int, quotes: _QuoteState) -> _Candidate | None:
    raw = bytearray()
    confidence: float | None = None
    position = start
    for piece in text[start:end].split(_REPLACEMENT):
        raw += piece.encode("gb18030")
        position += len(piece)
        if position == end:
            break
        guess = _guess_lost_byte(text, start, position, raw, quotes)
        if guess is None:
            return None  # a lost byte this damage cannot explain: leave the run alone
        raw.append(guess.byte)
        confidence = guess.confidence if confidence is None else min(confidence, guess.confidence)
        position += 1
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _WESTERN.fullmatch(decoded):
        return None
    return _Candidate(start, end, decoded, confidence)


def _guess_lost_byte(
    text: str, run_start: int, position: int, raw: bytearray, quotes: _QuoteState
) -> _Guess | None:
    pending = _pending_utf8(raw)
    if pending == b"\xe2":
        return _SECOND_BYTE
    if pending != _PUNCT_PREFIX:
        return None
    complete = bytes(raw[:-2])
    before = complete[-4:].decode("utf-8", "ignore")[-1:] if complete else text[run_start - 1 : run_start]
    return _guess_punctuation(before, text[position + 1 : position + 2], quotes)


def _pending_utf8(raw: bytearray) -> bytes:
    """The trailing bytes of ``raw`` that start an unfinished UTF-8 sequence."""
    for back in range(1, min(4, len(raw)) + 1):
        byte = raw[-back]
        if byte & 0xC0 != 0x80:  # a lead byte (or ASCII)
            needed = 2 if byte >= 0xC0 else 1
            needed = 3 if byte >= 0xE0 else needed
            needed = 4 if byte >= 0xF0 else needed
            return bytes(raw[-back:]) if back < needed else b""
    return b""


def _guess_punctuation(before: str, after: str, quotes: _QuoteState) -> _Guess:
    """The lost last byte of E2 80 xx from the characters around the mark (rules measured in
    ../shared/notes/offline-nlp.md §4: 146 of 147 marks right on simulated damage)."""
    opens = before == "" or before.isspace() or before in "([{"
    space_after = after == "" or after.isspace()
    if (before == "" or before.isspace()) and space_after:
        return _EM_DASH
    if opens and not space_after:
        return _OPEN_DOUBLE
    if before.isdigit() and after.isdigit():
        return _EN_DASH
    if before in ("”", "’"):  # a closing quote is not followed by another one
        return _DASH_AFTER_QUOTE
    if before in (",", ".", "!", "?"):
        return _CLOSE_DOUBLE
    if quotes.double > 0:
        return _CLOSE_IN_QUOTE
    if quotes.single or before in ("s", "S"):
        return _CLOSE_SINGLE
    return _DEFAULT
