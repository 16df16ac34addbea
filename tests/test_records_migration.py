"""Records written by the hand-written serializer that the generic codec replaced still load, and
the codec writes every key of them back unchanged: stores made before the change keep working.

``data/records_v1/harbour.json`` was written by ``export/serialize.py`` as it stood at commit
68727a8 (an article of our own, its raw document, its annotations with the evidence sentences
spelled out, and a corpus run without articles), by running the pipeline over the text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsweave.records import (
    annotations_from_dict,
    annotations_to_dict,
    article_from_dict,
    article_to_dict,
    corpus_from_dict,
    corpus_to_dict,
    raw_from_dict,
    raw_to_dict,
)

GOLDEN = Path(__file__).parent / "data" / "records_v1" / "harbour.json"


def golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def assert_keeps(new: Any, old: Any, path: str = "") -> None:
    """``new`` holds everything ``old`` held, unchanged; fields added since may be there too."""
    if isinstance(old, dict):
        assert isinstance(new, dict), path
        for key, value in old.items():
            assert key in new, f"{path}.{key} is gone"
            assert_keeps(new[key], value, f"{path}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), path
        for n, (a, b) in enumerate(zip(new, old, strict=True)):
            assert_keeps(a, b, f"{path}[{n}]")
    else:
        assert new == old, f"{path}: {new!r} != {old!r}"


def test_the_old_records_are_not_trivial() -> None:
    data = golden()
    assert len(data["annotations"]["reports"]) >= 3 and len(data["annotations"]["quotes"]) >= 2
    assert data["corpus"]["events"] and data["corpus"]["timeline"] and data["corpus"]["stories"]
    assert all("replacement" in r for r in data["article"]["repairs"])


def test_an_old_article_and_raw_document_load_and_write_back_the_same() -> None:
    data = golden()
    article = article_from_dict(data["article"])
    assert article.title == "Harbour talks resume in Fernport after ferry strike"
    # "replacement" is the export's (newsweave.export.json_export.article_item), not the store's
    stored = {
        **data["article"],
        "repairs": [{k: v for k, v in r.items() if k != "replacement"} for r in data["article"]["repairs"]],
    }
    assert article_to_dict(article) == stored
    raw = raw_from_dict(data["raw"])
    assert raw_to_dict(raw) == data["raw"]


def test_old_annotations_load_and_write_back_the_same() -> None:
    data = golden()
    article = article_from_dict(data["article"])
    annotations = annotations_from_dict(data["annotations"])
    assert annotations.article_id == article.id
    assert_keeps(annotations_to_dict(annotations, article.text), data["annotations"])


def test_an_old_corpus_run_loads_and_writes_back_the_same() -> None:
    data = golden()
    article = article_from_dict(data["article"])
    state = corpus_from_dict(data["corpus"], {article.id: article})
    assert [a.id for a in state.articles] == [article.id]
    assert len(state.events) == len(data["corpus"]["events"])
    assert_keeps(corpus_to_dict(state, articles=False), data["corpus"])
