"""Events: an article's report of one (its trigger, coding, participants, modality and attributes)
and the real-world event the corpus stages build from every article's reports of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from newsweave import codec
from newsweave.model.article import Span
from newsweave.model.items import Precision, Source, TimeExpr


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
