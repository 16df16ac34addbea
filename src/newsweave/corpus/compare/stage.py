"""The 'disagreements' corpus stage: for every event, the attributes its reports give different
values for (:func:`compare_event`), each a :class:`~newsweave.model.Disagreement` of the most
severe kind any two of its variants show, with a one-line note of who says what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.compare.claims import Claim, canonical_method, event_claims
from newsweave.corpus.compare.context import CompareContext, compare_context, outlet_name_of
from newsweave.corpus.compare.relations import relation_kind
from newsweave.corpus.compare.variants import by_value, unique, variant_of
from newsweave.model import Disagreement, Event, Modality, Variant


@corpus_stage("disagreements", requires=["events"], provides=["disagreements"])
def disagreements_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Compare the reports of every event and record where they differ."""
    ctx = compare_context(state)
    found: list[Disagreement] = []
    for event in state.events:
        found.extend(compare_event(event, ctx))
    return replace(state, disagreements=tuple(found))


def compare_event(event: Event, ctx: CompareContext) -> list[Disagreement]:
    """The disagreements among the reports of ``event``, one per attribute at most."""
    found: list[Disagreement] = []
    for attribute, claims in event_claims(event, ctx).items():
        values = by_value(claims)
        if len(values) < 2:
            continue
        kind = relation_kind(attribute, values)
        if kind is None:
            continue
        variants = tuple(variant_of(v, cs, ctx) for v, cs in values.items())
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
            texts = unique(c.report.when.text for c in values[v.value] if c.report.when is not None)
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
                found.append(f"{outlet_name_of(ctx, article_id)} says it was not {canonical_method(raw)}")
    return list(unique(found))
