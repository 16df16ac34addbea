"""HTML to text with trafilatura, on real benchmark pages and on broken HTML."""

from __future__ import annotations

import gzip
import json
from functools import cache

import pytest

from newsweave.errors import ExtractionError
from newsweave.stages.clean.html import extract_html

from .conftest import SHARED

BENCH = SHARED / "corpus" / "scrapinghub-extraction"


@cache
def truth() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    return data


def page(key: str) -> bytes:
    return gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())


SAMPLE = sorted(truth())[:8]


@pytest.mark.parametrize("key", SAMPLE, ids=lambda k: k[:10])
def test_body_starts_with_the_gold_first_paragraph(key: str) -> None:
    gold = [p.strip() for p in truth()[key]["articleBody"].splitlines() if len(p.split()) >= 8]
    extracted = extract_html(page(key), url=truth()[key]["url"], source=key)
    words = " ".join(extracted.text.split())
    assert " ".join(gold[0].split()[:8]) in words
    assert "\n\n" in extracted.text and "\n\n\n" not in extracted.text  # paragraphs, one blank line apart


def test_page_metadata_becomes_hints() -> None:
    key = SAMPLE[0]
    extracted = extract_html(page(key).decode("utf-8"), url=truth()[key]["url"], source=key)
    keys = {name for name, _ in extracted.hints}
    assert {"title", "url"} <= keys
    assert keys <= {"title", "byline", "published", "site_name", "hostname", "url", "description"}
    assert extracted.hint("title")


def test_truncated_html_still_extracts_what_it_can() -> None:
    key = SAMPLE[1]
    full = page(key)
    cut = full[: len(full) * 2 // 3]
    extracted = extract_html(cut, url=None, source="truncated")
    assert len(extracted.text.split()) > 50


@pytest.mark.parametrize(
    "html",
    [b"", "<html><body></body></html>", "<p>" * 50, "<div><p>Cut", b"\x00\x01\x02", "<script>x()</script>"],
)
def test_no_body_is_an_extraction_error(html: str | bytes) -> None:
    with pytest.raises(ExtractionError, match="no article body") as info:
        extract_html(html, url=None, source="bad.html")
    assert info.value.source == "bad.html"
