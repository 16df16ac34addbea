"""Corpus stages: work over many articles at once (copies, stories, events across articles,
disagreements, framing, timeline, briefing).

A corpus stage is a pure function ``(CorpusState, Settings) -> CorpusState`` registered with
:func:`corpus_stage`; like per-article stages it declares what it requires and provides, and
:func:`build_corpus_pipeline` checks the order before anything runs. Corpus stages must stay
sub-quadratic: block candidates (time windows, shared actors, MinHash LSH, nearest
neighbours) instead of comparing all pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.config import Settings
from newsweave.errors import PipelineError
from newsweave.model import Annotations, Article, CorpusState
from newsweave.registry import Registry

__all__ = [
    "DEFAULT_CORPUS_STAGES",
    "CorpusPipeline",
    "CorpusStage",
    "CorpusState",
    "analyse_corpus",
    "build_corpus_pipeline",
    "corpus_stage",
]


CorpusFunc = Callable[[CorpusState, Settings], CorpusState]


@dataclass(frozen=True, slots=True, kw_only=True)
class CorpusStage:
    name: str
    func: CorpusFunc
    requires: frozenset[str]
    provides: frozenset[str]


CORPUS_INPUT = frozenset({"articles", "annotations"})
DEFAULT_CORPUS_STAGES: tuple[str, ...] = (
    "copies",
    "actors-across",
    "stories",
    "events-across",
    "dates-across",
    "disagreements",
    "framing",
    "timeline",
    "briefing",
)


def corpus_stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[CorpusFunc], CorpusFunc]:
    """Register ``func`` as the corpus stage ``name``."""

    def register(func: CorpusFunc) -> CorpusFunc:
        _REGISTRY.add(
            CorpusStage(name=name, func=func, requires=frozenset(requires), provides=frozenset(provides))
        )
        return func

    return register


CORPUS_STAGE_MODULES: tuple[str, ...] = (
    "copies",
    "actors",
    "stories",
    "events.stage",
    "dates",
    "compare.stage",
    "framing",
    "timeline",
    "briefing.stage",
)


# Imported for their @corpus_stage side effect: each module registers its stages.
_REGISTRY: Registry[CorpusStage] = Registry(
    "corpus stage", [f"newsweave.corpus.{module}" for module in CORPUS_STAGE_MODULES]
)


@dataclass(frozen=True, slots=True)
class CorpusPipeline:
    stages: tuple[CorpusStage, ...]
    settings: Settings

    def run(self, state: CorpusState) -> CorpusState:
        for st in self.stages:
            state = st.func(state, self.settings)
        return state


def build_corpus_pipeline(
    names: Sequence[str] | None = None, settings: Settings | None = None
) -> CorpusPipeline:
    """Build the corpus pipeline (default: every built-in stage, in order)."""
    provided = set(CORPUS_INPUT)
    stages = []
    for name in DEFAULT_CORPUS_STAGES if names is None else names:
        st = _REGISTRY.get(name)
        missing = st.requires - provided
        if missing:
            raise PipelineError(
                f"corpus stage {name!r} requires {sorted(missing)}, which no earlier stage provides"
            )
        provided |= st.provides
        stages.append(st)
    return CorpusPipeline(tuple(stages), settings or Settings())


def analyse_corpus(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], settings: Settings | None = None
) -> CorpusState:
    """Run every corpus stage over ``articles``."""
    state = CorpusState(articles=tuple(articles), annotations=dict(annotations))
    return build_corpus_pipeline(settings=settings).run(state)
