"""Ingest on the real corpora in ../shared, and on the bad inputs real runs meet."""

from __future__ import annotations

import gzip
import io
import random
import tracemalloc
from collections.abc import Iterable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import Settings
from newsweave.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    SkippedInput,
    UnsupportedInput,
)
from newsweave.ingest import iter_documents
from newsweave.ingest.sniff import Kind, sniff
from newsweave.model import Container, InputFormat, RawDocument
from newsweave.stages.clean.markdown import parse_header

Item = RawDocument | InputError


def run(*sources: Path | str, settings: Settings | None = None) -> list[Item]:
    return list(iter_documents([str(source) for source in sources], settings or Settings()))


def documents(items: Iterable[Item]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: Iterable[Item]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def scrapinghub_pages(shared: Path, count: int) -> list[Path]:
    return sorted((shared / "corpus/scrapinghub-extraction/html").glob("*.html.gz"))[:count]


# --- real corpora ---------------------------------------------------------------------------


def test_seeds_are_five_text_documents(shared: Path) -> None:
    items = run(shared / "seeds")
    docs = documents(items)
    assert not errors(items)
    assert len(docs) == 5
    assert {doc.format for doc in docs} == {InputFormat.TEXT}
    assert {doc.container for doc in docs} == {Container.FILE}
    for doc in docs:
        assert doc.content == Path(doc.source).read_bytes()


def test_cnn_markdown_header_gives_title_and_scrape_time(shared: Path) -> None:
    day = shared / "corpus/cnn-2024-07/2024/07/31"
    path = next(path for path in sorted(day.glob("*.md")) if "haniyeh" in path.name)
    (doc,) = run(path)
    assert isinstance(doc, RawDocument)
    assert doc.format is InputFormat.MARKDOWN
    assert "Haniyeh" in (doc.hint("title") or "")
    assert (doc.hint("published") or "").startswith("2024-07-31")
    assert doc.hint("published_note") == "scrape-time"
    assert doc.version_key == f"slug:{path.stem}"

    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    body = text[header.header_end :]
    assert header.title == doc.hint("title")
    assert not body.startswith(("#", "Published", "---", "\n"))
    assert "Published :" not in body[:200]


def test_cnn_markdown_corpus_loads_without_errors(shared: Path) -> None:
    items = run(shared / "corpus/cnn-2024-07/2024")
    articles = documents(items)
    # the two stray readmes are left out, each as one skipped line
    assert [(Path(e.source or "").name, type(e)) for e in errors(items)] == [("readme.md", SkippedInput)] * 2
    assert len(articles) >= 2959
    assert {doc.format for doc in articles} == {InputFormat.MARKDOWN}
    assert all(doc.hint("published") and doc.hint("title") for doc in articles)


def test_onstory_revisions_share_the_version_key_of_the_article(shared: Path) -> None:
    versions = shared / "corpus/cnn-2024-07/onstory_versions"
    docs = documents(run(versions))
    assert len(docs) == 295
    keys = {doc.version_key for doc in docs}
    assert None not in keys
    assert len(keys) == 15  # 295 revisions of 15 articles
    day = shared / "corpus/cnn-2024-07/2024/07/31"
    (article,) = documents(run(next(day.glob("who-was-ismail-haniyeh*.md"))))
    revisions = [doc for doc in docs if doc.version_key == article.version_key]
    assert len(revisions) >= 2
    assert len({doc.content for doc in revisions}) == len(revisions)  # really different texts


def test_whitehouse_front_matter(shared: Path) -> None:
    folder = shared / "corpus/whitehouse-2024-07-08/statements-releases/2024-07"
    path = sorted(folder.glob("*.md"))[0]
    (doc,) = run(path)
    assert isinstance(doc, RawDocument)
    assert doc.format is InputFormat.MARKDOWN
    url = doc.hint("url")
    assert url is not None and url.startswith("https://") and "whitehouse" in url
    assert doc.url == url == doc.version_key
    assert doc.hint("title")
    published = doc.hint("published")
    assert published is not None and published.startswith(path.name[:10])  # the file is named by date
    assert doc.hint("published_note") is None  # the White House states its own time

    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    assert header.url == url
    assert text[: header.header_end].count("---") == 2
    assert "source_url:" not in text[header.header_end :]


def test_whitehouse_corpus_all_have_urls(shared: Path) -> None:
    docs = documents(run(shared / "corpus/whitehouse-2024-07-08/press-briefings"))
    assert docs
    assert all(doc.url and doc.hint("published") and doc.hint("title") for doc in docs)


def test_usatoday_jsonl_loads_329_records_with_hints(shared: Path) -> None:
    items = run(shared / "corpus/usatoday-2024q3/articles_2024-07_to_09.jsonl")
    docs = documents(items)
    assert not errors(items)
    assert len(docs) == 329
    for doc in docs:
        assert doc.container is Container.JSON
        assert "#L" in doc.source
        assert doc.url and doc.url.startswith("https://www.usatoday.com/")
        assert doc.version_key == doc.url
        assert doc.hint("title") and doc.hint("published") and doc.hint("outlet")
        assert len(doc.content) > 100
    assert all(doc.hint("byline") is None for doc in docs)  # every record has "authors": []


def test_rss_sample_jsonl_loads_85_descriptions(shared: Path) -> None:
    docs = documents(run(shared / "corpus/rss-2024-08-02/rss_2024-08-02_five_outlets.jsonl"))
    assert len(docs) == 85
    assert all(doc.hint("outlet") and doc.hint("published") and doc.url for doc in docs)
    assert sum(1 for doc in docs if doc.hint("title") is None) == 1  # one NYT entry has title null
    assert {doc.format for doc in docs} == {InputFormat.TEXT}


def test_scrapinghub_gzipped_pages_are_html(shared: Path) -> None:
    pages = scrapinghub_pages(shared, 181)
    assert len(pages) == 181
    items = run(*pages)
    docs = documents(items)
    assert not errors(items)
    assert len(docs) == 181
    assert {doc.format for doc in docs} == {InputFormat.HTML}
    assert docs[0].content == gzip.decompress(pages[0].read_bytes())


# --- WARC -----------------------------------------------------------------------------------


def write_warc(pages: list[Path], *, compress: bool) -> tuple[bytes, list[int]]:
    """A WARC of the pages as HTTP 200 responses, and the offset where each record starts."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    offsets = []
    for number, page in enumerate(pages):
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.example/story-{number}",
            "response",
            payload=io.BytesIO(gzip.decompress(page.read_bytes())),
            http_headers=headers,
        )
        writer.write_record(record)
    offsets.append(buffer.tell())
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("compress", [True, False])
def test_warc_yields_one_html_document_per_response(shared: Path, tmp_path: Path, compress: bool) -> None:
    pages = scrapinghub_pages(shared, 3)
    data, _ = write_warc(pages, compress=compress)
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(data)
    items = run(path)
    docs = documents(items)
    assert not errors(items)
    assert [doc.source for doc in docs] == [f"{path}#record-{n}" for n in (1, 2, 3)]
    for number, (doc, page) in enumerate(zip(docs, pages, strict=True)):
        assert doc.format is InputFormat.HTML
        assert doc.container is Container.WARC
        assert doc.url == f"https://news.example/story-{number}"
        assert doc.declared_encoding == "utf-8"
        assert doc.hint("crawled") and doc.hint("published") is None
        assert doc.fetched_at is not None
        assert doc.content == gzip.decompress(page.read_bytes())


def test_warc_is_sniffed_from_content_not_name(shared: Path, tmp_path: Path) -> None:
    data, _ = write_warc(scrapinghub_pages(shared, 2), compress=True)
    path = tmp_path / "archive.bin"
    path.write_bytes(data)
    assert len(documents(run(path))) == 2


def test_warc_with_garbage_in_a_gzip_member_keeps_the_records_before(shared: Path, tmp_path: Path) -> None:
    data, offsets = write_warc(scrapinghub_pages(shared, 3), compress=True)
    middle = (offsets[1] + offsets[2]) // 2
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(data[:middle] + b"\x00garbage!" * 50 + data[middle + 450 :])
    items = run(path)
    assert [doc.source for doc in documents(items)] == [f"{path}#record-1"]
    (error,) = errors(items)
    assert isinstance(error, MalformedInput)
    assert error.source == f"{path}#record-2"


def test_warc_with_a_damaged_payload_keeps_the_records_around_it(shared: Path, tmp_path: Path) -> None:
    data, offsets = write_warc(scrapinghub_pages(shared, 3), compress=False)
    middle = (offsets[1] + offsets[2]) // 2
    damaged = data[:middle] + b"X" * 64 + data[middle + 64 :]  # same length: framing intact
    path = tmp_path / "damaged.warc"
    path.write_bytes(damaged)
    items = run(path)
    assert [doc.source for doc in documents(items)] == [f"{path}#record-1", f"{path}#record-3"]
    (error,) = errors(items)
    assert isinstance(error, MalformedInput) and "digest" in error.message


def test_truncated_warc_keeps_the_complete_records(shared: Path, tmp_path: Path) -> None:
    data, offsets = write_warc(scrapinghub_pages(shared, 3), compress=False)
    path = tmp_path / "truncated.warc"
    path.write_bytes(data[: offsets[2] + 1000])
    items = run(path)
    assert len(documents(items)) == 2
    (error,) = errors(items)
    assert isinstance(error, MalformedInput) and error.source == f"{path}#record-3"


# --- feeds ----------------------------------------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example/</link>
<item><title>Talks resume</title><link>https://wire.example/talks</link>
<pubDate>Thu, 01 Aug 2024 10:00:00 GMT</pubDate><author>desk@wire.example (A. Writer)</author>
<description>Negotiators met again on &lt;b&gt;Thursday&lt;/b&gt;.</description></item>
<item><title>Markets calm</title><link>https://wire.example/markets</link>
<pubDate>Thu, 01 Aug 2024 11:00:00 GMT</pubDate><description>Prices held steady.</description></item>
</channel></rss>
"""


def test_feed_file_without_fetching_gives_entry_summaries(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(RSS)
    items = run(path, settings=Settings(fetch_feed_pages=False))
    docs = documents(items)
    assert not errors(items)
    assert [doc.source for doc in docs] == [f"{path}#entry-1", f"{path}#entry-2"]
    first, second = docs
    assert first.container is Container.FEED
    assert first.hint("title") == "Talks resume"
    assert first.hint("outlet") == "Example Wire"
    assert first.hint("published") == "Thu, 01 Aug 2024 10:00:00 GMT"
    assert first.url == first.version_key == "https://wire.example/talks"
    assert first.format is InputFormat.HTML and b"<b>Thursday</b>" in first.content
    assert second.format is InputFormat.TEXT and second.content == b"Prices held steady."


def test_malformed_feed_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Half</title><<<%%%\x01')
    items = run(path, settings=Settings(fetch_feed_pages=False))
    (error,) = items
    assert isinstance(error, MalformedInput) and error.source == str(path)


# --- JSON -----------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"title": "One", "text": "First body.", "authors": ["A. B", "C. D"]}\n'
        "{not json\n"
        "\n"
        '{"title": "No body"}\n'
        '["a list"]\n'
        '{"headline": "Two", "body": "<p>Second</p><p>body</p>", "link": "https://x.example/2"}\n',
        encoding="utf-8",
    )
    items = run(path)
    docs = documents(items)
    assert [doc.source for doc in docs] == [f"{path}#L1", f"{path}#L6"]
    assert docs[0].hint("byline") == "A. B, C. D"
    assert docs[0].format is InputFormat.TEXT and docs[0].version_key is None
    assert docs[1].format is InputFormat.HTML and docs[1].version_key == "https://x.example/2"
    assert docs[1].hint("title") == "Two"
    assert [(type(e), e.source) for e in errors(items)] == [
        (MalformedInput, f"{path}#L2"),
        (MalformedInput, f"{path}#L4"),
        (MalformedInput, f"{path}#L5"),
    ]


def test_json_array_records_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[\n {"text": "Alpha."},\n {"text": ""},\n {"content": "Gamma."}\n]\n', encoding="utf-8")
    items = run(path)
    assert [doc.source for doc in documents(items)] == [f"{path}#0", f"{path}#2"]
    (error,) = errors(items)
    assert isinstance(error, EmptyInput) and error.source == f"{path}#1"


def test_invalid_json_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('[{"text": "Alpha."}, {"text": "Be', encoding="utf-8")
    (error,) = run(path)
    assert isinstance(error, MalformedInput)


# --- bad inputs -----------------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(4000))
    (error,) = run(path)
    assert isinstance(error, UnsupportedInput) and error.source == str(path)


def test_random_bytes_without_magic_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(random.Random(11).randbytes(5000))
    (error,) = run(path)
    assert isinstance(error, UnsupportedInput)


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    (error,) = run(path)
    assert isinstance(error, EmptyInput)


def test_truncated_html_is_still_a_document(shared: Path, tmp_path: Path) -> None:
    html = gzip.decompress(scrapinghub_pages(shared, 1)[0].read_bytes())
    path = tmp_path / "cut.html"
    path.write_bytes(html[: len(html) // 3])
    (doc,) = run(path)
    assert isinstance(doc, RawDocument) and doc.format is InputFormat.HTML


def test_invalid_utf8_is_still_a_document(shared: Path, tmp_path: Path) -> None:
    text = next((shared / "seeds").glob("000_*.txt")).read_bytes()
    broken = text[:200] + b"\xc3\x28\xa0\xa1\xe2\x82" + text[200:400] + b"\xff\xfe\xfd" + text[400:]
    path = tmp_path / "broken.txt"
    path.write_bytes(broken)
    (doc,) = run(path)
    assert isinstance(doc, RawDocument)
    assert doc.format is InputFormat.TEXT and doc.content == broken


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB of NUL bytes: refused on size before sniffing
    tracemalloc.start()
    try:
        items = run(path, settings=Settings(max_file_bytes=10 * 1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (error,) = items
    assert isinstance(error, InputTooLarge) and str(50 * 1024 * 1024) in error.message
    assert peak < 1024 * 1024  # nothing near the file's size was read


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body>" + b" " * (3 * 1024 * 1024)))
    (error,) = run(path, settings=Settings(max_file_bytes=1024 * 1024))
    assert isinstance(error, InputTooLarge)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    (error,) = run(tmp_path / "nope")
    assert type(error) is InputError and "no such file" in error.message


def test_mixed_folder_keeps_the_seeds_and_reports_each_bad_input(shared: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    (bad / ".git").mkdir(parents=True)
    (bad / ".git" / "config").write_text("[core]\n", encoding="utf-8")  # hidden: skipped
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "feed.rss").write_bytes(b"<rss><channel><<<")
    items = run(shared / "seeds", bad)
    assert len(documents(items)) == 5
    failed = [e for e in errors(items) if not isinstance(e, SkippedInput)]
    assert sorted(Path(e.source or "").name for e in failed) == ["empty.txt", "feed.rss"]
    skipped = [e for e in errors(items) if isinstance(e, SkippedInput)]
    assert sorted(Path(e.source or "").name for e in skipped) == [".git", "image.png"]  # left out, counted


# --- sniffing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>Hi</p>", "story.txt", Kind.HTML),
        (b"Just a story.\n\nSecond paragraph.", "story.html", Kind.HTML),
        (b'<img src="t.gif">\nPlain story text follows.\n', "story.txt", Kind.TEXT),
        (b'{"text": "a"}\n{"text": "b"}\n', "records.json", Kind.JSONL),
        (b'{\n  "text": "a"\n}\n', "record.json", Kind.JSON),
        (b"[1, 2]", "list.txt", Kind.JSON),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x", Kind.WARC),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<feed xmlns="http://www.w3.org/2005/Atom">', "f", Kind.FEED),
        (b"<rdf:RDF xmlns:rdf='x'>", "f.xml", Kind.FEED),
        (b"# Headline\n\nPublished :`2024-07-31 21:36:06`\n\n---\n", "story", Kind.MARKDOWN),
        (b"---\ntitle: A\ndate: '2024-07-25'\n---\nBody", "statement", Kind.MARKDOWN),
        (b"Some notes", "notes.md", Kind.MARKDOWN),
        (gzip.compress(b"<html><body>x</body></html>"), "page.html.gz", Kind.GZIP),
        (gzip.compress(b"WARC/1.1\r\n"), "crawl.gz", Kind.WARC),
        ("Unicode text, UTF-16".encode("utf-16"), "story.txt", Kind.TEXT),
    ],
)
def test_sniff(head: bytes, name: str, kind: Kind) -> None:
    assert sniff(head, name, source=name) is kind


def test_seed_with_a_stray_tag_stays_text(shared: Path) -> None:
    path = next((shared / "seeds").glob("004_*.txt"))
    assert path.read_bytes().startswith(b"<img")
    assert sniff(path.read_bytes()[:8192], path.name, source=str(path)) is Kind.TEXT


def test_parse_header_without_header_keeps_everything() -> None:
    header = parse_header("Plain first line.\nSecond.\n")
    assert header.header_end == 0 and header.hints == () and header.title is None


def test_parse_header_reports_broken_front_matter() -> None:
    text = "---\ntitle: [unclosed\n---\nBody text.\n"
    header = parse_header(text)
    assert text[header.header_end :] == "Body text.\n"
    assert header.hints[0][0] == "front_matter_error"
