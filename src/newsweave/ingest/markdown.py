"""Markdown articles: the file itself as the payload, metadata from its header as hints.

The header (front matter or a scraper header) is read by :func:`newsweave.stages.clean.markdown.parse_header`,
which the cleaner also uses to cut it from the text.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from newsweave.model import InputFormat, RawDocument
from newsweave.stages.clean.markdown import parse_header

_DATE_PREFIX = re.compile(r"^\d{4}[-_]\d{2}[-_]\d{2}[-_]")
_REVISION_SUFFIX = re.compile(r"__commit_.*$")


def markdown_document(content: bytes, *, source: str, name: str = "") -> RawDocument:
    """A Markdown file as one article: the whole file is the payload, the header gives hints.

    The version key is the header's URL when it states one; otherwise the caller keys the
    document by where it came from (the file's path, or the page's URL). ``name`` is not
    used any more and stays for callers that pass it.
    """
    del name
    header = parse_header(content.decode("utf-8", errors="replace"))
    return RawDocument(
        source=source,
        content=content,
        format=InputFormat.MARKDOWN,
        url=header.url,
        media_type="text/markdown",
        version_key=header.url,
        hints=header.hints,
    )


def version_slug(name: str) -> str | None:
    """``slug:<slug>`` for a file or URL path, so revisions of one article share a key.

    Date prefixes and revision suffixes are dropped: the CNN corpus saves
    ``2024/07/31/<slug>.md`` and ``onstory_versions/2024_07_31_<slug>__commit_<time>.md``.
    """
    stem = PurePosixPath(urlsplit(name).path if "://" in name else name).name
    for suffix in (".markdown", ".md", ".html", ".htm", ".txt"):
        stem = stem.removesuffix(suffix)
    slug = _REVISION_SUFFIX.sub("", _DATE_PREFIX.sub("", stem)).strip()
    return f"slug:{slug}" if slug else None
