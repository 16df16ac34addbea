"""Claims grouped by value into variants (:class:`~newsweave.model.Variant`): each value of an
attribute with the articles, outlets, reports and attribution chains that carry it, and how
many independent outlets do (a wire story and its copies count once)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsweave.corpus.compare.claims import Claim, event_claims
from newsweave.corpus.compare.context import CompareContext, outlet_name_of
from newsweave.corpus.copies import independent_outlets
from newsweave.model import Event, Variant


def event_variants(event: Event, ctx: CompareContext) -> dict[str, tuple[Variant, ...]]:
    """Every attribute of ``event`` -> its variants (one per value), agreed or not."""
    grouped = event_claims(event, ctx)
    return {
        attr: tuple(variant_of(v, cs, ctx) for v, cs in by_value(claims).items())
        for attr, claims in grouped.items()
    }


def by_value(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """``claims`` grouped by their value, in the order the values first appear."""
    values: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        values[claim.value].append(claim)
    return dict(values)


def variant_of(value: str, claims: Sequence[Claim], ctx: CompareContext) -> Variant:
    """The variant ``value`` of an attribute, carried by ``claims``."""
    article_ids = unique(c.article_id for c in claims)
    outlets = unique(outlet_name_of(ctx, a) for a in article_ids)
    return Variant(
        value=value,
        article_ids=article_ids,
        outlets=outlets,
        report_ids=tuple(c.report.id for c in claims),
        attributed_to=tuple(c.chain for c in claims),
        independent_outlets=independent_outlets(article_ids, ctx.copies, ctx.outlets),
        hedged=all(c.hedged for c in claims),
    )


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """``items`` without repeats, in first-seen order."""
    return tuple(dict.fromkeys(items))
