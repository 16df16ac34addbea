"""The SQLite store: identity on write/read, duplicates, version chains, migrations, crash safety, search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import SchemaVersionError, StoreError
from newsweave.model import (
    Article,
    DateEvidence,
    DateKind,
    InputFormat,
    OutletEvidence,
    RawDocument,
    content_hash,
)
from newsweave.store import MIGRATIONS, SCHEMA_VERSION, Store
from newsweave.store.schema import migrate, user_version

from .conftest import SHARED
from .test_serialize import articles, raw_documents

VERSIONS = SHARED / "corpus" / "cnn-2024-07" / "onstory_versions"
SLUG = "what-we-know-about-the-assassination-of-hamas-political-leader-ismail-haniyeh"


def stored_pair(raw: RawDocument, article: Article) -> tuple[RawDocument, Article]:
    """Make ``article`` belong to ``raw``: its id and content hash derive from raw's bytes."""
    digest = content_hash(raw.content)
    return raw, dataclasses.replace(article, id=digest[:16], content_hash=digest)


pairs = st.tuples(raw_documents, articles()).map(lambda p: stored_pair(*p))


def numbered_document(i: int) -> tuple[RawDocument, Article]:
    """A small synthetic document; also imported by the crash test's child process."""
    text = f"Report number {i}. " * 200
    raw = RawDocument(source=f"doc{i}.txt", content=text.encode(), format=InputFormat.TEXT)
    return stored_pair(raw, Article(id="", source=raw.source, text=text, title=f"Report {i}"))


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as s:
        yield s


# -- write then read is the identity


@settings(max_examples=60, deadline=None)
@given(pairs)
def test_write_then_read_is_the_identity(pair: tuple[RawDocument, Article]) -> None:
    raw, article = pair
    with Store.open(":memory:") as store:
        result = store.add(raw, article)
        assert (result.status, result.article_id, result.version) == ("new", article.id, 1)
        assert store.get(article.id) == article
        assert store.raw(article.id) == raw


@settings(max_examples=40, deadline=None)
@given(st.lists(pairs, max_size=8))
def test_adds_follow_the_duplicate_and_version_rules(batch: list[tuple[RawDocument, Article]]) -> None:
    seen: dict[str, str] = {}  # content hash -> article id
    latest: dict[str, tuple[str, int]] = {}  # version key -> (article id, version)
    with Store.open(":memory:") as store:
        for raw, article in batch:
            result = store.add(raw, article)
            if article.content_hash in seen:
                assert (result.status, result.article_id) == ("duplicate", seen[article.content_hash])
                continue
            seen[article.content_hash] = article.id
            key = article.version_key or raw.version_key
            previous = latest.get(key) if key is not None else None
            assert result.status == ("new" if previous is None else "version")
            assert result.previous_id == (None if previous is None else previous[0])
            assert result.version == (1 if previous is None else previous[1] + 1)
            if key is not None:
                latest[key] = (article.id, result.version)
            assert store.get(article.id) == article
        assert store.count() == len(seen)
        superseded = {s.id for a in seen.values() for s in store.versions(a)[:-1]}
        assert [a.id for a in store.latest_articles()] == [a for a in seen.values() if a not in superseded]


def test_re_adding_the_same_bytes_is_a_no_op(store: Store) -> None:
    raw, article = numbered_document(1)
    first = store.add(raw, article)
    again = store.add(dataclasses.replace(raw, source="elsewhere/copy.txt"), article)
    assert (first.status, again.status) == ("new", "duplicate")
    assert again.article_id == first.article_id
    assert store.count() == 1
    assert store.raw(article.id).source == "doc1.txt"


def test_article_that_does_not_belong_to_its_raw_document_is_refused(store: Store) -> None:
    _, article = numbered_document(1)
    other_raw, _ = numbered_document(2)
    with pytest.raises(StoreError, match="content hash") as caught:
        store.add(other_raw, article)
    assert caught.value.source == "doc2.txt"
    assert store.count() == 0


def test_unknown_article_id_raises_key_error(store: Store) -> None:
    for lookup in (store.get, store.raw, store.versions):
        with pytest.raises(KeyError):
            lookup("no-such-id")


