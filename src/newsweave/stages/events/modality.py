"""How an article presents an event: asserted, reported, claimed, denied, threatened,
expected, hypothetical, historical or negated, and whether it is hedged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newsweave.model import Modality, Quote, Source, Span, TimeExpr
from newsweave.stages.events.coding import Coding, clause_governors
from newsweave.stages.events.lexicon import Lexicon

# Events well before the publication date are background, not news ("the Oct. 7 attacks").
HISTORICAL_AFTER = dt.timedelta(days=30)
_THREAT_CUES = frozenset({"threaten", "vow", "warn", "swear", "pledge", "promise"})
# Nouns of reaction name something still to come unless the text says it happened.
_REACTIVE = frozenset({"retaliation", "reprisal", "revenge", "vengeance", "response", "counterattack"})
_DONE_VERBS = frozenset({"launch", "carry", "conduct", "stage", "mount", "execute"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Presentation:
    modality: Modality
    attributed_to: tuple[Source, ...] = ()
    hedged: bool = False


def present(
    coding: Coding,
    trigger: Token,
    lex: Lexicon,
    *,
    quote: Quote | None,
    when: TimeExpr | None,
    published: dt.date | None,
    actor_ids: Sequence[str],
) -> Presentation:
    """The modality of one coded trigger."""
    sources = _sources(quote)
    hedged = is_hedged(trigger, lex)
    govs = [g.lemma_.lower() for g in clause_governors(trigger)]
    if coding.negated:
        return Presentation(modality=Modality.NEGATED, attributed_to=sources, hedged=hedged)
    if any(g in lex.deny_cues for g in govs):
        return Presentation(modality=Modality.DENIED, attributed_to=sources, hedged=hedged)
    if any(g in _THREAT_CUES for g in govs):
        return Presentation(modality=Modality.THREATENED, attributed_to=sources, hedged=hedged)
    if _is_historical(when, published):
        return Presentation(modality=Modality.HISTORICAL, attributed_to=sources, hedged=hedged)
    if coding.hypothetical:
        return Presentation(modality=Modality.HYPOTHETICAL, attributed_to=sources, hedged=hedged)
    if coding.future or _pending_reaction(trigger, when):
        return Presentation(modality=Modality.EXPECTED, attributed_to=sources, hedged=hedged)
    if quote is not None:
        claimed = quote.speaker is not None and quote.speaker in actor_ids
        return Presentation(
            modality=Modality.CLAIMED if claimed else Modality.REPORTED, attributed_to=sources, hedged=hedged
        )
    if any(g in lex.report_cues for g in govs) or _according_to(trigger):
        return Presentation(modality=Modality.REPORTED, hedged=hedged)
    return Presentation(modality=Modality.ASSERTED, hedged=hedged)


def quote_for(start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose content covers ``[start, end)``, innermost first."""
    best: Quote | None = None
    for quote in quotes:
        inside = quote.span.start <= start and end <= quote.span.end
        if inside and (best is None or quote.span.end - quote.span.start < best.span.end - best.span.start):
            best = quote
    return best


def _sources(quote: Quote | None) -> tuple[Source, ...]:
    if quote is None:
        return ()
    chain = list(quote.via)
    name = quote.speaker_text or quote.speaker
    if name and quote.speaker_span not in {source.span for source in chain}:
        span = quote.speaker_span or Span(start=quote.span.start, end=quote.span.start)
        actor_id = quote.speaker if quote.speaker and ":" in quote.speaker else None
        chain.append(Source(name=name, span=span, actor_id=actor_id, kind="speaker"))
    return tuple(chain)


def _pending_reaction(trigger: Token, when: TimeExpr | None) -> bool:
    if trigger.lemma_.lower() not in _REACTIVE or when is not None:
        return False
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in":
        return False  # "in retaliation for X" describes a done act's motive
    head = trigger.head
    return not (head.lemma_.lower() in _DONE_VERBS and head.tag_ in ("VBD", "VBN"))


def _is_historical(when: TimeExpr | None, published: dt.date | None) -> bool:
    if when is None or when.end is None or published is None:
        return False
    return when.end < published - HISTORICAL_AFTER


def _according_to(trigger: Token) -> bool:
    root = trigger.sent.root
    for token in (root, *root.children):
        for child in token.children:
            if child.lower_ == "according" and child.dep_ == "prep":
                return True
    return any(c.lower_ == "according" and c.dep_ == "prep" for c in root.children)


def is_hedged(trigger: Token, lex: Lexicon) -> bool:
    """ "suspected", "reportedly", "alleged" on the trigger or its clause verb."""
    for token in (trigger, trigger.head):
        for child in token.children:
            if child.dep_ in ("amod", "advmod", "compound") and child.lower_ in lex.hedges:
                return True
    return False
