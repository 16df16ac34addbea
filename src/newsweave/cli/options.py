"""The options several commands share (the store, ``--verbose``, the options of every command that
ingests), the settings they make, and opening the store they name."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from newsweave.cli.output import fail
from newsweave.config import FetchSettings, Settings
from newsweave.errors import NewsweaveError
from newsweave.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: os.environ.get("NEWSWEAVE_STORE", "newsweave.db"),
        show_default="newsweave.db, or $NEWSWEAVE_STORE",
        help="SQLite file holding articles (created if missing).",
    )(func)


def verbose_option(func: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, help="Show tracebacks for errors.")(func)


def input_options(func: F) -> F:
    options = [
        click.option(
            "--allow-private",
            is_flag=True,
            help="Allow fetching URLs on private, loopback and link-local addresses (refused by default).",
        ),
        click.option(
            "--no-fetch",
            is_flag=True,
            help="Do not fetch the pages that feed entries link to; use the entries' summaries.",
        ),
        click.option(
            "--follow-symlinks",
            is_flag=True,
            help="In folders, follow symlinks out of the folder and symlinked folders (skipped by default).",
        ),
        click.option(
            "--max-file-mb",
            type=click.FloatRange(min=0.001),
            default=Settings().max_file_bytes / 2**20,
            show_default=True,
            help="Refuse files larger than this.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=FetchSettings().timeout,
            show_default=True,
            help="Seconds a URL may stall (connect, TLS, each read);"
            " a whole fetch, redirects included, gets 4 × this.",
        ),
        click.option(
            "-j",
            "--processes",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Worker processes for the per-article analysis.",
        ),
        click.option(
            "--max-doc-chars",
            type=click.IntRange(min=1),
            default=Settings().max_doc_chars,
            show_default=True,
            help="Refuse as too large an article whose cleaned text is longer than this.",
        ),
        click.option(
            "--doc-seconds",
            type=click.FloatRange(min=0),
            default=Settings().doc_seconds,
            show_default=True,
            help="Report a document as too slow after this many seconds of analysis (0: no limit).",
        ),
    ]

    @functools.wraps(func)
    def with_inputs(*args: Any, **kwargs: Any) -> Any:
        fields = {name: kwargs.pop(name) for name in InputOptions.__dataclass_fields__}
        return func(*args, inputs=InputOptions(**fields), **kwargs)

    command: Any = with_inputs
    for option in reversed(options):
        command = option(command)
    return cast(F, command)


@dataclass(frozen=True, slots=True, kw_only=True)
class InputOptions:
    """The options every command that ingests takes (``input_options``), as one value."""

    allow_private: bool
    no_fetch: bool
    follow_symlinks: bool
    max_file_mb: float
    max_doc_chars: int
    doc_seconds: float
    timeout: float
    processes: int


def settings_for(store_path: Path, inputs: InputOptions) -> Settings:
    """The settings of a run into ``store_path`` with the options ``inputs``."""
    return replace(
        Settings(),
        store_path=store_path,
        processes=inputs.processes,
        max_file_bytes=int(inputs.max_file_mb * 1024 * 1024),
        max_doc_chars=inputs.max_doc_chars,
        doc_seconds=inputs.doc_seconds,
        fetch_feed_pages=not inputs.no_fetch,
        follow_symlinks=inputs.follow_symlinks,
        fetch=FetchSettings(timeout=inputs.timeout, allow_private=inputs.allow_private),
    )


@contextmanager
def open_store(path: Path, verbose: bool) -> Iterator[Store]:
    """The store at ``path``, closed at the end; one that cannot be opened is a fatal error line."""
    try:
        store = Store.open(path)
    except NewsweaveError as err:
        fail(err, verbose)
    try:
        yield store
    finally:
        store.close()
