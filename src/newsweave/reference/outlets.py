"""The outlet registry shipped in the package (``newsweave/data/outlets.json``).

Each outlet has an id, a name, aliases, domains, a country (ISO 3166 alpha-3), an owner,
whether it is state funded, whether it is a wire service, a typology and *fingerprints*:
site identifiers observed on an outlet's pages (``facebook-pixel:<id>``) that name the
publishing site when a copied text lost its URL. ``scripts/build_outlet_registry.py``
rebuilds the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

REGISTRY_FILE = "outlets.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Outlet:
    """One registry entry."""

    id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-3
    country_name: str
    owner: str
    state_funded: bool
    wire: bool  # a news agency or syndication service whose copy others republish
    typology: str
    fingerprints: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def name_key(name: str) -> str:
    """A lookup key for an outlet name: case, punctuation, spacing and a leading "the" ignored."""
    key = re.sub(r"[^\w]+", " ", name.casefold()).strip()
    return key.removeprefix("the ")


def host_of(url_or_host: str) -> str | None:
    """The lower-case host of a URL or bare host name, without a leading ``www.``."""
    text = url_or_host.strip()
    if not text:
        return None
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


class OutletRegistry:
    """Lookups over the outlets by domain, name or alias, and fingerprint."""

    def __init__(self, outlets: tuple[Outlet, ...]) -> None:
        self.outlets = outlets
        self._by_id = {o.id: o for o in outlets}
        self._by_domain = {d: o for o in outlets for d in o.domains}
        self._by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            for name in outlet.names:
                self._by_name.setdefault(name_key(name), outlet)
        self._by_fingerprint = {f: o for o in outlets for f in o.fingerprints}

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self.outlets)

    def get(self, outlet_id: str) -> Outlet | None:
        return self._by_id.get(outlet_id)

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """The outlet whose domain is the host or a parent of it (``news.sky.com`` -> ``sky.com``)."""
        host = host_of(url_or_host)
        while host and "." in host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2]
        return None

    def by_name(self, name: str) -> Outlet | None:
        """The outlet with this name or alias; a trailing "(World)"-style qualifier is ignored."""
        key = name_key(name)
        if key in self._by_name:
            return self._by_name[key]
        unqualified = name_key(re.sub(r"\s*\([^)]*\)\s*$", "", name))
        return self._by_name.get(unqualified)

    def by_fingerprint(self, fingerprint: str) -> Outlet | None:
        return self._by_fingerprint.get(fingerprint)


def _outlet(record: Mapping[str, Any]) -> Outlet:
    return Outlet(
        id=record["id"],
        name=record["name"],
        aliases=tuple(record.get("aliases", ())),
        domains=tuple(record.get("domains", ())),
        country=record["country"],
        country_name=record["country_name"],
        owner=record.get("owner", ""),
        state_funded=bool(record.get("state_funded", False)),
        wire=bool(record.get("wire", False)),
        typology=record.get("typology", ""),
        fingerprints=tuple(record.get("fingerprints", ())),
    )


@cache
def load_registry() -> OutletRegistry:
    """The registry shipped with the package (read once)."""
    text = (resources.files("newsweave") / "data" / REGISTRY_FILE).read_text(encoding="utf-8")
    document = json.loads(text)
    return OutletRegistry(tuple(_outlet(r) for r in document["outlets"]))
