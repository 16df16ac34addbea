"""The web app as an attacker and a careless user meet it: Host checks against DNS rebinding,
upload bodies capped while they stream (chunked too), error pages with the security headers,
malformed query strings, outlet names that are not path-safe, and upload messages without
server paths. Uploads are driven over a real socket against uvicorn on loopback."""

from __future__ import annotations

import re
import select
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import uvicorn
from starlette.testclient import TestClient

from newsweave.config import Settings
from newsweave.run import run
from newsweave.store import Store
from newsweave.web import create_app
from newsweave.web.guard import SECURITY_HEADERS, allowed_hosts

UPLOAD_LIMIT = 100_000
# Names that break as a path segment: "/" splits it, "?" and "#" end it, "%" starts an escape,
# and browsers resolve "." and ".." (written "%2E%2E" too) before the request is sent.
ODD_OUTLETS = ("Left/Right Review", "Q? & A #1", "100% Local", "..", ".", "a/../b")


def assert_guarded(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers)


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("guard") / "empty.db"
    Store.open(path).close()
    return path


@pytest.fixture(scope="module")
def client(empty_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(empty_store, Settings()), base_url="http://127.0.0.1") as c:
        yield c


# --- Host ---------------------------------------------------------------------------------------


def test_allowed_hosts_are_loopback_the_bind_address_and_the_named_ones() -> None:
    assert allowed_hosts("127.0.0.1") == ["localhost", "127.0.0.1", "[::1]"]
    assert allowed_hosts("0.0.0.0") == allowed_hosts("::") == ["localhost", "127.0.0.1", "[::1]"]
    assert allowed_hosts("192.168.1.5")[-1] == "192.168.1.5"
    assert allowed_hosts("fd00::5")[-1] == "[fd00::5]"
    assert allowed_hosts("0.0.0.0", ["News.LAN", " "])[-1] == "news.lan"


def test_a_foreign_host_gets_no_page_and_no_token(client: TestClient) -> None:
    for path in ("/", "/add", "/stories.json"):
        refused = client.get(path, headers={"host": "evil.example"})
        assert refused.status_code == 400, path
        assert "csrf_token" not in refused.text
        assert_guarded(refused)
    rebinding = client.post("/add", headers={"host": "evil.example:8000"}, data={"url": "https://example.org/"})
    assert rebinding.status_code == 400
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000", "LOCALHOST:1"):
        assert client.get("/", headers={"host": host}).status_code == 200, host


def test_more_hosts_are_answered_when_named(empty_store: Path) -> None:
    app = create_app(empty_store, Settings(), allowed_hosts=allowed_hosts("0.0.0.0", ["news.lan"]))
    with TestClient(app, base_url="http://news.lan") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "other.lan"}).status_code == 400


# --- error pages and malformed queries ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/?page=%C2%B2",
        "/?page=" + "9" * 5000,
        "/?page=0",
        "/?page=-1",
        "/?from=2024-13-01",
        "/stories.json?page=%C2%B2",
        "/stories.json?page=" + "9" * 5000,
        "/outlets",
        "/outlets.json",
    ],
)
def test_malformed_queries_are_a_400_with_the_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, (url, response.text[:200])
    assert_guarded(response)
    if ".json" in url:
        assert set(response.json()) == {"error"}
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert 'class="error"' in response.text


