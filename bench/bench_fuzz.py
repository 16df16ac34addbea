"""The fuzz corpus at full size through the real CLI: does every input get through, and at what cost?

Writes ``--inputs`` bad and odd inputs (tests/fuzz_corpus.py, fixed ``--seed``) with the five
seeds among them, runs ``python -m newsweave ingest DIR --no-fetch`` in a subprocess and
prints: inputs written, outcomes counted, tracebacks, hangs (killed after ``--timeout``),
lines naming an input, internal errors (NW900, each a bug to fix), wall time and the
child's peak RSS (``os.wait4``).

Run: .venv/bin/python bench/bench_fuzz.py [--inputs 1000] [--seed 8] [-j 1] [--keep DIR]
(result: docs/performance.md)
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests/ is a package: the corpus generator lives there

from tests.fuzz_corpus import SHARED, run_measured, write_corpus  # noqa: E402

SUMMARY = re.compile(
    r"^(?P<total>\d+) inputs?: (?P<new>\d+) new, (?P<version>\d+) new versions, "
    r"(?P<duplicate>\d+) unchanged, (?P<failed>\d+) failed, (?P<skipped>\d+) skipped$",
    re.MULTILINE,
)
MORE = re.compile(r"^failed … and (?P<n>\d+) more records? of .+ with the same error \[NW\d{3}\]$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000, help="how many fuzz inputs to write (at least)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("-j", "--processes", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before the run counts as hung")
    parser.add_argument("--keep", type=Path, help="write the corpus and store here and keep them")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="nw-fuzz-"))
    folder = work / "inputs"
    if folder.exists():
        shutil.rmtree(folder)
    (work / "fuzz.db").unlink(missing_ok=True)
    started = time.perf_counter()
    written = write_corpus(folder, args.inputs, args.seed)
    seeds = [str(shutil.copy(seed, folder / seed.name)) for seed in sorted((SHARED / "seeds").glob("*.txt"))]
    generated = time.perf_counter() - started

    started = time.perf_counter()
    command = [
        "ingest",
        str(folder),
        "--no-fetch",
        "--store",
        str(work / "fuzz.db"),
        "-j",
        str(args.processes),
    ]
    result = run_measured(command, work, args.timeout)
    wall = time.perf_counter() - started

    lines = result.stderr.splitlines()
    named = [line for line in lines if line.startswith(("failed ", "skipped "))]
    internal = [line for line in named if line.endswith("[NW900]")]
    summary = SUMMARY.search(result.stderr)
    counted = sum(int(m["n"]) for line in named if (m := MORE.match(line)) is not None)
    named_once = sum(MORE.match(line) is None for line in named)
    not_stored = int(summary["failed"]) + int(summary["skipped"]) if summary else -1
    with sqlite3.connect(work / "fuzz.db") as conn:
        stored = {row[0] for row in conn.execute("SELECT source FROM documents")}
    print(f"inputs written      {len(written)} + 5 seeds (corpus written in {generated:.1f} s)")
    print(f"outcomes counted    {summary.group(0) if summary else 'no summary line'}")
    print(f"exit status         {result.returncode}")
    print(f"tracebacks          {result.stderr.count('Traceback') + result.stdout.count('Traceback')}")
    print(f"hangs               {int(result.hung)}")
    print(f"named lines         {len(named)} ({len(internal)} internal errors, NW900)")
    print(f"not stored, named   {named_once} on a line + {counted} counted, of {not_stored} not stored")
    print(f"seeds stored        {sum(seed in stored for seed in seeds)} of {len(seeds)}")
    print(f"wall time           {wall:.1f} s")
    print(f"peak RSS            {result.max_rss_bytes / 2**20:,.0f} MiB")
    for line in internal:
        print(f"  {line[:200]}")
    if args.keep is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
