"""The commands that read inputs: ``ingest`` (into the store), ``analyze`` (into the store and a
JSON export) and ``extract`` (cleaned articles as JSON lines, nothing kept)."""

from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from newsweave.cli.options import (
    InputOptions,
    input_options,
    open_store,
    settings_for,
    store_option,
    verbose_option,
)
from newsweave.cli.output import EXIT_PARTIAL, cannot_write, count, err_console, safe
from newsweave.cli.running import exit_code, print_summary, run_with_progress
from newsweave.corpus import analyse_corpus
from newsweave.errors import InputTooLarge
from newsweave.export.json_export import article_item, build_export, write_export
from newsweave.run import Outcome


@click.command(
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
@store_option
@input_options
@verbose_option
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
    settings = settings_for(store_path, inputs)
    with open_store(store_path, verbose) as store:
        summary = run_with_progress(sources, settings, store, verbose)
    print_summary(summary)
    sys.exit(exit_code(summary))


@click.command(
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
@store_option
@input_options
@verbose_option
def analyze(
    sources: tuple[str, ...],
    json_path: Path,
    store_path: Path,
    inputs: InputOptions,
    verbose: bool,
) -> None:
    """Ingest SOURCES into the store and export the analysis of those articles as JSON."""
    settings = settings_for(store_path, inputs)
    with open_store(store_path, verbose) as store:
        summary = run_with_progress(sources, settings, store, verbose)
    unique = list({a.id: a for a in summary.articles}.values())
    corpus = analyse_corpus(unique, summary.annotations, settings)
    try:
        write_export(build_export(unique, summary.annotations, corpus=corpus), json_path)
    except OSError as exc:
        cannot_write(json_path, exc)
    print_summary(summary)
    err_console.print(f"wrote {len(unique)} articles to {safe(str(json_path))}")
    sys.exit(exit_code(summary))


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
        cannot_write(path, exc)

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


@click.command(
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
@input_options
@verbose_option
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
        settings = replace(settings_for(store_path, inputs), stages=EXTRACT_STAGES)
        try:
            with _jsonl_output(output_path) as write, open_store(store_path, verbose) as store:
                each = functools.partial(_extracted, write=write, max_chars=settings.max_doc_chars)
                summary = run_with_progress(sources, settings, store, verbose, each=each)
        except BrokenPipeError:
            # The reader stopped (`| head`): stop too, without a traceback at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PARTIAL)
    print_summary(summary)
    if output_path is not None:
        written = summary.counts["new"] + summary.counts["version"]
        err_console.print(f"wrote {count(written, 'article')} to {safe(str(output_path))}")
    sys.exit(exit_code(summary))
