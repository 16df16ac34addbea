"""The 'disagreements' corpus stage: where reports of one event agree and where they differ.

For each event, every report's attributes (method, place, date, casualty figures, who is
said to be responsible, who confirmed or denied it) become claims; claims with one value
form a :class:`~newsweave.model.Variant` naming its articles, outlets and attribution
chains. Two variants are compared attribute by attribute:

- a *contradiction* when both cannot be true (an airstrike vs a bomb planted in his room);
- *possible* when they could both be true (a meeting "on Wednesday" vs "on Aug. 1": a
  weekday resolved against another anchor, or no anchor at all);
- an *update* when a figure grew because it was reported later (more than 39,000 on
  31 July, nearly 40,000 on 12 August).

The work per event is linear in its reports, so the stage is linear in the corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.copies import independent_outlets, outlet_names
from newsweave.model import (
    Actor,
    ActorKind,
    Article,
    Copy,
    Disagreement,
    Event,
    EventReport,
    Modality,
    Source,
    Span,
    Variant,
)
from newsweave.stages.events.lexicon import load_lexicon

SEVERITY = {"update": 1, "possible": 2, "contradiction": 3}
# Modalities that say nothing about how a past event happened.
_NOT_FACTUAL = frozenset({Modality.EXPECTED, Modality.HYPOTHETICAL, Modality.THREATENED, Modality.NEGATED})
# Methods in one family can describe one attack (a missile fired from the air is an airstrike).
_METHOD_FAMILY = {
    "airstrike": "air",
    "missile strike": "air",
    "drone": "air",
    "rocket": "air",
    "shelling": "ground",
    "gunfire": "ground",
    "explosive device": "planted",
    "suicide attack": "planted",
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
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
# An outlet's name: "Axios", "The New York Times".
_OUTLET = r"(?P<outer>[A-Z][\w&'.]*(?: [A-Z][\w&'.]*){0,3})"
# "..., two sources with knowledge of the issue confirmed to Axios."
_TOLD_TO = re.compile(
    r",\s*(?P<inner>[^,;“”\"]{3,90}?)\s+(?:confirmed|told|said)\s+(?:to\s+)?" + _OUTLET + r"\s*[.;]?\s*$"
)
# "..., Reuters reported, citing five sources"
_REPORTED_CITING = re.compile(_OUTLET + r" reported,? citing (?P<inner>[^,;.]{3,90})")


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """An attribute value of one event, with everyone who carries it."""

    event_id: str
    attribute: str
    variant: Variant
    disputed: bool = False  # another variant of this attribute contradicts it


@dataclass(frozen=True, slots=True)
class CompareContext:
    """Look-ups built once per run: reports, actors, articles, independent outlet keys."""

    reports: Mapping[str, tuple[EventReport, str]]  # report id -> (report, article id)
    actors: Mapping[str, Actor]
    articles: Mapping[str, Article]
    published: Mapping[str, dt.date | None]
    copies: tuple[Copy, ...]
    outlets: Mapping[str, str | None]  # article id -> the outlet standing behind its text (wire first)
    named: Mapping[str, Actor]  # casefolded name or alias -> actor
    countries: Mapping[str, Actor]  # ISO alpha-3 -> the country actor


@corpus_stage("disagreements", requires=["events"], provides=["disagreements"])
def disagreements_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Compare the reports of every event and record where they differ."""
    ctx = compare_context(state)
    found: list[Disagreement] = []
    for event in state.events:
        found.extend(compare_event(event, ctx))
    return replace(state, disagreements=tuple(found))


def corroborated_facts(state: CorpusState, min_outlets: int = 2) -> tuple[Fact, ...]:
    """Attribute values carried by at least ``min_outlets`` independent outlets (wire copies
    count once), for every event: what a briefing can state as corroborated."""
    ctx = compare_context(state)
    facts: list[Fact] = []
    for event in state.events:
        disputed = {d.attribute for d in compare_event(event, ctx) if d.kind == "contradiction"}
        for attribute, variants in event_variants(event, ctx).items():
            facts.extend(
                Fact(event_id=event.id, attribute=attribute, variant=v, disputed=attribute in disputed)
                for v in variants
                if v.independent_outlets >= min_outlets
            )
    return tuple(facts)


def describe_chain(outlet: str | None, chain: Sequence[Source]) -> str:
    """ "France 24, citing Axios, citing two sources": the article's outlet, then its sources."""
    parts = [outlet or "unknown outlet", *(s.name for s in chain)]
    return ", citing ".join(parts)


# --- building the look-ups -------------------------------------------------------------------


