"""`newsweave code`: one JSON line in, one out, events coded with PLOVER, CAMEO, modality and actors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsweave.code_text import code_lines, coding_pipeline, parse_line


def test_parse_line_reads_json_objects_and_plain_text() -> None:
    item = parse_line('{"id": "x1", "text": "Iran threatened Israel.", "date": "2024-08-01"}', 1)
    assert (item.id, item.text, item.date and item.date.isoformat()) == (
        "x1",
        "Iran threatened Israel.",
        "2024-08-01",
    )
    plain = parse_line("Iran threatened Israel.\n", 7)
    assert (plain.id, plain.text, plain.date) == ("7", "Iran threatened Israel.", None)
    broken = parse_line('{"id": 1, "text": ', 3)  # not JSON: coded as the text it is
    assert broken.text == '{"id": 1, "text": '


def test_code_lines_codes_events_with_offsets_into_the_input() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Israel killed Hamas leader Ismail Haniyeh in Tehran on Wednesday.",
                    "date": "2024-08-01"}),
        "Iran vowed to retaliate against Israel.",
        "",
        "The weather was mild.",
    ]  # fmt: skip
    results = list(code_lines(lines, coding_pipeline()))
    assert [r["id"] for r in results] == ["a", "2", "4"]
    killing = next(e for e in results[0]["events"] if e["type"] == "ASSAULT")
    text = json.loads(lines[0])["text"]
    assert text[killing["trigger_start"] : killing["trigger_end"]] == "killed"
    assert killing["goldstein"] is not None and killing["goldstein"] < 0
    assert {"ISR"} == {a["country"] for a in killing["actor"]}
    assert "Ismail Haniyeh" in {a["name"] for a in killing["recipient"]}
    assert killing["when"] == "2024-07-31"
    coded = {e["trigger"]: e for e in results[1]["events"]}
    assert coded["vowed"]["type"] == "THREATEN"  # the vow happened ...
    assert coded["retaliate"]["type"] == "ASSAULT"  # ... the attack has not
    assert coded["retaliate"]["modality"] in {"threatened", "expected"}
    assert results[2]["events"] == []


def test_code_command_reads_stdin(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "newsweave", "code"],
        input="Protesters rallied in Paris against the pension reform.\n",
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    coded = json.loads(line)
    assert coded["id"] == "1"
    assert coded["events"] and coded["events"][0]["type"] == "PROTEST"
