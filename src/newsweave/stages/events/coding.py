"""Sentence-level CAMEO/PLOVER coding from the dependency parse.

A trigger is a verb or a nominalisation found in the lexicon ("killed", "the killing",
"an airstrike", "talks"), refined by a neighbouring word ("call *for*", "open *fire*",
"*hunger* strike"). The main event of a sentence is the trigger nearest the root of the
parse: in "Iran threatened to shell Iraqi towns", *threatened* governs *shell*.

PLOVER's auxiliary-mode conventions are applied to :attr:`Coding.plover_event`:
cooperative events stated as future or intended are AGREE, conflictual ones THREATEN,
negated cooperation is REJECT, and "X must do Y" said by someone else is REQUEST. The
lexical event (what would happen) stays in :attr:`Coding.event`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsweave.reference.cameo import cameo_table
from newsweave.stages.events.lexicon import (
    BLOCK,
    CAMEO_ONLY,
    CONFLICTUAL,
    COOPERATIVE,
    Lexicon,
    TriggerRule,
    load_lexicon,
)

_VERB_TAGS = frozenset({"VERB"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# Names are never triggers: "Islamic Resistance", "Operation Protective Edge".
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may"})
_FUTURE_AUX = frozenset({"will", "shall", "wo", "'ll", "would"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "xcomp"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acomp", "pcomp"})
_FUTURE_PREPS = frozenset({"for", "about", "of", "over"})
_MAX_DEPTH = 64
_MAX_CONTEXTS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Coding:
    """One coded trigger. Offsets are character offsets into the parsed text."""

    start: int
    end: int
    trigger_text: str
    token: int  # index of the trigger token in its Doc
    lemma: str
    event: str  # PLOVER event of the trigger itself; "" for CAMEO-only events
    plover_event: str  # after PLOVER's future/negation conventions; "" for CAMEO-only
    mode: str
    context: tuple[str, ...]
    cameo: str
    goldstein: float | None
    depth: int  # distance from the sentence root in the parse
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    sentence_start: int = 0
    sentence_end: int = 0


def code_sentence(target: Doc | Span) -> list[Coding]:
    """Every event trigger in ``target`` (a parsed Doc or Span), main events first.

    The first coding with a non-empty ``plover_event`` is the sentence's main event.
    """
    doc = target if isinstance(target, Doc) else target.doc
    if not doc.has_annotation("DEP"):
        return []
    span = target[:] if isinstance(target, Doc) else target
    codings: list[Coding] = []
    for sent in _sentences(span):
        codings.extend(code_span(sent))
    return sorted(codings, key=lambda c: (c.plover_event == "", c.depth, c.start))


def main_event(target: Doc | Span) -> Coding | None:
    """The sentence's main PLOVER event, or None."""
    for coding in code_sentence(target):
        if coding.plover_event:
            return coding
    return None


def code_span(sent: Span) -> list[Coding]:
    """Codings of the triggers of one sentence, in text order."""
    lex = load_lexicon()
    found = [(token, rule) for token, rule in _triggers(sent, lex)]
    if not found:
        return []
    contexts = _contexts(sent, lex)
    trigger_ids = {token.i: rule for token, rule in found}
    return [_coding(token, rule, sent, lex, contexts, trigger_ids) for token, rule in found]


def _sentences(span: Span) -> Iterator[Span]:
    seen: set[int] = set()
    for token in span:
        sent = token.sent
        if sent.start not in seen:
            seen.add(sent.start)
            yield sent


def _triggers(sent: Span, lex: Lexicon) -> Iterator[tuple[Token, TriggerRule]]:
    for token in sent:
        if token.dep_ in _MODIFIER_DEPS or (token.ent_type_ in _NAME_LABELS and token.pos_ == "PROPN"):
            continue
        rule = match_rule(token, lex)
        if rule is not None:
            yield token, rule


