"""Each report's claims about its event (:func:`event_claims`): one :class:`Claim` per attribute
value a report gives (method, place, date, casualty figures, who is said to be responsible, who
confirmed or denied it), in a canonical form so that claims with one meaning share one value."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from newsweave.corpus.compare.attribution import sentence_chains
from newsweave.corpus.compare.context import CompareContext, article_text
from newsweave.model import ActorKind, Event, EventReport, Modality, Source, Span
from newsweave.stages.events.lexicon import load_lexicon

# Modalities that say nothing about how a past event happened.
_NOT_FACTUAL = frozenset({Modality.EXPECTED, Modality.HYPOTHETICAL, Modality.THREATENED, Modality.NEGATED})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_WORD_NUMBERS = {
    w: i for i, w in enumerate(f"{_SMALL} sixteen seventeen eighteen nineteen twenty".split(" "))
} | {"dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200, "thousand": 1000, "thousands": 2000}
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|least|upwards of|in excess of)\b", re.IGNORECASE)
_AT_MOST = re.compile(
    r"\b(?:nearly|almost|close to|closer to|up to|under|fewer than|less than)\b", re.IGNORECASE
)
_ABOUT = re.compile(r"\b(?:about|around|some|roughly|approximately|an estimated)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One report's value for one attribute of its event."""

    attribute: str
    value: str  # canonical: what variants are grouped by
    report: EventReport
    article_id: str
    chain: tuple[Source, ...]
    hedged: bool
    published: dt.date | None = None
    start: dt.date | None = None  # date claims: the date range they state
    end: dt.date | None = None
    relative: bool = False  # date claims: a weekday or "yesterday", resolved against an anchor
    low: float | None = None  # number claims: the range the figure allows
    high: float | None = None
    point: float | None = None


def event_claims(event: Event, ctx: CompareContext) -> dict[str, list[Claim]]:
    """Every report's claims about ``event``, by attribute (one claim per sentence and value)."""
    reports = [ctx.reports[r] for r in event.report_ids if r in ctx.reports]
    # Hedges and negations are properties of the sentence: "reportedly assassinated Haniyeh
    # by detonating ..." hedges both triggers; "was not killed by an airstrike" negates both.
    hedged_sentences = {(a, r.span) for r, a in reports if r.hedged}
    negated = {
        (a, r.span, canonical_method(v))
        for r, a in reports
        if r.modality is Modality.NEGATED
        and r.event_type  # not "has not taken responsibility for the strike"
        for n, v in r.attributes
        if n == "method"
    }
    chains = sentence_chains(reports, ctx)
    grouped: dict[str, list[Claim]] = defaultdict(list)
    seen: set[tuple[str, str, str, Span]] = set()
    for report, article_id in reports:
        base = Claim(
            attribute="",
            value="",
            report=report,
            article_id=article_id,
            chain=report.attributed_to or chains.get((article_id, report.span), ()),
            hedged=(article_id, report.span) in hedged_sentences,
            published=ctx.published.get(article_id),
        )
        for claim in _claims_of(report, event, ctx, base):
            # Two triggers of one sentence ("assassinated ... by detonating") make one claim.
            key = (claim.attribute, claim.value, article_id, report.span)
            if key in seen or (
                claim.attribute == "method" and (article_id, report.span, claim.value) in negated
            ):
                continue
            seen.add(key)
            grouped[claim.attribute].append(claim)
    return grouped


