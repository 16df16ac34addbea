"""Settings, with defaults that are safe for untrusted input. docs/configuration.md lists each."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsweave import __version__

DEFAULT_USER_AGENT = f"newsweave/{__version__} (+https://github.com/newsweave/newsweave; news analysis)"


@dataclass(frozen=True, slots=True, kw_only=True)
class JsonFields:
    """Field names read from JSON/JSONL records; each is a list of candidates, first present wins."""

    text: tuple[str, ...] = ("text", "body", "content", "articleBody", "maintext", "description")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "source_url")
    published: tuple[str, ...] = (
        "published",
        "publish_date",
        "date_published",
        "date",
        "published_at",
        "pubDate",
    )
    outlet: tuple[str, ...] = ("outlet", "source", "site_name", "publisher")
    byline: tuple[str, ...] = ("authors", "author", "byline")
    id: tuple[str, ...] = ("id", "guid")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """Limits for every network request."""

    timeout: float = 15.0  # seconds, per connect/read
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False  # refuse private, loopback and link-local addresses unless set


# The per-article stages a run applies, in order (newsweave.pipeline checks their requirements).
DEFAULT_STAGES: tuple[str, ...] = ("clean", "metadata", "nlp", "actors", "time", "quotes", "events")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    store_path: Path = Path("newsweave.db")
    stages: tuple[str, ...] = DEFAULT_STAGES
    processes: int = 1  # worker processes for the per-article stages
    batch_size: int = 32  # documents per spaCy batch
    max_file_bytes: int = 64 * 1024 * 1024  # larger files are refused, not read
    # Longer cleaned texts are refused as too large before parsing. Real articles are far
    # shorter (the longest CNN article file holds 23,034 characters); docs/performance.md has the memory.
    max_doc_chars: int = 1_000_000
    # Wall-clock seconds one document may take in the per-article stages before it is
    # reported as too slow (its worker process is then replaced). 0 turns the check off.
    doc_seconds: float = 120.0
    fetch: FetchSettings = field(default_factory=FetchSettings)
    fetch_feed_pages: bool = True  # fetch each feed entry's linked page
    follow_symlinks: bool = False  # in a folder, follow symlinks that lead out of it (and symlinked dirs)
    json_fields: JsonFields = field(default_factory=JsonFields)
