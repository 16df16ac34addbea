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

Per-article annotations (actors, mentions, time expressions, quotes, event reports) follow
the same conventions; a span becomes flat ``start``/``end`` keys on its item, so in those
dicts ``start``/``end`` always mean character offsets and dates get other names
(``date_start``/``date_end`` of a time expression, ``valid_from``/``valid_to`` of a role).
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
    Actor,
    ActorKind,
    Annotations,
    Article,
    Container,
    DateEvidence,
    DateKind,
    Descriptor,
    EditKind,
    EventReport,
    InputFormat,
    Mention,
    MentionKind,
    Modality,
    OutletEvidence,
    Precision,
    Quote,
    RawDocument,
    Removal,
    Repair,
    Role,
    Source,
    Span,
    TimeExpr,
)

JsonDict = dict[str, Any]
T = TypeVar("T")

__all__ = [
    "actor_from_dict",
    "actor_to_dict",
    "annotations_from_dict",
    "annotations_to_dict",
    "article_from_dict",
    "article_to_dict",
    "date_evidence_from_dict",
    "date_evidence_to_dict",
    "descriptor_from_dict",
    "descriptor_to_dict",
    "mention_from_dict",
    "mention_to_dict",
    "outlet_from_dict",
    "outlet_to_dict",
    "quote_from_dict",
    "quote_to_dict",
    "raw_from_dict",
    "raw_to_dict",
    "removal_from_dict",
    "removal_to_dict",
    "repair_from_dict",
    "repair_to_dict",
    "report_from_dict",
    "report_to_dict",
    "source_from_dict",
    "source_to_dict",
    "span_from_dict",
    "span_to_dict",
    "timex_from_dict",
    "timex_to_dict",
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


def _items(d: Mapping[str, Any], key: str, read: Callable[[Mapping[str, Any]], T]) -> tuple[T, ...]:
    """Read list ``key`` of objects; an error names the item (``reports[3]: ...``)."""
    items = []
    for i, item in enumerate(_list(d, key)):
        try:
            if not isinstance(item, Mapping):
                raise ValueError(f"expected an object, got {type(item).__name__}")
            items.append(read(item))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{key}[{i}]: {exc}") from exc
    return tuple(items)


def _strs(d: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(_str_item(value) for value in _list(d, key))


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
        repairs=_items(d, "repairs", repair_from_dict),
        removed=_items(d, "removed", removal_from_dict),
        paragraphs=_items(d, "paragraphs", span_from_dict),
        dateline=_opt(d, "dateline", str),
        warnings=_strs(d, "warnings"),
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


def _reading(
    what: str, d: Mapping[str, Any], read: Callable[[Mapping[str, Any]], T], *, named_by: str = "source"
) -> T:
    """``read(d)``, with a ValueError or TypeError raised as MalformedInput named by ``d[named_by]``."""
    source = d.get(named_by) if isinstance(d, Mapping) else None
    name = source if isinstance(source, str) else None
    try:
        if not isinstance(d, Mapping):
            raise ValueError(f"expected an object, got {type(d).__name__}")
        return read(d)
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise MalformedInput(f"not a valid {what} record: {exc}", source=name) from exc


# -- annotations: actors


def _role_to_dict(role: Role) -> JsonDict:
    return {"title": role.title, "of": role.of, "valid_from": _iso(role.start), "valid_to": _iso(role.end)}


def _role_from_dict(d: Mapping[str, Any]) -> Role:
    return Role(
        title=_req(d, "title", str),
        of=_opt(d, "of", str),
        start=_date(_opt(d, "valid_from", str)),
        end=_date(_opt(d, "valid_to", str)),
    )


def actor_to_dict(actor: Actor) -> JsonDict:
    """An actor; its roles' validity dates are ``valid_from``/``valid_to`` (ISO, null = open)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "country": actor.country,
        "sector": actor.sector,
        "roles": [_role_to_dict(r) for r in actor.roles],
        "in_kb": actor.in_kb,
    }


def actor_from_dict(d: Mapping[str, Any]) -> Actor:
    return _reading("actor", d, _actor_from_dict, named_by="id")


def _actor_from_dict(d: Mapping[str, Any]) -> Actor:
    return Actor(
        id=_req(d, "id", str),
        name=_req(d, "name", str),
        kind=ActorKind(_req(d, "kind", str)),
        aliases=_strs(d, "aliases"),
        country=_opt(d, "country", str),
        sector=_opt(d, "sector", str),
        roles=_items(d, "roles", _role_from_dict),
        in_kb=bool(_opt(d, "in_kb", bool)),
    )


# -- annotations: mentions, descriptors, time expressions


def mention_to_dict(mention: Mention) -> JsonDict:
    """A mention; ``actor`` is the id it resolves to, or null."""
    return {
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "label": mention.label,
        "kind": mention.kind.value,
        "actor": mention.actor_id,
    }


def mention_from_dict(d: Mapping[str, Any]) -> Mention:
    return _reading("mention", d, _mention_from_dict)


def _mention_from_dict(d: Mapping[str, Any]) -> Mention:
    return Mention(
        span=span_from_dict(d),
        text=_req(d, "text", str),
        label=_req(d, "label", str),
        kind=MentionKind(_req(d, "kind", str)),
        actor_id=_opt(d, "actor", str),
    )


def descriptor_to_dict(descriptor: Descriptor) -> JsonDict:
    return {
        "actor": descriptor.actor_id,
        "start": descriptor.span.start,
        "end": descriptor.span.end,
        "text": descriptor.text,
        "kind": descriptor.kind,
    }


def descriptor_from_dict(d: Mapping[str, Any]) -> Descriptor:
    return _reading("descriptor", d, _descriptor_from_dict)


def _descriptor_from_dict(d: Mapping[str, Any]) -> Descriptor:
    return Descriptor(
        actor_id=_req(d, "actor", str),
        span=span_from_dict(d),
        text=_req(d, "text", str),
        kind=_req(d, "kind", str),
    )


def timex_to_dict(timex: TimeExpr) -> JsonDict:
    """A time expression; its date range (inclusive, ISO) is ``date_start``/``date_end``."""
    return {
        "start": timex.span.start,
        "end": timex.span.end,
        "text": timex.text,
        "date_start": _iso(timex.start),
        "date_end": _iso(timex.end),
        "precision": timex.precision.value,
        "anchor": timex.anchor,
        "direction": timex.direction,
        "modifier": timex.modifier,
    }


def timex_from_dict(d: Mapping[str, Any]) -> TimeExpr:
    return _reading("time expression", d, _timex_from_dict)


def _timex_from_dict(d: Mapping[str, Any]) -> TimeExpr:
    return TimeExpr(
        span=span_from_dict(d),
        text=_req(d, "text", str),
        start=_date(_opt(d, "date_start", str)),
        end=_date(_opt(d, "date_end", str)),
        precision=Precision(_req(d, "precision", str)),
        anchor=_req(d, "anchor", str),
        direction=_opt(d, "direction", str) or "",
        modifier=_opt(d, "modifier", str) or "",
    )


# -- annotations: attribution and quotes


def source_to_dict(source: Source) -> JsonDict:
    """One link of an attribution chain; ``name`` as written, ``actor`` its id or null."""
    return {
        "name": source.name,
        "start": source.span.start,
        "end": source.span.end,
        "actor": source.actor_id,
        "kind": source.kind,
    }


def source_from_dict(d: Mapping[str, Any]) -> Source:
    return _reading("source", d, _source_from_dict)


def _source_from_dict(d: Mapping[str, Any]) -> Source:
    return Source(
        name=_req(d, "name", str),
        span=span_from_dict(d),
        actor_id=_opt(d, "actor", str),
        kind=_opt(d, "kind", str) or "source",
    )


def _optional_span(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span.start, span.end)


def _span_at(d: Mapping[str, Any], prefix: str) -> Span | None:
    start, end = _opt(d, f"{prefix}_start", int), _opt(d, f"{prefix}_end", int)
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ValueError(f"fields '{prefix}_start' and '{prefix}_end' must both be set or both be null")
    return Span(start=start, end=end)


def quote_to_dict(quote: Quote) -> JsonDict:
    """A quote; the speaker's and the cue's spans are ``speaker_*``/``cue_*`` (null if absent).

    ``via`` lists the sources relaying the speaker's words, outer to inner.
    """
    speaker_start, speaker_end = _optional_span(quote.speaker_span)
    cue_start, cue_end = _optional_span(quote.cue_span)
    return {
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_text": quote.speaker_text,
        "speaker_start": speaker_start,
        "speaker_end": speaker_end,
        "cue": quote.cue,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "via": [source_to_dict(s) for s in quote.via],
    }


def quote_from_dict(d: Mapping[str, Any]) -> Quote:
    return _reading("quote", d, _quote_from_dict)


def _quote_from_dict(d: Mapping[str, Any]) -> Quote:
    return Quote(
        span=span_from_dict(d),
        text=_req(d, "text", str),
        kind=_req(d, "kind", str),
        speaker=_opt(d, "speaker", str),
        speaker_text=_opt(d, "speaker_text", str),
        speaker_span=_span_at(d, "speaker"),
        cue=_opt(d, "cue", str),
        cue_span=_span_at(d, "cue"),
        via=_items(d, "via", _source_from_dict),
    )


# -- annotations: event reports


def report_to_dict(report: EventReport, text: str | None = None) -> JsonDict:
    """An event report; with the article's ``text``, its evidence sentence is spelled out in ``text``.

    ``attributes`` becomes an object in the order the names first occur. A name that occurs
    once maps to its value; a name that repeats maps to the list of its values, in order
    (``{"killed": "2", "place": ["Tehran", "Beirut"]}``). Reading back gives each name's
    pairs together, so a tuple that interleaves repeats (``killed, place, killed``) reads
    back grouped by name (``killed, killed, place``); per-name order is kept, and pairs
    already grouped, as the stages write them, read back unchanged.
    """
    d: JsonDict = {
        "id": report.id,
        "start": report.span.start,
        "end": report.span.end,
        "trigger_start": report.trigger.start,
        "trigger_end": report.trigger.end,
        "trigger": report.trigger_text,
        "type": report.event_type,
        "mode": report.mode,
        "context": list(report.context),
        "cameo": report.cameo,
        "goldstein": report.goldstein,
        "actor": list(report.actor),
        "recipient": list(report.recipient),
        "when": None if report.when is None else timex_to_dict(report.when),
        "where": report.where,
        "where_text": report.where_text,
        "modality": report.modality.value,
        "attributed_to": [source_to_dict(s) for s in report.attributed_to],
        "attributes": _attributes_to_dict(report.attributes),
        "hedged": report.hedged,
    }
    if text is not None:
        d["text"] = report.span.of(text)  # for readers; derived, so ignored when reading
    return d


def _attributes_to_dict(pairs: tuple[tuple[str, str], ...]) -> JsonDict:
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    return {name: vs[0] if len(vs) == 1 else vs for name, vs in values.items()}


def report_from_dict(d: Mapping[str, Any]) -> EventReport:
    return _reading("event report", d, _report_from_dict, named_by="id")


def _report_from_dict(d: Mapping[str, Any]) -> EventReport:
    when = _opt(d, "when", dict)
    return EventReport(
        id=_req(d, "id", str),
        span=span_from_dict(d),
        trigger=Span(start=_req(d, "trigger_start", int), end=_req(d, "trigger_end", int)),
        trigger_text=_req(d, "trigger", str),
        event_type=_req(d, "type", str),
        mode=_opt(d, "mode", str) or "",
        context=_strs(d, "context"),
        cameo=_opt(d, "cameo", str) or "",
        goldstein=_opt(d, "goldstein", float),
        actor=_strs(d, "actor"),
        recipient=_strs(d, "recipient"),
        when=None if when is None else _timex_from_dict(when),
        where=_opt(d, "where", str),
        where_text=_opt(d, "where_text", str),
        modality=Modality(_opt(d, "modality", str) or Modality.ASSERTED.value),
        attributed_to=_items(d, "attributed_to", _source_from_dict),
        attributes=_attributes_from_dict(_opt(d, "attributes", dict) or {}),
        hedged=bool(_opt(d, "hedged", bool)),
    )


def _attributes_from_dict(d: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for name, value in d.items():
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ValueError(f"attribute {name!r} has an empty list of values")
        try:
            pairs += [(name, _str_item(v)) for v in values]
        except ValueError as exc:
            raise ValueError(f"attribute {name!r}: {exc}") from exc
    return tuple(pairs)


# -- annotations of one article


def annotations_to_dict(a: Annotations, text: str | None = None) -> JsonDict:
    """Everything the per-article stages found in one article, as one JSON-able dict.

    ``text``, the article's text, spells out each report's evidence sentence (see
    :func:`report_to_dict`) and is checked against: a span beyond its end raises
    ``ValueError``, as annotations that do not fit their article are a bug upstream.
    """
    if text is not None:
        _check_annotation_offsets(a, len(text))
    return {
        "article_id": a.article_id,
        "version": a.version,
        "stages": list(a.stages),
        "actors": [actor_to_dict(x) for x in a.actors],
        "mentions": [mention_to_dict(x) for x in a.mentions],
        "descriptors": [descriptor_to_dict(x) for x in a.descriptors],
        "timexes": [timex_to_dict(x) for x in a.timexes],
        "quotes": [quote_to_dict(x) for x in a.quotes],
        "reports": [report_to_dict(x, text) for x in a.reports],
    }


def annotations_from_dict(d: Mapping[str, Any]) -> Annotations:
    """Read an annotations dict back; raises :class:`MalformedInput` named by its article id."""
    return _reading("annotations", d, _annotations_from_dict, named_by="article_id")


def _annotations_from_dict(d: Mapping[str, Any]) -> Annotations:
    return Annotations(
        article_id=_req(d, "article_id", str),
        actors=_items(d, "actors", _actor_from_dict),
        mentions=_items(d, "mentions", _mention_from_dict),
        descriptors=_items(d, "descriptors", _descriptor_from_dict),
        timexes=_items(d, "timexes", _timex_from_dict),
        quotes=_items(d, "quotes", _quote_from_dict),
        reports=_items(d, "reports", _report_from_dict),
        stages=_strs(d, "stages"),
        version=_opt(d, "version", str) or "",
    )


def _annotation_spans(a: Annotations) -> list[Span]:
    spans = [m.span for m in a.mentions] + [x.span for x in a.descriptors] + [t.span for t in a.timexes]
    for quote in a.quotes:
        spans += [quote.span, *(s.span for s in quote.via)]
        spans += [s for s in (quote.speaker_span, quote.cue_span) if s is not None]
    for report in a.reports:
        spans += [report.span, report.trigger, *(s.span for s in report.attributed_to)]
        spans += [] if report.when is None else [report.when.span]
    return spans


def _check_annotation_offsets(a: Annotations, size: int) -> None:
    for span in _annotation_spans(a):
        if span.end > size:
            raise ValueError(
                f"annotations of article {a.article_id}: span [{span.start}, {span.end})"
                f" lies outside the text ({size} characters)"
            )


# -- corpus results: copies, stories, events, disagreements, framing, timeline, briefings
#
# Imported here, not at the top, so the per-article half of this module reads on its own.

from dataclasses import replace  # noqa: E402

from newsweave.corpus import CorpusState  # noqa: E402
from newsweave.model import (  # noqa: E402
    Briefing,
    BriefingSentence,
    Citation,
    ClaimStance,
    Copy,
    DatedArticle,
    Disagreement,
    Event,
    Framing,
    FramingDescriptor,
    Story,
    TimelineEntry,
    Variant,
)


def _citation_to_dict(citation: Citation) -> JsonDict:
    return {"article": citation.article_id, "start": citation.span.start, "end": citation.span.end}


def copy_to_dict(copy: Copy) -> JsonDict:
    return {
        "article": copy.article_id,
        "original": copy.original_id,
        "kind": copy.kind,
        "similarity": copy.similarity,
    }


def _copy_from_dict(d: Mapping[str, Any]) -> Copy:
    return Copy(
        article_id=_req(d, "article", str),
        original_id=_req(d, "original", str),
        kind=_req(d, "kind", str),
        similarity=_req(d, "similarity", float),
    )


def story_to_dict(story: Story) -> JsonDict:
    """A story in the export contract's shape (``articles``, ``events``), with its date range."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.article_ids),
        "events": list(story.event_ids),
        "date_start": _iso(story.start),
        "date_end": _iso(story.end),
    }


def _story_from_dict(d: Mapping[str, Any]) -> Story:
    return Story(
        id=_req(d, "id", str),
        title=_req(d, "title", str),
        article_ids=_strs(d, "articles"),
        event_ids=_strs(d, "events"),
        start=_date(_opt(d, "date_start", str)),
        end=_date(_opt(d, "date_end", str)),
    )


def event_to_dict(event: Event) -> JsonDict:
    """A cross-article event; its date range is ``date_start``/``date_end`` (inclusive, ISO)."""
    return {
        "id": event.id,
        "type": event.event_type,
        "label": event.label,
        "reports": list(event.report_ids),
        "articles": list(event.article_ids),
        "cameo": event.cameo,
        "mode": event.mode,
        "actor": list(event.actor),
        "recipient": list(event.recipient),
        "date_start": _iso(event.start),
        "date_end": _iso(event.end),
        "precision": event.precision.value,
        "date_estimated": event.date_estimated,
        "where": event.where,
        "modality": event.modality.value,
        "background": event.background,
    }


def _event_from_dict(d: Mapping[str, Any]) -> Event:
    return Event(
        id=_req(d, "id", str),
        event_type=_req(d, "type", str),
        label=_req(d, "label", str),
        report_ids=_strs(d, "reports"),
        article_ids=_strs(d, "articles"),
        cameo=_opt(d, "cameo", str) or "",
        mode=_opt(d, "mode", str) or "",
        actor=_strs(d, "actor"),
        recipient=_strs(d, "recipient"),
        start=_date(_opt(d, "date_start", str)),
        end=_date(_opt(d, "date_end", str)),
        precision=Precision(_opt(d, "precision", str) or Precision.UNRESOLVED.value),
        date_estimated=bool(_opt(d, "date_estimated", bool)),
        where=_opt(d, "where", str),
        modality=Modality(_opt(d, "modality", str) or Modality.ASSERTED.value),
        background=bool(_opt(d, "background", bool)),
    )


def variant_to_dict(variant: Variant) -> JsonDict:
    """A variant; ``attributed_to`` holds one attribution chain (list of sources) per report."""
    return {
        "value": variant.value,
        "articles": list(variant.article_ids),
        "outlets": list(variant.outlets),
        "reports": list(variant.report_ids),
        "attributed_to": [[source_to_dict(s) for s in chain] for chain in variant.attributed_to],
        "independent_outlets": variant.independent_outlets,
        "hedged": variant.hedged,
    }


def _variant_from_dict(d: Mapping[str, Any]) -> Variant:
    chains = []
    for i, chain in enumerate(_list(d, "attributed_to")):
        if not isinstance(chain, list):
            raise ValueError(f"attributed_to[{i}]: expected a list, got {type(chain).__name__}")
        chains.append(_items({"chain": chain}, "chain", _source_from_dict))
    return Variant(
        value=_req(d, "value", str),
        article_ids=_strs(d, "articles"),
        outlets=_strs(d, "outlets"),
        report_ids=_strs(d, "reports"),
        attributed_to=tuple(chains),
        independent_outlets=_opt(d, "independent_outlets", int) or 0,
        hedged=bool(_opt(d, "hedged", bool)),
    )


def disagreement_to_dict(disagreement: Disagreement) -> JsonDict:
    return {
        "event": disagreement.event_id,
        "attribute": disagreement.attribute,
        "variants": [variant_to_dict(v) for v in disagreement.variants],
        "kind": disagreement.kind,
        "note": disagreement.note,
    }


def _disagreement_from_dict(d: Mapping[str, Any]) -> Disagreement:
    return Disagreement(
        event_id=_req(d, "event", str),
        attribute=_req(d, "attribute", str),
        variants=_items(d, "variants", _variant_from_dict),
        kind=_req(d, "kind", str),
        note=_opt(d, "note", str) or "",
    )


def _framing_descriptor_to_dict(descriptor: FramingDescriptor) -> JsonDict:
    return {
        "article": descriptor.article_id,
        "outlet": descriptor.outlet,
        "text": descriptor.text,
        "start": descriptor.span.start,
        "end": descriptor.span.end,
        "kind": descriptor.kind,
        "loaded": descriptor.loaded,
        "quoted_from": descriptor.quoted_from,
    }


def _framing_descriptor_from_dict(d: Mapping[str, Any]) -> FramingDescriptor:
    return FramingDescriptor(
        article_id=_req(d, "article", str),
        outlet=_opt(d, "outlet", str),
        text=_req(d, "text", str),
        span=span_from_dict(d),
        kind=_req(d, "kind", str),
        loaded=bool(_opt(d, "loaded", bool)),
        quoted_from=_opt(d, "quoted_from", str),
    )


def _claim_to_dict(claim: ClaimStance) -> JsonDict:
    return {
        "event": claim.event_id,
        "attribute": claim.attribute,
        "value": claim.value,
        "article": claim.article_id,
        "outlet": claim.outlet,
        "modality": claim.modality.value,
        "hedged": claim.hedged,
        "attributed_to": list(claim.attributed_to),
    }


def _claim_from_dict(d: Mapping[str, Any]) -> ClaimStance:
    return ClaimStance(
        event_id=_req(d, "event", str),
        attribute=_opt(d, "attribute", str) or "",
        value=_req(d, "value", str),
        article_id=_req(d, "article", str),
        outlet=_opt(d, "outlet", str),
        modality=Modality(_req(d, "modality", str)),
        hedged=bool(_opt(d, "hedged", bool)),
        attributed_to=_strs(d, "attributed_to"),
    )


def framing_to_dict(framing: Framing) -> JsonDict:
    """One actor's framing in one story: the contract's ``actor`` and ``descriptors[]``, plus claims."""
    return {
        "actor": framing.actor_id,
        "story": framing.story_id,
        "descriptors": [_framing_descriptor_to_dict(x) for x in framing.descriptors],
        "claims": [_claim_to_dict(c) for c in framing.claims],
    }


def _framing_from_dict(d: Mapping[str, Any]) -> Framing:
    return Framing(
        actor_id=_req(d, "actor", str),
        story_id=_opt(d, "story", str),
        descriptors=_items(d, "descriptors", _framing_descriptor_from_dict),
        claims=_items(d, "claims", _claim_from_dict),
    )


def timeline_entry_to_dict(entry: TimelineEntry) -> JsonDict:
    """A timeline entry; ``date`` is the start of its range (the contract's field), null if unknown."""
    return {
        "event": entry.event_id,
        "date": _iso(entry.start),
        "date_start": _iso(entry.start),
        "date_end": _iso(entry.end),
        "precision": entry.precision.value,
        "label": entry.label,
        "articles": list(entry.article_ids),
        "modality": entry.modality.value,
        "estimated": entry.estimated,
        "story": entry.story_id,
        "background": entry.background,
    }


def _timeline_entry_from_dict(d: Mapping[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        event_id=_req(d, "event", str),
        start=_date(_opt(d, "date_start", str)),
        end=_date(_opt(d, "date_end", str)),
        precision=Precision(_req(d, "precision", str)),
        label=_req(d, "label", str),
        article_ids=_strs(d, "articles"),
        modality=Modality(_opt(d, "modality", str) or Modality.ASSERTED.value),
        estimated=bool(_opt(d, "estimated", bool)),
        story_id=_opt(d, "story", str),
        background=bool(_opt(d, "background", bool)),
    )


def _citation_from_dict(d: Mapping[str, Any]) -> Citation:
    return Citation(article_id=_req(d, "article", str), span=span_from_dict(d))


def _sentence_to_dict(sentence: BriefingSentence) -> JsonDict:
    return {
        "text": sentence.text,
        "section": sentence.section,
        "citations": [_citation_to_dict(c) for c in sentence.citations],
    }


def _sentence_from_dict(d: Mapping[str, Any]) -> BriefingSentence:
    return BriefingSentence(
        text=_req(d, "text", str),
        citations=_items(d, "citations", _citation_from_dict),
        section=_req(d, "section", str),
    )


def briefing_to_dict(briefing: Briefing) -> JsonDict:
    return {"story": briefing.story_id, "sentences": [_sentence_to_dict(s) for s in briefing.sentences]}


def _briefing_from_dict(d: Mapping[str, Any]) -> Briefing:
    return Briefing(story_id=_req(d, "story", str), sentences=_items(d, "sentences", _sentence_from_dict))


def dated_to_dict(dated: DatedArticle) -> JsonDict:
    return {
        "article": dated.article_id,
        "published": date_evidence_to_dict(dated.published),
        "event": dated.event_id,
    }


def _dated_from_dict(d: Mapping[str, Any]) -> DatedArticle:
    return DatedArticle(
        article_id=_req(d, "article", str),
        published=date_evidence_from_dict(_req(d, "published", dict)),
        event_id=_req(d, "event", str),
    )


def corpus_to_dict(state: CorpusState, *, articles: bool = True) -> JsonDict:
    """What the corpus stages found, with the annotations they worked on (actor ids merged, times
    re-resolved), as one JSON-able dict.

    Without ``articles`` only their ids are written: a store that holds the articles passes them
    back to :func:`corpus_from_dict`, and the publication dates estimated across articles
    (``dated``) are applied to them again there.
    """
    d: JsonDict = {"article_ids": [a.id for a in state.articles]}
    if articles:
        d["articles"] = [article_to_dict(a) for a in state.articles]
    return {
        **d,
        "annotations": [annotations_to_dict(a) for a in state.annotations.values()],
        "copies": [copy_to_dict(x) for x in state.copies],
        "stories": [story_to_dict(x) for x in state.stories],
        "events": [event_to_dict(x) for x in state.events],
        "disagreements": [disagreement_to_dict(x) for x in state.disagreements],
        "framing": [framing_to_dict(x) for x in state.framing],
        "timeline": [timeline_entry_to_dict(x) for x in state.timeline],
        "briefings": [briefing_to_dict(x) for x in state.briefings],
        "dated": [dated_to_dict(x) for x in state.dated],
    }


def corpus_from_dict(d: Mapping[str, Any], articles: Mapping[str, Article] | None = None) -> CorpusState:
    """Read a corpus dict back; ``articles`` (by id) supplies the articles a dict without them names.

    Raises :class:`MalformedInput` if it is not one, or names an article ``articles`` lacks.
    """
    return _reading("corpus", d, lambda m: _corpus_from_dict(m, articles))


def _corpus_from_dict(d: Mapping[str, Any], stored: Mapping[str, Article] | None) -> CorpusState:
    dated = _items(d, "dated", _dated_from_dict)
    if "articles" in d:
        articles = _items(d, "articles", _article_from_dict)
    else:
        articles = _stored_articles(_strs(d, "article_ids"), stored or {}, dated)
    annotations = _items(d, "annotations", _annotations_from_dict)
    return CorpusState(
        articles=articles,
        annotations={a.article_id: a for a in annotations},
        copies=_items(d, "copies", _copy_from_dict),
        stories=_items(d, "stories", _story_from_dict),
        events=_items(d, "events", _event_from_dict),
        disagreements=_items(d, "disagreements", _disagreement_from_dict),
        framing=_items(d, "framing", _framing_from_dict),
        timeline=_items(d, "timeline", _timeline_entry_from_dict),
        briefings=_items(d, "briefings", _briefing_from_dict),
        dated=dated,
    )


def _stored_articles(
    ids: tuple[str, ...], stored: Mapping[str, Article], dated: tuple[DatedArticle, ...]
) -> tuple[Article, ...]:
    missing = [i for i in ids if i not in stored]
    if missing:
        raise ValueError(f"{len(missing)} articles are not stored, e.g. {missing[0]}")
    published = {x.article_id: x.published for x in dated}
    return tuple(replace(stored[i], published=published[i]) if i in published else stored[i] for i in ids)
