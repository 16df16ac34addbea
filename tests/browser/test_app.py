"""The web app over a store holding the five seeds, served on 127.0.0.1 and driven in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import VIEWPORT, Recorder
from .test_report import METHOD_VARIANTS, normalise


@pytest.fixture
def app(recorder: Recorder, seeds_app: str) -> Recorder:
    recorder.page.goto(f"{seeds_app}/")
    return recorder


def assert_local_only(rec: Recorder) -> None:
    hosts = {urlsplit(url).hostname for url in rec.requests}
    assert hosts == {"127.0.0.1"}, hosts


def open_story(page: Page) -> None:
    stories = page.locator("ol.story-list > li > a")
    assert stories.count() >= 1
    stories.filter(has_text=re.compile("Hamas|Haniyeh")).first.click()
    page.wait_for_load_state("load")
    assert "/stories/" in page.url


def test_story_list_to_story_page_to_article_page(app: Recorder, tmp_path: Path) -> None:
    page = app.page
    assert page.locator("h1").inner_text() == "Stories"
    open_story(page)

    method = page.locator("table.disagreement[data-attribute='method']").filter(has_text="Haniyeh")
    assert method.count() == 1
    variants = [normalise(v) for v in method.locator("th.variant").all_inner_texts()]
    assert {name for name in METHOD_VARIANTS if any(v.startswith(name) for v in variants)} == METHOD_VARIANTS
    timeline = page.locator("figure.timeline svg")
    assert timeline.first.is_visible()
    assert timeline.first.locator("a.tl-item").count() >= 5
    assert page.locator("figure.actor-graph svg a.edge").count() >= 3
    page.screenshot(path=tmp_path / "story.png", full_page=True)

    article_links = page.locator("ol.story-articles a")
    assert article_links.count() == 5
    title = normalise(article_links.first.inner_text())
    article_links.first.click()
    page.wait_for_load_state("load")
    assert "/articles/" in page.url
    assert title in normalise(page.locator("main").inner_text())
    text = page.locator("article .text").first
    assert text.is_visible()
    assert text.locator(".hl-actor").count() >= 5  # the article's text with its annotations highlighted

    app.assert_no_errors()
    assert_local_only(app)


def test_search_finds_the_articles_that_contain_the_words(app: Recorder) -> None:
    page = app.page
    box = page.locator("nav input[name='q']")
    box.fill("Mossad bedroom")
    box.press("Enter")
    page.wait_for_load_state("load")
    assert "q=Mossad" in page.url
    hits = page.locator("ol.article-list > li")
    assert hits.count() >= 1
    assert "France 24" in hits.first.inner_text()  # the report of the explosive device in his bedroom

    box = page.locator("nav input[name='q']")
    box.fill("zyxwvut")
    box.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("ol.article-list > li").count() == 0
    assert page.locator("ol.story-list > li").count() == 0

    app.assert_no_errors()
    assert_local_only(app)


def test_clicking_a_disagreement_variant_opens_its_evidence(app: Recorder) -> None:
    page = app.page
    open_story(page)
    method = page.locator("table.disagreement[data-attribute='method']").filter(has_text="Haniyeh")
    row = method.locator("tbody tr").filter(has=page.locator("th.variant", has_text="explosive device"))
    link = row.locator("p.evidence a").first
    href = link.get_attribute("href")
    assert href and "#" in href
    snippet = normalise(link.inner_text()).strip('“”"…')[:60]

    link.click()
    page.wait_for_load_state("load")

    path, fragment = href.split("#", 1)
    assert urlsplit(page.url).path == path
    assert page.evaluate("location.hash") == f"#{fragment}"
    target = page.locator(":target")
    assert target.count() == 1
    box = target.bounding_box()
    assert box is not None and -2 <= box["y"] < VIEWPORT["height"]
    assert snippet in normalise(target.inner_text())

    app.assert_no_errors()
    assert_local_only(app)


def test_pages_give_the_browser_an_icon(app: Recorder, seeds_app: str) -> None:
    """Without one, Chromium asks for /favicon.ico, and a 404 there is a console error."""
    declared = app.page.locator("link[rel~='icon']").count() > 0
    status = app.page.request.get(f"{seeds_app}/favicon.ico").status
    assert declared or status == 200, f"no <link rel=icon> and /favicon.ico answers {status}"


def test_add_form_posts_its_token_and_names_the_upload_only(app: Recorder, tmp_path: Path) -> None:
    # A file of no article format: refused by the reader, so the shared store stays as it was.
    upload = tmp_path / "photo.bin"
    upload.write_bytes(bytes(range(256)) * 8)
    page = app.page
    page.goto(page.url.rstrip("/") + "/add")
    page.set_input_files("input[name=file]", str(upload))
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state("load")
    (message,) = page.locator("p.error").all_inner_texts()
    # the token travelled in the action URL (a missing one says "the form expired")
    assert message.startswith("error: photo.bin: ") and "expired" not in message
    assert str(tmp_path) not in message and "newsweave-uploads" not in message
    assert_local_only(app)
