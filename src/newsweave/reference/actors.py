"""The actor knowledge base shipped in the package (``newsweave/data/actors.json``).

Countries (every ISO 3166-1 alpha-3 code), their demonyms and capitals, international
organisations, armed and political groups, state bodies and officials with dated roles.
``scripts/build_actor_kb.py`` rebuilds the file and documents the sector decisions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsweave.model import Actor, ActorKind, Role

KB_FILE = "actors.json"
# A role that ended shortly before the article's date is still how articles name its holder
# ("the Hamas leader" the day after Haniyeh's killing).
ROLE_GRACE = dt.timedelta(days=45)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def name_key(name: str) -> str:
    """A lookup key: case, accents, dots, hyphens, spacing and a leading "the" ignored.

    Article text keeps its code points (no Unicode normalisation), so the key does it:
    composed and decomposed accents give one key, and invisible format characters (a soft
    hyphen in "Is\u00adrael", joiners, bidi marks) are ignored; a zero-width space separates.
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    if not text.isascii():
        text = "".join(ch for ch in text if not (unicodedata.combining(ch) or _invisible(ch)))
    text = text.casefold()
    text = text.replace(".", "")
    text = re.sub(r"[^\w']+", " ", text).strip()
    return text.removeprefix("the ")


def _invisible(char: str) -> bool:
    return char != "\u200b" and unicodedata.category(char) == "Cf"


@dataclass(frozen=True, slots=True)
class Metonymy:
    """How a place or body stands for a government: ``strength`` is strong, weak or body."""

    target: str  # actor id of the country (for places) or the body itself
    strength: str


@dataclass(frozen=True, slots=True)
class Holder:
    actor_id: str
    role: Role


class ActorKB:
    """Lookups over the knowledge base by id, name or alias, demonym and role."""

    def __init__(
        self,
        actors: Iterable[Actor],
        *,
        demonyms: Mapping[str, str],
        metonyms: Mapping[str, Metonymy],
        country_ids: Mapping[str, str],
    ) -> None:
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.demonyms = dict(demonyms)  # name key -> country actor id
        self.metonyms = dict(metonyms)  # actor id -> Metonymy
        self.country_ids = dict(country_ids)  # alpha-3 -> country actor id
        self._by_name: dict[str, list[str]] = {}
        self._holders: dict[str, list[Holder]] = {}
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                ids = self._by_name.setdefault(name_key(name), [])
                if actor.id not in ids:
                    ids.append(actor.id)
            for role in actor.roles:
                self._holders.setdefault(role.title, []).append(Holder(actor.id, role))

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def lookup(self, name: str) -> tuple[Actor, ...]:
        """Actors with this name or alias (demonyms excluded), best known first."""
        return tuple(self.actors[i] for i in self._by_name.get(name_key(name), ()))

    def demonym(self, name: str) -> Actor | None:
        """The country a demonym or adjective names ("Iranian", "U.S.")."""
        actor_id = self.demonyms.get(name_key(name))
        return self.actors[actor_id] if actor_id else None

    def country(self, alpha3: str | None) -> Actor | None:
        actor_id = self.country_ids.get(alpha3 or "")
        return self.actors[actor_id] if actor_id else None

    def holders(self, title: str, of: str | None = None) -> tuple[Holder, ...]:
        """Everyone who ever held ``title`` (of ``of``, if given)."""
        return tuple(h for h in self._holders.get(title, ()) if of is None or h.role.of == of)


def holds_on(role: Role, day: dt.date, grace: dt.timedelta = dt.timedelta(0)) -> bool:
    """Whether ``role`` was held on ``day`` (or ended at most ``grace`` before it)."""
    if role.start is not None and day < role.start:
        return False
    return role.end is None or day <= role.end + grace


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actor(record: Mapping[str, Any]) -> Actor:
    roles = tuple(
        Role(title=r["title"], of=r.get("of"), start=_date(r.get("start")), end=_date(r.get("end")))
        for r in record.get("roles", ())
    )
    return Actor(
        id=record["id"],
        name=record["name"],
        kind=ActorKind(record["kind"]),
        aliases=tuple(record.get("aliases", ())),
        country=record.get("country"),
        sector=record.get("sector"),
        roles=roles,
        in_kb=True,
    )


def parse_kb(document: Mapping[str, Any]) -> ActorKB:
    """An :class:`ActorKB` from the decoded JSON document."""
    records = document["actors"]
    demonyms = {name_key(d): r["id"] for r in records for d in r.get("demonyms", ())}
    metonyms = {
        r["id"]: Metonymy(r.get("metonym_of", r["id"]), r["metonym"]) for r in records if r.get("metonym")
    }
    return ActorKB(
        (_actor(r) for r in records),
        demonyms=demonyms,
        metonyms=metonyms,
        country_ids=document.get("country_ids", {}),
    )


@cache
def load_kb() -> ActorKB:
    """The knowledge base shipped with the package (read once per process)."""
    text = (resources.files("newsweave") / "data" / KB_FILE).read_text(encoding="utf-8")
    return parse_kb(json.loads(text))
