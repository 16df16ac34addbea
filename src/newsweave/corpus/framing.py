"""The 'framing' corpus stage: how each outlet names the same actor, story by story.

For every actor and story it gathers, per article and outlet, the words used for the actor:
the descriptors the per-article stage found ("Hamas political chief", "Hamas terror
chief"), nominal and title mentions ("the terror group", "the militant group"), metonyms
("West Jerusalem" for Israel's government) and scare quotes (the terror group's
“political” leader). A descriptor holding a term of the loaded-terms lexicon
(``newsweave/data/loaded_terms.json``) is marked loaded. For the events the actor takes
part in, it records which outlets state a claim as fact and which attribute it
(:class:`~newsweave.model.ClaimStance`).

Scare quotes are found in the article text with :func:`newsweave.stages.quotes.marks.quote_marks`
(the per-article spaCy docs are gone by now): a one- or two-word quoted stretch that no
quote of the article covers, inside or right before a phrase naming an actor.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.compare.claims import event_claims
from newsweave.corpus.compare.context import CompareContext, compare_context
from newsweave.model import (
    Annotations,
    Article,
    ClaimStance,
    Event,
    Framing,
    FramingDescriptor,
    MentionKind,
    Modality,
    Span,
)
from newsweave.stages.quotes.link import SCARE_WORDS
from newsweave.stages.quotes.marks import QuoteMark, quote_marks

# Mentions that are a choice of words; names and pronouns are not.
_LABEL_MENTIONS = {MentionKind.METONYM: "metonym", MentionKind.NOMINAL: "label", MentionKind.TITLE: "label"}
# How far after a scare quote the phrase it qualifies may start ("“political” leader").
_SCARE_REACH = 2
_MODALITY_RANK = {Modality.ASSERTED: 0, Modality.REPORTED: 1, Modality.CLAIMED: 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadedTerm:
    """A lexicon entry: a charged term, its category and the neutral wording instead."""

    term: str
    category: str
    forms: tuple[str, ...]
    neutral: tuple[str, ...]
    loaded: bool = True  # False: a label choice worth tracking ("militant"), not loaded


@dataclass(frozen=True, slots=True)
class Lexicon:
    terms: tuple[LoadedTerm, ...]
    pattern: re.Pattern[str]
    by_form: Mapping[str, LoadedTerm]

    def find(self, text: str) -> tuple[LoadedTerm, ...]:
        """The lexicon terms ``text`` uses, in text order, each once."""
        found = (self.by_form[m.group().casefold()] for m in self.pattern.finditer(text))
        return tuple(dict.fromkeys(found))

    def is_loaded(self, text: str) -> bool:
        return any(t.loaded for t in self.find(text))


@cache
def load_lexicon() -> Lexicon:
    """The packaged loaded-terms lexicon (``newsweave/data/loaded_terms.json``)."""
    raw = resources.files("newsweave.data").joinpath("loaded_terms.json").read_text(encoding="utf-8")
    return lexicon_from_json(json.loads(raw))


def lexicon_from_json(document: Mapping[str, object]) -> Lexicon:
    entries = document["terms"]
    assert isinstance(entries, list)
    terms = tuple(
        LoadedTerm(
            term=e["term"],
            category=e["category"],
            forms=tuple(f.casefold() for f in e["forms"]),
            neutral=tuple(e.get("neutral", ())),
            loaded=e.get("loaded", True),
        )
        for e in entries
    )
    by_form = {form: t for t in terms for form in t.forms}
    # Longest form first, so "terror chief" wins over "terror"; hyphens join words.
    alternatives = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return Lexicon(terms, pattern, by_form)


@corpus_stage("framing", requires=["events"], provides=["framing"])
def framing_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Gather each outlet's words for each actor, per story."""
    story_of = {a: s.id for s in state.stories for a in s.article_ids}
    lexicon = load_lexicon()
    descriptors: dict[tuple[str, str | None], list[FramingDescriptor]] = defaultdict(list)
    for article in state.articles:
        ann = state.annotations.get(article.id)
        if ann is None:
            continue
        for actor_id, found in article_descriptors(article, ann, lexicon):
            descriptors[(actor_id, story_of.get(article.id))].append(found)
    claims = _claims_by_actor(state, story_of)
    keys = sorted(set(descriptors) | set(claims), key=lambda k: (k[0], k[1] or ""))
    framing = tuple(
        Framing(
            actor_id=actor_id,
            story_id=story_id,
            descriptors=tuple(sorted(descriptors.get((actor_id, story_id), ()), key=_order)),
            claims=tuple(claims.get((actor_id, story_id), ())),
        )
        for actor_id, story_id in keys
    )
    return replace(state, framing=framing)


def _order(d: FramingDescriptor) -> tuple[str, str, int]:
    return (d.outlet or "", d.article_id, d.span.start)


def article_descriptors(
    article: Article, ann: Annotations, lexicon: Lexicon | None = None
) -> Iterator[tuple[str, FramingDescriptor]]:
    """(actor id, descriptor) for every word choice ``article`` makes about an actor."""
    lexicon = lexicon or load_lexicon()
    outlet = article.outlet.name
    phrases: list[tuple[str, Span, str, str]] = [
        (d.actor_id, d.span, d.text, d.kind) for d in ann.descriptors
    ]
    taken = {(actor, span) for actor, span, _, _ in phrases}
    for m in ann.mentions:
        kind = _LABEL_MENTIONS.get(m.kind)
        if kind and m.actor_id and not _covered(m.actor_id, m.span, taken):
            phrases.append((m.actor_id, m.span, m.text, kind))
            taken.add((m.actor_id, m.span))
    marks = quote_marks(article.text)
    speakers = _quoted_words(ann, marks)
    for actor_id, span, text, kind in phrases:
        found = _descriptor(article, outlet, span, text, kind, lexicon)
        yield actor_id, replace(found, quoted_from=_speaker_at(span, speakers))
    for actor_id, span in _scare_quotes(marks, ann, phrases):
        scare = _descriptor(article, outlet, span, span.of(article.text), "scare-quote", lexicon, loaded=True)
        yield actor_id, scare


