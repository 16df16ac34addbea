"""Attributes an article states for an event: method or weapon, casualties, and who is
said to be responsible (and by whom)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsweave.stages.events.arguments import entity_text
from newsweave.stages.events.lexicon import Lexicon

_CASUALTY_VERBS = {"kill": "killed", "wound": "injured", "injure": "injured", "die": "killed"}
_BLAME_VERBS = frozenset({"blame", "accuse", "hold"})
_MAX_PHRASE_TOKENS = 40


@dataclass(frozen=True, slots=True, kw_only=True)
class Blame:
    """ "Iran and Hamas blamed Israel for the attack": responsible, by whom, for which event."""

    responsible: str
    by: str
    event_token: int


def method(trigger: Token, lex: Lexicon) -> str | None:
    """The method or weapon named in the trigger's own phrase ("killed ... in an airstrike")."""
    text = _phrase_text(trigger)
    for cue, name in lex.methods:
        if re.search(rf"\b{re.escape(cue)}", text):
            return name
    return None


def _phrase_text(trigger: Token) -> str:
    if trigger.pos_ in ("NOUN", "PROPN"):
        tokens = list(trigger.subtree)
    else:
        # A verb's own phrase: itself and its prepositional phrases and object ("killed in an
        # airstrike", "taken out by a missile strike"), not the clauses it governs.
        tokens = [trigger]
        for child in trigger.children:
            if child.dep_ in ("prep", "agent", "dobj", "nsubjpass", "nsubj", "prt"):
                tokens.extend(child.subtree)
    if trigger.dep_ == "relcl":
        tokens += [trigger.head, *(c for c in trigger.head.children if c.dep_ in ("compound", "amod"))]
    if len(tokens) > _MAX_PHRASE_TOKENS:
        tokens = [t for t in tokens if abs(t.i - trigger.i) <= _MAX_PHRASE_TOKENS // 2]
    return " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))


def casualties(trigger: Token) -> list[tuple[str, str]]:
    """("killed", "7") for "which killed seven military personnel" in the trigger's phrase."""
    found: list[tuple[str, str]] = []
    scope = [trigger, *trigger.subtree]
    if trigger.dep_ == "relcl":
        scope.append(trigger.head)
    for token in scope:
        kind = _CASUALTY_VERBS.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
        if kind is None:
            continue
        for arg in token.children:
            if arg.dep_ in ("dobj", "nsubjpass"):
                count = _count(arg)
                if count and (kind, count) not in found:
                    found.append((kind, count))
    return found


def _count(noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("quantmod", "amod")):
            qualifier = " ".join(c.lower_ for c in child.children if c.dep_ in ("advmod", "quantmod"))
            return f"{qualifier} {child.text}".strip()
    return None


def blames(sent: Span) -> Iterable[Blame]:
    """Responsibility statements in a sentence and the event token they are about."""
    for verb in sent:
        if verb.lemma_.lower() not in _BLAME_VERBS or verb.pos_ != "VERB":
            continue
        blame = _blame(verb)
        if blame is not None:
            yield blame


def _blame(verb: Token) -> Blame | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in verb.children if c.dep_ == "prep"}
    if preps.get("on"):
        responsible, events = preps["on"], objects
    else:
        responsible, events = objects, preps.get("for", []) or preps.get("of", [])
    if verb.dep_ == "relcl" and (not events or events[0].lower_ in ("which", "that")):
        events = [verb.head]
    if not responsible or not events:
        return None
    return Blame(responsible=_names(responsible), by=_names(subjects), event_token=events[0].i)


def _names(heads: list[Token]) -> str:
    tokens = {t.i: t for h in heads for t in (h, *h.conjuncts)}
    return "; ".join(entity_text(tokens[i]) for i in sorted(tokens))
