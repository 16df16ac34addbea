"""Quote attribution on PolNeAR (Newell, Margolin & Ruths, LREC 2018), dev split.

Gold: brat standoff files with Source / Cue / Content spans tied together by one
``Attribution`` event each. Texts annotated twice keep the first annotator's file (by
file name), so every text counts once. The whole dev split (84 texts, ~2,300
attributions) is scored; it parses in well under a minute.

Scoring follows the partial-match convention of the attribution literature (PARC3,
Pareti 2016; Scheible et al. 2016), on word tokens (runs of ``\\w``), so quotation marks,
"that" and edge punctuation do not decide a match:

- **content match**: a predicted quote and a gold content match when the word tokens
  they share are at least half of the larger of the two; quotes and gold attributions
  are paired one-to-one, best overlap first. Precision, recall and F1 count pairs.
- **content tokens**: precision, recall and F1 over word tokens of all content spans.
- **source / cue accuracy**: over matched pairs whose gold has a source (a cue): the
  predicted speaker (cue) span shares at least one word token with the gold one.

``python -m newsweave.eval.polnear [SPLIT_DIR]`` prints the numbers as a Markdown table.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.common import Counts, ratio, run_evaluation
from newsweave.model import Quote, Span
from newsweave.stages.nlp import load_nlp
from newsweave.stages.quotes import find_quotes

DEFAULT_SPLIT = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "polnear" / "dev"
MATCH_OVERLAP = 0.5
_TOKEN = re.compile(r"\w+")
_ROLES = ("Source", "Cue", "Content")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldAttribution:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Scores:
    documents: int
    content: Counts  # predicted quotes, gold attributions, pairs matched one-to-one by content
    tokens: Counts  # word tokens of all predicted and gold content spans, and of both
    source_correct: int
    source_total: int
    cue_correct: int
    cue_total: int

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            documents=self.documents + other.documents,
            content=self.content + other.content,
            tokens=self.tokens + other.tokens,
            source_correct=self.source_correct + other.source_correct,
            source_total=self.source_total + other.source_total,
            cue_correct=self.cue_correct + other.cue_correct,
            cue_total=self.cue_total + other.cue_total,
        )

    @property
    def source_accuracy(self) -> float:
        return ratio(self.source_correct, self.source_total)

    @property
    def cue_accuracy(self) -> float:
        return ratio(self.cue_correct, self.cue_total)


def _spans(field: str) -> tuple[Span, ...]:
    """``"12 40;45 60"`` -> two spans (brat writes discontinuous spans with ';')."""
    spans = []
    for part in field.split(";"):
        start, end = part.split()
        spans.append(Span(start=int(start), end=int(end)))
    return tuple(spans)


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file (those without a content are skipped)."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(fields[1].split())
    found = []
    for args in events:
        roles: dict[str, tuple[Span, ...]] = {role: () for role in _ROLES}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            if role in roles and ref in spans:
                roles[role] = spans[ref][1]
        if roles["Content"]:
            found.append(GoldAttribution(source=roles["Source"], cue=roles["Cue"], content=roles["Content"]))
    return tuple(found)


def load_split(split_dir: Path = DEFAULT_SPLIT) -> list[Document]:
    """Texts with their gold attributions, one annotator per text."""
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError("not a PolNeAR split (needs text/ and attributions/)", source=str(split_dir))
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(ann.stem.rpartition("_")[0], ann)
    documents = []
    for name, ann in sorted(chosen.items()):
        text_path = text_dir / f"{name}.txt"
        if text_path.is_file():
            gold = parse_ann(ann.read_text(encoding="utf-8"))
            documents.append(Document(name=name, text=text_path.read_text(encoding="utf-8"), gold=gold))
    return documents


def _tokens(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """Start offsets of the word tokens inside ``spans``."""
    return frozenset(match.start() for span in spans for match in _TOKEN.finditer(text, span.start, span.end))


def _match(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold, predicted) sharing ≥ MATCH_OVERLAP of the larger span's tokens."""
    candidates = []
    for g, gold_tokens in enumerate(gold):
        for p, pred_tokens in enumerate(predicted):
            shared = len(gold_tokens & pred_tokens)
            larger = max(len(gold_tokens), len(pred_tokens))
            if shared and shared >= MATCH_OVERLAP * larger:
                candidates.append((shared / larger, g, p))
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(candidates, reverse=True):
        if g not in used_gold and p not in used_pred:
            pairs.append((g, p))
            used_gold.add(g)
            used_pred.add(p)
    return pairs


def score_document(document: Document, quotes: Sequence[Quote]) -> Scores:
    text = document.text
    gold = [_tokens(text, g.content) for g in document.gold]
    predicted = [_tokens(text, [q.span]) for q in quotes]
    pairs = _match(gold, predicted)
    gold_all = frozenset().union(*gold) if gold else frozenset()
    pred_all = frozenset().union(*predicted) if predicted else frozenset()
    source = [(g, p) for g, p in pairs if _tokens(text, document.gold[g].source)]
    cue = [(g, p) for g, p in pairs if _tokens(text, document.gold[g].cue)]
    return Scores(
        documents=1,
        content=Counts(predicted=len(predicted), gold=len(gold), matched=len(pairs)),
        tokens=Counts(predicted=len(pred_all), gold=len(gold_all), matched=len(gold_all & pred_all)),
        source_correct=sum(_hits(text, document.gold[g].source, quotes[p].speaker_span) for g, p in source),
        source_total=len(source),
        cue_correct=sum(_hits(text, document.gold[g].cue, quotes[p].cue_span) for g, p in cue),
        cue_total=len(cue),
    )


def _hits(text: str, gold: Sequence[Span], predicted: Span | None) -> bool:
    return predicted is not None and bool(_tokens(text, gold) & _tokens(text, [predicted]))


def total(scores: Iterable[Scores]) -> Scores:
    return functools.reduce(operator.add, scores, _NO_SCORES)


_NO_SCORES = Scores(
    documents=0,
    content=Counts(),
    tokens=Counts(),
    source_correct=0,
    source_total=0,
    cue_correct=0,
    cue_total=0,
)


def evaluate(split_dir: Path = DEFAULT_SPLIT) -> Scores:
    """Parse every text of the split, find its quotes and score them against the gold."""
    documents = load_split(split_dir)
    nlp = load_nlp()
    docs = nlp.pipe(d.text for d in documents)
    return total(
        score_document(document, find_quotes(doc)) for document, doc in zip(documents, docs, strict=True)
    )


def markdown_table(scores: Scores) -> str:
    rows = [
        ("documents", f"{scores.documents}"),
        ("gold attributions / predicted quotes", f"{scores.content.gold} / {scores.content.predicted}"),
        ("content match precision", f"{scores.content.precision:.3f}"),
        ("content match recall", f"{scores.content.recall:.3f}"),
        ("content match F1", f"{scores.content.f1:.3f}"),
        ("content token precision", f"{scores.tokens.precision:.3f}"),
        ("content token recall", f"{scores.tokens.recall:.3f}"),
        ("content token F1", f"{scores.tokens.f1:.3f}"),
        (f"source accuracy (matched, n={scores.source_total})", f"{scores.source_accuracy:.3f}"),
        (f"cue accuracy (matched, n={scores.cue_total})", f"{scores.cue_accuracy:.3f}"),
    ]
    lines = ["| PolNeAR dev: quote attribution | score |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_SPLIT, evaluate, markdown_table)


if __name__ == "__main__":
    raise SystemExit(main())
