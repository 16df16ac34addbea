"""JSON-able values to records by the field plans: the reference for what is accepted and how an
error names the path to a bad value. A record type's reader tries the generated fast path
(:mod:`newsweave.codec.fast`) first and falls back to its plan."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Callable, Mapping
from typing import Any

from newsweave.codec.fast import fast_decoder
from newsweave.codec.fields import (
    MISSING,
    FieldJson,
    Mismatch,
    PathError,
    T,
    flat_keys,
    flat_type,
    has_default,
    identity,
    is_union,
    json_key,
    kind_of,
    options_of,
    strip_optional,
    type_hints,
)


def decode(cls: type[T], data: Any) -> T:
    """A ``cls`` read from ``data``; raises ``ValueError`` naming the path to what is wrong."""
    try:
        result: T = decoder_for(cls)(data)
    except PathError as exc:
        raise ValueError(exc.message()) from None
    return result


def decode_planned(cls: type[T], data: Any) -> T:
    """:func:`decode` by the field plans alone, never the generated fast path: what it must equal."""
    global _fast_path
    _fast_path = False
    try:
        return decode(cls, data)
    finally:
        _fast_path = True


_fast_path = True  # off only in tests/test_codec.py, which checks both paths give one answer


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def decoder_for(hint: Any) -> Callable[[Any], Any]:
    found = _DECODERS.get(hint)
    if found is None:
        found = _DECODERS[hint] = _build_decoder(hint)
    return found


def _build_decoder(hint: Any) -> Callable[[Any], Any]:
    if hint is Any:
        return identity
    if hint in (str, bool):
        return _exact(hint)
    if hint is int:
        return _int
    if hint is float:
        return _float
    if hint is type(None):
        return _none
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    if hint is dt.datetime:
        return _datetime
    if hint is dt.date:
        return _date
    if hint is bytes:
        return _bytes
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if is_union(hint):
        return _union_decoder(args)
    if origin in (tuple, list, frozenset, set):
        return _sequence_decoder(origin, args)
    if origin in (dict, Mapping) or hint is dict:
        return _mapping_decoder(args)
    if origin is typing.Literal:
        return _literal_decoder(args)
    raise TypeError(f"no JSON mapping for the type {hint!r}")


def _exact(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Mismatch(kind.__name__, value)
        return value

    return check


def _int(value: Any) -> int:
    if type(value) is not int:
        raise Mismatch("int", value)
    return value


def _float(value: Any) -> float:
    if type(value) not in (int, float):
        raise Mismatch("float", value)
    return float(value)


def _none(value: Any) -> None:
    if value is not None:
        raise Mismatch("null", value)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Mismatch("str", value)
    return value


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(value, "an ISO date"))
    except ValueError as exc:
        raise PathError(str(exc)) from None


def _datetime(value: Any) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(_text(value, "an ISO date-time"))
    except ValueError as exc:
        raise PathError(str(exc)) from None


def _bytes(value: Any) -> bytes:
    try:
        return base64.b64decode(_text(value, "base64 text"), validate=True)
    except ValueError as exc:  # binascii.Error
        raise PathError(f"invalid base64: {exc}") from None


def _enum_decoder(cls: type[enum.Enum]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(str(m.value) for m in cls)
            raise PathError(f"{value!r} is not a valid {cls.__name__} ({known})") from None

    return read


def _literal_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value not in args:
            raise PathError(f"{value!r} is not one of {', '.join(map(repr, args))}")
        return value

    return read


def _union_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    nullable = type(None) in args
    options = [decoder_for(a) for a in args if a is not type(None)]

    def read(value: Any) -> Any:
        if value is None and nullable:
            return None
        problems = []
        for dec in options:
            try:
                return dec(value)
            except PathError as exc:
                problems.append(exc)
        if len(problems) == 1:
            raise problems[0]
        raise PathError(f"no type of {' | '.join(map(str, args))} fits {kind_of(value)}")

    return read


def _sequence_decoder(origin: Any, args: tuple[Any, ...]) -> Callable[[Any], Any]:
    fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
    parts = [decoder_for(a) for a in args] if fixed else []
    item = decoder_for(args[0]) if args and not fixed else identity
    build: Callable[[Any], Any] = tuple if origin in (tuple, list) else frozenset
    if origin is list:
        build = list

    def read(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise Mismatch("list", value)
        if fixed:
            if len(value) != len(parts):
                raise PathError(f"expected a list of {len(parts)}, got {len(value)} items")
            pairs = zip(parts, value, strict=True)
            return tuple(_at(f"[{i}]", dec, v) for i, (dec, v) in enumerate(pairs))
        return build(_at(f"[{i}]", item, v) for i, v in enumerate(value))

    return read


def _mapping_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    item = decoder_for(args[1]) if args else identity

    def read(value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Mismatch("object", value)
        return {k: _at(str(k), item, v) for k, v in value.items()}

    return read


def _at(step: str, dec: Callable[[Any], Any], value: Any) -> Any:
    try:
        return dec(value)
    except PathError as exc:
        raise exc.inside(step) from None
    except (TypeError, ValueError) as exc:  # from a field's own converter, or a record's checks
        raise PathError(str(exc), (step,)) from None


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    """A generated reader for well-formed data, and the field plans for everything else.

    The generated function (:func:`_fast_record`) reads the common shape in one call and gives up,
    by raising, at anything unusual; the plans then read the same value again and either accept
    it or name the path to what is wrong. So the plans alone define what is read and how errors
    are worded, and the fast path may only be a shortcut to the same result.
    """
    fast = fast_decoder(cls)
    slow = _planned_record_decoder(cls)

    def read(value: Any) -> Any:
        if _fast_path:
            try:
                return fast(value)
            except Exception:  # anything the fast path does not take: the plans decide
                pass
        return slow(value)

    return read


def _planned_record_decoder(cls: type) -> Callable[[Any], Any]:
    hints = type_hints(cls)
    steps = [
        _field_decoder(fld, hints[fld.name], options_of(fld))
        for fld in dataclasses.fields(cls)
        if not options_of(fld).skip and fld.init
    ]

    def read(value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Mismatch("object", value)
        kwargs: dict[str, Any] = {}
        for name, step in steps:
            found = step(value)
            if found is not MISSING:
                kwargs[name] = found
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as exc:  # e.g. a Span whose end is before its start
            raise PathError(str(exc)) from None

    return read


def _field_decoder(
    fld: dataclasses.Field[Any], hint: Any, options: FieldJson
) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    name, key = fld.name, json_key(fld, hint)
    defaulted = has_default(fld)
    nullable = is_union(hint) and type(None) in typing.get_args(hint)
    if options.read is not None:
        reader = options.read

        def read_whole(d: Mapping[str, Any]) -> Any:
            try:
                return reader(d)
            except (TypeError, ValueError) as exc:
                raise PathError(str(exc), (key,)) from None

        return name, read_whole
    flat_cls = flat_type(hint) if options.decode is None else None
    if flat_cls is not None:
        keys = flat_keys(flat_cls, key)
        inner = decoder_for(flat_cls)

        def read_flat(d: Mapping[str, Any]) -> Any:
            # The keys sit in the parent object: errors are the parent's, with no step of their own.
            values = {attr: d.get(k) for attr, k in keys}
            if all(v is None for v in values.values()):
                if nullable:
                    return None
                if defaulted:
                    return MISSING
            missing = [k for (attr, k) in keys if values[attr] is None]
            if missing and nullable:
                both = " and ".join(repr(k) for _, k in keys)
                raise PathError(f"fields {both} must both be set or both be null")
            if missing:
                raise PathError(f"missing field {missing[0]!r}")
            return inner(values)

        return name, read_flat
    # a null never reaches the decoder (read_field returns None first): decode the bare type
    dec = options.decode or decoder_for(strip_optional(hint) if nullable else hint)

    def read_field(d: Mapping[str, Any]) -> Any:
        value = d.get(key, MISSING)
        if value is MISSING and nullable and not defaulted:
            return None  # a field that may be null may also be left out
        if value is MISSING or (value is None and not nullable):
            if defaulted:
                return MISSING
            raise PathError(f"missing field {key!r}")
        if value is None:
            return None
        return _field_value(key, dec, value)

    return name, read_field


def _field_value(key: str, dec: Callable[[Any], Any], value: Any) -> Any:
    try:
        return dec(value)
    except Mismatch as exc:
        raise PathError(f"field {key!r} must be {exc.expected}, got {kind_of(value)}") from None
    except PathError as exc:
        raise exc.inside(key) from None
    except (TypeError, ValueError) as exc:  # from a field's own converter
        raise PathError(str(exc), (key,)) from None
