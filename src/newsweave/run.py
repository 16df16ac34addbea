"""Run the per-article pipeline over sources and store the results: the library behind the CLI.

Every input gets an :class:`Outcome`; a bad input never stops the run. Each stored
article is committed on its own, so an interrupted run keeps everything before it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from newsweave import __version__
from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.errors import InputError, NewsweaveError
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, Article, RawDocument
from newsweave.pipeline import Analysis, build
from newsweave.store import Store

Status = Literal["new", "duplicate", "version", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What happened to one input (a file, a record, a URL)."""

    source: str
    status: Status
    article: Article | None = None
    annotations: Annotations | None = None
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
    annotations: dict[str, Annotations] = field(default_factory=dict)

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
            if outcome.annotations is not None:
                self.annotations[outcome.article.id] = outcome.annotations


def annotations_of(analysis: Analysis, stages: Sequence[str]) -> Annotations:
    """The storable part of an analysis."""
    return Annotations(
        article_id=analysis.require_article().id,
        actors=analysis.actors,
        mentions=analysis.mentions,
        descriptors=analysis.descriptors,
        timexes=analysis.timexes,
        quotes=analysis.quotes,
        reports=analysis.reports,
        stages=tuple(stages),
        version=__version__,
    )


def _store_result(result: Analysis | Failed, store: Store, stages: Sequence[str]) -> Outcome:
    if isinstance(result, Failed):
        return Outcome(source=result.source, status="failed", error=result.error, detail=result.detail)
    raw = result.raw
    try:
        annotations = annotations_of(result, stages)
        added = store.add(raw, result.require_article(), annotations)
        if added.status == "duplicate":
            _refresh_annotations(store, added.article_id, annotations)
        article = store.get(added.article_id)
        stored_annotations = store.annotations(added.article_id)
    except NewsweaveError as err:
        if err.source is None:
            err.source = raw.source
        return Outcome(source=raw.source, status="failed", error=err)
    return Outcome(
        source=raw.source,
        status=added.status,
        article=article,
        annotations=stored_annotations,
        previous_id=added.previous_id,
    )


def _refresh_annotations(store: Store, article_id: str, fresh: Annotations) -> None:
    """An unchanged article keeps its annotations unless another pipeline or version made them."""
    stored = store.annotations(article_id)
    if stored is None or (stored.stages, stored.version) != (fresh.stages, fresh.version):
        store.save_annotations(replace(fresh, article_id=article_id))


def _unchanged(raw: RawDocument, store: Store, stages: Sequence[str]) -> Outcome | None:
    """The stored outcome of bytes this pipeline already analysed: nothing to parse again."""
    article_id = store.article_for(raw.content)
    if article_id is None:
        return None
    stored = store.annotations(article_id)
    if stored is None or (stored.stages, stored.version) != (tuple(stages), __version__):
        return None
    return Outcome(source=raw.source, status="duplicate", article=store.get(article_id), annotations=stored)


def iter_outcomes(sources: Sequence[str], settings: Settings, store: Store) -> Iterator[Outcome]:
    """Ingest, analyse and store every document of ``sources``, yielding one outcome each."""
    pipeline = build(settings=settings)
    ready: deque[Outcome] = deque()  # bad inputs, and unchanged ones that need no analysis

    def documents() -> Iterator[RawDocument]:
        for item in iter_documents(sources, settings):
            if isinstance(item, InputError):
                ready.append(Outcome(source=item.source or "?", status="failed", error=item))
            elif (known := _unchanged(item, store, pipeline.names)) is not None:
                ready.append(known)
            else:
                yield item

    def flush() -> Iterator[Outcome]:
        while ready:
            yield ready.popleft()

    for result in analyse(
        documents(), pipeline, processes=settings.processes, batch_size=settings.batch_size
    ):
        yield from flush()
        yield _store_result(result, store, pipeline.names)
    yield from flush()


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
