"""Attributions from the dependency parse: cue, chain of sources and content.

One linear pass over the tokens finds the cues ("said", "warned", "according to", …); the
parse around each cue gives the speaker (its subject, or the object of "according to"),
relays ("Axios reported, citing three US officials", "told AFP") and the content (the
complement clause, an infinitive or object for some verbs, else the rest of the sentence).
Direct quotes are paired with these attributions in :mod:`newsweave.stages.quotes.link`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.model import Span
from newsweave.stages.quotes.lexicon import (
    BELIEF_VERBS,
    CITING_CUES,
    INFINITIVE_CUES,
    NON_CUE_DEPS,
    OBJECT_CUES,
    SPEECH_VERBS,
)
from newsweave.stages.quotes.sources import Phrase, is_outlet_phrase, outlet_within

QUOTE_CHARS = frozenset("\"'“”‘’„«»")
DASHES = frozenset({"—", "–", "--"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Participles and coordinated verbs share their head's subject: "warned …, saying that".
INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "dep"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    cue: Span
    cue_text: str
    cue_token: int
    content: Span | None
    chain: tuple[Phrase, ...]  # outer to inner; the last one is the speaker
    sentence: Span


def char_span(doc: Doc, start: int, end: int) -> Span:
    """Character span of tokens ``[start, end)``."""
    last = doc[end - 1]
    return Span(start=doc[start].idx, end=last.idx + len(last.text))


def phrase(head: Token) -> Phrase:
    """The noun phrase headed by ``head``, cut before its first comma-set modifier
    ("The source, who requested anonymity, …" -> "The source") and never across a line."""
    doc = head.doc
    coordinated = any(c.dep_ == "conj" for c in head.children)
    end = head.right_edge.i + 1
    for tok in doc[head.i + 1 : end]:
        if tok.dep_ == "appos" or tok.text in QUOTE_CHARS or tok.text in DASHES or "\n" in tok.text:
            end = tok.i
            break
        if tok.is_punct and tok.head == head and not coordinated:
            end = tok.i
            break
    start = head.left_edge.i
    for tok in doc[start : head.i]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            start = tok.i + 1
    return Phrase(start=min(start, head.i), end=max(end, head.i + 1), head=head.i)


def _trimmed(doc: Doc, start: int, end: int, window: SpacySpan | None = None) -> Span | None:
    """Tokens ``[start, end)`` inside ``window``, without edge punctuation and space (quote
    marks are kept)."""
    if window is not None:
        start, end = max(start, window.start), min(end, window.end)
    while start < end and (
        doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTE_CHARS)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in QUOTE_CHARS)
    ):
        end -= 1
    if not any(doc[i].is_alpha or doc[i].like_num for i in range(start, end)):
        return None
    return char_span(doc, start, end)


def _subtree(doc: Doc, tok: Token, window: SpacySpan) -> Span | None:
    return _trimmed(doc, tok.left_edge.i, tok.right_edge.i + 1, window)


def _rest_of_sentence(doc: Doc, sent: SpacySpan, start: int, end: int) -> Span | None:
    """The longer side of the sentence around the cue clause ``[start, end)``."""
    before = sum(1 for t in doc[sent.start : start] if not t.is_punct)
    after = sum(1 for t in doc[end : sent.end] if not t.is_punct)
    if before >= after:
        return _trimmed(doc, sent.start, start)
    return _trimmed(doc, end, sent.end)


def _speech_ancestor(verb: Token) -> Token | None:
    """The cue whose complement holds a participle like "saying", when the parser hung
    it deep inside that complement ("warned his group would respond…, saying")."""
    for anc in verb.ancestors:
        if anc.dep_ == "relcl":
            return None
        if anc.dep_ == "ccomp" and anc.head.lemma_.lower() in SPEECH_VERBS and anc.head.i < verb.i:
            return anc.head
    return None


def _subject(verb: Token) -> Token | None:
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        verb = _speech_ancestor(verb) or verb
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child
        if verb.dep_ not in INHERITS_SUBJECT or verb.head == verb or verb.head.dep_ == "relcl":
            return None
        verb = verb.head
    return None


def _name_before(verb: Token, sent: SpacySpan) -> Token | None:
    """The noun right before the cue ("… Lloyd Austin said"), when the parse gives none."""
    before = verb.i - 1
    if before >= sent.start and verb.doc[before].pos_ in {"PROPN", "NOUN", "PRON"}:
        return verb.doc[before]
    return None


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _verb_content(doc: Doc, verb: Token, sent: SpacySpan) -> Span | None:
    lemma = verb.lemma_.lower()
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return _trimmed(
            doc, min(c.left_edge.i for c in clauses), max(c.right_edge.i for c in clauses) + 1, sent
        )
    if lemma in BELIEF_VERBS:
        return None
    if lemma in INFINITIVE_CUES and (xcomp := _child(verb, "xcomp")) is not None:
        return _subtree(doc, xcomp, sent)
    if lemma in OBJECT_CUES and (obj := _child(verb, "dobj")) is not None:
        return _subtree(doc, obj, sent)
    if verb.dep_ == "parataxis" and verb.i > verb.head.i:
        # "Hezbollah may respond, the source said": the main clause is the content.
        clause = _cue_clause(verb)
        return _rest_of_sentence(doc, sent, clause[0], clause[1])
    return None


def _cue_clause(verb: Token) -> tuple[int, int]:
    """Tokens of the cue's own clause (subject, verb, recipients), not its complements."""
    keep = [verb.i]
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp", "advcl", "conj", "cc"}:
            continue
        keep.extend((child.left_edge.i, child.right_edge.i))
    return min(keep), max(keep) + 1


