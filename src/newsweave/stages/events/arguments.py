"""Who did what to whom, where and when: an event's arguments from the dependency parse.

Verbs: the subject (or the agent of a passive) acts; the object, the passive subject or
the object of "on"/"against"/"with" is acted on. Nominalisations: the possessor or a
nationality adjective acts ("Israel's killing", "an Israeli strike"), the object of "of",
"on" or "against" is acted on ("the killing of Haniyeh", "a strike on Beirut"). Argument
heads resolve to actors through the mentions whose span covers them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newsweave.model import Mention, TimeExpr
from newsweave.stages.events.lexicon import load_lexicon
from newsweave.stages.nlp.entities import entity_at

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr"})
_RECIPIENT_PREPS = frozenset({"on", "against", "with", "at", "upon", "toward", "towards", "into"})
_NOUN_RECIPIENT_PREPS = _RECIPIENT_PREPS | {"of"}
_PLACE_PREPS = frozenset({"in", "at", "on", "near", "outside", "inside", "across", "into", "from"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl"})
_RELATIVE = frozenset({"which", "that", "who", "whom"})
_MAX_HOPS = 4
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Mentions sorted by start, for "which mention covers this character" lookups."""

    starts: tuple[int, ...]
    mentions: tuple[Mention, ...]

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> MentionIndex:
        ordered = tuple(sorted(mentions, key=lambda m: (m.span.start, -m.span.end)))
        return cls(tuple(m.span.start for m in ordered), ordered)

    def covering(self, start: int, end: int) -> Mention | None:
        """The shortest resolved mention whose span covers ``[start, end)``."""
        best: Mention | None = None
        pos = bisect.bisect_right(self.starts, start)
        # Mentions are short; a few steps back reach every span that can cover ``start``.
        for mention in reversed(self.mentions[max(0, pos - 8) : pos]):
            if mention.actor_id is None or not (mention.span.start <= start and end <= mention.span.end):
                continue
            if best is None or mention.span.end - mention.span.start < best.span.end - best.span.start:
                best = mention
        return best


@dataclass(frozen=True, slots=True, kw_only=True)
class Participants:
    actor: tuple[Token, ...]
    recipient: tuple[Token, ...]


