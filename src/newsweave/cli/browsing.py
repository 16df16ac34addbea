"""The commands that look into the store: ``articles`` lists the stored articles and
``articles show ID`` shows one with its metadata evidence, repairs and removals."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from newsweave.cli.options import open_store, store_option
from newsweave.cli.output import EXIT_PARTIAL, err_console, out_console, safe
from newsweave.terminal import safe_text


@click.group(invoke_without_command=True)
@store_option
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
    with open_store(store_path, False) as store:
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
            safe(row.outlet or "?"),
            safe((row.title or "")[:70]),
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
    with open_store(store_path, False) as store:
        try:
            article = store.get(article_id)
        except KeyError:
            err_console.print(f"[red]error:[/red] no article {safe(article_id)} in {safe(str(store_path))}")
            sys.exit(EXIT_PARTIAL)
        versions = store.versions(article_id)
    out = out_console
    out.print(f"[bold]{safe(article.title or '(untitled)')}[/bold]")
    out.print(f"id        {article.id}    source {safe(article.source)}")
    o = article.outlet
    wire = f", wire {o.wire}" if o.wire else ""
    repub = f", republished by {o.republished_by}" if o.republished_by else ""
    evidence = f"[dim]({safe(o.via)}: {safe(o.evidence)})[/dim]"
    out.print(f"outlet    {safe(o.name or 'unknown')}{safe(wire + repub)}  {evidence}")
    p = article.published
    value = p.value.isoformat() if p.value else "unknown"
    out.print(f"published {value} [dim]({p.kind}, confidence {p.confidence:.2f}: {safe(p.evidence)})[/dim]")
    if p.note:
        out.print(f"          [dim]{safe(p.note)}[/dim]")
    out.print(f"byline    {safe(article.byline or '-')}    dateline {safe(article.dateline or '-')}")
    if len(versions) > 1:
        out.print(f"versions  {', '.join(v.id for v in versions)}")
    out.print(f"\n[bold]{len(article.repairs)} repairs[/bold]")
    for r in article.repairs:
        new = r.span.of(article.text)
        out.print(f"  [{r.span.start}:{r.span.end}] {r.kind}: {safe(repr(r.original))} -> {safe(repr(new))}")
    out.print(f"\n[bold]{len(article.removed)} removed[/bold]")
    for m in article.removed:
        out.print(f"  @{m.at} {m.kind}: {safe(repr(m.text[:100]))}")
    if show_text:
        out.print("\n" + escape(safe_text(article.text)))
