"""Running inputs for a command: a progress bar on a terminal, one line per failed or skipped
input (repeated causes in one container counted, not listed), the closing summary line and the
exit code it makes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave.cli.output import EXIT_OK, EXIT_PARTIAL, count, err_console, error_line, safe
from newsweave.config import Settings
from newsweave.run import Outcome, RunSummary, run
from newsweave.store import Store
from newsweave.terminal import safe_line, safe_text

# Identical failures of the records of one container shown before the rest are counted.
REPEATED_LINES = 3


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
        err_console.print(f"{label} {error_line(err)}")
        if self.verbose and outcome.detail:
            err_console.print(escape(safe_text(outcome.detail)))

    def close(self) -> None:
        for (container, code, _), n in self.seen.items():
            if n > REPEATED_LINES:
                more = count(n - REPEATED_LINES, "more record")
                line = f"… and {more} of {container} with the same error [{code}]"
                err_console.print(f"[yellow]failed[/yellow] {safe(line)}")


def run_with_progress(
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


def print_summary(summary: RunSummary) -> None:
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
    err_console.print(f"[{colour}]{count(summary.total, 'input')}: {', '.join(parts)}[/{colour}]")


def exit_code(summary: RunSummary) -> int:
    """1 if any input failed, else 0 (docs/cli.md)."""
    return EXIT_PARTIAL if summary.failed else EXIT_OK
