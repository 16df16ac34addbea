"""The public Python API (docs/python.md): newsweave.analyze, newsweave.read, Corpus, on the real seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsweave
from newsweave.errors import EmptyInput, StoreError
from newsweave.export.json_export import validate_export
from newsweave.model import Actor, Article, Event
from newsweave.store import Store

from .conftest import REPO, SEEDS, seed_path

# The pinned public names: adding one is a decision (docs/python.md), removing one a breaking change.
PUBLIC = {
    "__version__", "analyze", "read", "Corpus", "Annotations", "ArticleQuote", "Article", "Actor", "Mention",
    "Quote", "EventReport", "Event", "Story", "Disagreement", "Framing", "TimelineEntry", "Span",
    "NewsweaveError", "InputError",
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> newsweave.Corpus:
    # Run from an empty folder, so that a file left behind by the in-memory store would show.
    here = tmp_path_factory.mktemp("api")
    old = Path.cwd()
    os.chdir(here)
    try:
        found = newsweave.analyze(SEEDS)
    finally:
        os.chdir(old)
    assert list(here.iterdir()) == []
    return found


def test_the_public_names_are_pinned_and_resolve() -> None:
    assert set(newsweave.__all__) == PUBLIC == {*newsweave._PUBLIC, "__version__"}
    for name in PUBLIC:
        assert getattr(newsweave, name) is not None
    assert set(dir(newsweave)) >= PUBLIC
    with pytest.raises(AttributeError):
        _ = newsweave.no_such_name  # type: ignore[attr-defined]
    doc = (REPO / "docs" / "python.md").read_text(encoding="utf-8")
    for name in PUBLIC - {"__version__"}:
        assert f"`{name}" in doc or f"newsweave.{name}" in doc, name


def test_import_newsweave_loads_neither_spacy_nor_the_library() -> None:
    heavy = "('spacy', 'newsweave.api', 'newsweave.run')"
    code = f"import sys, newsweave; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=99)
    assert out.stdout.strip() == "[]"


def test_analyze_gives_typed_records_of_every_seed(corpus: newsweave.Corpus) -> None:
    assert corpus.counts == {"new": 5, "duplicate": 0, "version": 0, "failed": 0, "skipped": 0}
    assert corpus.errors == () and corpus.skipped == ()
    assert sorted(Path(a.source).name for a in corpus.articles) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(isinstance(a, Article) for a in corpus.articles)
    assert all(isinstance(e, Event) for e in corpus.events) and corpus.events
    assert corpus.stories and corpus.timeline and corpus.framing
    ids = [a.id for a in corpus.actors]
    assert len(ids) == len(set(ids)) and all(isinstance(a, Actor) for a in corpus.actors)
    assert any(a.name == "Hamas" for a in corpus.actors)
    # The fact-checker's question: who says airstrike, who says a planted explosive?
    methods = {v.value for d in corpus.disagreements if d.attribute == "method" for v in d.variants}
    assert {"airstrike", "explosive device"} <= methods
    assert "Corpus: 5 articles" in repr(corpus)


def test_quotes_and_reports_point_into_their_article(corpus: newsweave.Corpus) -> None:
    assert corpus.quotes
    for item in corpus.quotes:
        text = corpus.article(item.article_id).text
        assert item.quote.span.of(text) == item.quote.text
    report_ids = {r.id for r in corpus.reports}
    assert all(set(e.report_ids) <= report_ids for e in corpus.events)
    annotations = corpus.annotations
    assert set(annotations) == {a.id for a in corpus.articles}
    for article_id, found in annotations.items():  # the same shape as read() gives
        assert isinstance(found, newsweave.Annotations) and found.article == corpus.article(article_id)
        for mention in found.mentions:
            assert mention.span.of(found.article.text) == mention.text
    with pytest.raises(KeyError):
        corpus.article("0000000000000000")


def test_to_json_is_the_export_document_and_validates(corpus: newsweave.Corpus, tmp_path: Path) -> None:
    document = corpus.to_json(tmp_path / "seeds.json")
    validate_export(document)
    assert len(document["articles"]) == 5 and len(document["events"]) == len(corpus.events)
    assert (tmp_path / "seeds.json").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["seeds.json"]


def test_to_pandas_gives_one_row_per_item(corpus: newsweave.Corpus) -> None:
    document = corpus.to_json()
    for table in ("articles", "actors", "events", "quotes", "timeline", "disagreements"):
        frame = corpus.to_pandas(table)
        assert len(frame) == len(document[table]), table
    quotes = corpus.to_pandas("quotes")
    assert {"article", "speaker", "text", "start", "end", "kind"} <= set(quotes.columns)
    with pytest.raises(ValueError, match="no table 'nope'"):
        corpus.to_pandas("nope")


def test_to_pandas_without_pandas_says_what_to_install() -> None:
    # pandas is installed here: a None entry in sys.modules makes its import fail as if it were not.
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import newsweave\n"
        f"corpus = newsweave.analyze({str(seed_path('000'))!r}, stages=['clean', 'metadata'])\n"
        "try:\n    corpus.to_pandas('articles')\nexcept ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "pip install 'newsweave[pandas]'" in out.stdout


def test_a_store_path_keeps_the_articles_and_a_second_run_finds_them(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    seeds = [str(seed_path("000")), str(seed_path("004"))]
    first = newsweave.analyze(seeds, store=db)
    assert first.counts["new"] == 2
    with Store.open(db) as store:
        assert store.count() == 2
        again = newsweave.analyze(seeds, store=store)  # an open store is used, and left open
        assert store.count() == 2
    assert again.counts["duplicate"] == 2 and len(again.articles) == 2


def test_bad_inputs_are_kept_on_the_corpus_not_raised(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "README").write_text("Notes.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    corpus = newsweave.analyze([tmp_path, missing], stages=["clean", "metadata"])
    assert corpus.articles == ()
    assert sorted(Path(e.source or "").name for e in corpus.errors) == ["empty.txt", "missing.txt"]
    assert all(isinstance(e, newsweave.InputError) for e in corpus.errors)
    assert [e.code for e in corpus.skipped] == ["NW106"]
    assert corpus.counts["failed"] == 2 and corpus.counts["skipped"] == 1


def test_settings_by_name_and_unknown_ones(tmp_path: Path) -> None:
    corpus = newsweave.analyze(seed_path("001"), stages=["clean", "metadata"], timeout=2.0)
    assert len(corpus.articles) == 1 and corpus.reports == ()  # no event stage ran
    with pytest.raises(TypeError, match="unknown setting 'proceses'"):
        newsweave.analyze(SEEDS, proceses=2)
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        newsweave.analyze(SEEDS, store=not_a_db)


def test_read_a_text_gives_the_article_and_its_annotations() -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    reading = newsweave.read(text)
    assert isinstance(reading, newsweave.Annotations) and reading.article is not None
    assert reading.doc is None  # the parse is working state, not part of the answer
    published = reading.article.published.value
    assert published is not None and published.isoformat() == "2024-07-31"
    assert "Linkedin Pinterest" not in reading.article.text
    assert reading.quotes and reading.reports and reading.mentions
    for quote in reading.quotes:
        assert quote.span.of(reading.article.text) == quote.text
    for mention in reading.mentions:
        assert mention.span.of(reading.article.text) == mention.text


def test_read_html_with_its_url() -> None:
    html = (
        "<html><head><title>Talks to resume</title></head><body><nav>Home | World</nav><article>"
        "<p>Negotiators will meet again in Doha on Thursday, two officials said.</p>"
        "<p>The talks stalled last month over the sequencing of a ceasefire.</p></article></body></html>"
    )
    url = "https://www.france24.com/en/talks"
    reading = newsweave.read(html.encode("utf-8"), url=url, stages=["clean", "metadata"])
    assert reading.article is not None
    assert reading.article.title == "Talks to resume"
    assert reading.article.outlet.name == "France 24"
    assert reading.article.text.startswith("Negotiators will meet again in Doha")
    assert "Home | World" not in reading.article.text
    assert reading.quotes == ()  # no later stage ran


def test_read_nothing_raises_empty_input() -> None:
    with pytest.raises(EmptyInput):
        newsweave.read("   \n")