def match_rule(token: Token, lex: Lexicon) -> TriggerRule | None:
    """The lexicon rule ``token`` triggers, or None (no rule, or a blocking rule).

    A rule whose required word is a dependent of the trigger beats one matched through
    the trigger's governor, which beats a rule with no requirement; later lines win ties.
    """
    lemma, lower = token.lemma_.lower(), token.lower_
    rules = lex.rules.get(lemma, ()) + (lex.rules.get(lower, ()) if lower != lemma else ())
    rules = tuple(r for r in rules if _pos_fits(r.pos, token))
    if not rules:
        return None
    pool: list[TriggerRule] = []
    for near in (dependent_lemmas(token), governor_lemmas(token)):
        pool = [r for r in rules if r.needs and not r.needs.isdisjoint(near)]
        if pool:
            break
    pool = pool or [r for r in rules if not r.needs]
    if not pool:
        return None
    best = max(pool, key=lambda r: r.order)
    return None if best.event == BLOCK else best


def _pos_fits(pos: str, token: Token) -> bool:
    if pos == "V":
        return token.pos_ in _VERB_TAGS
    if pos == "N":
        return token.pos_ in _NOUN_TAGS
    return token.pos_ in _VERB_TAGS or token.pos_ in _NOUN_TAGS


def dependent_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the trigger's dependents and of the objects of its prepositions."""
    found: set[str] = set()
    for child in token.children:
        found.update((child.lemma_.lower(), child.lower_))
        if child.dep_ in _PREP_DEPS or child.dep_ == "prt":
            found.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "pobj")
    return frozenset(found)


def governor_lemmas(token: Token) -> frozenset[str]:
    """For nouns, the governing word ("*impose* a curfew", "*state* of emergency")."""
    head = token.head
    if token.pos_ not in _NOUN_TAGS or head.i == token.i:
        return frozenset()
    found = {head.lemma_.lower()}
    if head.dep_ in _PREP_DEPS and head.head.i != head.i:
        found.add(head.head.lemma_.lower())
    return frozenset(found)


def depth(token: Token) -> int:
    """Number of arcs from ``token`` up to its sentence root."""
    steps = 0
    while token.head.i != token.i and steps < _MAX_DEPTH:
        token = token.head
        steps += 1
    return steps


def _contexts(sent: Span, lex: Lexicon) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for token in sent:
        for context in lex.contexts.get(token.lemma_.lower(), ()):
            found.setdefault(context)
    return tuple(found)[:_MAX_CONTEXTS]


def _coding(
    token: Token,
    rule: TriggerRule,
    sent: Span,
    lex: Lexicon,
    contexts: tuple[str, ...],
    triggers: dict[int, TriggerRule],
) -> Coding:
    future = is_future(token, lex)
    hypothetical = is_hypothetical(token)
    negated = is_negated(token, lex)
    event = "" if rule.event == CAMEO_ONLY else rule.event
    plover = _plover_event(token, event, lex, triggers, future=future, negated=negated)
    code = cameo_table().get(rule.cameo)
    return Coding(
        start=token.idx,
        end=token.idx + len(token.text),
        trigger_text=token.text,
        token=token.i,
        lemma=token.lemma_.lower(),
        event=event,
        plover_event=plover,
        mode=rule.mode,
        context=contexts,
        cameo=rule.cameo,
        goldstein=code.goldstein if code else None,
        depth=depth(token),
        future=future,
        hypothetical=hypothetical,
        negated=negated,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
    )


def _plover_event(
    token: Token,
    event: str,
    lex: Lexicon,
    triggers: dict[int, TriggerRule],
    *,
    future: bool,
    negated: bool,
) -> str:
    if not event:
        return ""
    if token.lemma_.lower() in lex.commit:
        inner = _complement_event(token, triggers)
        if inner in CONFLICTUAL:
            return "THREATEN"
        if inner in COOPERATIVE:
            return "AGREE"
        return event
    if is_obliged(token, lex):
        return "REQUEST"
    if negated and event in COOPERATIVE:
        return "REJECT"
    if future and event in COOPERATIVE:
        return "AGREE"
    if future and event in CONFLICTUAL:
        return "THREATEN"
    return event


