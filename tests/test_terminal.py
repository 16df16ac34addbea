"""Untrusted text made safe for a terminal: every control shown as an escape, nothing else changed."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsweave.terminal import safe_line, safe_text

from .conftest import seed_path


def test_controls_bidi_overrides_and_surrogates_become_visible_escapes() -> None:
    assert safe_line("a\nb") == "a\\nb"
    assert safe_line("\x1b[2J\x1b[31mred") == "\\x1b[2J\\x1b[31mred"
    assert safe_line("invoice\u202etxt.exe") == "invoice\\u202etxt.exe"
    assert safe_line("name\udcff.txt") == "name\\udcff.txt"  # a byte that was not UTF-8
    assert safe_line("tab\there\r\x00\x7f\x85\u2028") == "tab\\there\\r\\x00\\x7f\\x85\\u2028"


def test_ordinary_text_is_unchanged() -> None:
    text = seed_path("000").read_text(encoding="utf-8")
    assert safe_text(text) == text
    line = "Ministère des Affaires étrangères — “quoted” 北京 ☂ [bold] \\n"
    assert safe_line(line) == line


def test_text_keeps_its_lines_and_tabs_but_not_other_controls() -> None:
    assert safe_text("one\n\ttwo\r\n\x1b[0m") == "one\n\ttwo\\r\n\\x1b[0m"


@given(st.text())
def test_a_safe_line_is_one_printable_line(text: str) -> None:
    line = safe_line(text)
    assert "\n" not in line and "\r" not in line
    for char in line:
        category = unicodedata.category(char)
        assert category not in ("Cc", "Cs", "Zl", "Zp"), repr(char)
        assert unicodedata.bidirectional(char) not in (
            "LRE",
            "RLE",
            "LRO",
            "RLO",
            "PDF",
            "LRI",
            "RLI",
            "FSI",
            "PDI",
        )
    line.encode("utf-8")  # no lone surrogate left to fail the write
