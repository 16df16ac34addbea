"""Render the self-contained HTML report: one file, styles and script inlined, no requests.

The page carries a Content-Security-Policy that allows nothing but its own inline style and
script (pinned by their SHA-256 hashes) and ``data:`` images: even if article text slipped
through unescaped, a browser would neither run it nor let it reach the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from newsweave import __version__
from newsweave.corpus import CorpusState
from newsweave.reference.actors import ActorKB
from newsweave.reference.outlets import OutletRegistry
from newsweave.report.context import report_view


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment over ``report/templates`` (autoescaping on for every template)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def static_text(name: str) -> str:
    """A file of ``report/static`` (``report.css``, ``report.js``)."""
    return resources.files("newsweave.report").joinpath("static", name).read_text(encoding="utf-8")


def csp_hash(inline: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(inline.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(css: str, js: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(css)}",
            f"script-src {csp_hash(js)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def render_report(
    state: CorpusState,
    *,
    title: str | None = None,
    outlets: OutletRegistry | None = None,
    kb: ActorKB | None = None,
    generated_at: dt.datetime | None = None,
) -> str:
    """The report of ``state`` as one HTML document."""
    view = report_view(state, title=title, outlets=outlets, kb=kb, generated_at=generated_at)
    css, js = static_text("report.css"), static_text("report.js")
    template = environment().get_template("report.html.j2")
    return template.render(
        report=view,
        css=Markup(css),  # our own package files, not data
        js=Markup(js),
        csp=content_security_policy(css, js),
        version=__version__,
    )


def write_report(
    state: CorpusState,
    path: Path,
    *,
    title: str | None = None,
    outlets: OutletRegistry | None = None,
    kb: ActorKB | None = None,
) -> None:
    """Render the report of ``state`` and write it to ``path`` (UTF-8); OSError if it cannot."""
    path.write_text(render_report(state, title=title, outlets=outlets, kb=kb), encoding="utf-8")
