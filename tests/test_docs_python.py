"""The examples of docs/python.md run: every ```python block, in order, in one namespace, from a folder
where ``../shared/seeds`` is the seeds (as from the repository's root), so that nothing lands in the repo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import REPO, SHARED

DOC = REPO / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def python_blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text(encoding="utf-8"))


def test_the_page_has_examples_of_every_public_function() -> None:
    code = "\n".join(python_blocks())
    for call in ("newsweave.analyze(", "newsweave.read(", ".to_json(", ".to_pandas("):
        assert call in code, call


def test_the_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    monkeypatch.chdir(root)
    namespace: dict[str, object] = {"__name__": "docs_python"}
    blocks = python_blocks()
    assert len(blocks) >= 8
    for number, block in enumerate(blocks, start=1):
        try:
            exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"docs/python.md block {number} failed:\n{block}") from exc
    assert sorted(p.name for p in root.iterdir()) == []  # the examples leave nothing behind
