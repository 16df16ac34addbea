"""Text-level boilerplate: line classifiers on synthetic lines, then real seeds and CNN articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.model import EditKind
from newsweave.stages.clean import line_rules
from newsweave.stages.clean.boilerplate import boilerplate_edits, find_furniture
from newsweave.stages.clean.edits import EditLog
from newsweave.stages.clean.markdown import parse_header

from .conftest import SHARED, seed_path

CNN = SHARED / "corpus" / "cnn-2024-07"


def cleaned(text: str, title: str | None = None) -> str:
    log = EditLog(text)
    log.apply(boilerplate_edits(text, title=title))
    return log.text


@pytest.mark.parametrize(
    ("rule", "furniture", "prose"),
    [
        (
            line_rules.is_share_line,
            ["Share:", "Linkedin Pinterest", "Facebook Twitter Email", "Share this article"],
            ["Share prices fell.", "Twitter is a social network.", "Email us your story tips"],
        ),
        (
            line_rules.is_loading_line,
            ["Loading...", "Advertisement", "Loading…"],
            ["Loading the trucks took all night."],
        ),
        (line_rules.is_tags_line, ["Tags", "Tags: Iran, Israel"], ["Tags were found on the birds."]),
        (
            line_rules.is_photo_line,
            [
                "2 Photos",
                "Photo Gallery",
                "A man waves a flag in Gaza City. (AP Photo/Jane Doe)",
                "Leaders meet in Rome. Photo by X.Y/AFP via Getty Images.",
                "A crowd gathers at dawn outside Photo Gallery",
            ],
            ["He took 2 photos of the scene.", "The photo by the river was later sold."],
        ),
        (
            line_rules.is_byline,
            ["By ELLEN KNICKMEYER, Associated Press", "by Joshua Marks", "By Ann Lee and Bo Chan"],
            ["By the time the sun rose, the talks had ended.", "By law, schools must report it."],
        ),
        (
            line_rules.is_published_line,
            ["Published: July 31, 2024, 4:31pm", "Posted on 2 August 2024"],
            ["Published reports say the deal is close."],
        ),
        (
            line_rules.is_date_only,
            ["Wednesday,\u00a0 November 13 , 2024", "July 31, 2024", "2024-07-31"],
            ["July 31, 2024 was a Wednesday."],
        ),
        (
            line_rules.is_crumbs,
            ["News / Politics", "Home > World > Middle East"],
            ["Israel / Gaza war: what we know so far."],
        ),
        (
            line_rules.is_credit_line,
            ["France24/AFP", "(AFP)", "— Reuters"],
            ["Canoe/Kayak", "AFP reported it first."],
        ),
        (
            line_rules.is_markup_only,
            ['<img height="1" width="1" src="https://example.org/t.gif">', "<br/><br/>"],
            ["1 < 2 and 3 > 2"],
        ),
    ],
)
def test_line_classifiers(rule: line_rules.LineRule, furniture: list[str], prose: list[str]) -> None:
    for line in furniture:
        assert rule(line), line
    for line in prose:
        assert not rule(line), line


def test_headline_needs_lowercase_words_and_no_final_period() -> None:
    assert line_rules.is_headline("Killing of Hamas leader points to break with U.S.")
    assert not line_rules.is_headline("Danette Leighton and Scout Bassett")  # names, not a headline
    assert not line_rules.is_headline("The talks ended on Friday after a long night.")


def test_title_and_dek_are_recorded_and_body_kept() -> None:
    text = (
        "Storm hits the coast\n\nThousands without power\n\nBy Ann Lee\n\n"
        "A storm hit the coast on Friday, officials said.\n"
    )
    found = find_furniture(text)
    assert found.title == "Storm hits the coast"
    assert found.byline == "Ann Lee"
    assert cleaned(text) == "A storm hit the coast on Friday, officials said.\n"


def test_known_title_replaces_the_headline_rule() -> None:
    text = "Short line without a period\n\nThe body starts here and ends here.\n"
    assert find_furniture(text, title="Another title").title is None
    assert cleaned(text, title="Another title") == text
    assert cleaned(text, title="Short line  without a period").startswith("The body")


def test_datelines_are_cut_from_the_first_paragraph_only() -> None:
    text = "TEHRAN, Iran (AP) — Crowds gathered on Thursday.\n\nBEIRUT — A second place is named later.\n"
    found = find_furniture(text)
    assert found.dateline == "TEHRAN, Iran (AP)"
    assert cleaned(text) == "Crowds gathered on Thursday.\n\nBEIRUT — A second place is named later.\n"
    assert find_furniture("The full moon — rising early — lit the sky tonight.").dateline is None


def test_entities_and_inline_markup_are_repaired() -> None:
    log = EditLog("Hamas&rsquo; leader<br>said &amp;amp; left.")
    edits = boilerplate_edits(log.text)
    assert {e.kind for e in edits} == {EditKind.HTML_ENTITY, EditKind.MARKUP}
    log.apply(edits)
    assert log.text == "Hamas’ leader said & left."


def test_repeated_lines_in_the_body_are_kept() -> None:
    chant = "AUDIENCE: We love you! We love you! We love you! We love you! We love you!"
    text = "\n".join(
        [
            "The speech began late in the evening, aides said.",
            "More text follows here today.",
            "Then:",
            chant,
            "The speaker paused for a while before going on.",
            chant,
        ]
    )
    assert cleaned(text) == text


# --- real data -------------------------------------------------------------------------


def test_seed_004_furniture() -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    found = find_furniture(text)
    out = cleaned(text)
    for gone in (
        "<img",
        "Linkedin Pinterest",
        "Loading...",
        "Photo Gallery",
        "News / Politics",
        "2 Photos",
        "Published: July 31",
        "November 13",
        "&rsquo;",
        "WASHINGTON —",
    ):
        assert gone not in out, gone
    # The caption stays once, without its credit: it is AP's text and the only place AP
    # says how Haniyeh was killed ("in an airstrike").
    assert out.startswith("A supporter of the Islamist Hamas movement")
    assert out.count("A supporter of the Islamist Hamas movement") == 1
    assert "killed in an airstrike in the Iranian capital early Wednesday." in out
    assert "(AP Photo" not in out and "vahid salemi" not in out
    assert "\n\nIsrael’s suspected killing of Hamas’" in out
    assert found.title == "Killing of Hamas leader points to break with U.S."
    assert found.byline == "ELLEN KNICKMEYER, Associated Press"
    assert found.dateline == "WASHINGTON"
    kinds = {e.kind for e in found.edits}
    assert {EditKind.PAGE_DATE, EditKind.PUBLISHED_LINE, EditKind.CRUMBS, EditKind.DUPLICATE} <= kinds


def test_seed_001_and_002_furniture() -> None:
    out_001 = cleaned(seed_path("001").read_text(encoding="utf-8")).rstrip()
    assert "Share:" not in out_001
    assert not out_001.endswith("France24/AFP")
    assert out_001.endswith("in the strike that killed Shukr in Beirut.")
    text_002 = seed_path("002").read_text(encoding="utf-8")
    found = find_furniture(text_002)
    assert (found.dateline, found.byline, found.title) == ("JNS", "Joshua Marks", None)
    out_002 = cleaned(text_002)
    assert out_002.startswith("Iran’s Supreme Leader Ayatollah Ali Khamenei shows him (R) meeting")
    assert "Getty Images" not in out_002 and "Photo by" not in out_002
    assert "\nIranian Supreme Leader Ali Khamenei has ordered" in out_002
    assert "Tel Aviv and Haifa could be targeted" in out_002  # a sub-head is not furniture


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_clean_seeds_lose_no_body_line(prefix: str) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line.strip()][1:]  # all but the first line
    out = cleaned(text)
    assert all(line in out for line in body)


def cnn_articles(count: int = 20) -> list[Path]:
    onstory = sorted((CNN / "2024").rglob("*haniyeh*.md"))
    others = sorted((CNN / "2024" / "07" / "25").glob("*.md"))
    return (onstory + others)[:count]


@pytest.mark.parametrize("path", cnn_articles(), ids=lambda p: p.stem[:40])
def test_no_cnn_paragraph_is_lost(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    body = re.sub(r"(?m)^#{1,6}[ \t]+", "", text[header.header_end :])
    out = cleaned(body, title=header.title)
    assert [p.strip() for p in out.splitlines() if p.strip()] == [
        p.strip() for p in body.splitlines() if p.strip()
    ]
