"""The public Python API: :func:`analyze` many sources into a :class:`Corpus`, :func:`read` one text.

A small face over the library, as ``httpx.get`` and ``trafilatura.extract`` are: the records it
returns are the dataclasses of :mod:`newsweave.model` (frozen; their fields are public), and
:meth:`Corpus.to_json` is the export document of the JSON contract. Everything the package
does not name in ``newsweave.__all__`` is internal. docs/python.md shows it; its examples are tests.

The library never prints: inputs that cannot be read are kept on the corpus
(:attr:`Corpus.errors`, :attr:`Corpus.skipped`), each an error naming its source and code.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.config import FetchSettings, Settings
from newsweave.corpus import analyse_corpus
from newsweave.errors import NewsweaveError, PipelineError
from newsweave.export.json_export import build_export, write_export
from newsweave.ingest.sniff import HEAD_BYTES, decode_head, looks_like_html
from newsweave.model import (
    Actor,
    Annotations,
    Article,
    CorpusState,
    Disagreement,
    Event,
    EventReport,
    Framing,
    InputFormat,
    Quote,
    RawDocument,
    Story,
    TimelineEntry,
)
from newsweave.pipeline import build
from newsweave.run import Outcome, run
from newsweave.store import Store

if TYPE_CHECKING:
    import pandas

__all__ = ["ArticleQuote", "Corpus", "analyze", "read"]

Source = str | os.PathLike[str]

# Settings a caller may pass by name: every field of Settings but the store's path (the ``store``
# argument says where the store is), and the fields of FetchSettings, which no Settings field shadows.
_SETTINGS = frozenset(f.name for f in dataclasses.fields(Settings)) - {"store_path"}
_FETCH = frozenset(f.name for f in dataclasses.fields(FetchSettings))


def settings_from(options: Mapping[str, Any]) -> Settings:
    """:class:`Settings` with ``options`` (field names of Settings or FetchSettings) changed.

    Raises ``TypeError`` for a name that is neither, as a function does for an unknown keyword.
    """
    unknown = sorted(set(options) - _SETTINGS - _FETCH)
    if unknown:
        known = ", ".join(sorted(_SETTINGS | _FETCH))
        raise TypeError(f"unknown setting {unknown[0]!r} (known: {known})")
    direct = {k: v for k, v in options.items() if k in _SETTINGS}
    if "stages" in direct:
        direct["stages"] = tuple(direct["stages"])  # a list is what a notebook will pass
    settings = replace(Settings(), **direct)
    fetch = {k: v for k, v in options.items() if k in _FETCH}
    return replace(settings, fetch=replace(settings.fetch, **fetch)) if fetch else settings


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleQuote:
    """A quote with the article it is in (a :class:`~newsweave.model.Quote` does not name it)."""

    article_id: str
    quote: Quote


class Corpus:
    """What :func:`analyze` found across the articles of its sources, as typed records.

    ``articles``, ``events``, ``stories``, ``disagreements``, ``framing`` and ``timeline`` are the
    corpus run's; ``actors`` are merged across articles (one per id, aliases joined); ``quotes``
    and ``reports`` are every article's, in article order.
    """

    __slots__ = ("_state", "counts", "errors", "skipped")

    def __init__(
        self,
        state: CorpusState,
        *,
        errors: Iterable[NewsweaveError] = (),
        skipped: Iterable[NewsweaveError] = (),
        counts: Mapping[str, int] | None = None,
    ) -> None:
        self._state = state
        self.errors: tuple[NewsweaveError, ...] = tuple(errors)
        """The inputs that failed, each an error naming its ``source`` and ``code``."""
        self.skipped: tuple[NewsweaveError, ...] = tuple(skipped)
        """The inputs left out on purpose (hidden files, README, symlinks out of a folder: NW106)."""
        self.counts: dict[str, int] = dict(counts or {})
        """Inputs per status: ``new``, ``version``, ``duplicate``, ``failed``, ``skipped``."""

    def __repr__(self) -> str:
        return (
            f"<Corpus: {len(self.articles)} articles, {len(self.events)} events,"
            f" {len(self.stories)} stories, {len(self.errors)} failed inputs>"
        )

    @property
    def articles(self) -> tuple[Article, ...]:
        return self._state.articles

    @property
    def actors(self) -> tuple[Actor, ...]:
        merged: dict[str, Actor] = {}
        for ann in self._annotations_in_order():
            for actor in ann.actors:
                known = merged.get(actor.id)
                if known is None:
                    merged[actor.id] = actor
                else:
                    aliases = tuple(sorted(set(known.aliases) | set(actor.aliases)))
                    merged[actor.id] = replace(known, aliases=aliases)
        return tuple(merged.values())

    @property
    def events(self) -> tuple[Event, ...]:
        return self._state.events

    @property
    def quotes(self) -> tuple[ArticleQuote, ...]:
        return tuple(
            ArticleQuote(article_id=article_id, quote=q)
            for article_id, ann in self._annotated()
            for q in ann.quotes
        )

    @property
    def reports(self) -> tuple[EventReport, ...]:
        """Every article's event reports; ``Event.report_ids`` names them by ``EventReport.id``."""
        return tuple(r for ann in self._annotations_in_order() for r in ann.reports)

    @property
    def annotations(self) -> dict[str, Annotations]:
        """What the per-article stages found in each article, by article id, as :func:`read` gives it
        for one (``.article``, ``.mentions``, ``.descriptors``, ``.timexes``, ...)."""
        articles = self._state.articles_by_id()
        return {i: replace(ann, article=articles[i]) for i, ann in self._annotated()}

    @property
    def stories(self) -> tuple[Story, ...]:
        return self._state.stories

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        return self._state.disagreements

    @property
    def framing(self) -> tuple[Framing, ...]:
        return self._state.framing

    @property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        return self._state.timeline

    def article(self, article_id: str) -> Article:
        """The article of this id; ``KeyError`` if the corpus holds none."""
        for found in self._state.articles:
            if found.id == article_id:
                return found
        raise KeyError(article_id)

    def to_json(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The export document (it validates against ``newsweave/export/schema.json``); with
        ``path``, also written there as JSON, atomically."""
        document = build_export(self._state.articles, corpus=self._state)
        if path is not None:
            write_export(document, Path(path))
        return document

    def to_pandas(self, table: str) -> pandas.DataFrame:
        """One list of the export document as a DataFrame: a row per item, a column per field.

        ``table`` is one of the document's lists (``articles``, ``actors``, ``events``, ``quotes``,
        ``timexes``, ``stories``, ``disagreements``, ``framing``, ``timeline``, ``briefings``,
        ``copies``, ``dated``); nested lists (an actor's mentions) stay lists in their cells.
        Needs pandas: ``pip install 'newsweave[pandas]'``.
        """
        try:
            pd = importlib.import_module("pandas")
        except ImportError as exc:
            raise ImportError(
                "Corpus.to_pandas needs pandas, which newsweave does not install by itself:"
                " pip install 'newsweave[pandas]'"
            ) from exc
        document = self.to_json()
        tables = sorted(k for k, v in document.items() if isinstance(v, list))
        if table not in tables:
            raise ValueError(f"no table {table!r} in the export (tables: {', '.join(tables)})")
        frame: pandas.DataFrame = pd.DataFrame(document[table])
        return frame

    def _annotated(self) -> Iterator[tuple[str, Annotations]]:
        annotations = self._state.annotations
        for a in self._state.articles:
            if a.id in annotations:
                yield a.id, annotations[a.id]

    def _annotations_in_order(self) -> Iterator[Annotations]:
        return (ann for _, ann in self._annotated())


@contextmanager
def _opened(store: Source | Store | None) -> Iterator[Store]:
    """The store to run into: a fresh in-memory one for None (nothing left on disk), the file at a
    path (created if missing, closed after), or a caller's open :class:`Store` (left open)."""
    if isinstance(store, Store):
        yield store
        return
    opened = Store.open(":memory:" if store is None else Path(store))
    try:
        yield opened
    finally:
        opened.close()


def _source_names(sources: Source | Iterable[Source]) -> list[str]:
    # A lone path is one source: iterating a string would give its characters.
    if isinstance(sources, str | os.PathLike):
        return [os.fspath(sources)]
    return [os.fspath(s) for s in sources]


def analyze(
    sources: Source | Iterable[Source], store: Source | Store | None = None, **settings: Any
) -> Corpus:
    """Read, clean and analyse ``sources`` (files, folders, URLs, feeds, JSONL, WARC) and run the
    corpus stages over their articles, as ``newsweave analyze`` does.

    ``store`` is where the articles are kept: None for a temporary in-memory store (nothing is
    written to disk), the path of an SQLite file (created if missing; ``newsweave serve`` and
    ``newsweave articles`` read it), or an open :class:`~newsweave.store.Store`. ``settings`` are
    fields of :class:`~newsweave.config.Settings` or :class:`~newsweave.config.FetchSettings` by
    name (``processes=2``, ``fetch_feed_pages=False``, ``timeout=5``; docs/configuration.md).

    Inputs that cannot be read never raise: they are :attr:`Corpus.errors`. A store that cannot
    be used raises :class:`~newsweave.errors.StoreError`; an unknown setting, ``TypeError``.
    """
    config = settings_from(settings)
    names = _source_names(sources)
    errors: list[NewsweaveError] = []
    skipped: list[NewsweaveError] = []

    def keep(outcome: Outcome) -> None:
        if outcome.error is not None:
            (skipped if outcome.status == "skipped" else errors).append(outcome.error)

    with _opened(store) as opened:
        summary = run(names, config, opened, keep)
    articles = list({a.id: a for a in summary.articles}.values())  # an input given twice counts once
    state = analyse_corpus(articles, summary.annotations, config)
    return Corpus(state, errors=errors, skipped=skipped, counts=summary.counts)


def read(text_or_html: str | bytes, url: str | None = None, **settings: Any) -> Annotations:
    """Clean and analyse one article given as text or HTML (bytes are decoded as a file's would be).

    Returns the per-article carrier, :class:`~newsweave.model.Annotations`: the cleaned article as
    ``.article`` and what the stages found in it (``.actors``, ``.mentions``, ``.descriptors``,
    ``.timexes``, ``.quotes``, ``.reports``), each span an offset into ``.article.text``. ``url`` is
    where it came from (it helps find the outlet); ``settings`` as for :func:`analyze`
    (``stages=["clean", "metadata"]`` for the cleaned article alone). Nothing is stored and no
    corpus stage runs. Raises the :class:`~newsweave.errors.InputError` of input that holds no
    article (NW102 for an empty text) or is too large (NW103).
    """
    content = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
    html = looks_like_html(decode_head(content[:HEAD_BYTES]))
    raw = RawDocument(
        source=url or "<text>",
        content=content,
        format=InputFormat.HTML if html else InputFormat.TEXT,
        url=url,
        media_type="text/html" if html else "text/plain",
    )
    found = build(None, settings_from(settings)).run(raw)
    if found.article is None:
        raise PipelineError("the stages built no article: is 'clean' among them?")
    # The parse is working state, as in a run: the findings are what the API promises.
    return replace(found, doc=None)
