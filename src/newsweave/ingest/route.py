"""Hand a sniffed payload to its reader, whether it came from a file or a URL."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator

from newsweave.config import Settings
from newsweave.errors import EmptyInput, InputError, InputTooLarge, MalformedInput, UnsupportedInput
from newsweave.ingest.feeds import iter_feed
from newsweave.ingest.jsonrec import iter_json, iter_jsonl
from newsweave.ingest.markdown import markdown_document
from newsweave.ingest.sniff import HEAD_BYTES, Kind, sniff
from newsweave.ingest.warc import iter_warc
from newsweave.model import InputFormat, RawDocument

_MEDIA_TYPES = {InputFormat.HTML: "text/html", InputFormat.TEXT: "text/plain"}


def documents_from_bytes(
    content: bytes, kind: Kind, *, source: str, name: str, settings: Settings, base_url: str | None = None
) -> Iterator[RawDocument | InputError]:
    """The documents ``content`` holds, read as ``kind`` (gzip is decompressed and sniffed again).

    ``name`` is the file name or URL path, used for Markdown slugs; ``base_url`` resolves a
    feed's relative links.
    """
    match kind:
        case Kind.JSONL:
            yield from iter_jsonl(content, source=source, fields=settings.json_fields)
        case Kind.JSON:
            yield from iter_json(content, source=source, fields=settings.json_fields)
        case Kind.WARC:
            yield from iter_warc(io.BytesIO(content), source=source, max_bytes=settings.max_file_bytes)
        case Kind.FEED:
            yield from iter_feed(content, source=source, settings=settings, base_url=base_url)
        case Kind.MARKDOWN:
            yield markdown_document(content, source=source, name=name)
        case Kind.HTML | Kind.TEXT:
            yield single_document(content, InputFormat(kind.value), source=source)
        case Kind.GZIP:
            yield from _gzip_documents(
                content, source=source, name=name, settings=settings, base_url=base_url
            )


def single_document(content: bytes, input_format: InputFormat, *, source: str) -> RawDocument:
    """A file or page holding one text or HTML article."""
    return RawDocument(
        source=source, content=content, format=input_format, media_type=_MEDIA_TYPES.get(input_format)
    )


def gunzip(content: bytes, *, source: str, max_bytes: int) -> bytes:
    """``content`` decompressed, refusing more than ``max_bytes`` of output (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
            data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedInput(f"broken gzip data: {exc}", source=source) from None
    if len(data) > max_bytes:
        raise InputTooLarge(f"decompresses to more than the {max_bytes}-byte limit", source=source)
    if not data.strip():
        raise EmptyInput("gzip holds no text", source=source)
    return data


def _gzip_documents(
    content: bytes, *, source: str, name: str, settings: Settings, base_url: str | None
) -> Iterator[RawDocument | InputError]:
    inner_name = name.removesuffix(".gz").removesuffix(".gzip")
    try:
        data = gunzip(content, source=source, max_bytes=settings.max_file_bytes)
        kind = sniff(data[:HEAD_BYTES], inner_name, source=source)
        if kind is Kind.GZIP:
            raise UnsupportedInput("gzip inside gzip", source=source)
    except InputError as exc:
        yield exc
        return
    yield from documents_from_bytes(
        data, kind, source=source, name=inner_name, settings=settings, base_url=base_url
    )
