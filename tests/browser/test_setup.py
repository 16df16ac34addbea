"""The browser harness itself: Debian's Chromium starts, renders, and the recorder sees and
blocks what a page asks for (the report and app tests rely on it)."""

from __future__ import annotations

from pathlib import Path

from .conftest import Recorder


def test_chromium_renders_a_local_page_and_the_recorder_blocks_the_rest(
    recorder: Recorder, tmp_path: Path
) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!DOCTYPE html><title>t</title><h1>local</h1>"
        "<img src='https://example.org/pixel.png'>"
        "<script>console.error('from the page')</script>",
        encoding="utf-8",
    )
    url = page_file.as_uri()
    recorder.allow_only(url)
    recorder.page.goto(url)
    recorder.page.wait_for_load_state("load")

    shot = recorder.page.screenshot(path=tmp_path / "page.png")
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert recorder.page.inner_text("h1") == "local"
    assert recorder.requests[0] == url
    assert recorder.blocked == ["https://example.org/pixel.png"]
    assert any("from the page" in e for e in recorder.console_errors())
