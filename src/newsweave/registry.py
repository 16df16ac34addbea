"""Named stages, registered by the modules that define them: one registry implementation for the
per-article stages and the corpus stages alike.

Importing a stage module registers its stages (a decorator's side effect). :meth:`Registry.all`
imports every built-in stage module first, so the registry is complete whichever module a caller
imported, and a module that fails to import fails the caller: a stage renamed or broken never
just goes missing from the default pipeline, its tests skipping with it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from newsweave.errors import PipelineError


class Registered(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def func(self) -> Callable[..., Any]: ...


S = TypeVar("S", bound=Registered)


class Registry(Generic[S]):
    """Stages of one kind by name; ``kind`` names them in messages ("stage", "corpus stage")."""

    def __init__(self, kind: str, modules: Sequence[str]) -> None:
        self.kind = kind
        self.modules = tuple(modules)
        self._stages: dict[str, S] = {}

    def add(self, stage: S) -> None:
        """Register ``stage``; another function under a name already taken is an error."""
        known = self._stages.get(stage.name)
        # The same function again is no conflict: a module imported a second time re-registers it.
        if known is not None and known.func is not stage.func:
            raise PipelineError(f"{self.kind} {stage.name!r} registered twice")
        self._stages[stage.name] = stage

    def all(self) -> dict[str, S]:
        """Every stage, by name, once every built-in stage module is imported."""
        for module in self.modules:
            importlib.import_module(module)
        return dict(self._stages)

    def get(self, name: str) -> S:
        """The stage ``name``; raises :class:`PipelineError` naming the known ones if there is none."""
        stages = self.all()
        if name not in stages:
            raise PipelineError(f"unknown {self.kind} {name!r} (known: {', '.join(sorted(stages))})")
        return stages[name]
