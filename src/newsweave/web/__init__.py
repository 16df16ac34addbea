"""``newsweave serve``: a web app over the store (story list and search, story, actor, article and
outlet pages, each with a JSON twin, and a form to add sources). See docs/web.md."""

from __future__ import annotations

from newsweave.web.app import create_app

__all__ = ["create_app"]
