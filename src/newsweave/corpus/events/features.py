"""What the event matching reads off one report: a :class:`Unit` per report.

A unit holds the report's participants (named persons apart, and those of them it names as
recipients), the persons named next to its trigger, its city, its date range and stated day,
whether it tells of something to come, the organisations a role cue names ("a senior Hezbollah
leader"), the heads of unresolved arguments ("officials", "representatives"), its clause's
words, its article's stories, and whether it is a definite mention ("the strike") or a
drawn-out event ("the fighting").

The reports arrive corrected for what only their wording shows (expected events,
premodifying dates: :mod:`newsweave.stages.events.presentation`, run by the per-article stage).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.corpus.events.dating import DAY_LEVEL
from newsweave.model import (
    FUTURE_MODALITIES,
    ActorKind,
    Annotations,
    Article,
    EventReport,
    Mention,
    Modality,
)
from newsweave.reference.actors import ActorKB

_PAST = frozenset(set(Modality) - FUTURE_MODALITIES - {Modality.HYPOTHETICAL})
_PARTICIPANT_KINDS = frozenset(
    {ActorKind.PERSON, ActorKind.GROUP, ActorKind.ORGANISATION, ActorKind.COUNTRY, ActorKind.UNKNOWN}
)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|his|her|its|their)|['’]s?)\s+(?:(?!to\b)[\w-]+\s+)?$", re.I)
_CLAUSE = 120  # characters after a trigger that hold its arguments
_NAMED_REACH = 30  # characters after a trigger where its object is named ("eliminated” Shukr")
_ROLE_CUE = re.compile(
    r"(?P<org>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:['’]s?)?\s+(?:(?:senior|top|military|political|former|"
    r"key|high-ranking|leading)\s+)*(?:leader|chief|commander|official|figure|head)s?\b"
)
_POSSESSOR = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?$")
_WORD = re.compile(r"[a-z]{4,}")
# Drawn-out events (a war, the weekend's fighting) are not one of the acts told within them.
_PROTRACTED = frozenset(
    {
        "fighting",
        "war",
        "wars",
        "warfare",
        "conflict",
        "hostilities",
        "offensive",
        "campaign",
        "insurgency",
        "siege",
        "violence",
        "clashes",
    }
)


@dataclass(slots=True)
class Unit:
    """A report with the features the matching uses."""

    report: EventReport
    article_id: str
    order: int  # position of the article in the corpus
    family: str
    persons: frozenset[str]
    recipient_persons: frozenset[str]
    others: frozenset[str]
    named: frozenset[str]  # persons named in the trigger's clause, resolved or not as arguments
    city: str | None
    start: dt.date | None
    end: dt.date | None
    day: dt.date | None  # the stated day, when the report names one
    future: bool | None  # None: hypothetical, fits either
    cue_orgs: frozenset[str]
    heads: tuple[str, str]
    words: frozenset[str]
    stories: frozenset[str]
    definite: bool
    protracted: bool

    @property
    def bare(self) -> bool:
        return not (self.persons or self.others or self.city or self.report.when or self.cue_orgs)


@dataclass(frozen=True, slots=True)
class UnitContext:
    """What :func:`unit_of` looks up, built once per run."""

    kinds: Mapping[str, ActorKind]
    kb: ActorKB
    stories_of: Mapping[str, frozenset[str]]


def family_of(report: EventReport) -> str:
    """The type two reports must share: the PLOVER event, else the CAMEO root."""
    if report.event_type:
        return report.event_type
    return f"cameo:{report.cameo[:2]}" if report.cameo else "other"


def _future(modality: Modality, definite: bool) -> bool | None:
    """Whether the report tells of something to come; None when it fits either.

    A hypothetical is not a done event ("if there is an attack"), except a definite
    noun under a modal of its own verb: "Haniyeh's killing could mark the end", "the
    overnight strike may have destroyed hopes" presuppose the killing and the strike."""
    if modality in FUTURE_MODALITIES:
        return True
    if modality is Modality.HYPOTHETICAL:
        return None if definite else True
    return False if modality in _PAST else None