@pytest.mark.parametrize("url", ["/?q=%00", "/?q=a%00b%22", "/stories.json?q=%00", "/?q=%22", "/?q=NEAR("])
def test_any_search_words_are_searched_for(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert_guarded(response)


@pytest.mark.parametrize("url", ["/nope", "/nope.json", "/stories/%FF%FE", "/articles/%00.json", "/static/x"])
def test_unknown_pages_are_a_404_with_the_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, url
    assert_guarded(response)
    assert "Traceback" not in response.text


def test_a_wrong_method_is_a_405_with_the_headers(client: TestClient) -> None:
    response = client.post("/", data={"x": "1"})
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert_guarded(response)


def test_a_server_error_is_a_page_without_traceback_or_paths(empty_store: Path) -> None:
    app = create_app(empty_store, Settings())
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        app.state.newsweave.corpus = None  # every list now fails with an AttributeError: a bug's shape
        for url in ("/?q=talks", "/stories.json?q=talks"):
            response = c.get(url)
            assert response.status_code == 500, url
            assert_guarded(response)
            assert "Traceback" not in response.text and str(empty_store.parent) not in response.text
        assert c.get("/stories.json?q=talks").json() == {"error": "internal error (logged by the server)"}


# --- outlet names ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def odd_outlets_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("outlets")
    sources = folder / "sources"
    sources.mkdir()
    for n, outlet in enumerate(ODD_OUTLETS):
        quoted = outlet.replace('"', '\\"')
        (sources / f"story-{n}.md").write_text(
            f'---\ntitle: "Harbour report {n}"\noutlet: "{quoted}"\ndate: 2024-05-0{n + 1}\n---\n\n'
            f"The harbour board in Fernport said on Tuesday that ferry {n} would resume sailing.\n",
            encoding="utf-8",
        )
    path = folder / "outlets.db"
    with Store.open(path) as store:
        summary = run([str(sources)], replace(Settings(), store_path=path), store)
    assert summary.stored == len(ODD_OUTLETS) and not summary.failed
    with TestClient(create_app(path, Settings()), base_url="http://127.0.0.1") as c:
        yield c


def test_outlet_links_survive_any_outlet_name(odd_outlets_client: TestClient) -> None:
    c = odd_outlets_client
    found = {}
    for ref in c.get("/stories.json").json()["stories"]:
        story = c.get(ref["href"] + ".json").json()
        for article in story["articles"]:
            view = c.get(article["href"] + ".json").json()
            found[view["outlet"]["label"]] = view["outlet_href"]
    assert set(found) == set(ODD_OUTLETS)
    for name, href in found.items():
        page = c.get(href)
        assert page.status_code == 200, (name, href)
        twin = c.get(href.replace("/outlets?", "/outlets.json?")).json()
        assert twin["name"] == name and len(twin["articles"]) == 1
        # the page's own JSON link leads to the same outlet
        (json_link,) = re.findall(r'href="(/outlets\.json\?[^"]+)"', page.text)
        assert c.get(json_link.replace("&amp;", "&")).json()["name"] == name
    # plain names keep their readable path form, a slash included
    assert c.get("/outlets/Left/Right%20Review.json").json()["name"] == "Left/Right Review"


# --- uploads over a real socket -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(empty_store: Path) -> Iterator[tuple[str, int]]:
    app = create_app(empty_store, replace(Settings(), max_file_bytes=UPLOAD_LIMIT))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def token_of(host: str, port: int) -> str:
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(f"GET /add HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        page = b""
        while chunk := conn.recv(65536):
            page += chunk
    found = re.search(rb"/add\?csrf_token=([A-Za-z0-9_-]+)", page)
    assert found is not None
    return found.group(1).decode()


def post_chunked(host: str, port: int, target: str, *, most: int) -> tuple[int, int]:
    """POST an endless chunked multipart upload; returns (status, bytes sent before the answer).

    Sending stops as soon as the server answers or closes, or after ``most`` bytes."""
    boundary = "nwboundary"
    head = (
        f"POST {target} HTTP/1.1\r\nHost: {host}:{port}\r\nTransfer-Encoding: chunked\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
    ).encode()
    part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    filler = b"word " * 13_000  # 65 kB of a plausible text file
    sent = 0
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(head)
        payload = part
        while sent < most:
            if select.select([conn], [], [], 0)[0]:
                break  # the server has answered (or closed): stop feeding it
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(payload), payload))
            except OSError:
                break
            sent += len(payload)
            payload = filler
        conn.settimeout(20)
        answer = b""
        try:
            while b"\r\n" not in answer and (chunk := conn.recv(4096)):
                answer += chunk
        except OSError:
            pass
    status = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    assert status is not None, answer[:200]
    return int(status.group(1)), sent


def test_a_chunked_upload_is_cut_off_at_the_cap(server: tuple[str, int], empty_store: Path) -> None:
    host, port = server
    most = 500 * UPLOAD_LIMIT  # 50 MB: a server reading it all would let every byte through
    status, sent = post_chunked(host, port, f"/add?csrf_token={token_of(host, port)}", most=most)
    assert status == 413
    # what the socket buffers between us and the app's reads, beyond the cap; far below `most`
    assert sent < most / 2, sent
    uploads = empty_store.parent / "newsweave-uploads"
    assert not uploads.exists() or not any(uploads.iterdir())


def test_an_upload_without_token_is_refused_before_its_body_is_read(server: tuple[str, int]) -> None:
    host, port = server
    for target in ("/add", "/add?csrf_token=forged"):
        status, sent = post_chunked(host, port, target, most=200 * UPLOAD_LIMIT)
        assert status == 403
        assert sent < 100 * UPLOAD_LIMIT, sent
