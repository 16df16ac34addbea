"""The 'events-across' corpus stage: every report of one real-world event becomes one Event.

Reports are clustered greedily, strongest first. A report joins an event when nothing
rules it out and enough evidence ties them (:data:`JOIN_SCORE`):

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
  article, a definite or possessive mention ("the strike", "Israel's strike") just after.

The reports arrive corrected for what only their wording shows (expected events,
premodifying dates: :mod:`newsweave.stages.events.presentation`, run by the per-article stage).

Within a sentence, neighbouring triggers of one type are one event ("killed in an
airstrike"); a definite mention ("Israel's strike") refers to the nearest compatible
event of its article in its paragraph or the one before; a bare one ("the attack") with
no participants of its own, failing that, to the nearest further away. Candidates come from an inverted index
(type × participant, place, day, cue, argument words), so no step compares all pairs.

An event's date is the agreed range of its reports' dates, stated calendar dates before
relative ones before those resting on an estimated publication date (:func:`event_date`),
with the reports it rests on; it is the event's only date: the timeline, briefing, report
and app show ``Event.start``/``end`` and never date an event again. Its modality is
the strongest of its reports' (:data:`MODALITY_STRENGTH`). Events dated well before their
articles, or only told as history, are ``background``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.model import (
    FUTURE_MODALITIES,
    ActorKind,
    Annotations,
    Article,
    DateKind,
    Event,
    EventReport,
    Mention,
    Modality,
    Precision,
    Story,
    TimeExpr,
    report_article_id,
)
from newsweave.reference.actors import ActorKB, load_kb
from newsweave.stages.timex import resolve_expression

JOIN_SCORE = 3
# The same trigger word in two articles of one story (two "arrested", two "earthquake").
STORY_TRIGGER = 2
# Relative dates ("hours earlier", "on Tuesday") are often a day off across time zones.
DATE_SLACK = dt.timedelta(days=1)
# An event this long before its articles' publication dates is background to them.
BACKGROUND_AGE = dt.timedelta(days=30)
# Strongest first: an event stated as fact by one outlet is asserted, whoever else hedges.
MODALITY_STRENGTH: tuple[Modality, ...] = (
    Modality.ASSERTED,
    Modality.HISTORICAL,
    Modality.REPORTED,
    Modality.CLAIMED,
    Modality.DENIED,
    Modality.EXPECTED,
    Modality.THREATENED,
    Modality.HYPOTHETICAL,
    Modality.NEGATED,
)
_PAST = frozenset(set(Modality) - FUTURE_MODALITIES - {Modality.HYPOTHETICAL})
_TRUSTED_PUBLISHED = frozenset({DateKind.METADATA, DateKind.STATED, DateKind.DATELINE})
_DAY_LEVEL = frozenset({Precision.DAY, Precision.PART_OF_DAY})
_PARTICIPANT_KINDS = frozenset(
    {ActorKind.PERSON, ActorKind.GROUP, ActorKind.ORGANISATION, ActorKind.COUNTRY, ActorKind.UNKNOWN}
)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|his|her|its|their)|['’]s?)\s+(?:(?!to\b)[\w-]+\s+)?$", re.I)
_NOT_SAME = re.compile(r"\b(?:another|separate|second|other|earlier|later)\b|[,;—–()]", re.I)
_NOT_SAME_WORDS = re.compile(
    r"\b(?:another|separate|second|other|earlier|later|response|retaliation|revenge|after|following|before)\b",
    re.I,
)
_MAX_GAP = 40  # characters between two triggers of one event in one sentence
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
_MAX_POSTING = 50  # candidates kept per index key: recent events of a busy key are the likely ones
_PARAGRAPH_BREAK = re.compile(r"\n+")
_ANAPHORA_WINDOW = 1200  # characters back (or forward) a bare "the attack" may refer


@dataclass(slots=True)
class _Unit:
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


@dataclass(slots=True)
class _Cluster:
    id: int
    family: str
    protracted: bool = False
    units: list[_Unit] = field(default_factory=list)
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


@corpus_stage("events-across", requires=["actors-across"], provides=["events"])
def events_across_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Merge the reports of each real-world event into one :class:`Event`."""
    events = merge_reports(state)
    return replace(state, events=events, stories=link_stories(state.stories, events))


