"""Markup and HTML entities inside the lines the boilerplate rules keep.

A tag inside a kept line (``<br>``, ``<a href=...>``) is removed, leaving a space where it
separated two words; an entity (``&amp;rsquo;``, escaped once or more) is decoded. The tag
pattern is also what :func:`~newsweave.stages.clean.line_rules.is_markup_only` tests a whole line with.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newsweave.model import EditKind
from newsweave.stages.clean.edits import Edit
from newsweave.stages.clean.text_lines import Line

_TAG_NAMES = (
    "a|abbr|address|article|aside|audio|b|base|blockquote|body|br|button|canvas|caption|center|cite|code|"
    "col|colgroup|dd|details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|"
    "html|i|iframe|img|input|label|li|link|main|mark|meta|nav|noscript|object|ol|option|p|picture|pre|"
    "section|select|small|source|span|strong|sub|summary|sup|svg|table|tbody|td|template|tfoot|th|thead|"
    "time|title|tr|u|ul|video|wbr"
)
MARKUP = re.compile(
    rf"<(script|style)\b[^>]{{0,4000}}>.{{0,20000}}?</\1\s*>|<!--.{{0,20000}}?-->|</?(?:{_TAG_NAMES})\b[^<>]{{0,4000}}>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|td|th|tr|h[1-6]|figure|section|blockquote|hr)\b", re.IGNORECASE)
# "&amp;rsquo;" (escaped twice) is one repair, not two.
_ENTITY = re.compile(r"&(?:amp;)*(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def inline_edits(text: str, lines: list[Line], kinds: dict[int, EditKind]) -> Iterator[Edit]:
    """Tags and entities inside the lines that are kept."""
    for i, line in enumerate(lines):
        if i in kinds or not line.text:
            continue
        raw = text[line.start : line.end]
        taken: list[tuple[int, int]] = []
        for match in MARKUP.finditer(raw):
            taken.append(match.span())
            yield Edit(
                start=line.start + match.start(),
                end=line.start + match.end(),
                replacement=" " if _separates_words(raw, match) else "",
                kind=EditKind.MARKUP,
            )
        for match in _ENTITY.finditer(raw):
            if any(a <= match.start() < b for a, b in taken):
                continue
            fixed = _unescape_fully(match.group())
            if fixed != match.group():
                yield Edit(
                    start=line.start + match.start(),
                    end=line.start + match.end(),
                    replacement=fixed,
                    kind=EditKind.HTML_ENTITY,
                )


def _separates_words(raw: str, match: re.Match[str]) -> bool:
    """A block-level tag (``<br>``, ``</p>``) between two words was their separator."""
    if not _BLOCK_TAG.match(match.group()) or match.start() == 0 or match.end() == len(raw):
        return False
    return not raw[match.start() - 1].isspace() and not raw[match.end()].isspace()


def _unescape_fully(entity: str) -> str:
    fixed = html.unescape(entity)
    while fixed != entity and _ENTITY.fullmatch(fixed):
        entity, fixed = fixed, html.unescape(fixed)
    return fixed
