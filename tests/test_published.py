"""Publication dates with evidence, on the real seeds and corpora in ../shared."""

from __future__ import annotations

import datetime as dt
import json

from newsweave.ingest.markdown import markdown_document
from newsweave.model import Article, DateKind, EditKind, InputFormat, RawDocument, Removal
from newsweave.pipeline import build
from newsweave.stages.meta.dates import find_mentions, parse_date, resolve_all
from newsweave.stages.meta.published import published_date

from .conftest import SHARED, seed_path

CORPUS = SHARED / "corpus"


def cleaned(prefix: str) -> Article:
    path = seed_path(prefix)
    raw = RawDocument(source=str(path), content=path.read_bytes(), format=InputFormat.TEXT)
    article = build(["clean", "metadata"]).run(raw).article
    assert article is not None
    return article


def test_seed_004_published_line_beats_the_page_header_date() -> None:
    published = cleaned("004").published
    assert (published.value, published.kind) == (dt.date(2024, 7, 31), DateKind.STATED)
    assert published.confidence >= 0.9
    assert "Published:" in published.evidence
    assert "2024-11-13 ignored" in published.note


def test_seed_002_is_estimated_from_the_dates_it_reports() -> None:
    published = cleaned("002").published
    assert (published.value, published.kind) == (dt.date(2024, 8, 1), DateKind.ESTIMATED)
    assert published.earliest == dt.date(2024, 8, 1)
    assert published.latest is not None and dt.date(2024, 8, 1) < published.latest <= dt.date(2024, 8, 7)
    assert 0.3 <= published.confidence <= 0.6
    assert "Aug. 1" in published.evidence


def test_seeds_naming_only_weekdays_stay_unknown() -> None:
    for prefix in ("000", "001"):
        published = cleaned(prefix).published
        assert (published.value, published.kind, published.earliest) == (None, DateKind.UNKNOWN, None)


def test_seed_003_lone_date_is_only_a_lower_bound() -> None:
    # Its one full date ("July 2, 2024", in a quoted statement) cannot date the article.
    published = cleaned("003").published
    assert (published.value, published.kind) == (None, DateKind.UNKNOWN)
    assert published.earliest == dt.date(2024, 7, 2)


def test_usatoday_publish_date_field_is_metadata() -> None:
    path = CORPUS / "usatoday-2024q3" / "articles_2024-07_to_09.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines()]
    record = next(r for r in records if r["publish_date"] == "2024/07/31")
    article = Article(id="u", source=str(path), text=record["text"])
    published = published_date(article, [("published", record["publish_date"])])
    assert (published.value, published.kind, published.confidence) == (
        dt.date(2024, 7, 31),
        DateKind.METADATA,
        0.9,
    )


def test_cnn_markdown_scrape_time_is_weaker_metadata() -> None:
    path = next((CORPUS / "cnn-2024-07" / "2024" / "07" / "31").glob("*.md"))
    raw = markdown_document(path.read_bytes(), source=str(path), name=path.name)
    article = Article(id="c", source=str(path), text="Body.")
    published = published_date(article, raw.hints)
    assert published.kind == DateKind.METADATA
    stated = raw.hint("published")
    assert stated is not None and published.value == dt.date.fromisoformat(stated[:10])
    assert published.confidence == 0.6
    assert "scrape time" in published.note


def test_a_crawl_date_alone_is_unknown() -> None:
    article = Article(id="w", source="w", text="Officials met on Thursday to discuss the plan.")
    published = published_date(article, [("crawled", "2024-08-05T10:00:00Z")])
    assert (published.value, published.kind) == (None, DateKind.UNKNOWN)
    assert "crawl date 2024-08-05 ignored" in published.note


def test_a_date_later_than_the_crawl_is_rejected() -> None:
    article = Article(id="w", source="w", text="Nothing dated here.")
    hints = [("published", "2024-09-01"), ("crawled", "2024-08-05")]
    published = published_date(article, hints)
    assert published.value is None
    assert "rejected" in published.note


def test_published_line_found_inside_a_merged_removal() -> None:
    removal = Removal(
        at=0, text="Tuesday, March 4, 2025\nPublished: March 3, 2025, 9:00am\n", kind=EditKind.WHITESPACE
    )
    published = published_date(Article(id="m", source="m", text="Body.", removed=(removal,)))
    assert (published.value, published.kind) == (dt.date(2025, 3, 3), DateKind.STATED)
    assert "2025-03-04 ignored" in published.note


def test_future_mentions_do_not_date_an_article() -> None:
    text = (
        "Leaders met on March 3, 2025 and again on March 4. "
        "Talks will resume on March 20, and a vote is scheduled for March 25."
    )
    published = published_date(Article(id="f", source="f", text=text))
    assert (published.value, published.kind) == (dt.date(2025, 3, 4), DateKind.ESTIMATED)


def test_year_less_dates_far_from_any_full_date_stay_unresolved() -> None:
    mentions = resolve_all(find_mentions("The Oct. 7 attack was recalled on July 2, 2024."))
    assert [(m.text, m.date) for m in mentions] == [("Oct. 7", None), ("July 2, 2024", dt.date(2024, 7, 2))]


def test_parse_date_reads_the_corpus_formats() -> None:
    assert parse_date("2024/07/31") == dt.date(2024, 7, 31)
    assert parse_date("2024-08-02T23:21:48+00:00") == dt.date(2024, 8, 2)
    assert parse_date("July 31, 2024, 4:31pm") == dt.date(2024, 7, 31)
    assert parse_date("not a date") is None
