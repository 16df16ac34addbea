"""URL sources: fetch the page, then read it as whatever it turns out to be (page, feed, ...)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest.fetch import HTML_TYPES, FetchedPage, fetch
from newsweave.ingest.route import documents_from_bytes
from newsweave.ingest.sniff import HEAD_BYTES, Kind, sniff
from newsweave.model import Container, RawDocument

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Whether ``source`` is a URL rather than a path (fetching refuses schemes other than http(s))."""
    return bool(_URL.match(source))


def iter_url_documents(url: str, settings: Settings) -> Iterator[RawDocument | InputError]:
    """The documents behind ``url``: one page, or a feed's entries."""
    try:
        page = fetch(url, settings.fetch)
        kind = _page_kind(page, source=url)
    except InputError as exc:
        yield exc
        return
    name = urlsplit(page.url).path
    for item in documents_from_bytes(
        page.content, kind, source=url, name=name, settings=settings, base_url=page.url
    ):
        yield _as_fetched(item, page) if isinstance(item, RawDocument) else item


def _page_kind(page: FetchedPage, *, source: str) -> Kind:
    kind = sniff(page.content[:HEAD_BYTES], urlsplit(page.url).path, source=source)
    if kind is Kind.TEXT and page.content_type in HTML_TYPES:
        return Kind.HTML  # the server says HTML and the content does not contradict it
    return kind


def _as_fetched(document: RawDocument, page: FetchedPage) -> RawDocument:
    """A page's own document, marked as fetched from its URL (records of a JSON/WARC stay as they are)."""
    if document.container is not Container.FILE:
        return document
    return dataclasses.replace(
        document,
        container=Container.URL,
        url=document.url or page.url,
        media_type=page.content_type or document.media_type,
        declared_encoding=page.charset,
        version_key=document.version_key or page.url,
        fetched_at=page.fetched_at,
    )
