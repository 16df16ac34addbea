"""Grouping a corpus's event reports into events (:func:`merge_reports`).

Reports are clustered greedily, strongest first (named persons, then a day or a city), by
the rules of :mod:`newsweave.corpus.events.matching`. Within a sentence, neighbouring
triggers of one type are one event ("killed in an airstrike"); a definite mention ("Israel's
strike") refers to the nearest compatible event of its article in its paragraph or the one
before; a bare one ("the attack") with no participants of its own, failing that, to the
nearest further away. Candidates come from an inverted index (type × participant, place,
day, cue, argument words), so no step compares all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from newsweave.corpus import CorpusState
from newsweave.corpus.events.building import BACKGROUND_AGE, build_events
from newsweave.corpus.events.features import Unit, UnitContext, actor_kinds, unit_of
from newsweave.corpus.events.matching import (
    JOIN_SCORE,
    Cluster,
    add_to,
    compatible,
    evidence,
    person_orgs,
)
from newsweave.model import Article, Event, Modality
from newsweave.reference.actors import load_kb

_NOT_SAME = re.compile(r"\b(?:another|separate|second|other|earlier|later)\b|[,;—–()]", re.I)
_NOT_SAME_WORDS = re.compile(
    r"\b(?:another|separate|second|other|earlier|later|response|retaliation|revenge|after|following|before)\b",
    re.I,
)
_MAX_GAP = 40  # characters between two triggers of one event in one sentence
_MAX_POSTING = 50  # candidates kept per index key: recent events of a busy key are the likely ones
_PARAGRAPH_BREAK = re.compile(r"\n+")
_ANAPHORA_WINDOW = 1200  # characters back (or forward) a bare "the attack" may refer


def _keys(unit: Unit) -> Iterable[str]:
    for actor_id in (*unit.persons, *unit.others):
        yield f"{unit.family}|a:{actor_id}"
    if unit.city:
        yield f"{unit.family}|c:{unit.city}"
    if unit.day:
        yield f"{unit.family}|d:{unit.day.isoformat()}"
    for org in (*unit.cue_orgs, *person_orgs(unit.persons)):
        yield f"{unit.family}|o:{org}"
    for story in unit.stories:
        yield f"{unit.family}|s:{story}|{unit.report.trigger_text.casefold()}"
    for i, head in enumerate(unit.heads):
        if head:
            yield f"{unit.family}|h{i}:{head}"


class _Clusters:
    """The events found so far, with the inverted index that yields candidates."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.items: list[Cluster] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.of_report: dict[str, int] = {}
        self.by_article: dict[tuple[str, str], list[int]] = defaultdict(list)

    def new(self, units: Sequence[Unit]) -> Cluster:
        cluster = Cluster(id=len(self.items), family=units[0].family, protracted=units[0].protracted)
        self.items.append(cluster)
        for unit in units:
            self.add(cluster, unit)
        return cluster

    def add(self, cluster: Cluster, unit: Unit) -> None:
        add_to(cluster, unit)
        self.of_report[unit.report.id] = cluster.id
        in_article = self.by_article[(unit.article_id, unit.family)]
        if cluster.id not in in_article:
            in_article.append(cluster.id)
        for key in _keys(unit):
            posting = self.index[key]
            if not posting or posting[-1] != cluster.id:
                posting.append(cluster.id)
                del posting[:-_MAX_POSTING]

    def best(self, units: Sequence[Unit]) -> Cluster | None:
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

    def antecedent(self, unit: Unit, *, forward: bool = False) -> int | None:
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


def sentence_groups(units: Sequence[Unit], texts: Mapping[str, str]) -> list[list[Unit]]:
    """Neighbouring triggers of one type in one sentence: "killed in an airstrike"."""
    by_sentence: dict[tuple[str, int, str], list[Unit]] = defaultdict(list)
    for unit in units:
        by_sentence[(unit.article_id, unit.report.span.start, unit.family)].append(unit)
    groups: list[list[Unit]] = []
    for members in by_sentence.values():
        members.sort(key=lambda u: u.report.trigger.start)
        group = [members[0]]
        for unit in members[1:]:
            previous = group[-1]
            gap = texts[unit.article_id][previous.report.trigger.end : unit.report.trigger.start]
            probe = Cluster(id=-1, family=unit.family, protracted=group[0].protracted)
            for member in group:
                add_to(probe, member)
            if unit.future == previous.future and _one_event(unit, group, gap) and compatible(unit, probe):
                group.append(unit)
            else:
                groups.append(group)
                group = [unit]
        groups.append(group)
    return groups


def _one_event(unit: Unit, group: Sequence[Unit], gap: str) -> bool:
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


def _strength(group: Sequence[Unit]) -> int:
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
    ctx = UnitContext(
        kinds=actor_kinds(state.annotations.values(), kb),
        kb=kb,
        stories_of={k: frozenset(v) for k, v in stories_of.items()},
    )
    units: list[Unit] = []
    for key, ann in state.annotations.items():
        if key not in articles:
            continue
        mentions = sorted(ann.mentions, key=lambda m: m.span.start)
        index = (mentions, [m.span.start for m in mentions])
        units.extend(unit_of(report, articles[key], order[key], ctx, index) for report in ann.reports)
    groups = sentence_groups(units, {a.id: a.text for a in state.articles})
    groups.sort(key=lambda g: (-_strength(g), g[0].order, g[0].report.trigger.start))
    clusters = _Clusters({a.id: a.text for a in state.articles})
    bare: list[list[Unit]] = []
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


def _antecedent(
    group: Sequence[Unit], clusters: _Clusters, articles: Mapping[str, Article]
) -> Cluster | None:
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


def _is_background(cluster: Cluster, article: Article) -> bool:
    if all(u.report.modality is Modality.HISTORICAL for u in cluster.units):
        return True
    published = article.published.value
    return bool(published and cluster.end and cluster.end < published - BACKGROUND_AGE)
