"""The briefing: a sourced summary of each story, every sentence citing the text it rests on.

Sections, in order: the key events (the story's asserted or reported events, ranked by how
many independent outlets report them), corroborated facts (a place, date, method or blame
carried by two or more independent outlets and disputed by none), disputed facts (who says
what, from the disagreements stage, when it ran), the main quotes (speakers the knowledge
base knows, ranked by how many of the story's articles mention them) and what is expected
next (expected and threatened events).

Sentences are generated from templates over the events' fields, never copied from an
article, and each carries ``Citation``s: the evidence-sentence span of a report or the span
of a quote. A sentence without a valid citation is dropped, so nothing in a briefing lacks
a source. Outlets are named by ``Article.outlet.name``, else by the source file name; a
wire copy counts once, under the outlet of its original. Output is deterministic: every
ranking ends on an id or an offset.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.compare.facts import Fact, corroborated_facts
from newsweave.corpus.copies import canonical, outlet_names
from newsweave.corpus.timeline import StoryEvents, reports_by_id, story_events
from newsweave.model import (
    FUTURE_MODALITIES,
    ActorKind,
    Article,
    Briefing,
    BriefingSentence,
    Citation,
    Disagreement,
    Event,
    EventReport,
    Modality,
    Precision,
    Quote,
    Source,
    Variant,
    report_article_id,
)

KEY_EVENTS = 5
MAIN_QUOTES = 5
EXPECTED_EVENTS = 3
QUOTE_MIN_WORDS = 4
QUOTE_MAX_WORDS = 40
# The identifier a briefing gets when the corpus has no stories.
CORPUS_STORY_ID = "all"

KEY_MODALITIES = frozenset({Modality.ASSERTED, Modality.REPORTED})
RESPONSIBILITY = frozenset({"responsible", "actor", "blamed"})
# Sources too vague to name in "X, citing Y": they point back at something already named.
_ANAPHORIC_SOURCES = frozenset(
    {"he", "she", "they", "it", "we", "the latter", "the former", "the source", "the outlet", "the report"}
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ATTRIBUTE_NAMES = {
    "responsible": "who was responsible",
    "responsibility": "who claimed or denied responsibility",
    "killed": "the death toll",
    "injured": "the number injured",
}
_QUOTE_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}


@dataclass(frozen=True, slots=True)
class Verb:
    """How a template speaks of an event type: "X killed Y", "Y was killed", "X is expected to kill Y"."""

    past: str
    passive: str | None  # None where "Y was <passive>" makes no sense
    base: str
    noun: str
    alone: str = ""  # the past without an object ("spoke by phone"); default: past minus its preposition

    def intransitive(self) -> str:
        return self.alone or _TRAILING_PREPOSITION.sub("", self.past)

    def base_for(self, has_object: bool) -> str:
        return self.base if has_object else _TRAILING_PREPOSITION.sub("", self.base)


_TRAILING_PREPOSITION = re.compile(r" (with|to|from|on|against|towards)$")


# PLOVER event type → wording; CAMEO codes refine it (first matching prefix wins).
_VERBS: dict[str, Verb] = {
    "AGREE": Verb("agreed with", None, "agree with", "an agreement"),
    "CONSULT": Verb("met", None, "meet", "a meeting"),
    "SUPPORT": Verb("supported", "supported", "support", "support"),
    "CONCEDE": Verb("made concessions to", None, "make concessions to", "concessions"),
    "COOPERATE": Verb("cooperated with", None, "cooperate with", "cooperation"),
    "AID": Verb("aided", "aided", "aid", "aid"),
    "RETREAT": Verb("withdrew from", None, "withdraw from", "a withdrawal"),
    "REQUEST": Verb("asked", "asked", "ask", "a request"),
    "ACCUSE": Verb("accused", "accused", "accuse", "an accusation"),
    "REJECT": Verb("rejected", "rejected", "reject", "a rejection"),
    "THREATEN": Verb("threatened", "threatened", "threaten", "a threat"),
    "PROTEST": Verb("protested against", None, "protest against", "a protest"),
    "SANCTION": Verb("imposed sanctions on", None, "impose sanctions on", "sanctions"),
    "MOBILIZE": Verb("deployed", "deployed", "deploy", "a deployment"),
    "COERCE": Verb("coerced", "coerced", "coerce", "coercion"),
    "ASSAULT": Verb("attacked", "attacked", "attack", "an attack", "carried out an attack"),
}
_KILL = Verb("killed", "killed", "kill", "the killing", "carried out a killing")
_CAMEO_VERBS: tuple[tuple[str, Verb], ...] = (
    ("041", Verb("spoke with", None, "speak with", "a call", "spoke by phone")),
    ("042", Verb("visited", "visited", "visit", "a visit")),
    ("043", Verb("hosted", "hosted", "host", "a visit")),
    ("046", Verb("held talks with", None, "hold talks with", "talks")),
    ("084", Verb("released", "released", "release", "a release")),
    ("111", Verb("criticised", "criticised", "criticise", "criticism")),
    ("183", Verb("bombed", "bombed", "bomb", "a bombing", "carried out a bombing")),
    ("186", _KILL),
    ("1823", _KILL),
    ("195", Verb("struck", "struck", "strike", "a strike", "carried out a strike")),
)
_KILL_CODES = ("186", "1823")
_GENERIC = Verb("acted towards", None, "act towards", "an event", "acted")
_RETALIATE = Verb("retaliated against", None, "retaliate against", "retaliation")
# Triggers that make an attack a reprisal: "vowed revenge" is a vow to retaliate.
_REPRISAL_TRIGGERS = frozenset(
    {"revenge", "retaliation", "retaliate", "avenge", "vengeance", "reprisal", "response"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What every section needs, built once per corpus."""

    articles: Mapping[str, Article]
    reports: Mapping[str, EventReport]
    names: Mapping[str, str]  # actor id → name
    kinds: Mapping[str, ActorKind]
    outlet: Mapping[str, str]  # article id → outlet name
    independent: Mapping[str, str]  # article id → outlet of the original, for counting
    disagreements: Mapping[str, Sequence[Disagreement]]  # by event id
    events: Mapping[str, Event]
    order: Mapping[str, int]  # article id → position in the corpus, for a stable citation order
    facts: Mapping[str, Sequence[Fact]]  # corroborated facts by event id

    def disputed(self, event_id: str) -> Sequence[Disagreement]:
        return self.disagreements.get(event_id, ())

    def reports_of(self, event: Event) -> list[EventReport]:
        return [self.reports[i] for i in event.report_ids if i in self.reports]

    def outlets_of(self, article_ids: Iterable[str]) -> int:
        return len({self.independent.get(a, a) for a in article_ids})

    def name(self, actor_id: str) -> str:
        return self.names.get(actor_id) or actor_id.partition(":")[2].replace("-", " ").title()


