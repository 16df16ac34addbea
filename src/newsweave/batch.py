"""Run a pipeline over many documents: spaCy in batches, optionally in several processes.

Stages run per document, except a stage that gives a function over many documents
(``Stage.batch``): ``nlp`` parses a whole batch at once (:func:`newsweave.stages.nlp.parse_batch`),
which is what makes spaCy fast. The same code runs in one process and in each worker. With
``processes > 1`` batches go to worker processes (each loads the model once); results
come back in input order without their spaCy ``Doc`` (docs are large and not needed after
the stages).

No document can hold up a run. Each gets a wall-clock budget (``Settings.doc_seconds``):

- in the process that runs the stages, an interval timer interrupts the document's stages
  once its budget is spent; a batch parse that overruns the budgets of its documents is
  retried one document at a time, so only the slow one fails. The document is reported
  as :class:`~newsweave.errors.TooSlow`;
- a worker process that does not answer within the budgets of its batch (stuck in C code
  no timer reaches, or killed for memory) is killed and replaced; its batch is run again
  one document per job, so the culprit is named and the others are still analysed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from types import FrameType
from typing import Any

from newsweave.errors import InternalError, NewsweaveError, TooSlow
from newsweave.model import Annotations, RawDocument
from newsweave.pipeline import Pipeline, Stage


@dataclass(frozen=True, slots=True, kw_only=True)
class Failed:
    """A document the pipeline could not analyse, with the reason."""

    source: str
    error: NewsweaveError
    detail: str = ""  # traceback of an unexpected error, for --verbose


Result = Annotations | Failed

# A worker gets this long beyond the budgets of its batch before it is taken for stuck:
# loading spaCy in a fresh process takes a few seconds.
_WORKER_GRACE = 30.0


class _Overtime(BaseException):
    """Raised by the interval timer: a BaseException so no ``except Exception`` in a stage eats it."""


def _source(item: Annotations) -> str:
    """The input ``item`` came from, for its messages."""
    if item.raw is not None:
        return item.raw.source
    return item.article.source if item.article is not None else item.article_id


def _failure(source: str, exc: BaseException) -> Failed:
    if isinstance(exc, NewsweaveError):
        if exc.source is None:
            exc.source = source
        return Failed(source=source, error=exc)
    bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", source=source)
    detail = "".join(traceback.format_exception(exc)) if exc.__traceback__ else traceback.format_exc()
    return Failed(source=source, error=bug, detail=detail)


def _too_slow(source: str, seconds: float) -> Failed:
    return Failed(
        source=source,
        error=TooSlow(f"too slow: not analysed within {seconds:g} s (--doc-seconds)", source=source),
    )


def _timer_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_Overtime` in this block after ``seconds`` (no limit if 0 or off the main thread)."""
    if seconds <= 0 or not _timer_usable():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_stages(pipeline: Pipeline, stages: Sequence[Stage], item: Result) -> Result:
    """Run per-document ``stages`` over one document, under one budget."""
    if isinstance(item, Failed) or not stages:
        return item
    analysis = item
    seconds = pipeline.settings.doc_seconds
    try:
        with _deadline(seconds):
            for st in stages:
                try:
                    analysis = st.func(analysis, pipeline.settings)
                except Exception as exc:
                    return _failure(_source(analysis), exc)
    except _Overtime:
        return _too_slow(_source(item), seconds)
    return analysis


def _run_batched(pipeline: Pipeline, st: Stage, items: list[Result]) -> list[Result]:
    """Run a stage that works over many documents at once (``Stage.batch``) over ``items``.

    A batch that fails or overruns the budgets of its documents is run again one document at
    a time through the stage's own function, so only the culprit fails.
    """
    assert st.batch is not None
    live = [i for i, item in enumerate(items) if isinstance(item, Annotations)]
    if not live:
        return items
    batch = [item for item in items if isinstance(item, Annotations)]
    try:
        with _deadline(pipeline.settings.doc_seconds * len(live)):
            found = st.batch(batch, pipeline.settings)
    except (Exception, _Overtime):
        return [_run_stages(pipeline, (st,), item) for item in items]
    done = list(items)
    for i, item, result in zip(live, batch, found, strict=True):
        done[i] = _failure(_source(item), result) if isinstance(result, Exception) else result
    return done


def _segments(stages: Sequence[Stage]) -> Iterator[tuple[Stage, ...]]:
    """Consecutive per-document stages together; each batch-capable stage alone."""
    run: list[Stage] = []
    for st in stages:
        if st.batch is None:
            run.append(st)
            continue
        if run:
            yield tuple(run)
            run = []
        yield (st,)
    if run:
        yield tuple(run)


def run_batch(pipeline: Pipeline, raws: Sequence[RawDocument]) -> list[Result]:
    """Analyse ``raws`` in this process; one result per document, in order, docs dropped."""
    return continue_batch(pipeline, [Annotations(raw=raw) for raw in raws])