def participants(trigger: Token) -> Participants:
    """Argument head tokens of a trigger (conjuncts expanded)."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        actor, recipient = _noun_arguments(trigger)
    else:
        actor, recipient = _verb_arguments(trigger)
    return Participants(actor=_with_conjuncts(actor), recipient=_with_conjuncts(recipient))


def _is_argument(token: Token) -> bool:
    return token.ent_type_ not in _NOT_ACTORS and token.pos_ not in ("VERB", "AUX", "ADP")


def _verb_arguments(verb: Token) -> tuple[list[Token], list[Token]]:
    actor: list[Token] = []
    recipient: list[Token] = []
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            actor.append(child)
        elif child.dep_ in _OBJECT_DEPS:
            recipient.append(child)
        elif child.dep_ == "agent":
            actor.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
            recipient.extend(g for g in child.children if g.dep_ == "pobj")
    if not actor:
        actor = _inherited_subject(verb)
    if verb.dep_ == "relcl":
        recipient = [verb.head if t.lower_ in _RELATIVE else t for t in recipient]
        actor = [verb.head if t.lower_ in _RELATIVE else t for t in actor] or [verb.head]
    return actor, recipient


def _inherited_subject(verb: Token) -> list[Token]:
    """The subject of the governing verb for "X claimed to have eliminated Y"."""
    current = verb
    for _ in range(_MAX_HOPS):
        if current.dep_ not in _INHERIT_DEPS or current.head.i == current.i:
            return []
        current = current.head
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects
    return []


def _noun_arguments(noun: Token) -> tuple[list[Token], list[Token]]:
    actor: list[Token] = []
    recipient: list[Token] = []
    for child in noun.children:
        if _is_agentive_modifier(child):
            actor.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            actor.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in _NOUN_RECIPIENT_PREPS:
            recipient.extend(g for g in child.children if g.dep_ == "pobj")
    if actor and not recipient and all(t.ent_type_ == "PERSON" for t in actor):
        # "Haniyeh's killing": a person as possessor with no "of" object is the victim.
        actor, recipient = [], actor
    if not actor and noun.dep_ == "dobj" and noun.head.lemma_.lower() in load_lexicon().light_verbs:
        # A light verb's subject acts: "Tehran launched a series of airstrikes".
        actor = [c for c in noun.head.children if c.dep_ in _SUBJECT_DEPS]
    return actor, recipient


def _is_agentive_modifier(child: Token) -> bool:
    """ "*Israel's* killing", "an *Israeli* strike" (not "its", "their")."""
    if child.dep_ == "poss":
        return child.lower_ not in ("its", "their", "his", "her")
    return child.dep_ in ("amod", "compound") and child.ent_type_ in _ACTOR_LABELS


def _with_conjuncts(heads: list[Token]) -> tuple[Token, ...]:
    found: dict[int, Token] = {}
    for head in heads:
        for token in (head, *head.conjuncts):
            if _is_argument(token):
                found.setdefault(token.i, token)
    return tuple(found[i] for i in sorted(found))


def resolve(heads: Sequence[Token], index: MentionIndex) -> tuple[str, ...]:
    """Actor ids of argument heads: the mention covering the head, else its appositive."""
    ids: dict[str, None] = {}
    for head in heads:
        mention = index.covering(head.idx, head.idx + len(head.text))
        if mention is None:
            for child in head.children:
                if child.dep_ == "appos":
                    mention = index.covering(child.idx, child.idx + len(child.text))
                    break
        if mention is not None and mention.actor_id is not None:
            ids.setdefault(mention.actor_id)
    return tuple(ids)


def place(trigger: Token) -> Token | None:
    """A GPE/LOC/FAC token in a locative phrase of the trigger or of its clause."""
    for anchor in (trigger, trigger.head):
        for token in _locative_objects(anchor):
            if token.ent_type_ in _PLACE_LABELS:
                return token
            inner = _place_in_noun(token)
            if inner is not None:
                return inner
        if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ not in (
            "dobj",
            "pobj",
            "nsubj",
            "nsubjpass",
        ):
            break
    return None


def _locative_objects(anchor: Token) -> Iterator[Token]:
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
            yield from (g for g in child.children if g.dep_ == "pobj")


def _place_in_noun(noun: Token) -> Token | None:
    """ "the Lebanese capital of Beirut", "a leader in the Lebanese capital of Beirut"."""
    frontier = [noun]
    for _ in range(_MAX_HOPS):
        following: list[Token] = []
        for token in frontier:
            for child in token.children:
                if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS | {"of"}:
                    continue
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if obj.ent_type_ in _PLACE_LABELS:
                        return obj
                    following.append(obj)
        frontier = following
    return None


def entity_text(token: Token) -> str:
    """The whole named entity ``token`` is part of, else the token."""
    ent = entity_at(token)
    return token.text if ent is None else ent.text.removeprefix("the ").removeprefix("The ")


def time_for(trigger: Token, timexes: Sequence[TimeExpr], sent_start: int, sent_end: int) -> TimeExpr | None:
    """The time expression of the trigger's clause: one in the trigger's own phrase, or the
    one attached to its governing verb, or the sentence's only one."""
    inside = [t for t in timexes if sent_start <= t.span.start and t.span.end <= sent_end]
    if not inside:
        return None
    doc = trigger.doc
    anchors = {trigger.i, *(t.i for t in _governing_chain(trigger))}
    for timex in inside:
        token = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if token is None:
            continue
        root = token.root
        if root.head.i in anchors or (root.head.dep_ == "prep" and root.head.head.i in anchors):
            return timex
    return None


def _governing_chain(trigger: Token) -> list[Token]:
    chain: list[Token] = []
    current = trigger
    for _ in range(_MAX_HOPS):
        if current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
        if current.pos_ in ("VERB", "AUX"):
            break
    return chain
