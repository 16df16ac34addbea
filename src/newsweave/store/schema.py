"""The store's schema as an ordered list of migrations, tracked by ``PRAGMA user_version``.

Migration ``n`` (1-based) takes a database at version ``n - 1`` to version ``n``. Each runs
in one transaction together with the ``user_version`` bump, so a failed migration leaves
the database exactly as it was. A schema change is an *append* to :data:`MIGRATIONS`;
released migrations are never edited.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsweave.errors import SchemaVersionError, StoreError

_V1 = """
CREATE TABLE documents (
    content_hash      TEXT PRIMARY KEY,      -- sha256 of raw, hex
    source            TEXT NOT NULL,
    url               TEXT,
    container         TEXT NOT NULL,
    format            TEXT NOT NULL,
    media_type        TEXT,
    declared_encoding TEXT,
    version_key       TEXT,
    hints             TEXT NOT NULL,         -- JSON [[field, value], ...]
    fetched_at        TEXT,
    raw               BLOB NOT NULL,         -- the bytes as they arrived
    first_seen        TEXT NOT NULL
);

CREATE TABLE articles (
    pk           INTEGER PRIMARY KEY,        -- insertion order; rowid of articles_fts
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE REFERENCES documents (content_hash),
    version_key  TEXT,
    version      INTEGER NOT NULL CHECK (version >= 1),
    previous_id  TEXT REFERENCES articles (id),
    source       TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,                       -- ISO date
    text         TEXT NOT NULL,
    n_repairs    INTEGER NOT NULL,
    n_removed    INTEGER NOT NULL,
    data         TEXT NOT NULL,              -- JSON: records.article_to_dict (newsweave.codec)
    created_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX articles_key_version ON articles (version_key, version) WHERE version_key IS NOT NULL;
CREATE INDEX articles_previous ON articles (previous_id);
CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'pk', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
"""

# v2: each article's annotations (actors, mentions, time, quotes, event reports), one row
# per article, replaced whole when the article is analysed again.
_V2 = """
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    stages     TEXT NOT NULL,                -- JSON ["actors", ...]: the pipeline that ran
    version    TEXT NOT NULL,                -- newsweave version that produced them
    data       TEXT NOT NULL,                -- JSON: records.annotations_to_dict
    created_at TEXT NOT NULL
);
"""

# v3: the results of corpus analysis runs (stories, events, disagreements, ...), the latest one
# read by the web app instead of analysing the corpus again per request.
_V3 = """
CREATE TABLE corpus_runs (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    article_ids TEXT NOT NULL,               -- JSON ["<article id>", ...]: the articles analysed
    data        TEXT NOT NULL                -- JSON: records.corpus_to_dict(articles=False)
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS, *, source: str) -> int:
    """Bring the database to ``len(migrations)``; return the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration opens
    its own transaction. Raises :class:`SchemaVersionError` for a database written by a
    newer schema, :class:`StoreError` if a migration fails (that migration is rolled back).
    """
    found = user_version(conn)
    if found > len(migrations):
        raise SchemaVersionError(
            f"store has schema version {found}, this newsweave knows up to {len(migrations)}", source=source
        )
    for version in range(found + 1, len(migrations) + 1):
        _apply(conn, version, migrations[version - 1], source=source)
    return found


def _apply(conn: sqlite3.Connection, version: int, script: str, *, source: str) -> None:
    # executescript() would COMMIT first; putting BEGIN/COMMIT inside the script keeps the
    # DDL and the version bump in one transaction, which SQLite's transactional DDL allows.
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.rollback()
        raise StoreError(f"migration to schema version {version} failed: {exc}", source=source) from exc
