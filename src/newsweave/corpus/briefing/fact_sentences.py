"""The briefing's sections told from facts: the corroborated facts (a place, date, method or
blame two or more independent outlets carry and none disputes: "A and B both report that ...")
and the disputed ones ("Accounts of the killing of X differ on the method: A, citing B, says
...; C and D say ...")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from newsweave.corpus.briefing.citations import report_citations
from newsweave.corpus.briefing.context import Context
from newsweave.corpus.briefing.wording import format_day, join, noun_phrase, past_clause, with_article
from newsweave.corpus.compare.facts import Fact
from newsweave.model import BriefingSentence, Disagreement, Event, Source, Variant, report_article_id

# Sources too vague to name in "X, citing Y": they point back at something already named.
_ANAPHORIC_SOURCES = frozenset(
    {"he", "she", "they", "it", "we", "the latter", "the former", "the source", "the outlet", "the report"}
)
_ATTRIBUTE_NAMES = {
    "responsible": "who was responsible",
    "responsibility": "who claimed or denied responsibility",
    "killed": "the death toll",
    "injured": "the number injured",
}


# --- corroborated facts ----------------------------------------------------------------------


def corroborated_sentences(events: Sequence[Event], ctx: Context) -> list[BriefingSentence]:
    """Facts about the key events that two or more independent outlets carry, none disputes."""
    sentences = []
    for event in events:
        disputed = {d.attribute for d in ctx.disputed(event.id)}
        for fact in ctx.facts.get(event.id, ()):
            if fact.disputed or fact.attribute in disputed or not _fits_event_date(fact, event):
                continue
            variant = fact.variant
            outlets = _unique(ctx.outlet.get(a, a) for a in variant.article_ids)
            both = "both" if len(outlets) == 2 else "all"
            claim = fact_claim(event, fact.attribute, variant.value, ctx)
            hedge = " (hedged)" if variant.hedged else ""
            text = f"{join(outlets)} {both} report that {claim}{hedge}."
            reports = [ctx.reports[r] for r in variant.report_ids if r in ctx.reports]
            citations = report_citations(reports, ctx)
            sentences.append(BriefingSentence(text=text, citations=citations, section="corroborated"))
    return sentences


def _fits_event_date(fact: Fact, event: Event) -> bool:
    """A date outlets agree on is stated only inside the event's own date: one event, one date."""
    if fact.attribute != "date" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact.variant.value):
        return True
    day = dt.date.fromisoformat(fact.variant.value)
    return event.start is not None and event.start <= day <= (event.end or event.start)


def fact_claim(event: Event, attribute: str, value: str, ctx: Context) -> str:
    """What a fact says, as a clause: "Ismail Haniyeh was killed in Tehran"."""
    shown = display_value(attribute, value)
    if attribute == "place":
        return f"{past_clause(event, ctx, ())} in {shown}"
    if attribute == "date":
        return f"{past_clause(event, ctx, ())} on {shown}"
    if attribute == "method":
        return f"{past_clause(event, ctx, ())} by {shown}"
    if attribute in ("killed", "injured"):
        return f"{noun_phrase(event, ctx)} left {shown} {attribute}"
    if attribute == "responsible":
        # Outlets mostly report who *is blamed* (by a party, or hedged): never state guilt as fact.
        return f"{shown} is held responsible for {noun_phrase(event, ctx)}"
    if attribute == "responsibility":
        return f"{shown} responsibility for {noun_phrase(event, ctx)}"
    return f"the {attribute} of {noun_phrase(event, ctx)} was {shown}"


def display_value(attribute: str, value: str) -> str:
    """A variant's value as a briefing says it: "2024-07-31" → "31 July 2024"."""
    if attribute == "method":
        return with_article(value)
    if attribute == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return format_day(dt.date.fromisoformat(value))
    if attribute in ("killed", "injured") and value.startswith("least "):
        return "at " + value  # the extractor drops the "at" of "at least"
    if attribute == "responsibility":
        who, _, stance = value.partition(": ")
        return f"{who} {stance}" if stance else value
    return value


# --- disputed facts --------------------------------------------------------------------------


def disputed_sentence(disagreement: Disagreement, ctx: Context) -> BriefingSentence | None:
    """ "Accounts of the killing of X differ on the method: A, citing B, says …; C and D say …"."""
    variants = [v for v in disagreement.variants if v.article_ids]
    if len(variants) < 2:
        return None
    event = ctx.events.get(disagreement.event_id)
    subject = noun_phrase(event, ctx) if event is not None else "the event"
    possibly = " (the accounts may both be right)" if disagreement.kind == "possible" else ""
    parts = [_variant_phrase(v, disagreement.attribute, ctx) for v in variants]
    attribute = _ATTRIBUTE_NAMES.get(disagreement.attribute, f"the {disagreement.attribute}")
    text = f"Accounts of {subject} differ on {attribute}{possibly}: " + "; ".join(parts) + "."
    reports = [ctx.reports[r] for v in variants for r in v.report_ids if r in ctx.reports]
    return BriefingSentence(
        text=text, citations=report_citations(reports, ctx, per_article=False), section="disputed"
    )


def _variant_phrase(variant: Variant, attribute: str, ctx: Context) -> str:
    chains = dict(zip(variant.report_ids, variant.attributed_to, strict=False))
    speakers = []
    for article_id in _unique(variant.article_ids):
        outlet = ctx.outlet.get(article_id, article_id)
        chain = next(
            (chains[r] for r in variant.report_ids if report_article_id(r) == article_id and chains.get(r)),
            (),
        )
        citing = _citing(chain, outlet)
        speakers.append(outlet + (f", citing {citing}," if citing else ""))
    speakers = _unique(speakers)
    says = "says" if len(speakers) == 1 else "say"
    value = display_value(attribute, variant.value)
    hedge = " (hedged)" if variant.hedged else ""
    return f"{join(speakers)} {says} {value}{hedge}".replace(",,", ",")


def _citing(chain: Sequence[Source], outlet: str) -> str:
    names = [s.name for s in chain if s.name.lower() not in _ANAPHORIC_SOURCES and s.name != outlet]
    return ", citing ".join(_unique(names))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