# --- Report features ------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class _Context:
    kinds: Mapping[str, ActorKind]
    kb: ActorKB
    stories_of: Mapping[str, frozenset[str]]


def _named(
    report: EventReport, text: str, mentions: Sequence[Mention], starts: Sequence[int], ctx: _Context
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


def _unit(
    report: EventReport,
    article: Article,
    order: int,
    ctx: _Context,
    mentions: tuple[Sequence[Mention], Sequence[int]],
) -> _Unit:
    ids = tuple(dict.fromkeys((*report.actor, *report.recipient)))
    persons = frozenset(i for i in ids if ctx.kinds.get(i) is ActorKind.PERSON)
    others = frozenset(
        i for i in ids if i not in persons and ctx.kinds.get(i, ActorKind.UNKNOWN) in _PARTICIPANT_KINDS
    )
    where = report.where
    city = where if where and ctx.kinds.get(where) is ActorKind.LOCATION else None
    when = report.when
    start, end = (when.start, when.end) if when and when.start else (None, None)
    day = when.start if when and when.start and when.precision in _DAY_LEVEL else None
    attrs = dict(report.attributes)
    text = article.text
    definite = bool(_DEFINITE.search(text[max(0, report.trigger.start - 40) : report.trigger.start]))
    return _Unit(
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


def _actor_kinds(annotations: Iterable[Annotations], kb: ActorKB) -> dict[str, ActorKind]:
    kinds = {key: actor.kind for key, actor in kb.actors.items()}
    for ann in annotations:
        for actor in ann.actors:
            kinds.setdefault(actor.id, actor.kind)
    return kinds


# --- Matching -------------------------------------------------------------------------------


def _dates_fit(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    if a_start is None or b_start is None or a_end is None or b_end is None:
        return True
    return a_start - DATE_SLACK <= b_end and b_start - DATE_SLACK <= a_end


def compatible(unit: _Unit, cluster: _Cluster) -> bool:
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


def evidence(unit: _Unit, cluster: _Cluster) -> int:
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
    if unit.cue_orgs & cluster.person_orgs or cluster.cue_orgs & _orgs(unit.persons):
        score += 2
    head_match = sum(1 for i in (0, 1) if unit.heads[i] and any(h[i] == unit.heads[i] for h in cluster.heads))
    score += head_match
    if head_match and _overlap(unit.words, cluster.words) >= 0.3:
        score += 1
    return score


def _overlap(a: frozenset[str], b: set[str]) -> float:
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _orgs(persons: Iterable[str]) -> set[str]:
    kb = load_kb()
    found: set[str] = set()
    for person in persons:
        actor = kb.get(person)
        if actor is not None:
            found.update(role.of for role in actor.roles if role.of)
    return found


def _add(cluster: _Cluster, unit: _Unit) -> None:
    cluster.units.append(unit)
    cluster.persons |= unit.persons
    cluster.recipient_persons |= unit.recipient_persons
    cluster.person_orgs |= _orgs(unit.persons)
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


def _keys(unit: _Unit) -> Iterable[str]:
    for actor_id in (*unit.persons, *unit.others):
        yield f"{unit.family}|a:{actor_id}"
    if unit.city:
        yield f"{unit.family}|c:{unit.city}"
    if unit.day:
        yield f"{unit.family}|d:{unit.day.isoformat()}"
    for org in (*unit.cue_orgs, *_orgs(unit.persons)):
        yield f"{unit.family}|o:{org}"
    for story in unit.stories:
        yield f"{unit.family}|s:{story}|{unit.report.trigger_text.casefold()}"
    for i, head in enumerate(unit.heads):
        if head:
            yield f"{unit.family}|h{i}:{head}"


# --- Clustering -----------------------------------------------------------------------------


class _Clusters:
    """The events found so far, with the inverted index that yields candidates."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.items: list[_Cluster] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.of_report: dict[str, int] = {}
        self.by_article: dict[tuple[str, str], list[int]] = defaultdict(list)

    def new(self, units: Sequence[_Unit]) -> _Cluster:
        cluster = _Cluster(id=len(self.items), family=units[0].family, protracted=units[0].protracted)
        self.items.append(cluster)
        for unit in units:
            self.add(cluster, unit)
        return cluster

    def add(self, cluster: _Cluster, unit: _Unit) -> None:
        _add(cluster, unit)
        self.of_report[unit.report.id] = cluster.id
        in_article = self.by_article[(unit.article_id, unit.family)]
        if cluster.id not in in_article:
            in_article.append(cluster.id)
        for key in _keys(unit):
            posting = self.index[key]
            if not posting or posting[-1] != cluster.id:
                posting.append(cluster.id)
                del posting[:-_MAX_POSTING]

    def best(self, units: Sequence[_Unit]) -> _Cluster | None:
        candidates = {cid for unit in units for key in _keys(unit) for cid in self.index.get(key, ())}
        antecedent = next((a for u in units if (a := self.antecedent(u)) is not None), None)
        if antecedent is not None:
            candidates.add(antecedent)
        best: tuple[int, bool, int] | None = None
        for cid in sorted(candidates):
            cluster = self.items[cid]
            if not all(compatible(u, cluster) for u in units):
                continue
            # A definite mention just after an event of its article ("Israel's strike") refers
            # to it, rather than to the story's most prominent event of its type.
            near = cid == antecedent
            score = max(evidence(u, cluster) for u in units) + (2 if near else 0)
            if score >= JOIN_SCORE and (best is None or (score, near) > best[:2]):
                best = (score, near, cid)
        return self.items[best[2]] if best else None

    def antecedent(self, unit: _Unit, *, forward: bool = False) -> int | None:
        """The compatible event of ``unit``'s article mentioned nearest before a definite
        ``unit`` in its paragraph or the one before; with ``forward`` (for a mention that
        tells nothing of its own), else further back or nearest after it."""
        if not unit.definite:
            return None
        text = self.texts.get(unit.article_id, "")
        best: tuple[int, int, int] | None = None
        for cid in self.by_article.get((unit.article_id, unit.family), ()):
            if not compatible(unit, self.items[cid]):
                continue
            for other in self.items[cid].units:
                if other.article_id != unit.article_id:
                    continue
                gap = unit.report.trigger.start - other.report.trigger.end
                if gap > 0:
                    rank = gap
                    lo, hi = other.report.trigger.end, unit.report.trigger.start
                elif forward:
                    rank = _ANAPHORA_WINDOW - gap
                    lo, hi = unit.report.trigger.end, other.report.trigger.start
                else:
                    continue
                # "The strike" in the paragraph after an Israeli strike on a school is that
                # strike, not the story's most prominent one.
                far = int(len(_PARAGRAPH_BREAK.findall(text, lo, hi)) > (1 if gap > 0 else 0))
                if far and not forward:
                    continue
                if abs(gap) <= _ANAPHORA_WINDOW and (best is None or (far, rank) < best[:2]):
                    best = (far, rank, cid)
        return best[2] if best else None


def sentence_groups(units: Sequence[_Unit], texts: Mapping[str, str]) -> list[list[_Unit]]:
    """Neighbouring triggers of one type in one sentence: "killed in an airstrike"."""
    by_sentence: dict[tuple[str, int, str], list[_Unit]] = defaultdict(list)
    for unit in units:
        by_sentence[(unit.article_id, unit.report.span.start, unit.family)].append(unit)
    groups: list[list[_Unit]] = []
    for members in by_sentence.values():
        members.sort(key=lambda u: u.report.trigger.start)
        group = [members[0]]
        for unit in members[1:]:
            previous = group[-1]
            gap = texts[unit.article_id][previous.report.trigger.end : unit.report.trigger.start]
            probe = _Cluster(id=-1, family=unit.family, protracted=group[0].protracted)
            for member in group:
                _add(probe, member)
            if unit.future == previous.future and _one_event(unit, group, gap) and compatible(unit, probe):
                group.append(unit)
            else:
                groups.append(group)
                group = [unit]
        groups.append(group)
    return groups


def _one_event(unit: _Unit, group: Sequence[_Unit], gap: str) -> bool:
    """Whether neighbouring triggers in one sentence tell of one event: close together
    ("killed in an airstrike"), or one names no participant and both are told alike
    ("discussed ... during a call")."""
    if _NOT_SAME_WORDS.search(gap):
        return False
    if len(gap) <= _MAX_GAP and not _NOT_SAME.search(gap):
        return True
    previous = group[-1]
    unnamed = not (unit.persons or unit.others or unit.city) or not any(
        u.persons or u.others or u.city for u in group
    )
    return unnamed and unit.future is not None and unit.future == previous.future


def _strength(group: Sequence[_Unit]) -> int:
    if any(u.persons for u in group):
        return 3
    if any(u.day or u.city for u in group):
        return 2
    return 0 if all(u.bare for u in group) else 1


def merge_reports(state: CorpusState) -> tuple[Event, ...]:
    """Cluster every report of ``state`` into events."""
    kb = load_kb()
    articles = state.articles_by_id()
    order = {a.id: i for i, a in enumerate(state.articles)}
    stories_of: dict[str, set[str]] = defaultdict(set)
    for story in state.stories:
        for article_id in story.article_ids:
            stories_of[article_id].add(story.id)
    ctx = _Context(
        kinds=_actor_kinds(state.annotations.values(), kb),
        kb=kb,
        stories_of={k: frozenset(v) for k, v in stories_of.items()},
    )
    units: list[_Unit] = []
    for key, ann in state.annotations.items():
        if key not in articles:
            continue
        mentions = sorted(ann.mentions, key=lambda m: m.span.start)
        index = (mentions, [m.span.start for m in mentions])
        units.extend(_unit(report, articles[key], order[key], ctx, index) for report in ann.reports)
    groups = sentence_groups(units, {a.id: a.text for a in state.articles})
    groups.sort(key=lambda g: (-_strength(g), g[0].order, g[0].report.trigger.start))
    clusters = _Clusters({a.id: a.text for a in state.articles})
    bare: list[list[_Unit]] = []
    for group in groups:
        if _strength(group) == 0:
            bare.append(group)
            continue
        target = clusters.best(group)
        if target is None:
            clusters.new(group)
        else:
            for unit in group:
                clusters.add(target, unit)
    for group in bare:
        target = _antecedent(group, clusters, articles)
        if target is None:
            clusters.new(group)
        else:
            for unit in group:
                clusters.add(target, unit)
    ordered = sorted(clusters.items, key=lambda c: (c.units[0].order, c.units[0].report.trigger.start))
    grouped = [(f"event:{i}", [u.report.id for u in c.units]) for i, c in enumerate(ordered)]
    return build_events(state, grouped)


def build_events(state: CorpusState, grouped: Sequence[tuple[str, Sequence[str]]]) -> tuple[Event, ...]:
    """Events from ``(event id, report ids)`` pairs, dated and labelled from ``state``."""
    kb = load_kb()
    kinds = _actor_kinds(state.annotations.values(), kb)
    articles = state.articles_by_id()
    reports = {r.id: r for ann in state.annotations.values() for r in ann.reports}
    return tuple(build_event(key, ids, reports, articles, kb, kinds) for key, ids in grouped)


def _antecedent(
    group: Sequence[_Unit], clusters: _Clusters, articles: Mapping[str, Article]
) -> _Cluster | None:
    """The event a bare definite mention ("the attack", "his killing") refers to in its article."""
    cid = clusters.antecedent(group[0], forward=True)
    if cid is None:
        return None
    cluster = clusters.items[cid]
    if not all(compatible(u, cluster) for u in group) or _is_background(
        cluster, articles[group[0].article_id]
    ):
        return None
    return cluster


def _is_background(cluster: _Cluster, article: Article) -> bool:
    if all(u.report.modality is Modality.HISTORICAL for u in cluster.units):
        return True
    published = article.published.value
    return bool(published and cluster.end and cluster.end < published - BACKGROUND_AGE)


# --- Building events ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened (or is expected), as its reports place it, and which reports do."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    estimated: bool
    evidence: tuple[str, ...] = ()  # ids of the reports whose time expressions give the range

    @property
    def dated(self) -> bool:
        return self.start is not None


UNDATED = EventDate(None, None, Precision.UNRESOLVED, False)
# How a report's time expression places its date, best first (see :func:`date_basis`).
STATED, RELATIVE, ESTIMATED = 0, 1, 2
_FINEST_FIRST = (Precision.DAY, Precision.PART_OF_DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR)


def date_basis(timex: TimeExpr, article: Article) -> int:
    """How well ``timex`` places its date.

    :data:`STATED`: the text gives the calendar date ("31 July 2024"; also "Oct. 7" and
    "mid-April", whose year comes from the publication date or a full date in the text: the
    outlet wrote the day, and news drops the year of recent dates). :data:`RELATIVE`: counted
    exactly from a stated publication date ("on Tuesday", "last week"). :data:`ESTIMATED`:
    counted from a publication date that was itself inferred, or vague ("hours after",
    "in recent days", "a few days ago": the day is a guess).
    """
    if timex.modifier == "approx":
        return ESTIMATED
    if timex.anchor in ("absolute", "text") or _names_calendar_date(timex.text, timex.direction):
        return STATED
    if timex.anchor == "published" and article.published.kind in _TRUSTED_PUBLISHED:
        return RELATIVE
    return ESTIMATED


@lru_cache(maxsize=4096)
def _names_calendar_date(text: str, direction: str) -> bool:
    # The resolver knows what an expression needs: only a year ("Aug. 1"), or a day to count
    # from ("two days ago", whose digit made it look like a calendar date to a pattern).
    result = resolve_expression(text, None, direction)
    return result is not None and result.needs == "calendar"


def event_date(reports: Sequence[EventReport], articles: Mapping[str, Article]) -> EventDate:
    """The one date of an event, from its best-placed reports' time expressions.

    Reports rank by :func:`date_basis`, then day-level before coarser. The best rank's ranges
    are intersected; when they do not meet, the range most articles give wins, and on a tie
    the span they cover is kept (the compare stage reports the disagreement either way). The precision
    is the finest of the expressions that give the range; the date is ``estimated`` when no
    report places it better than :data:`ESTIMATED`. The timeline, the briefing, the report
    and the app all show this date and no other.
    """
    dated: list[tuple[int, int, EventReport, TimeExpr]] = []
    for report in reports:
        when = report.when
        article = articles.get(report_article_id(report.id))
        if when is None or when.start is None or when.end is None or article is None:
            continue
        precision_rank = 0 if when.precision in _DAY_LEVEL else 1
        dated.append((date_basis(when, article), precision_rank, report, when))
    if not dated:
        return UNDATED
    basis, rank = min((b, p) for b, p, _, _ in dated)
    chosen = [(r, w) for b, p, r, w in dated if (b, p) == (basis, rank)]
    start, end, backers = _common_range(chosen)
    precision = min((w.precision for _, w in backers), key=_FINEST_FIRST.index)
    if precision is Precision.PART_OF_DAY:
        precision = Precision.DAY
    return EventDate(start, end, precision, basis == ESTIMATED, tuple(r.id for r, _ in backers))


def _common_range(
    chosen: Sequence[tuple[EventReport, TimeExpr]],
) -> tuple[dt.date, dt.date, Sequence[tuple[EventReport, TimeExpr]]]:
    """The range ``chosen`` agree on, and the reports that give it."""
    starts = [w.start for _, w in chosen if w.start]
    ends = [w.end for _, w in chosen if w.end]
    if max(starts) <= min(ends):
        return max(starts), min(ends), chosen
    # They disagree: the range most articles give (an article saying "Friday" three times
    # is one account), else the span they cover.
    backers: dict[tuple[dt.date, dt.date], list[tuple[EventReport, TimeExpr]]] = defaultdict(list)
    for report, when in chosen:
        assert when.start is not None and when.end is not None  # filtered by the caller
        backers[(when.start, when.end)].append((report, when))
    articles = {key: len({report_article_id(r.id) for r, _ in given}) for key, given in backers.items()}
    first, second = sorted(articles.values(), reverse=True)[:2]
    if first > second:
        (start, end), given = next((k, v) for k, v in backers.items() if articles[k] == first)
        return start, end, given
    return min(starts), max(ends), chosen


def strongest(modalities: Iterable[Modality]) -> Modality:
    """The strongest modality (see :data:`MODALITY_STRENGTH`)."""
    found = set(modalities)
    return next((m for m in MODALITY_STRENGTH if m in found), Modality.ASSERTED)


def _ranked(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v for v, _ in Counter(values).most_common())


def build_event(
    event_id: str,
    report_ids: Sequence[str],
    reports: Mapping[str, EventReport],
    articles: Mapping[str, Article],
    kb: ActorKB,
    kinds: Mapping[str, ActorKind],
) -> Event:
    """An :class:`Event` from the reports that tell of it."""
    members = [reports[r] for r in report_ids]
    article_ids = tuple(dict.fromkeys(report_article_id(r) for r in report_ids))
    date = event_date(members, articles)
    places = _ranked(r.where for r in members if r.where and kinds.get(r.where) is ActorKind.LOCATION)
    actor = _ranked(a for r in members for a in r.actor)
    recipient = _ranked(a for r in members for a in r.recipient if a not in actor[:1])
    modality = strongest(r.modality for r in members)
    published = [d for a in article_ids if (d := articles[a].published.value) is not None]
    background = all(r.modality is Modality.HISTORICAL for r in members) or bool(
        date.end and published and date.end < min(published) - BACKGROUND_AGE
    )
    event = Event(
        id=event_id,
        event_type=members[0].event_type,
        label="",
        report_ids=tuple(report_ids),
        article_ids=article_ids,
        cameo=_ranked(r.cameo for r in members if r.cameo)[:1][0] if any(r.cameo for r in members) else "",
        mode=_ranked(r.mode for r in members if r.mode)[0] if any(r.mode for r in members) else "",
        actor=actor,
        recipient=recipient,
        start=date.start,
        end=date.end,
        precision=date.precision,
        date_estimated=date.estimated,
        date_evidence=date.evidence,
        where=places[0] if places else None,
        modality=modality,
        background=background,
    )
    return replace(event, label=event_label(event, members, kb, kinds))


_NOUNS: tuple[tuple[str, str], ...] = (
    ("18", "Killing"),
    ("19", "Attack"),
    ("041", "Call"),
    ("042", "Visit"),
    ("043", "Visit"),
    ("04", "Meeting"),
    ("13", "Threat"),
    ("11", "Accusation"),
    ("01", "Statement"),
    ("0", "Cooperation"),
    ("1", "Action"),
)


def event_label(
    event: Event, members: Sequence[EventReport], kb: ActorKB, kinds: Mapping[str, ActorKind]
) -> str:
    """A short readable description: "Killing of Ismail Haniyeh in Tehran"."""
    cameos = [r.cameo for r in members if r.cameo]
    noun = event.event_type.title() if event.event_type else "Event"
    for prefix, word in _NOUNS:
        if any(c.startswith(prefix) for c in cameos):
            noun = word
            break
    if noun in ("Killing", "Attack") and not any(kinds.get(r) is ActorKind.PERSON for r in event.recipient):
        noun = "Attack" if noun == "Killing" else noun
    label = noun
    actors = [a for a in event.actor if kinds.get(a) is not ActorKind.LOCATION][:2]
    recipients = [a for a in event.recipient if kinds.get(a) is not ActorKind.LOCATION][:1]
    if noun in ("Call", "Meeting", "Visit") and len(actors) >= 2:
        label += f" between {_name(actors[0], kb, members)} and {_name(actors[1], kb, members)}"
    elif recipients:
        label += (
            f" of {_name(recipients[0], kb, members)}"
            if noun == "Killing"
            else f" on {_name(recipients[0], kb, members)}"
        )
        if actors and noun != "Killing":
            label = f"{_name(actors[0], kb, members)}: {label}"
    elif actors:
        label += f" by {_name(actors[0], kb, members)}"
    if event.where:
        label += f" in {_name(event.where, kb, members)}"
    if label == noun:
        label = f"{noun} ({members[0].trigger_text})"
    return label


def _name(actor_id: str, kb: ActorKB, members: Sequence[EventReport]) -> str:
    actor = kb.get(actor_id)
    if actor is not None:
        return actor.name
    return actor_id.split(":", 1)[-1].replace("-", " ").title()


def link_stories(stories: Sequence[Story], events: Sequence[Event]) -> tuple[Story, ...]:
    """Each story with the events its articles report."""
    if not stories:
        return tuple(stories)
    events_of: dict[str, list[str]] = defaultdict(list)
    for event in events:
        for article_id in event.article_ids:
            events_of[article_id].append(event.id)
    return tuple(
        replace(s, event_ids=tuple(dict.fromkeys(e for a in s.article_ids for e in events_of.get(a, ()))))
        for s in stories
    )
