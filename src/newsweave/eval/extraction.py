"""Article-body extraction quality on the scrapinghub article-extraction benchmark.

Scored the way the benchmark's own evaluation does: each text is cut into word tokens
(runs of ``\\w``), tokens are grouped into overlapping 4-token shingles, and the shingle
multisets of the extracted body and the gold ``articleBody`` are compared. Each page's
true-positive / false-positive / false-negative counts are normalised to sum to one, so
long pages do not outweigh short ones; precision and recall are averaged over pages, and
F1 is computed from the two averages.

``python -m newsweave.eval.extraction [CORPUS_DIR]`` prints the comparison as a Markdown
table: newsweave's extraction against ``trafilatura.extract(html)`` with its defaults.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsweave.errors import ExtractionError
from newsweave.eval.common import f1_score, run_evaluation
from newsweave.stages.clean.html import extract_html

DEFAULT_CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "scrapinghub-extraction"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]  # (html, url) -> body text


@dataclass(frozen=True, slots=True, kw_only=True)
class PageCounts:
    """Shingle matches of one page, normalised to sum to one (all zero if both texts are empty)."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionScores:
    ours: Score
    trafilatura: Score


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (a shorter text is one shingle)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) <= n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(gold: str, predicted: str) -> PageCounts:
    """Matched, extra and missed shingles of one page."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(tp=0.0, fp=0.0, fn=0.0)
    return PageCounts(tp=tp / total, fp=fp / total, fn=fn / total)


def aggregate(counts: Iterable[PageCounts]) -> Score:
    """Precision and recall averaged over pages; F1 of the two averages."""
    pages = list(counts)
    precision = statistics.fmean([_precision(c) for c in pages if c.tp + c.fp > 0] or [0.0])
    recall = statistics.fmean([_recall(c) for c in pages if c.tp + c.fn > 0] or [0.0])
    f1 = f1_score(precision, recall)
    return Score(precision=precision, recall=recall, f1=f1, pages=len(pages))


def _precision(c: PageCounts) -> float:
    return 1.0 if c.fp == c.fn == 0 else c.tp / (c.tp + c.fp)


def _recall(c: PageCounts) -> float:
    return 1.0 if c.fp == c.fn == 0 else c.tp / (c.tp + c.fn)


def load_corpus(corpus_dir: Path) -> list[tuple[str, str, str]]:
    """``(html, url, gold body)`` for every page of the benchmark, in a stable order."""
    truth = json.loads((corpus_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(corpus_dir / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        pages.append((html, truth[key].get("url") or "", truth[key].get("articleBody") or ""))
    return pages


def ours(html: str, url: str) -> str:
    try:
        return extract_html(html, url=url or None, source=url or "<page>").text
    except ExtractionError:
        return ""


def trafilatura_default(html: str, url: str) -> str:
    return trafilatura.extract(html) or ""


def score(pages: list[tuple[str, str, str]], extractor: Extractor) -> Score:
    return aggregate(page_counts(gold, extractor(html, url)) for html, url, gold in pages)


def score_extraction(corpus_dir: Path = DEFAULT_CORPUS) -> ExtractionScores:
    """Body token F1 of newsweave and of trafilatura's defaults on the same pages."""
    pages = load_corpus(corpus_dir)
    return ExtractionScores(ours=score(pages, ours), trafilatura=score(pages, trafilatura_default))


def markdown_table(scores: ExtractionScores) -> str:
    rows = [
        "| extractor | precision | recall | F1 | pages |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, s in (("newsweave", scores.ours), ("trafilatura.extract (defaults)", scores.trafilatura)):
        rows.append(f"| {name} | {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} | {s.pages} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_CORPUS, score_extraction, markdown_table)


if __name__ == "__main__":
    raise SystemExit(main())
