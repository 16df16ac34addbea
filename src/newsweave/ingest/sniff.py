"""Detect what a file or response holds, from its first bytes and its name.

Content decides where it is unambiguous (a ``.txt`` that is really HTML is HTML, a
``.json`` that is really JSONL is JSONL); the name breaks ties. Binary content is refused
here, so no reader ever sees a PNG.
"""

from __future__ import annotations

import json
import re
import zlib
from enum import StrEnum
from pathlib import PurePath

from newsweave.errors import UnsupportedInput
from newsweave.stages.clean.encoding import nuls_mark_binary

HEAD_BYTES = 8192  # how much of an input sniffing looks at
_MARKUP_WINDOW = 1024  # HTML and feed roots must show up this early


class Kind(StrEnum):
    """What an input is, as far as choosing a reader goes."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"
    GZIP = "gzip"  # compressed, not a WARC: decompress and sniff again


_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "an MP4/HEIC file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4/HEIC file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (old Word, Excel or PowerPoint)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM file"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
)
_TAR_MAGIC, _TAR_MAGIC_AT = b"ustar", 257
_GZIP_MAGIC = b"\x1f\x8b"
_WARC_MAGIC = b"WARC/1."
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Bytes that never appear in text; tab, newlines, form feed and ESC are allowed.
# NUL counts as a control byte too.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_RATIO = 0.05

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_XML_PROLOGUE = re.compile(r"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_HTML_ROOT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_BLOCK = re.compile(r"<(p|div|br|h[1-6]|li|article|section|table|span|a)[\s>/]", re.IGNORECASE)
_MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown"})
_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml", ".rdf"})
_JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
# Every name ending that says "this is an article": such a file holding binary is a broken
# input, not a stray file of another kind.
ARTICLE_EXTENSIONS = (
    _MARKDOWN_EXTENSIONS
    | _HTML_EXTENSIONS
    | _FEED_EXTENSIONS
    | _JSONL_EXTENSIONS
    | frozenset({".txt", ".text", ".json", ".warc", ".arc", ".gz", ".gzip"})
)


def sniff(head: bytes, name: str, *, source: str) -> Kind:
    """The kind of input whose first bytes are ``head`` and whose file name is ``name``.

    Raises :class:`UnsupportedInput` for binary content.
    """
    if head.startswith(_GZIP_MAGIC):
        return Kind.WARC if _gunzip_head(head).startswith(_WARC_MAGIC) else Kind.GZIP
    refuse_binary(head, source=source)
    if head.startswith(_WARC_MAGIC):
        return Kind.WARC
    text = decode_head(head)
    suffix = PurePath(name).suffix.lower()
    return _sniff_text(text, suffix, source=source)


def refuse_binary(head: bytes, *, source: str) -> None:
    """Raise :class:`UnsupportedInput` if ``head`` is not the start of a text document.

    Stray NUL bytes do occur in scraped text and HTML (the cleaner removes them, recorded);
    binary formats hold NULs in bulk or in runs of padding, and many other control bytes.
    """
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise UnsupportedInput(f"binary file ({what}), not a news text", source=source)
    if head[_TAR_MAGIC_AT : _TAR_MAGIC_AT + len(_TAR_MAGIC)] == _TAR_MAGIC:
        raise UnsupportedInput("binary file (a tar archive), not a news text", source=source)
    if head.startswith(_UTF16_BOMS):
        return  # UTF-16 text is full of NUL bytes
    sample = head[:HEAD_BYTES]
    if not sample:
        return
    if nuls_mark_binary(sample):
        raise UnsupportedInput("binary content (NUL bytes), not a news text", source=source)
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if controls / len(sample) > _MAX_CONTROL_RATIO:
        raise UnsupportedInput("binary content (control bytes), not a news text", source=source)


def decode_head(head: bytes) -> str:
    """``head`` as text, good enough to sniff: the real decoding is the cleaner's job."""
    if head.startswith(_UTF16_BOMS):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (the start of a document) is an HTML page or fragment.

    One stray tag does not make HTML: plain text with a leftover tracking ``<img>`` is
    still text, and the cleaner removes the tag.
    """
    window = text[:_MARKUP_WINDOW]
    return bool(_HTML_ROOT.search(window)) or len(_HTML_BLOCK.findall(text[:HEAD_BYTES])) >= 2


def is_feed(text: str) -> bool:
    """Whether ``text`` starts with an RSS, Atom or RSS 1.0 (RDF) root element."""
    prologue = _XML_PROLOGUE.match(text)
    start = prologue.end() if prologue else 0
    return bool(_FEED_ROOT.match(text, start))


def _sniff_text(text: str, suffix: str, *, source: str) -> Kind:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and (json_kind := _json_kind(stripped, suffix)) is not None:
        return json_kind
    if stripped.startswith("<"):
        if is_feed(stripped):
            return Kind.FEED
        if _HTML_ROOT.search(stripped[:_MARKUP_WINDOW]):
            return Kind.HTML
    if suffix in _MARKDOWN_EXTENSIONS or _looks_like_markdown(text):
        return Kind.MARKDOWN
    if suffix in _HTML_EXTENSIONS or looks_like_html(text):
        return Kind.HTML
    if suffix in _FEED_EXTENSIONS:
        raise UnsupportedInput("XML that is not an RSS/Atom feed", source=source)
    return Kind.TEXT


def _json_kind(text: str, suffix: str) -> Kind | None:
    if suffix in _JSONL_EXTENSIONS:
        return Kind.JSONL
    if text.startswith("["):
        return Kind.JSON
    first_line, newline, _ = text.partition("\n")
    if not newline:
        # the first line runs past the sniffed head: one record per line
        return Kind.JSONL if len(text) >= HEAD_BYTES // 2 else Kind.JSON
    try:
        record = json.loads(first_line)
    except RecursionError:
        return Kind.JSONL  # a whole line too deep to parse: the JSONL reader reports that line
    except ValueError:
        return Kind.JSON if suffix == ".json" or first_line.strip() == "{" else None
    return Kind.JSONL if isinstance(record, dict) else None


def _looks_like_markdown(text: str) -> bool:
    if text.startswith("---\n") and re.search(r"^\w[\w-]*\s*:", text[4:200], re.MULTILINE):
        return True  # YAML front matter
    first_line = text.lstrip().partition("\n")[0]
    return first_line.startswith("# ") and bool(re.search(r"^Published\s*:", text[:2000], re.MULTILINE))


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream ('' if it is not valid gzip)."""
    try:
        return zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""
