"""The generated fast path for decoding: one function per record type for well-formed data,
which gives up (raises) at anything unusual so that the field plans decide."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import Any

from newsweave.codec.fields import (
    MISSING,
    FieldJson,
    compile_function,
    flat_keys,
    flat_type,
    has_default,
    is_union,
    json_key,
    options_of,
    strip_optional,
    type_hints,
)


class _GiveUp(Exception):
    """Raised by the fast path at what only the field plans may judge."""


_FAST: dict[Any, Callable[[Any], Any]] = {}


def fast_decoder(hint: Any) -> Callable[[Any], Any]:
    """A reader of well-formed values of ``hint`` that raises at anything else (no message)."""
    found = _FAST.get(hint)
    if found is None:
        found = _FAST[hint] = _build_fast_decoder(hint)
    return found


def _build_fast_decoder(hint: Any) -> Callable[[Any], Any]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _fast_record(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    variadic = origin is tuple and len(args) == 2 and args[1] is Ellipsis
    if variadic or (origin in (list, frozenset) and len(args) == 1):
        item = fast_decoder(args[0])
        build: Callable[[Any], Any] = {tuple: tuple, list: list, frozenset: frozenset}[origin]

        def read_items(value: Any) -> Any:
            if type(value) is not list:
                raise _GiveUp
            return build([item(v) for v in value])

        return read_items
    # scalars, enums, dates, unions, mappings, literals: the planned decoder raises on bad values
    from newsweave.codec.decoding import decoder_for  # the plans import this module

    return decoder_for(hint)


def _fast_record(cls: type) -> Callable[[Any], Any]:
    hints = type_hints(cls)
    names: dict[str, Any] = {"_GiveUp": _GiveUp, "MISSING": MISSING, "cls": cls}
    lines = ["    if type(d) is not dict:", "        raise _GiveUp", "    get = d.get"]
    arguments = []
    for i, fld in enumerate(dataclasses.fields(cls)):
        options = options_of(fld)
        if options.skip or not fld.init:
            continue
        lines.extend(_fast_field_lines(i, fld, hints[fld.name], options, names))
        arguments.append(f"{fld.name}=v{i}")
    lines.append(f"    return cls({', '.join(arguments)})")
    source = "def decode(d):\n" + "\n".join(lines) + "\n"
    return compile_function(source, "decode", cls, names)


_CHECKED = {str: "str", bool: "bool", int: "int"}


def _fast_field_lines(
    i: int, fld: dataclasses.Field[Any], hint: Any, options: FieldJson, names: dict[str, Any]
) -> list[str]:
    """Source lines that set ``v{i}`` to field ``fld`` read from ``d``, or raise ``_GiveUp``."""
    var, key = f"v{i}", json_key(fld, hint)
    nullable = is_union(hint) and type(None) in typing.get_args(hint)
    if has_default(fld):
        names[f"default{i}"] = fld.default_factory if fld.default is dataclasses.MISSING else fld.default
        default = f"default{i}()" if fld.default is dataclasses.MISSING else f"default{i}"
    else:
        default = None
    if options.read is not None:
        names[f"read{i}"] = options.read
        return [f"    {var} = read{i}(d)"]
    flat_cls = flat_type(hint) if options.decode is None else None
    if flat_cls is not None:
        return _fast_flat_lines(i, flat_cls, key, nullable, default, names)
    bare = strip_optional(hint) if nullable else hint
    lines = [f"    {var} = get({key!r}, MISSING)"]
    # What a missing or null value becomes, as the plans decide it (_field_decoder).
    if nullable:
        lines.append(f"    if {var} is MISSING:")
        lines.append(f"        {var} = {default or 'None'}")
        lines.append(f"    elif {var} is not None:")
    else:
        lines.append(f"    if {var} is MISSING or {var} is None:")
        lines.append(f"        {var} = {default}" if default is not None else "        raise _GiveUp")
        lines.append("    else:")
    if options.decode is None and bare in _CHECKED:
        lines.append(f"        if type({var}) is not {_CHECKED[bare]}:")
        lines.append("            raise _GiveUp")
    elif options.decode is None and bare is Any:
        lines.append("        pass")
    else:
        names[f"dec{i}"] = options.decode or fast_decoder(bare)
        lines.append(f"        {var} = dec{i}({var})")
    return lines


def _fast_flat_lines(
    i: int, flat_cls: type, key: str, nullable: bool, default: str | None, names: dict[str, Any]
) -> list[str]:
    var, keys = f"v{i}", flat_keys(flat_cls, key)
    names[f"flat{i}"] = fast_decoder(flat_cls)
    parts = [f"{var}_{j}" for j in range(len(keys))]
    lines = [f"    {part} = get({k!r})" for part, (_, k) in zip(parts, keys, strict=True)]
    lines.append(f"    if {' and '.join(f'{part} is None' for part in parts)}:")
    if nullable:
        lines.append(f"        {var} = None")
    elif default is not None:
        lines.append(f"        {var} = {default}")
    else:
        lines.append("        raise _GiveUp")
    lines.append(f"    elif {' or '.join(f'{part} is None' for part in parts)}:")
    lines.append("        raise _GiveUp")
    lines.append("    else:")
    checks = _inline_checks(flat_cls)
    if checks is None:
        inner = ", ".join(f"{attr!r}: {part}" for part, (attr, _) in zip(parts, keys, strict=True))
        lines.append(f"        {var} = flat{i}({{{inner}}})")
        return lines
    # A flat record of plain scalars (a Span): checked and built here, without a dict between.
    names[f"flatcls{i}"] = flat_cls
    test = " or ".join(f"type({part}) is not {check}" for part, check in zip(parts, checks, strict=True))
    lines.append(f"        if {test}:")
    lines.append("            raise _GiveUp")
    arguments = ", ".join(f"{attr}={part}" for part, (attr, _) in zip(parts, keys, strict=True))
    lines.append(f"        {var} = flatcls{i}({arguments})")
    return lines


def _inline_checks(cls: type) -> list[str] | None:
    """The type names a flat record's fields are checked against, if all are plain scalars."""
    hints = type_hints(cls)
    found = []
    for fld in dataclasses.fields(cls):
        if options_of(fld) != FieldJson() or not fld.init or hints[fld.name] not in _CHECKED:
            return None
        found.append(_CHECKED[hints[fld.name]])
    return found
