"""Where articles live between runs: SQLite by default (one file, inspectable with any SQLite tool)."""

from __future__ import annotations

from newsweave.store.articles import AddResult, AddStatus, ArticleSummary
from newsweave.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsweave.store.sqlite import Store

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AddResult",
    "AddStatus",
    "ArticleSummary",
    "Store",
]
