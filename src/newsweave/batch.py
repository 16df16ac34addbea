"""Run a pipeline over many documents: spaCy in batches, optionally in several processes.

Stages before ``nlp`` and after it run per document; ``nlp`` itself runs as one
``nlp.pipe`` call per batch, which is what makes spaCy fast. With ``processes > 1``
batches go to worker processes (each loads the model once); results come back in input
order without their spaCy ``Doc`` (docs are large and not needed after the stages).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice

from newsweave.errors import InternalError, NewsweaveError
from newsweave.model import RawDocument
from newsweave.pipeline import Analysis, Pipeline, Stage


@dataclass(frozen=True, slots=True, kw_only=True)
class Failed:
    """A document the pipeline could not analyse, with the reason."""

    source: str
    error: NewsweaveError
    detail: str = ""  # traceback of an unexpected error, for --verbose


Result = Analysis | Failed


def _failure(raw: RawDocument, exc: Exception) -> Failed:
    if isinstance(exc, NewsweaveError):
        if exc.source is None:
            exc.source = raw.source
        return Failed(source=raw.source, error=exc)
    bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", source=raw.source)
    return Failed(source=raw.source, error=bug, detail=traceback.format_exc())


def _run_stages(pipeline: Pipeline, stages: Sequence[Stage], item: Result) -> Result:
    if isinstance(item, Failed):
        return item
    analysis = item
    for st in stages:
        try:
            analysis = st.func(analysis, pipeline.settings)
        except Exception as exc:
            return _failure(analysis.raw, exc)
    return analysis


def _split(pipeline: Pipeline) -> tuple[tuple[Stage, ...], bool, tuple[Stage, ...]]:
    names = pipeline.names
    if "nlp" not in names:
        return pipeline.stages, False, ()
    at = names.index("nlp")
    return pipeline.stages[:at], True, pipeline.stages[at + 1 :]


def run_batch(pipeline: Pipeline, raws: Sequence[RawDocument]) -> list[Result]:
    """Analyse ``raws`` in this process; one result per document, in order, docs dropped."""
    return continue_batch(pipeline, [Analysis(raw=raw) for raw in raws])


def continue_batch(pipeline: Pipeline, analyses: Sequence[Analysis]) -> list[Result]:
    """Run ``pipeline`` over analyses that may already hold an article (e.g. text to code as is)."""
    before, has_nlp, after = _split(pipeline)
    items = [_run_stages(pipeline, before, analysis) for analysis in analyses]
    if has_nlp:
        items = _parse_all(items)
    done = [_run_stages(pipeline, after, item) for item in items]
    return [replace(item, doc=None) if isinstance(item, Analysis) else item for item in done]


def _parse_all(items: list[Result]) -> list[Result]:
    from newsweave.nlp import load_nlp  # spaCy loads only in runs that parse

    ready = [i for i, item in enumerate(items) if isinstance(item, Analysis)]
    texts = [items[i].require_article().text for i in ready]  # type: ignore[union-attr]
    parsed = list(items)
    try:
        docs = list(load_nlp().pipe(texts))
    except Exception:
        return [_parse_one(item) for item in items]
    for i, doc in zip(ready, docs, strict=True):
        analysis = items[i]
        assert isinstance(analysis, Analysis)
        parsed[i] = replace(analysis, doc=doc)
    return parsed


def _parse_one(item: Result) -> Result:
    from newsweave.nlp import parse

    if isinstance(item, Failed):
        return item
    try:
        return replace(item, doc=parse(item.require_article().text))
    except Exception as exc:
        return _failure(item.raw, exc)


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _work(raws: list[RawDocument]) -> list[Result]:
    assert _WORKER_PIPELINE is not None
    return run_batch(_WORKER_PIPELINE, raws)


def _chunks(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(raws)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyse(
    raws: Iterable[RawDocument], pipeline: Pipeline, *, processes: int = 1, batch_size: int = 32
) -> Iterator[Result]:
    """Analyse every document, yielding results in input order as batches finish."""
    if processes <= 1:
        for chunk in _chunks(raws, batch_size):
            yield from run_batch(pipeline, chunk)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_init_worker, initargs=(pipeline,)
    ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for chunk in _chunks(raws, batch_size):
            pending.append(pool.submit(_work, chunk))
            if len(pending) > 2 * processes:  # bounded look-ahead: memory stays flat on big corpora
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
