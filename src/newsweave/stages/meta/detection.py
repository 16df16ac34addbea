"""Which outlet published an article, with the evidence, checked against the outlet registry.

Evidence comes in two roles. *Publisher* evidence names the site the text was found on: the
URL's domain, the page's site name or a JSON ``outlet`` field, a site fingerprint (an
embedded Facebook pixel id). *Origin* evidence names who wrote it: a dateline "(JNS) —", a
byline "By X, Associated Press", a credit line "France24/AFP". When the origin is a wire
service and the publisher another site, the wire is the outlet and the site republished it
(an AP story on columbian.com). A credit line that pairs an outlet with a wire
("France24/AFP") names the outlet, with the wire as its source.

With none of those, the text itself can name its outlet ("told CNN", "CNN has learned"),
but only through self-references, repeated: "Axios reported" cites a source, it does not
sign the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from newsweave.model import Article, OutletEvidence
from newsweave.reference.outlets import Outlet, OutletRegistry, host_of, load_registry
from newsweave.stages.meta.byline import BYLINE_HINTS, authors_from_hint, parse_byline
from newsweave.stages.meta.furniture import byline_lines, credit_line_candidates, dateline_texts, markup_texts

URL_HINTS = frozenset({"url", "link", "source_url", "canonical_url", "canonical", "target_uri", "hostname"})
SITE_HINTS = frozenset({"site_name", "sitename", "outlet", "publisher", "source", "og:site_name"})

DOMAIN_CONFIDENCE = 0.95
SITE_NAME_CONFIDENCE = 0.9
FINGERPRINT_CONFIDENCE = 0.85
ORIGIN_CONFIDENCE = 0.9
UNREGISTERED_CONFIDENCE = 0.6
TEXT_CONFIDENCE = 0.5
MIN_SELF_REFERENCES = 2

_FACEBOOK_PIXEL = re.compile(r"facebook\.com/tr/?\?(?:[^\"'\s>]*?&(?:amp;)?)?id=(\d+)")
_DATELINE_AGENCY = re.compile(r"\(([^()]{2,40})\)")
_CREDIT_SPLIT = re.compile(r"\s*(?:/|\bwith\b|\band\b|&|,|\+)\s*", re.IGNORECASE)

# Outlet names that are also common words or given names ("Today", "Watson", "Stern"): never
# matched in running text.
_TEXT_AMBIGUOUS = frozenset(
    {
        "today",
        "time",
        "focus",
        "stern",
        "nature",
        "slate",
        "kan",
        "bild",
        "i",
        "pa",
        "aa",
        "ap",
        "ft",
        "cna",
        "ina",
    }
)


@dataclass(frozen=True, slots=True)
class _Clue:
    outlet: Outlet | None
    name: str  # registry name, or the name as found when unregistered
    via: str
    evidence: str
    confidence: float


def _clue(outlet: Outlet, via: str, evidence: str, confidence: float) -> _Clue:
    return _Clue(outlet, outlet.name, via, evidence, confidence)


def _values(hints: Sequence[tuple[str, str]], names: frozenset[str]) -> list[str]:
    return [v.strip() for k, v in hints if k.casefold() in names and v.strip()]


# -- publisher evidence -------------------------------------------------------------------


def _from_urls(article: Article, hints: Sequence[tuple[str, str]], registry: OutletRegistry) -> list[_Clue]:
    urls = _values(hints, URL_HINTS) + ([article.url] if article.url else [])
    clues = []
    for url in urls:
        outlet = registry.by_domain(url)
        if outlet is not None:
            clues.append(_clue(outlet, "domain", url, DOMAIN_CONFIDENCE))
        elif (host := host_of(url)) is not None:
            clues.append(_Clue(None, host, "domain", url, UNREGISTERED_CONFIDENCE))
    return clues


def _from_site_names(hints: Sequence[tuple[str, str]], registry: OutletRegistry) -> list[_Clue]:
    clues = []
    for value in _values(hints, SITE_HINTS):
        # JSON "outlet" fields sometimes hold a host name ("www.usatoday.com").
        outlet = registry.by_name(value) or (registry.by_domain(value) if " " not in value else None)
        if outlet is not None:
            clues.append(_clue(outlet, "site-name", value, SITE_NAME_CONFIDENCE))
        else:
            clues.append(_Clue(None, value, "site-name", value, UNREGISTERED_CONFIDENCE))
    return clues


def fingerprints(texts: Iterable[str]) -> list[str]:
    """Site fingerprints (``facebook-pixel:<id>``) found in markup left in or removed from a text."""
    found: list[str] = []
    for text in texts:
        found += [f"facebook-pixel:{m.group(1)}" for m in _FACEBOOK_PIXEL.finditer(text)]
    return list(dict.fromkeys(found))


def _from_fingerprints(article: Article, registry: OutletRegistry) -> list[_Clue]:
    clues = []
    for fingerprint in fingerprints(markup_texts(article)):
        outlet = registry.by_fingerprint(fingerprint)
        if outlet is not None:
            clues.append(_clue(outlet, "fingerprint", fingerprint, FINGERPRINT_CONFIDENCE))
    return clues


# -- origin evidence ----------------------------------------------------------------------


def _from_datelines(article: Article, registry: OutletRegistry) -> list[_Clue]:
    clues = []
    for line in dateline_texts(article):
        # The cleaner keeps either the whole dateline or just its agency ("JNS").
        names = [m.group(1) for m in _DATELINE_AGENCY.finditer(line)] or [line.strip(" —–-")]
        for name in names:
            outlet = registry.by_name(name) if name else None
            if outlet is not None:
                clues.append(_clue(outlet, "dateline", line.strip(), ORIGIN_CONFIDENCE))
    return clues


def _from_bylines(
    article: Article, hints: Sequence[tuple[str, str]], registry: OutletRegistry
) -> list[_Clue]:
    lines = byline_lines(article)
    lines += [name for value in _values(hints, BYLINE_HINTS) for name in authors_from_hint(value)]
    clues = []
    for line in dict.fromkeys(line for line in lines if line.strip()):
        byline = parse_byline(line, registry)
        if byline.organisation_id is not None and (outlet := registry.get(byline.organisation_id)):
            clues.append(_clue(outlet, "byline", line.strip(), ORIGIN_CONFIDENCE))
    return clues


def _credit_parts(line: str, registry: OutletRegistry) -> list[Outlet]:
    parts = [registry.by_name(p) for p in _CREDIT_SPLIT.split(line.strip()) if p]
    if not parts or any(p is None for p in parts):
        return []  # only a line made of outlet names is a credit line
    return [p for p in parts if p is not None]


def _credit_lines(article: Article, registry: OutletRegistry) -> list[tuple[str, list[Outlet]]]:
    lines = credit_line_candidates(article)
    return [(line, parts) for line in lines if (parts := _credit_parts(line, registry))]


# -- the text itself ----------------------------------------------------------------------


_APOSTROPHE = "['’]"


@lru_cache(maxsize=1024)
def _self_reference_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(self-references, staff contribution lines) naming one of ``names``."""
    outlet = "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    forms = [
        rf"\btold (?:the )?{outlet}\b",
        rf"\b{outlet} (?:has|have) (?:learned|confirmed|reached out|obtained|reviewed|asked|contacted)\b",
        rf"\b{outlet} (?:projects|projected|previously reported|obtained|reviewed)\b",
        rf"\b{outlet}{_APOSTROPHE}s (?:own\b|(?:[A-Z][a-z]+ ){{1,2}}(?:reported|contributed|said|asked))",
        rf"\b(?:an?|the) {outlet} (?:analysis|review|poll|investigation|exclusive|count|tally)\b",
        rf"\b(?:obtained|reviewed|seen|confirmed) by (?:the )?{outlet}\b",
        rf"\b(?:spoke|speaking) (?:exclusively )?(?:to|with) (?:the )?{outlet}\b",
    ]
    # "CNN's Jane Doe contributed to this report": the outlet crediting its own staff.
    contribution = rf"\b{outlet}{_APOSTROPHE}s [^.\n]{{2,200}}?\bcontributed to this (?:report|story)"
    return re.compile("|".join(f"(?:{f})" for f in forms)), re.compile(contribution)


