"""HTML pages: the same dicts as the JSON twins (:mod:`newsweave.web.api`), through templates.

Templates autoescape everything; the only markup built from data is the report's highlighted
article text, which escapes every text piece itself. Story and article pages include the
report's own fragments (``_story.html.j2``, ``_article.html.j2``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from newsweave.errors import StoreError
from newsweave.ingest.web import is_url
from newsweave.run import Outcome, RunSummary, run
from newsweave.store import Store
from newsweave.web.guard import BodyTooLarge, capped_request
from newsweave.web.queries import (
    Corpus,
    actor_page,
    article_page,
    build_corpus,
    outlet_page,
    story_list,
    story_page,
)
from newsweave.web.state import AppState, BadQuery, app_state, outlet_name, parse_filters, refresh_corpus

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


def render_error(request: Request, message: str, status: int) -> Response:
    """The error page (also used by the app's handlers for unknown paths and server errors)."""
    return _page(request, "error.html.j2", {"message": message}, status)



async def stories(request: Request) -> Response:
    state = app_state(request)
    try:
        filters = parse_filters(request.query_params)
    except BadQuery as err:
        return render_error(request, str(err), 400)
    try:
        view = story_list(state.corpus, state.store, filters)
    except StoreError:
        return render_error(request, "the search words cannot be searched for", 400)
    return _page(request, "stories.html.j2", {"list": view, "params": filters.params()})


async def story(request: Request) -> Response:
    story_id = request.path_params["story_id"]
    try:
        view = story_page(app_state(request).corpus, story_id)
    except KeyError:
        return render_error(request, f"no story {story_id!r}", 404)
    return _page(request, "story.html.j2", {"story": view})


async def actor(request: Request) -> Response:
    actor_id = request.path_params["actor_id"]
    try:
        view = actor_page(app_state(request).corpus, actor_id)
    except KeyError:
        return render_error(request, f"no actor {actor_id!r}", 404)
    return _page(request, "actor.html.j2", {"actor": view})


async def article(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    try:
        view = article_page(app_state(request).corpus, article_id)
    except KeyError:
        return render_error(request, f"no article {article_id!r}", 404)
    return _page(request, "article.html.j2", {"article": view})


async def outlet(request: Request) -> Response:
    name = outlet_name(request)
    if not name:
        return render_error(request, "name the outlet: /outlets?name=...", 400)
    try:
        view = outlet_page(app_state(request).corpus, name)
    except KeyError:
        return render_error(request, f"no outlet {name!r}", 404)
    return _page(request, "outlet.html.j2", {"outlet": view})


# --- adding sources ---------------------------------------------------------------------------


async def add_form(request: Request) -> Response:
    return _page(request, "add.html.j2", {"messages": []})


# Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


async def add(request: Request) -> Response:
    """Store an uploaded file or a URL, with the CLI's limits, then refresh the corpus analysis.

    Everything that can refuse the request is checked before one byte of the body is read:
    the Host (middleware), the Origin, the CSRF token (in the form's action URL, so it needs no
    body), and the declared length. The body is then read under the same cap, counted as it
    arrives, so a chunked upload without Content-Length is cut off too.
    """
    state = app_state(request)
    refused = _refuse_request(request, state)
    if refused:
        return _page(request, "add.html.j2", {"messages": [refused]}, 403)
    limit = state.settings.max_file_bytes
    too_large = f"error: upload is over the {limit}-byte limit (max_file_bytes)"
    cap = limit + FORM_OVERHEAD_BYTES
    if _declared_length(request) > cap:
        return _page(request, "add.html.j2", {"messages": [too_large]}, 413)
    try:
        async with capped_request(request, cap).form(max_files=1, max_fields=5) as form:
            upload, url = form.get("file"), str(form.get("url") or "").strip()
            source, shown = await _source(state, upload, url)
    except BodyTooLarge:
        return _page(request, "add.html.j2", {"messages": [too_large]}, 413)
    except ValueError as err:
        return _page(request, "add.html.j2", {"messages": [f"error: {err}"]}, 400)
    summary, errors, corpus = await run_in_threadpool(_ingest, state, source)
    if corpus is not None:
        state.corpus = corpus
    messages = [_unpathed(m, state, source, shown) for m in _messages(summary, errors, corpus)]
    return _page(request, "add.html.j2", {"messages": messages}, 200 if not summary.failed else 422)


def _declared_length(request: Request) -> int:
    value = request.headers.get("content-length", "")
    return int(value) if value.isascii() and value.isdigit() else 0


def _refuse_request(request: Request, state: AppState) -> str | None:
    # A form posted from another site is refused even before the token is checked. Browsers
    # say so in Sec-Fetch-Site, and in Origin, except that our own "Referrer-Policy:
    # no-referrer" makes them send "Origin: null" for our own form: null proves nothing
    # either way, and the token decides.
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return "error: form posted from another site"
    origin = request.headers.get("origin")
    if origin not in (None, "null") and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        return "error: form posted from another site"
    token = request.query_params.get("csrf_token") or request.headers.get("x-csrf-token")
    if token is None or not secrets.compare_digest(token, state.csrf_token):
        return "error: the form expired; reload"
    return None


def _unpathed(message: str, state: AppState, source: str, shown: str) -> str:
    """``message`` naming the upload as the user did, never by where the server keeps it."""
    message = message.replace(source, shown)
    for folder in {str(state.store_path.resolve().parent), str(state.store_path.parent)}:
        if folder not in ("", "."):
            message = message.replace(folder + "/", "").replace(folder, "")
    return message


async def _source(state: AppState, upload: object, url: str) -> tuple[str, str]:
    """The source to run (a saved upload's path, or the URL) and the name to show the user."""
    if isinstance(upload, UploadFile) and upload.filename:
        return await _save_upload(state, upload), _safe_name(upload.filename)
    if url:
        if not is_url(url):
            raise ValueError(f"not an http(s) URL: {url[:200]}")
        return url, url
    raise ValueError("choose a file or give a URL")


def _safe_name(filename: str) -> str:
    return _UNSAFE_NAME.sub("_", Path(filename).name).strip("._") or "upload"


async def _save_upload(state: AppState, upload: UploadFile) -> str:
    """Keep the upload beside the store (sources stay traceable), read at most the size limit."""
    limit = state.settings.max_file_bytes
    content = await upload.read(limit + 1)
    name = _safe_name(upload.filename or "upload")
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
