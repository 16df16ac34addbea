"""Bylines: "By ELLEN KNICKMEYER, Associated Press" -> names "Ellen Knickmeyer", organisation AP."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.model import Article
from newsweave.reference.outlets import OutletRegistry, load_registry
from newsweave.stages.meta.furniture import byline_lines

_BY = re.compile(r"^\s*(?:written\s+)?by[:\s]+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||\band\b|&)\s*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Byline:
    """The people of a byline, and the organisation it credits (a registry name), if any."""

    names: tuple[str, ...]
    organisation: str | None = None  # registry name, e.g. "The Associated Press"
    organisation_id: str | None = None
    raw: str = ""

    @property
    def text(self) -> str | None:
        """The names as one display string, or None when the byline names nobody."""
        if not self.names:
            return None
        if len(self.names) == 1:
            return self.names[0]
        return ", ".join(self.names[:-1]) + " and " + self.names[-1]


def _title_case_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return word[0].upper() + word[1:].lower()


def tidy_name(name: str) -> str:
    """Collapse spaces; title-case a name written in capitals ("ELLEN KNICKMEYER", "O'BRIEN")."""
    name = " ".join(name.split()).strip(" .,:;-–—|")
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        name = _WORD.sub(_title_case_word, name)
    return name


def _looks_like_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and not any(c.isdigit() for c in part)


def parse_byline(text: str, registry: OutletRegistry | None = None) -> Byline:
    """Split a byline into people and the organisation it credits (checked against the registry)."""
    registry = registry or load_registry()
    body = _BY.sub("", " ".join(text.split()))
    names: list[str] = []
    organisation = None
    for part in _NAME_SPLIT.split(body):
        part = part.strip(" .|")
        if not part:
            continue
        outlet = registry.by_name(part)
        if outlet is not None:
            organisation = organisation or outlet
        elif _looks_like_name(part):
            names.append(tidy_name(part))
    return Byline(
        names=tuple(names),
        organisation=organisation.name if organisation else None,
        organisation_id=organisation.id if organisation else None,
        raw=text,
    )


def authors_from_hint(value: str) -> list[str]:
    """Author names from a container field: a JSON list (``["A", "B"]``) or plain text."""
    stripped = value.strip()
    if stripped.startswith("["):
        try:
            decoded = json.loads(stripped)
        except json.JSONDecodeError:
            decoded = None
        if isinstance(decoded, list):
            return [tidy_name(str(a)) for a in decoded if str(a).strip()]
    return [stripped] if stripped else []


BYLINE_HINTS = frozenset({"byline", "author", "authors"})


def byline_of(article: Article, hints: Sequence[tuple[str, str]] = ()) -> str | None:
    """The article's authors as a display string ("Ellen Knickmeyer"), or None.

    Sources, first found wins: the byline the cleaner set, a removed byline line, then the
    container's author fields. A byline that credits only an organisation ("By Reuters")
    names nobody: the organisation is outlet evidence, not an author.
    """
    registry = load_registry()
    for line in byline_lines(article):
        if names := parse_byline(line, registry).text:
            return names
    for key, value in hints:
        if key.casefold() in BYLINE_HINTS:
            authors = [parse_byline(a, registry).text for a in authors_from_hint(value)]
            named = Byline(names=tuple(a for a in authors if a)).text
            if named:
                return named
    return None