def continue_batch(pipeline: Pipeline, analyses: Sequence[Annotations]) -> list[Result]:
    """Run ``pipeline`` over documents that may already hold an article (text to code as is).

    The one way per-article stages run: here in one process, and in each worker process.
    """
    items: list[Result] = list(analyses)
    for segment in _segments(pipeline.stages):
        if segment[0].batch is not None:
            items = _run_batched(pipeline, segment[0], items)
        else:
            items = [_run_stages(pipeline, segment, item) for item in items]
    return [replace(item, doc=None) if isinstance(item, Annotations) else item for item in items]


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
    yield from _Pool(pipeline, processes).analyse(raws, batch_size)


# --- worker processes -------------------------------------------------------------------


def _worker_main(connection: Connection, pipeline: Pipeline) -> None:
    """Analyse the batches the parent sends until it sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while (job := connection.recv()) is not None:
        results = run_batch(pipeline, job)
        try:
            connection.send(results)
        except Exception as exc:  # a result that cannot be pickled: fail the batch, not the worker
            connection.send([_failure(raw.source, exc) for raw in job])


@dataclass(slots=True)
class _Job:
    """Documents sent to a worker together, with their positions in the input."""

    first: int
    raws: list[RawDocument]


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing's Process of the chosen context
    connection: Connection
    job: _Job | None = None
    deadline: float = 0.0

    @classmethod
    def start(cls, context: BaseContext, pipeline: Pipeline) -> _Worker:
        parent, child = context.Pipe()
        process = context.Process(target=_worker_main, args=(child, pipeline), daemon=True)  # type: ignore[attr-defined]
        process.start()
        child.close()
        return cls(process=process, connection=parent)

    def send(self, job: _Job, seconds: float) -> None:
        self.job = job
        budget = seconds * len(job.raws) + _WORKER_GRACE if seconds > 0 else float("inf")
        self.deadline = time.monotonic() + budget
        self.connection.send(job.raws)

    def stop(self) -> None:
        with suppress(OSError, ValueError):
            self.connection.send(None)
        self.process.join(timeout=5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


@dataclass(slots=True)
class _Pool:
    """Worker processes with per-batch deadlines; a stuck or dead worker is replaced."""

    pipeline: Pipeline
    processes: int
    context: BaseContext = field(
        default_factory=lambda: multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    )
    workers: list[_Worker] = field(default_factory=list)
    queue: deque[_Job] = field(default_factory=deque)
    results: dict[int, Result] = field(default_factory=dict)

    def analyse(self, raws: Iterable[RawDocument], batch_size: int) -> Iterator[Result]:
        self.workers = [_Worker.start(self.context, self.pipeline) for _ in range(self.processes)]
        chunks = _chunks(raws, batch_size)
        read = done = 0
        exhausted = False
        try:
            while True:
                # bounded look-ahead: memory stays flat on big corpora
                while not exhausted and len(self.queue) <= self.processes:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        self.queue.append(_Job(first=read, raws=chunk))
                        read += len(chunk)
                self._dispatch()
                while done in self.results:
                    yield self.results.pop(done)
                    done += 1
                if exhausted and done == read:
                    return
                self._collect()
        finally:
            for worker in self.workers:
                worker.stop()

    def _dispatch(self) -> None:
        for worker in self.workers:
            if worker.job is None and self.queue:
                try:
                    worker.send(self.queue.popleft(), self.pipeline.settings.doc_seconds)
                except OSError:  # it died while idle
                    self._replace(worker, "its worker process died (out of memory?)")

    def _collect(self) -> None:
        """Wait for the first worker to answer or pass its deadline, and take what it gives."""
        busy = [w for w in self.workers if w.job is not None]
        if not busy:
            return
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.connection for w in busy], timeout=None if timeout == float("inf") else timeout)
        now = time.monotonic()
        for worker in busy:
            if worker.connection in ready:
                try:
                    answer: list[Result] = worker.connection.recv()
                except (EOFError, OSError):
                    self._replace(worker, "its worker process died (out of memory?)")
                    continue
                job = worker.job
                assert job is not None
                for offset, result in enumerate(answer):
                    self.results[job.first + offset] = result
                worker.job = None
            elif now >= worker.deadline:
                self._replace(worker, "")

    def _replace(self, worker: _Worker, died: str) -> None:
        """Kill ``worker``, start another, and run its batch again one document per job."""
        job = worker.job
        assert job is not None
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker.start(self.context, self.pipeline)
        if len(job.raws) > 1:
            singles = [_Job(first=job.first + i, raws=[raw]) for i, raw in enumerate(job.raws)]
            self.queue.extendleft(reversed(singles))
            return
        raw = job.raws[0]
        if died:
            error = InternalError(f"internal error: {died}", source=raw.source)
            self.results[job.first] = Failed(source=raw.source, error=error)
        else:
            self.results[job.first] = _too_slow(raw.source, self.pipeline.settings.doc_seconds)
