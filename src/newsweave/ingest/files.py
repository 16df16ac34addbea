"""Files and directories: walk them, refuse what cannot be an article, route the rest.

A file over ``Settings.max_file_bytes`` is refused from its size alone, never read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from newsweave.config import Settings
from newsweave.errors import EmptyInput, InputError, InputTooLarge, UnsupportedInput
from newsweave.ingest.route import documents_from_bytes
from newsweave.ingest.sniff import HEAD_BYTES, Kind, sniff
from newsweave.ingest.warc import iter_warc
from newsweave.model import RawDocument


def iter_paths(root: Path) -> Iterator[Path | InputError]:
    """``root`` if it is a file, else every file under it, sorted, skipping hidden files and dirs."""
    if not root.exists():
        yield InputError("no such file or directory", source=str(root))
        return
    if not root.is_dir():
        yield root
        return
    unreadable: list[OSError] = []
    for directory, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        while unreadable:
            error = unreadable.pop(0)
            yield InputError(f"cannot read directory: {error.strerror or error}", source=str(error.filename))
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(directory, name)
    for error in unreadable:
        yield InputError(f"cannot read directory: {error.strerror or error}", source=str(error.filename))


def iter_file_documents(path: Path, settings: Settings) -> Iterator[RawDocument | InputError]:
    """The documents in the file ``path``; errors are yielded, never raised."""
    source = str(path)
    try:
        _check_file(path, source=source, max_bytes=settings.max_file_bytes)
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            kind = sniff(head, path.name, source=source)
            if kind is Kind.WARC:
                handle.seek(0)
                # streamed from disk: a WARC is read record by record, never whole
                yield from iter_warc(handle, source=source, max_bytes=settings.max_file_bytes)
                return
            # read at most the limit: the file may have grown since it was checked
            content = head + handle.read(settings.max_file_bytes + 1 - len(head))
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read file: {exc.strerror or exc}", source=source)
        return
    if len(content) > settings.max_file_bytes:
        yield InputTooLarge(f"file grew past the {settings.max_file_bytes}-byte limit", source=source)
    elif not content.strip():
        yield EmptyInput("file holds only whitespace", source=source)
    else:
        yield from documents_from_bytes(content, kind, source=source, name=path.name, settings=settings)


def _check_file(path: Path, *, source: str, max_bytes: int) -> None:
    info = path.stat()  # before opening: opening a FIFO would block
    if not stat.S_ISREG(info.st_mode):
        raise UnsupportedInput("not a regular file", source=source)
    if info.st_size > max_bytes:
        raise InputTooLarge(
            f"file is {info.st_size} bytes, over the {max_bytes}-byte limit (max_file_bytes)", source=source
        )
    if info.st_size == 0:
        raise EmptyInput("file is empty", source=source)
