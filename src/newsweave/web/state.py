"""What the app holds between requests: the store, the indexed latest corpus run, the settings."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request

from newsweave.config import Settings
from newsweave.corpus import analyse_corpus
from newsweave.model import Annotations, CorpusState
from newsweave.store import Store
from newsweave.web.queries import Corpus, StoryFilters, build_corpus


@dataclass(slots=True, kw_only=True)
class AppState:
    store_path: Path
    settings: Settings
    store: Store
    corpus: Corpus
    # Per process: a form can only be posted by a page this process served (CSRF).
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


def load_corpus(store: Store, settings: Settings) -> Corpus:
    """The latest corpus run, indexed; analysed and saved first if the store has none, or if
    articles were stored since it ran (``newsweave ingest`` does not run the corpus stages)."""
    state = store.latest_corpus()
    current = store.latest_ids()
    if state is None or {a.id for a in state.articles} != current:
        state = refresh_corpus(store, settings)
    return build_corpus(state)


def refresh_corpus(store: Store, settings: Settings | None = None) -> CorpusState:
    """Analyse the latest version of every stored article across the corpus and save the run."""
    articles = list(store.latest_articles())
    annotations: dict[str, Annotations] = {}
    for article in articles:
        found = store.annotations(article.id)
        if found is not None:
            annotations[article.id] = found
    state = analyse_corpus(articles, annotations, settings)
    store.save_corpus(state)
    return state


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.newsweave
    return state


class BadQuery(ValueError):
    """A query parameter that cannot be read; the message is one line naming it."""


def parse_filters(params: Mapping[str, str]) -> StoryFilters:
    return StoryFilters(
        q=params.get("q", "").strip()[:500],
        date_from=_date(params, "from"),
        date_to=_date(params, "to"),
        outlet=params.get("outlet", "").strip(),
        actor=params.get("actor", "").strip(),
        page=_page(params),
    )


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"{name}={value[:40]!r} is not a date (YYYY-MM-DD)") from None


MAX_PAGE = 1_000_000


def _page(params: Mapping[str, str]) -> int:
    value = params.get("page", "1").strip() or "1"
    # ASCII digits only: "²".isdigit() holds, int("²") fails; and a cap before int(), which
    # refuses strings of over 4,300 digits with an error of its own.
    if not (value.isascii() and value.isdigit() and len(value) <= 7 and 1 <= int(value) <= MAX_PAGE):
        raise BadQuery(f"page={value[:40]!r} is not a page number (1 to {MAX_PAGE})")
    return int(value)


def outlet_name(request: Request) -> str:
    """The outlet a page is about: ``?name=`` (what the app links to: any name survives a query
    string), or the rest of the path after ``/outlets/`` (readable URLs for plain names)."""
    return str(request.path_params.get("name") or request.query_params.get("name", "")).strip()
