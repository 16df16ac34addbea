"""HTML pages: the same dicts as the JSON twins (:mod:`newsweave.web.api`), through templates.

Templates autoescape everything; the only markup built from data is the report's highlighted
article text, which escapes every text piece itself. Story and article pages include the
report's own fragments (``_story.html.j2``, ``_article.html.j2``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from newsweave.ingest.web import is_url
from newsweave.run import Outcome, RunSummary, run
from newsweave.store import Store
from newsweave.store.corpus import refresh_corpus
from newsweave.web.queries import (
    Corpus,
    actor_page,
    article_page,
    build_corpus,
    outlet_page,
    story_list,
    story_page,
)
from newsweave.web.state import AppState, BadQuery, app_state, parse_filters

TEMPLATES = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("newsweave.web", "templates"),
                jinja2.PackageLoader("newsweave.report", "templates"),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)
UPLOAD_DIR = "newsweave-uploads"
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context = {"csrf_token": app_state(request).csrf_token, **context}
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def _error(request: Request, message: str, status: int) -> Response:
    return _page(request, "error.html.j2", {"message": message}, status)


async def stories(request: Request) -> Response:
    state = app_state(request)
    try:
        filters = parse_filters(request.query_params)
    except BadQuery as err:
        return _error(request, str(err), 400)
    view = story_list(state.corpus, state.store, filters)
    return _page(request, "stories.html.j2", {"list": view, "params": filters.params()})


async def story(request: Request) -> Response:
    story_id = request.path_params["story_id"]
    try:
        view = story_page(app_state(request).corpus, story_id)
    except KeyError:
        return _error(request, f"no story {story_id!r}", 404)
    return _page(request, "story.html.j2", {"story": view})


async def actor(request: Request) -> Response:
    actor_id = request.path_params["actor_id"]
    try:
        view = actor_page(app_state(request).corpus, actor_id)
    except KeyError:
        return _error(request, f"no actor {actor_id!r}", 404)
    return _page(request, "actor.html.j2", {"actor": view})


async def article(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    try:
        view = article_page(app_state(request).corpus, article_id)
    except KeyError:
        return _error(request, f"no article {article_id!r}", 404)
    return _page(request, "article.html.j2", {"article": view})


async def outlet(request: Request) -> Response:
    name = request.path_params["name"]
    try:
        view = outlet_page(app_state(request).corpus, name)
    except KeyError:
        return _error(request, f"no outlet {name!r}", 404)
    return _page(request, "outlet.html.j2", {"outlet": view})


# --- adding sources ---------------------------------------------------------------------------


async def add_form(request: Request) -> Response:
    return _page(request, "add.html.j2", {"messages": []})


async def add(request: Request) -> Response:
    """Store an uploaded file or a URL, with the CLI's limits, then refresh the corpus analysis."""
    state = app_state(request)
    refused = _refuse_request(request, state)
    if refused:
        return _page(request, "add.html.j2", {"messages": [refused]}, 403)
    limit = state.settings.max_file_bytes
    if int(request.headers.get("content-length") or 0) > limit + 64 * 1024:
        message = f"error: upload is over the {limit}-byte limit (max_file_bytes)"
        return _page(request, "add.html.j2", {"messages": [message]}, 413)
    async with request.form(max_files=1, max_fields=5) as form:
        if form.get("csrf_token") != state.csrf_token:
            return _page(request, "add.html.j2", {"messages": ["error: the form expired; reload"]}, 403)
        upload, url = form.get("file"), str(form.get("url") or "").strip()
        try:
            source = await _source(state, upload, url)
        except ValueError as err:
            return _page(request, "add.html.j2", {"messages": [f"error: {err}"]}, 400)
    summary, errors, corpus = await run_in_threadpool(_ingest, state, source)
    if corpus is not None:
        state.corpus = corpus
    messages = _messages(summary, errors, corpus)
    return _page(request, "add.html.j2", {"messages": messages}, 200 if not summary.failed else 422)


def _refuse_request(request: Request, state: AppState) -> str | None:
    # Browsers send Origin on cross-site POSTs: a form posted from another site is refused
    # even before the token is checked.
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        return "error: form posted from another site"
    return None


async def _source(state: AppState, upload: object, url: str) -> str:
    if isinstance(upload, UploadFile) and upload.filename:
        return await _save_upload(state, upload)
    if url:
        if not is_url(url):
            raise ValueError(f"not an http(s) URL: {url[:200]}")
        return url
    raise ValueError("choose a file or give a URL")


async def _save_upload(state: AppState, upload: UploadFile) -> str:
    """Keep the upload beside the store (sources stay traceable), read at most the size limit."""
    limit = state.settings.max_file_bytes
    content = await upload.read(limit + 1)
    name = _UNSAFE_NAME.sub("_", Path(upload.filename or "upload").name).strip("._") or "upload"
    if len(content) > limit:
        raise ValueError(f"{name}: file is over the {limit}-byte limit (max_file_bytes)")
    if not content.strip():
        raise ValueError(f"{name}: file is empty")
    folder = state.store_path.resolve().parent / UPLOAD_DIR
    folder.mkdir(exist_ok=True)
    path = folder / f"{hashlib.sha256(content).hexdigest()[:12]}-{name[-100:]}"
    path.write_bytes(content)
    return str(path)


def _ingest(state: AppState, source: str) -> tuple[RunSummary, list[str], Corpus | None]:
    errors: list[str] = []

    def collect(outcome: Outcome) -> None:
        if outcome.error is not None:
            errors.append(" ".join(str(outcome.error).split()))  # one line, whatever the message

    # Its own connection: SQLite connections stay in the thread that opened them.
    with Store.open(state.store_path) as store:
        summary = run([source], state.settings, store, collect)
        if not summary.stored:
            if not is_url(source):
                Path(source).unlink(missing_ok=True)  # nothing came of it: do not keep it
            return summary, errors, None
        return summary, errors, build_corpus(refresh_corpus(store, state.settings))


def _messages(summary: RunSummary, errors: list[str], corpus: Corpus | None) -> list[str]:
    lines = [f"added: {a.title or a.source}" for a in summary.articles]
    lines += [f"error: {e}" for e in errors]
    if corpus is not None:
        n = len(corpus.state.stories)
        lines.append(f"corpus analysed again: {n} {'story' if n == 1 else 'stories'}")
    return lines
