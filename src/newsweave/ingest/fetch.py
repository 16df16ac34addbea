"""A careful HTTP client for untrusted URLs, on httpx.

Every request: http/https only; a timeout on each wait on the network and one wall-clock
deadline for the whole fetch, redirects included (see :class:`_Deadline`); a size cap enforced
while the body streams in; redirects followed by hand so each hop is checked again; a clear
User-Agent; and no private, loopback, link-local, multicast, reserved or unspecified
address unless ``allow_private`` is set. Every failure is a :class:`FetchError` (or
:class:`BlockedAddress`, :class:`InputTooLarge`) with a one-line reason.

The hostname is resolved once, every address is checked, and the connection goes to a
checked address (the URL's host is swapped for the IP; the Host header and the TLS SNI and
certificate check still use the name). Resolving and connecting separately would leave a
DNS-rebinding gap: a name that resolves to a public address for the check and to
127.0.0.1 for the connection.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from newsweave.config import FetchSettings
from newsweave.errors import BlockedAddress, FetchError, InputTooLarge

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})
# ``timeout`` bounds each wait on the network (connecting, one read, one write), so a server that
# stalls fails in that time. But a read timeout is per chunk: a server dripping a byte now and then
# would never trip it. So the whole fetch (DNS, connect, TLS, request, headers, body, every redirect
# hop) must also end within this many times ``timeout``: room for a large page on a slow link.
_TOTAL_TIME_FACTOR = 4
_HEADERS = "receiving the response headers"
_BODY = "receiving the body"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchedPage:
    """A response body, read in full and within the size cap."""

    url: str  # after redirects
    status: int
    content: bytes
    content_type: str | None  # media type, lower-case, without parameters
    charset: str | None
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    addresses: tuple[str, ...]  # checked, in resolver order


class _Deadline:
    """The one wall-clock limit of a fetch, shared by every socket wait of every redirect hop.

    Each connect, read, write and TLS handshake is given the per-step timeout or what is left of
    the whole budget, whichever is shorter, so a blocked socket call wakes up by the deadline on
    its own: no thread to cancel, no socket to close from outside, and no signal (fetch also runs
    inside batch's SIGALRM deadline).
    """

    __slots__ = ("at", "capped", "seconds", "step", "step_seconds")

    def __init__(self, step_seconds: float) -> None:
        self.step_seconds = step_seconds
        self.seconds = step_seconds * _TOTAL_TIME_FACTOR
        self.at = time.monotonic() + self.seconds
        self.step = "looking up the host name"
        # Whether the last wait was cut to the deadline rather than the per-step timeout: it tells
        # which of the two a timeout was.
        self.capped = False

    def wait(self, timeout: float | None, step: str, timeout_error: type[Exception]) -> float:
        """The socket timeout for the next wait, on ``step``; raises ``timeout_error`` when none is left."""
        self.step = step
        left = self.at - time.monotonic()
        limit = left if timeout is None else min(left, timeout)
        self.capped = limit == left
        if limit <= 0:
            raise timeout_error(f"the {self.seconds:g}s deadline of the whole request has passed")
        return limit

    def check(self, step: str, *, source: str) -> None:
        """Raise if ``step`` (one that cannot be cut short, like a DNS lookup) used up the budget."""
        self.step = step
        if time.monotonic() >= self.at:
            self.capped = True
            raise self.error(source=source)

    def error(self, *, source: str) -> FetchError:
        """The one-line error for a timeout: the whole request's, or one wait's."""
        if self.capped:
            limit = f"{self.seconds:g}s in all ({_TOTAL_TIME_FACTOR} × the {self.step_seconds:g}s timeout)"
            return FetchError(f"timed out after {limit} while {self.step}", source=source)
        return FetchError(f"timed out after {self.step_seconds:g}s while {self.step}", source=source)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        # Reads before fetch has the response are the status line and headers.
        step = _BODY if self._deadline.step == _BODY else _HEADERS
        return self._stream.read(max_bytes, self._deadline.wait(timeout, step, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # A GET is a few hundred bytes: one send() into the kernel's buffer, so one capped wait.
        wait = self._deadline.wait(timeout, "sending the request", httpcore.WriteTimeout)
        self._stream.write(buffer, wait)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # CPython's handshake keeps one deadline across its reads and writes: one capped wait.
        wait = self._deadline.wait(timeout, "in the TLS handshake", httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, wait), self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's blocking sockets, with every wait ending by the deadline."""

    def __init__(self, deadline: _Deadline) -> None:
        self._backend = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        wait = self._deadline.wait(timeout, "connecting", httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, wait, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)


class _DeadlineTransport(httpx.HTTPTransport):
    def __init__(self, deadline: _Deadline) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)  # verifies, as httpx.Client's own
        super().__init__(verify=ssl_context, trust_env=False)
        # httpx 0.28 takes no network backend of its own (encode/httpx#3749 would add one), so the
        # pool it built is swapped for one that uses ours: handle_request and close go through
        # self._pool. tests/test_fetch_deadline.py fails if a new httpx stops doing so.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, network_backend=_DeadlineBackend(deadline)
        )


