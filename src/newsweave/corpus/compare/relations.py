"""How two variants of one attribute relate (:func:`relation_kind`):

- a *contradiction* when both cannot be true (an airstrike vs a bomb planted in his room);
- *possible* when they could both be true (a meeting "on Wednesday" vs "on Aug. 1": a
  weekday resolved against another anchor, or no anchor at all);
- an *update* when a figure grew because it was reported later (more than 39,000 on
  31 July, nearly 40,000 on 12 August).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from newsweave.corpus.compare.claims import WEEKDAYS, Claim

SEVERITY = {"update": 1, "possible": 2, "contradiction": 3}
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


def relation_kind(attribute: str, values: Mapping[str, Sequence[Claim]]) -> str | None:
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
    day_a = a.value.split(" ")[0].casefold() if a.start is None else WEEKDAYS[a.start.weekday()]
    day_b = b.value.split(" ")[0].casefold() if b.start is None else WEEKDAYS[b.start.weekday()]
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