def _descriptor(
    article: Article,
    outlet: str | None,
    span: Span,
    text: str,
    kind: str,
    lexicon: Lexicon,
    loaded: bool = False,
) -> FramingDescriptor:
    return FramingDescriptor(
        article_id=article.id,
        outlet=outlet,
        text=text,
        span=span,
        kind=kind,
        loaded=loaded or lexicon.is_loaded(text),
    )


def _quoted_words(ann: Annotations, marks: Iterable[QuoteMark]) -> list[tuple[Span, str]]:
    """Stretches inside quotation marks that belong to an attributed quote, with its speaker:
    there the words are the source's ("the occupation" in a Hamas statement)."""
    found = []
    for mark in marks:
        for quote in ann.quotes:
            if _overlaps(mark.span, quote.span):
                found.append((mark.span, quote.speaker_text or quote.speaker or "a source"))
                break
    return found


def _speaker_at(span: Span, speakers: Iterable[tuple[Span, str]]) -> str | None:
    return next(
        (who for inside, who in speakers if inside.start <= span.start and span.end <= inside.end), None
    )


def _covered(actor_id: str, span: Span, taken: set[tuple[str, Span]]) -> bool:
    return any(a == actor_id and s.start <= span.start and span.end <= s.end for a, s in taken)


def _scare_quotes(
    marks: Iterable[QuoteMark], ann: Annotations, phrases: Iterable[tuple[str, Span, str, str]]
) -> Iterator[tuple[str, Span]]:
    """Short quoted stretches nobody is said to have said, on a phrase naming an actor."""
    quoted = [q.span for q in ann.quotes]
    targets = sorted(((span, actor) for actor, span, _, _ in phrases), key=lambda p: p[0].start)
    for mark in marks:
        if mark.words > SCARE_WORDS or any(_overlaps(mark.outer, q) for q in quoted):
            continue
        for span, actor in targets:
            inside = span.start <= mark.outer.start and mark.outer.end <= span.end
            before = 0 <= span.start - mark.outer.end <= _SCARE_REACH
            if inside or before:
                yield actor, mark.outer
                break


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# --- who states, who attributes --------------------------------------------------------------


def _claims_by_actor(
    state: CorpusState, story_of: Mapping[str, str]
) -> dict[tuple[str, str | None], list[ClaimStance]]:
    """Stances on events reported by two or more articles, under each participant."""
    ctx = compare_context(state)
    found: dict[tuple[str, str | None], list[ClaimStance]] = defaultdict(list)
    for event in state.events:
        if len(event.article_ids) < 2 or event.background:
            continue
        stances = event_stances(event, ctx)
        for actor_id in dict.fromkeys((*event.actor, *event.recipient)):
            for stance in stances:
                found[(actor_id, story_of.get(stance.article_id))].append(stance)
    return found


def event_stances(event: Event, ctx: CompareContext) -> list[ClaimStance]:
    """Per article: how it carries the event itself, and each attribute value it gives."""
    stances = _occurrence_stances(event, ctx)
    for attribute, claims in event_claims(event, ctx).items():
        for claim in claims:
            modality = claim.report.modality
            if claim.chain and modality is Modality.ASSERTED:
                modality = Modality.REPORTED
            stances.append(
                ClaimStance(
                    event_id=event.id,
                    attribute=attribute,
                    value=claim.value,
                    article_id=claim.article_id,
                    outlet=_outlet(ctx, claim.article_id),
                    modality=modality,
                    hedged=claim.hedged,
                    attributed_to=tuple(s.name for s in claim.chain),
                )
            )
    return stances


def _occurrence_stances(event: Event, ctx: CompareContext) -> list[ClaimStance]:
    """The article's most direct report of the event: stated as fact beats attributed."""
    best: dict[str, ClaimStance] = {}
    for report_id in event.report_ids:
        if report_id not in ctx.reports:
            continue
        report, article_id = ctx.reports[report_id]
        modality = report.modality
        if report.attributed_to and modality is Modality.ASSERTED:
            modality = Modality.REPORTED
        stance = ClaimStance(
            event_id=event.id,
            attribute="",
            value=event.label,
            article_id=article_id,
            outlet=_outlet(ctx, article_id),
            modality=modality,
            hedged=report.hedged,
            attributed_to=tuple(s.name for s in report.attributed_to),
        )
        if article_id not in best or _rank(stance) < _rank(best[article_id]):
            best[article_id] = stance
    return list(best.values())


def _rank(stance: ClaimStance) -> tuple[int, bool]:
    return (_MODALITY_RANK.get(stance.modality, 3), stance.hedged)


def _outlet(ctx: CompareContext, article_id: str) -> str | None:
    article = ctx.articles.get(article_id)
    return article.outlet.name if article else None


def labels_by_outlet(framing: Framing) -> dict[str, tuple[str, ...]]:
    """Outlet (or "unknown outlet") -> the distinct words it uses for the actor, in order."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for d in framing.descriptors:
        found[d.outlet or "unknown outlet"][d.text] = None
    return {outlet: tuple(texts) for outlet, texts in found.items()}
