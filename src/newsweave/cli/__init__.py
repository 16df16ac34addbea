"""The command line: a thin shell over :mod:`newsweave.run`, the store and the exporters.

Exit codes (docs/cli.md): 0 everything read; 1 some inputs failed (the rest were
stored); 2 usage error; 3 fatal (store unusable, nothing could be done). Skipped inputs
(hidden files, README/LICENSE, symlinks leading out of a folder) are counted, not failures.

Every line printed passes untrusted text (input names, error messages, article fields)
through :func:`newsweave.terminal.safe_line` and then Rich's markup escape; see the
message rules in docs/cli.md.

This module holds the ``newsweave`` group (:func:`main`, the console script); the commands live
by what they do: :mod:`~newsweave.cli.reading` (``ingest``, ``analyze``, ``extract``),
:mod:`~newsweave.cli.browsing` (``articles``, ``articles show``), :mod:`~newsweave.cli.publishing`
(``report``, ``serve``) and :mod:`~newsweave.cli.tools` (``code``, ``eval``), over the shared
options (:mod:`~newsweave.cli.options`), runs (:mod:`~newsweave.cli.running`) and printing
(:mod:`~newsweave.cli.output`).
"""

from __future__ import annotations

import click

from newsweave import __version__
from newsweave.cli.browsing import articles
from newsweave.cli.publishing import report_command, serve
from newsweave.cli.reading import analyze, extract, ingest
from newsweave.cli.tools import code, evaluate

EXAMPLES_MAIN = """
\b
Examples:
  newsweave analyze ../shared/seeds --json seeds.json
  newsweave ingest reports/ https://example.org/feed.xml
  newsweave extract page.html > page.jsonl
  newsweave articles
  newsweave articles show 3f2a9c0d1e2b4a5c
"""


@click.group(epilog=EXAMPLES_MAIN, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """newsweave weaves many news reports into one sourced picture."""


main.add_command(ingest)
main.add_command(analyze)
main.add_command(extract)
main.add_command(articles)
main.add_command(code)
main.add_command(evaluate)
main.add_command(serve)
main.add_command(report_command)

__all__ = ["main"]
