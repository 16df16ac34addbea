"""Every per-article stage writes only the fields it declares, and a pipeline whose stages read
what no earlier stage writes is refused before it runs: the seeds, through every stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from newsweave.config import Settings
from newsweave.errors import PipelineError
from newsweave.ingest import iter_inputs
from newsweave.model import Annotations, RawDocument
from newsweave.pipeline import Stage, build, registered, stage

from .conftest import SEEDS


def written_fields(before: Annotations, after: Annotations) -> set[str]:
    """The fields of the carrier that differ, the article's by field (``article.published``)."""
    changed = set()
    for f in dataclasses.fields(Annotations):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if f.name == "doc":
            if old is not new:
                changed.add("doc")
        elif f.name == "article" and old is not None and new is not None:
            changed |= {
                f"article.{g.name}"
                for g in dataclasses.fields(new)
                if getattr(old, g.name) != getattr(new, g.name)
            }
        elif old != new:
            changed.add(f.name)
    return changed


def undeclared(st: Stage, before: Annotations, after: Annotations) -> set[str]:
    declared = set(st.writes)
    return {
        name
        for name in written_fields(before, after)
        if name not in declared and not (name.startswith("article.") and "article" in declared)
    }


def seeds() -> Iterator[RawDocument]:
    for item in iter_inputs([str(SEEDS)], Settings()):
        assert not isinstance(item, Exception), item
        for document in item.read():
            assert isinstance(document, RawDocument), document
            yield document


@pytest.fixture(scope="module")
def traces() -> list[list[tuple[Stage, Annotations, Annotations]]]:
    pipeline = build(settings=Settings())
    found = []
    for raw in seeds():
        state = Annotations(raw=raw)
        steps = []
        for st in pipeline.stages:
            after = st.func(state, pipeline.settings)
            steps.append((st, state, after))
            state = after
        found.append(steps)
    assert len(found) == 5
    return found


Trace = list[list[tuple[Stage, Annotations, Annotations]]]


def test_each_stage_writes_only_what_it_declares(traces: Trace) -> None:
    for steps in traces:
        for st, before, after in steps:
            assert not undeclared(st, before, after), (st.name, before.raw and before.raw.source)


def test_each_stage_writes_something_it_declares_on_some_seed(traces: Trace) -> None:
    # A declaration that no seed ever needs is suspect: every stage changes something on one of them.
    for n, (st, _, _) in enumerate(traces[0]):
        assert any(written_fields(steps[n][1], steps[n][2]) & set(st.writes) for steps in traces), st.name


def test_the_checker_catches_an_undeclared_write() -> None:
    def sneaky(analysis: Annotations, settings: Settings) -> Annotations:
        return dataclasses.replace(analysis, quotes=(), timexes=analysis.timexes)

    st = Stage(name="sneaky", func=sneaky, reads=frozenset(), writes=frozenset({"timexes"}))
    before = next(step for step in _quoted())
    assert undeclared(st, before, sneaky(before, Settings())) == {"quotes"}


def _quoted() -> Iterator[Annotations]:
    pipeline = build(["clean", "metadata", "nlp", "actors", "quotes"], Settings())
    for raw in seeds():
        found = pipeline.run(raw)
        if found.quotes:
            yield found


def test_a_stage_reading_what_nothing_writes_is_refused() -> None:
    with pytest.raises(PipelineError, match=r"stage 'quotes' reads \['actors', 'doc', 'mentions'\]"):
        build(["clean", "quotes"], Settings())
    with pytest.raises(PipelineError, match=r"stage 'time' reads \['article.published'\]"):
        build(["clean", "nlp", "time"], Settings())  # the date is the metadata stage's to find
    assert build(["nlp", "time"], Settings(), given=("article", "article.published")).names == ("nlp", "time")


def test_names_that_are_no_fields_are_refused() -> None:
    with pytest.raises(PipelineError, match="fields Annotations does not have: entities"):
        stage("bad", reads=["entities"])
    with pytest.raises(PipelineError, match=r"fields Annotations does not have: article\.section"):
        build(["nlp"], Settings(), given=("article", "article.section"))
    assert "bad" not in registered()