def _claims_of(report: EventReport, event: Event, ctx: CompareContext, base: Claim) -> Iterable[Claim]:
    attrs = report.attributes
    if report.cameo.startswith(("015", "016")):
        yield from _stance_claims(report, ctx, base)
        return
    if report.modality in _NOT_FACTUAL:
        return
    for name, raw in attrs:
        if name == "method":
            yield replace(base, attribute="method", value=canonical_method(raw))
        elif name in ("killed", "injured", "wounded"):
            number = _number(raw)
            if number is not None:
                low, high, point = number
                attr = "injured" if name == "wounded" else name
                yield replace(base, attribute=attr, value=raw, low=low, high=high, point=point)
        elif name == "blamed":
            yield replace(base, attribute="responsible", value=_responsible_key(raw, ctx))
    # The doer of an attack on the event's target is who the report holds responsible; the
    # doer of another act merged into the event ("to avenge the killing") is not.
    on_target = not event.recipient or bool(set(report.recipient) & set(event.recipient))
    if report.event_type == "ASSAULT" and on_target:
        for actor_id in report.actor:
            yield replace(base, attribute="responsible", value=_responsible_key(actor_id, ctx))
    place = _place(report, ctx)
    if place:
        yield replace(base, attribute="place", value=place)
    if report.when is not None:
        yield from _date_claims(report, base)


def _stance_claims(report: EventReport, ctx: CompareContext, base: Claim) -> Iterable[Claim]:
    sentence = report.span.of(article_text(ctx, base.article_id)).casefold()
    if report.cameo.startswith("015"):
        stance = "did not claim" if report.modality is Modality.NEGATED else "claimed"
    elif "neither" in sentence or " nor " in sentence:
        stance = "neither confirmed nor denied"
    else:
        stance = "denied"
    for actor_id in report.actor:
        who = ctx.actors[actor_id].name if actor_id in ctx.actors else actor_id
        yield replace(base, attribute="responsibility", value=f"{who}: {stance}")


def canonical_method(raw: str) -> str:
    """The canonical method a phrase names ("air raid" -> "airstrike"), else the phrase."""
    folded = raw.casefold().strip()
    for cue, canon in load_lexicon().method_names:
        if cue in folded:
            return canon
    return folded


def _responsible_key(raw: str, ctx: CompareContext) -> str:
    """Actors of one state count as one answer (Mossad is Israel's), so only different
    states or groups disagree."""
    actor = ctx.actors.get(raw) or ctx.named.get(raw.casefold())
    if actor is None:
        return raw
    if actor.country and (
        actor.kind in (ActorKind.COUNTRY, ActorKind.ORGANISATION) or actor.sector in ("GOV", "MIL", "SPY")
    ):
        country = ctx.countries.get(actor.country)
        return country.name if country else actor.country
    return actor.name


def _place(report: EventReport, ctx: CompareContext) -> str | None:
    actor = ctx.actors.get(report.where or "")
    if actor is None or actor.kind is not ActorKind.LOCATION:
        return None  # a country as "where" is as often the target as the place
    return actor.name


def _date_claims(report: EventReport, base: Claim) -> Iterable[Claim]:
    when = report.when
    assert when is not None
    text = when.text.strip()
    relative = not re.search(r"\d", text) and not _MONTHS.search(text)
    weekday = next((d for d in WEEKDAYS if d in text.casefold()), None)
    if when.start is not None and when.end is not None and (when.end - when.start).days <= 1:
        value = when.start.isoformat()
        yield replace(base, attribute="date", value=value, start=when.start, end=when.end, relative=relative)
    elif weekday is not None:
        yield replace(base, attribute="date", value=weekday.title(), relative=True)


def _number(raw: str) -> tuple[float, float, float] | None:
    """The range a casualty figure allows ("more than 39,000" -> 39,000..inf) and its point."""
    folded = raw.casefold()
    match = _NUMBER.search(folded)
    if match:
        value = float(match.group().replace(",", ""))
    else:
        words = [_WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", folded) if w in _WORD_NUMBERS]
        if not words:
            return None
        value = float(words[0])
    if _AT_LEAST.search(folded):
        return value, float("inf"), value
    if _AT_MOST.search(folded):
        return 0.9 * value, value, value
    if _ABOUT.search(folded):
        return 0.9 * value, 1.1 * value, value
    return value, value, value
