"""The whole per-article pipeline against bare spaCy: same model, texts and process count, one run.

Bare spaCy parses the cleaned texts with ``nlp.pipe``; newsweave runs every per-article
stage (clean, metadata, nlp, actors, time, quotes, events) from the raw files. Both
count words = non-space, non-punctuation tokens of the cleaned texts.

Run: .venv/bin/python bench/bench_pipeline.py [--limit N] [--processes P]
(results table: docs/performance.md)
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import RawDocument
from newsweave.pipeline import build
from newsweave.stages.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"
CNN = SHARED / "corpus" / "cnn-2024-07" / "2024"


def load_raws(limit: int) -> list[RawDocument]:
    docs = [d for d in iter_documents([str(CNN)], Settings()) if isinstance(d, RawDocument)]
    return docs[:limit]


def cleaned_texts(raws: list[RawDocument]) -> list[str]:
    pipeline = build(["clean", "metadata"])
    texts = []
    for raw in raws:
        analysis = pipeline.run(raw)
        texts.append(analysis.require_article().text)
    return texts


def count_words(texts: list[str]) -> int:
    nlp = load_nlp()
    return sum(1 for doc in nlp.tokenizer.pipe(texts) for t in doc if not (t.is_space or t.is_punct))


def bare_spacy(texts: list[str], processes: int) -> float:
    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return time.perf_counter() - started


def newsweave(raws: list[RawDocument], processes: int) -> tuple[float, int]:
    pipeline = build(settings=Settings(processes=processes))
    started = time.perf_counter()
    failed = sum(isinstance(r, Failed) for r in analyse(raws, pipeline, processes=processes))
    return time.perf_counter() - started, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600, help="CNN files to use (default 600)")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    raws = load_raws(args.limit)
    texts = cleaned_texts(raws)
    words = count_words(texts)
    load_nlp()  # both runs start with the model loaded (workers fork from this process)
    spacy_seconds = bare_spacy(texts, args.processes)
    ours_seconds, failed = newsweave(raws, args.processes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spacy_rate, ours_rate = words / spacy_seconds, words / ours_seconds
    print(f"{len(raws)} CNN articles, {words:,} words, {args.processes} processes ({failed} failed)")
    print("| run | time | words/s | relative |")
    print("|---|---:|---:|---:|")
    print(f"| bare spaCy (nlp.pipe) | {spacy_seconds:.1f} s | {spacy_rate:,.0f} | 100% |")
    print(f"| newsweave, all per-article stages | {ours_seconds:.1f} s | {ours_rate:,.0f} | {ours_rate / spacy_rate:.0%} |")
    print(f"peak RSS of the parent process: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
