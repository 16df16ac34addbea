"""The data model: frozen, slotted, keyword-only records.

Every span is a half-open ``[start, end)`` character range into ``Article.text``.
Records are written and read by :mod:`newsweave.codec`, from their type hints; the few JSON names
the export contract fixes otherwise are in the fields' metadata here (``codec.json(...)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from newsweave import codec
from newsweave.errors import PipelineError

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


def content_hash(content: bytes) -> str:
    """The identity of a raw document: the sha256 of its bytes, hex (the store's key)."""
    return hashlib.sha256(content).hexdigest()


def article_id_for(content: bytes) -> str:
    """The id of the article cleaned from ``content``: stable across runs, machines and stores."""
    return content_hash(content)[:16]


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


# --- Per-article annotations (actors, time, quotes, events) --------------------------------


class ActorKind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"  # a state, also as its government by metonymy
    ORGANISATION = "organisation"  # international organisations, companies, agencies
    GROUP = "group"  # armed, political or militant groups
    OUTLET = "outlet"  # a news outlet named as a source
    LOCATION = "location"  # a place that is not acting (city, region)
    NATIONALITY = "nationality"  # NORP: "Iranian", "Palestinians"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A position held, with validity dates (None = open)."""

    title: str  # "president", "head of the political bureau"
    of: str | None = None  # actor id of the organisation or country
    start: dt.date | None = field(default=None, metadata=codec.json(name="valid_from"))
    end: dt.date | None = field(default=None, metadata=codec.json(name="valid_to"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """Someone or something that acts or is acted on. ``id`` is a knowledge-base id
    (``kb:...``) or, for names the knowledge base does not know, ``new:<slug>``."""

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO-3166 alpha-3
    sector: str | None = None  # CAMEO agent code: GOV, MIL, REB, OPP, CVL, MED, IGO, ...
    roles: tuple[Role, ...] = ()
    in_kb: bool = False


class MentionKind(StrEnum):
    NAME = "name"  # "Ismail Haniyeh", "Haniyeh"
    TITLE = "title"  # "the Iranian president"
    PRONOUN = "pronoun"
    METONYM = "metonym"  # "Tehran" for Iran's government
    NOMINAL = "nominal"  # "the militant group"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    span: Span
    text: str
    label: str  # spaCy entity label, or "PRON" / "NOMINAL"
    kind: MentionKind
    actor_id: str | None  # None where the mention resolves to no actor


@dataclass(frozen=True, slots=True, kw_only=True)
class Descriptor:
    """A description an article gives an actor ("Hamas political chief"), for framing."""

    actor_id: str
    span: Span
    text: str
    kind: str  # "appositive", "title", "premodifier", "predicate"


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PART_OF_DAY = "part-of-day"  # "early Wednesday": still a day value
    UNRESOLVED = "unresolved"  # "on Thursday" with no anchor date


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpr:
    """A temporal expression normalised to a date range ``[start, end]`` (inclusive)."""

    span: Span
    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    anchor: str  # "published", "estimated", "absolute", "none"
    direction: str = ""  # "past", "future", "present" from the governing verb
    modifier: str = ""  # "early", "mid", "late", "approx"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One link in a chain of attribution: "France 24, citing Axios, citing two sources"."""

    name: str  # as written: "Axios", "three US officials", "a White House readout"
    span: Span
    actor_id: str | None = None
    kind: str = "source"  # "outlet", "person", "official", "document", "anonymous"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    span: Span  # the quoted or reported content
    text: str
    kind: str  # "direct", "indirect", "mixed"
    speaker: str | None  # actor id, else the name as written, else None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None  # "said", "told", "according to"
    cue_span: Span | None = None
    via: tuple[Source, ...] = ()  # outer to inner: who relays the speaker's words


class Modality(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"  # attributed to a source ("Axios reported", "according to")
    CLAIMED = "claimed"  # a party's own claim ("Hamas said ... missile strike")
    DENIED = "denied"
    THREATENED = "threatened"
    EXPECTED = "expected"  # expected / planned / future
    HYPOTHETICAL = "hypothetical"
    HISTORICAL = "historical"
    NEGATED = "negated"


# Said to come (expected, planned, threatened): the briefing's "what is expected next", the report's
# dashed future. HYPOTHETICAL is not among them: a conditional is not a forecast.
FUTURE_MODALITIES = frozenset({Modality.EXPECTED, Modality.THREATENED})


def event_report_id(article_id: str, index: int) -> str:
    """The id of an article's ``index``-th event report: ``"<article id>:<index>"``."""
    return f"{article_id}:{index}"


def report_article_id(report_id: str) -> str:
    """The id of the article an event report comes from (its id up to the last colon)."""
    return report_id.rpartition(":")[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventReport:
    """One article's report of an event: trigger, PLOVER/CAMEO coding, participants and evidence."""

    id: str  # article id + ":" + index
    span: Span  # the evidence sentence
    trigger: Span  # the verb or nominalisation
    trigger_text: str = field(metadata=codec.json(name="trigger"))
    event_type: str = field(metadata=codec.json(name="type"))  # PLOVER event (ASSAULT, THREATEN, ...)
    mode: str = ""
    context: tuple[str, ...] = ()
    cameo: str = ""
    goldstein: float | None = None
    actor: tuple[str, ...] = ()  # actor ids
    recipient: tuple[str, ...] = ()
    when: TimeExpr | None = None
    where: str | None = None  # place name as resolved (actor id of a location, or the text)
    where_text: str | None = None
    modality: Modality = Modality.ASSERTED
    attributed_to: tuple[Source, ...] = ()
    # ("method", "airstrike"), ("killed", "2"), ...; in JSON an object (see attributes_to_json)
    attributes: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=codec.json(encode=lambda a: attributes_to_json(a), decode=lambda d: attributes_from_json(d)),
    )
    hedged: bool = False  # "suspected", "reportedly"


def attributes_to_json(pairs: tuple[tuple[str, str], ...]) -> dict[str, str | list[str]]:
    """Attribute pairs as an object in the order the names first occur.

    A name that occurs once maps to its value; a name that repeats maps to the list of its
    values, in order (``{"killed": "2", "place": ["Tehran", "Beirut"]}``). Reading back gives
    each name's pairs together, so pairs that interleave repeats (``killed, place, killed``)
    read back grouped by name; pairs already grouped, as the stages write them, read back
    unchanged.
    """
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    return {name: vs[0] if len(vs) == 1 else vs for name, vs in values.items()}


def attributes_from_json(d: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(d, Mapping):
        raise ValueError(f"attributes: expected an object, got {type(d).__name__}")
    pairs: list[tuple[str, str]] = []
    for name, value in d.items():
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ValueError(f"attribute {name!r} has an empty list of values")
        for v in values:
            if not isinstance(v, str):
                raise ValueError(f"attribute {name!r}: expected a string, got {type(v).__name__}")
        pairs += [(name, v) for v in values]
    return tuple(pairs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotations:
    """Everything the per-article stages found in one article: what they pass from stage to stage,
    and (without the working state at the end) what is stored beside the article.

    A stage reads and writes these fields by name (``pipeline.stage(reads=..., writes=...)``). A
    new kind of item is one new field here: the store, the JSON export and the app's JSON carry it
    through :mod:`newsweave.codec` without further code.
    """

    # "" until the clean stage has built the article (then its id)
    article_id: str = field(default="", metadata=codec.json(name="article_id"))
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    descriptors: tuple[Descriptor, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reports: tuple[EventReport, ...] = ()
    stages: tuple[str, ...] = ()  # the pipeline that produced them
    version: str = ""  # newsweave version that produced them
    # The pipeline's working state: never stored, sent between processes without ``doc``, and not
    # part of equality (two records of one article's findings are equal whatever they were built from).
    raw: RawDocument | None = field(default=None, compare=False, metadata=codec.json(skip=True))
    article: Article | None = field(default=None, compare=False, metadata=codec.json(skip=True))
    # Metadata found while cleaning (raw.hints plus what HTML extraction read from the page:
    # title, author, date, sitename, url): evidence for the metadata stage.
    meta_hints: tuple[tuple[str, str], ...] = field(default=(), compare=False, metadata=codec.json(skip=True))
    # The spaCy parse of article.text (a ``spacy.tokens.Doc``; typed Any so the model needs no spaCy).
    doc: Any = field(default=None, compare=False, repr=False, metadata=codec.json(skip=True))

    def __post_init__(self) -> None:
        if not self.article_id and self.article is not None:
            object.__setattr__(self, "article_id", self.article.id)

    def require_raw(self) -> RawDocument:
        if self.raw is None:
            raise PipelineError("stage needs the raw document, but this analysis began from an article")
        return self.raw

    def require_article(self) -> Article:
        if self.article is None:
            raise PipelineError("stage needs an article but none was built; is 'clean' first?")
        return self.article

    def require_doc(self) -> Doc:
        if self.doc is None:
            raise PipelineError("stage needs a parse but none was made; is 'nlp' before it?")
        doc: Doc = self.doc
        return doc

    def findings(self, stages: tuple[str, ...], version: str) -> Annotations:
        """What is stored: the findings, named by the pipeline and version that made them."""
        return replace(self, stages=stages, version=version, raw=None, article=None, meta_hints=(), doc=None)


# --- Across articles: copies, stories, events, disagreements, framing, timeline, briefing ----------


@dataclass(frozen=True, slots=True, kw_only=True)
class Copy:
    """An article that repeats another: a wire copy republished elsewhere, or a revision."""

    article_id: str
    original_id: str  # the earliest / canonical article of the group
    # "version" (same URL or slug), "wire-copy" (near-identical text, other outlet), "near-duplicate"
    kind: str
    similarity: float  # estimated Jaccard similarity of word shingles


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One real-world event, with every article's report of it."""

    id: str
    event_type: str = field(metadata=codec.json(name="type"))  # PLOVER
    label: str  # short human description: "ASSAULT: Israel → Ismail Haniyeh in Tehran"
    report_ids: tuple[str, ...]  # EventReport.id values ("<article id>:<n>")
    article_ids: tuple[str, ...]
    cameo: str = ""
    mode: str = ""
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    start: dt.date | None = None  # when it happened (or is expected): the agreed date range
    end: dt.date | None = None
    precision: Precision = Precision.UNRESOLVED
    date_estimated: bool = False  # True when the date rests on an estimate, not a stated date
    date_evidence: tuple[str, ...] = ()  # the reports (EventReport.id) whose time expressions give the date
    where: str | None = None
    modality: Modality = Modality.ASSERTED  # the strongest modality among its reports
    background: bool = False  # an earlier event the story refers back to (7 October, the April attack)


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    event_ids: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """One value an attribute takes across reports, and who carries it."""

    value: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    report_ids: tuple[str, ...]
    attributed_to: tuple[tuple[Source, ...], ...] = ()  # one attribution chain per report, may be empty
    independent_outlets: int = 0  # outlets counted once per wire story
    hedged: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """Reports of one event that differ on one attribute."""

    event_id: str
    attribute: str  # "method", "date", "place", "killed", "responsible", ...
    variants: tuple[Variant, ...]
    kind: str  # "contradiction", "possible" (could both be true), "update" (a later figure)
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FramingDescriptor:
    article_id: str
    outlet: str | None
    text: str
    span: Span
    kind: str  # "appositive", "title", "premodifier", "metonym", "scare-quote", "label"
    loaded: bool = False  # in the loaded-terms lexicon ("terror", "regime", ...)
    quoted_from: str | None = None  # inside a quoted source's words: the speaker, not the outlet, chose them


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimStance:
    """How one article carries one claim about an event: stated as fact, or attributed."""

    event_id: str
    attribute: str  # "" for the event itself, else "method", "date", "responsible", ...
    value: str  # the event's label, or the attribute's value
    article_id: str
    outlet: str | None
    modality: Modality  # ASSERTED (stated as fact), REPORTED (attributed), CLAIMED, DENIED, ...
    hedged: bool = False  # "reportedly", "suspected"
    attributed_to: tuple[str, ...] = ()  # source names, outer to inner ("Axios", "two sources")


@dataclass(frozen=True, slots=True, kw_only=True)
class Framing:
    """How each outlet describes one actor within one story."""

    actor_id: str
    story_id: str | None
    descriptors: tuple[FramingDescriptor, ...]
    claims: tuple[ClaimStance, ...] = ()  # events the actor takes part in: who states, who attributes


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    event_id: str
    # the export contract's "date" is the start of the range
    start: dt.date | None = field(
        metadata=codec.json(also=lambda d: {"date": None if d is None else d.isoformat()})
    )
    end: dt.date | None
    precision: Precision
    label: str
    article_ids: tuple[str, ...]
    modality: Modality = Modality.ASSERTED  # expected / threatened entries are shown as such
    estimated: bool = False
    story_id: str | None = None  # None when the corpus has no stories
    background: bool = False  # an earlier event the story refers back to


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    article_id: str
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefingSentence:
    text: str
    citations: tuple[Citation, ...]
    section: str  # "key-events", "corroborated", "disputed", "quotes", "expected"


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    story_id: str
    sentences: tuple[BriefingSentence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DatedArticle:
    """A publication date estimated across articles (``DateKind.CROSS_ARTICLE``)."""

    article_id: str
    published: DateEvidence
    event_id: str  # the event whose agreed date anchors it


def _annotations_to_json(annotations: Mapping[str, Annotations]) -> list[Any]:
    return [codec.encode(a) for a in annotations.values()]


def _annotations_from_json(items: Any) -> dict[str, Annotations]:
    found = codec.decode(tuple[Annotations, ...], items)
    return {a.article_id: a for a in found}


@dataclass(frozen=True, slots=True, kw_only=True)
class CorpusState:
    """Articles with their annotations, and what the corpus stages found across them."""

    articles: tuple[Article, ...]
    # by article id; in JSON a list (each item names its article)
    annotations: Mapping[str, Annotations] = field(
        default_factory=dict, metadata=codec.json(encode=_annotations_to_json, decode=_annotations_from_json)
    )
    copies: tuple[Copy, ...] = ()
    stories: tuple[Story, ...] = ()
    events: tuple[Event, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    framing: tuple[Framing, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    briefings: tuple[Briefing, ...] = ()
    dated: tuple[DatedArticle, ...] = ()  # publication dates estimated across articles

    def articles_by_id(self) -> dict[str, Article]:
        """Build once per stage and reuse: a lookup per call would make stages quadratic."""
        return {a.id: a for a in self.articles}
