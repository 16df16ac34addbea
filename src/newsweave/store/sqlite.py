"""The SQLite store: raw bytes, cleaned articles and their version chains, with full-text search,
each article's annotations, and the corpus runs (what the corpus stages found, latest last).

One connection per :class:`Store`, in autocommit mode; every write is its own
``BEGIN IMMEDIATE … COMMIT`` transaction, so a crash loses at most the article being
written. WAL journaling lets readers (the CLI, a web view) look while a run writes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self, TypeVar

from newsweave.errors import MalformedInput, StoreError
from newsweave.model import Annotations, Article, CorpusState, RawDocument, content_hash
from newsweave.records import (
    annotations_from_dict,
    annotations_to_dict,
    article_from_dict,
    article_to_dict,
    corpus_from_dict,
    corpus_to_dict,
    raw_from_dict,
    raw_to_dict,
)
from newsweave.store.schema import migrate

AddStatus = Literal["new", "duplicate", "version"]
T = TypeVar("T")

_SUMMARY_COLUMNS = "id, title, outlet, published, source, version, n_repairs, n_removed, version_key"


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """What :meth:`Store.add` did: stored a new article, a new version of one, or nothing."""

    status: AddStatus
    article_id: str  # for "duplicate": the article already stored for these bytes
    previous_id: str | None = None  # the version this one follows, if any
    version: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """One row of a listing: enough to show and pick an article without loading its text."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    source: str
    version: int
    n_repairs: int
    n_removed: int
    version_key: str | None = None


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
            return self._write(lambda: self._add(raw, article, digest, annotations))
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(f"cannot store article {article.id}: {exc}", source=raw.source) from exc

    def save_annotations(self, annotations: Annotations) -> None:
        """Store the annotations of a stored article, replacing any it had, in one transaction.

        Raises :class:`StoreError` if the article is not stored or a span of the annotations
        lies outside its text.
        """
        try:
            self._write(lambda: self._save_annotations(annotations))
        except (sqlite3.Error, ValueError) as exc:
            raise StoreError(
                f"cannot store annotations of article {annotations.article_id}: {exc}", source=self.name
            ) from exc

    def save_corpus(self, state: CorpusState) -> int:
        """Store ``state`` as the latest corpus run, in one transaction; return the run's id.

        The run is saved without its articles' text, which the store already holds:
        :meth:`latest_corpus` joins the articles back by id.
        """
        data = corpus_to_dict(state, articles=False)
        row = (
            _now(),
            json.dumps(data["article_ids"], ensure_ascii=False),
            json.dumps(data, ensure_ascii=False),
        )

        def insert() -> int:
            cursor = self._conn.execute(
                "INSERT INTO corpus_runs (created_at, article_ids, data) VALUES (?, ?, ?)", row
            )
            return int(cursor.lastrowid or 0)

        try:
            return self._write(insert)
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

    def _add(
        self, raw: RawDocument, article: Article, digest: str, annotations: Annotations | None
    ) -> AddResult:
        row = self._conn.execute(
            "SELECT id, previous_id, version FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        if row is not None:
            return AddResult(status="duplicate", article_id=row[0], previous_id=row[1], version=row[2])
        key = article.version_key or raw.version_key
        previous = self._latest_version(key)
        now = _now()
        self._insert_document(raw, digest, key, now)
        version = 1 if previous is None else previous[1] + 1
        previous_id = None if previous is None else previous[0]
        self._insert_article(article, digest, key, version, previous_id, now)
        if annotations is not None:
            self._upsert_annotations(annotations, article.text, now)
        status: AddStatus = "new" if previous is None else "version"
        return AddResult(status=status, article_id=article.id, previous_id=previous_id, version=version)

    def _latest_version(self, key: str | None) -> tuple[str, int] | None:
        if key is None:
            return None
        row = self._conn.execute(
            "SELECT id, version FROM articles WHERE version_key = ? ORDER BY version DESC LIMIT 1", (key,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def _insert_document(self, raw: RawDocument, digest: str, key: str | None, now: str) -> None:
        meta = raw_to_dict(raw, content=False)
        self._conn.execute(
            "INSERT INTO documents (content_hash, source, url, container, format, media_type,"
            " declared_encoding, version_key, hints, fetched_at, raw, first_seen)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                raw.source,
                raw.url,
                meta["container"],
                meta["format"],
                raw.media_type,
                raw.declared_encoding,
                raw.version_key,
                json.dumps(meta["hints"], ensure_ascii=False),
                meta["fetched_at"],
                raw.content,
                now,
            ),
        )

    def _insert_article(
        self, article: Article, digest: str, key: str | None, version: int, previous_id: str | None, now: str
    ) -> None:
        data = article_to_dict(article)
        self._conn.execute(
            "INSERT INTO articles (id, content_hash, version_key, version, previous_id, source, title,"
            " outlet, published, text, n_repairs, n_removed, data, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                digest,
                key,
                version,
                previous_id,
                article.source,
                article.title,
                data["outlet"],
                data["published"],
                article.text,
                len(article.repairs),
                len(article.removed),
                json.dumps(data, ensure_ascii=False),
                now,
            ),
        )

    def _save_annotations(self, annotations: Annotations) -> None:
        row = self._conn.execute(
            "SELECT text FROM articles WHERE id = ?", (annotations.article_id,)
        ).fetchone()
        if row is None:
            raise ValueError("no such article is stored")
        self._upsert_annotations(annotations, row[0], _now())

    def _upsert_annotations(self, annotations: Annotations, text: str, now: str) -> None:
        # With the text: spans are checked against it and report sentences written out.
        data = annotations_to_dict(annotations, text)
        self._conn.execute(
            "INSERT INTO analyses (article_id, stages, version, data, created_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET stages = excluded.stages, version = excluded.version,"
            " data = excluded.data, created_at = excluded.created_at",
            (
                annotations.article_id,
                json.dumps(data["stages"], ensure_ascii=False),
                annotations.version,
                json.dumps(data, ensure_ascii=False),
                now,
            ),
        )

    # -- reading

    def article_for(self, content: bytes) -> str | None:
        """The id of the article stored for these raw bytes, if any."""
        row = self._conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash(content),)
        ).fetchone()
        return None if row is None else str(row[0])

    def annotations(self, article_id: str) -> Annotations | None:
        """The annotations stored for ``article_id``, or None if it has none (or is not stored)."""
        row = self._conn.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else annotations_from_dict(json.loads(row[0]))

    def latest_corpus(self) -> CorpusState | None:
        """The latest corpus run stored, or None if the corpus was never analysed.

        Raises :class:`MalformedInput` if the run names an article no longer stored.
        """
        row = self._conn.execute("SELECT id, data FROM corpus_runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        data = json.loads(row[1])
        # One query for all its articles: a run covers every article of the corpus.
        found = self._conn.execute(
            "SELECT a.data FROM articles AS a JOIN json_each(?) AS j ON a.id = j.value",
            (json.dumps(data.get("article_ids", [])),),
        )
        articles = {a.id: a for a in (article_from_dict(json.loads(r[0])) for r in found)}
        try:
            return corpus_from_dict(data, articles)
        except MalformedInput as err:
            err.source = f"{self.name}#corpus_runs/{row[0]}"
            raise

    def get(self, article_id: str) -> Article:
        """The article stored as ``article_id``; raises ``KeyError`` if there is none."""
        row = self._conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return article_from_dict(json.loads(row[0]))

    def raw(self, article_id: str) -> RawDocument:
        """The raw document ``article_id`` was cleaned from, bytes exactly as they arrived."""
        row = self._conn.execute(
            "SELECT d.source, d.url, d.container, d.format, d.media_type, d.declared_encoding,"
            " d.version_key, d.hints, d.fetched_at, d.raw"
            " FROM articles a JOIN documents d ON d.content_hash = a.content_hash WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        names = ("source", "url", "container", "format", "media_type", "declared_encoding", "version_key")
        meta = dict(zip(names, row[:7], strict=True))
        meta["hints"] = json.loads(row[7])
        meta["fetched_at"] = row[8]
        return raw_from_dict(meta, content=bytes(row[9]))

    def count(self) -> int:
        """How many articles are stored, counting every version."""
        total: int = self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        return total

    def list_articles(
        self, limit: int = 50, offset: int = 0, outlet: str | None = None
    ) -> list[ArticleSummary]:
        """Stored articles in the order they were added; ``outlet`` filters by name, any case."""
        where, params = ("WHERE outlet = ? COLLATE NOCASE", [outlet]) if outlet is not None else ("", [])
        rows = self._conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles {where} ORDER BY pk LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_summary(row) for row in rows]

    def versions(self, article_id: str) -> list[ArticleSummary]:
        """Every version of ``article_id``'s story, oldest first (just itself if it has no key)."""
        row = self._conn.execute("SELECT version_key FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        if row[0] is None:
            query, params = f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        else:
            query = f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE version_key = ? ORDER BY version"
            params = (row[0],)
        return [_summary(r) for r in self._conn.execute(query, params)]

    def latest_articles(self) -> Iterator[Article]:
        """Every article that no later version replaces, in the order they were added."""
        rows = self._conn.execute(
            "SELECT data FROM articles AS a"
            " WHERE NOT EXISTS (SELECT 1 FROM articles AS b WHERE b.previous_id = a.id) ORDER BY pk"
        )
        for (data,) in rows:
            yield article_from_dict(json.loads(data))

    def latest_ids(self) -> set[str]:
        """Ids of every article that no later version replaces (cheap: no article is decoded)."""
        rows = self._conn.execute(
            "SELECT id FROM articles AS a"
            " WHERE NOT EXISTS (SELECT 1 FROM articles AS b WHERE b.previous_id = a.id)"
        )
        return {row[0] for row in rows}

    def search(self, query: str, *, limit: int = 20, syntax: bool = False) -> list[ArticleSummary]:
        """Articles whose title or text match ``query``, best first.

        By default ``query`` is a list of words that must all occur (punctuation is
        harmless); with ``syntax=True`` it is an FTS5 query (``OR``, ``NEAR``, ``"a phrase"``,
        ``prefix*``) and a malformed one raises :class:`StoreError`.
        """
        # SQLite reads the query as a C string: a NUL would end it mid-word ("unterminated string").
        query = query.replace("\x00", " ")
        match = query if syntax else _all_words(query)
        if not match:
            return []
        columns = ", ".join(f"a.{c.strip()}" for c in _SUMMARY_COLUMNS.split(","))
        try:
            rows = self._conn.execute(
                f"SELECT {columns} FROM articles_fts JOIN articles AS a ON a.pk = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
                (match, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"invalid search query {query!r}: {exc}", source=self.name) from exc
        return [_summary(r) for r in rows]


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL keeps committed data safe on a crash and lets readers work during a run;
    # ":memory:" databases answer "memory" and stay that way.
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL (not WAL's usual NORMAL): a commit survives power loss too, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _summary(row: Sequence[Any]) -> ArticleSummary:
    id_, title, outlet, published, source, version, n_repairs, n_removed, key = row
    return ArticleSummary(
        id=id_,
        title=title,
        outlet=outlet,
        published=None if published is None else dt.date.fromisoformat(published),
        source=source,
        version=version,
        n_repairs=n_repairs,
        n_removed=n_removed,
        version_key=key,
    )


def _all_words(query: str) -> str:
    # Each word as an FTS5 string ("" escapes a quote), so punctuation cannot be syntax.
    return " ".join('"{}"'.format(word.replace('"', '""')) for word in query.split())
