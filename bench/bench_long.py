"""Work per document stays bounded: long real articles, and what real HTML pages hold.

Default: real CNN articles (cleaned) are concatenated into one text of each size asked
for, and every per-article stage is timed on it in this process, with the peak RSS.
The issue's bar: 500,000 characters in at most 10x the time of 50,000.

``--html-stats``: the largest character count, character references, block elements and
attributes on one tag over every real HTML page in ../shared: the evidence for the
limits of ``newsweave.stages.clean.html.HtmlBudget``.

Run: .venv/bin/python bench/bench_long.py [--sizes 50000 500000] [--html-stats]
(results: docs/performance.md)
"""

from __future__ import annotations

import argparse
import gzip
import resource
import time
from pathlib import Path

from newsweave.config import Settings
from newsweave.ingest import iter_documents
from newsweave.model import Annotations, InputFormat, RawDocument
from newsweave.pipeline import build
from newsweave.stages.clean.html import _ATTRIBUTE, _BLOCK, _CHAR_REF, _TAG

SHARED = Path(__file__).resolve().parents[2] / "shared"
CNN = SHARED / "corpus" / "cnn-2024-07" / "2024"


def real_text(chars: int) -> str:
    """Cleaned CNN articles joined by blank lines, at least ``chars`` long."""
    clean = build(["clean", "metadata"])
    texts: list[str] = []
    total = 0
    for item in iter_documents([str(CNN)], Settings()):
        if isinstance(item, RawDocument):
            text = clean.run(item).require_article().text
            texts.append(text)
            total += len(text) + 2
            if total > chars:
                break
    return "\n\n".join(texts)


def time_stages(text: str) -> dict[str, float]:
    pipeline = build(settings=Settings(max_doc_chars=max(len(text), Settings().max_doc_chars)))
    raw = RawDocument(source=f"long-{len(text)}", content=text.encode(), format=InputFormat.TEXT)
    analysis = Annotations(raw=raw)
    times: dict[str, float] = {}
    for st in pipeline.stages:
        started = time.perf_counter()
        analysis = st.func(analysis, pipeline.settings)
        times[st.name] = time.perf_counter() - started
    return times


def html_stats() -> None:
    pages = [p for p in SHARED.rglob("*") if p.suffix in (".html", ".htm", ".gz") and ".htm" in p.name]
    best = {"characters": 0, "character references": 0, "block elements": 0, "attributes on one tag": 0}
    for page in pages:
        data = page.read_bytes()
        html = (gzip.decompress(data) if page.suffix == ".gz" else data).decode("utf-8", "replace")
        counts = {
            "characters": len(html),
            "character references": sum(1 for _ in _CHAR_REF.finditer(html)),
            "block elements": sum(1 for _ in _BLOCK.finditer(html)),
            "attributes on one tag": max(
                (sum(1 for _ in _ATTRIBUTE.finditer(t.group())) for t in _TAG.finditer(html)), default=0
            ),
        }
        best = {key: max(best[key], counts[key]) for key in best}
    print(f"{len(pages)} HTML pages under {SHARED}")
    for key, value in best.items():
        print(f"  largest {key}: {value:,}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 500_000])
    parser.add_argument("--html-stats", action="store_true")
    args = parser.parse_args()
    if args.html_stats:
        html_stats()
        return
    text = real_text(max(args.sizes))
    totals: dict[int, float] = {}
    for size in args.sizes:
        times = time_stages(text[:size])
        totals[size] = sum(times.values())
        stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in times.items())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{size:>9,} chars: {totals[size]:6.1f} s  (peak RSS so far {peak} MB)  {stages}")
    smallest, largest = min(args.sizes), max(args.sizes)
    ratio = totals[largest] / totals[smallest]
    scale = largest / smallest
    print(f"{largest:,} / {smallest:,} characters: {ratio:.1f}x the time for {scale:.0f}x the text")


if __name__ == "__main__":
    main()
