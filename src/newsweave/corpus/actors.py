"""The 'actors-across' corpus stage: one unknown actor under different names is one actor.

Knowledge-base ids (``kb:...``) already agree across articles. Names the knowledge base
does not know get a per-article ``new:<slug>`` id; this stage merges those across
articles when their names match after normalisation ("ISA Ronen Bar" / "Ronen Bar"), by
surname ("Bar" when exactly one known full name ends in it) or by fuzzy match
(rapidfuzz, for spelling variants), and rewrites every annotation to the merged id.

Candidates are blocked by first and last name token, so the cost grows with the number
of names sharing a token, never with all pairs of names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.model import Actor, ActorKind, Annotations, EventReport, Quote, Source
from newsweave.reference.actors import name_key

NEW_PREFIX = "new:"
# Token-set ratio above which two names of one kind are spelling variants of one name.
FUZZY_THRESHOLD = 92.0
# Titles and honorifics that name a role, not the person ("ISA Ronen Bar", "Dr. Amal Saad").
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "isa",
        "sen",
        "rep",
        "gov",
    }
)
# A block shared by more names than this is a common token ("al", "university"), not a cue.
_MAX_BLOCK = 50


@dataclass(frozen=True, slots=True)
class _Name:
    actor_id: str
    name: str
    kind: ActorKind
    tokens: tuple[str, ...]  # normalised, titles dropped


@corpus_stage("actors-across", provides=["actors-across"])
def actors_across_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Merge ``new:`` actors naming the same actor across articles and rewrite their ids."""
    names = _unknown_names(state.annotations.values())
    mapping = merge_map(names.values())
    if not mapping:
        return state
    canon = _canonical_actors(state.annotations.values(), mapping)
    annotations = {key: rewrite(ann, mapping, canon) for key, ann in state.annotations.items()}
    return replace(state, annotations=annotations)


def _unknown_names(annotations: Iterable[Annotations]) -> dict[str, _Name]:
    found: dict[str, _Name] = {}
    for ann in annotations:
        for actor in ann.actors:
            if actor.id.startswith(NEW_PREFIX) and actor.id not in found:
                tokens = tuple(t for t in name_key(actor.name).split() if t not in _TITLES)
                if tokens:
                    found[actor.id] = _Name(actor.id, actor.name, actor.kind, tokens)
    return found


def merge_map(names: Iterable[_Name]) -> dict[str, str]:
    """Each merged ``new:`` id → the id of its group's fullest name (ids that stay are absent)."""
    items = sorted(names, key=lambda n: n.actor_id)
    parent = {n.actor_id: n.actor_id for n in items}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in _candidate_pairs(items):
        if _same_actor(a, b):
            ra, rb = find(a.actor_id), find(b.actor_id)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[_Name]] = defaultdict(list)
    for name in items:
        groups[find(name.actor_id)].append(name)
    mapping: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        best = max(members, key=lambda n: (len(n.tokens), len(n.name), n.actor_id))
        mapping.update({m.actor_id: best.actor_id for m in members if m.actor_id != best.actor_id})
    mapping.update(_surname_map(items, mapping))
    return mapping


def _candidate_pairs(items: list[_Name]) -> Iterable[tuple[_Name, _Name]]:
    blocks: dict[str, list[_Name]] = defaultdict(list)
    for name in items:
        for token in {name.tokens[0], name.tokens[-1]}:
            blocks[token].append(name)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > _MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                key = (a.actor_id, b.actor_id)
                if key not in seen:
                    seen.add(key)
                    yield a, b


def _compatible_kinds(a: ActorKind, b: ActorKind) -> bool:
    return a == b or ActorKind.UNKNOWN in (a, b)


def _same_actor(a: _Name, b: _Name) -> bool:
    if not _compatible_kinds(a.kind, b.kind):
        return False
    if a.tokens == b.tokens:
        return True
    if len(a.tokens) < 2 or len(b.tokens) < 2:
        return False  # a single name is a surname: handled with the ambiguity check below
    return fuzz.token_sort_ratio(" ".join(a.tokens), " ".join(b.tokens)) >= FUZZY_THRESHOLD


def _surname_map(items: list[_Name], merged: Mapping[str, str]) -> dict[str, str]:
    """A one-word person name → the only full person name ending in it, if exactly one."""
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for name in items:
        if name.kind is ActorKind.PERSON and len(name.tokens) >= 2:
            full_by_surname[name.tokens[-1]].add(merged.get(name.actor_id, name.actor_id))
    mapping: dict[str, str] = {}
    for name in items:
        if name.kind is not ActorKind.PERSON or len(name.tokens) != 1 or name.actor_id in merged:
            continue
        targets = full_by_surname.get(name.tokens[0], set())
        if len(targets) == 1:
            (target,) = targets
            if target != name.actor_id:
                mapping[name.actor_id] = target
    return mapping


def _canonical_actors(annotations: Iterable[Annotations], mapping: Mapping[str, str]) -> dict[str, Actor]:
    """The merged actor record for each target id: its own record plus every alias."""
    records: dict[str, Actor] = {}
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    for ann in annotations:
        for actor in ann.actors:
            target = mapping.get(actor.id, actor.id)
            if target not in mapping.values():
                continue
            if actor.id == target:
                records.setdefault(target, actor)
            aliases[target].update((actor.name, *actor.aliases))
    return {
        key: replace(actor, aliases=tuple(sorted(set(aliases[key]) - {actor.name})))
        for key, actor in records.items()
    }


def rewrite(ann: Annotations, mapping: Mapping[str, str], canon: Mapping[str, Actor]) -> Annotations:
    """``ann`` with every merged actor id replaced by its target id."""
    if not any(a.id in mapping or a.id in canon for a in ann.actors):
        return ann

    def to(actor_id: str | None) -> str | None:
        return mapping.get(actor_id, actor_id) if actor_id is not None else None

    actors: dict[str, Actor] = {}
    for actor in ann.actors:
        target = mapping.get(actor.id, actor.id)
        actors.setdefault(target, canon.get(target, actor))
    return replace(
        ann,
        actors=tuple(actors.values()),
        mentions=tuple(replace(m, actor_id=to(m.actor_id)) for m in ann.mentions),
        descriptors=tuple(replace(d, actor_id=mapping.get(d.actor_id, d.actor_id)) for d in ann.descriptors),
        quotes=tuple(_rewrite_quote(q, mapping) for q in ann.quotes),
        reports=tuple(_rewrite_report(r, mapping) for r in ann.reports),
    )


def _rewrite_sources(chain: tuple[Source, ...], mapping: Mapping[str, str]) -> tuple[Source, ...]:
    return tuple(
        replace(s, actor_id=mapping[s.actor_id]) if s.actor_id is not None and s.actor_id in mapping else s
        for s in chain
    )


def _rewrite_quote(quote: Quote, mapping: Mapping[str, str]) -> Quote:
    speaker = mapping.get(quote.speaker, quote.speaker) if quote.speaker else quote.speaker
    return replace(quote, speaker=speaker, via=_rewrite_sources(quote.via, mapping))


def _rewrite_report(report: EventReport, mapping: Mapping[str, str]) -> EventReport:
    return replace(
        report,
        actor=tuple(dict.fromkeys(mapping.get(a, a) for a in report.actor)),
        recipient=tuple(dict.fromkeys(mapping.get(a, a) for a in report.recipient)),
        where=mapping.get(report.where, report.where) if report.where else report.where,
        attributed_to=_rewrite_sources(report.attributed_to, mapping),
    )
