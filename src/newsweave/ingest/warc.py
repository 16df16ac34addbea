"""WARC files (plain or gzip, read with warcio): one document per HTML response with HTTP 200.

The WARC-Date is when the page was crawled, never when it was published; it is hinted as
``crawled``.

A record that is wrong in itself (no WARC-Target-URI on a response, HTTP headers or a
body that do not parse, a digest that does not match) is one error for that record, and
the next record is read: its length is known, so the framing holds. A record warcio
cannot frame (garbage where a record should start, a cut-off file) ends the file with one
error: records before it are kept, and there is no reliable way to find the next one.

A WARC that holds no article at all (only requests, images, redirects, 404s) is one
:class:`EmptyInput` that says what it held.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecordLoader

from newsweave.errors import EmptyInput, InputError, InputTooLarge, MalformedInput
from newsweave.ingest.fetch import HTML_TYPES, parse_content_type
from newsweave.ingest.sniff import HEAD_BYTES, refuse_binary
from newsweave.model import Container, InputFormat, RawDocument

_DRAIN_BYTES = 64 * 1024


def iter_warc(stream: IO[bytes], *, source: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Documents in the WARC ``stream``; ``source#record-<n>`` names the n-th record (from 1)."""
    records = ArchiveIterator(stream, check_digests=True)
    loader = _TolerantLoader()
    records.loader = loader
    passed: Counter[str] = Counter()  # why records held no article
    yielded = 0
    number = 0
    while True:
        number += 1
        where = f"{source}#record-{number}"
        loader.http_error = None
        try:
            with _quiet_warcio():
                record = next(records, None)
        except Exception as exc:  # warcio has no one exception type for a broken frame
            yield MalformedInput(f"broken WARC record ({_reason(exc)}); rest of file skipped", source=where)
            return
        if record is None:
            break
        try:
            with _quiet_warcio():
                document = _read_record(record, loader, source=where, max_bytes=max_bytes, passed=passed)
        except _TruncatedRecordError as exc:
            yield MalformedInput(f"broken WARC record ({_reason(exc)}); rest of file skipped", source=where)
            return
        except InputError as exc:
            yield exc
            yielded += 1
            continue
        except Exception as exc:  # one record's body: the next record is still framed
            yield MalformedInput(f"unreadable WARC record ({_reason(exc)})", source=where)
            yielded += 1
            continue
        if document is not None:
            yield document
            yielded += 1
    if not yielded:
        yield EmptyInput(_no_articles(passed, number - 1), source=source)


class _TruncatedRecordError(Exception):
    """The record ends before its Content-Length: the framing of the file is lost."""


class _TolerantLoader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's loader, but HTTP headers that fail to parse are kept as this record's error.

    warcio parses them inside its iterator, where an exception (AttributeError on a
    response without WARC-Target-URI, for one) would end the iteration of the whole file.
    """

    def __init__(self) -> None:
        super().__init__(verify_http=False, arc2warc=False)
        self.http_error: str | None = None

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: int | None) -> Any:
        if uri is None:
            if rec_type == "response":
                self.http_error = "response record without a WARC-Target-URI"
            return None
        try:
            return super().load_http_headers(rec_type, uri, stream, length)
        except Exception as exc:  # the record's stream is limited: the rest is drained
            self.http_error = f"unreadable HTTP headers ({_reason(exc)})"
            return None


def _read_record(
    record: Any, loader: _TolerantLoader, *, source: str, max_bytes: int, passed: Counter[str]
) -> RawDocument | None:
    if loader.http_error is not None:
        raise MalformedInput(loader.http_error, source=source)
    document = _response_document(record, source=source, max_bytes=max_bytes, passed=passed)
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


def _response_document(
    record: Any, *, source: str, max_bytes: int, passed: Counter[str]
) -> RawDocument | None:
    if record.rec_type != "response" or record.http_headers is None:
        passed["not responses"] += 1
        return None
    status = record.http_headers.get_statuscode()
    if status != "200":
        passed[f"HTTP {status}"] += 1
        return None
    media_type, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if media_type not in HTML_TYPES:
        passed["non-HTML"] += 1
        return None
    content = record.content_stream().read(max_bytes + 1)
    if len(content) > max_bytes:
        raise InputTooLarge(f"WARC response larger than {max_bytes} bytes", source=source)
    # Served as HTML is a claim: a PNG or a body whose Content-Encoding warcio could not undo
    # (it then hands over the raw bytes) is refused here, so no cleaner sees it.
    refuse_binary(content[:HEAD_BYTES], source=source)
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


def _no_articles(passed: Counter[str], records: int) -> str:
    """``WARC holds no article records (12 records: 10 non-HTML, 2 HTTP 404)``."""
    if not records:
        return "WARC holds no records"
    reasons = ", ".join(
        f"{count} {why}" for why, count in sorted(passed.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    noun = "record" if records == 1 else "records"
    return f"WARC holds no article records ({records} {noun}: {reasons})"


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
