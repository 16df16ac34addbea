"""Pronouns to the nearest agreeing actor: he/she to a person, it/they to a group or state.

Only pronouns that matter for who-said and who-did are resolved: subjects, possessors and
pronouns right by a quote cue ("she said"). The antecedent is the nearest agreeing mention
before the pronoun in its sentence, else the subject (or the nearest) mention of the closest
of the two sentences before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.model import ActorKind
from newsweave.stages.actors import lexicon

WINDOW_SENTENCES = 2
_CUE_DISTANCE = 3
_PERSON_KINDS = frozenset({ActorKind.PERSON})
_GROUP_KINDS = frozenset({ActorKind.GROUP, ActorKind.COUNTRY, ActorKind.ORGANISATION, ActorKind.OUTLET})


@dataclass(frozen=True, slots=True)
class Anchor:
    """A resolved mention a pronoun may refer to."""

    token: int  # root token index
    sent: int
    actor_id: str
    kind: ActorKind
    subject: bool


def sentence_index(doc: Doc) -> list[int]:
    """Start token of each sentence (one sentence for a doc without a parse)."""
    if not len(doc):
        return []
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [0]
    return [sent.start for sent in doc.sents]


def sent_of(starts: Sequence[int], token: int) -> int:
    return max(bisect_left(starts, token + 1) - 1, 0)


def is_subject(token: Token) -> bool:
    while token.dep_ in ("compound", "conj", "appos") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def resolvable(token: Token) -> bool:
    lower = token.lower_
    if lower not in lexicon.MALE_FEMALE_PRONOUNS and lower not in lexicon.GROUP_PRONOUNS:
        return False
    head = token.head
    if lower == "it" and head.lemma_.lower() in lexicon.DUMMY_IT_VERBS:
        return False
    if token.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    return head.lemma_.lower() in lexicon.SOURCE_VERBS and abs(head.i - token.i) <= _CUE_DISTANCE


def antecedent(token: Token, sent: int, anchors: Sequence[Anchor]) -> Anchor | None:
    """The anchor a pronoun refers to; ``anchors`` are the ones before it, in text order."""
    kinds = _PERSON_KINDS if token.lower_ in lexicon.MALE_FEMALE_PRONOUNS else _GROUP_KINDS
    first = sent - WINDOW_SENTENCES
    pool: list[Anchor] = []
    for anchor in reversed(anchors):
        if anchor.sent < first:
            break
        if anchor.kind in kinds and anchor.token != token.i:
            pool.append(anchor)
    if not pool:
        return None
    if pool[0].sent == sent:
        return pool[0]
    closest = pool[0].sent
    same = [a for a in pool if a.sent == closest]
    return next((a for a in reversed(same) if a.subject), same[0])
