"""Name mentions from spaCy's entities, cleaned of known errors.

Cleaning trims determiners, possessive marks and honorifics, splits a leading possessor
("Britain’s Cardiff University"), and drops fragments ("n’t", "Defense"). Resolution looks a
name up in the article first (a surname refers to the full name used nearby), then in the
knowledge base, then in the outlet registry (for names in a source role), and otherwise
makes a new actor, one per distinct name in an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.model import Actor, ActorKind, MentionKind
from newsweave.reference.actors import ActorKB, name_key
from newsweave.reference.outlets import Outlet, load_registry
from newsweave.stages.actors import lexicon

_LABEL_KINDS = {
    "PERSON": (ActorKind.PERSON,),
    "ORG": (ActorKind.ORGANISATION, ActorKind.GROUP, ActorKind.OUTLET),
    "GPE": (ActorKind.COUNTRY, ActorKind.LOCATION),
    "LOC": (ActorKind.LOCATION, ActorKind.COUNTRY),
    "FAC": (ActorKind.LOCATION, ActorKind.ORGANISATION),
    "NORP": (ActorKind.COUNTRY, ActorKind.GROUP, ActorKind.NATIONALITY),
}
_NEW_KINDS = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANISATION,
    "GPE": ActorKind.LOCATION,
    "LOC": ActorKind.LOCATION,
    "FAC": ActorKind.LOCATION,
    "NORP": ActorKind.NATIONALITY,
}
_KIND_LABELS = {
    ActorKind.PERSON: "PERSON",
    ActorKind.ORGANISATION: "ORG",
    ActorKind.GROUP: "ORG",
    ActorKind.OUTLET: "ORG",
    ActorKind.COUNTRY: "GPE",
    ActorKind.LOCATION: "GPE",
}
# Sector of an unknown organisation from a word in its name.
_SECTOR_WORDS = (
    ("MIL", ("army", "military", "forces", "navy", "air force", "brigade", "command", "guard")),
    ("GOV", ("ministry", "government", "council", "cabinet", "department", "presidency", "office")),
    ("EDU", ("university", "institute", "school", "college", "center for", "centre for")),
    ("MED", ("news", "agency", "times", "post", "tv", "radio", "broadcast")),
    ("PTY", ("party",)),
    ("COP", ("police",)),
    ("JUD", ("court",)),
)
# Registry names that are common words or other things outside a source role.
_AMBIGUOUS_OUTLETS = frozenset(
    {
        "times",
        "time",
        "sky",
        "nature",
        "focus",
        "stern",
        "petra",
        "dawn",
        "kan",
        "i",
        "national",
        "paper",
        "sun",
        "pa",
        "slate",
        "vox",
        "hill",
        "columbian",
        "conversation",
        "independent",
        "atlantic",
        "intercept",
        "white house",
        "economist",
        "bild",
        "world",
        "express",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cleaned entity: token range, label and the raw entity's first token (for titles)."""

    start: int
    end: int
    label: str
    raw_start: int

    def span(self, doc: Doc) -> SpacySpan:
        return doc[self.start : self.end]


def candidates(doc: Doc) -> list[Candidate]:
    """Entity mentions worth resolving, in text order."""
    found: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ in lexicon.ENTITY_LABELS:
            found.extend(_clean(doc, ent))
    return found


def _clean(doc: Doc, ent: SpacySpan) -> list[Candidate]:
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in lexicon.LEADING_DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in lexicon.POSSESSIVE_MARKS or doc[end - 1].is_punct):
        end -= 1
    if ent.label_ == "PERSON":
        while end - start > 1 and doc[start].lower_.rstrip(".") in lexicon.HONORIFICS:
            start += 1
    parts: list[Candidate] = []
    for i in range(start + 1, end - 1):
        if doc[i].text in lexicon.POSSESSIVE_MARKS:
            parts.append(Candidate(start, i, "GPE" if ent.label_ != "PERSON" else ent.label_, ent.start))
            start = i + 1
            while start < end and doc[start].lower_ in lexicon.LEADING_DETERMINERS:
                start += 1
            break
    parts.append(Candidate(start, end, ent.label_, ent.start))
    return [p for p in parts if p.start < p.end and _is_name(doc[p.start : p.end].text)]


def _is_name(text: str) -> bool:
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    return name_key(text) not in lexicon.NOISE_NAMES


def is_source_role(token: Token) -> bool:
    """Whether a name is the subject or addressee of a reporting verb ("Axios reported")."""
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() in lexicon.SOURCE_VERBS
    if token.dep_ in ("dobj", "dative"):
        return head.lemma_.lower() in {"tell", "cite", "quote"}
    if token.dep_ == "pobj" and head.lower_ in ("to", "by"):
        return head.head.lemma_.lower() in lexicon.SOURCE_VERBS
    return False


