"""The command line: a thin shell over :mod:`newsweave.run`, the store and the exporters.

Exit codes (docs/cli.md): 0 everything read; 1 some inputs failed (the rest were
stored); 2 usage error; 3 fatal (store unusable, nothing could be done). Skipped inputs
(hidden files, README/LICENSE, symlinks leading out of a folder) are counted, not failures.

Every line printed passes untrusted text (input names, error messages, article fields)
through :func:`newsweave.terminal.safe_line` and then Rich's markup escape; see the
message rules in docs/cli.md.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__
from newsweave.config import FetchSettings, Settings
from newsweave.corpus import analyse_corpus
from newsweave.errors import InputTooLarge, NewsweaveError
from newsweave.export.json_export import article_item, build_export, write_export
from newsweave.run import Outcome, RunSummary, run
from newsweave.store import Store
from newsweave.terminal import safe_line, safe_text

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])

# No highlighting and no emoji codes: text such as ":fire:" in a title is shown as written.
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
out_console = Console(highlight=False, soft_wrap=True, emoji=False)

# Identical failures of the records of one container shown before the rest are counted.
REPEATED_LINES = 3
# Longest error message printed (the input's name and the code are always printed whole).
MAX_MESSAGE_CHARS = 300


def _safe(text: str) -> str:
    """Untrusted text for one line of Rich markup: controls escaped, then markup escaped."""
    return escape(safe_line(text))


def _store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: os.environ.get("NEWSWEAVE_STORE", "newsweave.db"),
        show_default="newsweave.db, or $NEWSWEAVE_STORE",
        help="SQLite file holding articles (created if missing).",
    )(func)


def _verbose_option(func: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, help="Show tracebacks for errors.")(func)


def _input_options(func: F) -> F:
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
    """The options every command that ingests takes (``_input_options``), as one value."""

    allow_private: bool
    no_fetch: bool
    follow_symlinks: bool
    max_file_mb: float
    max_doc_chars: int
    doc_seconds: float
    timeout: float
    processes: int


def _settings(store_path: Path, inputs: InputOptions) -> Settings:
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
def _open_store(path: Path, verbose: bool) -> Iterator[Store]:
    try:
        store = Store.open(path)
    except NewsweaveError as err:
        _fail(err, verbose)
    try:
        yield store
    finally:
        store.close()


def _error_line(err: NewsweaveError) -> str:
    """``source: message [CODE]`` as markup, safe to print, the message cut if very long."""
    message = err.message if len(err.message) <= MAX_MESSAGE_CHARS else err.message[:MAX_MESSAGE_CHARS] + "…"
    where = f"{err.source}: " if err.source else ""
    return _safe(f"{where}{message} [{err.code}]")


def _fail(err: NewsweaveError, verbose: bool) -> None:
    if verbose:  # the plain traceback, escaped: its messages may quote hostile names
        err_console.print(escape(safe_text(traceback.format_exc())))
    err_console.print(f"[red]error:[/red] {_error_line(err)}")
    sys.exit(EXIT_FATAL)


def _cause(message: str) -> str:
    """What makes two messages "the same error": they differ only in numbers (offsets, lines)."""
    return re.sub(r"\d+", "#", message)


@dataclass(slots=True)
class _Messages:
    """One line per failed or skipped input, repeated causes in one container counted, not listed.

    Records of one container (a JSONL line, a feed entry, a WARC record) that fail with the
    same code and message get :data:`REPEATED_LINES` lines each; the rest are counted, and
    :meth:`close` prints one line per such cause: "… and 495 more records of feed.xml with
    the same error [NW105]".
    """

    verbose: bool
    seen: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def report(self, outcome: Outcome) -> None:
        err = outcome.error
        if err is None:
            return
        if outcome.container is not None:
            key = (outcome.container, err.code, _cause(err.message))
            self.seen[key] += 1
            if self.seen[key] > REPEATED_LINES:
                return
        label = "[yellow]failed[/yellow]" if outcome.status == "failed" else "[dim]skipped[/dim]"
        err_console.print(f"{label} {_error_line(err)}")
        if self.verbose and outcome.detail:
            err_console.print(escape(safe_text(outcome.detail)))

    def close(self) -> None:
        for (container, code, _), n in self.seen.items():
            if n > REPEATED_LINES:
                more = _count(n - REPEATED_LINES, "more record")
                line = f"… and {more} of {container} with the same error [{code}]"
                err_console.print(f"[yellow]failed[/yellow] {_safe(line)}")


def _run_with_progress(
    sources: Sequence[str],
    settings: Settings,
    store: Store,
    verbose: bool,
    each: Callable[[Outcome], Outcome] | None = None,
) -> RunSummary:
    """Run, with a progress bar on a terminal; one line per bad input either way.

    ``each`` sees every outcome before it is reported and counted, and may replace it (``extract``
    writes each article as it comes and applies the limit the parse would have).
    """
    show = err_console.is_terminal
    messages = _Messages(verbose)
    counted = RunSummary()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not show) as progress:
        task = progress.add_task("reading", total=None)

        def on_outcome(outcome: Outcome) -> None:
            if each is not None:
                outcome = each(outcome)
            progress.advance(task)
            name = safe_line(Path(outcome.source).name)[:40]  # cut before escaping: never half an escape
            progress.update(task, description=f"reading {escape(name)}")
            messages.report(outcome)
            counted.add(outcome)

        run(sources, settings, store, on_outcome)
    messages.close()
    return counted


def _print_summary(summary: RunSummary) -> None:
    """One closing line counting every input: a file, a URL, or one record of a container."""
    c = summary.counts
    parts = [
        f"{c['new']} new",
        f"{c['version']} new versions",
        f"{c['duplicate']} unchanged",
        f"{c['failed']} failed",
        f"{c['skipped']} skipped",
    ]
    colour = "yellow" if summary.failed else "green"
    err_console.print(f"[{colour}]{_count(summary.total, 'input')}: {', '.join(parts)}[/{colour}]")


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _exit_code(summary: RunSummary) -> int:
    return EXIT_PARTIAL if summary.failed else EXIT_OK


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


@main.command(
    epilog="""
