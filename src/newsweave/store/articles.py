"""The article rows of the store: each raw document as it arrived and the article cleaned from it, in
version chains (articles under one ``version_key``, numbered in the order they were added), with the
look-ups and listings over them.

Each function takes the store's connection; :class:`~newsweave.store.Store` opens the transactions
and says which store an error comes from.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsweave.model import Annotations, Article, RawDocument, content_hash
from newsweave.records import article_from_dict, article_to_dict, raw_from_dict, raw_to_dict
from newsweave.store.analyses import upsert_annotations

AddStatus = Literal["new", "duplicate", "version"]

SUMMARY_COLUMNS = "id, title, outlet, published, source, version, n_repairs, n_removed, version_key"


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


# -- writing


def add(
    conn: sqlite3.Connection,
    raw: RawDocument,
    article: Article,
    digest: str,
    annotations: Annotations | None,
    now: str,
) -> AddResult:
    """Store ``article``, its raw document and its annotations, if given, unless the bytes are stored."""
    row = conn.execute(
        "SELECT id, previous_id, version FROM articles WHERE content_hash = ?", (digest,)
    ).fetchone()
    if row is not None:
        return AddResult(status="duplicate", article_id=row[0], previous_id=row[1], version=row[2])
    key = article.version_key or raw.version_key
    previous = _latest_version(conn, key)
    _insert_document(conn, raw, digest, key, now)
    version = 1 if previous is None else previous[1] + 1
    previous_id = None if previous is None else previous[0]
    _insert_article(conn, article, digest, key, version, previous_id, now)
    if annotations is not None:
        upsert_annotations(conn, annotations, article.text, now)
    status: AddStatus = "new" if previous is None else "version"
    return AddResult(status=status, article_id=article.id, previous_id=previous_id, version=version)


def _latest_version(conn: sqlite3.Connection, key: str | None) -> tuple[str, int] | None:
    if key is None:
        return None
    row = conn.execute(
        "SELECT id, version FROM articles WHERE version_key = ? ORDER BY version DESC LIMIT 1", (key,)
    ).fetchone()
    return None if row is None else (row[0], row[1])


def _insert_document(
    conn: sqlite3.Connection, raw: RawDocument, digest: str, key: str | None, now: str
) -> None:
    meta = raw_to_dict(raw, content=False)
    conn.execute(
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
    conn: sqlite3.Connection,
    article: Article,
    digest: str,
    key: str | None,
    version: int,
    previous_id: str | None,
    now: str,
) -> None:
    data = article_to_dict(article)
    conn.execute(
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


# -- reading


def article_for(conn: sqlite3.Connection, content: bytes) -> str | None:
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash(content),)).fetchone()
    return None if row is None else str(row[0])


def get(conn: sqlite3.Connection, article_id: str) -> Article:
    row = conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise KeyError(article_id)
    return article_from_dict(json.loads(row[0]))


def raw_document(conn: sqlite3.Connection, article_id: str) -> RawDocument:
    row = conn.execute(
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


def count(conn: sqlite3.Connection) -> int:
    total: int = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return total


def list_articles(
    conn: sqlite3.Connection, limit: int, offset: int, outlet: str | None
) -> list[ArticleSummary]:
    where, params = ("WHERE outlet = ? COLLATE NOCASE", [outlet]) if outlet is not None else ("", [])
    rows = conn.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles {where} ORDER BY pk LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [summary(row) for row in rows]


def versions(conn: sqlite3.Connection, article_id: str) -> list[ArticleSummary]:
    row = conn.execute("SELECT version_key FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise KeyError(article_id)
    if row[0] is None:
        query, params = f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE id = ?", (article_id,)
    else:
        query = f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE version_key = ? ORDER BY version"
        params = (row[0],)
    return [summary(r) for r in conn.execute(query, params)]


def latest_articles(conn: sqlite3.Connection) -> Iterator[Article]:
    rows = conn.execute(
        "SELECT data FROM articles AS a"
        " WHERE NOT EXISTS (SELECT 1 FROM articles AS b WHERE b.previous_id = a.id) ORDER BY pk"
    )
    for (data,) in rows:
        yield article_from_dict(json.loads(data))


def latest_ids(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT id FROM articles AS a"
        " WHERE NOT EXISTS (SELECT 1 FROM articles AS b WHERE b.previous_id = a.id)"
    )
    return {row[0] for row in rows}


def summary(row: Sequence[Any]) -> ArticleSummary:
    """A listing's row, its columns those of :data:`SUMMARY_COLUMNS` in order."""
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
