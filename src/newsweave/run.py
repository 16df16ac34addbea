"""Run the per-article pipeline over sources and store the results: the library behind the CLI.

Every input gets an :class:`Outcome`; a bad input never stops the run. Each stored
article is committed on its own, so an interrupted run keeps everything before it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsweave.config import Settings
from newsweave.errors import InputError, NewsweaveError
from newsweave.ingest import iter_documents
from newsweave.model import Article, RawDocument
from newsweave.pipeline import Pipeline, build
from newsweave.store import Store

Status = Literal["new", "duplicate", "version", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What happened to one input (a file, a record, a URL)."""

    source: str
    status: Status
    article: Article | None = None
    previous_id: str | None = None
    error: NewsweaveError | None = None
    detail: str = ""  # traceback text for unexpected errors, shown with --verbose


@dataclass(slots=True)
class RunSummary:
    """Counts per status, and the articles this run touched (in input order)."""

    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("new", "duplicate", "version", "failed"), 0)
    )
    articles: list[Article] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    @property
    def stored(self) -> int:
        return self.counts["new"] + self.counts["version"] + self.counts["duplicate"]

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.article is not None:
            self.articles.append(outcome.article)


class InternalError(NewsweaveError):
    """A bug: an unexpected exception while processing one input. The run goes on."""

    code = "NW900"


def process_document(raw: RawDocument, pipeline: Pipeline, store: Store) -> Outcome:
    """Analyse one document and store it; errors become a failed outcome, never an exception."""
    try:
        article = pipeline.run(raw).require_article()
        result = store.add(raw, article)
    except NewsweaveError as err:
        if err.source is None:
            err.source = raw.source
        return Outcome(source=raw.source, status="failed", error=err)
    except Exception as exc:
        bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", source=raw.source)
        return Outcome(source=raw.source, status="failed", error=bug, detail=traceback.format_exc())
    stored = store.get(result.article_id)
    return Outcome(source=raw.source, status=result.status, article=stored, previous_id=result.previous_id)


def iter_outcomes(sources: Sequence[str], settings: Settings, store: Store) -> Iterator[Outcome]:
    """Ingest, analyse and store every document of ``sources``, yielding one outcome each."""
    pipeline = build(settings=settings)
    for item in iter_documents(sources, settings):
        if isinstance(item, InputError):
            yield Outcome(source=item.source or "?", status="failed", error=item)
        else:
            yield process_document(item, pipeline, store)


def run(
    sources: Sequence[str],
    settings: Settings,
    store: Store,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunSummary:
    """Process ``sources`` into ``store``; call ``on_outcome`` after each input (progress, messages)."""
    summary = RunSummary()
    for outcome in iter_outcomes(sources, settings, store):
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary
