"""Identity of inputs: the clean stage keeps the input's code points and removes control
characters as recorded edits (issue 8, item 4).

The sentences are written for these tests; real pages are read from ../shared at run time.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.corpus.copies import shingles
from newsweave.errors import EmptyInput, UnsupportedInput
from newsweave.model import Article, EditKind, InputFormat, RawDocument
from newsweave.pipeline import Pipeline, build
from newsweave.reference.actors import name_key
from newsweave.stages.clean.edits import undo
from newsweave.stages.clean.encoding import decode_bytes
from newsweave.stages.clean.html import extract_html
from newsweave.stages.clean.stage import clean_text

YA_NUKTA = "\u09af\u09bc"  # য + nukta: two code points (NFC keeps them two)
YYA = "\u09df"  # য় as one code point (NFC would decompose it into the two above)
E_ACUTE = "e\u0301"  # e + combining acute (NFC would compose it into U+00E9)
ZWJ_WORD = "\u09b0\u200d\u09cd\u09af\u09be\u09ac"  # র‍্যাব: the joiner picks the ya-phala form
ZWNJ_WORD = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645"  # Persian "mi-khaham" with its non-joiner
SHY_WORD = "hyphen\u00adation"

SENTENCE = (
    f"In my own test sentence the letter {YA_NUKTA} sits beside {YYA}, the cafe{E_ACUTE[1:]} beside"
    f" the caf\u00e9, and {ZWJ_WORD}, {ZWNJ_WORD} and {SHY_WORD} keep their invisible characters."
)
SECOND = "A second paragraph of mine says that the council met on Tuesday to talk about the roads."
# More of my own lines, so that three stray NULs are under the 1 in 100 that marks a binary file.
NOTES = "\n\n".join(
    f"Note {n} of mine: the road works of week {n} were put off by the rain." for n in range(1, 9)
)
CONTROLLED = (
    "My own sentence holds a stray NUL\x00 here, another\x00\x00 there, a colour escape"
    " \x1b[31mred\x1b[0m and a bare escape\x1b mark, none of which should stay."
)


def html_page(*paragraphs: str, title: str = "A page of my own") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


@cache
def pipeline() -> Pipeline:
    return build(["clean"])


def clean(content: bytes, fmt: InputFormat) -> Article:
    return pipeline().run(RawDocument(source="t", content=content, format=fmt)).require_article()


def non_ascii(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if ord(c) > 127]


def assert_code_points_kept(text: str) -> None:
    assert SENTENCE in text
    assert non_ascii(SENTENCE) == non_ascii(text[text.index(SENTENCE) :][: len(SENTENCE)])
    assert YA_NUKTA in text and YYA in text and E_ACUTE in text and "\u00e9" in text


def control_removals(art: Article) -> list[str]:
    return [r.text for r in art.removed if r.kind is EditKind.CONTROL]


def no_controls(text: str) -> bool:
    return re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text) is None


# --- code points ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [InputFormat.TEXT, InputFormat.MARKDOWN, InputFormat.HTML])
def test_the_clean_stage_keeps_every_code_point(fmt: InputFormat) -> None:
    content = html_page(SENTENCE, SECOND) if fmt is InputFormat.HTML else f"{SENTENCE}\n\n{SECOND}\n"
    art = clean(content.encode("utf-8"), fmt)
    assert_code_points_kept(art.text)
    assert art.repairs == ()


def test_html_extraction_keeps_the_characters_trafilatura_would_drop() -> None:
    hidden = (
        "\u200e\u200f\u2060\u061c\U000e0001\ue000\U0001faf8"  # bidi marks, word joiner, tag, PUA, new emoji
    )
    page = html_page(f"{SENTENCE} Marks {hidden} end it.", SECOND, title=f"Caf{E_ACUTE[0]}\u0301 {ZWNJ_WORD}")
    extracted = extract_html(page, url=None, source="t")
    assert_code_points_kept(extracted.text)
    assert f"Marks {hidden} end it." in extracted.text
    assert extracted.hint("title") == f"Cafe\u0301 {ZWNJ_WORD}"


def test_stand_ins_never_collide_with_the_page() -> None:
    # The page already holds the first stand-ins, literally and as character references.
    page = html_page(f"{SENTENCE} Symbols \U0001d000 &#x1D001; &#118786; stay themselves.", SECOND)
    text = extract_html(page, url=None, source="t").text
    assert "Symbols \U0001d000 \U0001d001 \U0001d002 stay themselves." in text
    assert_code_points_kept(text)


# --- control characters ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [InputFormat.TEXT, InputFormat.HTML])
def test_control_characters_are_removed_as_recorded_edits(fmt: InputFormat) -> None:
    content = (
        html_page(CONTROLLED, SECOND, NOTES) if fmt is InputFormat.HTML else f"{CONTROLLED}\n\n{NOTES}\n"
    )
    art = clean(content.encode("utf-8"), fmt)
    assert no_controls(art.text)
    assert "a colour escape red and a bare escape mark" in art.text  # escapes removed whole
    assert control_removals(art) == ["\x00", "\x00\x00", "\x1b[31m", "\x1b[0m", "\x1b"]
    assert all(r.kind is EditKind.CONTROL for r in art.repairs)
    decoded = decode_bytes(content.encode("utf-8"), declared=None, source="t")
    before = decoded if fmt is InputFormat.TEXT else extract_html(decoded, url=None, source="t").text
    assert undo(art.text, art.repairs, art.removed).strip() == before.strip()


def test_normal_text_has_no_control_record() -> None:
    art = clean(f"{SENTENCE}\n\n{SECOND}\n\tIndented by a tab.\r\n".encode(), InputFormat.TEXT)
    assert not control_removals(art) and all(r.kind is not EditKind.CONTROL for r in art.repairs)
    assert "\tIndented by a tab." in art.text


def test_vertical_tab_and_form_feed_become_line_breaks() -> None:
    art = clean(
        b"First line of mine\x0bsecond line\x0c\x0cthird line.\n\x0cA new page of mine.", InputFormat.TEXT
    )
    assert art.text == "First line of mine\nsecond line\nthird line.\nA new page of mine."
    assert [(r.original, r.kind) for r in art.repairs] == [
        ("\x0b", EditKind.CONTROL),
        ("\x0c\x0c", EditKind.CONTROL),
    ]
    assert [(r.text, r.kind) for r in art.removed] == [("\x0c", EditKind.CONTROL)]  # a break was beside it


def test_form_feed_in_html_is_whitespace() -> None:
    art = clean(
        html_page("My own words run on\x0cacross a form feed in this page.", SECOND).encode(),
        InputFormat.HTML,
    )
    assert "run on across a form feed" in art.text


def test_a_nul_inside_furniture_leaves_the_furniture_kind() -> None:
    art = clean(f"{SECOND}\nSha\x00re:\n{SECOND.replace('second', 'third')}\n".encode(), InputFormat.TEXT)
    assert "Share" not in art.text
    assert [r.kind for r in art.removed if "Sha" in r.text] == [EditKind.SHARE]


def test_a_few_stray_nuls_decode_and_bulk_nuls_stay_binary() -> None:
    text = f"{SECOND}\x00 {SECOND}".encode()
    assert decode_bytes(text, declared=None, source="t") == f"{SECOND}\x00 {SECOND}"
    with pytest.raises(UnsupportedInput):
        decode_bytes(text + bytes(8), declared=None, source="t")  # a run of padding
    with pytest.raises(UnsupportedInput):
        decode_bytes(b"ab\x00" * 50, declared=None, source="t")  # one byte in three


def test_real_page_with_nuls_in_its_words_cleans_to_the_same_text(shared: Path) -> None:
    pages = sorted((shared / "corpus/scrapinghub-extraction/html").glob("*.html.gz"))
    page = gzip.decompress(pages[0].read_bytes())
    clean_page = clean(page, InputFormat.HTML)
    # a NUL into the middle of words found once in the page, and so in its text only
    found = dict.fromkeys(re.findall(r"[A-Za-z]{7,}", clean_page.text))
    words = [w for w in found if page.count(w.encode()) == clean_page.text.count(w) == 1][:6]
    assert len(words) == 6
    damaged = page
    for word in words:
        damaged = damaged.replace(word.encode(), word[:3].encode() + b"\x00" + word[3:].encode())
    art = clean(damaged, InputFormat.HTML)
    assert art.text == clean_page.text
    assert control_removals(art) == ["\x00"] * 6


# controls, whitespace, and the terminal escape sequences removed whole: CSI and OSC
CONTROL_OR_SPACE = (
    r"(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\s)+"
)
CONTROL_TEXTS = st.text(
    alphabet="ab .\n\t\x00\x01\x07\x0b\x0c\x1b\x7f[]0;m\u0301\u200c\u09af\u09bc", max_size=60
)


@settings(max_examples=200, deadline=None)
@given(CONTROL_TEXTS)
def test_control_removal_is_undoable_idempotent_and_keeps_other_code_points(text: str) -> None:
    try:
        cleaned = clean_text(text, format=InputFormat.TEXT, source="t")
    except EmptyInput:
        return
    assert no_controls(cleaned.text)
    assert undo(cleaned.text, cleaned.repairs, cleaned.removed) == text
    again = clean_text(cleaned.text, format=InputFormat.TEXT, source="t")
    assert (again.text, again.repairs, again.removed) == (cleaned.text, (), ())
    # undo restores the input, and every record holds only controls or whitespace: so every
    # other code point of the input is in the text unchanged
    for original, kind in [(r.original, r.kind) for r in cleaned.repairs] + [
        (r.text, r.kind) for r in cleaned.removed
    ]:
        assert kind in (EditKind.CONTROL, EditKind.WHITESPACE) and re.fullmatch(CONTROL_OR_SPACE, original)


# --- the keys used for matching, not the text, are normalised --------------------------------


def test_matching_keys_ignore_normalisation_and_invisible_characters() -> None:
    assert name_key(f"Jose{E_ACUTE[1:]} Mari\u0301a") == name_key("Jos\u00e9 Mar\u00eda") == "jose maria"
    assert name_key("Is\u00adrael") == name_key("Israel\u200e") == "israel"
    assert name_key("Israel\u200bsaid") == "israel said"  # a zero-width space separates
    assert shingles("the cafe\u0301 on the hyphen\u00adated street opened") == shingles(
        "the caf\u00e9 on the hyphenated street opened"
    )


# --- end to end: the CLI, a user's files, the export ------------------------------------------


def test_cli_export_keeps_code_points_and_records_control_removals(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letters.txt").write_text(f"{SENTENCE}\n\n{SECOND}\n", encoding="utf-8")
    (folder / "letters.html").write_text(html_page(SENTENCE, SECOND), encoding="utf-8")
    controlled = CONTROLLED.replace("My own", "Another of my")
    (folder / "controls.txt").write_text(f"{CONTROLLED}\n\n{NOTES}\n", encoding="utf-8")
    (folder / "controls.html").write_text(html_page(controlled, SECOND, NOTES), encoding="utf-8")
    out = tmp_path / "export.json"
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "newsweave", "analyze", str(folder), "--json", str(out)]
    result = subprocess.run(
        [*command, "--store", str(tmp_path / "nw.db")], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stderr
    articles = {Path(a["source"]).name: a for a in json.loads(out.read_text(encoding="utf-8"))["articles"]}
    assert sorted(articles) == ["controls.html", "controls.txt", "letters.html", "letters.txt"]
    for name in ("letters.txt", "letters.html"):
        assert_code_points_kept(articles[name]["text"])
        assert articles[name]["repairs"] == []
        assert all(r["kind"] != "control" for r in articles[name]["removed"])
    for name in ("controls.txt", "controls.html"):
        text = articles[name]["text"]
        assert no_controls(text) and "a colour escape red and a bare escape mark" in text
        removed = [r["text"] for r in articles[name]["removed"] if r["kind"] == "control"]
        assert removed == ["\x00", "\x00\x00", "\x1b[31m", "\x1b[0m", "\x1b"]
