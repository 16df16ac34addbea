"""Full-text search over the stored articles' titles and texts (the FTS5 table ``articles_fts``)."""

from __future__ import annotations

import sqlite3

from newsweave.errors import StoreError
from newsweave.store.articles import SUMMARY_COLUMNS, ArticleSummary, summary


def search_articles(
    conn: sqlite3.Connection, query: str, *, limit: int, syntax: bool, source: str
) -> list[ArticleSummary]:
    """Articles matching ``query`` (all its words, or FTS5 syntax), best first; see :meth:`Store.search`."""
    # SQLite reads the query as a C string: a NUL would end it mid-word ("unterminated string").
    query = query.replace("\x00", " ")
    match = query if syntax else _all_words(query)
    if not match:
        return []
    columns = ", ".join(f"a.{c.strip()}" for c in SUMMARY_COLUMNS.split(","))
    try:
        rows = conn.execute(
            f"SELECT {columns} FROM articles_fts JOIN articles AS a ON a.pk = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
            (match, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"invalid search query {query!r}: {exc}", source=source) from exc
    return [summary(r) for r in rows]


def _all_words(query: str) -> str:
    # Each word as an FTS5 string ("" escapes a quote), so punctuation cannot be syntax.
    return " ".join('"{}"'.format(word.replace('"', '""')) for word in query.split())
