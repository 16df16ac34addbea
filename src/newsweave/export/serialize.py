"""Model objects to JSON-able dicts and back: the one place this happens.

The article dict is the ``articles[]`` item of the JSON export contract (DESIGN.md): the
contract fields (``id, source, title, outlet, published, text, repairs, removed``) plus
richer fields alongside (``outlet_detail``, ``published_detail``, ...). Dates are ISO
strings, enums their values, spans ``{"start", "end"}`` objects. Fields that can be
derived (a repair's ``replacement``, a removal's ``start``/``end``) are written for
readers and ignored when reading back, so ``article_from_dict(article_to_dict(a)) == a``.

Reading is strict about what it needs and forgiving about what it can default: a dict
with only the contract fields reads back; a malformed one raises
:class:`~newsweave.errors.MalformedInput` naming its source.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from newsweave.errors import MalformedInput
from newsweave.model import (
    UNKNOWN_DATE,
    UNKNOWN_OUTLET,
    Article,
    Container,
    DateEvidence,
    DateKind,
    EditKind,
    InputFormat,
    OutletEvidence,
    RawDocument,
    Removal,
    Repair,
    Span,
)

JsonDict = dict[str, Any]
T = TypeVar("T")

__all__ = [
    "article_from_dict",
    "article_to_dict",
    "date_evidence_from_dict",
    "date_evidence_to_dict",
    "outlet_from_dict",
    "outlet_to_dict",
    "raw_from_dict",
    "raw_to_dict",
    "removal_from_dict",
    "removal_to_dict",
    "repair_from_dict",
    "repair_to_dict",
    "span_from_dict",
    "span_to_dict",
]


# -- typed field readers: a wrong type is a ValueError, turned into MalformedInput at the top


def _opt(d: Mapping[str, Any], key: str, kind: type[T]) -> T | None:
    value = d.get(key)
    if value is None:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"field {key!r} must be {kind.__name__}, got {type(value).__name__}")
    return value


def _req(d: Mapping[str, Any], key: str, kind: type[T]) -> T:
    value = _opt(d, key, kind)
    if value is None:
        raise ValueError(f"missing field {key!r}")
    return value


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    return _opt(d, key, list) or []


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# -- spans, repairs, removals


def span_to_dict(span: Span) -> JsonDict:
    return {"start": span.start, "end": span.end}


def span_from_dict(d: Mapping[str, Any]) -> Span:
    return Span(start=_req(d, "start", int), end=_req(d, "end", int))


def repair_to_dict(repair: Repair, text: str) -> JsonDict:
    """A repair with its ``replacement`` (the repaired text now at the span) spelled out."""
    return {
        "start": repair.span.start,
        "end": repair.span.end,
        "original": repair.original,
        "replacement": repair.span.of(text),
        "kind": repair.kind.value,
        "confidence": repair.confidence,
    }


def repair_from_dict(d: Mapping[str, Any]) -> Repair:
    confidence = _opt(d, "confidence", float)
    return Repair(
        span=span_from_dict(d),
        original=_req(d, "original", str),
        kind=EditKind(_req(d, "kind", str)),
        confidence=1.0 if confidence is None else confidence,
    )


def removal_to_dict(removal: Removal) -> JsonDict:
    """A removal; ``start`` = ``end`` = ``at`` so every item of an export carries offsets."""
    return {
        "at": removal.at,
        "start": removal.at,
        "end": removal.at,
        "text": removal.text,
        "kind": removal.kind.value,
    }


def removal_from_dict(d: Mapping[str, Any]) -> Removal:
    return Removal(at=_req(d, "at", int), text=_req(d, "text", str), kind=EditKind(_req(d, "kind", str)))


# -- evidence


def date_evidence_to_dict(date: DateEvidence) -> JsonDict:
    return {
        "value": _iso(date.value),
        "kind": date.kind.value,
        "confidence": date.confidence,
        "evidence": date.evidence,
        "note": date.note,
        "earliest": _iso(date.earliest),
        "latest": _iso(date.latest),
    }


def date_evidence_from_dict(d: Mapping[str, Any]) -> DateEvidence:
    return DateEvidence(
        value=_date(_opt(d, "value", str)),
        kind=DateKind(_req(d, "kind", str)),
        confidence=_req(d, "confidence", float),
        evidence=_opt(d, "evidence", str) or "",
        note=_opt(d, "note", str) or "",
        earliest=_date(_opt(d, "earliest", str)),
        latest=_date(_opt(d, "latest", str)),
    )


def outlet_to_dict(outlet: OutletEvidence) -> JsonDict:
    return {
        "name": outlet.name,
        "registry_id": outlet.registry_id,
        "via": outlet.via,
        "evidence": outlet.evidence,
        "confidence": outlet.confidence,
        "wire": outlet.wire,
        "republished_by": outlet.republished_by,
    }


def outlet_from_dict(d: Mapping[str, Any]) -> OutletEvidence:
    return OutletEvidence(
        name=_opt(d, "name", str),
        registry_id=_opt(d, "registry_id", str),
        via=_opt(d, "via", str) or "",
        evidence=_opt(d, "evidence", str) or "",
        confidence=_opt(d, "confidence", float) or 0.0,
        wire=_opt(d, "wire", str),
        republished_by=_opt(d, "republished_by", str),
    )


# -- articles


def article_to_dict(article: Article) -> JsonDict:
    """The export-contract dict of ``article``; contract fields first, then the richer ones."""
    text = article.text
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet.name,
        "published": _iso(article.published.value),
        "text": text,
        "repairs": [repair_to_dict(r, text) for r in article.repairs],
        "removed": [removal_to_dict(r) for r in article.removed],
        "outlet_detail": outlet_to_dict(article.outlet),
        "published_detail": date_evidence_to_dict(article.published),
        "byline": article.byline,
        "url": article.url,
        "dateline": article.dateline,
        "language": article.language,
        "format": article.format.value,
        "content_hash": article.content_hash,
        "version_key": article.version_key,
        "paragraphs": [span_to_dict(p) for p in article.paragraphs],
        "warnings": list(article.warnings),
    }


def article_from_dict(d: Mapping[str, Any]) -> Article:
    """Read an article dict back; raises :class:`MalformedInput` if it is not one."""
    return _reading("article", d, _article_from_dict)


def _article_from_dict(d: Mapping[str, Any]) -> Article:
    text = _req(d, "text", str)
    article = Article(
        id=_req(d, "id", str),
        source=_req(d, "source", str),
        text=text,
        title=_opt(d, "title", str),
        url=_opt(d, "url", str),
        outlet=_outlet_of(d),
        byline=_opt(d, "byline", str),
        published=_published_of(d),
        language=_opt(d, "language", str),
        format=InputFormat(_opt(d, "format", str) or InputFormat.TEXT.value),
        content_hash=_opt(d, "content_hash", str) or "",
        version_key=_opt(d, "version_key", str),
        repairs=tuple(repair_from_dict(r) for r in _list(d, "repairs")),
        removed=tuple(removal_from_dict(r) for r in _list(d, "removed")),
        paragraphs=tuple(span_from_dict(p) for p in _list(d, "paragraphs")),
        dateline=_opt(d, "dateline", str),
        warnings=tuple(_str_item(w) for w in _list(d, "warnings")),
    )
    _check_offsets(article)
    return article


def _outlet_of(d: Mapping[str, Any]) -> OutletEvidence:
    detail = _opt(d, "outlet_detail", dict)
    if detail is not None:
        return outlet_from_dict(detail)
    name = _opt(d, "outlet", str)
    return UNKNOWN_OUTLET if name is None else OutletEvidence(name=name, via="export")


def _published_of(d: Mapping[str, Any]) -> DateEvidence:
    detail = _opt(d, "published_detail", dict)
    if detail is not None:
        return date_evidence_from_dict(detail)
    value = _date(_opt(d, "published", str))
    if value is None:
        return UNKNOWN_DATE
    # A bare contract date carries no evidence: take it as the publisher's statement.
    return DateEvidence(value=value, kind=DateKind.METADATA, confidence=1.0)


def _str_item(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    return value


def _check_offsets(article: Article) -> None:
    size = len(article.text)
    spans = [r.span for r in article.repairs] + list(article.paragraphs)
    for span in spans:
        if span.end > size:
            raise ValueError(f"span [{span.start}, {span.end}) lies outside the text ({size} characters)")
    for removal in article.removed:
        if removal.at > size:
            raise ValueError(f"removal at {removal.at} lies outside the text ({size} characters)")


# -- raw documents


def raw_to_dict(raw: RawDocument, *, content: bool = True) -> JsonDict:
    """A raw document; its bytes as base64 in ``content_b64`` unless ``content`` is False."""
    d: JsonDict = {
        "source": raw.source,
        "format": raw.format.value,
        "container": raw.container.value,
        "url": raw.url,
        "media_type": raw.media_type,
        "declared_encoding": raw.declared_encoding,
        "version_key": raw.version_key,
        "hints": [[key, value] for key, value in raw.hints],
        "fetched_at": _iso(raw.fetched_at),
    }
    if content:
        d["content_b64"] = base64.b64encode(raw.content).decode("ascii")
    return d


def raw_from_dict(d: Mapping[str, Any], *, content: bytes | None = None) -> RawDocument:
    """Read a raw document back; ``content`` supplies the bytes when the dict holds none."""
    return _reading("raw document", d, lambda m: _raw_from_dict(m, content))


def _raw_from_dict(d: Mapping[str, Any], content: bytes | None) -> RawDocument:
    if content is None:
        content = base64.b64decode(_req(d, "content_b64", str), validate=True)
    fetched_at = _opt(d, "fetched_at", str)
    return RawDocument(
        source=_req(d, "source", str),
        content=content,
        format=InputFormat(_req(d, "format", str)),
        container=Container(_opt(d, "container", str) or Container.FILE.value),
        url=_opt(d, "url", str),
        media_type=_opt(d, "media_type", str),
        declared_encoding=_opt(d, "declared_encoding", str),
        version_key=_opt(d, "version_key", str),
        hints=tuple(_hint(pair) for pair in _list(d, "hints")),
        fetched_at=None if fetched_at is None else dt.datetime.fromisoformat(fetched_at),
    )


def _hint(pair: Any) -> tuple[str, str]:
    if not (isinstance(pair, list | tuple) and len(pair) == 2):
        raise ValueError(f"a hint must be a [field, value] pair, got {pair!r}")
    return _str_item(pair[0]), _str_item(pair[1])


def _reading(what: str, d: Mapping[str, Any], read: Callable[[Mapping[str, Any]], T]) -> T:
    source = d.get("source") if isinstance(d, Mapping) else None
    name = source if isinstance(source, str) else None
    try:
        if not isinstance(d, Mapping):
            raise ValueError(f"expected an object, got {type(d).__name__}")
        return read(d)
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise MalformedInput(f"not a valid {what} record: {exc}", source=name) from exc
