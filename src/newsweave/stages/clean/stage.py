"""The 'clean' stage: RawDocument -> Article, with every change recorded as a repair or removal.

Steps, all through one :class:`~newsweave.stages.clean.edits.EditLog` so offsets stay exact:

1. decode the bytes (:func:`~newsweave.stages.clean.encoding.decode_bytes`);
2. HTML is reduced to its article body by trafilatura, every character of it kept (see
   :mod:`~newsweave.stages.clean.html`), so for HTML the log (and undo) starts from the extracted
   text, not from the markup; text and Markdown are used as decoded;
3. control characters (:func:`~newsweave.stages.clean.text.remove_controls`): NUL and other C0
   controls, DEL and terminal escape sequences out, vertical tab and form feed to line breaks;
4. Markdown loses its metadata header (FRONT_MATTER) and the ``#`` markers of its
   sub-heads (MARKUP);
5. mojibake repairs (:func:`~newsweave.stages.clean.mojibake.mojibake_edits`);
6. page furniture (:mod:`~newsweave.stages.clean.boilerplate`), repeated until nothing more is
   found, since removing one line can expose another (a dek under a headline);
7. whitespace (:mod:`~newsweave.stages.clean.text`).

No step normalises Unicode (no NFC or NFKC): every character the steps leave alone is the
input's own code point, so ``"\u09af\u09bc"`` stays two and a decomposed accent stays
decomposed. Cleaning is idempotent: cleaning an article's text again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsweave.config import Settings
from newsweave.errors import EmptyInput
from newsweave.model import (
    Annotations,
    Article,
    EditKind,
    InputFormat,
    RawDocument,
    Removal,
    Repair,
    Span,
    article_id_for,
    content_hash,
)
from newsweave.pipeline import stage
from newsweave.stages.clean.boilerplate import find_furniture
from newsweave.stages.clean.edits import Edit, EditLog
from newsweave.stages.clean.encoding import decode_bytes
from newsweave.stages.clean.html import extract_html
from newsweave.stages.clean.markdown import parse_header
from newsweave.stages.clean.mojibake import mojibake_edits
from newsweave.stages.clean.text import normalize_whitespace, paragraph_spans, remove_controls

_MAX_FURNITURE_ROUNDS = 4
_HEADING_MARKER = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.MULTILINE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cleaned:
    """Clean text, the record of how it was reached, and what cleaning learnt on the way."""

    text: str
    repairs: tuple[Repair, ...]
    removed: tuple[Removal, ...]
    paragraphs: tuple[Span, ...]
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    hints: tuple[tuple[str, str], ...] = field(default=())  # metadata read from an HTML page


@stage("clean", reads=["raw"], writes=["article", "article_id", "meta_hints"])
def clean(analysis: Annotations, settings: Settings) -> Annotations:
    """Decode, extract and clean the raw document into an Article, recording every change."""
    raw = analysis.require_raw()
    text = decode_bytes(raw.content, declared=raw.declared_encoding, source=raw.source)
    cleaned = clean_text(text, format=raw.format, source=raw.source, url=raw.url, title=raw.hint("title"))
    return Annotations(
        raw=raw,
        article=_article(raw, cleaned),
        meta_hints=raw.hints + cleaned.hints,
    )


def clean_text(
    text: str,
    *,
    format: InputFormat,
    source: str,
    url: str | None = None,
    title: str | None = None,
) -> Cleaned:
    """Clean decoded ``text`` of the given format; ``title``, if stated by the input, is trusted."""
    hints: tuple[tuple[str, str], ...] = ()
    if format is InputFormat.HTML:
        extracted = extract_html(text, url=url, source=source)
        log = EditLog(extracted.text)
        hints = extracted.hints
        title = title or extracted.hint("title")
    else:
        log = EditLog(text)
    remove_controls(log)
    if format is InputFormat.MARKDOWN:
        title = title or _strip_markdown(log)
    log.apply(mojibake_edits(log.text))
    furniture = _remove_furniture(log, title)
    normalize_whitespace(log)
    if not log.text:
        raise EmptyInput("no text left after cleaning", source=source)
    return Cleaned(
        text=log.text,
        repairs=log.repairs(),
        removed=log.removals(),
        paragraphs=paragraph_spans(log.text),
        title=title or furniture.title,
        byline=furniture.byline or _hint(hints, "byline"),
        dateline=furniture.dateline,
        hints=hints,
    )


@dataclass(slots=True)
class _Found:
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None


def _strip_markdown(log: EditLog) -> str | None:
    """Remove the Markdown header and heading markers; return the title the header states."""
    header = parse_header(log.text)
    if header.header_end:
        log.apply([Edit(start=0, end=header.header_end, replacement="", kind=EditKind.FRONT_MATTER)])
    log.apply(
        [
            Edit(start=m.start(), end=m.end(), replacement="", kind=EditKind.MARKUP)
            for m in _HEADING_MARKER.finditer(log.text)
        ]
    )
    return header.title


def _remove_furniture(log: EditLog, title: str | None) -> _Found:
    found = _Found()
    for _ in range(_MAX_FURNITURE_ROUNDS):
        furniture = find_furniture(log.text, title=title)
        if not furniture.edits:
            break
        found.title = found.title or furniture.title
        found.byline = found.byline or furniture.byline
        found.dateline = found.dateline or furniture.dateline
        log.apply(list(furniture.edits))
    return found


def _hint(hints: tuple[tuple[str, str], ...], name: str) -> str | None:
    return next((value for key, value in hints if key == name), None)


def _article(raw: RawDocument, cleaned: Cleaned) -> Article:
    return Article(
        id=article_id_for(raw.content),
        source=raw.source,
        text=cleaned.text,
        title=cleaned.title,
        url=raw.url or _hint(cleaned.hints, "url"),
        byline=cleaned.byline or raw.hint("byline"),
        format=raw.format,
        content_hash=content_hash(raw.content),
        version_key=raw.version_key,
        repairs=cleaned.repairs,
        removed=cleaned.removed,
        paragraphs=cleaned.paragraphs,
        dateline=cleaned.dateline,
    )