@lru_cache(maxsize=1024)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


@cache
def _text_names(registry: OutletRegistry) -> dict[str, Outlet]:
    names: dict[str, Outlet] = {}
    for outlet in registry:
        for name in outlet.names:
            if len(name) >= 3 and name.casefold() not in _TEXT_AMBIGUOUS:
                names.setdefault(name, outlet)
    return names


def self_references(text: str, registry: OutletRegistry | None = None) -> Counter[str]:
    """How often the text refers to each registry outlet as its own newsroom ("told CNN")."""
    registry = registry or load_registry()
    names = _text_names(registry)
    # Only the names present are put in the patterns: one alternation of every name is slow.
    present = tuple(sorted(n for n in names if n in text))
    if not present:
        return Counter()
    references, contributions = _self_reference_patterns(present)
    name_pattern = _name_pattern(present)
    counts: Counter[str] = Counter()
    for pattern, weight in ((references, 1), (contributions, MIN_SELF_REFERENCES)):
        for match in pattern.finditer(text):
            found = name_pattern.search(match.group(0))
            if found is not None:
                counts[names[found.group(0)].id] += weight
    return counts


def _from_text(article: Article, registry: OutletRegistry) -> list[_Clue]:
    ranked = self_references(article.text, registry).most_common(2)
    if not ranked:
        return []
    outlet_id, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # Quoting another outlet's interviews is common; only a clear majority names the newsroom.
    if count < MIN_SELF_REFERENCES or count <= 2 * runner_up:
        return []
    outlet = registry.get(outlet_id)
    if outlet is None:
        return []
    return [_clue(outlet, "text", f"{count} self-references to {outlet.name}", TEXT_CONFIDENCE)]


