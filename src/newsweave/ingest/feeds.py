"""RSS and Atom feeds (feedparser): one document per entry.

With ``Settings.fetch_feed_pages`` an entry's linked page is fetched and becomes an HTML
document with the entry's metadata as hints. When fetching is off or fails, the entry's own
content or summary becomes a FEED document, hinted ``fetch_failed`` (why) when a fetch
was tried.

Pages that could not be fetched are reported once, under the feed, after its entries: one
:class:`SkippedInput` such as ``feed.xml: 3 of 12 entries' pages could not be fetched
(timeout ×2, HTTP 404 ×1); their summaries were stored``. Their articles are stored, so
this is no failure. An entry with neither a page nor a summary is one error of its own.
An entry whose link is no http(s) address (RSS ``<guid>`` values are taken as links
unless marked ``isPermaLink="false"``) is not fetched and counts under "link is not a web
address"; its guid still keys its versions.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import feedparser

from newsweave.config import Settings
from newsweave.errors import (
    BlockedAddress,
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    SkippedInput,
    UnsupportedInput,
)
from newsweave.ingest.fetch import HTML_TYPES, FetchedPage, fetch
from newsweave.ingest.sniff import HEAD_BYTES, Kind, sniff
from newsweave.model import Container, InputFormat, RawDocument

_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_HTTP_STATUS = re.compile(r"HTTP (\d{3})\b")
_NOT_WEB = "link is not a web address"
# The start of a fetch error's message -> its short name in the feed's summary line.
_CAUSES = (
    ("timed out", "timeout"),
    ("connection failed", "connection failed"),
    ("DNS lookup", "DNS failure"),
    ("too many redirects", "too many redirects"),
    ("invalid URL", _NOT_WEB),
    ("only http and https", _NOT_WEB),
    ("URL has no host", _NOT_WEB),
    ("linked page is not HTML", "not HTML"),
)


def iter_feed(
    content: bytes, *, source: str, settings: Settings, base_url: str | None = None
) -> Iterator[RawDocument | InputError]:
    """Documents of the feed ``content``; ``source#entry-<n>`` names the n-th entry (from 1)."""
    headers = {"content-location": base_url} if base_url else {}
    try:
        # A stream, never a string: given a string, feedparser would fetch URLs or open files itself.
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
        entries = list(parsed.get("entries") or [])
        outlet = _text(parsed.get("feed", {}).get("title"))
    except Exception as exc:  # feedparser keeps most errors as "bozo"; not all
        yield MalformedInput(
            f"not a readable RSS/Atom feed: {type(exc).__name__}: {_reason(exc)}", source=source
        )
        return
    if not entries:
        if parsed.get("bozo"):
            reason = _reason(parsed.get("bozo_exception"))
            yield MalformedInput(f"not a readable RSS/Atom feed: {reason}", source=source)
        else:
            yield EmptyInput("feed has no entries", source=source)
        return
    unfetched: list[tuple[str, bool]] = []  # (cause, summary stored) per page not fetched
    for number, entry in enumerate(entries, start=1):
        yield from _entry_documents(
            entry, source=f"{source}#entry-{number}", outlet=outlet, settings=settings, unfetched=unfetched
        )
    if unfetched:
        yield SkippedInput(_unfetched_line(unfetched, len(entries)), source=source)


def _entry_documents(
    entry: Mapping[str, Any],
    *,
    source: str,
    outlet: str | None,
    settings: Settings,
    unfetched: list[tuple[str, bool]],
) -> Iterator[RawDocument | InputError]:
    link = _text(entry.get("link"))
    web_link = link if link and _is_web_address(link) else None
    hints = _entry_hints(entry, outlet, web_link)
    key = link or _text(entry.get("id"))
    if not (settings.fetch_feed_pages and link):
        yield _summary_document(entry, source=source, link=web_link, key=key, hints=hints)
        return
    if web_link is None:
        cause, why = _NOT_WEB, f"{_NOT_WEB}: {link[:100]!r}"
    else:
        try:
            yield _page_document(fetch(web_link, settings.fetch), source=web_link, hints=hints)
            return
        except InputError as exc:
            cause, why = _cause(exc), exc.message
        except Exception as exc:  # the fetcher's bug must not cost the feed its other entries
            cause, why = type(exc).__name__, f"{type(exc).__name__}: {_reason(exc)}"
    summary = _summary_document(
        entry, source=source, link=web_link, key=key, hints=(*hints, ("fetch_failed", why))
    )
    if isinstance(summary, InputError):
        summary = EmptyInput(
            f"feed entry has no content or summary, and its page could not be fetched ({why})", source=source
        )
    unfetched.append((cause, isinstance(summary, RawDocument)))
    yield summary


def _cause(error: InputError) -> str:
    """A short name for why a page could not be fetched, for counting (``HTTP 404``, ``timeout``)."""
    if isinstance(error, BlockedAddress):
        return "non-public address"
    if isinstance(error, InputTooLarge):
        return "too large"
    if status := _HTTP_STATUS.match(error.message):
        return f"HTTP {status.group(1)}"
    for start, name in _CAUSES:
        if error.message.startswith(start):
            return name
    return error.message.partition(":")[0][:60]


def _unfetched_line(unfetched: list[tuple[str, bool]], entries: int) -> str:
    """The feed's one line: ``3 of 12 entries' pages could not be fetched (HTTP 404 ×2, timeout ×1); ...``."""
    counts = Counter(cause for cause, _ in unfetched)
    causes = ", ".join(f"{cause} ×{n}" for cause, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    line = f"{len(unfetched)} of {entries} entries' pages could not be fetched ({causes})"
    stored = sum(1 for _, kept in unfetched if kept)
    if stored == len(unfetched):
        return f"{line}; their summaries were stored"
    missing = len(unfetched) - stored
    return (
        f"{line}; {stored} {'summary was' if stored == 1 else 'summaries were'} stored instead, "
        f"{missing} {'entry has' if missing == 1 else 'entries have'} none"
    )


def _is_web_address(link: str) -> bool:
    parts = urlsplit(link)
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


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
    entry: Mapping[str, Any],
    *,
    source: str,
    link: str | None,
    key: str | None,
    hints: tuple[tuple[str, str], ...],
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
        version_key=key,
        hints=hints,
    )


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The fullest text an entry carries: its content, else its summary."""
    for part in entry.get("content") or []:
        if value := _text(part.get("value")):
            return value
    return _text(entry.get("summary")) or ""


def _entry_hints(
    entry: Mapping[str, Any], outlet: str | None, url: str | None
) -> tuple[tuple[str, str], ...]:
    pairs = (
        ("title", _text(entry.get("title"))),
        ("url", url),
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
