"""What every part of the codec shares: the field options (:func:`json`, :func:`flat`), the
JSON key of a field, reading type hints, and the errors that carry the path to a bad value."""

from __future__ import annotations

import dataclasses
import datetime as dt
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


@functools.cache
def key_of(cls: type, name: str) -> str:
    """The JSON key of the field ``name`` of ``cls`` (for a flat field, the prefix of its keys)."""
    fld = {f.name: f for f in dataclasses.fields(cls)}[name]
    return json_key(fld, type_hints(cls)[name])


class PathError(Exception):
    def __init__(self, problem: str, path: tuple[str, ...] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def inside(self, step: str) -> PathError:
        return PathError(self.problem, (step, *self.path))

    def message(self) -> str:
        where = "".join(s if s.startswith("[") else f".{s}" for s in self.path).lstrip(".")
        return f"{where}: {self.problem}" if where else self.problem


class Mismatch(PathError):
    """A value of the wrong JSON type; at a field, said as "field 'x' must be <type>"."""

    def __init__(self, expected: str, value: Any) -> None:
        super().__init__(f"expected {_ARTICLES.get(expected, expected)}, got {kind_of(value)}")
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


def kind_of(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def options_of(fld: dataclasses.Field[Any]) -> FieldJson:
    found = fld.metadata.get(_CODEC_KEY)
    return found if isinstance(found, FieldJson) else _PLAIN


_PLAIN = FieldJson()


def json_key(fld: dataclasses.Field[Any], hint: Any) -> str:
    options = options_of(fld)
    if options.name is not None:
        return options.name
    name = fld.name
    if flat_type(hint) is not None:
        return "" if name == "span" else name.removesuffix("_span")
    if name in ("start", "end") and strip_optional(hint) in (dt.date, dt.datetime):
        return f"date_{name}"
    if name.endswith("_ids"):
        return name.removesuffix("_ids") + "s"
    if name.endswith("_id"):
        return name.removesuffix("_id")
    return name


def strip_optional(hint: Any) -> Any:
    args = typing.get_args(hint)
    if is_union(hint) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def flat_type(hint: Any) -> type | None:
    bare = strip_optional(hint)
    return bare if isinstance(bare, type) and bare in _FLAT else None


def flat_keys(cls: type, prefix: str) -> list[tuple[str, str]]:
    """(field name, JSON key) of a flat record spread under ``prefix``."""
    return [(f.name, f"{prefix}_{f.name}" if prefix else f.name) for f in dataclasses.fields(cls)]


def identity(value: Any) -> Any:
    return value


def compile_function(source: str, name: str, cls: type, names: dict[str, Any]) -> Callable[..., Any]:
    """The function ``name`` defined by ``source`` (ours, built from field names and reprs of keys)."""
    namespace: dict[str, Any] = dict(names)
    exec(compile(source, f"<newsweave.codec {name} {cls.__qualname__}>", "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    return function


MISSING = object()


def has_default(fld: dataclasses.Field[Any]) -> bool:
    return fld.default is not dataclasses.MISSING or fld.default_factory is not dataclasses.MISSING
