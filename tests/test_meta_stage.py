"""The 'metadata' stage in the pipeline, and bylines, on the real seeds."""

from __future__ import annotations

import datetime as dt

from newsweave.config import Settings
from newsweave.model import Annotations, Article, DateKind, InputFormat, RawDocument
from newsweave.pipeline import build, registered
from newsweave.stages.meta.byline import byline_of, parse_byline
from newsweave.stages.meta.stage import metadata

from .conftest import seed_path


def analyse(prefix: str) -> Annotations:
    path = seed_path(prefix)
    raw = RawDocument(source=str(path), content=path.read_bytes(), format=InputFormat.TEXT)
    return build(["clean", "metadata"]).run(raw)


def test_stage_declares_what_it_needs_and_gives() -> None:
    st = registered()["metadata"]
    assert st.reads == {"article", "meta_hints", "raw"}
    assert st.writes == {"article.outlet", "article.published", "article.byline"}


def test_seed_004_metadata_end_to_end() -> None:
    article = analyse("004").article
    assert article is not None
    assert article.byline == "Ellen Knickmeyer"
    assert article.outlet.registry_id == "ap" and article.outlet.republished_by == "The Columbian"
    assert article.published_date == dt.date(2024, 7, 31)


def test_seed_002_is_jns_by_joshua_marks() -> None:
    article = analyse("002").article
    assert article is not None
    assert (article.outlet.name, article.byline) == ("JNS", "Joshua Marks")
    assert article.published.kind == DateKind.ESTIMATED


def test_seed_001_is_france24_afp_without_a_byline() -> None:
    article = analyse("001").article
    assert article is not None
    assert (article.outlet.name, article.outlet.wire, article.byline) == ("France 24", "AFP", None)


def test_stage_uses_container_hints_and_keeps_the_text() -> None:
    raw = RawDocument(
        source="record#1",
        content=b"",
        format=InputFormat.TEXT,
        hints=(
            ("url", "https://www.usatoday.com/story/x/"),
            ("published", "2024/07/31"),
            ("byline", "Jane Doe"),
        ),
    )
    article = Article(id="a", source="record#1", text="Officials said on Tuesday that talks go on.")
    result = metadata(Annotations(raw=raw, article=article), Settings()).article
    assert result is not None
    assert result.text == article.text
    assert (result.outlet.registry_id, result.byline) == ("usa-today", "Jane Doe")
    assert (result.published_date, result.published.kind) == (dt.date(2024, 7, 31), DateKind.METADATA)


def test_byline_normalisation() -> None:
    knickmeyer = parse_byline("By ELLEN KNICKMEYER, Associated Press")
    assert (knickmeyer.text, knickmeyer.organisation_id) == ("Ellen Knickmeyer", "ap")
    assert parse_byline("by Joshua Marks").text == "Joshua Marks"
    assert parse_byline("By JOHN O'BRIEN and Jane Doe, USA TODAY").text == "John O'Brien and Jane Doe"
    assert parse_byline("By Reuters").text is None


def test_byline_from_a_json_authors_list() -> None:
    article = Article(id="j", source="j", text="Body.")
    assert byline_of(article, [("authors", '["Jane Doe", "John Roe"]')]) == "Jane Doe and John Roe"
    assert byline_of(article, [("byline", "Jane Doe, John Roe")]) == "Jane Doe and John Roe"
    assert byline_of(article, []) is None
