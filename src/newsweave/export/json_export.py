"""The JSON export document (contract in DESIGN.md; schema in ``export/schema.json``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from newsweave import __version__
from newsweave.export.serialize import article_to_dict
from newsweave.model import Article

SCHEMA_VERSION = "0.1"


def build_export(articles: Sequence[Article], *, generated_at: dt.datetime | None = None) -> dict[str, Any]:
    """The export document for ``articles``.

    Only ``articles`` is produced so far; the other contract keys (actors, events, quotes,
    stories, disagreements, framing, timeline) arrive with the stages that build them.
    """
    when = generated_at or dt.datetime.now(dt.UTC)
    return {
        "newsweave": {
            "version": __version__,
            "schema": SCHEMA_VERSION,
            "generated_at": when.isoformat(timespec="seconds"),
        },
        "articles": [article_to_dict(a) for a in articles],
    }


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema the export document follows (shipped in the package)."""
    text = resources.files("newsweave.export").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_export(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``document`` breaks the contract."""
    jsonschema.validate(document, export_schema())


def write_export(document: dict[str, Any], path: Path) -> None:
    """Write the document atomically: a crash never leaves half a file under ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
