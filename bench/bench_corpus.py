"""The whole CNN + USA Today corpus, from files to stories, in one command: time and peak memory.

Phases: read the files; clean + metadata on every file; keep the latest version of each
article; per-article coding stages (parse, actors, time, quotes, events) on what is left;
the ``copies`` and ``stories`` corpus stages. Peak memory is the resident set of this
process and of the largest worker process.

Run: .venv/bin/python bench/bench_corpus.py [--processes P] [--onstory-only]
(results table: docs/performance.md; story scores: docs/evaluation.md)
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from newsweave.batch import Failed, analyse
from newsweave.corpus import CorpusState
from newsweave.corpus.copies import latest_versions
from newsweave.eval.ecbplus import analyse_texts
from newsweave.eval.stories import _annotations, cluster, corpus_raws, render_table, score
from newsweave.model import Annotations
from newsweave.pipeline import build

SHARED = Path(__file__).resolve().parents[2] / "shared"
T = TypeVar("T")


def timed(
    rows: list[tuple[str, str, float]], name: str, size: Callable[[T], str], func: Callable[[], T]
) -> T:
    started = time.perf_counter()
    result = func()
    rows.append((name, size(result), time.perf_counter() - started))
    return result


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--onstory-only", action="store_true", help="on-story CNN files + USA Today only")
    args = parser.parse_args()
    rows: list[tuple[str, str, float]] = []
    started = time.perf_counter()
    raws = timed(
        rows,
        "read files",
        lambda r: f"{len(r)} files",
        lambda: corpus_raws(SHARED, onstory_only=args.onstory_only),
    )
    cleaned = timed(
        rows,
        "clean + metadata",
        lambda r: f"{len(r)} files",
        lambda: list(analyse(raws, build(["clean", "metadata"]), processes=args.processes)),
    )
    ok = [r for r in cleaned if isinstance(r, Annotations)]
    latest = timed(
        rows,
        "keep latest versions",
        lambda s: f"{len(s.articles)} articles",
        lambda: latest_versions(CorpusState(articles=tuple(r.require_article() for r in ok))),
    )
    keep = {a.id: a for a in latest.articles}
    chosen = list({r.require_article().id: r for r in ok if r.require_article().id in keep}.values())
    coded = timed(
        rows,
        "parse, actors, time, quotes, events",
        lambda r: f"{len(r)} articles",
        lambda: analyse_texts(chosen, processes=args.processes),
    )
    annotations = {a.require_article().id: _annotations(a) for a in coded if a is not None}
    state = CorpusState(articles=latest.articles, annotations=annotations, copies=latest.copies)
    clustered = timed(rows, "copies + stories", lambda s: f"{len(s.stories)} stories", lambda: cluster(state))
    total = time.perf_counter() - started
    failed = sum(isinstance(r, Failed) for r in cleaned) + sum(a is None for a in coded)
    print(
        f"{args.processes} processes; peak memory: main {peak_mib(resource.RUSAGE_SELF):.0f} MiB, "
        f"largest worker {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB\n"
    )
    print("| phase | size | time |\n|---|---:|---:|")
    for name, size, seconds in rows:
        print(f"| {name} | {size} | {seconds:.1f} s |")
    print(f"| **total** | {len(raws)} files | {total:.1f} s |\n")
    print(render_table(score(clustered, SHARED, len(cleaned), failed, total)))


if __name__ == "__main__":
    main()