# -- decision -----------------------------------------------------------------------------


def _evidence(*clues: _Clue | None) -> str:
    return "; ".join(f"{c.via}: {c.evidence}" for c in clues if c is not None)


def _result(
    main: _Clue, *, wire: Outlet | None = None, republished_by: _Clue | None = None, also: _Clue | None = None
) -> OutletEvidence:
    return OutletEvidence(
        name=main.name,
        registry_id=main.outlet.id if main.outlet else None,
        via=main.via,
        evidence=_evidence(main, republished_by, also),
        confidence=main.confidence,
        wire=wire.name if wire else None,
        republished_by=republished_by.name if republished_by else None,
    )


def _same(a: _Clue | None, b: _Clue | None) -> bool:
    return a is not None and b is not None and a.outlet is not None and a.outlet == b.outlet


def detect_outlet(
    article: Article, hints: Sequence[tuple[str, str]] = (), registry: OutletRegistry | None = None
) -> OutletEvidence:
    """The outlet of ``article`` with the evidence for it; ``OutletEvidence(name=None)`` if none."""
    registry = registry or load_registry()
    publishers = sorted(
        [
            *_from_urls(article, hints, registry),
            *_from_site_names(hints, registry),
            *_from_fingerprints(article, registry),
        ],
        key=lambda c: (c.outlet is None, -c.confidence),
    )
    publisher = publishers[0] if publishers else None
    origins = [*_from_datelines(article, registry), *_from_bylines(article, hints, registry)]
    credits = _credit_lines(article, registry)

    for line, parts in credits:
        newsroom = next((p for p in parts if not p.wire), None)
        wire = next((p for p in parts if p.wire), None)
        if newsroom is not None:
            credit = _clue(newsroom, "credit-line", line, ORIGIN_CONFIDENCE)
            return _result(credit, wire=wire, also=publisher if not _same(publisher, credit) else None)
        origins.append(_clue(parts[0], "credit-line", line, ORIGIN_CONFIDENCE))

    wire_origin = next((c for c in origins if c.outlet is not None and c.outlet.wire), None)
    if wire_origin is not None:
        if publisher is not None and not _same(publisher, wire_origin):
            return _result(wire_origin, wire=wire_origin.outlet, republished_by=publisher)
        return _result(wire_origin, wire=wire_origin.outlet, also=publisher)
    if publisher is not None:
        return _result(publisher, also=origins[0] if origins else None)
    if origins:
        return _result(origins[0])
    text = _from_text(article, registry)
    if text:
        return _result(text[0])
    return OutletEvidence(name=None)
