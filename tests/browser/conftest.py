"""Browser-test fixtures: Debian's Chromium driven by Playwright, a recorder of every request and
console message, the seeds (and a hostile article) as a report and as a store, and the web app
served on 127.0.0.1.

Playwright never downloads a browser here: ``scripts/install_browser`` installs Debian's
``chromium`` and the tests launch it by path. Without it the tests are skipped on a developer's
machine, but fail in CI (``CI`` set), where a missing browser is a broken setup.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Route,
    ViewportSize,
    sync_playwright,
)

from ..conftest import REPO, SEEDS

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root in a container. The rest keeps Chromium from calling home, so that
# "no request leaves the page" measures the page, not the browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).resolve().parent
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
SERVER_START_SECONDS = 120.0  # startup analyses the stored corpus once


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (tests/browser)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mine = [item for item in items if HERE in item.path.parents]
    for item in mine:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing (run scripts/install_browser as root); in CI this fails instead"
    )
    for item in mine:
        item.add_marker(skip)


# --- the browser and what it saw ------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing and CI is set: run scripts/install_browser before the tests")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Recorder:
    """One browser context with one page, and everything it asked for and complained about."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def console_errors(self) -> list[str]:
        # The browser asks for /favicon.ico by itself, at a moment of its choosing, so its
        # error would make tests flaky; test_app checks the icon deterministically instead.
        return [
            f"{m.text} ({m.location.get('url')})"
            for m in self.console
            if m.type == "error" and not str(m.location.get("url", "")).endswith("/favicon.ico")
        ]

    def assert_no_errors(self) -> None:
        assert self.page_errors == [], self.page_errors
        assert self.console_errors() == [], self.console_errors()

    def allow_only(self, *allowed: str) -> None:
        """Abort, and remember, every request whose URL (hash dropped) is not one of ``allowed``."""

        def handle(route: Route) -> None:
            url = route.request.url.split("#", 1)[0]
            if url in allowed:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        self.context.route("**/*", handle)

    def pwned(self) -> object:
        """``window.__pwned``: set by every hostile payload in the test article, if one ever runs."""
        return self.page.evaluate("() => window.__pwned")


def _record(browser: Browser, *, javascript: bool) -> Iterator[Recorder]:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block", java_script_enabled=javascript)
    page = context.new_page()
    rec = Recorder(context=context, page=page)

    def on_request(request: Request) -> None:
        rec.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        rec.console.append(message)

    context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda err: rec.page_errors.append(str(err)))
    yield rec
    context.close()


@pytest.fixture
def recorder(browser: Browser) -> Iterator[Recorder]:
    yield from _record(browser, javascript=True)


@pytest.fixture
def recorder_no_js(browser: Browser) -> Iterator[Recorder]:
    """Like ``recorder``, with JavaScript off: the report must not need it to be read."""
    yield from _record(browser, javascript=False)


# --- data: the seeds and a hostile article -----------------------------------------------------

# Synthetic, written for these tests. Payloads the cleaner strips as web furniture
# (<script>…</script>, <img>, <a>) and payloads it keeps as text (a lone "<script>", "</script>"
# followed by <image>, which HTML parsers turn into <img>) all set window.__pwned if they ever run.
HOSTILE_TITLE = "Harbour council rejects ferry plan after <script> hearing"
HOSTILE_PARAGRAPHS = (
    "The harbour council in Eastport voted on Tuesday to reject the new ferry plan, after residents"
    " showed that the council website printed raw code such as <script>window.__pwned=1</script>"
    " on its front page.",
    'Resident Mara Lind held up a sign reading <img src=x onerror="window.__pwned=1"> and a second'
    ' sign reading <image src=x onerror="window.__pwned=1"> to the councillors.',
    'Another resident handed out leaflets with a link written as <a href="javascript:window.__pwned=1">x</a>'
    " and the closing tags </div></section></body> printed at the bottom, followed by"
    ' </script><image src=y onerror="window.__pwned=1"> in small type.',
    '"The page showed <script> in plain sight and nobody noticed," said Mara Lind, who chairs the'
    " residents' association in Eastport.",
    "Council chair Tomas Berg said the ferry plan would return next year with a smaller budget.",
)


def hostile_text() -> str:
    return "\n\n".join((HOSTILE_TITLE, *HOSTILE_PARAGRAPHS)) + "\n"


def hostile_html() -> str:
    """The same article as a web page: the markup is text (escaped) in the page, plus live
    payloads in the page itself that extraction must drop."""
    paragraphs = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in HOSTILE_PARAGRAPHS)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=utf-8>"
        f"<title>{escape(HOSTILE_TITLE)}</title><script>window.__pwned=1</script></head>\n"
        f"<body><article><h1>{escape(HOSTILE_TITLE)}</h1>\n{paragraphs}\n"
        '<p><img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=1">more</a></p>'
        "</article></body></html>\n"
    )


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "ferry.txt").write_text(hostile_text(), encoding="utf-8")
    (folder / "ferry.html").write_text(hostile_html(), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the tests read real data from ../shared beside the repository")
    return SEEDS


def newsweave(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real CLI; fail the test with its stderr if it fails."""
    cmd = [sys.executable, "-m", "newsweave", *map(str, args)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(cmd[2:])} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="session")
def seeds_report(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "seeds.html"
    newsweave("report", seeds, "--html", out, "--store", folder / "report.db")
    return out


@pytest.fixture(scope="session")
def hostile_report(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "hostile.html"
    newsweave("report", hostile_dir, "--html", out, "--store", folder / "report.db")
    return out


@pytest.fixture(scope="session")
def seeds_store(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store") / "seeds.db"
    newsweave("ingest", seeds, "--store", store)
    return store


@pytest.fixture(scope="session")
def hostile_store(hostile_dir: Path, seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Beside the seeds, so that the hostile article sits in lists, search results and (maybe)
    # stories with real ones.
    store = tmp_path_factory.mktemp("store") / "hostile.db"
    newsweave("ingest", seeds, hostile_dir, "--store", store)
    return store


# --- the web app on 127.0.0.1 ------------------------------------------------------------------


def _serve(store: Path) -> Iterator[str]:
    import uvicorn

    from newsweave.config import Settings
    from newsweave.web.app import create_app

    app = create_app(store, Settings())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # a free port, held from the start: no race with other tests
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="auto"))
    # uvicorn installs no signal handlers outside the main thread, so a thread is enough.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            pytest.fail(f"the web app over {store} did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def seeds_app(seeds_store: Path) -> Iterator[str]:
    yield from _serve(seeds_store)


@pytest.fixture(scope="session")
def hostile_app(hostile_store: Path) -> Iterator[str]:
    yield from _serve(hostile_store)
