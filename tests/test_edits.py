"""The edit log: whatever edits cleaning makes, undoing them restores the input exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import EditKind
from newsweave.stages.clean.edits import Edit, EditLog, undo


@st.composite
def text_and_steps(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    text = draw(st.text(alphabet="ab \n’—", max_size=40))
    steps: list[list[tuple[int, int, str]]] = []
    length = len(text)
    for _ in range(draw(st.integers(0, 4))):
        cuts = sorted(draw(st.lists(st.integers(0, length), max_size=6)))
        pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
        step = [(a, b, draw(st.sampled_from(["", "x", "yz"]))) for a, b in pairs]
        steps.append(step)
        length += sum(len(r) - (b - a) for a, b, r in step)
    return text, steps


@given(text_and_steps())
def test_undo_restores_input(case: tuple[str, list[list[tuple[int, int, str]]]]) -> None:
    text, steps = case
    log = EditLog(text)
    for step in steps:
        log.apply([Edit(start=a, end=b, replacement=r, kind=EditKind.BOILERPLATE) for a, b, r in step])
    assert log.undo_all() == text
    assert undo(log.text, log.repairs(), log.removals()) == text
    for repair in log.repairs():
        assert 0 <= repair.span.start < repair.span.end <= len(log.text)
    for removal in log.removals():
        assert 0 <= removal.at <= len(log.text)


def test_removal_then_repair_next_to_it() -> None:
    log = EditLog("<img> Hamas鈥檚 leader")
    log.apply([Edit(start=0, end=6, replacement="", kind=EditKind.MARKUP)])
    log.apply([Edit(start=5, end=7, replacement="’s", kind=EditKind.GBK_MOJIBAKE)])
    assert log.text == "Hamas’s leader"
    assert [r.original for r in log.repairs()] == ["鈥檚"]
    assert [(r.at, r.text) for r in log.removals()] == [(0, "<img> ")]
    assert undo(log.text, log.repairs(), log.removals()) == "<img> Hamas鈥檚 leader"
