"""Resolve the actors of one article: names, metonyms, titles, pronouns, nominals, descriptors."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsweave.model import Actor, ActorKind, Article, Descriptor, Mention, MentionKind, Span
from newsweave.reference.actors import ActorKB, load_kb
from newsweave.stages.actors import descriptors as desc
from newsweave.stages.actors import pronouns, titles
from newsweave.stages.actors.entities import Candidate, NameResolver, candidates, label_for
from newsweave.stages.actors.metonymy import is_political_use

_DESCRIBED_KINDS = frozenset({ActorKind.PERSON, ActorKind.GROUP, ActorKind.ORGANISATION, ActorKind.COUNTRY})


@dataclass(frozen=True, slots=True)
class ActorResult:
    """Actors an article mentions, every mention (sorted by offset) and the descriptors."""

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    descriptors: tuple[Descriptor, ...]


@dataclass
class _Work:
    """Mutable state while one article is resolved."""

    doc: Doc
    kb: ActorKB
    sent_starts: list[int]
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    descriptors: list[Descriptor] = field(default_factory=list)
    anchors: list[pronouns.Anchor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)
    token_country: dict[int, str | None] = field(default_factory=dict)

    def sent(self, token: int) -> int:
        return pronouns.sent_of(self.sent_starts, token)

    def add(self, actor: Actor, start: int, end: int, label: str, kind: MentionKind, root: int) -> None:
        self.actors.setdefault(actor.id, actor)
        span = self.doc[start:end]
        self.mentions.append(
            Mention(
                span=Span(start=span.start_char, end=span.end_char),
                text=span.text,
                label=label,
                kind=kind,
                actor_id=actor.id,
            )
        )
        for i in range(start, end):
            self.token_actor[i] = actor.id
            self.token_country[i] = actor.country
        subject = pronouns.is_subject(self.doc[root])
        self.anchors.append(pronouns.Anchor(root, self.sent(root), actor.id, actor.kind, subject))


def resolve_actors(doc: Doc, article: Article | None = None, kb: ActorKB | None = None) -> ActorResult:
    """Find and resolve the actors ``doc`` (the parse of ``article.text``) mentions."""
    kb = kb or load_kb()
    work = _Work(doc=doc, kb=kb, sent_starts=pronouns.sentence_index(doc))
    day = article.published.value if article is not None else None
    cands = candidates(doc)
    _names(work, cands)
    work.anchors.sort(key=lambda a: a.token)
    _nominals(work)  # before titles: "the group’s top military commander"
    _titles(work, day)
    work.anchors.sort(key=lambda a: a.token)
    _pronouns(work)
    mentions = tuple(sorted(work.mentions, key=lambda m: (m.span.start, -m.span.end)))
    descriptors = tuple(sorted(set(work.descriptors), key=lambda d: (d.span.start, d.span.end, d.actor_id)))
    return ActorResult(actors=tuple(work.actors.values()), mentions=mentions, descriptors=descriptors)


def _names(work: _Work, cands: Sequence[Candidate]) -> None:
    resolver = NameResolver(work.kb, work.doc, list(cands))
    for cand in cands:
        actor = resolver.resolve(cand)
        span = cand.span(work.doc)
        kind = MentionKind.NAME
        metonymy = work.kb.metonyms.get(actor.id)
        if metonymy is not None and is_political_use(span.root, metonymy):
            kind = MentionKind.METONYM
            actor = work.kb.get(metonymy.target) or actor
        work.add(actor, cand.start, cand.end, label_for(actor, cand.label, kind), kind, span.root.i)
        if actor.kind in _DESCRIBED_KINDS and kind is MentionKind.NAME:
            _describe(work, cand, actor.id)


def _describe(work: _Work, cand: Candidate, actor_id: str) -> None:
    doc = work.doc
    root = cand.span(doc).root
    work.descriptors.extend(desc.appositives(doc, root, cand.start, cand.end, actor_id))
    if work.actors[actor_id].kind is ActorKind.COUNTRY:
        return  # "39,000 Palestinians", "south Lebanon": numbers and places, not descriptions
    found = desc.premodifier(doc, root, cand.raw_start, cand.start, actor_id)
    if found is not None:
        work.descriptors.append(found)


def _titles(work: _Work, day: dt.date | None) -> None:
    named_tokens = set(work.token_actor)
    owners = {i: a for i, a in work.token_actor.items() if work.actors[a].kind is not ActorKind.PERSON}
    people = [a for a in work.anchors if a.kind is ActorKind.PERSON]  # sorted by token
    for match in titles.find_titles(work.doc, owners, named_tokens):
        named_before = {a.actor_id: -1 for a in people}
        named_before.update({a.actor_id: a.token for a in people if a.token < match.start})
        actor_id = titles.resolve_title(work.kb, match, day, named_before)
        actor = work.kb.get(actor_id) if actor_id else None
        if actor is None:
            continue
        work.add(actor, match.start, match.end, "TITLE", MentionKind.TITLE, match.head)


def _nominals(work: _Work) -> None:
    named = set(work.token_actor)
    found = desc.group_nominals(work.doc, work.sent, work.anchors, work.token_country, named)
    for start, end, actor_id, described in list(found):
        actor = work.actors[actor_id]
        work.add(actor, start, end, "NOMINAL", MentionKind.NOMINAL, end - 1)
        if described:
            mention = work.mentions[-1]
            work.descriptors.append(
                Descriptor(actor_id=actor_id, span=mention.span, text=mention.text, kind="nominal")
            )
    work.anchors.sort(key=lambda a: a.token)


def _pronouns(work: _Work) -> None:
    anchors = work.anchors
    resolved: list[pronouns.Anchor] = []
    position = 0
    for token in work.doc:
        if not pronouns.resolvable(token):
            continue
        while position < len(anchors) and anchors[position].token < token.i:
            resolved.append(anchors[position])
            position += 1
        found = pronouns.antecedent(token, work.sent(token.i), resolved)
        if found is None:
            continue
        actor = work.actors[found.actor_id]
        work.add(actor, token.i, token.i + 1, "PRON", MentionKind.PRONOUN, token.i)
        resolved.append(work.anchors.pop())


def actor_at(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    """The actor whose mention covers ``[start, end)`` or heads it.

    ``mentions`` must be sorted by start (as :func:`resolve_actors` returns them). A mention
    covering the span wins (the smallest); otherwise, of the mentions inside the span, the one
    that ends it (an English noun phrase's head comes last: "Hamas political chief Ismail
    Haniyeh"), then the first person, then the first mention.
    """
    if end <= start:
        return None
    starts = [m.span.start for m in mentions]
    covering = [m for m in mentions[: bisect_left(starts, start + 1)] if m.span.end >= end and m.actor_id]
    if covering:
        return min(covering, key=lambda m: len(m.span)).actor_id
    inside = [m for m in _inside(mentions, starts, start, end) if m.actor_id]
    if not inside:
        return None
    ending = [m for m in inside if m.span.end == end]
    person = [m for m in inside if m.label in ("PERSON", "TITLE", "PRON")]
    return (ending or person or inside)[0].actor_id


def _inside(mentions: Sequence[Mention], starts: list[int], start: int, end: int) -> Iterable[Mention]:
    for m in mentions[bisect_left(starts, start) :]:
        if m.span.start >= end:
            break
        if m.span.end <= end:
            yield m
