"""The CLI end to end on real seeds mixed with bad inputs, in a subprocess as a user runs it."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.export.json_export import validate_export

from .conftest import SEEDS, SHARED

NEWSWEAVE = [sys.executable, "-m", "newsweave"]


def newsweave(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([*NEWSWEAVE, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_warc_with_broken_record(path: Path) -> None:
    """Two good HTML responses from the extraction benchmark, then a damaged gzip member."""
    pages = sorted((SHARED / "corpus" / "scrapinghub-extraction" / "html").glob("*.html.gz"))[:2]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, page in enumerate(pages):
            body = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/{i}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        out.write(b"\x1f\x8b\x08\x00garbage that is no gzip member at all" * 10)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "truncated.html").write_text(
        "<html><head><title>Cut off</title></head><body><article><p>The ministry said on Monday that the "
        "talks would resume in Cairo.</p><p>Officials from both sides are expected to atte",
        encoding="utf-8",
    )
    (folder / "invalid-utf8.txt").write_bytes(
        b"Officials said the talks in Doha would resume on Thursday, the ministry said.\n" + b"\xff\xfe\xc3("
    )
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    (folder / "feed.xml").write_text("<rss version='2.0'><channel><item><title>x</ti", encoding="utf-8")
    write_warc_with_broken_record(folder / "archive.warc.gz")
    return folder


def test_mixed_folder_stores_every_seed_and_reports_each_bad_input(
    mixed_folder: Path, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/article"
    result = newsweave(
        "analyze", str(mixed_folder), url, "--allow-private", "--max-file-mb", "20",
        "--store", str(tmp_path / "nw.db"), "--json", str(tmp_path / "out.json"), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    for name in ("binary.txt", "empty.txt", "huge.txt", "feed.xml", "archive.warc.gz", url):
        assert sum(name in line for line in problem_lines) == 1, (name, problem_lines)
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    validate_export(document)
    stored = {Path(a["source"]).name for a in document["articles"]}
    assert {p.name for p in SEEDS.glob("*.txt")} <= stored
    assert "truncated.html" in stored  # what it holds is kept
    assert "invalid-utf8.txt" in stored


def test_private_address_refused_without_flag(tmp_path: Path) -> None:
    result = newsweave("ingest", "http://127.0.0.1:9/x", "--store", str(tmp_path / "nw.db"), cwd=tmp_path)
    assert result.returncode == 1
    assert "NW111" in result.stderr
    assert "Traceback" not in result.stderr


def test_reingest_is_a_noop_and_articles_lists_and_shows(tmp_path: Path) -> None:
    db = str(tmp_path / "nw.db")
    first = newsweave("ingest", str(SEEDS), "--store", db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "5 new" in first.stderr
    again = newsweave("ingest", str(SEEDS), "--store", db, cwd=tmp_path)
    assert again.returncode == 0
    assert "0 new" in again.stderr and "5 unchanged" in again.stderr
    listing = newsweave("articles", "--store", db, cwd=tmp_path)
    assert listing.returncode == 0
    assert "5 of 5 articles" in listing.stderr
    ap_line = next(line for line in listing.stdout.splitlines() if "Killing of Hamas leader" in line)
    article_id = ap_line.split()[0]
    shown = newsweave("articles", "--store", db, "show", article_id, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "2024-07-31" in shown.stdout
    assert "removed" in shown.stdout and "Linkedin Pinterest" in shown.stdout


def test_unknown_article_and_bad_store_are_one_line_errors(tmp_path: Path) -> None:
    missing = newsweave("articles", "--store", str(tmp_path / "nw.db"), "show", "nope", cwd=tmp_path)
    assert missing.returncode != 0 and "no article nope" in missing.stderr
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    broken = newsweave("ingest", str(SEEDS), "--store", str(not_a_db), cwd=tmp_path)
    assert broken.returncode == 3
    assert "NW200" in broken.stderr and "Traceback" not in broken.stderr


def test_help_has_examples(tmp_path: Path) -> None:
    for command in ([], ["ingest"], ["analyze"], ["articles"]):
        result = newsweave(*command, "--help", cwd=tmp_path)
        assert result.returncode == 0
        assert "Examples:" in result.stdout
