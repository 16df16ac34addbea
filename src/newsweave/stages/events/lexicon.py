"""The event trigger lexicon, loaded once per process.

A data file shipped with the package: ``data/event_lexicon.json`` (hand-written trigger rules,
cue words, method names). The CAMEO code table the rules point into is reference data
(:mod:`newsweave.reference.cameo`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsweave.errors import NewsweaveError

BLOCK = "-"  # a rule that says "this is not an event" ("released a statement")
CAMEO_ONLY = "_"  # a CAMEO event with no PLOVER category (funeral, claim/deny responsibility)

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CONFLICTUAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerRule:
    """One lexicon line: lemma (+ required neighbour) -> PLOVER event/mode and CAMEO code."""

    lemma: str
    pos: str  # "V", "N" or "*"
    needs: frozenset[str]  # lemmas of a required syntactic neighbour; empty = none
    event: str
    mode: str
    cameo: str
    order: int  # later lines are more specific and win ties


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    rules: dict[str, tuple[TriggerRule, ...]]
    commit: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    obligation: frozenset[str]
    negation: frozenset[str]
    hedges: frozenset[str]
    report_cues: frozenset[str]
    deny_cues: frozenset[str]
    light_verbs: frozenset[str]  # their object names the event their subject does ("launched airstrikes")
    contexts: dict[str, tuple[str, ...]]  # cue lemma -> contexts
    methods: tuple[tuple[str, str], ...]  # (cue phrase, method), longest cue first
    # The same table for naming a method already found: each method's own name is a cue too
    # (folded, longest first), so "shelling" names shelling though only "shell" is its cue.
    method_names: tuple[tuple[str, str], ...]


def _parse_rule(line: str, order: int) -> list[TriggerRule]:
    fields = line.split()
    if len(fields) < 3:
        raise NewsweaveError(f"bad event lexicon line {line!r} (source=event_lexicon.json)")
    lemmas, pos, *rest = fields
    needs: frozenset[str] = frozenset()
    if rest and rest[0].startswith("+"):
        needs = frozenset(rest[0][1:].split("|"))
        rest = rest[1:]
    label, cameo = [*rest, ""][:2]
    event, _, mode = label.partition("/")
    return [
        TriggerRule(lemma=lemma, pos=pos, needs=needs, event=event, mode=mode, cameo=cameo, order=order)
        for lemma in lemmas.split("|")
    ]


def _words(data: dict[str, object], key: str) -> frozenset[str]:
    value = data.get(key, [])
    return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()


@cache
def load_lexicon() -> Lexicon:
    """The trigger lexicon, parsed once."""
    text = resources.files("newsweave").joinpath("data", "event_lexicon.json").read_text(encoding="utf-8")
    data = json.loads(text)
    rules: dict[str, list[TriggerRule]] = defaultdict(list)
    for order, line in enumerate(data["triggers"]):
        for rule in _parse_rule(line, order):
            rules[rule.lemma].append(rule)
    contexts: dict[str, list[str]] = defaultdict(list)
    for context, cues in data["contexts"].items():
        for cue in cues:
            contexts[cue].append(context)
    by_method: dict[str, list[str]] = data["methods"]
    # Longest cue first: "suicide bomb" before "bomb", "missile strike" before "strike".
    methods = sorted(
        ((cue, method) for method, cues in by_method.items() for cue in cues), key=lambda pair: -len(pair[0])
    )
    names = [(cue.casefold(), method) for method, cues in by_method.items() for cue in [method, *cues]]
    return Lexicon(
        rules={lemma: tuple(found) for lemma, found in rules.items()},
        commit=_words(data, "commit"),
        future=_words(data, "future"),
        hypothetical=_words(data, "hypothetical"),
        obligation=_words(data, "obligation"),
        negation=_words(data, "negation"),
        hedges=_words(data, "hedges"),
        report_cues=_words(data, "report_cues"),
        deny_cues=_words(data, "deny_cues"),
        light_verbs=_words(data, "light_verbs"),
        contexts={cue: tuple(found) for cue, found in contexts.items()},
        methods=tuple(methods),
        method_names=tuple(sorted(names, key=lambda pair: -len(pair[0]))),
    )
