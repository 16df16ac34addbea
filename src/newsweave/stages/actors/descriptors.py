"""What an article calls an actor: appositives, titles and premodifiers, group nominals.

"Haniyeh, the head of the Gaza-based militant group’s political bureau" (appositive),
"Hamas terror chief Ismail Haniyeh" (title), "Palestinian Hamas terror leader" (title),
"the Gaza-based militant group" (nominal, linked to the group it refers back to).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from spacy.tokens import Doc, Token

from newsweave.model import ActorKind, Descriptor, Span
from newsweave.stages.actors import lexicon
from newsweave.stages.actors.pronouns import Anchor

MAX_TOKENS = 25
NOMINAL_WINDOW = 3  # sentences back a nominal may refer to
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"})
_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "punct", "nummod"})


def _text_span(doc: Doc, start: int, end: int) -> tuple[Span, str] | None:
    # A leading possessive pronoun belongs to another actor: "its “proxy terrorist groups".
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].tag_ == "PRP$"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    if start >= end or end - start > MAX_TOKENS:
        return None
    span = doc[start:end]
    return Span(start=span.start_char, end=span.end_char), span.text


def appositives(doc: Doc, root: Token, name_start: int, name_end: int, actor_id: str) -> Iterator[Descriptor]:
    """Appositives of a name, and the noun phrase a name is the appositive of."""
    for child in root.rights:
        if child.dep_ == "appos" and _describes(child) and _set_off(doc, child.left_edge.i):
            end = _clause_cut(child)
            found = _text_span(doc, child.left_edge.i, end)
            # "Ansar Allah (the Houthis)", "(IDF)": another name, not a description.
            if found and not all(
                t.ent_type_ or t.dep_ == "det" or t.is_upper for t in doc[child.left_edge.i : end]
            ):
                yield Descriptor(actor_id=actor_id, span=found[0], text=found[1], kind="appositive")
    head = root.head
    if root.dep_ != "appos" or head.ent_type_ or head.i >= name_start:
        return
    bracketed = doc[name_start - 1].text == "(" and head.i == name_start - 2
    if not (_describes(head) or bracketed):
        return
    end = head.i + 1
    found = _text_span(doc, head.left_edge.i, end)
    if found:
        adjacent = end == name_start
        yield Descriptor(
            actor_id=actor_id, span=found[0], text=found[1], kind="title" if adjacent else "appositive"
        )


def _describes(token: Token) -> bool:
    """Whether a noun can describe an actor: a role, a title or a kind of group, in the singular."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = token.lemma_.lower()
    if lemma in lexicon.ROLE_NOUNS or lemma in lexicon.GROUP_NOUNS or token.lower_ in lexicon.TITLE_HEADS:
        return True
    return token.tag_ in ("NN", "NNP") and lemma.endswith(lexicon.AGENT_SUFFIXES)


def _set_off(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].text in (",", "(", "—", "–", "-", ":")


def _clause_cut(token: Token) -> int:
    """End of ``token``'s phrase before any relative clause or comma-joined material."""
    end = token.right_edge.i + 1
    for child in token.rights:
        if child.dep_ in _CLAUSE_DEPS:
            end = min(end, child.left_edge.i)
    return max(end, token.i + 1)


def premodifier(doc: Doc, root: Token, raw_start: int, name_start: int, actor_id: str) -> Descriptor | None:
    """Words before a name inside its noun phrase: "Hamas political chief", "President"."""
    start = name_start
    while start > 0:
        prev = doc[start - 1]
        inside = start - 1 >= raw_start or (
            root.left_edge.i <= start - 1 and prev.dep_ in _PREMODIFIER_DEPS and prev.lower_ != ","
        )
        if not inside or prev.pos_ in ("VERB", "AUX", "ADP") or prev.dep_ in ("det", "predet"):
            break
        start -= 1
    if start == name_start:
        return None
    found = _text_span(doc, start, name_start)
    if found is None or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[start:name_start]):
        return None
    last = doc[name_start - 1].lower_.rstrip(".")
    kind = "title" if last in lexicon.TITLE_HEADS or last in lexicon.HONORIFICS else "premodifier"
    return Descriptor(actor_id=actor_id, span=found[0], text=found[1], kind=kind)


def group_nominals(
    doc: Doc,
    sent_of: Callable[[int], int],
    anchors: Sequence[Anchor],
    token_countries: Mapping[int, str | None],
    named_tokens: set[int],
) -> Iterator[tuple[int, int, str, bool]]:
    """``(start, end, actor_id, described)`` for "the (Gaza-based militant) group" and the like.

    ``anchors`` are the name mentions in text order; ``token_countries`` gives the country
    (alpha-3) of the actor a token names, if any ("Gaza" -> PSE, "Lebanese" -> LBN,
    "Hamas" -> PSE): "the Gaza-based militant group" refers to a Palestinian group.
    """
    position = 0
    seen: list[Anchor] = []
    for token in doc:
        while position < len(anchors) and anchors[position].token < token.i:
            seen.append(anchors[position])
            position += 1
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or token.tag_ == "NNS" or token.i in named_tokens:
            continue
        if lemma not in lexicon.GROUP_NOUNS and lemma not in lexicon.STATE_NOUNS:
            continue
        lefts = [c for c in token.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "npadvmod", "poss")]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in lefts) and not any(
            token_countries.get(c.i) for c in lefts
        ):
            continue
        start = min((c.left_edge.i for c in lefts), default=token.i)
        countries = {token_countries.get(t.i) for t in doc[start : token.i]} - {None}
        kinds = (ActorKind.GROUP,) if lemma in lexicon.GROUP_NOUNS else (ActorKind.COUNTRY,)
        actor_id = _refers_to(seen, sent_of(token.i), kinds, countries, token_countries)
        if actor_id is not None:
            described = any(c.dep_ != "det" for c in lefts)
            yield start, token.i + 1, actor_id, described


def _refers_to(
    seen: Sequence[Anchor],
    sent: int,
    kinds: tuple[ActorKind, ...],
    countries: set[str | None],
    token_countries: Mapping[int, str | None],
) -> str | None:
    for anchor in reversed(seen):
        if anchor.sent < sent - NOMINAL_WINDOW:
            break
        if anchor.kind not in kinds:
            continue
        if countries and token_countries.get(anchor.token) not in countries:
            continue
        return anchor.actor_id
    return None
