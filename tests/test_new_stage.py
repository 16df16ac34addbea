"""The worked example of docs/architecture.md: a per-article stage that adds one new kind of item
(the article's numbers) needs its module and one field on the carrier, and nothing else, for
its items to reach the store's record, the JSON export and the app's JSON.

The field is added here by a subclass of the carrier (the model itself stays as shipped); the
stage, the pipeline, the codec, the export and the store's records are the real ones.
"""

from __future__ import annotations

import dataclasses
import json
import re

from newsweave import codec
from newsweave.config import Settings
from newsweave.export.json_export import build_export, validate_export
from newsweave.ingest import iter_inputs
from newsweave.model import Annotations, Span
from newsweave.pipeline import build, stage
from newsweave.records import annotations_to_dict, read_record

from .conftest import SEEDS


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Number:
    span: Span
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WithNumbers(Annotations):
    numbers: tuple[Number, ...] = ()  # the one new field


_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def numbers_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """The article's numbers, with their offsets."""
    text = analysis.require_article().text
    found = tuple(
        Number(span=Span(start=m.start(), end=m.end()), text=m.group()) for m in _NUMBER.finditer(text)
    )
    fields = {f.name: getattr(analysis, f.name) for f in dataclasses.fields(Annotations)}
    return WithNumbers(**fields, numbers=found)


def test_a_new_kind_of_item_reaches_the_store_the_export_and_the_app_json() -> None:
    # In the package the field is on Annotations and the stage declares writes=["numbers"]; here
    # it lives on a test subclass the declarations cannot name, so the stage declares no write.
    stage("numbers-example", reads=["article"])(numbers_stage)
    pipeline = build(["clean", "metadata", "numbers-example"], Settings())
    results = [pipeline.run(raw) for item in iter_inputs([str(SEEDS)], Settings()) for raw in item.read()]  # type: ignore[union-attr, arg-type]
    result = max(results, key=lambda r: len(getattr(r, "numbers", ())))
    assert isinstance(result, WithNumbers) and len(result.numbers) >= 3
    article = result.require_article()

    # the store's record (what Store.add writes): the new field, with offsets into the text
    stored = json.loads(
        json.dumps(annotations_to_dict(result.findings(("numbers-example",), "test"), article.text))
    )
    assert [n["text"] for n in stored["numbers"]] == [n.text for n in result.numbers]
    first = stored["numbers"][0]
    assert article.text[first["start"] : first["end"]] == first["text"]
    assert read_record(WithNumbers, stored, what="annotations").numbers == result.numbers

    # the JSON export: a top-level list of the new items, each naming its article
    document = build_export([article], {article.id: result})
    assert len(document["numbers"]) == len(result.numbers)
    assert {n["article"] for n in document["numbers"]} == {article.id}
    validate_export(document)  # a document without the corpus stages still keeps the contract
    assert document["stories"] == []

    # the app's JSON twin of the article carries the annotations through the same codec
    assert codec.encode(result)["numbers"] == stored["numbers"]
