"""The article: the raw document as it arrived, the cleaned article with its outlet and publication
date (each with its evidence) and the record of every edit cleaning made, and the span every offset
into ``Article.text`` is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from newsweave import codec
from newsweave.model.ids import article_id_for, content_hash


@codec.flat
@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The slice of ``text`` this span covers."""
        return text[self.start : self.end]


class InputFormat(StrEnum):
    """What the payload of a raw document is; detected from content as well as the name."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class Container(StrEnum):
    """What the payload arrived in."""

    FILE = "file"  # a file holding one article
    JSON = "json"  # one record of a .json / .jsonl file
    WARC = "warc"  # an HTTP response record of a WARC file
    FEED = "feed"  # an RSS/Atom entry (its summary, when its page was not fetched)
    URL = "url"  # a page fetched over HTTP(S), directly or from a feed entry's link


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """Bytes as they arrived, with where they came from and any metadata the container gave.

    ``hints`` carries metadata the *container* states (JSON fields, feed entry fields,
    a Markdown ``Published :`` line, the WARC target URI); the cleaner weighs it as
    evidence, it is never trusted blindly.
    """

    source: str  # path, path#record, or URL: names the input in every message
    # the article payload (text, Markdown or HTML), byte for byte
    content: bytes = field(metadata=codec.json(name="content_b64"))
    format: InputFormat
    container: Container = Container.FILE
    url: str | None = None
    media_type: str | None = None
    declared_encoding: str | None = None
    version_key: str | None = None  # URL or slug: a changed text under the same key is a new version
    hints: tuple[tuple[str, str], ...] = ()  # (field, value) pairs, in source order
    fetched_at: dt.datetime | None = None

    def hint(self, name: str) -> str | None:
        """The first value of hint ``name``, or None."""
        for key, value in self.hints:
            if key == name:
                return value
        return None


class EditKind(StrEnum):
    """Why cleaning changed the text. Closed vocabulary; documented in docs/data-model.md."""

    # repairs
    ENCODING = "encoding"  # single-byte mojibake fixed by ftfy
    GBK_MOJIBAKE = "gbk-mojibake"  # UTF-8 read as GBK/GB18030, re-decoded
    GBK_GUESSED = "gbk-guessed"  # as above, with a lost byte guessed from context
    HTML_ENTITY = "html-entity"  # &rsquo; etc. left in text
    WHITESPACE = "whitespace"  # trailing spaces, runs of blank lines, stray byte-order marks
    CONTROL = "control"  # C0 control characters and DEL out, terminal escapes whole; VT/FF to a line break
    # removals
    MARKUP = "markup"  # HTML tags left in text
    SHARE = "share"  # share / social buttons
    CRUMBS = "crumbs"  # section breadcrumbs ("News / Politics")
    PHOTO = "photo"  # photo counts, galleries, captions
    LOADING = "loading"  # "Loading...", "Advertisement"
    TAGS = "tags"  # tag lists
    CREDIT = "credit"  # trailing credit lines ("France24/AFP")
    DATELINE = "dateline"  # "(JNS) —", "WASHINGTON —": kept as metadata
    BYLINE = "byline"  # "By X, Associated Press"
    PUBLISHED_LINE = "published-line"  # "Published: July 31, 2024, 4:31pm"
    PAGE_DATE = "page-date"  # a page-header / crawl date, not the publication date
    TITLE = "title"  # the headline line, kept as Article.title
    FRONT_MATTER = "front-matter"  # YAML front matter / Markdown metadata lines
    DUPLICATE = "duplicate"  # a paragraph repeated verbatim (captions repeated in the body)
    BOILERPLATE = "boilerplate"  # other page furniture


@dataclass(frozen=True, slots=True, kw_only=True)
class Repair:
    """Text at ``span`` replaced ``original``; putting ``original`` back undoes it."""

    span: Span
    original: str
    kind: EditKind
    confidence: float = 1.0  # < 1 where a lost byte or character was guessed


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """``text`` was removed at offset ``at``; inserting it there again undoes it."""

    # start = end = at in JSON too, so every item of an export carries offsets
    at: int = field(metadata=codec.json(also=lambda at: {"start": at, "end": at}))
    text: str
    kind: EditKind


class DateKind(StrEnum):
    """Where a publication date came from; only some kinds are publication dates."""

    METADATA = "metadata"  # HTML meta / JSON field / feed entry: stated by the publisher
    STATED = "stated"  # a "Published: ..." line in the text
    DATELINE = "dateline"  # a dated dateline
    ESTIMATED = "estimated"  # inferred from absolute dates the text mentions
    CROSS_ARTICLE = "cross-article"  # dated later from other articles' reports
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class DateEvidence:
    """A publication date with why we believe it and how much."""

    value: dt.date | None
    kind: DateKind
    confidence: float  # 0..1
    evidence: str = ""  # the text or field it came from
    note: str = ""  # e.g. "page header date 2024-11-13 ignored (crawl date)"
    earliest: dt.date | None = None  # for estimates: the plausible range
    latest: dt.date | None = None


UNKNOWN_DATE = DateEvidence(value=None, kind=DateKind.UNKNOWN, confidence=0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class OutletEvidence:
    """Which outlet published an article, and the evidence for it."""

    name: str | None  # registry name, or a name found in the text if unregistered
    registry_id: str | None = field(default=None, metadata=codec.json(name="registry_id"))  # registry key
    via: str = ""  # how: "html-meta", "domain", "dateline", "credit-line", "text", "fingerprint", ...
    evidence: str = ""
    confidence: float = 0.0
    wire: str | None = None  # wire service the text came from (AP, AFP, Reuters), if any
    republished_by: str | None = None  # a site that republished a wire story


UNKNOWN_OUTLET = OutletEvidence(name=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned article: canonical text plus metadata and the record of every change."""

    id: str  # stable: derived from the raw content hash
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    # The export contract's "outlet" is the name and "published" the ISO date; the evidence
    # travels beside them. A record with only the contract's fields still reads.
    outlet: OutletEvidence = field(
        default=UNKNOWN_OUTLET,
        metadata=codec.json(
            name="outlet_detail", also=lambda o: {"outlet": o.name}, read=lambda d: _outlet_of(d)
        ),
    )
    byline: str | None = None
    published: DateEvidence = field(
        default=UNKNOWN_DATE,
        metadata=codec.json(
            name="published_detail",
            also=lambda p: {"published": None if p.value is None else p.value.isoformat()},
            read=lambda d: _published_of(d),
        ),
    )
    language: str | None = None
    format: InputFormat = InputFormat.TEXT
    content_hash: str = ""  # sha256 of the raw bytes
    version_key: str | None = None
    repairs: tuple[Repair, ...] = ()
    removed: tuple[Removal, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    dateline: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def published_date(self) -> dt.date | None:
        return self.published.value


def _outlet_of(d: Mapping[str, Any]) -> OutletEvidence:
    detail = d.get("outlet_detail")
    if detail is not None:
        return codec.decode(OutletEvidence, detail)
    name = d.get("outlet")
    if name is not None and not isinstance(name, str):
        raise ValueError(f"outlet: expected str, got {type(name).__name__}")
    return UNKNOWN_OUTLET if name is None else OutletEvidence(name=name, via="export")


def _published_of(d: Mapping[str, Any]) -> DateEvidence:
    detail = d.get("published_detail")
    if detail is not None:
        return codec.decode(DateEvidence, detail)
    value = codec.decode(dt.date | None, d.get("published"))  # type: ignore[arg-type]
    if value is None:
        return UNKNOWN_DATE
    # A bare contract date carries no evidence: take it as the publisher's statement.
    return DateEvidence(value=value, kind=DateKind.METADATA, confidence=1.0)


def article_from_text(
    text: str, *, source: str, id: str | None = None, published: DateEvidence = UNKNOWN_DATE
) -> tuple[RawDocument, Article]:
    """A plain text taken as it is (no cleaning, so offsets are offsets into ``text``): its raw
    document and its article, identified by its UTF-8 bytes unless ``id`` is given."""
    content = text.encode("utf-8")
    raw = RawDocument(source=source, content=content, format=InputFormat.TEXT)
    article = Article(
        id=article_id_for(content) if id is None else id,
        source=source,
        text=text,
        published=published,
        content_hash=content_hash(content),
    )
    return raw, article