# --- the stage -----------------------------------------------------------------------------


@corpus_stage("briefing", requires=["events"], provides=["briefings"])
def briefing_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Write a sourced briefing for each story (disagreements are used when that stage ran)."""
    ctx = build_context(state)
    briefings = tuple(briefing_for(group, state, ctx) for group in story_events(state))
    return replace(state, briefings=briefings)


def build_context(state: CorpusState) -> Context:
    articles = state.articles_by_id()
    names: dict[str, str] = {}
    kinds: dict[str, ActorKind] = {}
    for ann in state.annotations.values():
        for actor in ann.actors:
            names.setdefault(actor.id, actor.name)
            kinds.setdefault(actor.id, actor.kind)
    outlet = {a.id: outlet_name(a) for a in state.articles}
    # Counted as compare counts them: a wire story once, under the wire that wrote it.
    roots, behind = canonical(state.copies), outlet_names(state.articles)
    independent = {a: behind.get(roots.get(a, a)) or roots.get(a, a) for a in outlet}
    facts: dict[str, list[Fact]] = {}
    for fact in corroborated_facts(state):
        facts.setdefault(fact.event_id, []).append(fact)
    disputes: dict[str, list[Disagreement]] = {}
    for disagreement in state.disagreements:
        disputes.setdefault(disagreement.event_id, []).append(disagreement)
    return Context(
        articles=articles,
        reports=reports_by_id(state),
        names=names,
        kinds=kinds,
        outlet=outlet,
        independent=independent,
        disagreements=disputes,
        events={e.id: e for e in state.events},
        order={a: i for i, a in enumerate(articles)},
        facts=facts,
    )


def outlet_name(article: Article) -> str:
    """The outlet's name, else the name of the file (or record) the article came from."""
    return article.outlet.name or PurePosixPath(article.source).name or article.source