def compare_context(state: CorpusState) -> CompareContext:
    """Build the look-ups once; pass the result to :func:`event_claims` and friends."""
    reports: dict[str, tuple[EventReport, str]] = {}
    actors: dict[str, Actor] = {}
    for article_id, ann in state.annotations.items():
        for report in ann.reports:
            reports[report.id] = (report, article_id)
        for actor in ann.actors:
            actors.setdefault(actor.id, actor)
    articles = state.articles_by_id()
    published = {a.id: a.published.value for a in state.articles}
    for dated in state.dated:
        if published.get(dated.article_id) is None:
            published[dated.article_id] = dated.published.value
    named = {n.casefold(): a for a in actors.values() for n in (*a.aliases, a.name)}
    countries = {a.country: a for a in actors.values() if a.kind is ActorKind.COUNTRY and a.country}
    return CompareContext(
        reports, actors, articles, published, state.copies, outlet_names(state.articles), named, countries
    )


# --- claims ------------------------------------------------------------------------------------


def event_variants(event: Event, ctx: CompareContext) -> dict[str, tuple[Variant, ...]]:
    """Every attribute of ``event`` -> its variants (one per value), agreed or not."""
    grouped = event_claims(event, ctx)
    return {
        attr: tuple(_variant(v, cs, ctx) for v, cs in _by_value(claims).items())
        for attr, claims in grouped.items()
    }


def compare_event(event: Event, ctx: CompareContext) -> list[Disagreement]:
    """The disagreements among the reports of ``event``, one per attribute at most."""
    found: list[Disagreement] = []
    for attribute, claims in event_claims(event, ctx).items():
        values = _by_value(claims)
        if len(values) < 2:
            continue
        kind = _kind(attribute, values)
        if kind is None:
            continue
        variants = tuple(_variant(v, cs, ctx) for v, cs in values.items())
        found.append(
            Disagreement(
                event_id=event.id,
                attribute=attribute,
                variants=variants,
                kind=kind,
                note=_note(attribute, event, ctx, variants, values),
            )
        )
    return found


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
    chains = _sentence_chains(reports, ctx)
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
    sentence = report.span.of(_text(ctx, base.article_id)).casefold()
    if report.cameo.startswith("015"):
        stance = "did not claim" if report.modality is Modality.NEGATED else "claimed"
    elif "neither" in sentence or " nor " in sentence:
        stance = "neither confirmed nor denied"
    else:
        stance = "denied"
    for actor_id in report.actor:
        who = ctx.actors[actor_id].name if actor_id in ctx.actors else actor_id
        yield replace(base, attribute="responsibility", value=f"{who}: {stance}")


def _text(ctx: CompareContext, article_id: str) -> str:
    article = ctx.articles.get(article_id)
    return article.text if article else ""


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
    weekday = next((d for d in _WEEKDAYS if d in text.casefold()), None)
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


def _sentence_chains(
    reports: Sequence[tuple[EventReport, str]], ctx: CompareContext
) -> dict[tuple[str, Span], tuple[Source, ...]]:
    """Attribution for sentences whose reports carry none: a sibling report's chain, else a
    trailing "..., two sources confirmed to Axios" the per-article stage did not link."""
    chains: dict[tuple[str, Span], tuple[Source, ...]] = {}
    for report, article_id in reports:
        if report.attributed_to:
            chains.setdefault((article_id, report.span), report.attributed_to)
    for report, article_id in reports:
        key = (article_id, report.span)
        if key not in chains:
            chain = trailing_attribution(_text(ctx, article_id), report.span)
            if chain:
                chains[key] = chain
    return chains


def trailing_attribution(text: str, sentence: Span) -> tuple[Source, ...]:
    """The chain a sentence ends with ("..., two sources ... confirmed to Axios." ->
    Axios, two sources), outer to inner; empty when it has none."""
    body = sentence.of(text)
    match = _TOLD_TO.search(body) or _REPORTED_CITING.search(body)
    if match is None:
        return ()
    outer_name = match.group("outer").rstrip(".")
    outer, inner = match.start("outer"), match.span("inner")
    at = sentence.start
    return (
        Source(name=outer_name, span=Span(start=at + outer, end=at + outer + len(outer_name)), kind="outlet"),
        Source(
            name=match.group("inner").strip(),
            span=Span(start=at + inner[0], end=at + inner[0] + len(match.group("inner").strip())),
            kind="anonymous" if "source" in match.group("inner") else "source",
        ),
    )


# --- variants and kinds ----------------------------------------------------------------------


