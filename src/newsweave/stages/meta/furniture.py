"""The page furniture cleaning removed, read back as metadata evidence.

Each removal carries a kind (BYLINE, PUBLISHED_LINE, PAGE_DATE, CREDIT, DATELINE, ...), but
adjacent removals can be merged into one record whose kind is that of only one of them.
So every line of every removal is also recognised by its content: a "Published: ..." line
is a published line whatever record holds it; a line that is nothing but a date is page
furniture (a page-header date), never a publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.model import Article, EditKind
from newsweave.stages.meta.dates import DATE_PATTERN

_PUBLISHED = re.compile(r"^\s*(?:published|posted|first published)\b", re.IGNORECASE)
_UPDATED = re.compile(r"^\s*(?:updated|last updated|modified)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?", re.IGNORECASE
)
_CREDIT_SEPARATOR = re.compile(r"\S\s*/\s*\S")


def removed_lines(article: Article) -> Iterator[tuple[EditKind, str]]:
    """Each non-blank line of each removal, with the kind of the removal that held it."""
    for removal in article.removed:
        for line in removal.text.splitlines():
            if line.strip():
                yield removal.kind, line.strip()


def published_lines(article: Article) -> list[str]:
    """ "Published: July 31, 2024, 4:31pm" lines (never "Updated: ..." ones)."""
    return [
        line
        for kind, line in removed_lines(article)
        if _PUBLISHED.match(line) or (kind is EditKind.PUBLISHED_LINE and not _UPDATED.match(line))
    ]


def is_bare_date(line: str) -> bool:
    """A line holding a full date and nothing else but a weekday ("Wednesday, November 13, 2024")."""
    match = DATE_PATTERN.search(line)
    if match is None or not (match.group("year1") or match.group("year2") or match.group("iso")):
        return False
    rest = _WEEKDAY.sub("", line[: match.start()] + line[match.end() :])
    return not re.sub(r"[\W_]+", "", rest)


def page_date_lines(article: Article) -> list[str]:
    """Page-header dates: PAGE_DATE removals and removed lines that are only a date."""
    return [
        line
        for kind, line in removed_lines(article)
        if kind is EditKind.PAGE_DATE or (is_bare_date(line) and not _PUBLISHED.match(line))
    ]


def byline_lines(article: Article) -> list[str]:
    """Bylines: the one the cleaner kept, BYLINE removals and removed "By ..." lines."""
    lines = [article.byline or ""]
    lines += [line for kind, line in removed_lines(article) if kind is EditKind.BYLINE or _BYLINE.match(line)]
    return list(dict.fromkeys(line for line in lines if line.strip()))


def dateline_texts(article: Article) -> list[str]:
    """Datelines: the one the cleaner kept ("JNS", "WASHINGTON") and DATELINE removals."""
    lines = [article.dateline or ""] + [r.text for r in article.removed if r.kind is EditKind.DATELINE]
    return list(dict.fromkeys(line.strip() for line in lines if line.strip()))


def credit_line_candidates(article: Article) -> list[str]:
    """CREDIT removals, and removed lines shaped like "France24/AFP" (checked against the registry later)."""
    return [
        line
        for kind, line in removed_lines(article)
        if kind is EditKind.CREDIT or (len(line) <= 60 and _CREDIT_SEPARATOR.search(line))
    ]


def markup_texts(article: Article) -> list[str]:
    """Where markup can hide: every removal, and the text itself if cleaning left a tag."""
    return [r.text for r in article.removed] + [article.text]
