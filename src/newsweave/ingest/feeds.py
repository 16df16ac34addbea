"""RSS and Atom feeds (feedparser): one document per entry.

With ``Settings.fetch_feed_pages`` an entry's linked page is fetched and becomes an HTML
document with the entry's metadata as hints. When fetching is off or fails, the entry's own
content or summary becomes a FEED document (after the fetch error, so the caller can report
it), hinted ``fetch_failed`` when a fetch was tried.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from newsweave.config import Settings
from newsweave.errors import EmptyInput, InputError, MalformedInput, UnsupportedInput
from newsweave.ingest.fetch import HTML_TYPES, FetchedPage, fetch
from newsweave.ingest.sniff import HEAD_BYTES, Kind, sniff
from newsweave.model import Container, InputFormat, RawDocument

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")


def iter_feed(
    content: bytes, *, source: str, settings: Settings, base_url: str | None = None
) -> Iterator[RawDocument | InputError]:
    """Documents of the feed ``content``; ``source#entry-<n>`` names the n-th entry (from 1)."""
    headers = {"content-location": base_url} if base_url else {}
    # A stream, never a string: given a string, feedparser would fetch URLs or open files itself.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = _reason(parsed.get("bozo_exception"))
            yield MalformedInput(f"not a readable RSS/Atom feed: {reason}", source=source)
        else:
            yield EmptyInput("feed has no entries", source=source)
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield from _entry_documents(
            entry, source=f"{source}#entry-{number}", outlet=outlet, settings=settings
        )


def _entry_documents(
    entry: Mapping[str, Any], *, source: str, outlet: str | None, settings: Settings
) -> Iterator[RawDocument | InputError]:
    hints = _entry_hints(entry, outlet)
    link = _text(entry.get("link"))
    fallback_hints = hints
    if settings.fetch_feed_pages and link:
        try:
            yield _page_document(fetch(link, settings.fetch), source=link, hints=hints)
            return
        except InputError as exc:
            yield exc
            fallback_hints = (*hints, ("fetch_failed", exc.message))
    yield _summary_document(entry, source=source, link=link, hints=fallback_hints)


def _page_document(page: FetchedPage, *, source: str, hints: tuple[tuple[str, str], ...]) -> RawDocument:
    is_html = (
        page.content_type in HTML_TYPES or sniff(page.content[:HEAD_BYTES], "", source=source) is Kind.HTML
    )
    if not is_html:
        raise UnsupportedInput(
            f"linked page is not HTML ({page.content_type or 'no content type'})", source=source
        )
    return RawDocument(
        source=source,
        content=page.content,
        format=InputFormat.HTML,
        container=Container.URL,
        url=page.url,
        media_type=page.content_type,
        declared_encoding=page.charset,
        version_key=page.url,
        hints=hints,
        fetched_at=page.fetched_at,
    )


def _summary_document(
    entry: Mapping[str, Any], *, source: str, link: str | None, hints: tuple[tuple[str, str], ...]
) -> RawDocument | InputError:
    body = _entry_body(entry)
    if not body.strip():
        return EmptyInput("feed entry has no content or summary", source=source)
    is_html = bool(_TAG.search(body))  # RSS summaries are HTML fragments, often a single tag
    return RawDocument(
        source=source,
        content=body.encode("utf-8"),
        format=InputFormat.HTML if is_html else InputFormat.TEXT,
        container=Container.FEED,
        url=link,
        media_type="text/html" if is_html else "text/plain",
        declared_encoding="utf-8",
        version_key=link or _text(entry.get("id")),
        hints=hints,
    )


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The fullest text an entry carries: its content, else its summary."""
    for part in entry.get("content") or []:
        if value := _text(part.get("value")):
            return value
    return _text(entry.get("summary")) or ""


def _entry_hints(entry: Mapping[str, Any], outlet: str | None) -> tuple[tuple[str, str], ...]:
    pairs = (
        ("title", _text(entry.get("title"))),
        ("url", _text(entry.get("link"))),
        ("published", _text(entry.get("published"))),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning
        ("modified", _text(dict.get(entry, "updated") if isinstance(entry, dict) else None)),
        ("byline", _text(entry.get("author"))),
        ("outlet", outlet),
        ("id", _text(entry.get("id"))),
    )
    return tuple((name, value) for name, value in pairs if value)


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _reason(exc: object) -> str:
    text = " ".join(str(exc).split()) if exc is not None else ""
    return text[:200] or "no entries"
