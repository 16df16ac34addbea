"""Issue 8: no input stops a run. Each hostile or odd input gets one value of its own, the rest load.

Real readers on real data from ../shared, and hand-built bad inputs in tmp_path.
"""

from __future__ import annotations

import gzip
import io
import random
import socket
import tarfile
import threading
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.cli import main
from newsweave.config import FetchSettings, Settings
from newsweave.errors import (
    EmptyInput,
    InputError,
    MalformedInput,
    SkippedInput,
    UnsupportedInput,
)
from newsweave.ingest import iter_documents
from newsweave.ingest.jsonrec import MAX_JSON_DEPTH
from newsweave.ingest.sniff import Kind, sniff
from newsweave.model import InputFormat, RawDocument
from newsweave.run import run as run_pipeline
from newsweave.stages.clean.markdown import parse_header
from newsweave.store import Store

Item = RawDocument | InputError


def read(*sources: Path | str, settings: Settings | None = None) -> list[Item]:
    return list(iter_documents([str(source) for source in sources], settings or Settings()))


def documents(items: Iterable[Item]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def failures(items: Iterable[Item]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError) and not isinstance(item, SkippedInput)]


def skipped(items: Iterable[Item]) -> list[SkippedInput]:
    return [item for item in items if isinstance(item, SkippedInput)]


def scrapinghub_html(shared: Path, index: int = 0) -> bytes:
    pages = sorted((shared / "corpus/scrapinghub-extraction/html").glob("*.html.gz"))
    return gzip.decompress(pages[index].read_bytes())


# --- JSON and JSONL ---------------------------------------------------------------------------


