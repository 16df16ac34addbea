"""The commands that present what is stored: ``report`` (one self-contained HTML report, of inputs
it ingests or of a whole store) and ``serve`` (the web app over a store)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from newsweave.cli.options import (
    InputOptions,
    input_options,
    open_store,
    settings_for,
    store_option,
    verbose_option,
)
from newsweave.cli.output import EXIT_OK, cannot_write, count, err_console, fail, safe
from newsweave.cli.running import exit_code, print_summary, run_with_progress
from newsweave.config import FetchSettings, Settings
from newsweave.errors import NewsweaveError
from newsweave.run import RunSummary
from newsweave.store import Store


@click.command(
    epilog="""
\b
Examples:
  newsweave serve --store seeds.db
  newsweave serve --store cnn.db --port 8080
  newsweave serve --store cnn.db --host 0.0.0.0 --allowed-host news.lan
"""
)
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let 'Add sources' fetch URLs on private, loopback and link-local addresses (refused by default).",
)
@click.option(
    "--allowed-host",
    "allowed_host",
    multiple=True,
    metavar="NAME",
    help="Also answer requests naming this host (repeatable; '*' for any). Loopback names and the"
    " --host address are always allowed; others get a 400, which stops DNS-rebinding pages.",
)
@verbose_option
def serve(
    store_path: Path, host: str, port: int, allow_private: bool, allowed_host: tuple[str, ...], verbose: bool
) -> None:
    """Serve the web app over the store: stories with search and filters, story, actor, article and
    outlet pages, their JSON twins (`.json`), and a form to add sources. See docs/web.md.
    """
    import uvicorn

    from newsweave.web import create_app
    from newsweave.web.guard import allowed_hosts, is_wildcard

    settings = replace(Settings(), store_path=store_path, fetch=FetchSettings(allow_private=allow_private))
    try:
        Store.open(store_path).close()  # a store that cannot be used is one line, not a traceback
    except NewsweaveError as err:
        fail(err, verbose)
    hosts = allowed_hosts(host, allowed_host)
    err_console.print(f"serving {safe(str(store_path))} on http://{host}:{port}/")
    if is_wildcard(host) and not allowed_host:
        err_console.print(
            f"only requests to {', '.join(hosts)} are answered: add --allowed-host NAME for the names"
            " this machine is reached by"
        )
    app = create_app(store_path, settings, allowed_hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")


SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_store(source: str) -> bool:
    """Whether ``source`` names an existing SQLite file (a store to report on, not an input)."""
    path = Path(source)
    try:
        with path.open("rb") as handle:
            return path.is_file() and handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


@click.command(
    "report",
    epilog="""
\b
Examples:
  newsweave report ../shared/seeds --html seeds.html
  newsweave report newsweave.db --html everything.html
  newsweave report feed.xml --html today.html --store today.db --title "Today"
""",
)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Write the self-contained HTML report here.",
)
@click.option("--title", help="Title of the report (default: the story's title).")
@store_option
@input_options
@verbose_option
def report_command(
    sources: tuple[str, ...],
    html_path: Path,
    title: str | None,
    store_path: Path,
    inputs: InputOptions,
    verbose: bool,
) -> None:
    """Write one self-contained HTML report (stories, timeline, actor graph, disagreements,
    framing, quotes, highlighted articles) that opens offline.

    SOURCES are inputs to ingest, as for `analyze`, or the path of one existing store
    (a .db file): then everything stored is reported.
    """
    from newsweave.corpus import analyse_corpus
    from newsweave.model import Annotations
    from newsweave.report import write_report

    settings = settings_for(store_path, inputs)
    summary: RunSummary | None = None
    if any(_is_store(s) for s in sources):
        if len(sources) > 1:
            raise click.UsageError("give one store (.db) or sources to ingest, not both")
        with open_store(Path(sources[0]), verbose) as store:
            found = list(store.latest_articles())
            annotations = {a.id: ann for a in found if (ann := store.annotations(a.id)) is not None}
    else:
        with open_store(store_path, verbose) as store:
            summary = run_with_progress(sources, settings, store, verbose)
        found = list({a.id: a for a in summary.articles}.values())
        annotations = dict(summary.annotations)
    for article in found:
        annotations.setdefault(article.id, Annotations(article_id=article.id))
    try:
        state = analyse_corpus(found, annotations, settings)
        write_report(state, html_path, title=title)
    except NewsweaveError as err:
        fail(err, verbose)
    except OSError as exc:
        cannot_write(html_path, exc)
    if summary is not None:
        print_summary(summary)
    err_console.print(
        f"wrote a report of {count(len(found), 'article')} in {count(len(state.stories), 'story')}"
        f" to {safe(str(html_path))}"
    )
    sys.exit(exit_code(summary) if summary is not None else EXIT_OK)
