"""The normal form the time rules match: lower case, straight punctuation, edges spelled one way.

:func:`normalise` rewrites an expression ("the middle of April", "Oct. 7") into the form the rules'
patterns are written for ("mid april", "oct 7"); :func:`strip_filler` drops the prepositions and hedges
in front of it ("on", "as early as") when the whole expression matched no rule.
"""

from __future__ import annotations

import re

_REWRITES = (
    (re.compile(r"[’‘`]"), "'"),
    (re.compile(r"[–—‑]"), "-"),
    (re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\."), r"\1"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"\b(?:the )?(?:middle) of\b"), "mid"),
    (re.compile(r"\b(?:the )?(?:beginning|start) of\b"), "early"),
    (re.compile(r"\b(?:the )?end of\b"), "late"),
    (re.compile(r"\b(early|late) on\b"), r"\1"),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"\b(early|late)-(?=[a-z]*\d|[a-z])"), r"\1 "),
    (re.compile(r"[^\w\s,:-]"), " "),
    (re.compile(r"\s*,\s*"), ", "),
    (re.compile(r"\s+"), " "),
)
_FILLER = re.compile(
    r"^(?:(?:on|in|at|during|over|for|the|of|by|since|until|till|from|around|about|as of|"
    r"sometime|some time|just|only|barely|nearly|almost|as early as|as late as)\b,? ?)+"
)


def normalise(text: str) -> str:
    """Lower case, straight punctuation, abbreviations without dots, no leading prepositions."""
    out = text.lower()
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return out.strip(" ,-:")


def strip_filler(normal: str) -> str:
    return _FILLER.sub("", normal).strip(" ,-")