def briefing_for(group: StoryEvents, state: CorpusState, ctx: Context) -> Briefing:
    story_id = group.story_id or CORPUS_STORY_ID
    article_ids = group.story.article_ids if group.story else tuple(a.id for a in state.articles)
    events = [e for e in group.events if not e.background]
    key = key_events(events, ctx)
    disputes = [d for e in group.events for d in ctx.disputed(e.id) if d.kind != "update"]
    sentences = [
        *_merge(key_event_sentence(e, ctx) for e in key),
        *corroborated_sentences(key, ctx),
        *(s for d in disputes if (s := disputed_sentence(d, ctx)) is not None),
        *quote_sentences(article_ids, state, ctx),
        *_merge(expected_sentence(e, ctx) for e in expected_events(events, ctx)),
    ]
    return Briefing(story_id=story_id, sentences=tuple(s for s in sentences if s.citations))


# --- key events ------------------------------------------------------------------------------


def key_events(events: Sequence[Event], ctx: Context, limit: int = KEY_EVENTS) -> list[Event]:
    """The events most independent outlets report as having happened."""
    candidates = [
        e for e in events if e.modality in KEY_MODALITIES and e.event_type and _has_participants(e, ctx)
    ]
    return sorted(candidates, key=lambda e: _prominence(e, ctx))[:limit]


def key_event_sentence(event: Event, ctx: Context) -> BriefingSentence | None:
    reports = ctx.reports_of(event)
    actors = _agreed_actors(event, reports, ctx)
    text = past_clause(event, ctx, actors, reported=event.modality == Modality.REPORTED)
    text += _place_phrase(event, ctx) + date_phrase(event) + "."
    return BriefingSentence(text=text, citations=_report_citations(reports, ctx), section="key-events")


def past_clause(event: Event, ctx: Context, actors: Sequence[str], *, reported: bool = False) -> str:
    """ "Israel killed Fuad Shukr", "Ismail Haniyeh was killed", "A strike took place"."""
    verb = verb_for(event, ctx)
    adverb = "reportedly " if reported else ""
    recipients = _names(_recipients(event, ctx), ctx)
    if actors:
        action = f"{verb.past} {recipients}" if recipients else verb.intransitive()
        return f"{_join([ctx.name(a) for a in actors])} {adverb}{action}"
    if recipients and verb.passive:
        be = "were" if len(_recipients(event, ctx)) > 1 else "was"
        return f"{recipients} {be} {adverb}{verb.passive}"
    noun = verb.noun[0].upper() + verb.noun[1:]
    return f"{noun}" + (f" involving {recipients}" if recipients else "") + f" {adverb}took place"


def verb_for(event: Event, ctx: Context) -> Verb:
    if event.event_type == "ASSAULT" and event.modality in FUTURE_MODALITIES:
        triggers = [r.trigger_text.lower() for r in ctx.reports_of(event)]
        if triggers and 2 * sum(t in _REPRISAL_TRIGGERS for t in triggers) > len(triggers):
            return _RETALIATE
    verb = _cameo_verb(event, ctx)
    if verb is _KILL and not any(ctx.kinds.get(r) == ActorKind.PERSON for r in _recipients(event, ctx)):
        verb = None  # "killing" an organisation or a city reads wrong: it was attacked
    return verb or _VERBS.get(event.event_type, _GENERIC)


