"""No document holds up a run: a per-document time budget in this process and in workers.

The slow documents here are made slow by a stage registered for the test (a document that
is slow in the real stages is a bug, and the tests of each stage keep them linear); the
pipeline, processes, timers and worker replacement are the real ones.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

import newsweave.batch as batch
from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.errors import InputTooLarge, InternalError, TooSlow
from newsweave.model import Annotations, InputFormat, RawDocument
from newsweave.pipeline import build, stage

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@stage("test-stall", reads=["article"])
def stall_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Stall on documents whose source asks for it."""
    source = analysis.raw.source
    if source.endswith("#stall"):
        time.sleep(600)  # interruptible: the interval timer ends it
    elif source.endswith("#stuck"):
        # like C code that no signal reaches: the timer is blocked, only a kill ends it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    elif source.endswith("#crash"):
        os._exit(3)  # a worker killed from outside, as the OOM killer would
    return analysis


def _seed_raws(marks: dict[int, str]) -> list[RawDocument]:
    raws = []
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        source = f"{path}#{marks[i]}" if i in marks else str(path)
        raws.append(RawDocument(source=source, content=path.read_bytes(), format=InputFormat.TEXT))
    return raws


def _outcomes(results: list[Annotations | Failed]) -> list[str]:
    return [type(r.error).__name__ if isinstance(r, Failed) else "ok" for r in results]


def test_a_stalled_document_fails_as_too_slow_and_the_others_are_analysed() -> None:
    pipeline = build(["clean", "test-stall"], Settings(doc_seconds=1.0))
    raws = _seed_raws({1: "stall"})
    started = time.monotonic()
    results = list(analyse(raws, pipeline))
    assert time.monotonic() - started < 60  # the 600 s sleep was cut short
    assert _outcomes(results) == ["ok", "TooSlow", "ok", "ok", "ok"]
    error = results[1].error  # type: ignore[union-attr]
    assert isinstance(error, TooSlow) and error.source == raws[1].source and "too slow" in str(error)


def test_the_timer_is_off_after_the_run() -> None:
    list(analyse(_seed_raws({}), build(["clean", "test-stall"], Settings(doc_seconds=1.0))))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_a_stuck_worker_is_replaced_and_only_its_document_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_WORKER_GRACE", 3.0)
    pipeline = build(["clean", "test-stall"], Settings(doc_seconds=1.0))
    raws = _seed_raws({0: "stall", 3: "stuck"})
    results = list(analyse(raws, pipeline, processes=2, batch_size=2))
    assert _outcomes(results) == ["TooSlow", "ok", "ok", "TooSlow", "ok"]
    assert [r.raw.source for r in results if isinstance(r, Annotations)] == [
        raws[i].source for i in (1, 2, 4)
    ]


def test_a_dead_worker_is_replaced_and_only_its_document_fails() -> None:
    pipeline = build(["clean", "test-stall"], Settings(doc_seconds=30.0))
    results = list(analyse(_seed_raws({2: "crash"}), pipeline, processes=2, batch_size=3))
    assert _outcomes(results) == ["ok", "ok", "InternalError", "ok", "ok"]
    error = results[2].error  # type: ignore[union-attr]
    assert isinstance(error, InternalError) and "worker process died" in error.message


def test_a_text_over_max_doc_chars_is_too_large_before_parsing() -> None:
    pipeline = build(["clean", "nlp"], Settings(max_doc_chars=5_000))
    results = list(analyse(_seed_raws({}), pipeline))
    sizes = [len(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(SEEDS.glob("*.txt"))]
    assert any(size > 6_000 for size in sizes) and any(size < 4_000 for size in sizes)
    for size, result in zip(sizes, results, strict=True):
        if size > 6_000:
            assert isinstance(result, Failed) and isinstance(result.error, InputTooLarge)
            assert "too large" in result.error.message and "--max-doc-chars" in result.error.message
        elif size < 4_000:
            assert isinstance(result, Annotations)
