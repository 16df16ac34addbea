"""The stage registry: a name is taken once, and a stage module that fails to import fails loudly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsweave.config import Settings
from newsweave.corpus import DEFAULT_CORPUS_STAGES, CorpusState, build_corpus_pipeline, corpus_stage
from newsweave.errors import PipelineError
from newsweave.registry import Registry


@dataclass(frozen=True, slots=True)
class Named:
    name: str
    func: Callable[..., Any]


def one(x: int) -> int:
    return x


def other(x: int) -> int:
    return -x


def test_a_name_is_taken_once_but_the_same_function_may_register_again() -> None:
    registry: Registry[Named] = Registry("stage", [])
    registry.add(Named("one", one))
    registry.add(Named("one", one))  # its module imported a second time
    with pytest.raises(PipelineError, match=r"stage 'one' registered twice"):
        registry.add(Named("one", other))
    assert registry.get("one").func is one


def test_an_unknown_name_lists_the_known_ones() -> None:
    registry: Registry[Named] = Registry("corpus stage", [])
    registry.add(Named("b", one))
    registry.add(Named("a", other))
    with pytest.raises(PipelineError, match=r"unknown corpus stage 'c' \(known: a, b\)"):
        registry.get("c")


def test_a_stage_module_that_fails_to_import_fails_the_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken_stages.py").write_text("import a_module_nobody_has\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry: Registry[Named] = Registry("stage", ["broken_stages"])
    with pytest.raises(ModuleNotFoundError, match="a_module_nobody_has"):
        registry.all()
    # A stage module that is not there at all is no more skipped than a broken one.
    with pytest.raises(ModuleNotFoundError, match="renamed_stages"):
        Registry("stage", ["renamed_stages"]).all()


def test_the_corpus_registry_refuses_a_second_stage_under_a_taken_name() -> None:
    build_corpus_pipeline()  # every built-in corpus stage registered

    def impostor(state: CorpusState, settings: Settings) -> CorpusState:
        return state

    with pytest.raises(PipelineError, match=r"corpus stage 'copies' registered twice"):
        corpus_stage("copies")(impostor)


def test_the_default_corpus_pipeline_has_every_default_stage() -> None:
    assert tuple(s.name for s in build_corpus_pipeline().stages) == DEFAULT_CORPUS_STAGES
