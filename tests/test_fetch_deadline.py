"""The one deadline of a whole fetch, against raw loopback servers that answer slowly on purpose.

A per-read timeout never trips on a server that sends a byte now and then; the deadline must. With
``timeout=1`` the whole request gets 4 s (``_TOTAL_TIME_FACTOR``); the servers below would keep a
request going for 40 s, so a fetch without the deadline fails these tests rather than hang them.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsweave.config import FetchSettings
from newsweave.errors import FetchError
from newsweave.ingest.fetch import _TOTAL_TIME_FACTOR, fetch

SETTINGS = FetchSettings(timeout=1.0, allow_private=True)
DRIBBLE = 0.5  # seconds between bytes: well under the 1 s timeout, so no single read times out
FOREVER = 80  # bytes dribbled: 40 s, ten times the deadline
SANITY = 15.0  # seconds; a bound on a hang, not a speed test
PAST_DEADLINE = "timed out after 4s in all (4 × the 1s timeout) while "

Script = Callable[["SlowServer", socket.socket, str], None]


class SlowServer:
    """A loopback TCP server that reads a request and hands the connection to ``script``.

    With ``tls``, the script gets the connection as soon as the client's TLS hello is in.
    """

    def __init__(self, script: Script, *, tls: bool = False) -> None:
        self.script = script
        self.tls = tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port: int = self.listener.getsockname()[1]
        self.paths: list[str] = []
        self.stopping = threading.Event()
        self.hung_up = threading.Event()  # a client closed its end while the server still had more to send
        self.threads: list[threading.Thread] = []
        self.acceptor = threading.Thread(target=self.accept, daemon=True)
        self.acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self.handle, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def handle(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
                if self.tls:
                    break
            path = "(tls)" if self.tls else request.split(b" ", 2)[1].decode("ascii")
            self.paths.append(path)
            try:
                self.script(self, conn, path)
            except OSError:
                self.hung_up.set()  # the client reset the connection mid-send

    def client_gone(self, conn: socket.socket, wait: float) -> bool:
        """Wait up to ``wait`` s; whether the client hung up (or the test is over) meanwhile."""
        readable, _, _ = select.select([conn], [], [], wait)
        if readable:  # the client sends nothing after its request: readable means closed
            try:
                data = conn.recv(1)
            except OSError:
                data = b""
            if not data:
                self.hung_up.set()
                return True
        return self.stopping.is_set()

    def dribble(self, conn: socket.socket, data: bytes) -> bool:
        """Send ``data`` a byte every ``DRIBBLE`` s; False if the client hung up first."""
        for byte in data:
            if self.client_gone(conn, DRIBBLE):
                return False
            conn.sendall(bytes([byte]))
        return True

    def close(self) -> None:
        self.stopping.set()
        self.acceptor.join(5)
        for thread in self.threads:
            thread.join(5)
        self.listener.close()


Serve = Callable[..., SlowServer]


@pytest.fixture
def serve() -> Iterator[Serve]:
    servers: list[SlowServer] = []

    def start(script: Script, *, tls: bool = False) -> SlowServer:
        servers.append(SlowServer(script, tls=tls))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def slow_headers(server: SlowServer, conn: socket.socket, path: str) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
    if server.dribble(conn, b"a" * FOREVER):
        conn.sendall(b"\r\nContent-Length: 5\r\n\r\nhello")


def slow_body(server: SlowServer, conn: socket.socket, path: str) -> None:
    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {FOREVER}\r\n\r\n".encode())
    server.dribble(conn, b"b" * FOREVER)


def silent(server: SlowServer, conn: socket.socket, path: str) -> None:
    while not server.client_gone(conn, DRIBBLE):
        pass


def slow_tls_handshake(server: SlowServer, conn: socket.socket, path: str) -> None:
    # the header of a 16 KiB handshake record, then its bytes one at a time
    conn.sendall(b"\x16\x03\x03\x40\x00")
    server.dribble(conn, b"\x02" * FOREVER)


def redirect_chain(hops: int) -> Script:
    """``/hop/0`` → ``/hop/1`` → … → ``/page``, each hop answering after ``DRIBBLE`` s."""

    def script(server: SlowServer, conn: socket.socket, path: str) -> None:
        if path == "/page":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello")
            return
        if server.client_gone(conn, DRIBBLE):
            return
        after = int(path.rsplit("/", 1)[1]) + 1
        location = f"/hop/{after}" if after < hops else "/page"
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode())

    return script


def timed_fetch_error(url: str, settings: FetchSettings = SETTINGS) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url, settings)
    return caught.value, time.monotonic() - started


def test_headers_sent_a_byte_at_a_time_end_at_the_deadline(serve: Serve) -> None:
    server = serve(slow_headers)
    error, seconds = timed_fetch_error(server.url + "/")
    assert error.message == PAST_DEADLINE + "receiving the response headers"
    assert error.source == server.url + "/"
    assert seconds < SANITY
    # the client's socket was closed, not left open for the server to keep feeding
    assert server.hung_up.wait(5)


def test_body_sent_a_byte_at_a_time_ends_at_the_deadline(serve: Serve) -> None:
    server = serve(slow_body)
    error, seconds = timed_fetch_error(server.url + "/")
    assert error.message == PAST_DEADLINE + "receiving the body"
    assert seconds < SANITY
    assert server.hung_up.wait(5)


def test_a_server_that_sends_nothing_fails_after_the_timeout_itself(
    serve: Serve,
) -> None:
    server = serve(silent)
    error, seconds = timed_fetch_error(server.url + "/")
    assert error.message == "timed out after 1s while receiving the response headers"
    assert seconds < SANITY


def test_a_tls_handshake_sent_a_byte_at_a_time_fails_after_the_timeout(serve: Serve) -> None:
    # CPython bounds a whole handshake by the socket timeout, so this is the timeout, not the deadline
    server = serve(slow_tls_handshake, tls=True)
    error, seconds = timed_fetch_error(f"https://127.0.0.1:{server.port}/")
    assert error.message == "timed out after 1s while in the TLS handshake"
    assert seconds < SANITY
    assert server.hung_up.wait(5)


def test_redirect_hops_share_one_deadline(serve: Serve) -> None:
    # each hop takes half the timeout; twelve of them take 6 s, past the 4 s of the whole request
    server = serve(redirect_chain(hops=12))
    settings = FetchSettings(timeout=1.0, allow_private=True, max_redirects=20)
    error, seconds = timed_fetch_error(server.url + "/hop/0", settings)
    assert error.message.startswith(PAST_DEADLINE)
    assert seconds < SANITY
    # no hop was too slow on its own: several were answered before the clock ran out
    assert 3 <= len(server.paths) < 12


def test_slow_redirect_hops_within_the_deadline_are_followed(serve: Serve) -> None:
    server = serve(redirect_chain(hops=3))
    page = fetch(server.url + "/hop/0", SETTINGS)
    assert page.content == b"hello"
    assert server.paths == ["/hop/0", "/hop/1", "/hop/2", "/page"]


def test_docs_state_the_factor_of_the_whole_request_deadline() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    factor = f"{_TOTAL_TIME_FACTOR} ×"
    (cli_row,) = [
        line for line in (docs / "cli.md").read_text().splitlines() if "`--timeout SECONDS` |" in line
    ]
    (setting_row,) = [
        line for line in (docs / "configuration.md").read_text().splitlines() if "`fetch.timeout`" in line
    ]
    assert factor in cli_row and factor in setting_row
    default_total = FetchSettings().timeout * _TOTAL_TIME_FACTOR
    assert f"{factor} `--timeout` ({default_total:g} s by default)" in " ".join(
        (docs / "decisions.md").read_text().split()
    )
