"""Cleaning throughput: the seeds, a 50,000-character line, 5 MB of damaged text, the CNN corpus.

Run: .venv/bin/python bench/bench_clean.py   (results table: docs/performance.md)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import RawDocument
from newsweave.pipeline import build
from newsweave.stages.clean.mojibake import mojibake_edits

SHARED = Path(__file__).resolve().parents[2] / "shared"


def timed(label: str, func: Callable[[], int], unit: str) -> None:
    started = time.perf_counter()
    count = func()
    seconds = time.perf_counter() - started
    print(f"| {label} | {count:,} {unit} | {seconds:.2f} s | {count / seconds:,.0f} {unit}/s |")


def clean_all(docs: list[RawDocument]) -> int:
    pipeline = build(["clean", "metadata"], Settings())
    for doc in docs:
        pipeline.run(doc)
    return len(docs)


def main() -> None:
    seed_003 = next((SHARED / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    line = (seed_003.replace("\n", " ") * 20)[:50_000]
    big = (seed_003 + "\n") * (5_000_000 // len(seed_003) + 1)
    cnn = [d for d in iter_documents([str(SHARED / "corpus" / "cnn-2024-07" / "2024")], Settings())]
    docs = [d for d in cnn if isinstance(d, RawDocument)]
    print("| what | size | time | rate |")
    print("|---|---:|---:|---:|")
    timed("GBK repair, one 50,000-character line", lambda: len(line) if mojibake_edits(line) else 0, "chars")
    timed("GBK repair, 5 MB of damaged text", lambda: len(big) if mojibake_edits(big) else 0, "chars")
    timed("clean + metadata, CNN Markdown files", lambda: clean_all(docs), "articles")


if __name__ == "__main__":
    main()
