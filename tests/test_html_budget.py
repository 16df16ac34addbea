"""Hostile HTML is refused before lxml or trafilatura parse it; real pages are all within budget."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsweave.errors import InputTooLarge
from newsweave.stages.clean.html import DEFAULT_BUDGET, check_budget, extract_html

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "scrapinghub-extraction" / "html"


def _page(body: str) -> str:
    return f"<html><head><title>t</title></head><body><article>{body}</article></body></html>"


BOMBS = {
    "character references": _page("<p>Hello " + "&amp;" * 200_000 + " end.</p>"),
    "attributes on one tag": _page(
        "<p " + " ".join(f'a{i}="x"' for i in range(200_000)) + ">The minister met the envoy.</p>"
    ),
    "block elements": _page("".join(f"<p>Paragraph {i}: the envoy spoke.</p>" for i in range(50_000))),
    "characters": _page("<p>" + "word " * 2_100_000 + "</p>"),
}


@pytest.mark.parametrize("what", sorted(BOMBS))
def test_a_page_past_a_limit_is_refused_as_too_large(what: str) -> None:
    with pytest.raises(InputTooLarge) as caught:
        extract_html(BOMBS[what], url=None, source="bomb.html")
    assert caught.value.source == "bomb.html"
    assert what in caught.value.message and "too large" in caught.value.message


def test_deep_nesting_is_left_to_lxml_and_does_not_stop_extraction() -> None:
    html = "<html><body>" + "<span>" * 100_000 + "deep" + "</span>" * 100_000
    html += "<p>The minister met the envoy in Doha on Tuesday to discuss the talks.</p></body></html>"
    check_budget(html, source="deep.html")  # spans are inline: no limit of ours is reached
    try:
        extract_html(html, url=None, source="deep.html")
    except InputTooLarge:
        pytest.fail("nesting is not a size problem")
    except Exception as exc:  # an ExtractionError is a fair answer for such a page
        assert type(exc).__name__ == "ExtractionError"


def test_every_real_page_is_within_the_budget() -> None:
    pages = sorted(PAGES.glob("*.html.gz"))
    assert len(pages) > 150
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        assert "<html" in html.lower()
        check_budget(html, source=page.name, budget=DEFAULT_BUDGET)