def _cue_orgs(report: EventReport, text: str, kb: ActorKB) -> frozenset[str]:
    window = text[report.trigger.start : min(report.span.end, report.trigger.end + 90)]
    found: set[str] = set()
    for match in _ROLE_CUE.finditer(window):
        name = match.group("org")
        for actor in kb.lookup(name):
            if actor.kind in (ActorKind.GROUP, ActorKind.ORGANISATION, ActorKind.COUNTRY):
                found.add(actor.id)
    return frozenset(found)


def _head(value: str) -> str:
    words = value.split(";")[0].split()
    return words[-1].casefold() if words else ""


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.casefold()) if w not in STOP_WORDS)


def _named(
    report: EventReport, text: str, mentions: Sequence[Mention], starts: Sequence[int], ctx: UnitContext
) -> frozenset[str]:
    """Persons named as the trigger's object ("eliminated” Shukr") or possessor ("Haniyeh’s
    assassination"), whether or not the parse made them arguments."""
    lo = bisect.bisect_left(starts, max(report.span.start, report.trigger.start - _NAMED_REACH))
    hi = bisect.bisect_left(starts, min(report.span.end, report.trigger.end + _NAMED_REACH))
    trigger = report.trigger
    return frozenset(
        m.actor_id
        for m in mentions[lo:hi]
        if m.actor_id
        and ctx.kinds.get(m.actor_id) is ActorKind.PERSON
        and (m.span.start >= trigger.start or _POSSESSOR.match(text[m.span.end : trigger.start]))
    )


def unit_of(
    report: EventReport,
    article: Article,
    order: int,
    ctx: UnitContext,
    mentions: tuple[Sequence[Mention], Sequence[int]],
) -> Unit:
    """The features of ``report``, the ``order``-th article's; ``mentions`` are the article's
    mentions sorted by start, with their starts."""
    ids = tuple(dict.fromkeys((*report.actor, *report.recipient)))
    persons = frozenset(i for i in ids if ctx.kinds.get(i) is ActorKind.PERSON)
    others = frozenset(
        i for i in ids if i not in persons and ctx.kinds.get(i, ActorKind.UNKNOWN) in _PARTICIPANT_KINDS
    )
    where = report.where
    city = where if where and ctx.kinds.get(where) is ActorKind.LOCATION else None
    when = report.when
    start, end = (when.start, when.end) if when and when.start else (None, None)
    day = when.start if when and when.start and when.precision in DAY_LEVEL else None
    attrs = dict(report.attributes)
    text = article.text
    definite = bool(_DEFINITE.search(text[max(0, report.trigger.start - 40) : report.trigger.start]))
    return Unit(
        report=report,
        article_id=article.id,
        order=order,
        family=family_of(report),
        persons=persons,
        recipient_persons=frozenset(p for p in persons if p in report.recipient),
        named=_named(report, article.text, mentions[0], mentions[1], ctx),
        others=others,
        city=city,
        start=start,
        end=end,
        day=day,
        future=_future(report.modality, definite),
        cue_orgs=_cue_orgs(report, text, ctx.kb),
        # Argument words matter where no actor was resolved: "officials", "representatives".
        heads=(
            "" if report.actor else _head(attrs.get("actor_text", "")),
            "" if report.recipient else _head(attrs.get("recipient_text", "")),
        ),
        words=_words(text[report.span.start : min(report.span.end, report.trigger.end + _CLAUSE)]),
        stories=ctx.stories_of.get(article.id, frozenset()),
        definite=definite,
        protracted=report.trigger_text.casefold() in _PROTRACTED,
    )


def actor_kinds(annotations: Iterable[Annotations], kb: ActorKB) -> dict[str, ActorKind]:
    """Every actor's kind: the knowledge base's, else the one the per-article stage found."""
    kinds = {key: actor.kind for key, actor in kb.actors.items()}
    for ann in annotations:
        for actor in ann.actors:
            kinds.setdefault(actor.id, actor.kind)
    return kinds