def _cameo_verb(event: Event, ctx: Context) -> Verb | None:
    """The wording of the CAMEO code most of the reports share (the event's own on a tie):
    one merged event may hold "strike" and "killing" reports, and the killing is the news."""
    votes: dict[str, int] = {}
    for cameo in [event.cameo, *(r.cameo for r in ctx.reports_of(event) if r.event_type == event.event_type)]:
        code = next((c for c, _ in _CAMEO_VERBS if cameo.startswith(c)), None)
        if code is not None:
            votes[code] = votes.get(code, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda c: (votes[c], c == event.cameo[: len(c)]))
    return dict(_CAMEO_VERBS)[best]


def date_phrase(event: Event) -> str:
    """The event's own date as a sentence ends on it: " on 31 July 2024", " in April 2024"."""
    start = event.start
    if start is None:
        return ""
    end = event.end or start
    if event.precision == Precision.YEAR:
        # "In the past two years" is a range of years, not the year it starts in.
        phrase = f" in {start.year}" if start.year == end.year else f" between {start.year} and {end.year}"
    elif event.precision == Precision.MONTH and (start.year, start.month) == (end.year, end.month):
        phrase = f" in {_MONTHS[start.month - 1]} {start.year}"
    elif start == end:
        phrase = f" on {format_day(start)}"
    elif (start.year, start.month) == (end.year, end.month):
        phrase = f" between {start.day} and {format_day(end)}"
    else:
        phrase = f" between {format_day(start)} and {format_day(end)}"
    return phrase + (" (date estimated)" if event.date_estimated else "")


