"""No input can stop a run: a few hundred bad and odd inputs, with the five seeds among them,
through the real CLI in a subprocess.

The corpus comes from :func:`tests.fuzz_corpus.write_corpus` with a fixed seed. The run must
finish (a 20-minute time-out is the hang detector) with exit status 0 or 1, print no
traceback and no raw control character, store the seeds, name every input that was not
stored on exactly one line (records of a container failing identically may be counted
instead: the repeated-causes rule of docs/cli.md), keep /etc/passwd out of the store, and
stay under 2 GiB of memory. The memory is the child's own peak RSS, from ``os.wait4``.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsweave.terminal import safe_line

from .conftest import SEEDS
from .fuzz_corpus import REPEATED_RECORDS, Finished, FuzzInput, run_measured, write_corpus

FUZZ_INPUTS = 300
FUZZ_SEED = 8
HANG_SECONDS = 20 * 60
MAX_RSS_BYTES = 2 * 2**30
REPEATED_LINES = 3  # cli.running.REPEATED_LINES, restated: the test says what the docs promise

SUMMARY = re.compile(
    r"^(?P<total>\d+) inputs?: (?P<new>\d+) new, (?P<version>\d+) new versions, "
    r"(?P<duplicate>\d+) unchanged, (?P<failed>\d+) failed, (?P<skipped>\d+) skipped$",
    re.MULTILINE,
)
MORE = re.compile(
    r"^failed … and (?P<n>\d+) more records? of (?P<container>.+) with the same error \[NW\d{3}\]$"
)
# What must never reach a terminal raw: C0 controls but the line break, DEL, C1, bidi controls.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


@dataclass(frozen=True, slots=True)
class FuzzRun:
    inputs: list[FuzzInput]
    seeds: list[Path]
    store: Path
    result: Finished

    @property
    def lines(self) -> list[str]:
        return self.result.stderr.splitlines()

    @property
    def problem_lines(self) -> list[str]:
        return [line for line in self.lines if line.startswith(("failed ", "skipped "))]

    def summary(self) -> dict[str, int]:
        found = SUMMARY.search(self.result.stderr)
        assert found is not None, self.result.stderr[-2000:]
        return {key: int(value) for key, value in found.groupdict().items()}

    def stored_sources(self) -> set[str]:
        with sqlite3.connect(self.store) as conn:
            return {row[0] for row in conn.execute("SELECT source FROM documents")}


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory: pytest.TempPathFactory) -> FuzzRun:
    work = tmp_path_factory.mktemp("fuzz")
    folder = work / "inputs"
    inputs = write_corpus(folder, FUZZ_INPUTS, FUZZ_SEED)
    seeds = [Path(shutil.copy(seed, folder / seed.name)) for seed in sorted(SEEDS.glob("*.txt"))]
    store = work / "fuzz.db"
    # --no-fetch: feed entries keep their summaries, nothing leaves this machine
    result = run_measured(["ingest", str(folder), "--no-fetch", "--store", str(store)], work, HANG_SECONDS)
    return FuzzRun(inputs=inputs, seeds=seeds, store=store, result=result)


def test_the_run_finishes_with_one_status_and_no_traceback(fuzz_run: FuzzRun) -> None:
    result = fuzz_run.result
    assert not result.hung, f"killed after {HANG_SECONDS} s: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr[-5000:]
    summary = fuzz_run.summary()
    assert summary["failed"] > 0  # the corpus is made of bad inputs: some must fail
    assert result.returncode == 1, result.stderr[-2000:]


def test_no_raw_control_character_reaches_the_terminal(fuzz_run: FuzzRun) -> None:
    for stream in (fuzz_run.result.stderr, fuzz_run.result.stdout):
        found = RAW_CONTROL.search(stream)
        assert found is None, repr(stream[max(0, found.start() - 200) : found.end() + 200])


def test_the_seeds_are_stored(fuzz_run: FuzzRun) -> None:
    assert {str(seed) for seed in fuzz_run.seeds} <= fuzz_run.stored_sources()


def test_every_failure_is_named_once_or_counted_under_its_container(fuzz_run: FuzzRun) -> None:
    summary = fuzz_run.summary()
    problems = fuzz_run.problem_lines
    more = [m for line in problems if (m := MORE.match(line)) is not None]
    named = len(problems) - len(more)
    assert named + sum(int(m["n"]) for m in more) == summary["failed"] + summary["skipped"]
    assert summary["total"] == sum(summary[k] for k in ("new", "version", "duplicate", "failed", "skipped"))
    records: dict[str, int] = {}
    for line in problems:
        if MORE.match(line) is None:
            source = line.split(" ", 1)[1].split(": ", 1)[0]  # no name in the corpus holds ": "
            records[source] = records.get(source, 0) + 1
    repeated = {source: n for source, n in records.items() if n > 1}
    assert not repeated, f"named on more than one line: {repeated}"


def test_every_input_is_stored_or_named(fuzz_run: FuzzRun) -> None:
    stored = fuzz_run.stored_sources()
    problems = fuzz_run.problem_lines
    containers = {m["container"] for line in problems if (m := MORE.match(line)) is not None}
    missing = []
    for path in [item.path for item in fuzz_run.inputs] + fuzz_run.seeds:
        source = str(path)
        if source in stored or any(s.startswith(source + "#") for s in stored):
            continue
        shown = safe_line(source)
        if shown in containers:
            continue
        own = [line for line in problems if line.split(" ", 1)[1].startswith((f"{shown}: ", f"{shown}#"))]
        if not own:
            missing.append(shown)
    assert not missing, f"neither stored nor named: {missing}"


def line_of(fuzz_run: FuzzRun, kind: str) -> str:
    (item,) = [i for i in fuzz_run.inputs if i.kind == kind]
    shown = safe_line(str(item.path))
    (line,) = [line for line in fuzz_run.problem_lines if line.split(" ", 1)[1].startswith(f"{shown}: ")]
    return line


@pytest.mark.parametrize("kind", ["over-char-limit", "gzip-bomb-html", "gzip-bomb-text"])
def test_inputs_over_a_limit_fail_as_too_large(fuzz_run: FuzzRun, kind: str) -> None:
    line = line_of(fuzz_run, kind)
    assert line.startswith("failed ") and line.endswith("[NW103]"), line


def test_no_gzip_or_nesting_bomb_is_stored(fuzz_run: FuzzRun) -> None:
    # none holds an article: past the size limit once expanded, or JSON with no text in it
    kinds = ("gzip-bomb", "json-nesting", "jsonl-nesting")
    bombs = {str(i.path) for i in fuzz_run.inputs if i.kind.startswith(kinds)}
    stored = {source.split("#", 1)[0] for source in fuzz_run.stored_sources()}
    assert len(bombs) == 8 and not bombs & stored, bombs & stored


def test_text_over_the_character_limit_says_too_large(fuzz_run: FuzzRun) -> None:
    assert "too large" in line_of(fuzz_run, "over-char-limit")


@pytest.mark.parametrize("kind", ["rss-500-non-url-guids", "jsonl-500-same-error"])
def test_repeated_causes_in_one_container_are_counted_in_one_line(fuzz_run: FuzzRun, kind: str) -> None:
    (item,) = [i for i in fuzz_run.inputs if i.kind == kind]
    shown = safe_line(str(item.path))
    own = [line for line in fuzz_run.problem_lines if line.split(" ", 1)[1].startswith(f"{shown}#")]
    assert len(own) == REPEATED_LINES, own
    more = [m for line in fuzz_run.problem_lines if (m := MORE.match(line)) and m["container"] == shown]
    assert [int(m["n"]) for m in more] == [REPEATED_RECORDS - REPEATED_LINES]


def test_etc_passwd_never_reaches_the_store(fuzz_run: FuzzRun) -> None:
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]  # "root:x:0:0:..."
    with sqlite3.connect(fuzz_run.store) as conn:
        (in_text,) = conn.execute("SELECT count(*) FROM articles WHERE instr(text, ?)", (passwd,)).fetchone()
        (in_raw,) = conn.execute(
            "SELECT count(*) FROM documents WHERE instr(raw, ?)", (passwd.encode(),)
        ).fetchone()
    assert (in_text, in_raw) == (0, 0)


def test_peak_memory_is_bounded(fuzz_run: FuzzRun) -> None:
    assert fuzz_run.result.max_rss_bytes < MAX_RSS_BYTES, fuzz_run.result.max_rss_bytes


def test_listing_and_showing_what_was_stored_prints_only_safe_text(fuzz_run: FuzzRun, tmp_path: Path) -> None:
    listing = run_measured(["articles", "--store", str(fuzz_run.store), "--limit", "1000"], tmp_path, 600)
    assert listing.returncode == 0, listing.stderr
    with sqlite3.connect(fuzz_run.store) as conn:
        rows = conn.execute("SELECT id, coalesce(title, '') || source || text FROM articles").fetchall()
    hostile = [article_id for article_id, text in rows if RAW_CONTROL.search(text)][:5]
    assert hostile, "the corpus stores some articles with control characters in their title, source or text"
    for article_id in hostile:
        shown = run_measured(
            ["articles", "--store", str(fuzz_run.store), "show", article_id, "--text"], tmp_path, 600
        )
        assert shown.returncode == 0, shown.stderr
        for result in (listing, shown):
            assert "Traceback" not in result.stderr
            assert RAW_CONTROL.search(result.stdout) is None and RAW_CONTROL.search(result.stderr) is None


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    def snapshot(folder: Path) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for path in sorted(folder.rglob("*")):
            name = str(path.relative_to(folder))
            if path.is_symlink():
                found[name] = str(path.readlink()).encode()
            elif path.is_file():
                found[name] = path.read_bytes()
        return found

    first = write_corpus(tmp_path / "a", 40, 3)
    second = write_corpus(tmp_path / "b", 40, 3)
    assert len(first) >= 40
    assert [i.kind for i in first] == [i.kind for i in second]
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    other = write_corpus(tmp_path / "c", 40, 4)
    assert snapshot(tmp_path / "c") != snapshot(tmp_path / "a")
    assert {i.kind for i in other} >= {"gzip-bomb-html", "symlink-etc-passwd", "rss-xxe", "over-char-limit"}
