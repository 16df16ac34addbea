"""Named, registered per-article stages with declared requirements.

A stage is a pure function ``(Analysis, Settings) -> Analysis``. It declares what it
``requires`` and what it ``provides`` (names such as ``"article"``, ``"outlet"``);
:func:`build` checks, before anything runs, that every requirement is provided by the
input or an earlier stage — the way spaCy checks a pipeline's ``requires``/``assigns``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsweave.config import Settings
from newsweave.errors import PipelineError
from newsweave.model import (
    Actor,
    Article,
    Descriptor,
    EventReport,
    Mention,
    Quote,
    RawDocument,
    TimeExpr,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

INPUT_PROVIDES = frozenset({"raw"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """What the per-article stages build up for one document."""

    raw: RawDocument
    article: Article | None = None
    # Metadata found while cleaning (raw.hints plus what HTML extraction read from the
    # page: title, author, date, sitename, url). Evidence for the metadata stage.
    meta_hints: tuple[tuple[str, str], ...] = ()
    # The spaCy parse of article.text ('nlp' stage). Not stored or sent between processes.
    doc: Doc | None = None
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    descriptors: tuple[Descriptor, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reports: tuple[EventReport, ...] = ()

    def require_doc(self) -> Doc:
        if self.doc is None:
            raise PipelineError("stage needs a parse but none was made; is 'nlp' before it?")
        return self.doc

    def require_article(self) -> Article:
        if self.article is None:
            raise PipelineError("stage needs an article but none was built; is 'clean' first?")
        return self.article


StageFunc = Callable[[Analysis, Settings], Analysis]


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage:
    name: str
    func: StageFunc
    requires: frozenset[str]
    provides: frozenset[str]
    doc: str = ""


_REGISTRY: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name``."""

    def register(func: StageFunc) -> StageFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise PipelineError(f"stage {name!r} registered twice")
        _REGISTRY[name] = Stage(
            name=name,
            func=func,
            requires=frozenset(requires),
            provides=frozenset(provides),
            doc=(func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else "",
        )
        return func

    return register


def registered() -> dict[str, Stage]:
    """All registered stages, by name (importing the stage modules registers them)."""
    _load_builtin_stages()
    return dict(_REGISTRY)


# Modules whose import registers the built-in stages (their @stage side effect).
BUILTIN_STAGE_MODULES: tuple[str, ...] = (
    "newsweave.clean.stage",
    "newsweave.meta.stage",
    "newsweave.nlp",
    "newsweave.actors.stage",
    "newsweave.timex.stage",
    "newsweave.quotes.stage",
    "newsweave.events.stage",
)


def _load_builtin_stages() -> None:
    # Kept here so the registry is complete whichever module the caller imported first.
    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)


@dataclass(frozen=True, slots=True)
class Pipeline:
    stages: tuple[Stage, ...]
    settings: Settings

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, raw: RawDocument) -> Analysis:
        analysis = Analysis(raw=raw)
        for st in self.stages:
            analysis = st.func(analysis, self.settings)
        return analysis


def build(
    names: Sequence[str] | None = None, settings: Settings | None = None, *, given: Iterable[str] = ()
) -> Pipeline:
    """Build a pipeline (by default ``settings.stages``), checking every stage's requirements first.

    ``given`` names what the caller's analyses already hold (e.g. an ``article`` built
    directly from text), so stages needing it may come first.
    """
    settings = settings or Settings()
    names = settings.stages if names is None else names
    available = registered()
    provided = set(INPUT_PROVIDES) | set(given)
    stages: list[Stage] = []
    for name in names:
        if name not in available:
            known = ", ".join(sorted(available))
            raise PipelineError(f"unknown stage {name!r} (known: {known})")
        st = available[name]
        missing = st.requires - provided
        if missing:
            raise PipelineError(f"stage {name!r} requires {sorted(missing)}, which no earlier stage provides")
        provided |= st.provides
        stages.append(st)
    return Pipeline(tuple(stages), settings)
