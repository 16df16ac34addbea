"""The self-contained HTML report of the five seeds, opened from file:// in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator

from .conftest import VIEWPORT, Recorder

METHOD_VARIANTS = {"missile strike", "airstrike", "explosive device"}
KILLING_DAY = "2024-07-31"  # Haniyeh was killed in Tehran early on 31 July 2024


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def open_offline(recorder: Recorder, report: Path) -> str:
    """Open ``report`` with every other request aborted (and recorded)."""
    url = report.as_uri()
    recorder.allow_only(url)
    recorder.page.goto(url)
    recorder.page.wait_for_load_state("load")
    return url


def method_disagreement(recorder: Recorder) -> Locator:
    tables = recorder.page.locator("table.disagreement[data-attribute='method']").filter(has_text="Haniyeh")
    assert tables.count() == 1, "one method disagreement about Haniyeh's killing"
    return tables.first


def in_viewport(target: Locator) -> bool:
    box = target.bounding_box()
    return box is not None and -2 <= box["y"] < VIEWPORT["height"] and box["height"] > 0


def test_seeds_report_makes_no_request_and_logs_no_error(recorder: Recorder, seeds_report: Path) -> None:
    url = open_offline(recorder, seeds_report)
    recorder.page.wait_for_timeout(300)  # give late fetches/timers a chance to show up

    assert recorder.blocked == []
    assert {u.split("#", 1)[0] for u in recorder.requests} == {url}
    recorder.assert_no_errors()
    external = recorder.page.evaluate(
        """() => [...document.querySelectorAll('[src], link[href]')]
                 .map(el => el.getAttribute('src') || el.getAttribute('href'))
                 .filter(v => !v.startsWith('data:'))"""
    )
    assert external == []


def test_seeds_report_shows_the_method_disagreement_and_the_timeline(
    recorder: Recorder, seeds_report: Path
) -> None:
    open_offline(recorder, seeds_report)
    table = method_disagreement(recorder)
    assert table.is_visible()
    variants = [normalise(v) for v in table.locator("th.variant").all_inner_texts()]
    shown = {name for name in METHOD_VARIANTS if any(v.startswith(name) for v in variants)}
    assert shown == METHOD_VARIANTS, variants
    # Every variant is backed by at least one evidence sentence.
    for row in table.locator("tbody tr").all():
        assert row.locator("a[href^='#']").count() >= 1, row.inner_text()

    chart = recorder.page.locator("figure.timeline svg").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 50
    items = chart.locator("a.tl-item")
    assert items.count() >= 5
    titles = " ".join(items.locator("title").all_text_contents())
    assert KILLING_DAY in titles
    assert "Haniyeh" in titles


def test_clicking_a_variant_jumps_to_its_evidence_sentence(
    recorder: Recorder, seeds_report: Path, tmp_path: Path
) -> None:
    open_offline(recorder, seeds_report)
    page = recorder.page
    rows = method_disagreement(recorder).locator("tbody tr")
    for name in sorted(METHOD_VARIANTS):
        row = rows.filter(has=page.locator("th.variant", has_text=name))
        link = row.locator("a[href^='#']").first
        href = link.get_attribute("href")
        assert href
        snippet = normalise(link.inner_text()).strip('“”"…')[:60]

        link.click()

        assert page.evaluate("location.hash") == href
        target = page.locator(":target")
        assert target.count() == 1
        assert target.get_attribute("id") == href[1:]
        assert in_viewport(target), (name, target.bounding_box())
        assert snippet in normalise(target.inner_text()), (name, snippet)
        if name == "explosive device":
            page.screenshot(path=tmp_path / "evidence.png")
    recorder.assert_no_errors()
    assert recorder.blocked == []


def test_every_citation_and_fragment_link_has_a_target(recorder: Recorder, seeds_report: Path) -> None:
    open_offline(recorder, seeds_report)
    page = recorder.page
    broken = page.evaluate(
        """() => [...document.querySelectorAll('a[href^="#"]')]
                 .map(a => a.getAttribute('href'))
                 .filter(h => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))))"""
    )
    assert broken == []

    citations = page.locator(".briefing a.cite")
    assert citations.count() >= 3
    cite = citations.first
    href = cite.get_attribute("href")
    assert href
    cite.click()
    target = page.locator(":target")
    assert target.get_attribute("id") == href[1:]
    assert in_viewport(target)


def test_seeds_report_screenshot(recorder: Recorder, seeds_report: Path, tmp_path: Path) -> None:
    open_offline(recorder, seeds_report)
    shot = tmp_path / "report.png"
    recorder.page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 50_000  # a real page of text and charts, not a blank one


@pytest.mark.parametrize("print_media", [False, True], ids=["screen", "print"])
def test_seeds_report_is_readable_without_javascript_and_in_print(
    recorder_no_js: Recorder, seeds_report: Path, print_media: bool
) -> None:
    rec = recorder_no_js
    open_offline(rec, seeds_report)
    if print_media:
        rec.page.emulate_media(media="print")
    table = method_disagreement(rec)
    assert table.is_visible()
    assert "explosive device" in table.inner_text()
