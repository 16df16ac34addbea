"""The SQLite store, :class:`Store`: raw bytes, cleaned articles and their version chains, with full-text
search, each article's annotations, and the corpus runs (what the corpus stages found, latest last).

One connection per :class:`Store`, in autocommit mode; every write is its own
``BEGIN IMMEDIATE … COMMIT`` transaction, so a crash loses at most the article being
written. WAL journaling lets readers (the CLI, a web view) look while a run writes.

:class:`Store` opens the file, runs the transactions and turns SQLite's errors into
:class:`~newsweave.errors.StoreError`; the rows are read and written by one module per concern:
:mod:`~newsweave.store.articles` (raw documents, articles, versions, listings),
:mod:`~newsweave.store.analyses` (annotations), :mod:`~newsweave.store.corpus_runs` (corpus runs)
and :mod:`~newsweave.store.search` (full-text search); the schema is :mod:`~newsweave.store.schema`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

from newsweave.errors import StoreError
from newsweave.model import Annotations, Article, CorpusState, RawDocument, content_hash
from newsweave.store import analyses, articles, corpus_runs, search
from newsweave.store.articles import AddResult, ArticleSummary
from newsweave.store.schema import migrate

T = TypeVar("T")


class Store:
    """Articles and their raw documents in one SQLite file (or ``":memory:"``)."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self._conn = conn
        self.name = name

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating and migrating as needed) the store at ``path``.

        Raises :class:`~newsweave.errors.SchemaVersionError` for a store written by a newer
        newsweave and :class:`~newsweave.errors.StoreError` for anything else that keeps
        it from being used (missing folder, not a database, read-only, locked).
        """
        name = str(path)
        try:
            conn = sqlite3.connect(name, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store: {exc}", source=name) from exc
        try:
            _configure(conn)
            migrate(conn, source=name)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot use store: {exc}", source=name) from exc
        return cls(conn, name)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing

    def add(self, raw: RawDocument, article: Article, annotations: Annotations | None = None) -> AddResult:
        """Store ``article`` cleaned from ``raw``, and its ``annotations`` if given, in one transaction.

        The same bytes again are a no-op (``"duplicate"``), annotations included: use
        :meth:`save_annotations` to replace a stored article's annotations. Different bytes
        under a ``version_key`` (the article's, else the raw document's) already stored
        become the next version, linked to the latest one stored before (``"version"``):
        versions are numbered in the order they are added.
        """
        digest = content_hash(raw.content)
        if article.content_hash and article.content_hash != digest:
            raise StoreError(
                f"article {article.id} says content hash {article.content_hash[:12]}…, "
                f"its raw document hashes to {digest[:12]}…",
                source=raw.source,
            )
        if annotations is not None and annotations.article_id != article.id:
            raise StoreError(
                f"annotations of article {annotations.article_id} given with article {article.id}",
                source=raw.source,
            )
        try:
            return self._write(lambda: articles.add(self._conn, raw, article, digest, annotations, _now()))
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"cannot store article {article.id}: {exc}", source=raw.source) from exc

    def save_annotations(self, annotations: Annotations) -> None:
        """Store the annotations of a stored article, replacing any it had, in one transaction.

        Raises :class:`StoreError` if the article is not stored or a span of the annotations
        lies outside its text.
        """
        try:
            self._write(lambda: analyses.save_annotations(self._conn, annotations, _now()))
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(
                f"cannot store annotations of article {annotations.article_id}: {exc}", source=self.name
            ) from exc

    def save_corpus(self, state: CorpusState) -> int:
        """Store ``state`` as the latest corpus run, in one transaction; return the run's id.

        The run is saved without its articles' text, which the store already holds:
        :meth:`latest_corpus` joins the articles back by id.
        """
        row = corpus_runs.run_row(state, _now())
        try:
            return self._write(lambda: corpus_runs.insert_run(self._conn, row))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot store the corpus run: {exc}", source=self.name) from exc

    def _write(self, body: Callable[[], T]) -> T:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = body()
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        return result

    # -- reading

    def article_for(self, content: bytes) -> str | None:
        """The id of the article stored for these raw bytes, if any."""
        return articles.article_for(self._conn, content)

    def annotations(self, article_id: str) -> Annotations | None:
        """The annotations stored for ``article_id``, or None if it has none (or is not stored)."""
        return analyses.read_annotations(self._conn, article_id)

    def latest_corpus(self) -> CorpusState | None:
        """The latest corpus run stored, or None if the corpus was never analysed.

        Raises :class:`MalformedInput` if the run names an article no longer stored.
        """
        return corpus_runs.latest_corpus(self._conn, self.name)

    def get(self, article_id: str) -> Article:
        """The article stored as ``article_id``; raises ``KeyError`` if there is none."""
        return articles.get(self._conn, article_id)

    def raw(self, article_id: str) -> RawDocument:
        """The raw document ``article_id`` was cleaned from, bytes exactly as they arrived."""
        return articles.raw_document(self._conn, article_id)

    def count(self) -> int:
        """How many articles are stored, counting every version."""
        return articles.count(self._conn)

    def list_articles(
        self, limit: int = 50, offset: int = 0, outlet: str | None = None
    ) -> list[ArticleSummary]:
        """Stored articles in the order they were added; ``outlet`` filters by name, any case."""
        return articles.list_articles(self._conn, limit, offset, outlet)

    def versions(self, article_id: str) -> list[ArticleSummary]:
        """Every version of ``article_id``'s story, oldest first (just itself if it has no key)."""
        return articles.versions(self._conn, article_id)

    def latest_articles(self) -> Iterator[Article]:
        """Every article that no later version replaces, in the order they were added."""
        return articles.latest_articles(self._conn)

    def latest_ids(self) -> set[str]:
        """Ids of every article that no later version replaces (cheap: no article is decoded)."""
        return articles.latest_ids(self._conn)

    def search(self, query: str, *, limit: int = 20, syntax: bool = False) -> list[ArticleSummary]:
        """Articles whose title or text match ``query``, best first.

        By default ``query`` is a list of words that must all occur (punctuation is
        harmless); with ``syntax=True`` it is an FTS5 query (``OR``, ``NEAR``, ``"a phrase"``,
        ``prefix*``) and a malformed one raises :class:`StoreError`.
        """
        return search.search_articles(self._conn, query, limit=limit, syntax=syntax, source=self.name)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL keeps committed data safe on a crash and lets readers work during a run;
    # ":memory:" databases answer "memory" and stay that way.
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL (not WAL's usual NORMAL): a commit survives power loss too, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
