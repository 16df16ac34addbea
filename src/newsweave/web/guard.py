"""What stands between the network and the app: security headers on every response, the Host
check, error pages, and a request body read under a byte cap.

The app serves a local store on loopback by default, so its threats are the browser's: a page
on another site posting a form to it (the Origin and CSRF checks in :mod:`newsweave.web.views`),
a DNS-rebinding page whose name resolves to 127.0.0.1 (refused here by the Host check), and
hostile article text (escaped by the templates and fenced by the Content-Security-Policy).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'self'",
        "script-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The names a browser on this machine uses for a server bound to loopback.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

log = logging.getLogger(__name__)


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host header values the app answers: loopback names, the bind address, and ``extra``.

    A wildcard bind address (``0.0.0.0``, ``::``) names no host a browser sends, so it adds
    nothing: serving on every interface needs ``--allowed-host`` with the names users type.
    ``*`` in ``extra`` turns the check off.
    """
    hosts = list(LOOPBACK_HOSTS)
    if bind and not is_wildcard(bind):
        hosts.append(f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind)
    hosts += [h.strip().lower() for h in extra if h.strip()]
    return list(dict.fromkeys(h.lower() for h in hosts))


def is_wildcard(bind: str) -> bool:
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_unspecified
    except ValueError:
        return False


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response that passes through, streamed or not.

    A plain ASGI middleware (not ``BaseHTTPMiddleware``): it never buffers a response or touches
    the request body.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- error pages ----------------------------------------------------------------------------------


def wants_json(request: Request) -> bool:
    """Whether the error should be JSON: a ``.json`` twin, or a client that asks only for JSON."""
    accept = request.headers.get("accept", "")
    return request.url.path.endswith(".json") or ("json" in accept and "html" not in accept)


Render = Callable[[Request, str, int], Response]


def error_response(request: Request, message: str, status: int, render: Render) -> Response:
    """The app's error page (``render``) or its JSON twin, with every security header, whatever failed."""
    if wants_json(request):
        response: Response = JSONResponse({"error": message}, status_code=status)
    else:
        try:
            response = render(request, message, status)
        except Exception:  # the error page must not fail itself; plain text always works
            log.exception("error page could not be rendered")
            response = PlainTextResponse(f"error: {message}", status_code=status)
    # The 500 handler runs outside every middleware: the headers are set here, not by SecurityHeaders.
    response.headers.update(SECURITY_HEADERS)
    return response


_REASONS = {
    400: "bad request",
    404: "no such page",
    405: "method not allowed",
    413: "request too large",
}


def exception_handlers(render: Render) -> dict[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    """Starlette's HTTP errors (an unknown path, a wrong method) and unexpected exceptions as
    the app's error page; a traceback is logged, never sent."""

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        response = error_response(request, _REASONS.get(status, "request refused"), status, render)
        if isinstance(exc, HTTPException) and exc.headers:
            response.headers.update(exc.headers)  # e.g. Allow on a 405
        return response

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(request, "internal error (logged by the server)", 500, render)

    return {HTTPException: http_error, Exception: server_error}


# --- request bodies ---------------------------------------------------------------------------------


class BodyTooLarge(Exception):
    """The request body passed its cap while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over {limit} bytes")
        self.limit = limit


def capped_request(request: Request, limit: int) -> Request:
    """``request`` whose body reads raise :class:`BodyTooLarge` past ``limit`` bytes.

    Counted as the chunks arrive, so a chunked upload (no Content-Length) is cut off at the cap
    rather than spooled to disk whole.
    """
    received = 0
    receive = request.receive

    async def capped_receive() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return Request(request.scope, capped_receive)
