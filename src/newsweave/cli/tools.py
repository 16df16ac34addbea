"""The commands beside the store: ``code`` (events coded in texts from standard input) and
``eval`` (scores on the labelled sets)."""

from __future__ import annotations

import json
import sys

import click

from newsweave.cli.output import EXIT_OK, EXIT_PARTIAL, err_console, out_console


@click.command(
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


@click.command(
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
