"""What the per-article stages find in an article: actors and their roles, mentions of them and
the descriptions given them, time expressions, and quotes with their chains of attribution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from newsweave import codec
from newsweave.model.article import Span


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
