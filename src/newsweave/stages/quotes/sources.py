"""What kind of source a phrase names, and which actor it is.

Outlets are recognised by the outlet registry (``newsweave/data/outlets.json``) or by a
head noun such as "agency"; documents ("a White House readout") by their head noun and
owned by the name before them; unnamed sources ("three US officials", "the source who
had been briefed") by their head noun without a person's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.model import Actor, ActorKind, Mention, Span
from newsweave.reference.outlets import load_registry
from newsweave.stages.actors.resolve import actor_at
from newsweave.stages.nlp.entities import entities_within, entity_at
from newsweave.stages.quotes.lexicon import DOCUMENT_NOUNS, OUTLET_NOUNS, UNNAMED_NOUNS

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_ACTOR_KINDS = {
    ActorKind.PERSON: "person",
    ActorKind.OUTLET: "outlet",
    ActorKind.COUNTRY: "organisation",
    ActorKind.ORGANISATION: "organisation",
    ActorKind.GROUP: "organisation",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Phrase:
    """A noun phrase as token indices ``[start, end)`` with its head."""

    start: int
    end: int
    head: int


def _registered_outlet(text: str) -> bool:
    # The registry also lists publishing governments (the White House site); as a
    # speaker they are an actor, not an outlet.
    outlet = load_registry().by_name(text) if text else None
    return outlet is not None and outlet.typology != "government"


def _names_in(doc: Doc, ph: Phrase) -> list[tuple[int, int]]:
    """Entities inside the phrase as token ranges."""
    return entities_within(doc, ph.start, ph.end)


def is_outlet_phrase(doc: Doc, ph: Phrase) -> bool:
    """The phrase names a news outlet ("AFP", "the outlet", "the state-run IRNA news agency")."""
    head = doc[ph.head]
    if head.lemma_.lower() in OUTLET_NOUNS and head.tag_ != "NNS":
        return True
    if _registered_outlet(doc[ph.start : ph.end].text):
        return True
    return any(_registered_outlet(doc[s:e].text) for s, e in _names_in(doc, ph) if s <= ph.head < e)


def outlet_within(doc: Doc, ph: Phrase) -> Phrase | None:
    """An outlet named inside a longer phrase: "Times journalist Farnaz Fassihi" -> "Times"."""
    for start, end in _names_in(doc, ph):
        if _registered_outlet(doc[start:end].text) and doc[start].ent_type_ != "PERSON":
            return Phrase(start=start, end=end, head=end - 1)
    return None


def document_owner(doc: Doc, ph: Phrase) -> Phrase | None:
    """Whose document it is: "a White House readout", "the Pentagon's readout"."""
    head = doc[ph.head]
    if head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    owners = [
        c for c in head.children if c.dep_ in {"poss", "compound"} and c.i < head.i and c.pos_ == "PROPN"
    ]
    if not owners:
        return None
    owner = owners[0]
    start = min(t.i for t in owner.subtree)
    end = max(t.i for t in owner.subtree) + 1
    while end > start and doc[end - 1].dep_ == "case":
        end -= 1
    return Phrase(start=start, end=end, head=owner.i)


def _person_named(doc: Doc, ph: Phrase) -> bool:
    return any(doc[s].ent_type_ == "PERSON" for s, _ in _names_in(doc, ph))


def source_kind(doc: Doc, ph: Phrase, actor: Actor | None = None) -> str:
    """ "outlet", "document", "person", "anonymous", "organisation" or "source"."""
    head: Token = doc[ph.head]
    lemma = head.lemma_.lower()
    if is_outlet_phrase(doc, ph) or (actor is not None and actor.kind is ActorKind.OUTLET):
        return "outlet"
    if lemma in DOCUMENT_NOUNS:
        return "document"
    if actor is not None and actor.kind in _ACTOR_KINDS:
        return _ACTOR_KINDS[actor.kind]
    if head.ent_type_ == "PERSON" or (head.pos_ == "PRON" and head.lower_ in {"he", "she"}):
        return "person"
    if (lemma in UNNAMED_NOUNS or head.lower_ in UNNAMED_NOUNS) and not _person_named(doc, ph):
        return "anonymous"
    if head.ent_type_ in NAME_LABELS:
        return "organisation"
    return "source"


class MentionIndex:
    """The actor stage's mentions, sorted as :func:`actor_at` expects them."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor of the mention covering (or heading) ``[start, end)``."""
        return actor_at(self._mentions, start, end) if self._mentions else None


def name_as_written(doc: Doc, ph: Phrase) -> str:
    """The name at the phrase's head ("Hassan Nasrallah"), else the whole phrase."""
    head = doc[ph.head]
    if head.ent_type_ in NAME_LABELS and (ent := entity_at(head)) is not None:
        return ent.text.removeprefix("the ").removeprefix("The ")
    return doc[ph.start : ph.end].text


def phrase_span(doc: Doc, ph: Phrase) -> Span:
    last = doc[ph.end - 1]
    return Span(start=doc[ph.start].idx, end=last.idx + len(last.text))


def actor_of(doc: Doc, ph: Phrase, index: MentionIndex, actors: Mapping[str, Actor]) -> Actor | None:
    head = doc[ph.head]
    actor_id = index.actor_at(head.idx, head.idx + len(head.text))
    if actor_id is None:
        return None
    return actors.get(actor_id) or Actor(id=actor_id, name=actor_id, kind=ActorKind.UNKNOWN)
