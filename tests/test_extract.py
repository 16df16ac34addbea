"""`newsweave extract`: the real CLI on the seeds and on bad inputs, beside `ingest` on the same inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsweave.export.json_export import article_item, export_schema
from newsweave.store import Store

from .conftest import SEEDS

NEWSWEAVE = [sys.executable, "-m", "newsweave"]
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
# The export contract's required fields of articles[] (DESIGN.md), and what `extract` promises beside them.
CONTRACT_FIELDS = {"id", "source", "title", "outlet", "published", "text", "repairs", "removed"}
PROMISED_FIELDS = {"url", "byline", "published_detail", "outlet_detail"}


def newsweave(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSWEAVE, *args], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)


def json_lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def message_lines(stderr: str) -> list[str]:
    """The failed/skipped lines and the closing count line."""
    lines = stderr.splitlines()
    return [line for line in lines if line.startswith(("failed ", "skipped ")) or " inputs: " in line]


def validate_article(item: dict[str, Any]) -> None:
    schema = export_schema()
    jsonschema.validate(item, {"$ref": "#/$defs/article", "$defs": schema["$defs"]})


@pytest.fixture(scope="module")
def seeds_extracted(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return newsweave("extract", str(SEEDS), cwd=tmp_path_factory.mktemp("extract"))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Two seeds with one input of each kind of trouble: empty, binary, broken JSON, a README."""
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "records.jsonl").write_text('{"title": "no text"}\n{broken\n', encoding="utf-8")
    (folder / "README.md").write_text("# Notes\n\nNot news.\n", encoding="utf-8")
    return folder


def test_one_json_line_per_seed_with_the_contract_fields(
    seeds_extracted: subprocess.CompletedProcess[str],
) -> None:
    result = seeds_extracted
    assert result.returncode == 0, result.stderr
    items = json_lines(result.stdout)
    assert sorted(Path(i["source"]).name for i in items) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for item in items:
        assert set(item) >= CONTRACT_FIELDS | PROMISED_FIELDS, item.keys()
        validate_article(item)
        for repair in item["repairs"]:
            assert item["text"][repair["start"] : repair["end"]] == repair["replacement"]
    assert "5 inputs: 5 new, 0 new versions, 0 unchanged, 0 failed, 0 skipped" in result.stderr
    ap = next(i for i in items if i["outlet"] == "The Associated Press")
    assert ap["published"] == "2024-07-31"
    assert ap["published_detail"]["evidence"]  # the date says where it came from
    assert any("Linkedin Pinterest" in r["text"] for r in ap["removed"])  # share buttons removed, recorded
    assert "Linkedin Pinterest" not in ap["text"]
    mojibake = [i for i in items if i["repairs"]]
    assert mojibake and all("鈥" not in i["text"] for i in items)


def test_each_line_is_the_article_ingest_stores(
    seeds_extracted: subprocess.CompletedProcess[str], tmp_path: Path
) -> None:
    db = tmp_path / "nw.db"
    ingested = newsweave("ingest", str(SEEDS), "--store", str(db), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    with Store.open(db) as store:
        for item in json_lines(seeds_extracted.stdout):
            assert article_item(store.get(item["id"])) == item


def test_bad_inputs_get_the_lines_and_exit_status_of_ingest(mixed: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-file.txt")
    extracted = newsweave("extract", str(mixed), missing, cwd=tmp_path)
    ingested = newsweave("ingest", str(mixed), missing, "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    assert extracted.returncode == ingested.returncode == 1, extracted.stderr
    assert "Traceback" not in extracted.stderr
    assert message_lines(extracted.stderr) == message_lines(ingested.stderr)
    lines = message_lines(extracted.stderr)
    for name in ("empty.txt", "binary.txt", "records.jsonl#L1", "records.jsonl#L2", "README.md", missing):
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert lines[-1] == "8 inputs: 2 new, 0 new versions, 0 unchanged, 5 failed, 1 skipped"
    assert len(json_lines(extracted.stdout)) == 2


def test_only_skipped_inputs_exit_zero(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "LICENSE").write_text("Permission is granted.\n", encoding="utf-8")
    result = newsweave("extract", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "1 input: 0 new, 0 new versions, 0 unchanged, 0 failed, 1 skipped" in result.stderr


def test_output_file_is_written_whole_and_stdout_stays_empty(tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    result = newsweave("extract", str(SEEDS), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote 5 articles to {out}" in result.stderr
    assert len(json_lines(out.read_text(encoding="utf-8"))) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl"]  # no temporary file, no store


def test_output_in_a_missing_folder_is_one_fatal_line(tmp_path: Path) -> None:
    result = newsweave("extract", str(SEEDS), "--output", str(tmp_path / "nope" / "a.jsonl"), cwd=tmp_path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: cannot write {tmp_path / 'nope' / 'a.jsonl'}: No such file or directory"
    ]


def test_an_input_given_twice_is_one_line(tmp_path: Path) -> None:
    seed = str(next(iter(sorted(SEEDS.glob("*.txt")))))
    result = newsweave("extract", seed, seed, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json_lines(result.stdout)) == 1
    assert "2 inputs: 1 new, 0 new versions, 1 unchanged, 0 failed, 0 skipped" in result.stderr


def test_max_doc_chars_refuses_long_texts_as_ingest_does(
    seeds_extracted: subprocess.CompletedProcess[str], tmp_path: Path
) -> None:
    sizes = sorted(len(i["text"]) for i in json_lines(seeds_extracted.stdout))
    limit = sizes[2]  # between the seeds: some pass, some are too large
    result = newsweave("extract", str(SEEDS), "--max-doc-chars", str(limit), cwd=tmp_path)
    assert result.returncode == 1
    kept = json_lines(result.stdout)
    assert len(kept) == sum(size <= limit for size in sizes) and all(len(i["text"]) <= limit for i in kept)
    too_large = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert len(too_large) == len(sizes) - len(kept) and all(line.endswith("[NW103]") for line in too_large)


def test_no_store_option(tmp_path: Path) -> None:
    result = newsweave("extract", str(SEEDS), "--store", str(tmp_path / "x.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert "No such option '--store'" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_a_reader_that_stops_early_ends_the_run_without_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):  # far more than a pipe buffer holds, so writes go on after the reader stops
        words = " ".join(f"word{i}x{j}" for j in range(150))
        text = f"Report {i}\n\nOfficials said on Monday {words}.\n"
        (folder / f"{i:03}.txt").write_text(text, encoding="utf-8")
    command = [*NEWSWEAVE, "extract", str(folder)]
    with subprocess.Popen(
        command, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = json.loads(proc.stdout.readline())
        proc.stdout.close()  # as `| head -1` does
        stderr = proc.stderr.read().decode("utf-8")
        status = proc.wait(timeout=600)
    assert first["text"].startswith("Report 0")
    assert status == 1
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
