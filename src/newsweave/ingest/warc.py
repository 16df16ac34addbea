"""WARC files (plain or gzip, read with warcio): one document per HTML response with HTTP 200.

The WARC-Date is when the page was crawled, never when it was published; it is hinted as
``crawled``. A record warcio cannot parse ends the file with one error: records before it
are kept, and after a framing error there is no reliable way to find the next record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave.errors import InputError, InputTooLarge, MalformedInput
from newsweave.ingest.fetch import HTML_TYPES, parse_content_type
from newsweave.model import Container, InputFormat, RawDocument

_DRAIN_BYTES = 64 * 1024
# What a damaged WARC makes warcio raise (it has no single exception type for it).
_WARC_FAILURES = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, IndexError, KeyError, OSError)


def iter_warc(stream: IO[bytes], *, source: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Documents in the WARC ``stream``; ``source#record-<n>`` names the n-th record (from 1)."""
    records = ArchiveIterator(stream, check_digests=True)
    number = 0
    while True:
        number += 1
        where = f"{source}#record-{number}"
        try:
            with _quiet_warcio():
                record = next(records, None)
                if record is None:
                    return
                document = _read_record(record, source=where, max_bytes=max_bytes)
        except InputError as exc:
            yield exc
            continue
        except (_TruncatedRecordError, *_WARC_FAILURES) as exc:
            yield MalformedInput(f"broken WARC record ({_reason(exc)}); rest of file skipped", source=where)
            return
        if document is not None:
            yield document


class _TruncatedRecordError(Exception):
    """The record ends before its Content-Length: the framing of the file is lost."""


def _read_record(record: Any, *, source: str, max_bytes: int) -> RawDocument | None:
    document = _response_document(record, source=source, max_bytes=max_bytes)
    # Read the record to its end, so its length and digests can be checked.
    while record.raw_stream.read(_DRAIN_BYTES):
        pass
    if record.raw_stream.limit > 0:
        missing = record.raw_stream.limit
        raise _TruncatedRecordError(f"record ends {missing} bytes before its Content-Length")
    if record.digest_checker.passed is False:
        problems = "; ".join(record.digest_checker.problems)
        raise MalformedInput(f"damaged WARC record ({problems})", source=source)
    return document


def _response_document(record: Any, *, source: str, max_bytes: int) -> RawDocument | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media_type, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if media_type not in HTML_TYPES:
        return None
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        raise InputTooLarge(f"WARC response larger than {max_bytes} bytes", source=source)
    url: str | None = record.rec_headers.get_header("WARC-Target-URI")
    crawled: str | None = record.rec_headers.get_header("WARC-Date")
    hints = [("url", url)] if url else []
    if crawled:
        hints.append(("crawled", crawled))  # a crawl date, never a publication date
    return RawDocument(
        source=source,
        content=content,
        format=InputFormat.HTML,
        container=Container.WARC,
        url=url,
        media_type=media_type,
        declared_encoding=charset,
        version_key=url,
        hints=tuple(hints),
        fetched_at=_parse_warc_date(crawled),
    )


def _parse_warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


@contextlib.contextmanager
def _quiet_warcio() -> Iterator[None]:
    # warcio writes framing warnings straight to sys.stderr; the library must not print.
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    if isinstance(exc, _TruncatedRecordError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
