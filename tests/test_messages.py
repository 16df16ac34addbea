"""The CLI's messages (docs/cli.md, "Messages"): one line per failed or skipped input, every input
counted, controls in names escaped, repeated causes in one container counted in one line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS, seed_path

NEWSWEAVE = [sys.executable, "-m", "newsweave"]


def newsweave(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([*NEWSWEAVE, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("failed ", "skipped "))]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(seed_path("000"), inputs / seed_path("000").name)
    return inputs


def test_hostile_names_stay_on_their_line_and_are_shown_escaped(folder: Path, tmp_path: Path) -> None:
    broken = b'{"text": "never closed'  # invalid JSON: a failure, whatever the name
    (folder / "evil\nfailed forged.txt: fine [NW000]\x1b[2J.json").write_bytes(broken)
    (folder / "invoice\u202etxt.json").write_bytes(broken)
    (folder / os.fsdecode(b"latin1-\xe9.json")).write_bytes(broken)
    result = newsweave("ingest", str(folder), "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    lines = problem_lines(result.stderr)
    assert len(lines) == 3, lines
    assert sum(line.startswith("failed ") for line in lines) == 3
    assert any("evil\\nfailed forged.txt: fine [NW000]\\x1b[2J.json: " in line for line in lines), lines
    assert any("invoice\\u202etxt.json: " in line for line in lines), lines
    assert any("latin1-\\udce9.json: " in line for line in lines), lines
    assert "4 inputs: 1 new, 0 new versions, 0 unchanged, 3 failed, 0 skipped" in result.stderr


def test_skipped_inputs_are_counted_and_named_but_are_no_failure(folder: Path, tmp_path: Path) -> None:
    (folder / "README.md").write_text("# What this folder is\n\nNotes, not news.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text(seed_path("001").read_text(encoding="utf-8"), encoding="utf-8")
    result = newsweave("ingest", str(folder), "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = problem_lines(result.stderr)
    assert len(lines) == 2 and all(line.startswith("skipped ") and line.endswith("[NW106]") for line in lines)
    assert "3 inputs: 1 new, 0 new versions, 0 unchanged, 0 failed, 2 skipped" in result.stderr


def test_identical_failures_of_one_container_are_counted_after_three_lines(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    good = json.loads(
        (SEEDS.parent / "corpus/usatoday-2024q3/articles_2024-07_to_09.jsonl").open().readline()
    )
    lines = [json.dumps({"title": f"no text {i}"}) for i in range(10)]  # ten times "no text field"
    lines += ["{broken " + "x" * i for i in range(1, 6)]  # five times invalid JSON, at different columns
    lines.append(json.dumps(good))
    records.write_text("\n".join(lines), encoding="utf-8")
    result = newsweave("ingest", str(records), "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    assert result.returncode == 1
    shown = problem_lines(result.stderr)
    assert sum("record has no text field" in line for line in shown) == 3
    assert sum("invalid JSON" in line for line in shown) == 3
    assert f"failed … and 7 more records of {records} with the same error [NW105]" in shown
    assert f"failed … and 2 more records of {records} with the same error [NW105]" in shown
    assert "16 inputs: 1 new, 0 new versions, 0 unchanged, 15 failed, 0 skipped" in result.stderr


def test_a_long_message_is_cut_but_keeps_its_name_and_code(tmp_path: Path) -> None:
    broken = tmp_path / "long-line.jsonl"
    broken.write_text('{"text": "' + "word " * 5000 + '", broken', encoding="utf-8")
    result = newsweave("ingest", str(broken), "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    (line,) = problem_lines(result.stderr)
    assert line.startswith(f"failed {broken}#L1: ") and line.endswith("[NW105]")
    assert len(line) < len(str(broken)) + 400


def test_markup_and_emoji_codes_in_names_are_printed_as_written(folder: Path, tmp_path: Path) -> None:
    name = "[bold red]not bold[-bold red] :fire: \\[x].json"
    (folder / name).write_bytes(b"{broken")
    result = newsweave("ingest", str(folder), "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    (line,) = problem_lines(result.stderr)
    assert f"{name}: " in line, line
