"""Markdown articles: metadata from the header, the file itself as the payload.

Two header shapes occur in the wild and in ``../shared/corpus``:

- a scraper header (CNN corpus): ``# <headline>``, ``Published :`YYYY-MM-DD HH:MM:SS```,
  ``---``. The stamp is when the scraper saw the page, so it is hinted with
  ``published_note=scrape-time`` and the cleaner must not take it as a publication date;
- YAML front matter (White House corpus): ``date``, ``published_time``, ``source_url``,
  ``title`` ...

:func:`parse_header` is pure, so the cleaner can use ``header_end`` to cut the header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import yaml

from newsweave.model import InputFormat, RawDocument

_TITLE_LINE = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*(?:\n|\Z)")
_PUBLISHED_LINE = re.compile(r"Published[ \t]*:[ \t]*`?(?P<value>[^`\n]*?)`?[ \t]*(?:\n|\Z)", re.IGNORECASE)
_RULE_LINE = re.compile(r"(?:---+|\*\*\*+|___+)[ \t]*(?:\n|\Z)")
_BLANK_LINES = re.compile(r"(?:[ \t\u00a0\u3000]*\n)*")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_DATE_PREFIX = re.compile(r"^\d{4}[-_]\d{2}[-_]\d{2}[-_]")
_REVISION_SUFFIX = re.compile(r"__commit_.*$")

# front-matter key -> hint name, first present wins per hint
_FRONT_MATTER_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title", "headline")),
    ("published", ("published_time", "published", "date", "pubDate")),
    ("modified", ("modified_time", "modified", "updated")),
    ("url", ("source_url", "url", "canonical_url", "link")),
    ("byline", ("author", "authors", "byline")),
    ("outlet", ("outlet", "site_name", "publisher")),
    ("tags", ("tags", "categories")),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkdownHeader:
    """Metadata a Markdown header states, and where the body starts."""

    title: str | None = None
    published: str | None = None
    url: str | None = None
    hints: tuple[tuple[str, str], ...] = ()  # every (field, value) read, in header order
    header_end: int = 0  # character offset of the body in the text given to parse_header


def parse_header(text: str) -> MarkdownHeader:
    """Read the metadata header of the Markdown ``text`` (front matter or scraper header)."""
    start = 1 if text.startswith("\ufeff") else 0
    front = _FRONT_MATTER.match(text, start)
    if front:
        hints = _front_matter_hints(front.group("yaml") or "")
        return _header(hints, _skip_blank(text, front.end()))
    return _scraper_header(text, _skip_blank(text, start))


def markdown_document(content: bytes, *, source: str, name: str) -> RawDocument:
    """A Markdown file as one article: the whole file is the payload, the header gives hints."""
    header = parse_header(content.decode("utf-8", errors="replace"))
    return RawDocument(
        source=source,
        content=content,
        format=InputFormat.MARKDOWN,
        url=header.url,
        media_type="text/markdown",
        version_key=header.url or version_slug(name),
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


def _scraper_header(text: str, pos: int) -> MarkdownHeader:
    hints: list[tuple[str, str]] = []
    end = 0
    if title := _TITLE_LINE.match(text, pos):
        hints.append(("title", title.group("title").strip()))
        pos = end = _skip_blank(text, title.end())
    if published := _PUBLISHED_LINE.match(text, pos):
        if value := published.group("value").strip():
            hints += [("published", value), ("published_note", "scrape-time")]
        pos = end = _skip_blank(text, published.end())
    if end and (rule := _RULE_LINE.match(text, pos)):
        end = _skip_blank(text, rule.end())
    return _header(tuple(hints), end)


def _front_matter_hints(block: str) -> tuple[tuple[str, str], ...]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return (("front_matter_error", reason),)
    if not isinstance(data, dict):
        return ()
    hints: list[tuple[str, str]] = []
    for hint, keys in _FRONT_MATTER_HINTS:
        for key in keys:
            if (value := _scalar(data.get(key))) is not None:
                hints.append((hint, value))
                break
    return tuple(hints)


def _scalar(value: object) -> str | None:
    """A YAML value as hint text (YAML turns timestamps into datetimes; keep them ISO)."""
    if value is None:
        return None
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = [item for item in (_scalar(v) for v in value) if item]
        return ", ".join(items) or None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    text = str(value).strip()
    return text or None


def _header(hints: tuple[tuple[str, str], ...], header_end: int) -> MarkdownHeader:
    values = dict(reversed(hints))  # first occurrence wins
    return MarkdownHeader(
        title=values.get("title"),
        published=values.get("published"),
        url=values.get("url"),
        hints=hints,
        header_end=header_end,
    )


def _skip_blank(text: str, pos: int) -> int:
    blank = _BLANK_LINES.match(text, pos)
    return blank.end() if blank else pos
