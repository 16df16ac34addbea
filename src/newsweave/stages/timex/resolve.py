"""Resolve one temporal expression against a base date: rules first, dateparser after."""

from __future__ import annotations

import datetime as dt

from newsweave.stages.timex.fallback import parse_with_dateparser
from newsweave.stages.timex.normal_form import normalise, strip_filler
from newsweave.stages.timex.resolution import Resolution, unresolved
from newsweave.stages.timex.rules import apply_rules


def resolve_expression(text: str, base: dt.date | None, direction: str = "") -> Resolution | None:
    """Normalise ``text`` ("on Thursday", "mid-April", "Oct. 7") against ``base``.

    ``direction`` ("past", "future", "present" or "") is the tense of the verb governing
    the expression; it picks which Thursday or which Oct. 7 is meant. ``base`` is the date
    the expression counts from, None when unknown: then only expressions that state their
    year resolve and the rest come back unresolved rather than guessed.
    Returns None for text that names a length of time ("10 months") or no time at all.
    """
    normal = normalise(text)
    if not normal:
        return None
    result = apply_rules(normal, base, direction)
    if result is False:
        normal = strip_filler(normal)
        result = apply_rules(normal, base, direction) if normal else None
    if result is not False:
        assert not isinstance(result, bool)
        return result
    return parse_with_dateparser(normal, base, direction) or unresolved("published")
