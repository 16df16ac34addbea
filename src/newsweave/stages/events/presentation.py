"""What only a report's wording shows, corrected after the parse-based coding.

The dependency parse misses a few presentations that change what a report says:

* an infinitive or an indefinite noun under a cue of intent or a modal is still to come
  ("readiness to strike", "one option being considered is a coordinated attack"): EXPECTED;
* a time expression relative to the trigger does not date it ("hours after the attack");
* an undated trigger takes the date that premodifies it ("the July 30 killing").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsweave.model import EventReport, Modality, TimeExpr

# The parse's modalities a surface cue may turn into EXPECTED (not negated, denied, historical).
_REALIS = frozenset({Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED})
_CLAUSE_BREAK = re.compile(r"[,;:—–()\n]")
_INFINITIVE = re.compile(r"\bto\s+$", re.I)
_REALISED_INFINITIVE = re.compile(r"\b(?:managed|able|went\s+on|proceeded|helped|used)\s+to\s+$", re.I)
_INTENT_CUE = re.compile(
    r"\b(?:options?|consider(?:s|ed|ing)?|plans?|planned|planning|expect(?:s|ed|ing)?|"
    r"prepar(?:e|es|ed|ing)|potential|possible|likely|fears?|feared|anticipat\w*|readiness|"
    r"ready|brac(?:e|es|ed|ing)|intend\w*|seek\w*|want\w*|duty|bound|vow\w*|pledg\w*|promis\w*|"
    r"threat\w*|order(?:s|ed)?|decided?|decision|poised|determined|urg(?:e|es|ed|ing)|aim\w*|hop(?:e|es|ed|ing))\b",
    re.I,
)
_MODAL = re.compile(r"\b(?:will|would|could|might|may|shall)\b")  # case-sensitive: not "May 3"
# An indefinite noun a few words after such a cue: "considered is a coordinated attack".
_INTENDED_NOUN = re.compile(
    rf"(?:{_INTENT_CUE.pattern}|(?-i:{_MODAL.pattern}))\s+(?:[\w-]+\s+){{0,3}}(?:an?|any)\s+(?:[\w-]+\s+){{0,3}}$",
    re.I,
)
_RELATIVE_TO_NEXT = re.compile(r"\b(?:after|before|since|following)\s*$", re.I)
_PREMODIFIER_GAP = re.compile(r"^[\s\w-]{0,20}$")


def correct_reports(
    reports: Sequence[EventReport], timexes: Sequence[TimeExpr], text: str
) -> tuple[EventReport, ...]:
    """``reports`` with what only their wording shows (see the module docstring)."""
    if not text:
        return tuple(reports)
    dated = (r if r.when is not None else replace(r, when=_premodifier(r, timexes, text)) for r in reports)
    return tuple(_unrealised(_unrelated_date(r, text), text) for r in dated)


def _unrelated_date(report: EventReport, text: str) -> EventReport:
    """ "Hours after the attack" dates what happened after the attack, not the attack."""
    when = report.when
    if when is None or not _RELATIVE_TO_NEXT.search(when.text) or when.span.end > report.trigger.start:
        return report
    if _PREMODIFIER_GAP.match(text[when.span.end : report.trigger.start]):
        return replace(report, when=None)
    return report


def _unrealised(report: EventReport, text: str) -> EventReport:
    """An event the parse took as done that the wording shows is still to come: an
    infinitive ("plans to attack") or an indefinite noun under a cue of intent or
    expectation just before it ("one option being considered is a coordinated attack")."""
    if report.modality not in _REALIS:
        return report
    before = text[report.span.start : report.trigger.start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    if not (_INTENT_CUE.search(clause) or _MODAL.search(clause)):
        return report  # "met ... to discuss": a purpose, done at the meeting
    infinitive = bool(_INFINITIVE.search(clause)) and not _REALISED_INFINITIVE.search(clause)
    if infinitive or _INTENDED_NOUN.search(clause):
        return replace(report, modality=Modality.EXPECTED)
    return report


def _premodifier(report: EventReport, timexes: Sequence[TimeExpr], text: str) -> TimeExpr | None:
    for timex in timexes:
        if report.span.start <= timex.span.start and timex.span.end <= report.trigger.start:
            gap = text[timex.span.end : report.trigger.start]
            if _PREMODIFIER_GAP.match(gap):
                return timex
    return None
