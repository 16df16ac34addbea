"""Dataclasses ⇄ JSON-able values, driven by the type hints: one codec for the store, the export,
the web app's JSON twins and the worker processes' results.

The mapping is derived from each field's name and type, so a new record type or field needs
no code here:

- ``str``, ``int``, ``float``, ``bool`` and ``None`` are themselves; a ``StrEnum`` is its value;
  a ``date`` or ``datetime`` is ISO 8601; ``bytes`` are base64; a tuple is a list; a mapping is an
  object; a dataclass is an object of its fields, in field order.
- A *flat* record (:func:`flat`, e.g. ``Span``) is spread into its parent: the field ``span``
  becomes ``start``/``end``, a field ``speaker_span`` or ``trigger`` becomes ``speaker_start``/
  ``speaker_end`` or ``trigger_start``/``trigger_end`` (null when the field is None).
- Names follow the export contract's habits: a reference ``article_id`` is ``article``, a list
  ``report_ids`` is ``reports``; a date field ``start``/``end`` is ``date_start``/``date_end`` (the
  bare names belong to character offsets).
- Reading fills a missing field, or a null one whose type does not admit None, with the field's
  default (None for a field that may be null), so records written before a field existed still
  load; a missing field without a default, or a value of the wrong type, raises ``ValueError``
  naming the path to it.

Where the export contract needs something else, a field says so in its metadata:
``field(metadata=json(name="type"))``, a converter pair, keys derived from the value that are
written beside it and ignored on reading (``also``), or a reader of the whole object for shapes
older records have (``read``). Encoding and decoding plans are built once per class.

For speed, each record type also gets generated source (as attrs and cattrs generate ``__init__``):
one encoding function that writes the record as a dict display, and one decoding function for
well-formed data that gives up at anything unusual, when the field plans read the value again and
decide. The plans alone define what is accepted and how errors are worded; ``tests/test_codec.py``
checks that both paths agree on the pipeline's records and on each way of breaking them.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
JsonDict = dict[str, Any]

_FLAT: set[type] = set()
_CODEC_KEY = "newsweave.codec"


def flat(cls: type[T]) -> type[T]:
    """Mark the dataclass ``cls`` as spread into its parent record (see the module docstring)."""
    _FLAT.add(cls)
    return cls


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldJson:
    """How one field differs from the derived mapping."""

    name: str | None = None  # the JSON key
    encode: Callable[[Any], Any] | None = None
    decode: Callable[[Any], Any] | None = None
    also: Callable[[Any], JsonDict] | None = None  # derived keys written beside it, ignored on reading
    read: Callable[[Mapping[str, Any]], Any] | None = None  # reads the field from the whole object
    skip: bool = False  # not written nor read: working state (a spaCy Doc)


def json(**options: Any) -> dict[str, FieldJson]:
    """Field metadata for :func:`dataclasses.field`: ``field(metadata=json(name="type"))``."""
    return {_CODEC_KEY: FieldJson(**options)}


def encode(value: Any) -> Any:
    """``value`` (a record, or any value the record types hold) as JSON-able Python values."""
    return _encoder(type(value))(value)


def decode(cls: type[T], data: Any) -> T:
    """A ``cls`` read from ``data``; raises ``ValueError`` naming the path to what is wrong."""
    try:
        result: T = _decoder(cls)(data)
    except _PathError as exc:
        raise ValueError(exc.message()) from None
    return result


@functools.cache
def key_of(cls: type, name: str) -> str:
    """The JSON key of the field ``name`` of ``cls`` (for a flat field, the prefix of its keys)."""
    fld = {f.name: f for f in dataclasses.fields(cls)}[name]
    return _key(fld, _hints(cls)[name])


# --- plans ---------------------------------------------------------------------------------------


class _PathError(Exception):
    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def inside(self, step: str) -> _PathError:
        return _PathError(self.problem, (step, *self.path))

    def message(self) -> str:
        where = "".join(s if s.startswith("[") else f".{s}" for s in self.path).lstrip(".")
        return f"{where}: {self.problem}" if where else self.problem


class _Mismatch(_PathError):
    """A value of the wrong JSON type; at a field, said as "field 'x' must be <type>"."""

    def __init__(self, expected: str, value: Any) -> None:
        super().__init__(f"expected {_ARTICLES.get(expected, expected)}, got {_kind(value)}")
        self.expected = expected


_ARTICLES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "object": "an object",
    "null": "null",
}

_ENCODERS: dict[Any, Callable[[Any], Any]] = {}
_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _options(fld: dataclasses.Field[Any]) -> FieldJson:
    found = fld.metadata.get(_CODEC_KEY)
    return found if isinstance(found, FieldJson) else _PLAIN


_PLAIN = FieldJson()


def _key(fld: dataclasses.Field[Any], hint: Any) -> str:
    options = _options(fld)
    if options.name is not None:
        return options.name
    name = fld.name
    if _flat_type(hint) is not None:
        return "" if name == "span" else name.removesuffix("_span")
    if name in ("start", "end") and _strip_optional(hint) in (dt.date, dt.datetime):
        return f"date_{name}"
    if name.endswith("_ids"):
        return name.removesuffix("_ids") + "s"
    if name.endswith("_id"):
        return name.removesuffix("_id")
    return name


def _strip_optional(hint: Any) -> Any:
    args = typing.get_args(hint)
    if _is_union(hint) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _flat_type(hint: Any) -> type | None:
    bare = _strip_optional(hint)
    return bare if isinstance(bare, type) and bare in _FLAT else None


def _flat_keys(cls: type, prefix: str) -> list[tuple[str, str]]:
    """(field name, JSON key) of a flat record spread under ``prefix``."""
    return [(f.name, f"{prefix}_{f.name}" if prefix else f.name) for f in dataclasses.fields(cls)]


# --- encoding --------------------------------------------------------------------------------------


def _encoder(hint: Any) -> Callable[[Any], Any]:
    found = _ENCODERS.get(hint)
    if found is None:
        found = _ENCODERS[hint] = _build_encoder(hint)
    return found


def _identity(value: Any) -> Any:
    return value


_SCALARS = (str, int, float, bool, type(None))


def _build_encoder(hint: Any) -> Callable[[Any], Any]:
    if hint in (str, int, float, bool, type(None), Any):
        return _identity
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_value
    if hint in (dt.date, dt.datetime):
        return _iso
    if hint is bytes:
        return _b64
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_encoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if _is_union(hint):
        if all(a in _SCALARS for a in args):
            return _identity  # str | None and the like: as they are
        return _union_encoder(args)
    if origin in (tuple, list, frozenset, set):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            parts = [_encoder(a) for a in args]
            return lambda value: [enc(v) for enc, v in zip(parts, value, strict=True)]
        item = _encoder(args[0]) if args else _identity
        if origin in (frozenset, set):
            return lambda value: sorted(item(v) for v in value)
        return lambda value: [item(v) for v in value]
    if origin in (dict, Mapping) or hint is dict:
        item = _encoder(args[1]) if args else _identity
        return lambda value: {str(k): item(v) for k, v in value.items()}
    if origin is typing.Literal:
        return _identity
    raise TypeError(f"no JSON mapping for the type {hint!r}")


def _enum_value(value: enum.Enum) -> Any:
    return value._value_  # the attribute behind .value, without the descriptor's cost


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _union_encoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    options = [(typing.get_origin(a) or a, _encoder(a)) for a in args if a is not type(None)]

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
    hints = _hints(cls)
    names: dict[str, Any] = {}
    items: list[str] = []
    for i, fld in enumerate(dataclasses.fields(cls)):
        options = _options(fld)
        if not options.skip:
            items.extend(_encode_items(i, fld, hints[fld.name], options, names))
    source = f"def encode(value):\n    return {{{', '.join(items)}}}\n"
    return _compile(source, "encode", cls, names)


def _encode_items(
    i: int, fld: dataclasses.Field[Any], hint: Any, options: FieldJson, names: dict[str, Any]
) -> list[str]:
    """The dict-display items that write field ``fld`` (the ``i``-th) of ``value``."""
    attr, key, var = fld.name, _key(fld, hint), f"v{i}"
    flat_cls = _flat_type(hint) if options.encode is None else None
    if flat_cls is not None:
        keys = _flat_keys(flat_cls, key)
        if _strip_optional(hint) is hint:  # never None
            return [f"{k!r}: value.{attr}.{inner}" for inner, k in keys]
        first = [f"{keys[0][1]!r}: None if ({var} := value.{attr}) is None else {var}.{keys[0][0]}"]
        return first + [f"{k!r}: None if {var} is None else {var}.{inner}" for inner, k in keys[1:]]
    # None is written here, so an optional field's value is encoded as its bare type.
    bare = _strip_optional(hint)
    enc = options.encode or _encoder(bare)
    items = []
    if options.also is not None:
        names[f"also{i}"] = options.also
        items.append(f"**also{i}(({var} := value.{attr}))")
        got = var
    else:
        got = f"({var} := value.{attr})"
    item = _variadic_item(bare) if options.encode is None else None
    if enc is _identity:
        items.append(f"{key!r}: {var if options.also is not None else f'value.{attr}'}")
    elif enc in _INLINE:
        items.append(f"{key!r}: None if {got} is None else {var}{_INLINE[enc]}")
    elif item is not None and _encoder(item) is not _identity:
        # a list of records, written out in place: one call per item, not two
        names[f"enc{i}"] = _encoder(item)
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


def _compile(source: str, name: str, cls: type, names: dict[str, Any]) -> Callable[..., Any]:
    """The function ``name`` defined by ``source`` (ours, built from field names and reprs of keys)."""
    namespace: dict[str, Any] = dict(names)
    exec(compile(source, f"<newsweave.codec {name} {cls.__qualname__}>", "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    return function


# --- decoding --------------------------------------------------------------------------------------


def _decoder(hint: Any) -> Callable[[Any], Any]:
    found = _DECODERS.get(hint)
    if found is None:
        found = _DECODERS[hint] = _build_decoder(hint)
    return found


def _build_decoder(hint: Any) -> Callable[[Any], Any]:
    if hint is Any:
        return _identity
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
    if _is_union(hint):
        return _union_decoder(args)
    if origin in (tuple, list, frozenset, set):
        return _sequence_decoder(origin, args)
    if origin in (dict, Mapping) or hint is dict:
        return _mapping_decoder(args)
    if origin is typing.Literal:
        return _literal_decoder(args)
    raise TypeError(f"no JSON mapping for the type {hint!r}")


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _exact(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise _Mismatch(kind.__name__, value)
        return value

    return check


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Mismatch("int", value)
    return value


def _float(value: Any) -> float:
    if type(value) not in (int, float):
        raise _Mismatch("float", value)
    return float(value)


def _none(value: Any) -> None:
    if value is not None:
        raise _Mismatch("null", value)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Mismatch("str", value)
    return value


def _date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(value, "an ISO date"))
    except ValueError as exc:
        raise _PathError(str(exc)) from None


def _datetime(value: Any) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(_text(value, "an ISO date-time"))
    except ValueError as exc:
        raise _PathError(str(exc)) from None


def _bytes(value: Any) -> bytes:
    try:
        return base64.b64decode(_text(value, "base64 text"), validate=True)
    except ValueError as exc:  # binascii.Error
        raise _PathError(f"invalid base64: {exc}") from None


def _enum_decoder(cls: type[enum.Enum]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(str(m.value) for m in cls)
            raise _PathError(f"{value!r} is not a valid {cls.__name__} ({known})") from None

    return read


def _literal_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value not in args:
            raise _PathError(f"{value!r} is not one of {', '.join(map(repr, args))}")
        return value

    return read


def _union_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    nullable = type(None) in args
    options = [_decoder(a) for a in args if a is not type(None)]

    def read(value: Any) -> Any:
        if value is None and nullable:
            return None
        problems = []
        for dec in options:
            try:
                return dec(value)
            except _PathError as exc:
                problems.append(exc)
        if len(problems) == 1:
            raise problems[0]
        raise _PathError(f"no type of {' | '.join(map(str, args))} fits {_kind(value)}")

    return read


def _sequence_decoder(origin: Any, args: tuple[Any, ...]) -> Callable[[Any], Any]:
    fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
    parts = [_decoder(a) for a in args] if fixed else []
    item = _decoder(args[0]) if args and not fixed else _identity
    build: Callable[[Any], Any] = tuple if origin in (tuple, list) else frozenset
    if origin is list:
        build = list

    def read(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _Mismatch("list", value)
        if fixed:
            if len(value) != len(parts):
                raise _PathError(f"expected a list of {len(parts)}, got {len(value)} items")
            pairs = zip(parts, value, strict=True)
            return tuple(_at(f"[{i}]", dec, v) for i, (dec, v) in enumerate(pairs))
        return build(_at(f"[{i}]", item, v) for i, v in enumerate(value))

    return read


def _mapping_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    item = _decoder(args[1]) if args else _identity

    def read(value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _Mismatch("object", value)
        return {k: _at(str(k), item, v) for k, v in value.items()}

    return read


def _at(step: str, dec: Callable[[Any], Any], value: Any) -> Any:
    try:
        return dec(value)
    except _PathError as exc:
        raise exc.inside(step) from None
    except (TypeError, ValueError) as exc:  # from a field's own converter, or a record's checks
        raise _PathError(str(exc), (step,)) from None


_MISSING = object()


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    """A generated reader for well-formed data, and the field plans for everything else.

    The generated function (:func:`_fast_record`) reads the common shape in one call and gives up,
    by raising, at anything unusual; the plans then read the same value again and either accept
    it or name the path to what is wrong. So the plans alone define what is read and how errors
    are worded, and the fast path may only be a shortcut to the same result.
    """
    fast = _fast_decoder(cls)
    slow = _planned_record_decoder(cls)

    def read(value: Any) -> Any:
        if _fast_path:
            try:
                return fast(value)
            except Exception:  # anything the fast path does not take: the plans decide
                pass
        return slow(value)

    return read


_fast_path = True  # off only in tests/test_codec.py, which checks both paths give one answer


def decode_planned(cls: type[T], data: Any) -> T:
    """:func:`decode` by the field plans alone, never the generated fast path: what it must equal."""
    global _fast_path
    _fast_path = False
    try:
        return decode(cls, data)
    finally:
        _fast_path = True


def _planned_record_decoder(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    steps = [
        _field_decoder(fld, hints[fld.name], _options(fld))
        for fld in dataclasses.fields(cls)
        if not _options(fld).skip and fld.init
    ]

    def read(value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _Mismatch("object", value)
        kwargs: dict[str, Any] = {}
        for name, step in steps:
            found = step(value)
            if found is not _MISSING:
                kwargs[name] = found
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as exc:  # e.g. a Span whose end is before its start
            raise _PathError(str(exc)) from None

    return read


class _GiveUp(Exception):
    """Raised by the fast path at what only the field plans may judge."""


_FAST: dict[Any, Callable[[Any], Any]] = {}


def _fast_decoder(hint: Any) -> Callable[[Any], Any]:
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
        item = _fast_decoder(args[0])
        build: Callable[[Any], Any] = {tuple: tuple, list: list, frozenset: frozenset}[origin]

        def read_items(value: Any) -> Any:
            if type(value) is not list:
                raise _GiveUp
            return build([item(v) for v in value])

        return read_items
    # scalars, enums, dates, unions, mappings, literals: the planned decoder raises on bad values
    return _decoder(hint)


def _fast_record(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    names: dict[str, Any] = {"_GiveUp": _GiveUp, "_MISSING": _MISSING, "cls": cls}
    lines = ["    if type(d) is not dict:", "        raise _GiveUp", "    get = d.get"]
    arguments = []
    for i, fld in enumerate(dataclasses.fields(cls)):
        options = _options(fld)
        if options.skip or not fld.init:
            continue
        lines.extend(_fast_field_lines(i, fld, hints[fld.name], options, names))
        arguments.append(f"{fld.name}=v{i}")
    lines.append(f"    return cls({', '.join(arguments)})")
    source = "def decode(d):\n" + "\n".join(lines) + "\n"
    return _compile(source, "decode", cls, names)


_CHECKED = {str: "str", bool: "bool", int: "int"}


def _fast_field_lines(
    i: int, fld: dataclasses.Field[Any], hint: Any, options: FieldJson, names: dict[str, Any]
) -> list[str]:
    """Source lines that set ``v{i}`` to field ``fld`` read from ``d``, or raise ``_GiveUp``."""
    var, key = f"v{i}", _key(fld, hint)
    nullable = _is_union(hint) and type(None) in typing.get_args(hint)
    if _has_default(fld):
        names[f"default{i}"] = fld.default_factory if fld.default is dataclasses.MISSING else fld.default
        default = f"default{i}()" if fld.default is dataclasses.MISSING else f"default{i}"
    else:
        default = None
    if options.read is not None:
        names[f"read{i}"] = options.read
        return [f"    {var} = read{i}(d)"]
    flat_cls = _flat_type(hint) if options.decode is None else None
    if flat_cls is not None:
        return _fast_flat_lines(i, flat_cls, key, nullable, default, names)
    bare = _strip_optional(hint) if nullable else hint
    lines = [f"    {var} = get({key!r}, _MISSING)"]
    # What a missing or null value becomes, as the plans decide it (_field_decoder).
    if nullable:
        lines.append(f"    if {var} is _MISSING:")
        lines.append(f"        {var} = {default or 'None'}")
        lines.append(f"    elif {var} is not None:")
    else:
        lines.append(f"    if {var} is _MISSING or {var} is None:")
        lines.append(f"        {var} = {default}" if default is not None else "        raise _GiveUp")
        lines.append("    else:")
    if options.decode is None and bare in _CHECKED:
        lines.append(f"        if type({var}) is not {_CHECKED[bare]}:")
        lines.append("            raise _GiveUp")
    elif options.decode is None and bare is Any:
        lines.append("        pass")
    else:
        names[f"dec{i}"] = options.decode or _fast_decoder(bare)
        lines.append(f"        {var} = dec{i}({var})")
    return lines


def _fast_flat_lines(
    i: int, flat_cls: type, key: str, nullable: bool, default: str | None, names: dict[str, Any]
) -> list[str]:
    var, keys = f"v{i}", _flat_keys(flat_cls, key)
    names[f"flat{i}"] = _fast_decoder(flat_cls)
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
    inner = ", ".join(f"{attr!r}: {part}" for part, (attr, _) in zip(parts, keys, strict=True))
    lines.append(f"        {var} = flat{i}({{{inner}}})")
    return lines


def _has_default(fld: dataclasses.Field[Any]) -> bool:
    return fld.default is not dataclasses.MISSING or fld.default_factory is not dataclasses.MISSING


def _field_decoder(
    fld: dataclasses.Field[Any], hint: Any, options: FieldJson
) -> tuple[str, Callable[[Mapping[str, Any]], Any]]:
    name, key = fld.name, _key(fld, hint)
    defaulted = _has_default(fld)
    nullable = _is_union(hint) and type(None) in typing.get_args(hint)
    if options.read is not None:
        reader = options.read

        def read_whole(d: Mapping[str, Any]) -> Any:
            try:
                return reader(d)
            except (TypeError, ValueError) as exc:
                raise _PathError(str(exc), (key,)) from None

        return name, read_whole
    flat_cls = _flat_type(hint) if options.decode is None else None
    if flat_cls is not None:
        keys = _flat_keys(flat_cls, key)
        inner = _decoder(flat_cls)

        def read_flat(d: Mapping[str, Any]) -> Any:
            # The keys sit in the parent object: errors are the parent's, with no step of their own.
            values = {attr: d.get(k) for attr, k in keys}
            if all(v is None for v in values.values()):
                if nullable:
                    return None
                if defaulted:
                    return _MISSING
            missing = [k for (attr, k) in keys if values[attr] is None]
            if missing and nullable:
                both = " and ".join(repr(k) for _, k in keys)
                raise _PathError(f"fields {both} must both be set or both be null")
            if missing:
                raise _PathError(f"missing field {missing[0]!r}")
            return inner(values)

        return name, read_flat
    # a null never reaches the decoder (read_field returns None first): decode the bare type
    dec = options.decode or _decoder(_strip_optional(hint) if nullable else hint)

    def read_field(d: Mapping[str, Any]) -> Any:
        value = d.get(key, _MISSING)
        if value is _MISSING and nullable and not defaulted:
            return None  # a field that may be null may also be left out
        if value is _MISSING or (value is None and not nullable):
            if defaulted:
                return _MISSING
            raise _PathError(f"missing field {key!r}")
        if value is None:
            return None
        return _field_value(key, dec, value)

    return name, read_field


def _field_value(key: str, dec: Callable[[Any], Any], value: Any) -> Any:
    try:
        return dec(value)
    except _Mismatch as exc:
        raise _PathError(f"field {key!r} must be {exc.expected}, got {_kind(value)}") from None
    except _PathError as exc:
        raise exc.inside(key) from None
    except (TypeError, ValueError) as exc:  # from a field's own converter
        raise _PathError(str(exc), (key,)) from None
