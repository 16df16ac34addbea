"""How a briefing's templates speak of an event: the verb of each event type ("X killed Y",
"Y was killed", "X is expected to kill Y"), clauses and noun phrases ("the killing of Y"),
the recipients a sentence names, places, dates ("on 31 July 2024") and lists of names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.corpus.briefing.context import Context
from newsweave.model import FUTURE_MODALITIES, ActorKind, Event, Precision

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verb:
    """How a template speaks of an event type: "X killed Y", "Y was killed", "X is expected to kill Y"."""

    past: str
    passive: str | None  # None where "Y was <passive>" makes no sense
    base: str
    noun: str
    alone: str = ""  # the past without an object ("spoke by phone"); default: past minus its preposition

    def intransitive(self) -> str:
        return self.alone or _TRAILING_PREPOSITION.sub("", self.past)

    def base_for(self, has_object: bool) -> str:
        return self.base if has_object else _TRAILING_PREPOSITION.sub("", self.base)


_TRAILING_PREPOSITION = re.compile(r" (with|to|from|on|against|towards)$")


# PLOVER event type → wording; CAMEO codes refine it (first matching prefix wins).
_VERBS: dict[str, Verb] = {
    "AGREE": Verb("agreed with", None, "agree with", "an agreement"),
    "CONSULT": Verb("met", None, "meet", "a meeting"),
    "SUPPORT": Verb("supported", "supported", "support", "support"),
    "CONCEDE": Verb("made concessions to", None, "make concessions to", "concessions"),
    "COOPERATE": Verb("cooperated with", None, "cooperate with", "cooperation"),
    "AID": Verb("aided", "aided", "aid", "aid"),
    "RETREAT": Verb("withdrew from", None, "withdraw from", "a withdrawal"),
    "REQUEST": Verb("asked", "asked", "ask", "a request"),
    "ACCUSE": Verb("accused", "accused", "accuse", "an accusation"),
    "REJECT": Verb("rejected", "rejected", "reject", "a rejection"),
    "THREATEN": Verb("threatened", "threatened", "threaten", "a threat"),
    "PROTEST": Verb("protested against", None, "protest against", "a protest"),
    "SANCTION": Verb("imposed sanctions on", None, "impose sanctions on", "sanctions"),
    "MOBILIZE": Verb("deployed", "deployed", "deploy", "a deployment"),
    "COERCE": Verb("coerced", "coerced", "coerce", "coercion"),
    "ASSAULT": Verb("attacked", "attacked", "attack", "an attack", "carried out an attack"),
}
_KILL = Verb("killed", "killed", "kill", "the killing", "carried out a killing")
_CAMEO_VERBS: tuple[tuple[str, Verb], ...] = (
    ("041", Verb("spoke with", None, "speak with", "a call", "spoke by phone")),
    ("042", Verb("visited", "visited", "visit", "a visit")),
    ("043", Verb("hosted", "hosted", "host", "a visit")),
    ("046", Verb("held talks with", None, "hold talks with", "talks")),
    ("084", Verb("released", "released", "release", "a release")),
    ("111", Verb("criticised", "criticised", "criticise", "criticism")),
    ("183", Verb("bombed", "bombed", "bomb", "a bombing", "carried out a bombing")),
    ("186", _KILL),
    ("1823", _KILL),
    ("195", Verb("struck", "struck", "strike", "a strike", "carried out a strike")),
)
_KILL_CODES = ("186", "1823")
_GENERIC = Verb("acted towards", None, "act towards", "an event", "acted")
_RETALIATE = Verb("retaliated against", None, "retaliate against", "retaliation")
# Triggers that make an attack a reprisal: "vowed revenge" is a vow to retaliate.
_REPRISAL_TRIGGERS = frozenset(
    {"revenge", "retaliation", "retaliate", "avenge", "vengeance", "reprisal", "response"}
)


def past_clause(event: Event, ctx: Context, actors: Sequence[str], *, reported: bool = False) -> str:
    """ "Israel killed Fuad Shukr", "Ismail Haniyeh was killed", "A strike took place"."""
    verb = verb_for(event, ctx)
    adverb = "reportedly " if reported else ""
    recipients = join_names(main_recipients(event, ctx), ctx)
    if actors:
        action = f"{verb.past} {recipients}" if recipients else verb.intransitive()
        return f"{join([ctx.name(a) for a in actors])} {adverb}{action}"
    if recipients and verb.passive:
        be = "were" if len(main_recipients(event, ctx)) > 1 else "was"
        return f"{recipients} {be} {adverb}{verb.passive}"
    noun = verb.noun[0].upper() + verb.noun[1:]
    return f"{noun}" + (f" involving {recipients}" if recipients else "") + f" {adverb}took place"


def verb_for(event: Event, ctx: Context) -> Verb:
    if event.event_type == "ASSAULT" and event.modality in FUTURE_MODALITIES:
        triggers = [r.trigger_text.lower() for r in ctx.reports_of(event)]
        if triggers and 2 * sum(t in _REPRISAL_TRIGGERS for t in triggers) > len(triggers):
            return _RETALIATE
    verb = _cameo_verb(event, ctx)
    if verb is _KILL and not any(ctx.kinds.get(r) == ActorKind.PERSON for r in main_recipients(event, ctx)):
        verb = None  # "killing" an organisation or a city reads wrong: it was attacked
    return verb or _VERBS.get(event.event_type, _GENERIC)


def _cameo_verb(event: Event, ctx: Context) -> Verb | None:
    """The wording of the CAMEO code most of the reports share (the event's own on a tie):
    one merged event may hold "strike" and "killing" reports, and the killing is the news."""
    votes: dict[str, int] = {}
    for cameo in [event.cameo, *(r.cameo for r in ctx.reports_of(event) if r.event_type == event.event_type)]:
        code = next((c for c, _ in _CAMEO_VERBS if cameo.startswith(c)), None)
        if code is not None:
            votes[code] = votes.get(code, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda c: (votes[c], c == event.cameo[: len(c)]))
    return dict(_CAMEO_VERBS)[best]


def date_phrase(event: Event) -> str:
    """The event's own date as a sentence ends on it: " on 31 July 2024", " in April 2024"."""
    start = event.start
    if start is None:
        return ""
    end = event.end or start
    if event.precision == Precision.YEAR:
        # "In the past two years" is a range of years, not the year it starts in.
        phrase = f" in {start.year}" if start.year == end.year else f" between {start.year} and {end.year}"
    elif event.precision == Precision.MONTH and (start.year, start.month) == (end.year, end.month):
        phrase = f" in {_MONTHS[start.month - 1]} {start.year}"
    elif start == end:
        phrase = f" on {format_day(start)}"
    elif (start.year, start.month) == (end.year, end.month):
        phrase = f" between {start.day} and {format_day(end)}"
    else:
        phrase = f" between {format_day(start)} and {format_day(end)}"
    return phrase + (" (date estimated)" if event.date_estimated else "")


def format_day(day: dt.date) -> str:
    # Month names from a table, not strftime: the locale must not change the briefing.
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def with_article(value: str) -> str:
    """ "airstrike" → "an airstrike"; values that already have a determiner stay as they are."""
    if re.match(r"(?i)(a|an|the|\d+)\b", value):
        return value
    return ("an " if value[:1].lower() in "aeiou" else "a ") + value


def main_recipients(event: Event, ctx: Context) -> list[str]:
    """The recipients most of the event's reports name (an outlier report does not make
    "Haniyeh and Hamas were killed"), less the actors and the place ("a strike on Beirut"
    is said as the place)."""
    counts = {r: 0 for r in event.recipient if r != event.where and r not in event.actor}
    for report in ctx.reports_of(event):
        for recipient in set(report.recipient) & counts.keys():
            counts[recipient] += 1
    top = max(counts.values(), default=0)
    return [r for r, n in counts.items() if 2 * n >= top]


def noun_phrase(event: Event, ctx: Context) -> str:
    """ "the killing of Ismail Haniyeh", "the attack on Israel"."""
    verb = verb_for(event, ctx)
    noun = verb.noun.removeprefix("a ").removeprefix("an ").removeprefix("the ")
    recipients = join_names(main_recipients(event, ctx), ctx)
    preposition = "of" if verb is _KILL else "on" if event.event_type == "ASSAULT" else "involving"
    return f"the {noun}" + (f" {preposition} {recipients}" if recipients else "")


def place_phrase(event: Event, ctx: Context) -> str:
    """ " in Tehran": the event's place as a sentence names it, or nothing."""
    return f" in {ctx.name(event.where)}" if event.where else ""


def join_names(actor_ids: Sequence[str], ctx: Context) -> str:
    """The actors' names as a list: "Israel, Iran and Hamas"."""
    return join([ctx.name(a) for a in actor_ids])


def join(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