\b
Examples:
  newsweave ingest ../shared/seeds
  newsweave ingest corpus/ --store cnn.db
  newsweave ingest https://example.org/rss.xml --no-fetch
  newsweave ingest archive.warc.gz -v
"""
)
@click.argument("sources", nargs=-1, required=True)
@_store_option
@_input_options
@_verbose_option
def ingest(
    sources: tuple[str, ...],
    store_path: Path,
    inputs: InputOptions,
    verbose: bool,
) -> None:
    """Read SOURCES (files, folders, URLs, feeds, JSONL, WARC), clean them and store the articles.

    Each input that cannot be read gets one line naming it and why; the run goes on.
    The exit status is 1 if any input failed.
    """
    settings = _settings(store_path, inputs)
    with _open_store(store_path, verbose) as store:
        summary = _run_with_progress(sources, settings, store, verbose)
    _print_summary(summary)
    sys.exit(_exit_code(summary))


@main.command(
    epilog="""
\b
Examples:
  newsweave analyze ../shared/seeds --json seeds.json
  newsweave analyze feed.xml page.html --json out.json --store run.db
"""
)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Write the export document (JSON) here.",
)
@_store_option
@_input_options
@_verbose_option
def analyze(
    sources: tuple[str, ...],
    json_path: Path,
    store_path: Path,
    inputs: InputOptions,
    verbose: bool,
) -> None:
    """Ingest SOURCES into the store and export the analysis of those articles as JSON."""
    settings = _settings(store_path, inputs)
    with _open_store(store_path, verbose) as store:
        summary = _run_with_progress(sources, settings, store, verbose)
    unique = list({a.id: a for a in summary.articles}.values())
    corpus = analyse_corpus(unique, summary.annotations, settings)
    try:
        write_export(build_export(unique, summary.annotations, corpus=corpus), json_path)
    except OSError as exc:
        err_console.print(
            f"[red]error:[/red] cannot write {_safe(str(json_path))}: {_safe(exc.strerror or str(exc))}"
        )
        sys.exit(EXIT_FATAL)
    _print_summary(summary)
    err_console.print(f"wrote {len(unique)} articles to {_safe(str(json_path))}")
    sys.exit(_exit_code(summary))


# The stages `extract` runs: the cleaned article and its metadata, no parse.
EXTRACT_STAGES: tuple[str, ...] = ("clean", "metadata")


@contextmanager
def _jsonl_output(path: Path | None) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A writer of one JSON line per call: to standard output, or to ``path`` atomically (a temporary
    file beside it replaces it only when the command ends well, so a failed run leaves no half file)."""
    if path is None:
        out = sys.stdout.buffer  # UTF-8 whatever the locale: JSON Lines are UTF-8

        def write_stdout(item: dict[str, Any]) -> None:
            out.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()  # a reader of the pipe gets each article as it is cleaned

        yield write_stdout
        return
    tmp = path.with_name(path.name + ".tmp")
    try:
        handle = tmp.open("w", encoding="utf-8")
    except OSError as exc:
        reason = _safe(exc.strerror or str(exc))
        err_console.print(f"[red]error:[/red] cannot write {_safe(str(path))}: {reason}")
        sys.exit(EXIT_FATAL)

    def write_file(item: dict[str, Any]) -> None:
        handle.write(json.dumps(item, ensure_ascii=False) + "\n")

    try:
        with handle:
            yield write_file
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _extracted(outcome: Outcome, *, write: Callable[[dict[str, Any]], None], max_chars: int) -> Outcome:
    """Write a newly read article as its JSON line; a text over ``max_chars`` fails as the parse would."""
    article = outcome.article
    if article is None:
        return outcome
    if len(article.text) > max_chars:
        error = InputTooLarge.text(len(article.text), max_chars, source=outcome.source)
        return replace(outcome, status="failed", article=None, annotations=None, error=error)
    if outcome.status in ("new", "version"):  # a duplicate was written when first read
        write(article_item(article))
    return outcome


