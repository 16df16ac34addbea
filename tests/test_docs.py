"""Docs are tested: every command, option and error code is documented."""

from __future__ import annotations

import click

from newsweave import errors
from newsweave.cli import main

from .conftest import REPO


def walk(command: click.Command, prefix: str = "newsweave") -> list[tuple[str, click.Command]]:
    found = [(prefix, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += walk(sub, f"{prefix} {name}")
    return found


def test_every_cli_command_and_option_is_in_docs_cli() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for path, command in walk(main):
        assert f"`{path}" in doc, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(f"`{opt}" in doc for opt in param.opts), (path, param.opts)


def test_every_error_code_is_in_docs_errors() -> None:
    doc = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    classes = [
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type) and issubclass(obj, errors.NewsweaveError)
    ]
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes)), "error codes must be unique"
    for cls in classes:
        assert f"| {cls.code} | `{cls.__name__}` |" in doc, cls
    assert "| NW900 | `InternalError` |" in doc
