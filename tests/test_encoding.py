"""decode_bytes: byte-order marks, declared charsets, UTF-8, mixed bytes, detection, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import DecodeError, EmptyInput, InputError, UnsupportedInput
from newsweave.stages.clean.encoding import decode_bytes


def decode(content: bytes, declared: str | None = None) -> str:
    return decode_bytes(content, declared=declared, source="test-input")


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode(codecs.BOM_UTF8 + "café “quoted”".encode()) == "café “quoted”"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[encoding]
    text = "Tehran — “final” 北京\r\nnext line"
    assert decode(bom + text.encode(encoding)) == "Tehran — “final” 北京\nnext line"


def test_broken_utf16_after_bom_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="test-input"):
        decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")  # a lone surrogate


def test_cp1252_quotes_without_declaration() -> None:
    assert decode("café “quoted”".encode("cp1252")) == "café “quoted”"


def test_latin1_without_declaration() -> None:
    assert decode("Grüße aus München".encode("latin-1")) == "Grüße aus München"


def test_declared_charset_wins_when_it_decodes() -> None:
    content = "Привет мир".encode("cp1251")
    assert decode(content, declared="windows-1251") == "Привет мир"


def test_declared_single_byte_charset_loses_to_valid_utf8() -> None:
    assert decode("naïve café".encode(), declared="iso-8859-1") == "naïve café"


def test_unknown_declared_label_is_ignored() -> None:
    assert decode("café".encode(), declared="no-such-charset") == "café"


def test_declared_charset_that_fails_falls_back() -> None:
    assert decode("café — ok".encode(), declared="ascii") == "café — ok"


def test_invalid_bytes_in_utf8_keep_utf8_and_map_stray_bytes_to_cp1252() -> None:
    # A cp1252 fragment pasted into a UTF-8 file: neither part may turn into mojibake.
    content = "Résumé of the talks: ".encode() + "“final” offer".encode("cp1252") + " — end".encode()
    assert decode(content) == "Résumé of the talks: “final” offer — end"


def test_genuine_gbk_bytes_are_detected() -> None:
    text = "我们今天去北京，天气很好。" * 5
    assert decode(text.encode("gbk")) == text


def test_newlines_are_normalised() -> None:
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_empty_input() -> None:
    with pytest.raises(EmptyInput, match="test-input"):
        decode(b"")


def test_nul_bytes_are_binary() -> None:
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(UnsupportedInput, match=r"test-input.*binary"):
        decode(png_like)


def test_many_control_bytes_are_binary() -> None:
    with pytest.raises(UnsupportedInput, match="binary"):
        decode(b"text \x01\x02\x03\x04 more \x05\x06\x07\x08" * 10)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_decode_as_utf8(shared: Path, prefix: str) -> None:
    (path,) = (shared / "seeds").glob(f"{prefix}_*.txt")
    assert decode(path.read_bytes()) == path.read_text(encoding="utf-8")


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cc", "Cs"], blacklist_characters="\ufeff") | st.just("\n"),
    max_size=200,
).filter(lambda s: s != "")


@given(_TEXT)
def test_utf8_text_round_trips(text: str) -> None:
    assert decode(text.encode()) == text


@given(_TEXT, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_bom_encodings_round_trip(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_cp1252_file_with_one_accidental_utf8_pair_is_not_utf8() -> None:
    text = "café naïve “x” Ã© résumé"
    assert decode(text.encode("cp1252")) == text


def test_declared_utf16_without_bom_is_not_binary() -> None:
    assert decode("Tehran, 31 July".encode("utf-16-le"), declared="UTF-16LE") == "Tehran, 31 July"


def test_bom_alone_is_empty() -> None:
    with pytest.raises(EmptyInput):
        decode(codecs.BOM_UTF8)


@settings(deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "gbk", "utf-16", "bogus"]))
def test_arbitrary_bytes_decode_or_raise_an_input_error(content: bytes, declared: str | None) -> None:
    try:
        text = decode_bytes(content, declared=declared, source="fuzz")
    except InputError as error:
        assert error.source == "fuzz"
    else:
        assert text and "\r" not in text
