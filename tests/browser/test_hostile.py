"""A hostile article (script tags, onerror=, javascript: links, stray closing tags), ingested as
.txt and as .html, is shown as text in the report and the web app and runs nothing.

Every payload sets ``window.__pwned``; it must stay undefined after opening and clicking around.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .conftest import Recorder

# What the cleaner keeps of the hostile article as text (it strips well-formed tags such as
# <img …>, <a …> and <script>…</script> as web furniture, and keeps the rest).
KEPT_AS_TEXT = ("<script>", "</script>", '<image src=x onerror="window.__pwned=1">')
# Stripped as furniture: the report lists them, verbatim, under "Removed furniture".
REMOVED = ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">', "</section>")

# Anything our pages carry that a payload could have put there.
FIND_INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const at of el.attributes) {
      const name = at.name.toLowerCase();
      if (name.startsWith('on') && at.value.includes('pwned')) bad.push(`${el.tagName} ${name}`);
      if (/^\\s*javascript:/i.test(at.value)) bad.push(`${el.tagName} ${name}=${at.value}`);
    }
    if ((el.tagName === 'IMG' || el.tagName === 'IMAGE') && /^[xy]$/.test(el.getAttribute('src') || ''))
      bad.push(`${el.tagName} src=${el.getAttribute('src')}`);
  }
  return bad;
}"""
OPEN_ALL_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


def assert_inert(rec: Recorder) -> None:
    """Nothing ran, nothing was injected, and the page had nothing to complain about (a payload
    that a Content-Security-Policy blocked would show up as a console error)."""
    assert rec.pwned() is None
    assert rec.page.evaluate(FIND_INJECTED) == []
    rec.assert_no_errors()


def page_text(rec: Recorder) -> str:
    return str(rec.page.evaluate("() => document.body.innerText"))


def click_hostile_highlights(rec: Recorder, container: str) -> int:
    """Click every link inside the hostile article's text (highlights, citations)."""
    links = rec.page.locator(f"{container} a[href]")
    count = links.count()
    for i in range(count):
        link = links.nth(i)
        href = link.get_attribute("href") or ""
        if href.startswith("#") and link.is_visible():
            link.click()
    return count


def test_hostile_article_is_text_in_the_report(recorder: Recorder, hostile_report: Path) -> None:
    url = hostile_report.as_uri()
    recorder.allow_only(url)
    page = recorder.page
    page.goto(url)
    page.wait_for_load_state("load")
    assert_inert(recorder)

    articles = page.locator("article.article")
    assert articles.count() == 2  # the .txt and the .html
    for i in range(articles.count()):
        article = articles.nth(i)
        text = article.inner_text()
        for kept in KEPT_AS_TEXT:
            assert kept in text, kept
        # Stray closing tags did not close the article early: its last paragraph is still inside.
        assert "ferry plan would return next year" in text
    assert any("<script>" in heading for heading in page.locator("h1, h2, h3").all_inner_texts())
    assert page.locator("footer.page-footer").count() == 1

    clicked = click_hostile_highlights(recorder, "article.article .text")
    assert clicked > 5
    page.evaluate(OPEN_ALL_DETAILS)
    text = page_text(recorder)
    for removed in REMOVED:
        assert removed in text, removed
    assert_inert(recorder)
    assert recorder.blocked == []


def crawl(rec: Recorder, start: str, *, limit: int = 40) -> dict[str, str]:
    """Visit the app's HTML pages reachable from ``start``, links out of pages that show the
    hostile article first. Return each page's visible text; fail on anything executed or
    injected on the way."""
    origin = urlsplit(start).netloc
    seen: dict[str, str] = {}
    hot: list[str] = [start]  # linked from a page that shows the hostile article
    cold: list[str] = []
    while (hot or cold) and len(seen) < limit:
        url = (hot or cold).pop(0)
        if url in seen:
            continue
        response = rec.page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        assert_inert(rec)
        seen[url] = page_text(rec)
        queue = hot if "Mara Lind" in seen[url] or "ferry" in seen[url] else cold
        for href in rec.page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))"):
            target = urljoin(url, href).split("#", 1)[0]
            if urlsplit(target).netloc == origin and target not in seen and not _is_json(target):
                queue.append(target)
    return seen


def _is_json(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith(".json") or "/api/" in path or path.startswith(("/docs", "/openapi"))


def test_hostile_article_is_text_in_the_app(recorder: Recorder, hostile_app: str) -> None:
    pages = crawl(recorder, f"{hostile_app}/")
    assert len(pages) >= 5
    hostile_pages = [url for url, text in pages.items() if "Mara Lind" in text]
    assert hostile_pages, "the crawl reached the hostile article"
    for url in hostile_pages:
        assert "&lt;" not in pages[url], f"{url} escapes the article text twice"
    article_pages = [url for url in hostile_pages if urlsplit(url).path.startswith("/articles/")]
    assert len(article_pages) >= 2  # the .txt and the .html
    for url in article_pages:
        for kept in KEPT_AS_TEXT:
            assert kept in pages[url], (url, kept)
        assert "ferry plan would return next year" in pages[url]
        recorder.page.goto(url)
        click_hostile_highlights(recorder, "main")
        assert_inert(recorder)

    search = f"{hostile_app}/?q=ferry"
    recorder.page.goto(search)
    assert_inert(recorder)
    assert re.search(r"<script>|ferry", page_text(recorder))

    assert {urlsplit(u).hostname for u in recorder.requests} <= {"127.0.0.1"}
