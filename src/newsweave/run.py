"""Run the per-article pipeline over sources and store the results: the library behind the CLI.

Every input gets an :class:`Outcome`; a bad input never stops the run. Each stored
article is committed on its own, so an interrupted run keeps everything before it.

No document can end a run, not even through a bug: an exception that escapes a reader
(while listing a source or reading one input), the analysis or the store becomes one
``failed`` outcome with an :class:`~newsweave.errors.InternalError` for the input it
happened on, and the run goes on with the next input. Readers are generators, and a
generator that raises is finished, so each input is read by a generator of its own.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from newsweave import __version__
from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.errors import EmptyInput, InputError, InternalError, NewsweaveError, SkippedInput
from newsweave.ingest import Input, iter_inputs
from newsweave.model import Annotations, Article, RawDocument
from newsweave.pipeline import Pipeline, build
from newsweave.store import Store

Status = Literal["new", "duplicate", "version", "failed", "skipped"]
STATUSES: tuple[Status, ...] = ("new", "duplicate", "version", "failed", "skipped")


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
    container: str | None = None  # the file or URL holding ``source`` when it is one record of it


@dataclass(slots=True)
class RunSummary:
    """Counts per status, and the articles this run touched (in input order)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    articles: list[Article] = field(default_factory=list)
    annotations: dict[str, Annotations] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def stored(self) -> int:
        return self.counts["new"] + self.counts["version"] + self.counts["duplicate"]

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.article is not None:
            self.articles.append(outcome.article)
            if outcome.annotations is not None:
                self.annotations[outcome.article.id] = outcome.annotations


def annotations_of(analysis: Annotations, stages: Sequence[str]) -> Annotations:
    """What is stored of an analysis: its findings, named by ``stages`` and this version."""
    return analysis.findings(tuple(stages), __version__)


def _store_result(
    result: Annotations | Failed, store: Store, stages: Sequence[str], container: str | None
) -> Outcome:
    if isinstance(result, Failed):
        return Outcome(
            source=result.source,
            status="failed",
            error=result.error,
            detail=result.detail,
            container=container,
        )
    raw = result.raw
    assert raw is not None  # every document the runner reads starts from its raw bytes
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
        return Outcome(source=raw.source, status="failed", error=err, container=container)
    except Exception as exc:  # a bug while storing this document: it fails, the run goes on
        return _bug(raw.source, "storing", exc, container=container)
    return Outcome(
        source=raw.source,
        status=added.status,
        article=article,
        annotations=stored_annotations,
        previous_id=added.previous_id,
        container=container,
    )


def _bug(source: str, doing: str, exc: Exception, *, container: str | None = None) -> Outcome:
    """The outcome of an unexpected exception while ``doing`` something with ``source``."""
    error = InternalError(f"internal error while {doing}: {type(exc).__name__}: {exc}", source=source)
    return Outcome(
        source=source, status="failed", error=error, detail=traceback.format_exc(), container=container
    )


def _refused(error: InputError, container: str | None) -> Outcome:
    """The outcome of an input or record a reader gave back as an error: skipped or failed."""
    source = error.source or container or "?"
    # Skipped on purpose (hidden files, README, symlinks out of the folder) is not a failure.
    status: Status = "skipped" if isinstance(error, SkippedInput) else "failed"
    return Outcome(
        source=source, status=status, error=error, container=container if container != source else None
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


def _inputs(sources: Sequence[str], settings: Settings) -> Iterator[Input | Outcome]:
    """Every file and URL of ``sources``; a source whose listing breaks fails, the next is listed."""
    for source in sources:
        try:
            for item in iter_inputs([source], settings):
                yield _refused(item, None) if isinstance(item, InputError) else item
        except Exception as exc:
            yield _bug(source, "listing", exc)


def _read(item: Input) -> Iterator[RawDocument | Outcome]:
    """The documents of one input, its bad records as outcomes; never raises.

    A reader that raises ends this input only (the records it already gave are kept); an
    input that gives nothing at all, not even an error, is counted as empty.
    """
    given = 0
    try:
        for document in item.read():
            given += 1
            yield _refused(document, item.name) if isinstance(document, InputError) else document
    except Exception as exc:
        yield _bug(item.name, "reading", exc)
        return
    if not given:
        error = EmptyInput("no article or record found in it", source=item.name)
        yield Outcome(source=item.name, status="failed", error=error)


def iter_outcomes(sources: Sequence[str], settings: Settings, store: Store) -> Iterator[Outcome]:
    """Ingest, analyse and store every document of ``sources``, yielding one outcome each."""
    pipeline = build(settings=settings)
    ready: deque[Outcome] = deque()  # bad inputs, and unchanged ones that need no analysis
    # Documents handed to the analysis and not yet back, with their container: results come
    # back in input order, so the first in flight is the one the next result belongs to.
    in_flight: deque[tuple[RawDocument, str | None]] = deque()

    def documents() -> Iterator[RawDocument]:
        for item in _inputs(sources, settings):
            if isinstance(item, Outcome):
                ready.append(item)
                continue
            for document in _read(item):
                if isinstance(document, Outcome):
                    ready.append(document)
                    continue
                container = item.name if document.source != item.name else None
                if (known := _known(document, store, pipeline.names, container)) is not None:
                    ready.append(known)
                else:
                    in_flight.append((document, container))
                    yield document

    def flush() -> Iterator[Outcome]:
        while ready:
            yield ready.popleft()

    pending = documents()
    while True:
        try:
            for result in _analyse(pending, pipeline, settings):
                _, container = in_flight.popleft()
                yield from flush()
                yield _store_result(result, store, pipeline.names, container)
            break
        except Exception as exc:
            if not in_flight:
                raise  # nothing was being analysed: not a document's doing
            # The analysis itself broke (a worker process died, say): the documents it held
            # fail, and a fresh analysis takes the ones after them.
            yield from flush()
            while in_flight:
                raw, container = in_flight.popleft()
                yield _bug(raw.source, "analysing its batch", exc, container=container)
    yield from flush()


def _analyse(
    raws: Iterable[RawDocument], pipeline: Pipeline, settings: Settings
) -> Iterator[Annotations | Failed]:
    return analyse(raws, pipeline, processes=settings.processes, batch_size=settings.batch_size)


def _known(raw: RawDocument, store: Store, stages: Sequence[str], container: str | None) -> Outcome | None:
    """The stored outcome of ``raw`` if this pipeline already analysed its bytes."""
    try:
        known = _unchanged(raw, store, stages)
    except Exception as exc:
        return _bug(raw.source, "looking it up in the store", exc, container=container)
    return None if known is None else replace(known, container=container)


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
