"""Temporal expressions: found with spaCy and rules, normalised against the publication date.

Rules handle what news writes most ("on Thursday", "last week", "mid-April", "Oct. 7",
"the coming days"); dateparser only sees what they do not know.
"""

from newsweave.stages.timex.find import find_timexes, timex_for_span
from newsweave.stages.timex.resolution import Resolution
from newsweave.stages.timex.resolve import resolve_expression

__all__ = ["Resolution", "find_timexes", "resolve_expression", "timex_for_span"]