def fetch(url: str, settings: FetchSettings) -> FetchedPage:
    """GET ``url`` within the limits of ``settings``. Raises :class:`FetchError` and subclasses."""
    deadline = _Deadline(settings.timeout)  # one clock for every hop: a redirect does not restart it
    current = _parse_url(url, source=url)
    for _ in range(settings.max_redirects + 1):
        target = _resolve(current, settings, source=url)
        # getaddrinfo cannot be cut short (the system resolver has its own timeouts), but its time counts.
        deadline.check(f"looking up {current.host}", source=url)
        # A client per hop: pooled connections are keyed by IP, and a TLS connection
        # verified for one host name must not carry a request for another.
        with _client(settings, deadline) as client:
            result = _get(client, target, settings, deadline, source=url)
        if isinstance(result, FetchedPage):
            return result
        current = result
    raise FetchError(f"too many redirects (more than {settings.max_redirects})", source=url)


def is_blocked_address(address: str) -> bool:
    """Whether ``address`` is one no public web page lives on."""
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` of a Content-Type header value, lower-cased."""
    if not value:
        return None, None
    media_type, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset" and raw.strip(" \"'"):
            charset = raw.strip(" \"'").lower()
    return media_type.lower() or None, charset


def _client(settings: FetchSettings, deadline: _Deadline) -> httpx.Client:
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    # trust_env=False: a proxy from the environment would connect where we did not check.
    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        headers=headers,
        follow_redirects=False,
        trust_env=False,
        transport=_DeadlineTransport(deadline),
    )


def _parse_url(url: str, *, source: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}", source=source) from None
    if parsed.scheme not in _SCHEMES:
        raise FetchError(
            f"only http and https URLs are fetched, not {parsed.scheme or 'none'!r}", source=source
        )
    if not parsed.host:
        raise FetchError("URL has no host", source=source)
    return parsed


def _resolve(url: httpx.URL, settings: FetchSettings, *, source: str) -> _Target:
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"DNS lookup failed for {url.host}: {exc}", source=source) from None
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not settings.allow_private:
        # Every address must pass: the resolver's order is not ours to rely on.
        blocked = [address for address in addresses if is_blocked_address(address)]
        if blocked:
            raise BlockedAddress(
                f"{url.host} resolves to non-public address {blocked[0]} (use --allow-private to allow)",
                source=source,
            )
    if not addresses:
        raise FetchError(f"DNS lookup for {url.host} returned no address", source=source)
    return _Target(url=url, addresses=addresses)


def _get(
    client: httpx.Client, target: _Target, settings: FetchSettings, deadline: _Deadline, *, source: str
) -> FetchedPage | httpx.URL:
    """The page, or the URL a redirect points to."""
    for index, address in enumerate(target.addresses):
        try:
            return _get_from(client, target.url, address, settings, deadline, source=source)
        except httpx.ConnectError as exc:
            if index == len(target.addresses) - 1:
                raise FetchError(f"connection failed: {_reason(exc)}", source=source) from None
        except httpx.TimeoutException:
            raise deadline.error(source=source) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP failure: {_reason(exc)}", source=source) from None
    raise FetchError("no address to connect to", source=source)  # unreachable: _resolve checks


def _get_from(
    client: httpx.Client,
    url: httpx.URL,
    address: str,
    settings: FetchSettings,
    deadline: _Deadline,
    *,
    source: str,
) -> FetchedPage | httpx.URL:
    host_header = url.netloc.decode("ascii")
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    pinned = url.copy_with(host=address)
    with client.stream("GET", pinned, headers={"Host": host_header}, extensions=extensions) as response:
        if response.status_code in _REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location", source=source)
            return _parse_url(str(url.join(location)), source=source)
        if not 200 <= response.status_code < 300:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), source=source)
        deadline.step = _BODY
        content = _read_capped(response, settings.max_bytes, source=source)
        content_type, charset = parse_content_type(response.headers.get("Content-Type"))
        return FetchedPage(
            url=str(url),
            status=response.status_code,
            content=content,
            content_type=content_type,
            charset=charset,
            fetched_at=dt.datetime.now(dt.UTC),
        )


def _read_capped(response: httpx.Response, max_bytes: int, *, source: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(f"response is {declared} bytes, over the {max_bytes}-byte limit", source=source)
    chunks: list[bytes] = []
    size = 0
    # iter_bytes decodes gzip/deflate, so the cap also bounds a compression bomb. Time is
    # bounded below it: every read of the socket ends by the fetch's deadline.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(f"response exceeds the {max_bytes}-byte limit", source=source)
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
