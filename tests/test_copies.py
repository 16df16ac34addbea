"""Copies: versions of one article collapse to the newest; wire copies count once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsweave.batch import run_batch
from newsweave.config import Settings
from newsweave.corpus import CorpusState, build_corpus_pipeline
from newsweave.corpus.copies import (
    find_copies,
    independent_outlets,
    latest_versions,
    outlet_names,
    shingles,
    version_time,
    versions_of,
)
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, Article, Copy, DateEvidence, DateKind, OutletEvidence, RawDocument
from newsweave.pipeline import build

SHUKR = (
    "israel-says-its-beirut-strike-killed-hezbollahs-top-military-commander"
    "-who-it-blames-for-golan-heights-attack"
)

# Synthetic wire text (written for this test): long enough for many five-word shingles.
WIRE = (
    "The city council of Northvale voted on Tuesday to close the old river bridge for repairs that "
    "engineers say will take at least eight months, after an inspection found cracks in two of its "
    "steel supports. Mayor Dana Whitfield said traffic would be routed over the Elm Street crossing "
    "and that buses would add three extra runs each morning. Residents who spoke at the meeting asked "
    "for a footpath to stay open; the council promised to study it before the work begins in October."
)


def _article(
    ident: str,
    text: str,
    outlet: str | None,
    *,
    wire: str | None = None,
    day: int = 1,
    key: str | None = None,
) -> Article:
    return Article(
        id=ident,
        source=f"test:{ident}",
        text=text,
        outlet=OutletEvidence(
            name=outlet, wire=wire, republished_by=outlet if wire and wire != outlet else None
        ),
        published=DateEvidence(value=dt.date(2024, 7, day), kind=DateKind.METADATA, confidence=1.0),
        version_key=key,
    )


@pytest.fixture(scope="module")
def shukr_versions(shared: Path) -> list[Article]:
    """Every stored revision of CNN's Shukr story, cleaned (no parse needed)."""
    paths = sorted((shared / "corpus/cnn-2024-07/onstory_versions").glob(f"*_{SHUKR}__commit_*.md"))
    raws = [r for r in iter_documents([str(p) for p in paths], Settings()) if isinstance(r, RawDocument)]
    results = run_batch(build(["clean", "metadata"]), raws)
    return [r.require_article() for r in results if isinstance(r, Annotations)]


def test_cnn_revisions_collapse_into_one_article_with_versions(shukr_versions: list[Article]) -> None:
    assert len(shukr_versions) == 47
    state = latest_versions(CorpusState(articles=tuple(shukr_versions)))
    (kept,) = state.articles
    # the newest revision is the one committed last (31 Jul), not the first file name
    assert "2024-07-31" in kept.source
    assert kept.source == max(shukr_versions, key=version_time).source
    distinct = {a.id for a in shukr_versions} - {kept.id}
    assert set(versions_of(kept.id, state.copies)) == distinct
    assert all(c.kind == "version" and c.original_id == kept.id for c in state.copies)
    assert independent_outlets([a.id for a in shukr_versions], state.copies) == 1


def test_copies_stage_records_versions_with_similarity(shukr_versions: list[Article]) -> None:
    state = build_corpus_pipeline(["copies"]).run(CorpusState(articles=tuple(shukr_versions)))
    versions = [c for c in state.copies if c.kind == "version"]
    assert len(versions) == len({a.id for a in shukr_versions}) - 1
    # revisions over a day share most shingles, but a story rewritten over 24 hours is not identical
    similarities = sorted(c.similarity for c in versions)
    assert similarities[-1] > 0.8
    assert 0.0 <= similarities[0] < similarities[-1]


def test_wire_copy_points_at_the_wire_outlets_own_article() -> None:
    own = _article("ap", WIRE, "Associated Press", wire="Associated Press", day=2)
    republished = _article(
        "col", WIRE + " Staff contributed.", "The Columbian", wire="Associated Press", day=1
    )
    other = _article("x", "A different report about an unrelated football match in Leeds on Sunday.", "BBC")
    copies = find_copies([republished, own, other])
    assert copies == (
        Copy(article_id="col", original_id="ap", kind="wire-copy", similarity=copies[0].similarity),
    )
    assert copies[0].similarity > 0.8
    assert independent_outlets(["ap", "col", "x"], copies) == 2


def test_near_identical_texts_without_a_wire_use_the_earliest() -> None:
    first = _article("a", WIRE, "Northvale Gazette", day=3)
    later = _article("b", WIRE.replace("Tuesday", "Monday"), "Valley Herald", day=5)
    same_outlet = _article("c", WIRE.replace("eight", "nine"), "Northvale Gazette", day=6)
    kinds = {c.article_id: (c.kind, c.original_id) for c in find_copies([later, same_outlet, first])}
    assert kinds == {"b": ("wire-copy", "a"), "c": ("near-duplicate", "a")}


def test_different_texts_are_not_copies() -> None:
    a = _article("a", WIRE, "Gazette")
    b = _article(
        "b", WIRE[: len(WIRE) // 2] + " Then the meeting moved to the school budget for next year.", "Herald"
    )
    assert find_copies([a, b]) == ()


def test_independent_outlets_counts_each_outlet_once() -> None:
    articles = [
        _article("1", "one", "Reuters"),
        _article("2", "two", "Reuters"),
        _article("3", "three", "Yahoo News", wire="AP"),
        _article("4", "four", None),
        _article("5", "five", None),
    ]
    outlets = outlet_names(articles)
    assert outlets["3"] == "AP"
    assert independent_outlets(outlets, (), outlets) == 4  # Reuters, AP, and two unknown
    copies = [Copy(article_id="5", original_id="4", kind="wire-copy", similarity=0.9)]
    assert independent_outlets(outlets, copies, outlets) == 3


def test_shingles_of_short_texts() -> None:
    assert shingles("") == set()
    assert shingles("Two words") == {"two words"}
    assert len(shingles("one two three four five six")) == 2
