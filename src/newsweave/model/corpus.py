"""What the corpus stages find across articles (copies, stories, disagreements, framing, the
timeline, briefings, dates estimated across articles) and the corpus carrier, :class:`CorpusState`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsweave import codec
from newsweave.model.annotations import Annotations
from newsweave.model.article import Article, DateEvidence, Span
from newsweave.model.events import Event, Modality
from newsweave.model.items import Precision, Source


@dataclass(frozen=True, slots=True, kw_only=True)
class Copy:
    """An article that repeats another: a wire copy republished elsewhere, or a revision."""

    article_id: str
    original_id: str  # the earliest / canonical article of the group
    # "version" (same URL or slug), "wire-copy" (near-identical text, other outlet), "near-duplicate"
    kind: str
    similarity: float  # estimated Jaccard similarity of word shingles


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
