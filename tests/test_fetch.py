"""The HTTP client and URL sources, against a real server on 127.0.0.1 (no external network)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsweave.config import FetchSettings, Settings
from newsweave.errors import BlockedAddress, FetchError, InputError, InputTooLarge, SkippedInput
from newsweave.ingest import iter_documents
from newsweave.ingest.fetch import fetch, is_blocked_address
from newsweave.model import Container, InputFormat, RawDocument

PAGE = b"<!DOCTYPE html><html><head><title>Local</title></head><body><p>Hello there.</p></body></html>"
BIG = 256 * 1024


def feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Found</title><link>{base}/page</link><pubDate>Fri, 02 Aug 2024 09:00:00 GMT</pubDate>
<description>Summary one.</description></item>
<item><title>Gone</title><link>{base}/missing</link><description>Summary two.</description></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]]  # (path, User-Agent), set on the server class per test

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{self.server.server_port}"  # type: ignore[attr-defined]
        routes = {
            "/page": lambda: self.reply(200, PAGE, "text/html; charset=iso-8859-1"),
            "/hop": lambda: self.redirect("/page"),
            "/loop": lambda: self.redirect("/loop"),
            "/big": self.stream_big,
            "/big-declared": lambda: self.reply(200, b"x" * BIG, "text/html"),
            "/gzip-bomb": self.gzip_bomb,
            "/feed.xml": lambda: self.reply(200, feed(base), "application/rss+xml"),
            "/slow": self.slow,
        }
        routes.get(self.path, lambda: self.reply(404, b"not here", "text/plain"))()

    def reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_big(self) -> None:
        # no Content-Length: the cap must hold while streaming
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(BIG // 1024):
            self.wfile.write(b"y" * 1024)

    def gzip_bomb(self) -> None:
        self.reply_encoded(gzip.compress(b"<p>" + b" " * (BIG * 8)))

    def reply_encoded(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def slow(self) -> None:
        time.sleep(2)
        self.reply(200, PAGE, "text/html")

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """The client hanging up mid-body is what the size-limit tests make it do: not an error."""


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True  # a handler still sleeping in /slow must not hold up teardown
    httpd.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base_url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_port}"


LOCAL = FetchSettings(allow_private=True, timeout=5.0, max_bytes=BIG // 2)


def test_fetches_a_page_with_charset_and_user_agent(server: ThreadingHTTPServer) -> None:
    page = fetch(base_url(server) + "/page", LOCAL)
    assert page.status == 200
    assert page.content == PAGE
    assert page.content_type == "text/html"
    assert page.charset == "iso-8859-1"
    assert server.requests == [("/page", LOCAL.user_agent)]  # type: ignore[attr-defined]
    assert LOCAL.user_agent.startswith("newsweave/")


def test_follows_a_redirect_and_reports_the_final_url(server: ThreadingHTTPServer) -> None:
    page = fetch(base_url(server) + "/hop", LOCAL)
    assert page.url == base_url(server) + "/page"
    assert page.content == PAGE


def test_redirect_loop_is_a_fetch_error(server: ThreadingHTTPServer) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(base_url(server) + "/loop", LOCAL)
    assert len(server.requests) == LOCAL.max_redirects + 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/big", "/big-declared", "/gzip-bomb"])
def test_too_large_body_is_refused(server: ThreadingHTTPServer, path: str) -> None:
    with pytest.raises(InputTooLarge):
        fetch(base_url(server) + path, LOCAL)


def test_http_error_status_is_a_fetch_error(server: ThreadingHTTPServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(base_url(server) + "/missing", LOCAL)


def test_read_timeout_is_a_fetch_error(server: ThreadingHTTPServer) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch(base_url(server) + "/slow", FetchSettings(allow_private=True, timeout=0.3))


def test_closed_local_port_is_a_fetch_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection failed") as caught:
        fetch(f"http://127.0.0.1:{port}/", LOCAL)
    assert type(caught.value) is FetchError
    assert caught.value.source == f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page",
        "http://localhost:{port}/page",
        "http://[::1]:{port}/page",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:{port}/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
    ],
)
def test_private_addresses_are_blocked_without_connecting(server: ThreadingHTTPServer, url: str) -> None:
    target = url.format(port=server.server_port)
    with pytest.raises(BlockedAddress):
        fetch(target, FetchSettings(timeout=1.0))
    assert server.requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("address", "blocked"),
    [("93.184.216.34", False), ("8.8.8.8", False), ("2606:4700:4700::1111", False), ("100.64.0.1", True)],
)
def test_is_blocked_address(address: str, blocked: bool) -> None:
    assert is_blocked_address(address) is blocked


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http:///nohost"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, LOCAL)


def test_unresolvable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="DNS lookup failed"):
        fetch("http://no-such-host.invalid/", LOCAL)


# --- URL sources through iter_documents -------------------------------------------------------


def test_url_source_yields_a_fetched_html_document(server: ThreadingHTTPServer) -> None:
    url = base_url(server) + "/page"
    (doc,) = iter_documents([url], Settings(fetch=LOCAL))
    assert isinstance(doc, RawDocument)
    assert doc.format is InputFormat.HTML and doc.container is Container.URL
    assert doc.url == doc.version_key == url
    assert doc.declared_encoding == "iso-8859-1"
    assert doc.fetched_at is not None


def test_url_source_to_a_private_address_is_refused_by_default(server: ThreadingHTTPServer) -> None:
    (error,) = iter_documents([base_url(server) + "/page"], Settings())
    assert isinstance(error, BlockedAddress)
    assert server.requests == []  # type: ignore[attr-defined]


def test_feed_url_fetches_entry_pages_and_falls_back_to_summaries(server: ThreadingHTTPServer) -> None:
    base = base_url(server)
    items = list(iter_documents([base + "/feed.xml"], Settings(fetch=LOCAL)))
    page, fallback, note = items
    assert isinstance(page, RawDocument)
    assert page.container is Container.URL and page.content == PAGE
    assert page.hint("title") == "Found" and page.hint("outlet") == "Local Wire"
    assert page.hint("published") == "Fri, 02 Aug 2024 09:00:00 GMT"
    # the page that could not be fetched is one line under the feed, after its entries
    assert isinstance(note, SkippedInput) and note.source == base + "/feed.xml"
    assert note.message.startswith("1 of 2 entries' pages could not be fetched (HTTP 404 ×1)")
    assert isinstance(fallback, RawDocument)
    assert fallback.container is Container.FEED and fallback.content == b"Summary two."
    assert fallback.source == base + "/feed.xml#entry-2"
    assert "404" in (fallback.hint("fetch_failed") or "")


def test_closed_port_url_source_is_one_error_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    items = list(iter_documents([f"http://127.0.0.1:{port}/story"], Settings(fetch=LOCAL)))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "\n" not in str(items[0])


def test_non_http_url_source_is_one_error() -> None:
    (error,) = iter_documents(["ftp://files.example/story.txt"], Settings())
    assert isinstance(error, FetchError) and "only http and https" in error.message
