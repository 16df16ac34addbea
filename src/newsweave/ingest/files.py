"""Files and directories: walk them, refuse what cannot be an article, route the rest.

A file over ``Settings.max_file_bytes`` is refused from its size alone, never read.

Listing a folder leaves out, each as one :class:`SkippedInput` (counted, not failed):
hidden files and directories; project files such as ``README*``, ``LICENSE*``,
``COPYING``, ``CHANGELOG*`` (see :data:`PROJECT_FILES`); files of no article format
(images, archives, random bytes); broken symlinks; and, unless
``Settings.follow_symlinks``, symlinks that lead out of the folder and symlinked
directories. A symlink to a file inside the folder is read. A source named by the user
is read whatever its name, and a binary one is a failure: it was asked for.

Each plain file (text, HTML, Markdown without a URL in its header) is keyed for versions
by :func:`file_version_key`: the same file edited in place is a new version of itself, and
two ``index.md`` in two folders are two articles.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from newsweave.config import Settings
from newsweave.errors import EmptyInput, InputError, InputTooLarge, SkippedInput, UnsupportedInput
from newsweave.ingest.markdown import version_slug
from newsweave.ingest.route import documents_from_bytes
from newsweave.ingest.sniff import ARTICLE_EXTENSIONS, HEAD_BYTES, Kind, sniff
from newsweave.ingest.warc import iter_warc
from newsweave.model import Container, RawDocument

# File names (before the first dot, any case) that belong to a project, not to its articles.
PROJECT_FILES = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "changes", "authors", "contributing", "notice"}
)
_FOLLOW_HINT = "not followed (--follow-symlinks reads it)"
# The CNN scraper's revision files: <yyyy>_<mm>_<dd>_<slug>__commit_<time>.md
_REVISION_NAME = re.compile(r"\d{4}_\d{2}_\d{2}_.+__commit_.+")
_DATED_FOLDERS = (re.compile(r"\d{4}"), re.compile(r"\d{2}"), re.compile(r"\d{2}"))
# Names that say nothing about the story: in a dated folder they stay keyed by path.
_GENERIC_STEMS = frozenset(
    {"index", "default", "home", "main", "page", "article", "story", "content", "post"}
)


def iter_paths(root: Path, *, follow_symlinks: bool = False) -> Iterator[Path | InputError]:
    """``root`` if it is a file, else every file under it, sorted; what is left out is a SkippedInput."""
    if not root.exists():
        reason = "broken symlink" if root.is_symlink() else "no such file or directory"
        yield InputError(reason, source=str(root))
        return
    if not root.is_dir():
        yield root
        return
    yield from _walk(root, follow_symlinks=follow_symlinks)


def iter_file_documents(
    path: Path, settings: Settings, *, in_folder: bool = False
) -> Iterator[RawDocument | InputError]:
    """The documents in the file ``path``; errors are yielded, never raised.

    ``in_folder``: the file was found by listing a folder, so content of no article format
    is skipped (a :class:`SkippedInput`) rather than failed, unless the file's name claims an
    article format (``story.txt`` holding a PNG is a broken article, ``photo.png`` is no article).
    """
    source = str(path)
    key = file_version_key(path)
    skippable = in_folder and path.suffix.lower() not in ARTICLE_EXTENSIONS
    for item in _file_items(path, settings, source=source):
        if isinstance(item, RawDocument):
            yield _keyed(item, key)
        elif skippable and type(item) is UnsupportedInput and item.source == source:
            yield SkippedInput(f"not an article format: {item.message}", source=source)
        else:
            yield item


def file_version_key(path: Path) -> str:
    """The version key of a file: its resolved path as a ``file://`` URL, or a slug for a scraper layout.

    Two layouts name one article by its slug across files, and keep doing so: a revision
    file ``<yyyy>_<mm>_<dd>_<slug>__commit_<time>.md``, and ``<yyyy>/<mm>/<dd>/<slug>.<ext>``,
    where a scraper re-saves the same story in the next day's folder (as news URLs do).
    Such files get ``slug:<slug>``, as their revisions do (see ``version_slug``).
    """
    resolved = path.resolve()
    by_slug = _REVISION_NAME.fullmatch(resolved.name) or _in_dated_folder(resolved)
    if by_slug and (slug := version_slug(resolved.name)):
        return slug
    return resolved.as_uri()


def _in_dated_folder(path: Path) -> bool:
    folders = path.parts[-4:-1]
    return (
        len(folders) == 3
        and all(pattern.fullmatch(part) for pattern, part in zip(_DATED_FOLDERS, folders, strict=True))
        and path.stem.lower() not in _GENERIC_STEMS
    )


def _keyed(document: RawDocument, key: str) -> RawDocument:
    """A file's own document (not a JSON or WARC record) keyed by its file, unless it names a URL."""
    if document.container is not Container.FILE or document.version_key is not None:
        return document
    return dataclasses.replace(document, version_key=key)


def _walk(root: Path, *, follow_symlinks: bool) -> Iterator[Path | InputError]:
    real_root = root.resolve()
    walked: set[tuple[int, int]] = set()  # (device, inode) of each directory listed: no loops
    unreadable: list[OSError] = []
    for directory, dirnames, filenames in os.walk(
        root, onerror=unreadable.append, followlinks=follow_symlinks
    ):
        yield from _unreadable(unreadable)
        here = Path(directory)
        if follow_symlinks:
            walked.add(_identity(here))
        kept: list[str] = []
        for name in sorted(dirnames):
            reason = _skip_directory(here / name, real_root, follow_symlinks=follow_symlinks, walked=walked)
            if reason is None:
                kept.append(name)
            else:
                yield SkippedInput(reason, source=str(here / name))
        dirnames[:] = kept
        for name in sorted(filenames):
            reason = _skip_file(here / name, real_root, follow_symlinks=follow_symlinks)
            yield here / name if reason is None else SkippedInput(reason, source=str(here / name))
    yield from _unreadable(unreadable)


def _skip_directory(
    path: Path, real_root: Path, *, follow_symlinks: bool, walked: set[tuple[int, int]]
) -> str | None:
    if path.name.startswith("."):
        return "hidden directory"
    if not follow_symlinks:
        if path.is_symlink():
            return _symlink_reason(path, real_root) or "symlink to a directory inside the folder; read there"
        return None
    if _identity(path) in walked:
        return "symlink to a directory already read (a loop, or a second link to it)"
    return None


def _skip_file(path: Path, real_root: Path, *, follow_symlinks: bool) -> str | None:
    if path.name.startswith("."):
        return "hidden file"
    if path.is_symlink():
        if not path.exists():
            return "broken symlink"
        if not follow_symlinks and (reason := _symlink_reason(path, real_root)):
            return reason
    if path.name.split(".", 1)[0].lower() in PROJECT_FILES:
        return "a project file (README, LICENSE, ...), not an article"
    return None


def _symlink_reason(path: Path, real_root: Path) -> str | None:
    """Why the symlink ``path`` is not followed, or None if it stays inside the folder."""
    target = path.resolve()
    if target.is_relative_to(real_root):
        return None
    return f"symlink to {target}, outside the folder; {_FOLLOW_HINT}"


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _unreadable(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        error = errors.pop(0)
        yield InputError(f"cannot read directory: {error.strerror or error}", source=str(error.filename))


def _file_items(path: Path, settings: Settings, *, source: str) -> Iterator[RawDocument | InputError]:
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