@main.command(
    epilog="""
\b
Examples:
  newsweave extract ../shared/seeds > seeds.jsonl
  newsweave extract page.html | jq -r .text
  newsweave extract archive.warc.gz feed.xml -o articles.jsonl -j 2
"""
)
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the JSON lines to this file (atomically) instead of standard output.",
)
@_input_options
@_verbose_option
def extract(sources: tuple[str, ...], output_path: Path | None, inputs: InputOptions, verbose: bool) -> None:
    """Clean SOURCES and write one JSON line per article: text, metadata with evidence, repairs, removals.

    Only the clean and metadata stages run and nothing is kept: each line is an item of the
    export's articles[] (docs/data-model.md). Inputs are read as by `ingest`, with the same
    options, limits and messages; the exit status is 1 if any input failed.
    """
    # The run needs a store (it finds repeated inputs and versions); this one lives on disk, not in
    # memory, so raw pages do not pile up, and goes when the command ends.
    with tempfile.TemporaryDirectory(prefix="newsweave-extract-") as scratch:
        store_path = Path(scratch) / "extract.db"
        settings = replace(_settings(store_path, inputs), stages=EXTRACT_STAGES)
        try:
            with _jsonl_output(output_path) as write, _open_store(store_path, verbose) as store:
                each = functools.partial(_extracted, write=write, max_chars=settings.max_doc_chars)
                summary = _run_with_progress(sources, settings, store, verbose, each=each)
        except BrokenPipeError:
            # The reader stopped (`| head`): stop too, without a traceback at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PARTIAL)
    _print_summary(summary)
    if output_path is not None:
        written = summary.counts["new"] + summary.counts["version"]
        err_console.print(f"wrote {_count(written, 'article')} to {_safe(str(output_path))}")
    sys.exit(_exit_code(summary))