# -- versions, on real revisions of one CNN article


def revision_files(slug: str) -> list[Path]:
    files = sorted(VERSIONS.glob(f"*_{slug}__commit_*.md"), key=lambda p: p.name.split("__commit_")[1])
    assert len(files) >= 2, f"no revisions of {slug} in {VERSIONS}"
    return files


def revision(path: Path) -> tuple[RawDocument, Article]:
    data = path.read_bytes()
    slug = path.name.split("__commit_")[0][len("2024_07_31_") :]
    raw = RawDocument(source=str(path), content=data, format=InputFormat.MARKDOWN, version_key=f"slug:{slug}")
    article = Article(
        id="",
        source=str(path),
        text=data.decode("utf-8"),
        format=InputFormat.MARKDOWN,
        outlet=OutletEvidence(name="CNN", via="text", confidence=0.9),
        published=DateEvidence(value=dt.date(2024, 7, 31), kind=DateKind.METADATA, confidence=0.5),
        version_key=f"slug:{slug}",
    )
    return stored_pair(raw, article)


def test_two_real_revisions_become_linked_versions(store: Store, shared: Path) -> None:
    first, second = (revision(p) for p in revision_files(SLUG)[:2])
    assert first[0].content != second[0].content
    r1, r2 = store.add(*first), store.add(*second)
    assert (r1.status, r1.version, r1.previous_id) == ("new", 1, None)
    assert (r2.status, r2.version, r2.previous_id) == ("version", 2, r1.article_id)
    chain = store.versions(r2.article_id)
    assert [(s.id, s.version) for s in chain] == [(r1.article_id, 1), (r2.article_id, 2)]
    assert store.versions(r1.article_id) == chain
    assert [a.id for a in store.latest_articles()] == [r2.article_id]
    assert store.raw(r1.article_id).content == first[0].content  # the original bytes, byte for byte
    assert store.add(*first).status == "duplicate"
    assert store.count() == 2


def test_every_revision_of_a_story_forms_one_chain(tmp_path: Path, shared: Path) -> None:
    files = revision_files(SLUG)
    with Store.open(tmp_path / "cnn.db") as store:
        results = [store.add(*revision(p)) for p in files]
    with Store.open(tmp_path / "cnn.db") as store:
        chain = store.versions(results[-1].article_id)
        latest = list(store.latest_articles())
        hits = store.search("Haniyeh assassination", limit=len(files))
    distinct = len({content_hash(p.read_bytes()) for p in files})
    assert [s.version for s in chain] == list(range(1, distinct + 1))
    assert [s.id for s in chain] == [r.article_id for r in results if r.status != "duplicate"]
    assert [a.id for a in latest] == [chain[-1].id]
    assert {h.id for h in hits} == {s.id for s in chain}


# -- listing and search


def test_list_articles_pages_and_filters_by_outlet(store: Store) -> None:
    for i in range(5):
        raw, article = numbered_document(i)
        outlet = OutletEvidence(name="Reuters" if i % 2 else "AP", via="text")
        store.add(raw, dataclasses.replace(article, outlet=outlet))
    assert [s.title for s in store.list_articles(limit=2, offset=1)] == ["Report 1", "Report 2"]
    assert [s.title for s in store.list_articles(outlet="reuters")] == ["Report 1", "Report 3"]
    summary = store.list_articles(limit=1)[0]
    assert (summary.outlet, summary.source, summary.version, summary.n_repairs) == ("AP", "doc0.txt", 1, 0)


def test_search_finds_a_word_of_a_stored_article(store: Store) -> None:
    raw = RawDocument(source="s.txt", content=b"x", format=InputFormat.TEXT)
    text = "Negotiators met in Doha on Thursday; Hamas’ delegation left early."
    _, article = stored_pair(raw, Article(id="", source="s.txt", text=text, title="Talks in Qatar"))
    store.add(raw, article)
    other_raw, other = numbered_document(1)
    store.add(other_raw, other)
    assert [s.id for s in store.search("doha")] == [article.id]
    assert [s.id for s in store.search("Qatar talks")] == [article.id]  # title words count
    assert [s.id for s in store.search("Hamas’ delegation")] == [article.id]  # punctuation is not syntax
    assert store.search("Cairo") == []
    assert {s.id for s in store.search("doha OR report", syntax=True)} == {article.id, other.id}
    with pytest.raises(StoreError, match="invalid search query"):
        store.search('"unbalanced', syntax=True)


