"""The exception hierarchy. Every error carries a stable code; docs/errors.md is the catalogue.

Codes are never reused or renumbered: scripts and users match on them.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""

    code = "NW000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(NewsweaveError):
    """An input could not be read as an article source. The run goes on without it."""

    code = "NW100"


class UnsupportedInput(InputError):
    """Binary or unknown content: not text, HTML, JSON, a feed or a WARC."""

    code = "NW101"


class EmptyInput(InputError):
    """The input holds no bytes, or no text once cleaned."""

    code = "NW102"


class InputTooLarge(InputError):
    """The input exceeds the configured size limit."""

    code = "NW103"

    @classmethod
    def text(cls, size: int, max_chars: int, *, source: str) -> InputTooLarge:
        """The error for a cleaned text longer than ``Settings.max_doc_chars``."""
        return cls(
            f"too large: {size:,} characters of text,"
            f" over the {max_chars:,}-character limit (--max-doc-chars)",
            source=source,
        )


class DecodeError(InputError):
    """The bytes could not be decoded as text in any plausible encoding."""

    code = "NW104"


class MalformedInput(InputError):
    """A JSON, feed or WARC container that cannot be parsed (or one record of it)."""

    code = "NW105"


class SkippedInput(InputError):
    """Left out on purpose, not a failure: counted apart from failed inputs.

    A hidden file, a README/LICENSE-type file or one of no article format met while
    listing a folder, a symlink out of the folder, or the linked pages of feed entries
    whose summaries were stored instead.
    """

    code = "NW106"


class FetchError(InputError):
    """A URL could not be fetched: DNS, connection refused, timeout, HTTP error, too many redirects."""

    code = "NW110"


class BlockedAddress(FetchError):
    """A URL resolves to a private, loopback or link-local address and --allow-private is off."""

    code = "NW111"


class ExtractionError(InputError):
    """HTML held no extractable article body."""

    code = "NW120"


class TooSlow(InputError):
    """A document took longer than its time budget in the per-article stages (--doc-seconds)."""

    code = "NW107"


class StoreError(NewsweaveError):
    """The store could not be opened, migrated or written."""

    code = "NW200"


class SchemaVersionError(StoreError):
    """The store was written by a newer newsweave than this one."""

    code = "NW201"


class PipelineError(NewsweaveError):
    """A pipeline was built wrongly: unknown stage, or a requirement no earlier stage provides."""

    code = "NW300"


class ConfigError(NewsweaveError):
    """A setting has an invalid value."""

    code = "NW400"


class InternalError(NewsweaveError):
    """A bug: an unexpected exception while processing one input. The run goes on."""

    code = "NW900"