def _citing(verb: Token, chain: list[Phrase]) -> list[Phrase]:
    """Extend ``chain`` with the sources a cue cites ("citing five sources", "cited X as saying")."""
    if verb.lemma_.lower() in CITING_CUES and (obj := _child(verb, "dobj")) is not None:
        return [*chain, phrase(obj)]
    for child in verb.children:
        cited = (
            _child(child, "dobj") if child.dep_ == "advcl" and child.lemma_.lower() in CITING_CUES else None
        )
        if cited is not None:
            return [*chain, phrase(cited)]
    return chain


def _recipient_outlets(doc: Doc, verb: Token) -> list[Phrase]:
    """Outlets the words were given to: "told AFP", "confirmed to Axios", "told Times journalist X"."""
    found: list[Phrase] = []
    for child in verb.children:
        target = child
        if child.dep_ == "prep" and child.lower_ == "to":
            target = _child(child, "pobj") or child
        elif child.dep_ not in {"dative", "dobj"}:
            continue
        if target is child and child.dep_ == "prep":
            continue
        if is_outlet_phrase(doc, phrase(target)):
            found.append(phrase(target))
        elif (outlet := outlet_within(doc, phrase(target))) is not None:
            found.append(outlet)
    return found


def _verb_attribution(doc: Doc, verb: Token, sent: SpacySpan) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ in NON_CUE_DEPS or (
        verb.tag_ == "VBN" and (_child(verb, "auxpass") or verb.dep_ == "advcl")
    ):
        return None  # passives: "was said to", "Asked by journalists, he said"
    if lemma in CITING_CUES and verb.dep_ == "advcl":
        return None  # "…, citing five sources" extends its head cue's chain
    subject = _subject(verb)
    if subject is not None and not sent.start <= subject.i < sent.end:
        subject = _name_before(verb, sent)  # the parse ran over a line break (a headline above)
    chain = [phrase(subject)] if subject is not None else []
    if lemma in CITING_CUES and not chain and _child(verb, "dobj") is None:
        return None
    chain = _citing(verb, chain)
    if lemma == "tell" or any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        chain = _recipient_outlets(doc, verb) + chain
    content = _verb_content(doc, verb, sent)
    if lemma in BELIEF_VERBS and content is None:
        return None
    return Attribution(
        cue=char_span(doc, verb.i, verb.i + 1),
        cue_text=verb.text,
        cue_token=verb.i,
        content=content,
        chain=tuple(chain),
        sentence=char_span(doc, sent.start, sent.end),
    )


def _according(doc: Doc, tok: Token, sent: SpacySpan) -> Attribution | None:
    """ "according to X": X is the source, the rest of the sentence the content."""
    prep = doc[tok.i + 1]
    source = _child(prep, "pobj")
    if source is None:
        return None
    end = source.right_edge.i + 1
    return Attribution(
        cue=char_span(doc, tok.i, tok.i + 2),
        cue_text=doc[tok.i : tok.i + 2].text,
        cue_token=tok.i,
        content=_rest_of_sentence(doc, sent, tok.i, end),
        chain=(phrase(source),),
        sentence=char_span(doc, sent.start, sent.end),
    )


def _windows(doc: Doc) -> Iterator[SpacySpan]:
    """Sentences, cut at line breaks: the parser runs headlines into the next paragraph."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                if tok.i + 1 > start:
                    yield doc[start : tok.i + 1]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start : sent.end]


def attributions(doc: Doc) -> Iterator[Attribution]:
    """Every attribution cue in ``doc`` with what its parse says about source and content."""
    if not doc.has_annotation("DEP"):
        return
    for sent in _windows(doc):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma == "accord" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                found = _according(doc, tok, sent)
            elif tok.pos_ in {"VERB", "AUX"} and (lemma in SPEECH_VERBS or lemma in BELIEF_VERBS):
                found = _verb_attribution(doc, tok, sent)
            else:
                continue
            if found is not None:
                yield found
