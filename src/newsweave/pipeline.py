"""Named, registered per-article stages that declare the fields they read and write.

A stage is a pure function ``(Annotations, Settings) -> Annotations`` over the one per-article
carrier, :class:`newsweave.model.Annotations`. It declares what it ``reads`` and ``writes`` by
the carrier's real field names — ``"doc"``, ``"mentions"`` — or, for the article's metadata, a
field of the article (``"article.published"``). :func:`build` checks, before anything runs,
that every field a stage reads was written by an earlier stage or is given, the way spaCy checks
a pipeline's ``requires``/``assigns``; ``tests/test_stage_contracts.py`` checks that each stage
writes nothing it did not declare.

A stage may also give a ``batch`` function over many documents at once (spaCy parses faster
in batches); :func:`newsweave.batch.run_batch` then uses it, in one process or in workers alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsweave.config import Settings
from newsweave.errors import PipelineError
from newsweave.model import Annotations, Article, RawDocument
from newsweave.registry import Registry

# What every document starts with.
INPUT_FIELDS = frozenset({"raw"})

StageFunc = Callable[[Annotations, Settings], Annotations]
# One result per document, in order: its annotations, or the exception it alone failed with.
BatchFunc = Callable[[Sequence[Annotations], Settings], list[Annotations | Exception]]


def field_names() -> frozenset[str]:
    """The names a stage may read or write: the carrier's fields, and ``article.<field>``."""
    own = {f.name for f in dataclasses.fields(Annotations)}
    return frozenset(own | {f"article.{f.name}" for f in dataclasses.fields(Article)})


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage:
    name: str
    func: StageFunc
    reads: frozenset[str]
    writes: frozenset[str]
    batch: BatchFunc | None = None
    doc: str = ""


def stage(
    name: str, *, reads: Iterable[str] = (), writes: Iterable[str] = (), batch: BatchFunc | None = None
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name``; ``batch``, if given, does the same over many documents."""
    reads, writes = frozenset(reads), frozenset(writes)
    unknown = sorted((reads | writes) - field_names())
    if unknown:
        raise PipelineError(f"stage {name!r} names fields Annotations does not have: {', '.join(unknown)}")

    def register(func: StageFunc) -> StageFunc:
        _REGISTRY.add(
            Stage(
                name=name,
                func=func,
                reads=reads,
                writes=writes,
                batch=batch,
                doc=(func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else "",
            )
        )
        return func

    return register


def registered() -> dict[str, Stage]:
    """All registered stages, by name (importing the stage modules registers them)."""
    return _REGISTRY.all()


# Modules whose import registers the built-in stages (their @stage side effect).
BUILTIN_STAGE_MODULES: tuple[str, ...] = (
    "newsweave.stages.clean.stage",
    "newsweave.stages.meta.stage",
    "newsweave.stages.nlp",
    "newsweave.stages.actors.stage",
    "newsweave.stages.timex.stage",
    "newsweave.stages.quotes.stage",
    "newsweave.stages.events.stage",
)


_REGISTRY: Registry[Stage] = Registry("stage", BUILTIN_STAGE_MODULES)


@dataclass(frozen=True, slots=True)
class Pipeline:
    stages: tuple[Stage, ...]
    settings: Settings

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def run(self, raw: RawDocument) -> Annotations:
        """Analyse one document; raises what a stage raises (batch.run_batch reports it instead)."""
        return self.apply(Annotations(raw=raw))

    def apply(self, annotations: Annotations) -> Annotations:
        """Run the stages over ``annotations`` (for callers that built the article themselves)."""
        for st in self.stages:
            annotations = st.func(annotations, self.settings)
        return annotations


def build(
    names: Sequence[str] | None = None, settings: Settings | None = None, *, given: Iterable[str] = ()
) -> Pipeline:
    """Build a pipeline (by default ``settings.stages``), checking every stage's reads first.

    ``given`` names the fields the caller's documents already hold (e.g. ``article`` and
    ``article.published`` for an article built directly from text), so stages reading them may
    come first.
    """
    settings = settings or Settings()
    names = settings.stages if names is None else names
    given = set(given)
    unknown = sorted(given - field_names())
    if unknown:
        raise PipelineError(f"given names fields Annotations does not have: {', '.join(unknown)}")
    written = set(INPUT_FIELDS) | given
    stages: list[Stage] = []
    for name in names:
        st = _REGISTRY.get(name)
        # "article.published" needs a writer of exactly that, not merely of "article": a stage
        # reading the publication date comes after the stage that finds it.
        missing = sorted(st.reads - written)
        if missing:
            raise PipelineError(f"stage {name!r} reads {missing}, which no earlier stage writes")
        written |= st.writes
        stages.append(st)
    return Pipeline(tuple(stages), settings)
