"""The direction of a temporal expression, from the tense of the verb that governs it."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Walking up further than this leaves the clause the expression belongs to.
MAX_STEPS = 6
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo", "would"})
# "set to resume", "going to attack", "expected to strike": the xcomp happens later.
FUTURE_GOVERNORS = frozenset(
    {"go", "set", "expect", "due", "plan", "schedule", "poise", "prepare", "intend", "aim", "about"}
)
# "the expected resumption", "the upcoming talks": a future event named by a noun.
FUTURE_NOUN_CUES = frozenset({"expected", "upcoming", "planned", "scheduled", "coming", "next", "proposed"})
PAST_NOUN_CUES = frozenset({"last", "previous", "recent", "former", "earlier"})
PREMODIFIER = frozenset({"compound", "nmod", "amod", "poss", "nummod"})


def direction_of(span: Span) -> str:
    """The direction, "past", "future" or "present"; "" when no verb governs the expression."""
    token = span.root
    if token.dep_ in PREMODIFIER and token.head.pos_ in ("NOUN", "PROPN"):
        # "the April attack", "the Oct. 7 attacks": the noun's own words date it, not the verb.
        return _noun_cue(token.head)
    for _ in range(MAX_STEPS):
        head = token.head
        if head.i == token.i:
            return ""
        if head.i < span.start or head.i >= span.end:
            if head.pos_ in ("VERB", "AUX"):
                return verb_tense(head)
            cue = _noun_cue(head)
            if cue:
                return cue
        token = head
    return ""


def verb_tense(verb: Token, depth: int = 0) -> str:
    """The tense of ``verb`` and its auxiliaries, as a direction in time."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if verb.lower_ in FUTURE_MODALS or any(aux.lower_ in FUTURE_MODALS for aux in auxiliaries):
        return "future"
    infinitive = any(aux.tag_ == "TO" for aux in auxiliaries)
    if (infinitive or verb.dep_ == "xcomp") and verb.head.i != verb.i and depth < 2:
        if verb.head.lemma_ in FUTURE_GOVERNORS:
            return "future"
        return verb_tense(verb.head, depth + 1)
    if verb.tag_ in ("VBD", "VBN") or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    return "present"


def _noun_cue(noun: Token) -> str:
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in FUTURE_NOUN_CUES:
            return "future"
        if child.dep_ == "amod" and child.lower_ in PAST_NOUN_CUES:
            return "past"
    return ""
