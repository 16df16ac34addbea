"""Records to JSON-able values: an encoder per type hint, and one generated function per record
type that writes it as a dict display."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Callable, Mapping
from typing import Any

from newsweave.codec.fields import (
    FieldJson,
    JsonDict,
    compile_function,
    flat_keys,
    flat_type,
    identity,
    is_union,
    json_key,
    options_of,
    strip_optional,
    type_hints,
)


def encode(value: Any) -> Any:
    """``value`` (a record, or any value the record types hold) as JSON-able Python values."""
    return encoder_for(type(value))(value)


_ENCODERS: dict[Any, Callable[[Any], Any]] = {}


def encoder_for(hint: Any) -> Callable[[Any], Any]:
    found = _ENCODERS.get(hint)
    if found is None:
        found = _ENCODERS[hint] = _build_encoder(hint)
    return found


_SCALARS = (str, int, float, bool, type(None))


def _build_encoder(hint: Any) -> Callable[[Any], Any]:
    if hint in (str, int, float, bool, type(None), Any):
        return identity
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_value
    if hint in (dt.date, dt.datetime):
        return _iso
    if hint is bytes:
        return _b64
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_encoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if is_union(hint):
        if all(a in _SCALARS for a in args):
            return identity  # str | None and the like: as they are
        return _union_encoder(args)
    if origin in (tuple, list, frozenset, set):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            parts = [encoder_for(a) for a in args]
            return lambda value: [enc(v) for enc, v in zip(parts, value, strict=True)]
        item = encoder_for(args[0]) if args else identity
        if origin in (frozenset, set):
            return lambda value: sorted(item(v) for v in value)
        if item is identity:
            return list
        return lambda value: [item(v) for v in value]
    if origin in (dict, Mapping) or hint is dict:
        item = encoder_for(args[1]) if args else identity
        return lambda value: {str(k): item(v) for k, v in value.items()}
    if origin is typing.Literal:
        return identity
    raise TypeError(f"no JSON mapping for the type {hint!r}")


def _enum_value(value: enum.Enum) -> Any:
    return value._value_  # the attribute behind .value, without the descriptor's cost


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _union_encoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    options = [(typing.get_origin(a) or a, encoder_for(a)) for a in args if a is not type(None)]

    def encode_union(value: Any) -> Any:
        if value is None:
            return None
        for kind, enc in options:
            if isinstance(value, kind):
                return enc(value)
        return encode(value)

    return encode_union


def _record_encoder(cls: type) -> Callable[[Any], JsonDict]:
    """One generated function per record type: a dict display of its keys, in field order.

    Generating the source (as attrs and cattrs do) spares a call per field; what each key holds
    is decided here, from the same options and hints the decoder reads.
    """
    hints = type_hints(cls)
    names: dict[str, Any] = {}
    items: list[str] = []
    for i, fld in enumerate(dataclasses.fields(cls)):
        options = options_of(fld)
        if not options.skip:
            items.extend(_encode_items(i, fld, hints[fld.name], options, names))
    source = f"def encode(value):\n    return {{{', '.join(items)}}}\n"
    return compile_function(source, "encode", cls, names)


def _encode_items(
    i: int, fld: dataclasses.Field[Any], hint: Any, options: FieldJson, names: dict[str, Any]
) -> list[str]:
    """The dict-display items that write field ``fld`` (the ``i``-th) of ``value``."""
    attr, key, var = fld.name, json_key(fld, hint), f"v{i}"
    flat_cls = flat_type(hint) if options.encode is None else None
    if flat_cls is not None:
        keys = flat_keys(flat_cls, key)
        if strip_optional(hint) is hint:  # never None
            return [f"{k!r}: value.{attr}.{inner}" for inner, k in keys]
        first = [f"{keys[0][1]!r}: None if ({var} := value.{attr}) is None else {var}.{keys[0][0]}"]
        return first + [f"{k!r}: None if {var} is None else {var}.{inner}" for inner, k in keys[1:]]
    # None is written here, so an optional field's value is encoded as its bare type.
    bare = strip_optional(hint)
    enc = options.encode or encoder_for(bare)
    items = []
    if options.also is not None:
        names[f"also{i}"] = options.also
        items.append(f"**also{i}(({var} := value.{attr}))")
        got = var
    else:
        got = f"({var} := value.{attr})"
    item = _variadic_item(bare) if options.encode is None else None
    if enc is identity:
        items.append(f"{key!r}: {var if options.also is not None else f'value.{attr}'}")
    elif enc in _INLINE:
        items.append(f"{key!r}: None if {got} is None else {var}{_INLINE[enc]}")
    elif item is not None and encoder_for(item) is not identity:
        # a list of records, written out in place: one call per item, not two
        names[f"enc{i}"] = encoder_for(item)
        items.append(f"{key!r}: None if {got} is None else [enc{i}(x) for x in {var}]")
    else:
        names[f"enc{i}"] = enc
        items.append(f"{key!r}: None if {got} is None else enc{i}({var})")
    return items


# Encoders whose work is one attribute or method, written into the generated source instead.
_INLINE: dict[Callable[[Any], Any], str] = {_enum_value: "._value_", _iso: ".isoformat()"}


def _variadic_item(hint: Any) -> Any:
    """The item type of ``tuple[X, ...]`` or ``list[X]``, else None."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return args[0] if origin is list and len(args) == 1 else None