class NameResolver:
    """Resolves names within one article; the same unknown name gives the same actor."""

    def __init__(self, kb: ActorKB, doc: Doc, cands: list[Candidate]) -> None:
        self.kb = kb
        self.doc = doc
        self._cache: dict[str, Actor] = {}
        # Full names by kind and last word, longest first: "Haniyeh" -> "Ismail Haniyeh",
        # "Times" -> "The New York Times".
        self._full_names: dict[tuple[str, str], list[Candidate]] = {}
        # Names that are a source somewhere in the article ("Axios reported") are outlets
        # wherever they occur in it.
        self._source_keys: set[str] = set()
        self._first_names: dict[str, list[Candidate]] = {}
        for cand in cands:
            span = cand.span(doc)
            if cand.label in ("PERSON", "ORG") and cand.end - cand.start > 1:
                group = (cand.label, name_key(doc[cand.end - 1].text))
                self._full_names.setdefault(group, []).append(cand)
                if cand.label == "PERSON":
                    self._first_names.setdefault(name_key(doc[cand.start].text), []).append(cand)
            if is_source_role(span.root):
                self._source_keys.add(name_key(span.text))
        for names in self._full_names.values():
            names.sort(key=lambda c: -(c.end - c.start))

    def resolve(self, cand: Candidate) -> Actor:
        text = cand.span(self.doc).text
        key = name_key(text)
        if key not in self._cache:
            self._cache[key] = self._resolve(cand, text, key in self._source_keys)
        return self._cache[key]

    def _resolve(self, cand: Candidate, text: str, source: bool) -> Actor:
        longer = self._longer_name(cand, text)
        if longer is not None:
            return self.resolve(longer)
        hit = self._kb_hit(text, cand.label)
        if hit is not None:
            return hit
        outlet = _outlet(text, cand.label, source)
        if outlet is not None:
            return outlet_actor(outlet)
        return self._new_actor(cand, text)

    def _longer_name(self, cand: Candidate, text: str) -> Candidate | None:
        if cand.end - cand.start > 1 or cand.label not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        if cand.label != "PERSON" and any(a.kind is not ActorKind.PERSON for a in self.kb.lookup(text)):
            return None
        key = name_key(text)
        names = self._full_names.get(("PERSON", key), [])
        if cand.label == "ORG":
            names = names or self._full_names.get(("ORG", key), [])
        if not names:
            # "Karine" in a briefing that names Karine Jean-Pierre: a first name, if only one fits.
            firsts = {name_key(c.span(self.doc).text): c for c in self._first_names.get(key, ())}
            return next(iter(firsts.values())) if cand.label == "PERSON" and len(firsts) == 1 else None
        known = [a for a in self.kb.lookup(text) if a.kind is ActorKind.PERSON]
        if known:
            # "Biden" is Joe Biden unless the article's full name says otherwise: prefer the
            # full name the knowledge base agrees with, else the knowledge base.
            agreeing = [c for c in names if self._kb_hit(c.span(self.doc).text, "PERSON") in known]
            return agreeing[0] if agreeing else None
        return names[0]

    def _kb_hit(self, text: str, label: str) -> Actor | None:
        if label == "NORP" or not self.kb.lookup(text):
            country = self.kb.demonym(text)
            if country is not None:
                return country
        hits = self.kb.lookup(text)
        if not hits:
            hits = self.kb.lookup(_drop_national_prefix(self.kb, text))
        if not hits:
            return None
        preferred = _LABEL_KINDS.get(label, ())
        return next((a for a in hits if a.kind in preferred), hits[0])

    def _new_actor(self, cand: Candidate, text: str) -> Actor:
        kind = _NEW_KINDS.get(cand.label, ActorKind.UNKNOWN)
        country = None
        sector = None
        if kind is ActorKind.ORGANISATION:
            country = self._country_near(cand)
            sector = _sector_of(text)
        elif kind is ActorKind.LOCATION:
            kind = ActorKind.LOCATION
        return Actor(id=f"new:{slugify(text)}", name=text, kind=kind, country=country, sector=sector)

    def _country_near(self, cand: Candidate) -> str | None:
        # "Iranian Foreign Ministry", "Britain’s Cardiff University": the nationality word
        # inside or just before the name.
        lo = max(cand.raw_start - 2, 0)
        for token in self.doc[lo : cand.end]:
            country = self.kb.demonym(token.text)
            if country is None:
                hits = [a for a in self.kb.lookup(token.text) if a.kind is ActorKind.COUNTRY]
                country = hits[0] if hits else None
            if country is not None:
                return country.country
        return None


def _drop_national_prefix(kb: ActorKB, text: str) -> str:
    """ "Israeli Mossad" -> "Mossad"; "Iran's IRGC" -> "IRGC"."""
    first, _, rest = text.partition(" ")
    if rest and (kb.demonym(first) is not None or any(a.kind is ActorKind.COUNTRY for a in kb.lookup(first))):
        return rest
    return text


def _outlet(text: str, label: str, source: bool) -> Outlet | None:
    registry = load_registry()
    outlet = registry.by_name(text) or registry.by_name(re.sub(r"(?i)\s+news agency$", "", text))
    if outlet is None:
        return None
    if source:
        return outlet
    key = name_key(text)
    distinctive = key not in _AMBIGUOUS_OUTLETS and (" " in key or text.isupper())
    return outlet if label == "ORG" and distinctive else None


def outlet_actor(outlet: Outlet) -> Actor:
    return Actor(
        id=f"kb:outlet-{outlet.id}",
        name=outlet.name,
        kind=ActorKind.OUTLET,
        aliases=outlet.aliases,
        country=outlet.country,
        sector="MED",
        in_kb=True,
    )


def _sector_of(name: str) -> str | None:
    lowered = name.lower()
    for sector, words in _SECTOR_WORDS:
        if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words):
            return sector
    return None


def slugify(text: str) -> str:
    return re.sub(r"[\W_]+", "-", name_key(text)).strip("-") or "x"


def label_for(actor: Actor, spacy_label: str, kind: MentionKind) -> str:
    """The entity label corrected by the knowledge base ("Houthis" is not a PERSON)."""
    if kind is MentionKind.METONYM or (spacy_label == "NORP" and actor.kind is ActorKind.COUNTRY):
        return spacy_label
    return _KIND_LABELS.get(actor.kind, spacy_label)
