"""The facts of an event that independent outlets agree on (:func:`corroborated_facts`): what a
briefing can state as corroborated, each marked when another variant contradicts it."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.corpus import CorpusState
from newsweave.corpus.compare.context import compare_context
from newsweave.corpus.compare.stage import compare_event
from newsweave.corpus.compare.variants import event_variants
from newsweave.model import Variant


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """An attribute value of one event, with everyone who carries it."""

    event_id: str
    attribute: str
    variant: Variant
    disputed: bool = False  # another variant of this attribute contradicts it


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
