"""The JSON twin of every page: ``<page path>.json`` returns the dict the HTML page renders.

Each endpoint's docstring carries its OpenAPI description (YAML after ``---``), collected by
:data:`SCHEMAS` and served at ``/openapi.json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.schemas import SchemaGenerator

from newsweave import __version__, codec
from newsweave.errors import StoreError
from newsweave.web.queries import (
    View,
    actor_page,
    article_page,
    outlet_page,
    story_list,
    story_page,
)
from newsweave.web.state import AppState, BadQuery, app_state, outlet_name, parse_filters

SCHEMAS = SchemaGenerator(
    {
        "openapi": "3.0.3",
        "info": {
            "title": "newsweave",
            "version": __version__,
            "description": "The JSON twin of every page of `newsweave serve` (docs/web.md).",
        },
    }
)


def jsonable(value: Any) -> Any:
    """A view dict as JSON: dates as ISO strings, highlighted HTML as its markup text, sets sorted."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _json(view: View) -> Response:
    return JSONResponse(jsonable(view))


def _not_found(what: str, key: str) -> Response:
    return JSONResponse({"error": f"no {what} {key!r}"}, status_code=404)


async def stories_json(request: Request) -> Response:
    """
    summary: Stories, newest first, with full-text search and filters
    parameters:
      - {name: q, in: query, schema: {type: string}, description: words that must all occur (FTS5)}
      - {name: from, in: query, schema: {type: string, format: date}, description: stories ending on or after}
      - {name: to, in: query, schema: {type: string, format: date}, description: stories from before}
      - {name: outlet, in: query, schema: {type: string}, description: stories with an article of this outlet}
      - {name: actor, in: query, schema: {type: string}, description: "stories naming this actor (id, name)"}
      - {name: page, in: query, schema: {type: integer, minimum: 1}}
    responses:
      200: {description: "{filters, total, page, pages, stories[], articles[] (best search matches)}"}
      400: {description: "{error}: a malformed filter"}
    """
    state = app_state(request)
    try:
        filters = parse_filters(request.query_params)
    except BadQuery as err:
        return JSONResponse({"error": str(err)}, status_code=400)
    try:
        return _json(story_list(state.corpus, state.store, filters))
    except StoreError:
        return JSONResponse({"error": "the search words cannot be searched for"}, status_code=400)


async def story_json(request: Request) -> Response:
    """
    summary: One story (briefing, timeline, actor graph, disagreements, framing, quotes, events)
    parameters:
      - {name: story_id, in: path, required: true, schema: {type: string}}
    responses:
      200: {description: the story view}
      404: {description: "{error}: no such story"}
    """
    story_id = request.path_params["story_id"]
    try:
        return _json(story_page(app_state(request).corpus, story_id))
    except KeyError:
        return _not_found("story", story_id)


async def actor_json(request: Request) -> Response:
    """
    summary: One actor's events and quotes across stories
    parameters:
      - {name: actor_id, in: path, required: true, schema: {type: string}}
    responses:
      200: {description: "{id, name, events[], quotes[]}"}
      404: {description: "{error}: no such actor"}
    """
    actor_id = request.path_params["actor_id"]
    try:
        return _json(actor_page(app_state(request).corpus, actor_id))
    except KeyError:
        return _not_found("actor", actor_id)


async def article_json(request: Request) -> Response:
    """
    summary: One article with metadata, repairs, removals, its highlighted text (html) and annotations
    parameters:
      - {name: article_id, in: path, required: true, schema: {type: string}}
    responses:
      200: {description: the article view}
      404: {description: "{error}: no such article"}
    """
    article_id = request.path_params["article_id"]
    try:
        view = article_page(app_state(request).corpus, article_id)
    except KeyError:
        return _not_found("article", article_id)
    corpus = app_state(request).corpus
    view["text"] = corpus.index.articles[article_id].text
    found = corpus.state.annotations.get(article_id)
    # every field the per-article stages write, through the codec: a new kind of item shows here
    # without code of its own
    view["annotations"] = None if found is None else codec.encode(found)
    return _json(view)


async def outlet_json(request: Request) -> Response:
    """
    summary: One outlet's registry profile and its articles (the app links here; any name works)
    parameters:
      - {name: name, in: query, required: true, schema: {type: string}}
    responses:
      200: {description: "{name, profile, articles[]}"}
      400: {description: "{error}: no outlet named"}
      404: {description: "{error}: no such outlet"}
    """
    return _outlet(request)


async def outlet_path_json(request: Request) -> Response:
    """
    summary: One outlet, named in the path (readable URLs for plain names)
    parameters:
      - {name: name, in: path, required: true, schema: {type: string}}
    responses:
      200: {description: "{name, profile, articles[]}"}
      404: {description: "{error}: no such outlet"}
    """
    return _outlet(request)


def _outlet(request: Request) -> Response:
    name = outlet_name(request)
    if not name:
        return JSONResponse({"error": "name the outlet: /outlets.json?name=..."}, status_code=400)
    try:
        return _json(outlet_page(app_state(request).corpus, name))
    except KeyError:
        return _not_found("outlet", name)


async def openapi(request: Request) -> Response:
    """The OpenAPI document of the JSON endpoints."""
    return JSONResponse(SCHEMAS.get_schema(routes=request.app.routes))


__all__ = [
    "AppState",
    "actor_json",
    "article_json",
    "jsonable",
    "openapi",
    "outlet_json",
    "outlet_path_json",
    "stories_json",
    "story_json",
]
