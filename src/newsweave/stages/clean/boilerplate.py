"""Page furniture left in texts that are already text: where the line classifiers hold, and the edits.

A scraped or copy-pasted article keeps bits of the page around it: a tracking ``<img>``
tag, "Linkedin Pinterest" share buttons, "News / Politics" crumbs, "2 Photos", captions
that are printed twice, "Loading...", "Tags", a trailing "France24/AFP". Each rule
(:mod:`~newsweave.stages.clean.line_rules`) recognises one kind of furniture;
:func:`find_furniture` applies them where they hold, marks the headline, the dates and the
duplicated captions, and proposes removal edits (or, for markup and HTML entities in the lines
it keeps, :mod:`~newsweave.stages.clean.inline_markup`'s repairs). It also returns what the
removed lines tell about the article (headline, byline, dateline) so it can be kept as metadata.

Precision matters more than recall: a missed "Share:" line costs little, a lost body
sentence costs a fact. So every rule matches a whole line against a narrow pattern, and
the rules that could mistake prose for furniture (bylines, dates, crumbs, credit lines,
the headline) apply only at the *edges* of the text: before the first body paragraph
(the header) or after the last one (the tail). A body paragraph is a line of prose:
it ends like a sentence, or it is long.

Headline rule (plain text only; Markdown and HTML state their title): the first line of the
header that is not furniture is the headline when it is short and does not end like a
sentence, and at most two such lines (the dek, or standfirst) follow it before the body.
The headline becomes ``Article.title``; headline and dek are both recorded as TITLE
removals. The dek is removed, not kept as a first paragraph, so that cleaning is
idempotent: a dek left at the top would look like a headline to the next cleaning.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass

from newsweave.model import EditKind
from newsweave.stages.clean.edits import Edit
from newsweave.stages.clean.inline_markup import inline_edits
from newsweave.stages.clean.line_rules import (
    ANYWHERE_RULES,
    BYLINE,
    CAPTION_CREDIT,
    HEADER_RULES,
    TAIL_RULES,
    LineRule,
    is_date_only,
    is_headline,
    is_prose,
)
from newsweave.stages.clean.text_lines import Line, split_lines

_MAX_DEK_LINES = 2
_MIN_DUPLICATE_WORDS = 10
_LEAD_LINES = 3  # a caption repeated in the body is printed among the first lines

_DATELINE = re.compile(
    r"(?P<dateline>\((?P<agency>[A-Z][A-Za-z&.]{1,15})\)"
    r"|[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,2})?"
    r"(?:\s\([A-Z][A-Za-z&.]{1,15}\))?)"
    r"\s+(?:—|–|--?)\s+(?=\S)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Furniture:
    """Edits that remove the page furniture of a text, and what it told about the article."""

    edits: tuple[Edit, ...]
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None


def boilerplate_edits(text: str, *, title: str | None = None) -> list[Edit]:
    """Edits removing page furniture from ``text`` (and repairing HTML entities left in it)."""
    return list(find_furniture(text, title=title).edits)


def find_furniture(text: str, *, title: str | None = None) -> Furniture:
    """Classify the lines of ``text``; ``title``, when the input states one, replaces the headline rule."""
    lines = split_lines(text)
    kinds: dict[int, EditKind] = {}
    for i, line in enumerate(lines):
        if line.text and (kind := _first_match(ANYWHERE_RULES, line.text)):
            kinds[i] = kind
    _mark_duplicates(lines, kinds)
    body = [i for i, line in enumerate(lines) if line.text and i not in kinds and is_prose(line.text)]
    if title is None and len(body) > 1 and _is_leading_headline(lines, kinds, body[0]):
        body = body[1:]  # a long headline is not the first paragraph
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else len(lines)
    for i in range(first_body):
        if lines[i].text and i not in kinds and (kind := _first_match(HEADER_RULES, lines[i].text)):
            kinds[i] = kind
    for i in range(last_body + 1, len(lines)):
        if lines[i].text and i not in kinds and (kind := _first_match(TAIL_RULES, lines[i].text)):
            kinds[i] = kind
    headline = _mark_headline(lines, kinds, first_body, title)
    _mark_dates(lines, kinds, first_body)
    edits = []
    for i, k in kinds.items():
        credit = _caption_credit(lines[i]) if k is EditKind.PHOTO else None
        if credit is not None:
            edits.append(credit)
            continue
        edits.append(Edit(start=lines[i].start, end=_removal_end(lines, i), replacement="", kind=k))
    kinds = {i: k for i, k in kinds.items() if not (k is EditKind.PHOTO and _caption_credit(lines[i]))}
    dateline = _dateline_edit(lines[first_body]) if body else None
    if dateline:
        edits.append(dateline[0])
    edits += inline_edits(text, lines, kinds)
    byline = next(
        (_byline_name(lines[i].text) for i, k in sorted(kinds.items()) if k is EditKind.BYLINE), None
    )
    return Furniture(
        edits=tuple(sorted(edits, key=lambda e: e.start)),
        title=headline,
        byline=byline,
        dateline=dateline[1] if dateline else None,
    )


def _caption_credit(line: Line) -> Edit | None:
    """The photo credit at the end of a real caption, which is removed while the caption stays.

    A caption is the outlet's own text and can carry facts the body does not (seed 004's
    caption is where AP says Haniyeh "was killed in an airstrike"); its credit and gallery
    link are furniture. Only its verbatim twin is removed, as a duplicate.
    """
    match = CAPTION_CREDIT.search(line.text)
    if match is None or len(line.text[: match.start()].split()) < _MIN_DUPLICATE_WORDS:
        return None
    prefix = line.text[: match.start()].rstrip()
    start = line.start + line.lead + len(prefix)
    return Edit(start=start, end=line.start + line.lead + len(line.text), replacement="", kind=EditKind.PHOTO)


def _removal_end(lines: list[Line], i: int) -> int:
    """A removed line takes the blank lines after it along, so no gap is left behind.

    Whitespace cleaning later would otherwise remove those gaps and merge the separate
    removals around them into one record of one kind.
    """
    j = i + 1
    while j < len(lines) and not lines[j].text:
        j += 1
    return lines[j].start if j < len(lines) else lines[-1].stop


def _first_match(rules: tuple[tuple[EditKind, LineRule], ...], line: str) -> EditKind | None:
    return next((kind for kind, rule in rules if rule(line)), None)


def _mark_duplicates(lines: list[Line], kinds: dict[int, EditKind]) -> None:
    """Captions printed twice: the twin of a caption line, or a lead paragraph the body repeats.

    Only the top of the text is looked at: speeches and schedules repeat lines on purpose.
    """
    captions = [lines[i].norm for i, k in kinds.items() if k is EditKind.PHOTO]
    content = [i for i, line in enumerate(lines) if line.text and i not in kinds]
    later = collections.Counter(lines[i].norm for i in content[_LEAD_LINES:])
    for rank, i in enumerate(content):
        line = lines[i]
        if len(line.text.split()) < _MIN_DUPLICATE_WORDS:
            continue
        norm = line.norm
        caption_twin = any(c != norm and c.startswith(norm) for c in captions)
        if caption_twin or (rank < _LEAD_LINES and later[norm]):
            kinds[i] = EditKind.DUPLICATE


def _is_leading_headline(lines: list[Line], kinds: dict[int, EditKind], index: int) -> bool:
    """The first content line of the text, shaped like a headline (no closing punctuation)."""
    first_content = next((i for i, line in enumerate(lines) if line.text and i not in kinds), None)
    return index == first_content and is_headline(lines[index].text)


def _mark_headline(
    lines: list[Line], kinds: dict[int, EditKind], first_body: int, title: str | None
) -> str | None:
    content = [
        i for i in range(first_body) if lines[i].text and i not in kinds and not is_date_only(lines[i].text)
    ]
    if not content or first_body == len(lines):
        return None
    first = content[0]
    if title is not None:
        if lines[first].norm.casefold() == " ".join(title.split()).casefold():
            kinds[first] = EditKind.TITLE
        return None
    if len(content) > 1 + _MAX_DEK_LINES or not all(is_headline(lines[i].text) for i in content):
        return None
    for i in content:
        kinds[i] = EditKind.TITLE
    return lines[first].text


def _mark_dates(lines: list[Line], kinds: dict[int, EditKind], first_body: int) -> None:
    """A date line above the headline is the page's (often the crawl) date; below it, the article's."""
    seen_content = False
    for i in range(first_body):
        text = lines[i].text
        if i not in kinds and text and is_date_only(text):
            kinds[i] = EditKind.PUBLISHED_LINE if seen_content else EditKind.PAGE_DATE
        elif text and kinds.get(i) in (None, EditKind.TITLE, EditKind.BYLINE):
            seen_content = True


def _dateline_edit(line: Line) -> tuple[Edit, str] | None:
    match = _DATELINE.match(line.text)
    if not match:
        return None
    start = line.start + line.lead
    edit = Edit(start=start, end=start + match.end(), replacement="", kind=EditKind.DATELINE)
    return edit, match.group("agency") or match.group("dateline")


def _byline_name(line: str) -> str:
    match = BYLINE.fullmatch(line)
    return match.group("name").strip() if match else line
