"""A careful HTTP client for untrusted URLs, on httpx.

Every request: http/https only; connect and read timeouts; a size cap enforced while the
body streams in; redirects followed by hand so each hop is checked again; a clear
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
import time
from dataclasses import dataclass

import httpx

from newsweave.config import FetchSettings
from newsweave.errors import BlockedAddress, FetchError, InputTooLarge

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEMES = frozenset({"http", "https"})
# The read timeout is per chunk; a server dripping a byte at a time would never trip it.
_BODY_TIME_FACTOR = 4
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


def fetch(url: str, settings: FetchSettings) -> FetchedPage:
    """GET ``url`` within the limits of ``settings``. Raises :class:`FetchError` and subclasses."""
    current = _parse_url(url, source=url)
    for _ in range(settings.max_redirects + 1):
        target = _resolve(current, settings, source=url)
        # A client per hop: pooled connections are keyed by IP, and a TLS connection
        # verified for one host name must not carry a request for another.
        with _client(settings) as client:
            result = _get(client, target, settings, source=url)
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


def _client(settings: FetchSettings) -> httpx.Client:
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    # trust_env=False: a proxy from the environment would connect where we did not check.
    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout), headers=headers, follow_redirects=False, trust_env=False
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
    client: httpx.Client, target: _Target, settings: FetchSettings, *, source: str
) -> FetchedPage | httpx.URL:
    """The page, or the URL a redirect points to."""
    for index, address in enumerate(target.addresses):
        try:
            return _get_from(client, target.url, address, settings, source=source)
        except httpx.ConnectError as exc:
            if index == len(target.addresses) - 1:
                raise FetchError(f"connection failed: {_reason(exc)}", source=source) from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {settings.timeout:g}s", source=source) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP failure: {_reason(exc)}", source=source) from None
    raise FetchError("no address to connect to", source=source)  # unreachable: _resolve checks


def _get_from(
    client: httpx.Client, url: httpx.URL, address: str, settings: FetchSettings, *, source: str
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
        content = _read_capped(response, settings.max_bytes, settings.timeout, source=source)
        content_type, charset = parse_content_type(response.headers.get("Content-Type"))
        return FetchedPage(
            url=str(url),
            status=response.status_code,
            content=content,
            content_type=content_type,
            charset=charset,
            fetched_at=dt.datetime.now(dt.UTC),
        )


def _read_capped(response: httpx.Response, max_bytes: int, timeout: float, *, source: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(f"response is {declared} bytes, over the {max_bytes}-byte limit", source=source)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + timeout * _BODY_TIME_FACTOR
    # iter_bytes decodes gzip/deflate, so the cap also bounds a compression bomb.
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise FetchError(f"body took longer than {timeout * _BODY_TIME_FACTOR:g}s", source=source)
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(f"response exceeds the {max_bytes}-byte limit", source=source)
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
