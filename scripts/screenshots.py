#!/usr/bin/env python3
"""Make the screenshots in docs/img from the five seed reports.

Runs the real thing: ``newsweave report`` writes the HTML report of the seeds,
``newsweave ingest`` fills a store that the web app serves on 127.0.0.1, and Debian's
Chromium (``scripts/install_browser``; Playwright never downloads a browser) renders both.

    .venv/bin/python scripts/screenshots.py [--seeds ../shared/seeds] [--out docs/img]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import FloatRect, Locator, Page, ViewportSize, sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT: ViewportSize = {"width": 1200, "height": 860}
MAX_HEIGHT = 860  # keep each picture about one screen tall
METHOD_TABLE = "table.disagreement[data-attribute='method']"


def newsweave(*args: str | Path) -> None:
    cmd = [sys.executable, "-m", "newsweave", *map(str, args)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[2:])} failed:\n{done.stderr}")


@contextmanager
def serve(store: Path) -> Iterator[str]:
    """The web app over ``store`` on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from newsweave.config import Settings
    from newsweave.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store, Settings()), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sys.exit(f"the web app over {store} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def shoot(page: Page, target: Locator, path: Path, *, pad: int = 8, max_height: int = MAX_HEIGHT) -> None:
    """A picture of ``target`` (its top ``max_height`` pixels), with a little margin."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    if box is None:
        sys.exit(f"{path.name}: nothing to photograph (element not rendered)")
    scroll = page.evaluate("() => [window.scrollX, window.scrollY]")
    clip: FloatRect = {
        "x": max(box["x"] + scroll[0] - pad, 0),
        "y": max(box["y"] + scroll[1] - pad, 0),
        "width": box["width"] + 2 * pad,
        "height": min(box["height"] + 2 * pad, max_height),
    }
    page.screenshot(path=path, clip=clip, full_page=True)
    wrote(path)


def snap(page: Page, path: Path) -> None:
    """A picture of the viewport."""
    page.screenshot(path=path)
    wrote(path)


def wrote(path: Path) -> None:
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def report_shots(page: Page, report: Path, out: Path) -> None:
    page.goto(report.as_uri())
    snap(page, out / "report-top.png")
    story = page.locator("section.story").first
    shoot(page, story.locator("div.briefing"), out / "report-briefing.png", max_height=640)
    shoot(page, story.locator("figure.timeline").first, out / "report-timeline.png")
    shoot(page, story.locator("figure.actor-graph").first, out / "report-graph.png", max_height=1000)
    method = story.locator(METHOD_TABLE).filter(has_text="Haniyeh").first
    shoot(page, method, out / "report-disagreement.png")
    shoot(page, story.locator("table.framing").first, out / "report-framing.png", max_height=520)
    shoot(page, story.locator("h3:text-is('Quotes by speaker') + div.speaker"), out / "report-quotes.png")

    # From a disagreement variant to its evidence sentence, highlighted in the article.
    variant = method.locator("tbody tr").filter(has=page.locator("th.variant", has_text="explosive device"))
    variant.locator("a[href^='#']", has_text="explosive device").first.click()
    page.wait_for_timeout(300)
    snap(page, out / "report-evidence.png")


def app_shots(page: Page, url: str, out: Path) -> None:
    page.goto(f"{url}/")
    shoot(page, page.locator("body"), out / "app-stories.png", pad=0)
    search = page.locator("nav input[name='q']")
    search.fill("Haniyeh Tehran")
    search.press("Enter")
    page.wait_for_load_state("load")
    shoot(page, page.locator("body"), out / "app-search.png", pad=0)
    page.goto(f"{url}/")
    page.locator("ol.story-list > li > a").first.click()
    page.wait_for_load_state("load")
    snap(page, out / "app-story.png")
    page.locator("ol.story-articles a").first.click()
    page.wait_for_load_state("load")
    snap(page, out / "app-article.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: run scripts/install_browser (as root) first")
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report, store = Path(tmp) / "seeds.html", Path(tmp) / "seeds.db"
        newsweave("report", args.seeds, "--html", report, "--store", Path(tmp) / "report.db")
        newsweave("ingest", args.seeds, "--store", store)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            report_shots(page, report, out)
            with serve(store) as url:
                app_shots(page, url, out)
            browser.close()


if __name__ == "__main__":
    main()
