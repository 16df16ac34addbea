"""Title mentions: "the Iranian president", "Iran’s supreme leader", "the Hezbollah leader".

A title resolves to the knowledge-base official who held the role on the article's date.
With no date, it resolves only when exactly one holder is named in the article. A title
right before a name ("President Masoud Pezeshkian") is a descriptor, not a mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsweave.reference.actors import ROLE_GRACE, ActorKB, Holder, holds_on
from newsweave.stages.actors import lexicon


@dataclass(frozen=True, slots=True)
class TitleMatch:
    start: int  # token range of the title phrase
    end: int
    head: int
    phrase: str  # "supreme leader"
    owner: str | None  # actor id of the country or group: "kb:iran"


def find_titles(doc: Doc, owners: Mapping[int, str], named_tokens: Set[int]) -> list[TitleMatch]:
    """Title phrases not attached to a name; ``owners`` maps tokens to their actor ids."""
    found: list[TitleMatch] = []
    for token in doc:
        if token.lower_ not in lexicon.TITLE_HEADS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.i in named_tokens or token.tag_ in ("NNS", "NNPS") or _before_name(token, named_tokens):
            continue
        match = _title_at(token, owners)
        if match is not None:
            found.append(match)
    return found


def _before_name(token: Token, named_tokens: Set[int]) -> bool:
    # "Hezbollah leader Hassan Nasrallah", "Hamas’ political chief, Haniyeh": premodifier or appositive.
    nxt = token.i + 1
    if nxt < len(token.doc) and nxt in named_tokens:
        return True
    # "the terror group’s leader in Gaza Yahya Sinwar": the name closes the title's phrase.
    if any(t.ent_type_ == "PERSON" and t.i in named_tokens for t in token.subtree if t.i > token.i):
        return True
    return token.head.i in named_tokens and token.dep_ in ("compound", "appos", "nmod")


def _title_at(token: Token, owners: Mapping[int, str]) -> TitleMatch | None:
    words = [token.lower_]
    start = token.i
    owner: str | None = None
    has_det = False
    for child in token.lefts:
        lower = child.lower_
        if child.dep_ == "det":
            if lower != "the":  # "a senior Hezbollah leader" is one of many
                return None
            has_det = True
            start = min(start, child.i)
        elif child.dep_ in ("amod", "compound", "nmod") and lower in lexicon.NOT_THE_HOLDER:
            return None
        elif child.dep_ in ("amod", "compound") and lower in lexicon.TITLE_MODIFIERS:
            words.insert(len(words) - 1, lower)
            start = min(start, child.left_edge.i)
        elif child.dep_ in ("poss", "amod", "compound", "nmod") and child.i in owners:
            owner = owners[child.i]
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.i in owners and owner is None:
                owner, end = owners[pobj.i], pobj.i + 1
            elif pobj is not None and pobj.lower_ in ("state", "defense"):
                words.append(f"of {pobj.lower_}")
                end = pobj.i + 1
    phrase = _phrase(words)
    if phrase is None or (owner is None and not has_det):
        return None
    return TitleMatch(start, end, token.i, phrase, owner)


def _phrase(words: list[str]) -> str | None:
    # Try the longest known title inside the words, dropping leading modifiers.
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        if phrase in lexicon.TITLE_ROLES:
            return phrase
    return None


def resolve_title(
    kb: ActorKB, match: TitleMatch, day: dt.date | None, named_before: Mapping[str, int]
) -> str | None:
    """The actor id of the official the title names, or None when unknown or ambiguous.

    ``named_before`` maps the people named in the article to the last token where they were
    named before the title (-1 if only after it).
    """
    for role_title in lexicon.TITLE_ROLES[match.phrase]:
        holders = kb.holders(role_title, match.owner)
        if not holders:
            continue
        chosen = _choose(holders, day, named_before, bare=match.owner is None)
        if chosen is not None:
            return chosen
    return None


def _choose(
    holders: tuple[Holder, ...], day: dt.date | None, named: Mapping[str, int], *, bare: bool
) -> str | None:
    pool = {h.actor_id for h in holders}
    if day is not None:
        current = {h.actor_id for h in holders if holds_on(h.role, day)}
        pool = current or {h.actor_id for h in holders if holds_on(h.role, day, ROLE_GRACE)}
        if len(pool) == 1 and not bare:
            return next(iter(pool))
    in_article = [a for a in pool if a in named]
    if len(in_article) == 1 and not bare:
        return in_article[0]
    if bare:
        # "the president" is the president named last before it, if any was.
        before = [a for a in in_article if named[a] >= 0]
        return max(before, key=lambda a: named[a]) if before else None
    return None
