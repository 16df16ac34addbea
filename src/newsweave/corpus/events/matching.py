"""When a report tells of an event: the :class:`Cluster` of reports an event gathers, what rules
a report out of it (:func:`compatible`) and the evidence that ties them (:func:`evidence`).

A report joins an event when nothing rules it out and enough evidence ties them
(:data:`JOIN_SCORE`):

* ruled out: another event type (CAMEO-only codings compare by CAMEO root); a drawn-out
  event ("the fighting", "the war") and a single act; one is to come (expected,
  threatened, or hypothetical unless a definite noun: "Haniyeh's killing could mark ...")
  and the other happened; dates more than a day apart; two different cities; two
  different named persons; articles in different stories.
* evidence: a shared named person (enough alone); a shared group, country or
  organisation; the same city; the same stated day; the same trigger word in two
  articles of one story (when the ``stories`` stage ran before); a role cue ("a senior Hezbollah
  leader") naming an organisation in which a person of the event holds a knowledge-base
  role; the same argument words ("officials met ... representatives"); within one
  article, a definite or possessive mention ("the strike", "Israel's strike") just after
  (:mod:`newsweave.corpus.events.clustering` adds that one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsweave.corpus.events.features import Unit
from newsweave.reference.actors import load_kb

JOIN_SCORE = 3
# The same trigger word in two articles of one story (two "arrested", two "earthquake").
STORY_TRIGGER = 2
# Relative dates ("hours earlier", "on Tuesday") are often a day off across time zones.
DATE_SLACK = dt.timedelta(days=1)


@dataclass(slots=True)
class Cluster:
    """The reports of one event found so far, with the union of their features."""

    id: int
    family: str
    protracted: bool = False
    units: list[Unit] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    recipient_persons: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    start: dt.date | None = None
    end: dt.date | None = None
    days: set[dt.date] = field(default_factory=set)
    future: bool | None = None
    person_orgs: set[str] = field(default_factory=set)
    cue_orgs: set[str] = field(default_factory=set)
    heads: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)


def _dates_fit(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    if a_start is None or b_start is None or a_end is None or b_end is None:
        return True
    return a_start - DATE_SLACK <= b_end and b_start - DATE_SLACK <= a_end


def compatible(unit: Unit, cluster: Cluster) -> bool:
    """Nothing rules out ``unit`` reporting the event ``cluster`` gathers."""
    if unit.family != cluster.family or unit.protracted != cluster.protracted:
        return False
    if unit.future is not None and cluster.future is not None and unit.future != cluster.future:
        return False
    if unit.persons and cluster.persons and not unit.persons & cluster.persons:
        return False
    if unit.city and cluster.cities and unit.city not in cluster.cities:
        return False
    if unit.stories and cluster.stories and not unit.stories & cluster.stories:
        return False
    return _dates_fit(unit.start, unit.end, cluster.start, cluster.end)


def evidence(unit: Unit, cluster: Cluster) -> int:
    """How strongly ``unit`` and ``cluster`` point at one event (see :data:`JOIN_SCORE`)."""
    score = 0
    if unit.persons & cluster.persons:
        # The same person in the same role is enough; in another role it needs support.
        same_role = unit.recipient_persons & cluster.recipient_persons or (
            unit.persons - unit.recipient_persons
        ) & (cluster.persons - cluster.recipient_persons)
        score += 3 if same_role else 2
    if unit.others & cluster.others:
        score += 1
    if unit.city and unit.city in cluster.cities:
        score += 1
    if unit.stories & cluster.stories and unit.report.trigger_text.casefold() in cluster.triggers:
        score += STORY_TRIGGER
    if not unit.persons and unit.named & cluster.recipient_persons:
        score += 2
    if unit.day and unit.day in cluster.days:
        score += 2
    if unit.cue_orgs & cluster.person_orgs or cluster.cue_orgs & person_orgs(unit.persons):
        score += 2
    head_match = sum(1 for i in (0, 1) if unit.heads[i] and any(h[i] == unit.heads[i] for h in cluster.heads))
    score += head_match
    if head_match and _overlap(unit.words, cluster.words) >= 0.3:
        score += 1
    return score


def _overlap(a: frozenset[str], b: set[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def person_orgs(persons: Iterable[str]) -> set[str]:
    """The organisations in which ``persons`` hold a knowledge-base role."""
    kb = load_kb()
    found: set[str] = set()
    for person in persons:
        actor = kb.get(person)
        if actor is not None:
            found.update(role.of for role in actor.roles if role.of)
    return found


def add_to(cluster: Cluster, unit: Unit) -> None:
    """Add ``unit`` to ``cluster``: its features join the cluster's, its date narrows the cluster's."""
    cluster.units.append(unit)
    cluster.persons |= unit.persons
    cluster.recipient_persons |= unit.recipient_persons
    cluster.person_orgs |= person_orgs(unit.persons)
    cluster.others |= unit.others
    if unit.city:
        cluster.cities.add(unit.city)
    if unit.start is not None and unit.end is not None:
        cluster.start = unit.start if cluster.start is None else max(cluster.start, unit.start - DATE_SLACK)
        cluster.end = unit.end if cluster.end is None else min(cluster.end, unit.end + DATE_SLACK)
        if cluster.start > cluster.end:  # only reachable within the slack: keep the tighter one
            cluster.start, cluster.end = unit.start, unit.end
    if unit.day:
        cluster.days.add(unit.day)
    if cluster.future is None:
        cluster.future = unit.future
    cluster.cue_orgs |= unit.cue_orgs
    if any(unit.heads):
        cluster.heads.add(unit.heads)
    cluster.words |= unit.words
    cluster.triggers.add(unit.report.trigger_text.casefold())
    cluster.stories |= unit.stories
