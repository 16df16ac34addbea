"""The analysis rows of the store: each stored article's annotations, one row per article, replaced
whole when the article is analysed again.

Each function takes the store's connection; :class:`~newsweave.store.Store` opens the transactions.
"""

from __future__ import annotations

import json
import sqlite3

from newsweave.model import Annotations
from newsweave.records import annotations_from_dict, annotations_to_dict


def save_annotations(conn: sqlite3.Connection, annotations: Annotations, now: str) -> None:
    """Store the annotations of a stored article; ``ValueError`` if it is not stored."""
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (annotations.article_id,)).fetchone()
    if row is None:
        raise ValueError("no such article is stored")
    upsert_annotations(conn, annotations, row[0], now)


def upsert_annotations(conn: sqlite3.Connection, annotations: Annotations, text: str, now: str) -> None:
    """Write the annotations of the article whose text is ``text``, replacing any it had."""
    # With the text: spans are checked against it and report sentences written out.
    data = annotations_to_dict(annotations, text)
    conn.execute(
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


def read_annotations(conn: sqlite3.Connection, article_id: str) -> Annotations | None:
    row = conn.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
    return None if row is None else annotations_from_dict(json.loads(row[0]))
