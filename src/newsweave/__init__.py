"""newsweave: multi-source news intelligence.

The public API is what ``__all__`` names (docs/python.md); everything else may change between
releases. ``import newsweave`` stays cheap: the names load on first use (PEP 562), so the CLI's
modules, which import ``__version__`` from here, do not pull in the whole library.
"""

from __future__ import annotations

import importlib

# Not typing.TYPE_CHECKING: importing typing would double the cost of `import newsweave`; type
# checkers take any name TYPE_CHECKING as true.
TYPE_CHECKING = False

__version__ = "0.1.0"

# Public name -> the module that defines it.
_PUBLIC: dict[str, str] = {
    "analyze": "newsweave.api",
    "read": "newsweave.api",
    "Corpus": "newsweave.api",
    "ArticleQuote": "newsweave.api",
    "Annotations": "newsweave.model",
    "Article": "newsweave.model",
    "Actor": "newsweave.model",
    "Mention": "newsweave.model",
    "Quote": "newsweave.model",
    "EventReport": "newsweave.model",
    "Event": "newsweave.model",
    "Story": "newsweave.model",
    "Disagreement": "newsweave.model",
    "Framing": "newsweave.model",
    "TimelineEntry": "newsweave.model",
    "Span": "newsweave.model",
    "NewsweaveError": "newsweave.errors",
    "InputError": "newsweave.errors",
}

__all__ = [  # pinned: tests/test_api.py checks it against _PUBLIC and docs/python.md
    "Actor",
    "Annotations",
    "Article",
    "ArticleQuote",
    "Corpus",
    "Disagreement",
    "Event",
    "EventReport",
    "Framing",
    "InputError",
    "Mention",
    "NewsweaveError",
    "Quote",
    "Span",
    "Story",
    "TimelineEntry",
    "__version__",
    "analyze",
    "read",
]

if TYPE_CHECKING:
    from typing import Any

    from newsweave.api import ArticleQuote, Corpus, analyze, read
    from newsweave.errors import InputError, NewsweaveError
    from newsweave.model import (
        Actor,
        Annotations,
        Article,
        Disagreement,
        Event,
        EventReport,
        Framing,
        Mention,
        Quote,
        Span,
        Story,
        TimelineEntry,
    )


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
