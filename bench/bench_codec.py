"""Round-trip speed of the store's records: the generic codec against the hand-written serializer
it replaced (``export/serialize.py`` at commit 68727a8, loaded from git history).

Builds (once, cached under ``bench/.cache/``) a store of the latest text of ``--limit`` CNN
articles with every per-article stage and a corpus run, then times, over every stored row:
decoding the article and annotations JSON and the corpus run into records, and encoding them
back. Both implementations read the same JSON and must give equal records.

Run: .venv/bin/python bench/bench_codec.py [--limit 300] [--repeat 3] [--rebuild]
(result: docs/performance.md)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

from newsweave import records
from newsweave.config import Settings
from newsweave.run import run
from newsweave.store import Store
from newsweave.web.state import refresh_corpus

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
CNN = BENCH.parents[1] / "shared" / "corpus" / "cnn-2024-07" / "2024"
OLD_COMMIT = "68727a8"


def latest_files(limit: int) -> list[Path]:
    latest: dict[str, Path] = {}
    for path in sorted(CNN.glob("*/*/*.md")):
        if path.name != "readme.md":
            latest[path.name] = path
    return sorted(latest.values())[:limit]


def build(path: Path, limit: int) -> None:
    settings = replace(Settings(), store_path=path, processes=2)
    with Store.open(path) as store:
        run([str(f) for f in latest_files(limit)], settings, store)
        refresh_corpus(store, settings)


def old_serializer() -> ModuleType:
    """``export/serialize.py`` as it was before the codec, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:src/newsweave/export/serialize.py"],
        cwd=BENCH.parent, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    target = CACHE / "serialize_68727a8.py"
    target.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("serialize_68727a8", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(path: Path) -> tuple[list[Any], list[Any], Any]:
    with Store.open(path) as store:
        conn = store._conn  # the bench reads the raw JSON the store holds
        articles = [json.loads(r[0]) for r in conn.execute("SELECT data FROM articles")]
        annotations = [json.loads(r[0]) for r in conn.execute("SELECT data FROM analyses")]
        (corpus,) = conn.execute("SELECT data FROM corpus_runs ORDER BY id DESC LIMIT 1").fetchone()
    return articles, annotations, json.loads(corpus)


def timed(label: str, repeat: int, work: Callable[[], object]) -> float:
    best = min(_once(work) for _ in range(repeat))
    print(f"  {label:<34} {best:8.3f} s")
    return best


def _once(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"codec-{args.limit}.db"
    if args.rebuild or not path.exists():
        path.unlink(missing_ok=True)
        build(path, args.limit)
    articles, annotations, corpus = rows(path)
    old = old_serializer()
    stored = {a["id"]: records.article_from_dict(a) for a in articles}
    print(f"{len(articles)} articles, {len(annotations)} annotations, 1 corpus run "
          f"({len(corpus['events'])} events)")  # fmt: skip

    new_articles = [records.article_from_dict(a) for a in articles]
    assert new_articles == [old.article_from_dict(a) for a in articles]
    new_annotations = [records.annotations_from_dict(a) for a in annotations]
    assert new_annotations == [old.annotations_from_dict(a) for a in annotations]
    assert records.corpus_from_dict(corpus, stored) == old.corpus_from_dict(corpus, stored)

    results = {}
    for name, impl in (("hand-written (68727a8)", old), ("generic codec", records)):
        print(name)
        results[name] = (
            timed("decode articles + annotations", args.repeat, lambda impl=impl: (
                [impl.article_from_dict(a) for a in articles],
                [impl.annotations_from_dict(a) for a in annotations],
            )),
            timed("encode articles + annotations", args.repeat, lambda impl=impl: (
                [impl.article_to_dict(a) for a in new_articles],
                [impl.annotations_to_dict(a) for a in new_annotations],
            )),
            timed("corpus run, decode + encode", args.repeat, lambda impl=impl: impl.corpus_to_dict(
                impl.corpus_from_dict(corpus, stored), articles=False
            )),
        )  # fmt: skip
    (before, after) = results.values()
    print("generic / hand-written:", ", ".join(f"{a / b:.2f}×" for a, b in zip(after, before, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
