"""The run loop: unchanged inputs are not analysed again, and keep their stored analysis."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

import newsweave.run as run_module
from newsweave.config import Settings
from newsweave.model import RawDocument
from newsweave.run import run
from newsweave.store import Store

from .conftest import SEEDS


def test_unchanged_inputs_are_not_analysed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    analysed: list[str] = []
    real = run_module.analyse

    def counting(raws: Iterable[RawDocument], *args: Any, **kwargs: Any) -> Iterator[Any]:
        def seen() -> Iterator[RawDocument]:
            for raw in raws:
                analysed.append(raw.source)
                yield raw

        return real(seen(), *args, **kwargs)

    monkeypatch.setattr(run_module, "analyse", counting)
    with Store.open(":memory:") as store:
        first = run([str(SEEDS)], Settings(), store)
        assert first.counts["new"] == 5 and len(analysed) == 5
        analysed.clear()
        second = run([str(SEEDS)], Settings(), store)
    assert analysed == []
    assert second.counts["duplicate"] == 5
    assert {a.id for a in second.articles} == {a.id for a in first.articles}
    assert second.annotations.keys() == first.annotations.keys()
    haniyeh = "kb:ismail-haniyeh"
    assert all(any(m.actor_id == haniyeh for m in ann.mentions) for ann in second.annotations.values())


def test_another_pipeline_analyses_again() -> None:
    with Store.open(":memory:") as store:
        run([str(SEEDS)], Settings(stages=("clean", "metadata")), store)
        again = run([str(SEEDS)], Settings(), store)
        assert again.counts["duplicate"] == 5
        assert all(ann.reports for ann in again.annotations.values())  # refreshed by the full pipeline