def test_jsonl_lone_surrogate_is_repaired_and_the_other_lines_load(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(
        '{"text": "First body."}\n'
        '{"text": "bad \\ud800 x", "title": "Cut \\udc00 title"}\n'
        '{"text": "Third body, with a real pair \\ud83d\\ude00."}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert not failures(items)
    first, middle, third = documents(items)
    assert middle.source == f"{path}#L2"
    assert middle.content == "bad \ufffd x".encode()
    assert middle.hint("title") == "Cut \ufffd title"
    assert "2 lone surrogate" in (middle.hint("json_repair") or "")
    assert first.hint("json_repair") is None and third.hint("json_repair") is None
    assert "\U0001f600".encode() in third.content  # a valid pair is one character, untouched


def test_deeply_nested_json_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, MalformedInput) and error.source == str(path)
    assert f"nested deeper than {MAX_JSON_DEPTH} levels" in error.message


def test_deeply_nested_jsonl_line_is_one_error_and_the_other_lines_load(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"text": "x", "meta": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}"
    path.write_text(f'{deep}\n{{"text": "Second."}}\n{deep}\n{{"text": "Fourth."}}\n', encoding="utf-8")
    items = read(path)
    assert [doc.source for doc in documents(items)] == [f"{path}#L2", f"{path}#L4"]
    assert [(type(e), e.source) for e in failures(items)] == [
        (MalformedInput, f"{path}#L1"),
        (MalformedInput, f"{path}#L3"),
    ]
    assert all("nested deeper than" in e.message for e in failures(items))


def test_brackets_inside_strings_and_moderate_nesting_still_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    nested = '{"a": ' * 40 + "1" + "}" * 40
    body = "[" * 5000 + ' quoted \\" brackets {{{ ' + "]" * 20
    path.write_text(f'{{"text": "{body}", "meta": {nested}}}', encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.content.startswith(b"[[[[")


def test_json_with_too_many_objects_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text("[" + "[]," * 1_000_001 + "[]]", encoding="utf-8")
    (error,) = read(path)
    assert isinstance(error, MalformedInput) and "more than 1000000" in error.message


def test_json_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"text": "caf\xe9 au lait"}')
    (error,) = read(path)
    assert isinstance(error, MalformedInput) and error.source == str(path)


def test_deep_first_jsonl_line_does_not_break_sniffing() -> None:
    head = b'{"a": ' * 1500 + b"1" + b"}" * 1500 + b'\n{"text": "x"}\n'
    assert sniff(head, "dump.txt", source="dump.txt") is Kind.JSONL


# --- Markdown front matter --------------------------------------------------------------------

BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "title: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n"
)


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("---\ntitle: Loop\nauthor: &a [*a]\n---\n", "alias"),
        (BILLION_LAUGHS, "alias"),
        ("---\ntitle: Deep\ntags: " + "[" * 50_000 + "]" * 50_000 + "\n---\n", "front matter"),
        ("---\ntitle: Huge\ncount: !!int " + "9" * 5000 + "\n---\n", "front matter"),
        ("---\ntitle: Big\nnote: " + "x" * 70_000 + "\n---\n", "larger than"),
    ],
    ids=["recursive-alias", "billion-laughs", "deep", "huge-int", "oversized"],
)
def test_hostile_front_matter_keeps_the_article_with_an_error_hint(
    tmp_path: Path, front: str, reason: str
) -> None:
    path = tmp_path / "story.md"
    path.write_text(front + "The talks resumed on Thursday.\n", encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.format is InputFormat.MARKDOWN
    error = doc.hint("front_matter_error")
    assert error is not None and reason in error
    assert "\n" not in error
    header = parse_header(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8")[header.header_end :] == "The talks resumed on Thursday.\n"


def test_front_matter_with_an_impossible_date_keeps_its_other_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Talks resume\ndate: 2024-13-01\nsource_url: https://wire.example/talks\n---\nBody.\n",
        encoding="utf-8",
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.hint("front_matter_error") is None
    assert doc.hint("title") == "Talks resume"
    assert doc.hint("published") == "2024-13-01"  # as written: the metadata stage judges dates
    assert doc.url == doc.version_key == "https://wire.example/talks"


def test_front_matter_dates_are_kept_as_written(shared: Path) -> None:
    folder = shared / "corpus/whitehouse-2024-07-08/statements-releases/2024-07"
    path = sorted(folder.glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    published = doc.hint("published")
    assert published is not None and f"published_time: {published}\n" in text


# --- WARC -------------------------------------------------------------------------------------


def warc_record(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=UTF-8",
    extra: tuple[tuple[str, str], ...] = (),
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


def test_warc_response_without_target_uri_is_one_error_and_the_rest_load(
    shared: Path, tmp_path: Path
) -> None:
    html = scrapinghub_html(shared)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number in range(3):
        warc_record(writer, f"https://news.example/story-{number}", html)
    data = buffer.getvalue().replace(b"WARC-Target-URI: https://news.example/story-1\r\n", b"", 1)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    items = read(path)
    assert [doc.url for doc in documents(items)] == [
        "https://news.example/story-0",
        "https://news.example/story-2",
    ]
    (error,) = failures(items)
    assert isinstance(error, MalformedInput) and error.source == f"{path}#record-2"
    assert "WARC-Target-URI" in error.message


def test_warc_response_holding_binary_as_html_is_one_error(shared: Path, tmp_path: Path) -> None:
    html = scrapinghub_html(shared)
    png = b"\x89PNG\r\n\x1a\n" + random.Random(4).randbytes(3000)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    warc_record(writer, "https://news.example/a", html)
    warc_record(writer, "https://news.example/b", png)  # served as text/html
    warc_record(writer, "https://news.example/c", html)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())
    items = read(path)
    assert [doc.url for doc in documents(items)] == ["https://news.example/a", "https://news.example/c"]
    (error,) = failures(items)
    assert isinstance(error, UnsupportedInput) and error.source == f"{path}#record-2"


def test_warc_without_article_records_says_what_it_held(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number in range(10):
        warc_record(
            writer, f"https://news.example/img-{number}.png", b"\x89PNG....", content_type="image/png"
        )
    for number in range(2):
        warc_record(
            writer, f"https://news.example/gone-{number}", b"<html>gone</html>", status="404 Not Found"
        )
    path = tmp_path / "images.warc.gz"
    path.write_bytes(buffer.getvalue())
    (error,) = read(path)
    assert isinstance(error, EmptyInput) and error.source == str(path)
    assert error.message == "WARC holds no article records (12 records: 10 non-HTML, 2 HTTP 404)"


# --- feeds ------------------------------------------------------------------------------------

PAGE = b"<!DOCTYPE html><html><head><title>Page</title></head><body><p>Full story.</p></body></html>"


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/page-"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def pages() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def rss(items: Iterable[str]) -> bytes:
    body = "".join(items)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{body}</channel></rss>'.encode()
    )


def test_feed_pages_that_cannot_be_fetched_are_one_line_for_the_feed(pages: str, tmp_path: Path) -> None:
    links = [f"{pages}/page-{n}" for n in range(9)]
    links += [f"{pages}/gone-1", f"{pages}/gone-2", f"http://127.0.0.1:{closed_port()}/x"]
    path = tmp_path / "feed.xml"
    path.write_bytes(
        rss(f"<item><title>T{n}</title><link>{link}</link><description>Summary {n}.</description></item>"
            for n, link in enumerate(links))
    )  # fmt: skip
    items = read(path, settings=Settings(fetch=FetchSettings(allow_private=True, timeout=5)))
    docs = documents(items)
    assert len(docs) == 12
    assert sum(doc.content == PAGE for doc in docs) == 9
    fallbacks = [doc for doc in docs if doc.content != PAGE]
    assert [doc.content for doc in fallbacks] == [b"Summary 9.", b"Summary 10.", b"Summary 11."]
    assert all(doc.hint("fetch_failed") for doc in fallbacks)
    assert not failures(items)
    (note,) = skipped(items)
    assert note.source == str(path)
    assert note.message == (
        "3 of 12 entries' pages could not be fetched (HTTP 404 ×2, connection failed ×1); "
        "their summaries were stored"
    )


def test_feed_whose_guids_are_not_urls_is_one_line_and_no_failure(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(
        rss(f"<item><title>T{n}</title><guid>story-{n}</guid><description>Summary {n}.</description></item>"
            for n in range(500))
    )  # fmt: skip
    items = read(path)
    docs = documents(items)
    assert len(docs) == 500
    assert all(doc.url is None and doc.hint("url") is None for doc in docs)
    assert docs[7].version_key == "story-7"
    assert not failures(items)
    (note,) = skipped(items)
    assert note.message == (
        "500 of 500 entries' pages could not be fetched (link is not a web address ×500); "
        "their summaries were stored"
    )


def test_feed_entry_with_neither_page_nor_summary_fails_on_its_own(pages: str, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(
        rss(
            [
                f"<item><title>A</title><link>{pages}/gone-a</link><description>Kept.</description></item>",
                f"<item><title>B</title><link>{pages}/gone-b</link></item>",
            ]
        )
    )
    items = read(path, settings=Settings(fetch=FetchSettings(allow_private=True)))
    (doc,) = documents(items)
    assert doc.content == b"Kept."
    (error,) = failures(items)
    assert isinstance(error, EmptyInput) and error.source == f"{path}#entry-2"
    assert "HTTP 404" in error.message
    (note,) = skipped(items)
    assert note.message.startswith("2 of 2 entries' pages could not be fetched (HTTP 404 ×2); 1 summary")


# --- folders ----------------------------------------------------------------------------------


def seed_text(shared: Path) -> bytes:
    return sorted((shared / "seeds").glob("*.txt"))[0].read_bytes()


def test_symlinks_out_of_the_folder_are_skipped_with_a_line(shared: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(seed_text(shared))
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.txt").write_bytes(seed_text(shared))
    (folder / "passwd").symlink_to("/etc/passwd")
    (folder / "up.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "rel.txt").symlink_to("../../outside/secret.txt")
    (folder / "outdir").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to("story.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    items = read(folder)
    assert sorted(Path(doc.source).name for doc in documents(items)) == ["inside.txt", "story.txt"]
    assert not failures(items)
    notes = {Path(note.source or "").name: note.message for note in skipped(items)}
    assert sorted(notes) == ["broken.txt", "outdir", "passwd", "rel.txt", "up.txt"]
    for name in ("passwd", "up.txt", "rel.txt", "outdir"):
        assert "outside the folder" in notes[name] and "--follow-symlinks" in notes[name]
    assert "broken" in notes["broken.txt"]


def test_follow_symlinks_reads_outside_targets_once_and_survives_loops(shared: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(seed_text(shared))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "up.txt").symlink_to(outside / "secret.txt")
    (folder / "outdir").symlink_to(outside, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    items = read(folder, settings=Settings(follow_symlinks=True))
    assert sorted(str(Path(doc.source).relative_to(folder)) for doc in documents(items)) == [
        "outdir/secret.txt",
        "up.txt",
    ]
    (loop,) = skipped(items)
    assert Path(loop.source or "").name == "loop" and "already" in loop.message


def test_a_symlink_given_explicitly_is_read(shared: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(seed_text(shared))
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    (doc,) = read(link)
    assert isinstance(doc, RawDocument) and doc.content == target.read_bytes()


def test_project_files_hidden_files_and_binaries_in_a_folder_are_skipped(
    shared: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    for name in (
        "README.md",
        "readme.txt",
        "LICENSE",
        "LICENSE.upstream",
        "COPYING",
        "CHANGELOG.md",
        ".DS_Store",
    ):
        (folder / name).write_text("Not an article.\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(2000))
    (folder / "noise.bin").write_bytes(random.Random(5).randbytes(2000))
    (folder / "license-plate-readers-spread.txt").write_bytes(seed_text(shared))  # an article, not a licence
    (folder / "story.txt").write_bytes(seed_text(shared))
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(2000))
    items = read(folder)
    assert sorted(Path(doc.source).name for doc in documents(items)) == [
        "license-plate-readers-spread.txt",
        "story.txt",
    ]
    # named as an article but holding an image: a broken input, not a stray file
    assert [(Path(f.source or "").name, f.code) for f in failures(items)] == [("broken.txt", "NW101")]
    assert sorted(Path(note.source or "").name for note in skipped(items)) == sorted(
        [".git", ".DS_Store", "README.md", "readme.txt", "LICENSE", "LICENSE.upstream", "COPYING",
         "CHANGELOG.md", "photo.jpg", "noise.bin"]
    )  # fmt: skip
    assert all(isinstance(note, InputError) and note.code == "NW106" for note in skipped(items))


def test_project_files_and_binaries_given_explicitly_are_read_or_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n\nThe talks resumed.\n", encoding="utf-8")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(2000))
    doc, error = read(readme, photo)
    assert isinstance(doc, RawDocument)
    assert type(error) is UnsupportedInput  # asked for by name: a failure, not a skip


def test_cnn_corpus_folder_skips_its_readme_and_licence(shared: Path) -> None:
    cnn = shared / "corpus/cnn-2024-07"
    items = read(cnn / "README.md", cnn / "LICENSE.upstream")
    assert len(documents(items)) == 2  # asked for by name, a README and a licence are read
    listing = [item for item in read(cnn / "2024" / "08") if isinstance(item, InputError)]
    assert [(str(Path(e.source or "").relative_to(cnn)), type(e)) for e in listing] == [
        ("2024/08/readme.md", SkippedInput),
        ("2024/08/01/readme.md", SkippedInput),
    ]


def test_cli_follow_symlinks_flag(shared: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "story.txt").write_bytes(seed_text(shared))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").symlink_to(outside / "story.txt")
    runner = CliRunner()
    base = ["ingest", str(folder), "--store", str(tmp_path / "nw.db")]
    refused = runner.invoke(main, base)
    assert "NW106" in refused.output and "outside the folder" in refused.output
    followed = runner.invoke(main, [*base, "--follow-symlinks"])
    assert followed.exit_code == 0, followed.output
    assert "1 new" in followed.output


# --- identity: which inputs are versions of each other -------------------------------------------


def ingest(paths: Iterable[Path], store: Store) -> list[str]:
    settings = Settings(stages=("clean", "metadata"))
    statuses: list[str] = []
    run_pipeline([str(p) for p in paths], settings, store, lambda outcome: statuses.append(outcome.status))
    return statuses


def test_two_index_files_in_different_folders_are_different_articles(shared: Path, tmp_path: Path) -> None:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    for number, seed in enumerate(seeds[:2]):
        folder = tmp_path / f"site-{number}"
        folder.mkdir()
        (folder / "index.md").write_bytes(seed.read_bytes())
    docs = documents(read(tmp_path / "site-0", tmp_path / "site-1"))
    assert len({doc.version_key for doc in docs}) == 2
    with Store.open(tmp_path / "nw.db") as store:
        assert ingest([tmp_path / "site-0", tmp_path / "site-1"], store) == ["new", "new"]


@pytest.mark.parametrize("name", ["story.txt", "page.html"])
def test_a_file_edited_in_place_becomes_a_version(shared: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".html"):
        original = scrapinghub_html(shared)
        edited = original.replace(
            b"</body>", b"<p>Update: officials confirmed the figures on Friday.</p></body>"
        )
    else:
        original = seed_text(shared)
        edited = original + b"\n\nUpdate: officials confirmed the figures on Friday.\n"
    assert edited != original
    path.write_bytes(original)
    with Store.open(tmp_path / "nw.db") as store:
        assert ingest([path], store) == ["new"]
        path.write_bytes(edited)
        assert ingest([path], store) == ["version"]
        (latest,) = store.latest_articles()
        assert [summary.version for summary in store.versions(latest.id)] == [1, 2]


def test_cnn_resaves_in_dated_folders_share_their_slug_key(shared: Path) -> None:
    cnn = shared / "corpus/cnn-2024-07/2024/07"
    by_name: dict[str, list[Path]] = {}
    for path in sorted(cnn.glob("*/*.md")):
        by_name.setdefault(path.name, []).append(path)
    name, paths = next((name, paths) for name, paths in by_name.items() if len(paths) >= 2)
    keys = {doc.version_key for doc in documents(read(*paths))}
    assert keys == {f"slug:{name.removesuffix('.md')}"}


# --- sniffing ---------------------------------------------------------------------------------


def test_real_html_with_stray_nul_bytes_is_a_document(shared: Path, tmp_path: Path) -> None:
    html = bytearray(scrapinghub_html(shared))
    rng = random.Random(22)
    for position in sorted(rng.sample(range(200, 8000), 22), reverse=True):
        html[position:position] = b"\x00"
    path = tmp_path / "page.html"
    path.write_bytes(bytes(html))
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.format is InputFormat.HTML
    assert doc.content.count(b"\x00") == 22  # the cleaner removes them, as a recorded repair


def test_text_with_stray_nul_bytes_is_a_document(shared: Path, tmp_path: Path) -> None:
    text = seed_text(shared)
    path = tmp_path / "story.txt"
    path.write_bytes(text[:300] + b"\x00" + text[300:900] + b"\x00\x00" + text[900:])
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.format is InputFormat.TEXT


def tar_of_seeds(shared: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for seed in sorted((shared / "seeds").glob("*.txt")):
            archive.add(seed, arcname=seed.name)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda shared: random.Random(1).randbytes(8192), id="random"),
        pytest.param(lambda shared: tar_of_seeds(shared), id="tar-of-text"),
        pytest.param(lambda shared: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), id="ole-doc"),
        pytest.param(
            lambda shared: seed_text(shared)[:2000] + bytes(64) + seed_text(shared)[2000:], id="nul-run"
        ),
        pytest.param(lambda shared: seed_text(shared).decode().encode("utf-16-le"), id="utf16-no-bom"),
    ],
)
def test_real_binaries_are_still_refused(shared: Path, content: object) -> None:
    data = content(shared)  # type: ignore[operator]
    with pytest.raises(UnsupportedInput):
        sniff(data[:8192], "file.txt", source="file.txt")


def test_no_reader_raises_on_files_of_random_bytes_with_each_magic(tmp_path: Path) -> None:
    rng = random.Random(8)
    starts = [
        b"WARC/1.0\r\n",
        b"\x1f\x8b\x08\x00",
        b"[",
        b"{",
        b"<rss>",
        b"---\n",
        b"<html>",
        b"# T\nPublished: x\n",
    ]
    names = ["a.warc", "b.gz", "c.json", "d.jsonl", "e.xml", "f.md", "g.html", "h.md"]
    for start, name in zip(starts, names, strict=True):
        for number in range(5):
            tail = bytes(rng.choice(b'{}[]"\\:,<>/ aZ\n\x00\xff-*&!') for _ in range(rng.randrange(1, 3000)))
            (tmp_path / f"{number}-{name}").write_bytes(start + tail)
    items = read(tmp_path)  # raises if any reader lets an exception out
    sources = {(item.source or "").split("#")[0] for item in items}
    assert sources == {str(path) for path in tmp_path.iterdir()}  # every file gave a value of its own
