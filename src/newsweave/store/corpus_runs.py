"""The corpus runs of the store: what the corpus stages found across the stored articles, one row per
run, saved without the articles' text (the store holds it) and read back joined to the articles.

Each function takes the store's connection; :class:`~newsweave.store.Store` opens the transactions.
"""

from __future__ import annotations

import json
import sqlite3

from newsweave.errors import MalformedInput
from newsweave.model import CorpusState
from newsweave.records import article_from_dict, corpus_from_dict, corpus_to_dict

RunRow = tuple[str, str, str]  # created_at, article_ids, data


def run_row(state: CorpusState, now: str) -> RunRow:
    """The row of a run: encoded before its transaction, which then holds the write lock only to insert."""
    data = corpus_to_dict(state, articles=False)
    return (
        now,
        json.dumps(data["article_ids"], ensure_ascii=False),
        json.dumps(data, ensure_ascii=False),
    )


def insert_run(conn: sqlite3.Connection, row: RunRow) -> int:
    cursor = conn.execute("INSERT INTO corpus_runs (created_at, article_ids, data) VALUES (?, ?, ?)", row)
    return int(cursor.lastrowid or 0)


def latest_corpus(conn: sqlite3.Connection, source: str) -> CorpusState | None:
    """The latest run, its malformed input named ``<source>#corpus_runs/<id>``."""
    row = conn.execute("SELECT id, data FROM corpus_runs ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    data = json.loads(row[1])
    # One query for all its articles: a run covers every article of the corpus.
    found = conn.execute(
        "SELECT a.data FROM articles AS a JOIN json_each(?) AS j ON a.id = j.value",
        (json.dumps(data.get("article_ids", [])),),
    )
    articles = {a.id: a for a in (article_from_dict(json.loads(r[0])) for r in found)}
    try:
        return corpus_from_dict(data, articles)
    except MalformedInput as err:
        err.source = f"{source}#corpus_runs/{row[0]}"
        raise