def _complement_event(token: Token, triggers: dict[int, TriggerRule]) -> str:
    """The event of the highest trigger governed by ``token`` ("vowed to *seek revenge*")."""
    best: tuple[int, str] | None = None
    for inner in token.subtree:
        rule = triggers.get(inner.i)
        if inner.i == token.i or rule is None or rule.event in (BLOCK, CAMEO_ONLY):
            continue
        rank = depth(inner)
        if best is None or rank < best[0]:
            best = (rank, rule.event)
    return best[1] if best else ""


def clause_governors(token: Token) -> list[Token]:
    """The verbs whose clauses embed the trigger's ("said it *would* attack", "vowed to
    seek *revenge*"); a noun inherits them only as a direct argument, not inside a
    prepositional phrase ("punishment for the *killing*" is no threat to kill)."""
    current = token
    if token.pos_ in _NOUN_TAGS:
        if token.dep_ not in _ARGUMENT_DEPS or token.head.i == token.i:
            return []
        current = token.head
    found = [current] if current.i != token.i else []
    for _ in range(_MAX_DEPTH):
        if current.dep_ not in _CLAUSE_DEPS or current.head.i == current.i:
            break
        current = current.head
        found.append(current)
    return found


def governors(token: Token) -> Iterator[Token]:
    """The verbs (or nouns) ``token`` is embedded under, nearest first."""
    current = token
    for _ in range(_MAX_DEPTH):
        if current.head.i == current.i:
            return
        current = current.head
        yield current


def _clause_verb(token: Token) -> Token:
    """The verb whose clause a nominal trigger sits in ("the revenge *could be* larger")."""
    if token.pos_ in _VERB_TAGS:
        return token
    for gov in governors(token):
        if gov.pos_ in _VERB_TAGS or gov.pos_ == "AUX":
            return gov
    return token


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def is_future(token: Token, lex: Lexicon) -> bool:
    """Stated as future, planned, intended or expected rather than done."""
    if token.pos_ in _NOUN_TAGS:
        if any(c.dep_ in _MODIFIER_DEPS and c.lemma_.lower() in lex.future for c in token.children):
            return True
        head = token.head
        if head.lemma_.lower() in lex.future and token.dep_ in ("dobj", "nsubjpass", "attr"):
            return True
        if head.dep_ == "prep" and head.lower_ in _FUTURE_PREPS and head.head.lemma_.lower() in lex.future:
            return True  # "brace for an attack", "expectations about an attack"
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            return False
    verb = _clause_verb(token)
    if _aux_lemmas(verb) & _FUTURE_AUX:
        return True
    current = verb
    for _ in range(4):
        if current.dep_ not in ("xcomp", "ccomp", "advcl", "acomp") or current.head.i == current.i:
            return False
        head = current.head
        if head.lemma_.lower() in lex.future or head.lower_ in lex.future:
            return True
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return True  # "is going to attack"
        if current.dep_ == "ccomp":
            return False
        current = head
    return False


def is_hypothetical(token: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ == "any" for c in token.children):
        return True  # "respond to any attack"
    verb = _clause_verb(token)
    if _aux_lemmas(verb) & _HYPOTHETICAL_AUX:
        return True
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


def is_negated(token: Token, lex: Lexicon) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() == "fail":
        return True
    verb = _clause_verb(token)
    if verb.i != token.i and token.dep_ in ("dobj", "nsubjpass", "attr"):
        return any(c.dep_ == "neg" for c in verb.children)
    return False


def is_obliged(token: Token, lex: Lexicon) -> bool:
    """ "Libya must hand over ..." reported by someone else: a demand on the subject."""
    if token.pos_ not in _VERB_TAGS or token.dep_ not in ("ccomp", "xcomp", "ROOT", "conj"):
        return False
    if _aux_lemmas(token) & {"must", "should"}:
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_.lower() in ("have", "need") and head.dep_ == "ccomp"


def iter_sentences(doc: Doc) -> Iterable[Span]:
    """Sentences of a parsed Doc (none for an unparsed or empty Doc)."""
    if not doc.has_annotation("DEP") or len(doc) == 0:
        return ()
    return doc.sents
