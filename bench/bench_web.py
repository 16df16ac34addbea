"""The web app over the CNN July 2024 corpus: story list and search pages must answer in < 300 ms.

Builds a store from the latest text of each CNN article (one file per slug: ~1,480 articles,
ingested with 2 processes, then the corpus analysis saved as a run) and caches it under
``bench/.cache/``; later runs reuse it. Then times requests in process through the ASGI app
(httpx ASGITransport: routing, queries, templates and middleware, no sockets).

Run: .venv/bin/python bench/bench_web.py [--requests 20] [--limit N] [--rebuild]
(results table: docs/performance.md)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx

from newsweave.config import Settings
from newsweave.run import run
from newsweave.store import Store
from newsweave.web.app import create_app
from newsweave.web.state import refresh_corpus

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
SHARED = BENCH.parents[1] / "shared"
CNN = SHARED / "corpus" / "cnn-2024-07" / "2024"
BUDGET_MS = 300.0


def latest_files(root: Path, limit: int | None) -> list[Path]:
    """The last-saved file of each slug (folders are dates, so path order is time order)."""
    latest: dict[str, Path] = {}
    for path in sorted(root.glob("*/*/*.md")):
        if path.name != "readme.md":
            latest[path.name] = path
    files = sorted(latest.values())
    return files if limit is None else files[:limit]


LIGHT_STAGES = ("clean", "metadata")


def build_store(path: Path, limit: int | None, light: bool) -> None:
    files = latest_files(CNN, limit)
    settings = replace(Settings(), store_path=path, processes=2)
    if light:
        settings = replace(settings, stages=LIGHT_STAGES)
    started = time.perf_counter()
    with Store.open(path) as store:
        summary = run([str(f) for f in files], settings, store)
        ingest_s = time.perf_counter() - started
        state = refresh_corpus(store, settings)
    total_s = time.perf_counter() - started
    print(
        f"built {path.name}: {summary.stored} of {len(files)} files stored ({summary.failed} failed), "
        f"{len(state.stories)} stories, {len(state.events)} events; "
        f"ingest {ingest_s:.0f} s, corpus analysis {total_s - ingest_s:.0f} s",
        file=sys.stderr,
    )


def cached_store(limit: int | None, rebuild: bool, light: bool) -> Path:
    CACHE.mkdir(exist_ok=True)
    name = "cnn-2024-07" + (f"-{limit}" if limit else "") + ("-light" if light else "")
    path = CACHE / f"{name}.db"
    if rebuild:
        for old in CACHE.glob(path.name + "*"):
            old.unlink()
    if path.exists():
        with Store.open(path) as store:
            if store.latest_corpus() is not None:
                return path
    build_store(path, limit, light)
    return path


async def time_pages(path: Path, urls: dict[str, list[str]], n: int) -> dict[str, list[float]]:
    app = create_app(path, Settings())
    timings: dict[str, list[float]] = {}
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client,
    ):
        for name, variants in urls.items():
            await client.get(variants[0])  # warm-up: first-use costs are not per-request costs
            samples = []
            for i in range(n):
                started = time.perf_counter()
                response = await client.get(variants[i % len(variants)])
                samples.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            timings[name] = samples
    return timings


PAGES: dict[str, list[str]] = {
    "story list `/`": ["/"],
    "story list, page 5 `/?page=5`": ["/?page=5"],
    "story list JSON `/stories.json`": ["/stories.json"],
    "search `/?q=…` (5 queries)": [
        "/?q=Harris",
        "/?q=Olympics",
        "/?q=CrowdStrike",
        "/?q=Haniyeh",
        "/?q=Biden",
    ],
    "search + outlet + dates": ["/?q=Trump&outlet=CNN&from=2024-07-20&to=2024-07-31"],
    "search JSON `/stories.json?q=…`": ["/stories.json?q=Harris", "/stories.json?q=Ukraine"],
}


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files (sorted by path)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument(
        "--light",
        action="store_true",
        help="ingest with the clean and metadata stages only (no NLP: stories, but no events)",
    )
    parser.add_argument("--build-only", action="store_true", help="build the cached store and stop")
    args = parser.parse_args()
    path = cached_store(args.limit, args.rebuild, args.light)
    if args.build_only:
        return 0
    with Store.open(path) as store:
        articles = sum(1 for _ in store.latest_articles())
        state = store.latest_corpus()
    stories = len(state.stories) if state else 0
    timings = asyncio.run(time_pages(path, PAGES, args.requests))
    stages = "clean + metadata stages only" if args.light else "all stages"
    print(
        f"{articles:,} CNN articles ({stages}), {stories:,} stories; "
        f"{args.requests} requests per page, in process (ASGI)"
    )
    print()
    print("| page | median | p95 | under 300 ms |")
    print("|---|---:|---:|:---:|")
    ok = True
    for name, samples in timings.items():
        median, high = statistics.median(samples), p95(samples)
        ok &= high < BUDGET_MS
        print(f"| {name} | {median:.1f} ms | {high:.1f} ms | {'yes' if high < BUDGET_MS else 'NO'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