def _by_value(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    values: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        values[claim.value].append(claim)
    return dict(values)


def _variant(value: str, claims: Sequence[Claim], ctx: CompareContext) -> Variant:
    article_ids = _unique(c.article_id for c in claims)
    outlets = _unique(_outlet_name(ctx, a) for a in article_ids)
    return Variant(
        value=value,
        article_ids=article_ids,
        outlets=outlets,
        report_ids=tuple(c.report.id for c in claims),
        attributed_to=tuple(c.chain for c in claims),
        independent_outlets=independent_outlets(article_ids, ctx.copies, ctx.outlets),
        hedged=all(c.hedged for c in claims),
    )


def _outlet_name(ctx: CompareContext, article_id: str) -> str:
    article = ctx.articles.get(article_id)
    return (article.outlet.name if article else None) or "unknown outlet"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _kind(attribute: str, values: Mapping[str, Sequence[Claim]]) -> str | None:
    """The most severe relation between any two values, or None when all are compatible."""
    worst: str | None = None
    for (_, a), (_, b) in combinations(values.items(), 2):
        if {c.article_id for c in a} == {c.article_id for c in b}:
            continue  # one article giving two values is one outlet's account, not a dispute
        relation = _relation(attribute, a, b)
        if relation and (worst is None or SEVERITY[relation] > SEVERITY[worst]):
            worst = relation
    return worst


def _relation(attribute: str, a: Sequence[Claim], b: Sequence[Claim]) -> str | None:
    first, second = a[0], b[0]
    if attribute == "method":
        same_family = _METHOD_FAMILY.get(first.value, first.value) == _METHOD_FAMILY.get(
            second.value, second.value
        )
        return "possible" if same_family else "contradiction"
    if attribute == "date":
        return _date_relation(first, second)
    if attribute in ("killed", "injured"):
        return _number_relation(a, b)
    if attribute == "responsibility":
        return _stance_relation(first.value, second.value)
    return "contradiction" if attribute == "responsible" else "possible"


def _date_relation(a: Claim, b: Claim) -> str | None:
    if a.start and b.start and a.end and b.end:
        if a.start <= b.end and b.start <= a.end:
            return None
        return "possible" if a.relative or b.relative else "contradiction"
    # At least one is an unresolved weekday: compare weekdays only.
    day_a = a.value.split(" ")[0].casefold() if a.start is None else _WEEKDAYS[a.start.weekday()]
    day_b = b.value.split(" ")[0].casefold() if b.start is None else _WEEKDAYS[b.start.weekday()]
    return None if day_a == day_b else "possible"


def _number_relation(a: Sequence[Claim], b: Sequence[Claim]) -> str | None:
    worst: str | None = None
    for x in a:
        for y in b:
            relation = _figure_relation(x, y)
            if relation and (worst is None or SEVERITY[relation] > SEVERITY[worst]):
                worst = relation
    return worst


def _figure_relation(x: Claim, y: Claim) -> str | None:
    assert x.low is not None and x.high is not None and y.low is not None and y.high is not None
    overlap = x.low <= y.high and y.low <= x.high
    if x.published and y.published and x.published != y.published:
        earlier, later = (x, y) if x.published < y.published else (y, x)
        assert earlier.point is not None and later.point is not None
        if later.point >= earlier.point:
            return "update"
    return None if overlap else "contradiction"


def _stance_relation(a: str, b: str) -> str | None:
    who_a, _, stance_a = a.partition(": ")
    who_b, _, stance_b = b.partition(": ")
    if who_a != who_b:
        return None
    if {stance_a, stance_b} == {"claimed", "denied"}:
        return "contradiction"
    return "possible" if "claimed" in (stance_a, stance_b) else None


def _note(
    attribute: str,
    event: Event,
    ctx: CompareContext,
    variants: Sequence[Variant],
    values: Mapping[str, Sequence[Claim]],
) -> str:
    """Who says what, in one line (dates with their words: "Wednesday"); plus what the
    event's own reports deny."""
    parts = []
    for v in variants:
        said = ""
        if attribute == "date":
            texts = _unique(c.report.when.text for c in values[v.value] if c.report.when is not None)
            said = f" ({', '.join(repr(t) for t in texts)})"
        parts.append(f"{v.value}{said}: {', '.join(v.outlets)}{' (hedged)' if v.hedged else ''}")
    denials = _denials(attribute, event, ctx)
    if denials:
        parts.append("; ".join(denials))
    return "; ".join(parts)


def _denials(attribute: str, event: Event, ctx: CompareContext) -> list[str]:
    if attribute != "method":
        return []
    found = []
    for report_id in event.report_ids:
        report, article_id = ctx.reports.get(report_id, (None, ""))
        if report is None or report.modality is not Modality.NEGATED or not report.event_type:
            continue
        for name, raw in report.attributes:
            if name == "method":
                found.append(f"{_outlet_name(ctx, article_id)} says it was not {canonical_method(raw)}")
    return list(_unique(found))
