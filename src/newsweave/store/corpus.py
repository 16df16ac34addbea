"""Corpus analysis runs in the store: the latest stories, events, disagreements, framing, timeline
and briefings, saved once so readers (the web app, reports) never analyse the corpus per request.

A run is saved without its articles' text, which the store already holds: reading it back joins
the articles by id and applies the publication dates the run estimated across articles.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from newsweave.config import Settings
from newsweave.corpus import CorpusState, analyse_corpus
from newsweave.errors import MalformedInput, StoreError
from newsweave.model import Annotations, Article
from newsweave.records import article_from_dict, corpus_from_dict, corpus_to_dict
from newsweave.store.sqlite import Store

__all__ = ["latest_corpus", "refresh_corpus", "save_corpus"]


def save_corpus(store: Store, state: CorpusState) -> int:
    """Store ``state`` as the latest corpus run, in one transaction; return the run's id."""
    data = corpus_to_dict(state, articles=False)
    ids = json.dumps(data["article_ids"], ensure_ascii=False)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def insert() -> int:
        cursor = store._conn.execute(
            "INSERT INTO corpus_runs (created_at, article_ids, data) VALUES (?, ?, ?)",
            (now, ids, json.dumps(data, ensure_ascii=False)),
        )
        return int(cursor.lastrowid or 0)

    try:
        return store._write(insert)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot store the corpus run: {exc}", source=store.name) from exc


def latest_corpus(store: Store) -> CorpusState | None:
    """The latest corpus run stored, or None if the corpus was never analysed.

    Raises :class:`MalformedInput` if the run names an article no longer stored.
    """
    row = store._conn.execute("SELECT id, data FROM corpus_runs ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    data = json.loads(row[1])
    try:
        return corpus_from_dict(data, _articles(store, data.get("article_ids", [])))
    except MalformedInput as err:
        err.source = f"{store.name}#corpus_runs/{row[0]}"
        raise


def refresh_corpus(store: Store, settings: Settings | None = None) -> CorpusState:
    """Analyse the latest version of every stored article across the corpus and save the run."""
    articles = list(store.latest_articles())
    annotations: dict[str, Annotations] = {}
    for article in articles:
        found = store.annotations(article.id)
        if found is not None:
            annotations[article.id] = found
    state = analyse_corpus(articles, annotations, settings)
    save_corpus(store, state)
    return state


def _articles(store: Store, ids: list[str]) -> dict[str, Article]:
    # One query for all: a run covers every article of the corpus.
    rows = store._conn.execute(
        "SELECT a.data FROM articles AS a JOIN json_each(?) AS j ON a.id = j.value",
        (json.dumps(ids),),
    )
    return {article.id: article for article in (article_from_dict(json.loads(r[0])) for r in rows)}