@main.group(invoke_without_command=True)
@_store_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--outlet", help="Only articles from this outlet.")
@click.pass_context
def articles(ctx: click.Context, store_path: Path, limit: int, outlet: str | None) -> None:
    """List stored articles; `articles show ID` shows one with its repairs and removals.

    \b
    Examples:
      newsweave articles --limit 20
      newsweave articles show 3f2a9c0d1e2b4a5c --text
    """
    ctx.obj = store_path
    if ctx.invoked_subcommand is not None:
        return
    with _open_store(store_path, False) as store:
        rows = store.list_articles(limit=limit, offset=0, outlet=outlet)
        total = store.count()
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, max_width=20, overflow="ellipsis")
    table.add_column("title", no_wrap=True, max_width=60, overflow="ellipsis")
    for name in ("v", "repairs", "removed"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for row in rows:
        table.add_row(
            row.id,
            row.published.isoformat() if row.published else "?",
            _safe(row.outlet or "?"),
            _safe((row.title or "")[:70]),
            str(row.version),
            str(row.n_repairs),
            str(row.n_removed),
        )
    out_console.print(table)
    err_console.print(f"{len(rows)} of {total} articles")


@articles.command("show")
@click.argument("article_id")
@click.option("--text", "show_text", is_flag=True, help="Print the cleaned text too.")
@click.pass_obj
def show(store_path: Path, article_id: str, show_text: bool) -> None:
    """Show one article: metadata with evidence, repairs and removed furniture."""
    with _open_store(store_path, False) as store:
        try:
            article = store.get(article_id)
        except KeyError:
            err_console.print(
                f"[red]error:[/red] no article {_safe(article_id)} in {_safe(str(store_path))}"
            )
            sys.exit(EXIT_PARTIAL)
        versions = store.versions(article_id)
    out = out_console
    out.print(f"[bold]{_safe(article.title or '(untitled)')}[/bold]")
    out.print(f"id        {article.id}    source {_safe(article.source)}")
    o = article.outlet
    wire = f", wire {o.wire}" if o.wire else ""
    repub = f", republished by {o.republished_by}" if o.republished_by else ""
    evidence = f"[dim]({_safe(o.via)}: {_safe(o.evidence)})[/dim]"
    out.print(f"outlet    {_safe(o.name or 'unknown')}{_safe(wire + repub)}  {evidence}")
    p = article.published
    value = p.value.isoformat() if p.value else "unknown"
    out.print(f"published {value} [dim]({p.kind}, confidence {p.confidence:.2f}: {_safe(p.evidence)})[/dim]")
    if p.note:
        out.print(f"          [dim]{_safe(p.note)}[/dim]")
    out.print(f"byline    {_safe(article.byline or '-')}    dateline {_safe(article.dateline or '-')}")
    if len(versions) > 1:
        out.print(f"versions  {', '.join(v.id for v in versions)}")
    out.print(f"\n[bold]{len(article.repairs)} repairs[/bold]")
    for r in article.repairs:
        new = r.span.of(article.text)
        out.print(
            f"  [{r.span.start}:{r.span.end}] {r.kind}: {_safe(repr(r.original))} -> {_safe(repr(new))}"
        )
    out.print(f"\n[bold]{len(article.removed)} removed[/bold]")
    for m in article.removed:
        out.print(f"  @{m.at} {m.kind}: {_safe(repr(m.text[:100]))}")
    if show_text:
        out.print("\n" + escape(safe_text(article.text)))


@main.command(
    epilog="""
\b
Examples:
  echo "Iran threatened to retaliate against Israel." | newsweave code
  newsweave code < sentences.jsonl > coded.jsonl
  printf '%s\\n' '{"id": "a1", "text": "Israel struck Beirut.", "date": "2024-07-30"}' | newsweave code
"""
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=64, show_default=True, help="Lines per spaCy batch."
)
def code(batch_size: int) -> None:
    """Code events in texts read from standard input, one JSON line out per line in.

    Each input line is plain text or a JSON object {"id", "text", "date"}. Each output line is
    {"id", "events": [{"type", "mode", "context", "cameo", "goldstein", "modality", "actor",
    "recipient", "start", "end", ...}], "actors": [...]}, with offsets into the input text.
    """
    from newsweave.code_text import code_lines, coding_pipeline

    pipeline = coding_pipeline()
    for result in code_lines(sys.stdin, pipeline, batch_size=batch_size):
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()


# Evaluation name -> module with a ``main(argv) -> int`` that prints a Markdown table.
EVALUATIONS: dict[str, str] = {
    "extraction": "newsweave.eval.extraction",
    "plover": "newsweave.eval.plover",
    "polnear": "newsweave.eval.polnear",
    "meantime": "newsweave.eval.meantime",
    "ecbplus": "newsweave.eval.ecbplus",
    "ecbplus-events": "newsweave.eval.ecbplus_events",
    "stories": "newsweave.eval.stories",
    "newswcl50": "newsweave.eval.newswcl50",
    "babe": "newsweave.eval.babe",
    "mojibake": "newsweave.eval.mojibake",
}


@main.command(
    "eval",
    epilog="""
\b
Examples:
  newsweave eval plover
  newsweave eval extraction polnear
  newsweave eval all
""",
)
@click.argument("names", nargs=-1, type=click.Choice([*EVALUATIONS, "all"]), required=True)
def evaluate(names: tuple[str, ...]) -> None:
    """Score newsweave on the labelled sets in ../shared/eval and print a Markdown table per set.

    The same tables, with the commands, are in docs/evaluation.md.
    """
    import importlib

    chosen = list(EVALUATIONS) if "all" in names else list(dict.fromkeys(names))
    status = EXIT_OK
    for name in chosen:
        try:
            module = importlib.import_module(EVALUATIONS[name])
        except ModuleNotFoundError:
            err_console.print(f"[yellow]skipped[/yellow] {name}: not available in this version")
            status = EXIT_PARTIAL
            continue
        out_console.print(f"\n## {name}\n", markup=False)
        sys.stdout.flush()
        if module.main([]) != 0:
            status = EXIT_PARTIAL
    sys.exit(status)


@main.command(
    epilog="""
\b
Examples:
  newsweave serve --store seeds.db
  newsweave serve --store cnn.db --port 8080
  newsweave serve --store cnn.db --host 0.0.0.0 --allowed-host news.lan
"""
)
@_store_option
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
@_verbose_option
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
        _fail(err, verbose)
    hosts = allowed_hosts(host, allowed_host)
    err_console.print(f"serving {_safe(str(store_path))} on http://{host}:{port}/")
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


@main.command(
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
@_store_option
@_input_options
@_verbose_option
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

    settings = _settings(store_path, inputs)
    summary: RunSummary | None = None
    if any(_is_store(s) for s in sources):
        if len(sources) > 1:
            raise click.UsageError("give one store (.db) or sources to ingest, not both")
        with _open_store(Path(sources[0]), verbose) as store:
            found = list(store.latest_articles())
            annotations = {a.id: ann for a in found if (ann := store.annotations(a.id)) is not None}
    else:
        with _open_store(store_path, verbose) as store:
            summary = _run_with_progress(sources, settings, store, verbose)
        found = list({a.id: a for a in summary.articles}.values())
        annotations = dict(summary.annotations)
    for article in found:
        annotations.setdefault(article.id, Annotations(article_id=article.id))
    try:
        state = analyse_corpus(found, annotations, settings)
        write_report(state, html_path, title=title)
    except NewsweaveError as err:
        _fail(err, verbose)
    except OSError as exc:
        err_console.print(
            f"[red]error:[/red] cannot write {_safe(str(html_path))}: {_safe(exc.strerror or str(exc))}"
        )
        sys.exit(EXIT_FATAL)
    if summary is not None:
        _print_summary(summary)
    err_console.print(
        f"wrote a report of {_count(len(found), 'article')} in {_count(len(state.stories), 'story')}"
        f" to {_safe(str(html_path))}"
    )
    sys.exit(_exit_code(summary) if summary is not None else EXIT_OK)
