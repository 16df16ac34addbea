"""The codec's generated fast path is only a shortcut: on every record the pipeline writes, and on
each way of breaking one, it gives what the field plans give, or the same error.

The records are the real pipeline's, from the seed reports; each variant breaks one key of one
object (left out, null, a value of another JSON type), at the first place each key occurs.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsweave
from newsweave import codec
from newsweave.model import Annotations, Article, CorpusState

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

Path_ = tuple[str | int, ...]


@pytest.fixture(scope="module")
def state() -> CorpusState:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    corpus = newsweave.analyze(str(SEEDS))
    assert len(corpus.articles) == 5
    return corpus._state


def outcome(cls: type, data: Any, *, planned: bool) -> tuple[str, Any]:
    try:
        found = codec.decode_planned(cls, data) if planned else codec.decode(cls, data)
    except ValueError as exc:
        return "error", str(exc)
    return "value", found


def first_paths(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    """The path to each key of each object, once per key pattern (list positions left out)."""
    seen: set[tuple[str | int, ...]] = set()

    def walk(value: Any, at: Path_) -> Iterator[Path_]:
        if isinstance(value, dict):
            for key, inner in value.items():
                pattern = tuple(p for p in (*at, key) if isinstance(p, str))
                if pattern not in seen:
                    seen.add(pattern)
                    yield (*at, key)
                yield from walk(inner, (*at, key))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                yield from walk(inner, (*at, i))

    yield from walk(data, path)


def broken(data: Any, path: Path_) -> Iterator[Any]:
    """``data`` with the key at ``path`` left out, null, and of another JSON type."""
    *parents, last = path
    current = data
    value = data
    for step in path:
        value = value[step]
    wrong: list[Any] = [None, [], {}, "x" if not isinstance(value, str) else 1.5, True]
    for replacement in (_GONE, *wrong):
        variant = copy.deepcopy(data)
        current = variant
        for step in parents:
            current = current[step]
        if replacement is _GONE:
            del current[last]
        else:
            current[last] = replacement
        yield variant


_GONE = object()


def test_the_fast_path_reads_what_the_plans_read(state: CorpusState) -> None:
    for record, cls in [
        *((a, Article) for a in state.articles),
        *((a, Annotations) for a in state.annotations.values()),
        (state, CorpusState),
    ]:
        data = codec.encode(record)
        assert codec.decode(cls, data) == codec.decode_planned(cls, data) == record


def test_each_broken_key_gets_the_plans_answer(state: CorpusState) -> None:
    cases = [
        (Article, codec.encode(state.articles[0])),
        (Annotations, codec.encode(max(state.annotations.values(), key=lambda a: len(a.reports)))),
        *(
            (type(item), codec.encode(item))
            for item in (state.events[0], state.stories[0], state.timeline[0])
        ),
    ]
    checked = 0
    errors = 0
    for cls, data in cases:
        for path in first_paths(data):
            for variant in broken(data, path):
                fast = outcome(cls, variant, planned=False)
                assert fast == outcome(cls, variant, planned=True), path
                checked += 1
                errors += fast[0] == "error"
    # Real variety: many keys broken, and both kinds of answer among them.
    assert checked > 300
    assert 0 < errors < checked
