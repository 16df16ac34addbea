"""The metadata header of a Markdown article: YAML front matter or a scraper header.

Two header shapes occur in the wild and in ``../shared/corpus``:

- a scraper header (CNN corpus): ``# <headline>``, ``Published :`YYYY-MM-DD HH:MM:SS```,
  ``---``. The stamp is when the scraper saw the page, so it is hinted with
  ``published_note=scrape-time`` and the cleaner must not take it as a publication date;
- YAML front matter (White House corpus): ``date``, ``published_time``, ``source_url``,
  ``title`` ...

:func:`parse_header` is pure: the Markdown reader (:mod:`newsweave.ingest.markdown`) takes its
hints, the cleaner uses ``header_end`` to cut the header.

Front matter is untrusted YAML. It is read with a safe loader that refuses aliases (a
recursive alias, or a "billion laughs" of nested ones, would otherwise be expanded by
whoever walks the result) and keeps dates as written (``2024-13-01`` is text for the
metadata stage to judge, not a crash in the YAML timestamp constructor). A block over
:data:`MAX_FRONT_MATTER_CHARS` is not read. Whatever goes wrong, the article is still
ingested: the header is cut as usual and the reason is hinted as ``front_matter_error``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

_TITLE_LINE = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*(?:\n|\Z)")
_PUBLISHED_LINE = re.compile(r"Published[ \t]*:[ \t]*`?(?P<value>[^`\n]*?)`?[ \t]*(?:\n|\Z)", re.IGNORECASE)
_RULE_LINE = re.compile(r"(?:---+|\*\*\*+|___+)[ \t]*(?:\n|\Z)")
_BLANK_LINES = re.compile(r"(?:[ \t\u00a0\u3000]*\n)*")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER_CHARS = 64 * 1024  # real front matter is a few hundred characters
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"

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


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, and with timestamps left as the text written."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not read in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _timestamp_as_written(loader: _FrontMatterLoader, node: yaml.Node) -> str:
    return loader.construct_yaml_str(node)


_FrontMatterLoader.add_constructor(_TIMESTAMP_TAG, _timestamp_as_written)  # an explicit !!timestamp


def _front_matter_hints(block: str) -> tuple[tuple[str, str], ...]:
    if len(block) > MAX_FRONT_MATTER_CHARS:
        return (
            ("front_matter_error", f"front matter larger than {MAX_FRONT_MATTER_CHARS} characters; not read"),
        )
    try:
        data = yaml.load(block, Loader=_FrontMatterLoader)  # a safe loader, stricter still
        return _hints_of(data)
    except yaml.YAMLError as exc:
        # the first line says what is wrong; the next ones point into "<unicode string>"
        return (("front_matter_error", _one_line(str(exc).partition("\n")[0]) or type(exc).__name__),)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # the safe constructors raise these for values such as !!int with 5,000 digits,
        # and nesting deep enough exhausts the composer's stack
        return (
            ("front_matter_error", f"unreadable front matter: {type(exc).__name__}: {_one_line(str(exc))}"),
        )


def _hints_of(data: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(data, dict):
        return ()
    hints: list[tuple[str, str]] = []
    for hint, keys in _FRONT_MATTER_HINTS:
        for key in keys:
            if (value := _scalar(data.get(key))) is not None:
                hints.append((hint, value))
                break
    return tuple(hints)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


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
