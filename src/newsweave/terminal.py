"""Untrusted text made safe to print on a terminal.

File names and article text are attacker-controlled: a newline in a file name would split
its error line in two (and could forge a line), an ANSI escape sequence from a WARC record
would recolour or rewrite the terminal, a right-to-left override would reverse what
follows it, and a lone surrogate (a file name with bytes that are not UTF-8) would make
the write itself fail. Every line the CLI prints passes through :func:`safe_line` (or
:func:`safe_text` for multi-line article text), which renders such characters as visible
escapes in Python's notation: ``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``.

Rendered as escapes:

- C0 controls U+0000-U+001F (``\\t``, ``\\n`` and ``\\r`` by their short names), DEL U+007F
  and C1 controls U+0080-U+009F (U+0085 NEL ends a line on some terminals);
- bidirectional controls: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069;
- line and paragraph separators U+2028, U+2029;
- surrogates U+D800-U+DFFF (never valid on their own; Python's stand-in for undecodable bytes).

Backslashes are left alone: the output is for reading, not for parsing back.
"""

from __future__ import annotations

import re

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]")
# In multi-line text a line break and a tab are layout, not an attack; a bare \r is not.
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_line(text: str) -> str:
    """``text`` as one printable line: every control, bidi override and surrogate escaped."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def safe_text(text: str) -> str:
    """Like :func:`safe_line`, but line breaks and tabs are kept: for printing article text."""
    return _UNSAFE_IN_TEXT.sub(_escape, text)
