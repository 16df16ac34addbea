"""The model's records as JSON-able dicts and back, checked: what the store writes and reads, and
what the export and the web app build on.

Every mapping comes from :mod:`newsweave.codec` (the field names and types of
:mod:`newsweave.model`); this module adds what a type hint cannot say: that spans lie inside their
article's text, that a bad record is a :class:`MalformedInput` naming its source, that a raw
document's bytes may be kept apart, and the shape older stores wrote corpus runs in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from newsweave import codec
from newsweave.errors import MalformedInput
from newsweave.model import (
    Annotations,
    Article,
    CorpusState,
    DatedArticle,
    RawDocument,
    Span,
)

T = TypeVar("T")
JsonDict = dict[str, Any]

__all__ = [
    "annotation_spans",
    "annotations_from_dict",
    "annotations_to_dict",
    "article_from_dict",
    "article_to_dict",
    "corpus_from_dict",
    "corpus_to_dict",
    "raw_from_dict",
    "raw_to_dict",
    "read_record",
]


def read_record(cls: type[T], d: Any, *, what: str, named_by: str = "source") -> T:
    """``d`` read as a ``cls``; a record that is not one raises :class:`MalformedInput` named by
    ``d[named_by]`` and saying what is wrong where."""
    source = d.get(named_by) if isinstance(d, Mapping) else None
    try:
        if not isinstance(d, Mapping):
            raise ValueError(f"expected an object, got {type(d).__name__}")
        return codec.decode(cls, d)
    except ValueError as exc:
        raise MalformedInput(
            f"not a valid {what} record: {exc}", source=source if isinstance(source, str) else None
        ) from exc


# --- articles and raw documents ----------------------------------------------------------------------


def article_to_dict(article: Article) -> JsonDict:
    return codec.encode(article)  # type: ignore[no-any-return]


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """Read an article back; raises :class:`MalformedInput` if it is not one, or a span lies
    outside its text."""
    article = read_record(Article, d, what="article")
    size = len(article.text)
    bad = [s for s in (*(r.span for r in article.repairs), *article.paragraphs) if s.end > size]
    bad += [Span(start=r.at, end=r.at) for r in article.removed if r.at > size]
    if bad:
        raise MalformedInput(
            f"not a valid article record: span [{bad[0].start}, {bad[0].end}) lies outside the text"
            f" ({size} characters)",
            source=article.source,
        )
    return article


def raw_to_dict(raw: RawDocument, *, content: bool = True) -> JsonDict:
    """A raw document; without ``content`` its bytes are left out (the store keeps them in a BLOB)."""
    d: JsonDict = codec.encode(raw)
    if not content:
        del d[codec.key_of(RawDocument, "content")]
    return d


def raw_from_dict(d: Mapping[str, Any], *, content: bytes | None = None) -> RawDocument:
    """Read a raw document back; ``content`` supplies the bytes when the dict holds none."""
    if content is not None and isinstance(d, Mapping):
        d = {**d, codec.key_of(RawDocument, "content"): codec.encode(content)}
    return read_record(RawDocument, d, what="raw document")


# --- annotations ---------------------------------------------------------------------------------------


def annotation_spans(a: Annotations) -> list[Span]:
    """Every character span the annotations point at."""
    spans = [m.span for m in a.mentions] + [x.span for x in a.descriptors] + [t.span for t in a.timexes]
    for quote in a.quotes:
        spans += [quote.span, *(s.span for s in quote.via)]
        spans += [s for s in (quote.speaker_span, quote.cue_span) if s is not None]
    for report in a.reports:
        spans += [report.span, report.trigger, *(s.span for s in report.attributed_to)]
        spans += [] if report.when is None else [report.when.span]
    return spans


def annotations_to_dict(a: Annotations, text: str | None = None) -> JsonDict:
    """The annotations of one article.

    With the article's ``text`` they are checked to fit it first (``ValueError`` otherwise:
    annotations that do not fit their article are a bug upstream), and each report spells out
    its evidence sentence in ``text``, for readers of the database; it is derived, so reading
    ignores it.
    """
    d: JsonDict = codec.encode(a)
    if text is None:
        return d
    size = len(text)
    for span in annotation_spans(a):
        if span.end > size:
            raise ValueError(
                f"annotations of article {a.article_id}: span [{span.start}, {span.end})"
                f" lies outside the text ({size} characters)"
            )
    for report, item in zip(a.reports, d["reports"], strict=True):
        item["text"] = report.span.of(text)
    return d


def annotations_from_dict(d: Mapping[str, Any]) -> Annotations:
    """Read stored annotations back; they must name their article (the carrier's default, "",
    only means "not cleaned yet" inside the pipeline)."""
    annotations = read_record(Annotations, d, what="annotations", named_by="article_id")
    if not annotations.article_id:
        raise MalformedInput("not a valid annotations record: missing field 'article_id'")
    return annotations


# --- corpus runs -----------------------------------------------------------------------------------------


def corpus_to_dict(state: CorpusState, *, articles: bool = True) -> JsonDict:
    """A corpus run; without ``articles`` only their ids are written (``article_ids``): a store
    that holds the articles passes them back to :func:`corpus_from_dict`."""
    d: JsonDict = codec.encode(state)
    d["article_ids"] = [a.id for a in state.articles]
    if not articles:
        del d["articles"]
    return d


def corpus_from_dict(d: Mapping[str, Any], articles: Mapping[str, Article] | None = None) -> CorpusState:
    """Read a corpus run back; ``articles`` (by id) supplies the articles a run without them names,
    with the publication dates the run estimated across articles (``dated``) applied again.

    Raises :class:`MalformedInput` if it is not one, or names an article ``articles`` lacks.
    """
    if not isinstance(d, Mapping) or "articles" in d:
        return read_record(CorpusState, d, what="corpus")
    ids = d.get("article_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise MalformedInput("not a valid corpus record: article_ids must be a list of ids")
    state = read_record(CorpusState, {**d, "articles": []}, what="corpus")
    return replace(state, articles=_stored_articles(ids, articles or {}, state.dated))


def _stored_articles(
    ids: list[str], stored: Mapping[str, Article], dated: tuple[DatedArticle, ...]
) -> tuple[Article, ...]:
    missing = [i for i in ids if i not in stored]
    if missing:
        raise MalformedInput(
            f"not a valid corpus record: {len(missing)} articles are not stored, e.g. {missing[0]}"
        )
    published = {x.article_id: x.published for x in dated}
    return tuple(replace(stored[i], published=published[i]) if i in published else stored[i] for i in ids)
