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

from newsweave.codec.decoding import decode, decode_planned
from newsweave.codec.encoding import encode
from newsweave.codec.fields import FieldJson, JsonDict, flat, json, key_of

__all__ = ["FieldJson", "JsonDict", "decode", "decode_planned", "encode", "flat", "json", "key_of"]
