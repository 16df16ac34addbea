"""Serialisation: every Article and RawDocument survives the trip to JSON and back unchanged."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.errors import MalformedInput
from newsweave.export.json_export import article_item
from newsweave.model import (
    UNKNOWN_DATE,
    Article,
    Container,
    DateEvidence,
    DateKind,
    EditKind,
    InputFormat,
    OutletEvidence,
    RawDocument,
    Removal,
    Repair,
    Span,
)
from newsweave.records import article_from_dict, article_to_dict, raw_from_dict, raw_to_dict

# -- strategies, shared with test_store.py

_words = st.text(min_size=0, max_size=30)
_names = st.none() | st.text(min_size=1, max_size=20)
_confidence = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
_dates = st.none() | st.dates()


@st.composite
def spans_in(draw: st.DrawFn, size: int, *, nonempty: bool = False) -> Span:
    start = draw(st.integers(0, size - 1 if nonempty else size))
    end = draw(st.integers(start + 1 if nonempty else start, size))
    return Span(start=start, end=end)


date_evidence = st.builds(
    DateEvidence,
    value=_dates,
    kind=st.sampled_from(DateKind),
    confidence=_confidence,
    evidence=_words,
    note=_words,
    earliest=_dates,
    latest=_dates,
)

outlet_evidence = st.builds(
    OutletEvidence,
    name=_names,
    registry_id=_names,
    via=_words,
    evidence=_words,
    confidence=_confidence,
    wire=_names,
    republished_by=_names,
)


@st.composite
def articles(draw: st.DrawFn, content_hash: str | None = None) -> Article:
    """A valid Article: every repair, removal and paragraph lies inside its text."""
    text = draw(st.text(max_size=200))
    size = len(text)
    repairs = draw(
        st.lists(
            st.builds(
                Repair,
                span=spans_in(size, nonempty=True) if size else st.just(Span(start=0, end=0)),
                original=_words,
                kind=st.sampled_from(EditKind),
                confidence=_confidence,
            ),
            max_size=4,
        )
    )
    removed = draw(
        st.lists(
            st.builds(
                Removal,
                at=st.integers(0, size),
                text=st.text(min_size=1, max_size=30),
                kind=st.sampled_from(EditKind),
            ),
            max_size=4,
        )
    )
    return Article(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)),
        source=draw(st.text(min_size=1, max_size=40)),
        text=text,
        title=draw(_names),
        url=draw(st.none() | st.just("https://example.org/a")),
        outlet=draw(outlet_evidence),
        byline=draw(_names),
        published=draw(date_evidence | st.just(UNKNOWN_DATE)),
        language=draw(st.none() | st.sampled_from(["en", "fr", "zh"])),
        format=draw(st.sampled_from(InputFormat)),
        content_hash=content_hash
        if content_hash is not None
        else draw(st.text("0123456789abcdef", max_size=64)),
        version_key=draw(_names),
        repairs=tuple(repairs),
        removed=tuple(removed),
        paragraphs=tuple(draw(st.lists(spans_in(size), max_size=5))),
        dateline=draw(_names),
        warnings=tuple(draw(st.lists(_words, max_size=3))),
    )


raw_documents = st.builds(
    RawDocument,
    source=st.text(min_size=1, max_size=40),
    content=st.binary(max_size=300),
    format=st.sampled_from(InputFormat),
    container=st.sampled_from(Container),
    url=st.none() | st.just("https://example.org/a?b=1"),
    media_type=st.none() | st.just("text/html; charset=utf-8"),
    declared_encoding=st.none() | st.just("gb18030"),
    version_key=_names,
    hints=st.lists(st.tuples(_words, _words), max_size=4).map(tuple),
    fetched_at=st.none() | st.datetimes() | st.datetimes(timezones=st.just(dt.UTC)),
)


# -- tests


@given(articles())
def test_article_round_trip_through_json(article: Article) -> None:
    encoded = json.dumps(article_to_dict(article), ensure_ascii=False)
    assert article_from_dict(json.loads(encoded)) == article


@given(raw_documents)
def test_raw_round_trip_through_json(raw: RawDocument) -> None:
    encoded = json.dumps(raw_to_dict(raw))
    assert raw_from_dict(json.loads(encoded)) == raw


@given(raw_documents)
def test_raw_without_content_takes_bytes_back_separately(raw: RawDocument) -> None:
    d = raw_to_dict(raw, content=False)
    assert "content_b64" not in d
    assert raw_from_dict(d, content=raw.content) == raw


@cache
def _article_schema() -> dict[str, Any]:
    schema = json.loads(
        resources.files("newsweave.export").joinpath("schema.json").read_text(encoding="utf-8")
    )
    return {"$defs": schema["$defs"], **schema["properties"]["articles"]["items"]}


@given(articles())
def test_article_dict_meets_the_export_contract(article: Article) -> None:
    d = article_item(article)
    jsonschema.validate(d, _article_schema())
    assert d["outlet"] == article.outlet.name
    assert d["published"] == (
        None if article.published.value is None else article.published.value.isoformat()
    )
    for item, repair in zip(d["repairs"], article.repairs, strict=True):
        assert item["replacement"] == article.text[item["start"] : item["end"]]
        assert item["original"] == repair.original
    for item in d["removed"]:
        assert item["start"] == item["end"] == item["at"] <= len(article.text)


def test_a_concrete_article_reads_as_expected() -> None:
    text = "Hamas’ leader was killed."
    article = Article(
        id="a1",
        source="x.txt",
        text=text,
        outlet=OutletEvidence(name="AP", via="credit-line", confidence=0.9, republished_by="The Columbian"),
        published=DateEvidence(value=dt.date(2024, 7, 31), kind=DateKind.STATED, confidence=0.95),
        repairs=(
            Repair(span=Span(start=5, end=6), original="鈥�", kind=EditKind.GBK_GUESSED, confidence=0.8),
        ),
        removed=(Removal(at=0, text="Loading...\n", kind=EditKind.LOADING),),
    )
    d = article_item(article)
    assert d["outlet"] == "AP"
    assert d["outlet_detail"]["republished_by"] == "The Columbian"
    assert d["published"] == "2024-07-31"
    assert d["published_detail"]["kind"] == "stated"
    assert d["repairs"] == [
        {
            "start": 5,
            "end": 6,
            "original": "鈥�",
            "replacement": "’",
            "kind": "gbk-guessed",
            "confidence": 0.8,
        }
    ]
    assert d["removed"] == [{"at": 0, "start": 0, "end": 0, "text": "Loading...\n", "kind": "loading"}]


def test_contract_fields_alone_read_back() -> None:
    d: dict[str, Any] = {
        "id": "b2",
        "source": "feed#3",
        "title": None,
        "outlet": "Reuters",
        "published": "2024-08-01",
        "text": "Body.",
        "repairs": [],
        "removed": [],
    }
    article = article_from_dict(d)
    assert article.outlet.name == "Reuters"
    assert article.published.value == dt.date(2024, 8, 1)
    assert article.published.kind is DateKind.METADATA
    assert article_from_dict({**d, "published": None, "outlet": None}).published == UNKNOWN_DATE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": None}, "missing field 'text'"),
        ({"text": 3}, "field 'text' must be str"),
        ({"format": "pdf"}, "'pdf' is not a valid InputFormat"),
        ({"repairs": [{"start": 0, "end": 99, "original": "", "kind": "encoding"}]}, "outside the text"),
        ({"repairs": [{"start": 3, "end": 1, "original": "", "kind": "encoding"}]}, "invalid span"),
        ({"removed": [{"at": 0, "text": "x", "kind": "nonsense"}]}, "'nonsense' is not a valid EditKind"),
        ({"published": "31 July"}, "Invalid isoformat"),
        ({"warnings": [1]}, "expected a string"),
    ],
)
def test_malformed_article_dicts_raise_malformed_input(change: dict[str, Any], message: str) -> None:
    d = {"id": "c3", "source": "bad.json#7", "text": "Short.", **change}
    with pytest.raises(MalformedInput, match=message) as caught:
        article_from_dict(d)
    assert caught.value.source == "bad.json#7"
    assert "[NW105]" in str(caught.value)


def test_raw_with_broken_base64_raises_malformed_input() -> None:
    with pytest.raises(MalformedInput, match="not a valid raw document"):
        raw_from_dict({"source": "r", "format": "html", "content_b64": "@@not base64@@"})


def test_not_a_mapping_raises_malformed_input() -> None:
    with pytest.raises(MalformedInput, match="expected an object"):
        article_from_dict(["not", "a", "dict"])  # type: ignore[arg-type]
