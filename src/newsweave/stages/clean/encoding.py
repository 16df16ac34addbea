"""Bytes to text: byte-order marks, declared charsets, UTF-8, then detection.

Decision order, first match wins:

1. a byte-order mark (UTF-32, UTF-8, UTF-16), decoded strictly;
2. the declared charset (HTTP header, ``<meta charset>``, ...) if it decodes without
   errors; a declared *single-byte* charset loses to valid non-ASCII UTF-8, because
   mislabelled UTF-8 ("ISO-8859-1" on UTF-8 pages) is far more common than cp1252 bytes
   that happen to form valid multi-byte UTF-8 sequences;
3. strict UTF-8;
4. *mostly* UTF-8 (no more stray bytes than valid multi-byte sequences, see
   :func:`_decode_mixed_utf8`): valid sequences as UTF-8, each stray byte as its cp1252
   character, so a cp1252 fragment pasted into a UTF-8 file reads right in both parts;
5. charset-normalizer's best guess, which must itself decode without errors.

Binary content (NUL bytes in bulk or in a run outside declared or BOM-marked UTF-16/32, or
many control bytes) raises :class:`UnsupportedInput`; a few stray NULs decode as U+0000 and
the clean stage removes them as recorded ``control`` edits. Bytes nothing decodes plausibly
raise :class:`DecodeError`.
Newlines are normalised to ``\\n``. No step ever drops or replaces bytes silently.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from newsweave.errors import DecodeError, EmptyInput, UnsupportedInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text (tab, newlines, form feed and ESC excluded).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
# Valid multi-byte UTF-8 sequences: evidence that a file with stray bytes is UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NEWLINES = re.compile(r"\r\n?")
# Tie-break among equally good guesses: the encodings news text is most often in.
_PREFERRED = (
    "cp1252",
    "iso8859_1",
    "cp1250",
    "iso8859_15",
    "cp1251",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
)
_MIXED_ERRORS = "newsweave-cp1252"


def decode_bytes(content: bytes, *, declared: str | None, source: str) -> str:
    """Decode ``content`` to text with ``\\n`` newlines, or raise an :class:`InputError`."""
    if not content:
        raise EmptyInput("no bytes to decode", source=source)
    text = _decode_with_bom(content, source)
    if text is None:
        text = _decode_declared_wide(content, declared)
    if text is None:
        _reject_binary(content, source)
        text = (
            _decode_declared(content, declared)
            or _decode_strict(content, "utf-8")
            or _decode_mixed_utf8(content)
            or _decode_detected(content, source)
        )
    if not text:
        raise EmptyInput("nothing but a byte-order mark", source=source)
    return _NEWLINES.sub("\n", text)


def _decode_with_bom(content: bytes, source: str) -> str | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            text = _decode_strict(content, encoding)
            if text is None:
                raise DecodeError(f"invalid {encoding} after a {encoding} byte-order mark", source=source)
            return text
    return None


def _decode_declared_wide(content: bytes, declared: str | None) -> str | None:
    """UTF-16/32 declared without a byte-order mark: NUL bytes are expected there."""
    encoding = _normalise_encoding(declared)
    if encoding is None or not encoding.startswith(("utf-16", "utf-32")):
        return None
    return _decode_strict(content, encoding)


# A few stray NULs pass (22 in a real page have been seen); more than 1 in 100, or a run of
# 8 (padding, fixed-width fields), is a binary format or UTF-16 without its BOM.
_MAX_NUL_RATIO = 0.01
_NUL_RUN = b"\x00" * 8


def nuls_mark_binary(data: bytes) -> bool:
    """Whether the NUL bytes in ``data`` are a binary format's, not a few strays in text.

    The decoder applies it to a whole document, the sniffer (:mod:`newsweave.ingest.sniff`) to
    an input's first bytes.
    """
    return bool(data) and (data.count(0) / len(data) > _MAX_NUL_RATIO or _NUL_RUN in data)


def _reject_binary(content: bytes, source: str) -> None:
    # A few stray NULs are text (the clean stage removes them, recorded): the sniffer's rule.
    if nuls_mark_binary(content):
        raise UnsupportedInput("binary content (NUL bytes)", source=source)
    controls = len(_CONTROL_BYTES.findall(content))
    if controls > _MAX_CONTROL_SHARE * len(content):
        raise UnsupportedInput(f"binary content ({controls} control bytes)", source=source)


def _decode_declared(content: bytes, declared: str | None) -> str | None:
    encoding = _normalise_encoding(declared)
    if encoding is None:
        return None
    if not _is_multibyte(encoding) and not content.isascii() and _decode_strict(content, "utf-8"):
        return None
    return _decode_strict(content, encoding)


def _normalise_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None  # an unknown label is no evidence; detection decides


def _is_multibyte(encoding: str) -> bool:
    return encoding.startswith(("utf", "gb", "big5", "shift", "euc", "cp9", "iso2022", "hz"))


def _decode_strict(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_mixed_utf8(content: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a cp1252 fragment pasted into UTF-8, a truncated file).

    Charset detection would decode the whole file as a single-byte charset and turn every
    valid UTF-8 character into mojibake. Instead keep the valid sequences and map each stray
    byte to its cp1252 character (latin-1 where cp1252 has a hole), so every byte stays
    visible in the text and nothing is replaced by U+FFFD.
    """
    multibyte = len(_UTF8_MULTIBYTE.findall(content))
    if not multibyte:
        return None
    text = content.decode("utf-8", _MIXED_ERRORS)
    # Each stray byte grows to 2-3 bytes when re-encoded: growth bounds their number from above.
    # More stray bytes than valid sequences means the file is not UTF-8 at all.
    growth = len(text.encode("utf-8")) - len(content)
    if growth > 2 * multibyte:
        return None
    return text


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_cp1252_char(byte) for byte in chunk), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes cp1252 leaves undefined


codecs.register_error(_MIXED_ERRORS, _stray_bytes_as_cp1252)


def _decode_detected(content: bytes, source: str) -> str:
    matches = list(charset_normalizer.from_bytes(content))
    if not matches:
        raise DecodeError("no plausible text encoding found", source=source)
    best = matches[0]
    # Short texts give many perfect ties (cp1125 vs cp1252 for "café"); prefer the common ones.
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    ranked = sorted(tied, key=lambda e: _PREFERRED.index(e) if e in _PREFERRED else len(_PREFERRED))
    for encoding in ranked:
        text = _decode_strict(content, encoding)
        if text is not None:
            return text
    raise DecodeError(f"best guess {best.encoding} does not decode cleanly", source=source)
