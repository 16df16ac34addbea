"""The ASGI app: routes, security headers, and the corpus loaded once at startup.

Requests run on the event loop thread (the handlers are ``async`` and only read memory and
the store's indexes), so one SQLite connection, opened at startup, serves them all; adding a
source runs in a worker thread with its own connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsweave.config import Settings
from newsweave.store import Store
from newsweave.web import api, views
from newsweave.web.guard import LOOPBACK_HOSTS, SecurityHeaders, exception_handlers
from newsweave.web.state import AppState, load_corpus

_STATIC = {
    "report.css": ("newsweave.report", "text/css; charset=utf-8"),
    "report.js": ("newsweave.report", "text/javascript; charset=utf-8"),
    "app.css": ("newsweave.web", "text/css; charset=utf-8"),
}


async def static(request: Request) -> Response:
    """The app's and the report's stylesheet and script (served, so the CSP needs no inline code)."""
    name = request.path_params["name"]
    if name not in _STATIC:
        return Response("not found", status_code=404, media_type="text/plain")
    package, media_type = _STATIC[name]
    folder = "static" if package == "newsweave.report" else "templates"
    body = resources.files(package).joinpath(folder, name).read_bytes()
    return Response(body, media_type=media_type, headers={"Cache-Control": "max-age=3600"})


# JSON twins come before the pages: "/stories/{id}" would also match "/stories/x.json".
# Only the JSON endpoints are in the OpenAPI document (their docstrings are its YAML).
ROUTES = [
    Route("/stories.json", api.stories_json),
    Route("/stories/{story_id}.json", api.story_json),
    Route("/actors/{actor_id}.json", api.actor_json),
    Route("/articles/{article_id}.json", api.article_json),
    Route("/outlets.json", api.outlet_json),
    Route("/outlets/{name:path}.json", api.outlet_path_json),
    Route("/openapi.json", api.openapi, include_in_schema=False),
    Route("/", views.stories, include_in_schema=False),
    Route("/stories/{story_id}", views.story, include_in_schema=False),
    Route("/actors/{actor_id}", views.actor, include_in_schema=False),
    Route("/articles/{article_id}", views.article, include_in_schema=False),
    Route("/outlets", views.outlet, include_in_schema=False),
    Route("/outlets/{name:path}", views.outlet, include_in_schema=False),
    Route("/add", views.add_form, methods=["GET"], include_in_schema=False),
    Route("/add", views.add, methods=["POST"], include_in_schema=False),
    Route("/static/{name}", static, include_in_schema=False),
]


def create_app(
    store_path: Path | str,
    settings: Settings | None = None,
    *,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
) -> Starlette:
    """The web app over the store at ``store_path``.

    At startup it loads the latest corpus run (analysing the stored articles once, and saving
    the run, if there is none); adding a source refreshes it. Requests whose Host header is
    not in ``allowed_hosts`` (see :func:`newsweave.web.guard.allowed_hosts`) get a 400: a
    DNS-rebinding page cannot read or post to the app.
    """
    settings = settings or Settings()
    path = Path(store_path)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        store = Store.open(path)
        try:
            app.state.newsweave = AppState(
                store_path=path, settings=settings, store=store, corpus=load_corpus(store, settings)
            )
            yield
        finally:
            store.close()

    middleware = [
        Middleware(SecurityHeaders),  # outermost: the Host check's 400 gets the headers too
        Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts), www_redirect=False),
    ]
    return Starlette(
        routes=ROUTES,
        middleware=middleware,
        exception_handlers=exception_handlers(views.render_error),
        lifespan=lifespan,
    )