# -- schema and migrations


def test_new_store_is_current_and_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    raw, article = numbered_document(1)
    with Store.open(path) as store:
        store.add(raw, article)
    conn = sqlite3.connect(path, isolation_level=None)
    assert user_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate(conn, source=str(path)) == SCHEMA_VERSION  # nothing left to do
    conn.close()
    with Store.open(path) as store:
        assert store.get(article.id) == article
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


NEXT = """
ALTER TABLE articles ADD COLUMN story_id TEXT;
CREATE INDEX articles_story ON articles (story_id);
"""


def test_current_store_migrates_to_an_appended_next_version(tmp_path: Path) -> None:
    path = tmp_path / "current.db"
    raw, article = numbered_document(1)
    with Store.open(path) as store:
        store.add(raw, article)
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, (*MIGRATIONS, NEXT), source=str(path)) == SCHEMA_VERSION
    assert user_version(conn) == SCHEMA_VERSION + 1
    assert conn.execute("SELECT id, story_id FROM articles").fetchall() == [(article.id, None)]
    conn.close()
    # a store migrated by a newer newsweave is refused by this one, not misread
    with pytest.raises(SchemaVersionError, match=f"schema version {SCHEMA_VERSION + 1}"):
        Store.open(path)


def test_failed_migration_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "current.db"
    Store.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    broken = "CREATE TABLE stories (id TEXT); INSERT INTO no_such_table VALUES (1);"
    with pytest.raises(StoreError, match=f"migration to schema version {SCHEMA_VERSION + 1} failed"):
        migrate(conn, (*MIGRATIONS, broken), source=str(path))
    assert user_version(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'stories'").fetchall() == []
    conn.close()
    with Store.open(path) as store:
        assert store.count() == 0


def test_store_from_a_newer_newsweave_raises_schema_version_error(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(SchemaVersionError) as caught:
        Store.open(path)
    assert caught.value.source == str(path)
    assert "[NW201]" in str(caught.value)


def test_unusable_paths_raise_store_error(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(not_a_db)
    with pytest.raises(StoreError, match="unable to open"):
        Store.open(tmp_path / "missing-folder" / "x.db")


# -- transactions and crash safety


def assert_sound(path: Path) -> None:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    orphans = conn.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM articles a WHERE a.content_hash = d.content_hash)"
    ).fetchone()
    assert orphans == (0,)  # a document is never committed without its article
    conn.close()


def test_failure_inside_a_transaction_rolls_all_of_it_back(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        for i in range(3):
            store.add(*numbered_document(i))
        raw, article = numbered_document(3)
        clash = dataclasses.replace(article, id=numbered_document(0)[1].id)  # id already taken
        with pytest.raises(StoreError, match=r"UNIQUE constraint failed: articles\.id"):
            store.add(raw, clash)  # the document row went in first, then the article failed
        assert store.count() == 3
        assert store.add(raw, article).status == "new"  # so its bytes were not kept either
    assert_sound(path)


CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from tests.test_store import numbered_document
    from newsweave.store import Store

    store = Store.open(sys.argv[1])
    i = 0
    while True:
        store.add(*numbered_document(i))
        i += 1
        if i == 3:
            print("committed 3", flush=True)
    """
)


def test_killed_writer_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    repo = Path(__file__).resolve().parents[1]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(repo)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "committed 3"
        time.sleep(0.3)  # let it run on through many more transactions
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert_sound(path)
    with Store.open(path) as store:
        stored = store.count()
        assert stored >= 3
        for i in range(stored):
            raw, article = numbered_document(i)
            assert store.get(article.id) == article
            assert store.raw(article.id) == raw
        assert store.add(*numbered_document(stored)).status == "new"
