"""Ingest: every source becomes :class:`~newsweave.model.RawDocument` records.

A source is a path (a file, or a directory read recursively) or an http(s) URL. Formats
are detected from content as well as the name (:mod:`.sniff`): plain text, Markdown,
HTML, JSON/JSONL records, WARC archives, RSS/Atom feeds, and gzip of any of them.

Bad input is normal input: each input or record that cannot be read comes out as an
:class:`~newsweave.errors.InputError` *value*, so the caller reports it in one line and
goes on.

Hint names (``RawDocument.hints``), evidence for the cleaner, never trusted blindly:
``title``, ``url``, ``published``, ``published_note`` (``scrape-time``: the stamp is when
a scraper saw the page), ``modified``, ``crawled`` (a WARC-Date: never a publication
date), ``byline``, ``outlet``, ``id``, ``tags``, ``fetch_failed`` (why a feed entry's page
could not be fetched), ``front_matter_error`` (why a Markdown file's YAML front matter was
not read), ``json_repair`` (lone UTF-16 surrogates in a JSON record replaced by U+FFFD).

What a folder holds that is no article (hidden, README/LICENSE-type, binary, a symlink
out of the folder) and the feed entries' pages that could not be fetched come out as
:class:`~newsweave.errors.SkippedInput` values: one line each, counted apart from
failures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest.files import iter_file_documents, iter_paths
from newsweave.ingest.web import is_url, iter_url_documents
from newsweave.model import RawDocument

__all__ = ["Input", "iter_documents", "iter_inputs"]


@dataclass(frozen=True, slots=True)
class Input:
    """One file or URL to read: its name, and the reader of the documents it holds."""

    name: str
    read: Callable[[], Iterator[RawDocument | InputError]]


def iter_inputs(sources: Sequence[str], settings: Settings) -> Iterator[Input | InputError]:
    """The files and URLs of ``sources``, in order, each still to be read.

    A directory is listed recursively; what cannot be listed is an InputError value. The
    runner reads each input on its own, so that a reader that fails on one input cannot
    take the inputs after it down with it.
    """
    for source in sources:
        if is_url(source):
            yield Input(source, partial(iter_url_documents, source, settings))
            continue
        root = Path(source)
        in_folder = root.is_dir()  # what a folder holds may be skipped; a file named is read
        for path in iter_paths(root, follow_symlinks=settings.follow_symlinks):
            if isinstance(path, InputError):
                yield path
            else:
                yield Input(str(path), partial(iter_file_documents, path, settings, in_folder=in_folder))


def iter_documents(sources: Sequence[str], settings: Settings) -> Iterator[RawDocument | InputError]:
    """Documents of ``sources``, in order.

    Each source is a path (file or directory, recursive) or an http(s) URL. Yields one
    RawDocument per article payload, or an InputError (a value, not raised) for each input
    or record that can't be read, so the caller reports it in one line and goes on. Never
    raises for bad input.
    """
    for item in iter_inputs(sources, settings):
        if isinstance(item, InputError):
            yield item
        else:
            yield from item.read()