def format_day(day: dt.date) -> str:
    # Month names from a table, not strftime: the locale must not change the briefing.
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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
            text = f"{_join(outlets)} {both} report that {claim}{hedge}."
            reports = [ctx.reports[r] for r in variant.report_ids if r in ctx.reports]
            citations = _report_citations(reports, ctx)
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
        return f"{_noun_phrase(event, ctx)} left {shown} {attribute}"
    if attribute == "responsible":
        # Outlets mostly report who *is blamed* (by a party, or hedged): never state guilt as fact.
        return f"{shown} is held responsible for {_noun_phrase(event, ctx)}"
    if attribute == "responsibility":
        return f"{shown} responsibility for {_noun_phrase(event, ctx)}"
    return f"the {attribute} of {_noun_phrase(event, ctx)} was {shown}"


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
    subject = _noun_phrase(event, ctx) if event is not None else "the event"
    possibly = " (the accounts may both be right)" if disagreement.kind == "possible" else ""
    parts = [_variant_phrase(v, disagreement.attribute, ctx) for v in variants]
    attribute = _ATTRIBUTE_NAMES.get(disagreement.attribute, f"the {disagreement.attribute}")
    text = f"Accounts of {subject} differ on {attribute}{possibly}: " + "; ".join(parts) + "."
    reports = [ctx.reports[r] for v in variants for r in v.report_ids if r in ctx.reports]
    return BriefingSentence(
        text=text, citations=_report_citations(reports, ctx, per_article=False), section="disputed"
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
    return f"{_join(speakers)} {says} {value}{hedge}".replace(",,", ",")


def _citing(chain: Sequence[Source], outlet: str) -> str:
    names = [s.name for s in chain if s.name.lower() not in _ANAPHORIC_SOURCES and s.name != outlet]
    return ", citing ".join(_unique(names))


# --- quotes ----------------------------------------------------------------------------------


def quote_sentences(
    article_ids: Sequence[str], state: CorpusState, ctx: Context, limit: int = MAIN_QUOTES
) -> list[BriefingSentence]:
    """One quote for each of the most prominent known speakers."""
    mentions: dict[str, set[str]] = {}
    carried: dict[str, list[tuple[str, Quote]]] = {}  # normalised text → (article id, quote)
    for article_id in article_ids:
        ann = state.annotations.get(article_id)
        if ann is None:
            continue
        for mention in ann.mentions:
            if mention.actor_id:
                mentions.setdefault(mention.actor_id, set()).add(article_id)
        for quote in ann.quotes:
            if _quotable(quote, ctx):
                carried.setdefault(_normalise(quote.text), []).append((article_id, quote))
    best: dict[str, list[tuple[str, Quote]]] = {}
    for copies in sorted(carried.values(), key=lambda c: _quote_rank(c, ctx)):
        best.setdefault(copies[0][1].speaker or "", copies)
    speakers = sorted(best, key=lambda s: (-len(mentions.get(s, ())), s))[:limit]
    return [_quote_sentence(best[s], ctx) for s in speakers]


def _quotable(quote: Quote, ctx: Context) -> bool:
    speaker = quote.speaker or ""
    return (
        speaker.startswith("kb:")
        and ctx.kinds.get(speaker) != ActorKind.OUTLET
        and len(quote.text.split()) >= QUOTE_MIN_WORDS
        # "Iran said to seek revenge" does not read: reported speech must be a clause.
        and (quote.kind != "indirect" or quote.text.lower().startswith("that "))
    )


def _quote_rank(copies: Sequence[tuple[str, Quote]], ctx: Context) -> tuple[bool, int, int, int, int]:
    """Whole quotes before cut ones, direct before reported speech, widely carried first."""
    article_id, quote = copies[0]
    too_long = len(quote.text.split()) > QUOTE_MAX_WORDS
    order = ctx.order.get(article_id, 0)
    return (too_long, _QUOTE_KIND_RANK.get(quote.kind, 3), -len(copies), order, quote.span.start)


def _quote_sentence(copies: Sequence[tuple[str, Quote]], ctx: Context) -> BriefingSentence:
    quote = copies[0][1]
    speaker = ctx.name(quote.speaker or "")
    words = quote.text.split()
    body = " ".join(words[:QUOTE_MAX_WORDS]) + ("…" if len(words) > QUOTE_MAX_WORDS else "")
    if quote.kind == "direct":
        body = body.rstrip(",")
        text = f"{speaker} said: “{body}”" + ("" if body[-1:] in ".!?…" else ".")
    else:
        text = f"{speaker} said {body.rstrip(',.')}."
    citations = [Citation(article_id=a, span=q.span) for a, q in copies if _inside(a, q.span.end, ctx)]
    return BriefingSentence(text=text, citations=tuple(citations), section="quotes")


# --- what is expected next -------------------------------------------------------------------


def expected_events(events: Sequence[Event], ctx: Context, limit: int = EXPECTED_EVENTS) -> list[Event]:
    candidates = [
        e for e in events if e.modality in FUTURE_MODALITIES and e.event_type and _has_participants(e, ctx)
    ]
    return sorted(candidates, key=lambda e: _prominence(e, ctx))[:limit]


def expected_sentence(event: Event, ctx: Context) -> BriefingSentence | None:
    """ "Iran has vowed to attack Israel", "Iran is expected to attack Israel"."""
    reports = ctx.reports_of(event)
    verb = verb_for(event, ctx)
    recipients = _names(_recipients(event, ctx), ctx)
    threatened = event.modality == Modality.THREATENED
    if event.actor:
        lead = _join([ctx.name(a) for a in event.actor])
        action = f"{verb.base} {recipients}" if recipients else verb.base_for(has_object=False)
        plural = len(event.actor) > 1
        if threatened:
            text = f"{lead} {'have' if plural else 'has'} vowed to {action}"
        else:
            text = f"{lead} {'are' if plural else 'is'} expected to {action}"
    else:
        noun = verb.noun[0].upper() + verb.noun[1:]
        text = noun + (f" against {recipients}" if recipients else "")
        text += " has been threatened" if threatened else " is expected"
    text += _place_phrase(event, ctx) + date_phrase(event) + "."
    return BriefingSentence(text=text, citations=_report_citations(reports, ctx), section="expected")


# --- shared helpers --------------------------------------------------------------------------


def with_article(value: str) -> str:
    """ "airstrike" → "an airstrike"; values that already have a determiner stay as they are."""
    if re.match(r"(?i)(a|an|the|\d+)\b", value):
        return value
    return ("an " if value[:1].lower() in "aeiou" else "a ") + value


def _prominence(event: Event, ctx: Context) -> tuple[int, int, str]:
    return (-ctx.outlets_of(event.article_ids), -len(event.report_ids), event.id)


def _has_participants(event: Event, ctx: Context) -> bool:
    return bool(event.actor or _recipients(event, ctx))


def _recipients(event: Event, ctx: Context) -> list[str]:
    """The recipients most of the event's reports name (an outlier report does not make
    "Haniyeh and Hamas were killed"), less the actors and the place ("a strike on Beirut"
    is said as the place)."""
    counts = {r: 0 for r in event.recipient if r != event.where and r not in event.actor}
    for report in ctx.reports_of(event):
        for recipient in set(report.recipient) & counts.keys():
            counts[recipient] += 1
    top = max(counts.values(), default=0)
    return [r for r, n in counts.items() if 2 * n >= top]


def _agreed_actors(event: Event, reports: Sequence[EventReport], ctx: Context) -> list[str]:
    """The actors a sentence may name: contradicted by no report, and named by an asserted
    report unless the whole sentence is hedged ("reportedly")."""
    if any(d.attribute in RESPONSIBILITY for d in ctx.disputed(event.id)):
        return []
    named = {frozenset(r.actor) for r in reports if r.actor}
    if len(named) != 1:
        return []  # nobody, or reports naming different actors: leave it to the disputes
    hedged = event.modality == Modality.REPORTED
    backed = {a for r in reports if r.modality == Modality.ASSERTED or hedged for a in r.actor}
    return [a for a in event.actor if a in backed]


def _noun_phrase(event: Event, ctx: Context) -> str:
    """ "the killing of Ismail Haniyeh", "the attack on Israel"."""
    verb = verb_for(event, ctx)
    noun = verb.noun.removeprefix("a ").removeprefix("an ").removeprefix("the ")
    recipients = _names(_recipients(event, ctx), ctx)
    preposition = "of" if verb is _KILL else "on" if event.event_type == "ASSAULT" else "involving"
    return f"the {noun}" + (f" {preposition} {recipients}" if recipients else "")


def _place_phrase(event: Event, ctx: Context) -> str:
    return f" in {ctx.name(event.where)}" if event.where else ""


def _names(actor_ids: Sequence[str], ctx: Context) -> str:
    return _join([ctx.name(a) for a in actor_ids])


def _report_citations(
    reports: Sequence[EventReport], ctx: Context, *, per_article: bool = True
) -> tuple[Citation, ...]:
    """The evidence sentences of ``reports``: by default the best one per article."""
    ranked = sorted(
        reports,
        key=lambda r: (
            report_article_id(r.id),
            r.modality != Modality.ASSERTED,
            r.when is None,
            r.span.start,
        ),
    )
    citations: list[Citation] = []
    seen: set[str] = set()
    for report in ranked:
        article_id = report_article_id(report.id)
        if (per_article and article_id in seen) or not _inside(article_id, report.span.end, ctx):
            continue
        seen.add(article_id)
        citations.append(Citation(article_id=article_id, span=report.span))
    return tuple(sorted(citations, key=lambda c: (ctx.order.get(c.article_id, 0), c.span.start)))


def _inside(article_id: str, end: int, ctx: Context) -> bool:
    article = ctx.articles.get(article_id)
    return article is not None and end <= len(article.text)


def _merge(sentences: Iterable[BriefingSentence | None]) -> list[BriefingSentence]:
    """Drop empty sentences; sentences with the same text become one, citing all their sources."""
    merged: dict[str, BriefingSentence] = {}
    for sentence in sentences:
        if sentence is None:
            continue
        if sentence.text in merged:
            known = merged[sentence.text]
            citations = tuple(dict.fromkeys((*known.citations, *sentence.citations)))
            merged[sentence.text] = replace(known, citations=citations)
        else:
            merged[sentence.text] = sentence
    return list(merged.values())


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
