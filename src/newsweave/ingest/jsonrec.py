"""JSON and JSONL files: one article per record, field names from ``Settings.json_fields``.

A bad record (invalid JSON, no text field) is reported on its own; the records around it
still load. A JSON document (a file, or one JSONL line) is measured before it is parsed:
nesting deeper than :data:`MAX_JSON_DEPTH` would exhaust the parser's stack, and more than
:data:`MAX_JSON_CONTAINERS` objects and arrays would exhaust memory long before the file
size limit does, so both are refused unparsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate

from newsweave.config import JsonFields
from newsweave.errors import EmptyInput, InputError, MalformedInput
from newsweave.ingest.sniff import looks_like_html
from newsweave.model import Container, InputFormat, RawDocument

# where a JSON document that is not itself a record keeps its records
MAX_JSON_DEPTH = 128  # news records nest a few levels; Python's parser recurses per level
MAX_JSON_CONTAINERS = 1_000_000  # objects and arrays in one document (a file, or a JSONL line)

# A JSON string (possessive: no backtracking on hostile input), or one left open at the end.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\Z)', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
# What json leaves of a broken UTF-16 pair (``"\ud800"``): UTF-8 cannot hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_RECORD_LISTS = ("articles", "items", "records", "data", "results", "documents", "entries")


def iter_jsonl(content: bytes, *, source: str, fields: JsonFields) -> Iterator[RawDocument | InputError]:
    """One document per non-blank line of a JSONL file; ``source#L<line>`` names each."""
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            record = load_json(line, source=where)
        except InputError as exc:
            yield exc
            continue
        yield _record_or_error(record, source=where, fields=fields)


def iter_json(content: bytes, *, source: str, fields: JsonFields) -> Iterator[RawDocument | InputError]:
    """Documents of a JSON file: one record, an array of records, or an object holding them."""
    try:
        data = load_json(content, source=source)
    except InputError as exc:
        yield exc
        return
    records = _records(data, fields)
    if records is None:
        yield _record_or_error(data, source=source, fields=fields)
        return
    if not records:
        yield EmptyInput("JSON holds no records", source=source)
    for key, record in records:
        yield _record_or_error(record, source=f"{source}#{key}", fields=fields)


def load_json(data: bytes, *, source: str) -> object:
    """The JSON value ``data`` holds. Raises :class:`MalformedInput`, never anything else.

    Too deep or too many containers is refused before parsing (see the module docstring).
    """
    try:
        text = data.decode(json.detect_encoding(data))
    except UnicodeDecodeError as exc:
        raise MalformedInput(
            f"invalid JSON: not {exc.encoding} text at byte {exc.start}", source=source
        ) from None
    check_json_shape(text, source=source)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise MalformedInput(f"invalid JSON: {_reason(exc)}", source=source) from None
    except RecursionError:  # only when the caller's stack is already deep: the check bounds nesting
        raise MalformedInput("JSON nested too deeply to parse", source=source) from None


def check_json_shape(text: str, *, source: str) -> None:
    """Refuse JSON ``text`` nested deeper than MAX_JSON_DEPTH or holding too many containers.

    Brackets inside strings do not count; the scan is linear and runs in the regex engine.
    """
    structure = _JSON_STRING.sub("", text)
    opened = structure.count("[") + structure.count("{")
    closed = structure.count("]") + structure.count("}")
    if max(opened, closed) > MAX_JSON_CONTAINERS:
        raise MalformedInput(
            f"JSON holds more than {MAX_JSON_CONTAINERS} objects and arrays; not parsed", source=source
        )
    steps = (1 if bracket in "[{" else -1 for bracket in _BRACKETS.findall(structure))
    if max(accumulate(steps), default=0) > MAX_JSON_DEPTH:
        raise MalformedInput(f"JSON nested deeper than {MAX_JSON_DEPTH} levels; not parsed", source=source)


def record_document(record: Mapping[str, object], *, source: str, fields: JsonFields) -> RawDocument:
    """The article a JSON record holds. Raises :class:`MalformedInput` or :class:`EmptyInput`."""
    text = _text(record, fields.text)
    if text is None:
        tried = ", ".join(fields.text)
        raise MalformedInput(f"record has no text field (tried: {tried})", source=source)
    if not text.strip():
        raise EmptyInput("record's text field is empty", source=source)
    url = _first(record, fields.url)
    hint_fields = (
        ("title", fields.title),
        ("url", fields.url),
        ("published", fields.published),
        ("outlet", fields.outlet),
        ("byline", fields.byline),
        ("id", fields.id),
    )
    hints = tuple((name, value) for name, keys in hint_fields if (value := _first(record, keys)) is not None)
    text, hints, url = _without_lone_surrogates(text, hints, url)
    is_html = looks_like_html(text)
    return RawDocument(
        source=source,
        content=text.encode("utf-8"),
        format=InputFormat.HTML if is_html else InputFormat.TEXT,
        container=Container.JSON,
        url=url,
        media_type="text/html" if is_html else "text/plain",
        declared_encoding="utf-8",
        version_key=url,
        hints=hints,
    )


def _without_lone_surrogates(
    text: str, hints: tuple[tuple[str, str], ...], url: str | None
) -> tuple[str, tuple[tuple[str, str], ...], str | None]:
    """Text, hints and URL with each lone surrogate replaced by U+FFFD, and a ``json_repair`` hint.

    A JSON escape such as ``\\ud800`` without its pair decodes to a character UTF-8 cannot
    encode. Scrapers produce them by cutting an emoji in half; the article around it is
    sound, so the one character is replaced (and said so) rather than the record refused.
    """
    found = len(_LONE_SURROGATE.findall(text)) + sum(len(_LONE_SURROGATE.findall(v)) for _, v in hints)
    if url is not None:
        url = _LONE_SURROGATE.sub("\ufffd", url)
    if not found:
        return text, hints, url
    repaired = tuple((name, _LONE_SURROGATE.sub("\ufffd", value)) for name, value in hints)
    note = f"{found} lone surrogate escape{'s' if found != 1 else ''} replaced by U+FFFD"
    return _LONE_SURROGATE.sub("\ufffd", text), (*repaired, ("json_repair", note)), url


def _record_or_error(record: object, *, source: str, fields: JsonFields) -> RawDocument | InputError:
    if not isinstance(record, Mapping):
        return MalformedInput(f"record is a JSON {type(record).__name__}, not an object", source=source)
    try:
        return record_document(record, source=source, fields=fields)
    except InputError as exc:
        return exc


def _records(data: object, fields: JsonFields) -> list[tuple[str, object]] | None:
    """Keyed records of a container document, or None if ``data`` is a single record."""
    if isinstance(data, list):
        return [(str(index), item) for index, item in enumerate(data)]
    if not isinstance(data, Mapping) or _text(data, fields.text) is not None:
        return None
    for key in _RECORD_LISTS:
        if isinstance(data.get(key), list):
            return [(f"{key}/{index}", item) for index, item in enumerate(data[key])]
    if data and all(isinstance(value, Mapping) for value in data.values()):
        return [(str(key), value) for key, value in data.items()]  # {id: record, ...}
    return None


def _text(record: Mapping[str, object], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
            return "\n\n".join(value)  # a body given as a list of paragraphs
    return None


def _first(record: Mapping[str, object], keys: Sequence[str]) -> str | None:
    for key in keys:
        if (value := _hint_text(record.get(key))) is not None:
            return value
    return None


def _hint_text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return _hint_text(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_hint_text(item) for item in value) if name]
        return ", ".join(names) or None
    return None


def _reason(exc: ValueError) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
