"""What the command line prints and how it ends: the two consoles, the exit codes, untrusted text
made safe for one line of markup, and the line of a fatal error.

Every line printed passes untrusted text (input names, error messages, article fields)
through :func:`newsweave.terminal.safe_line` and then Rich's markup escape; see the
message rules in docs/cli.md.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from newsweave.errors import NewsweaveError
from newsweave.terminal import safe_line, safe_text

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3

# No highlighting and no emoji codes: text such as ":fire:" in a title is shown as written.
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
out_console = Console(highlight=False, soft_wrap=True, emoji=False)

# Longest error message printed (the input's name and the code are always printed whole).
MAX_MESSAGE_CHARS = 300


def safe(text: str) -> str:
    """Untrusted text for one line of Rich markup: controls escaped, then markup escaped."""
    return escape(safe_line(text))


def error_line(err: NewsweaveError) -> str:
    """``source: message [CODE]`` as markup, safe to print, the message cut if very long."""
    message = err.message if len(err.message) <= MAX_MESSAGE_CHARS else err.message[:MAX_MESSAGE_CHARS] + "…"
    where = f"{err.source}: " if err.source else ""
    return safe(f"{where}{message} [{err.code}]")


def fail(err: NewsweaveError, verbose: bool) -> NoReturn:
    """Print ``err`` as one error line (with the traceback if ``verbose``) and exit as fatal."""
    if verbose:  # the plain traceback, escaped: its messages may quote hostile names
        err_console.print(escape(safe_text(traceback.format_exc())))
    err_console.print(f"[red]error:[/red] {error_line(err)}")
    sys.exit(EXIT_FATAL)


def cannot_write(path: Path, exc: OSError) -> NoReturn:
    """Print that ``path`` cannot be written, and why, and exit as fatal."""
    err_console.print(f"[red]error:[/red] cannot write {safe(str(path))}: {safe(exc.strerror or str(exc))}")
    sys.exit(EXIT_FATAL)


def count(n: int, noun: str) -> str:
    """``1 story``, ``2 stories``: ``n`` and the noun, plural unless ``n`` is 1."""
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
