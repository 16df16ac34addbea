"""A corpus of bad and odd inputs, written from a fixed seed: the same seed gives the same bytes.

``write_corpus(dest, n, seed)`` writes at least ``n`` inputs of every kind into ``dest``:
random bytes; truncations of real pages; wrong encodings; NULs; JSON nesting bombs; lone
surrogates; entity and attribute bombs; billion-laughs and recursive YAML front matter;
impossible dates; gzip bombs; broken WARCs, JSONL and feeds (XXE included); odd file
names; symlinks; FIFOs; empty files; texts over the character limit and long real articles.

Real material is read at run time from ``../shared`` beside the repository (the CNN and
White House Markdown files, the extraction benchmark's HTML pages, the USA Today JSONL
and the RSS snapshot); none of it is copied into the repository. The fixed cases (the
bombs, the limits, symlinks) are written once whatever ``n`` is; random cases drawn from
the real material fill the corpus up to ``n``.

Run it alone to look at a corpus: ``python -m tests.fuzz_corpus DEST [N] [SEED]``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CNN = SHARED / "corpus" / "cnn-2024-07" / "2024"
WHITEHOUSE = SHARED / "corpus" / "whitehouse-2024-07-08"
HTML_PAGES = SHARED / "corpus" / "scrapinghub-extraction" / "html"
USATODAY = SHARED / "corpus" / "usatoday-2024q3" / "articles_2024-07_to_09.jsonl"
RSS = SHARED / "corpus" / "rss-2024-08-02" / "rss_2024-08-02_five_outlets.jsonl"

# Sizes the cases are built around: over the default limits of Settings (64 MiB per file,
# 1,000,000 characters of cleaned text per article), or just under them.
GZIP_BOMB_BYTES = 200 * 2**20
OVER_CHAR_LIMIT_CHARS = 5_000_000
LONG_ARTICLE_CHARS = 500_000
NESTING = 100_000
ENTITIES = 200_000
ATTRIBUTES = 200_000
REPEATED_RECORDS = 500


@dataclass(frozen=True, slots=True)
class FuzzInput:
    """One input written into the corpus: its path and the kind of case it is."""

    path: Path
    kind: str


# --- real material, read from ../shared ---------------------------------------------------


@cache
def _markdown_files() -> tuple[Path, ...]:
    return tuple(sorted(CNN.rglob("*.md"))) + tuple(sorted(WHITEHOUSE.rglob("*.md")))


@cache
def _html_files() -> tuple[Path, ...]:
    return tuple(sorted(HTML_PAGES.glob("*.html.gz")))


@cache
def _jsonl_lines(path: Path) -> tuple[str, ...]:
    return tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


class Real:
    """Real news material to cut, re-encode and wrap, chosen by the corpus's random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def markdown(self) -> bytes:
        return self.rng.choice(_markdown_files()).read_bytes()

    def html(self) -> bytes:
        return gzip.decompress(self.rng.choice(_html_files()).read_bytes())

    def unique_html(self, mark: str) -> bytes:
        """A real page with ``mark`` in a comment: the same page twice is not the same bytes."""
        return self.html() + f"<!-- {mark} -->".encode()

    def article_record(self) -> dict[str, object]:
        record = json.loads(self.rng.choice(_jsonl_lines(USATODAY)))
        assert isinstance(record, dict)
        return record

    def feed_record(self) -> dict[str, object]:
        record = json.loads(self.rng.choice(_jsonl_lines(RSS)))
        assert isinstance(record, dict)
        return record

    def text(self) -> str:
        """The body of a real article (USA Today), with non-ASCII punctuation in most."""
        return str(self.article_record()["text"])

    def long_text(self, chars: int) -> str:
        """Real articles one after another until ``chars`` characters, cut at a paragraph."""
        parts: list[str] = []
        size = 0
        for line in _jsonl_lines(USATODAY):
            body = str(json.loads(line)["text"])
            parts.append(body)
            size += len(body) + 2
            if size >= chars:
                break
        while size < chars:  # the whole set is shorter than asked: go round again
            parts.extend(parts[: len(parts)])
            size *= 2
        return "\n\n".join(parts)[:chars]


# --- the corpus ---------------------------------------------------------------------------


class Corpus:
    """Writes cases into ``dest``, each under a numbered name that says what it is."""

    def __init__(self, dest: Path, seed: int) -> None:
        self.dest = dest
        self.rng = random.Random(seed)
        self.real = Real(self.rng)
        self.written: list[FuzzInput] = []

    def name(self, kind: str, ext: str) -> Path:
        return self.dest / f"{len(self.written):04d}-{kind}{ext}"

    def add(self, path: Path, kind: str) -> Path:
        self.written.append(FuzzInput(path, kind))
        return path

    def bytes_(self, kind: str, ext: str, content: bytes) -> Path:
        path = self.name(kind, ext)
        path.write_bytes(content)
        return self.add(path, kind)

    def text_(self, kind: str, ext: str, content: str) -> Path:
        return self.bytes_(kind, ext, content.encode("utf-8", "surrogatepass"))

    def unique(self) -> str:
        """A line that makes a case's bytes differ from every other case's."""
        return f"Case {len(self.written)} {self.rng.getrandbits(48):012x}."


def write_corpus(dest: Path, n: int, seed: int) -> list[FuzzInput]:
    """Write at least ``n`` bad and odd inputs into ``dest`` (created); the same seed, the same corpus."""
    dest.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(dest, seed)
    for case in FIXED_CASES:
        case(corpus)
    while len(corpus.written) < n:
        corpus.rng.choice(RANDOM_CASES)(corpus)
    return corpus.written


# --- random cases: drawn again and again from the real material ----------------------------

EXTENSIONS = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".xml",
    ".rss",
    ".warc",
    ".warc.gz",
    ".gz",
    "",
)


def random_bytes(c: Corpus) -> None:
    size = c.rng.choice((1, 2, 17, 512, 4096, 65536))
    c.bytes_("random-bytes", c.rng.choice(EXTENSIONS), c.rng.randbytes(size))


def truncated_html(c: Corpus) -> None:
    page = c.real.html()
    c.bytes_("truncated-html", ".html", page[: c.rng.randrange(1, len(page))])


def truncated_markdown(c: Corpus) -> None:
    page = c.real.markdown()
    c.bytes_("truncated-md", ".md", page[: c.rng.randrange(1, len(page))])


def truncated_jsonl(c: Corpus) -> None:
    lines = [json.dumps(c.real.article_record()) for _ in range(c.rng.randint(1, 4))]
    content = "\n".join(lines).encode("utf-8")
    c.bytes_("truncated-jsonl", ".jsonl", content[: c.rng.randrange(1, len(content))])


def truncated_gzip(c: Corpus) -> None:
    packed = gzip.compress(c.real.html(), mtime=0)
    c.bytes_("truncated-gzip", ".html.gz", packed[: c.rng.randrange(10, len(packed))])


def wrong_encoding(c: Corpus) -> None:
    text = c.unique() + "\n\n" + c.real.text()
    encoding = c.rng.choice(("utf-16-le", "utf-16-be", "latin-1", "cp1252", "gbk", "shift_jis", "utf-32"))
    c.bytes_(f"encoding-{encoding}", c.rng.choice((".txt", ".md", "")), text.encode(encoding, "replace"))


def mixed_encodings(c: Corpus) -> None:
    paragraphs = [c.unique(), *c.real.text().split("\n\n")]
    encodings = ("utf-8", "latin-1", "cp1252", "gbk", "utf-16-le")
    content = b"\n\n".join(p.encode(c.rng.choice(encodings), "replace") for p in paragraphs)
    c.bytes_("encoding-mixed", ".txt", content)


def nul_bytes(c: Corpus) -> None:
    data = bytearray((c.unique() + "\n\n" + c.real.text()).encode("utf-8"))
    for _ in range(c.rng.choice((1, 3, 50))):
        data.insert(c.rng.randrange(len(data)), 0)
    c.bytes_("nul-bytes", c.rng.choice((".txt", ".md", ".html")), bytes(data))


def odd_html(c: Corpus) -> None:
    """A real page with hostile bits: terminal escapes and bidi overrides in the title, NULs."""
    page = c.real.unique_html(c.unique()).decode("utf-8", "replace")
    title = c.rng.choice(("\x1b[2J\x1b[31mCLEARED", "evil\u202etxt.exe", "tab\there\r\nnew line", "\x07bell"))
    page = page.replace("<title>", f"<title>{title} ", 1).replace("<p>", "<p>\x1b]0;pwned\x07", 1)
    c.text_("odd-html", ".html", page)


def odd_name(c: Corpus) -> None:
    """Real text under a name that could break a message line or a terminal."""
    names = (
        "new\nline.txt",
        "carriage\rreturn.txt",
        "ansi-\x1b[31mred\x1b[0m.txt",
        "clear-\x1b[2J.txt",
        "rtl-\u202etxt.exe",
        "markup-[bold red]not bold[reverse]-[link=x]-\\[.txt",
        "emoji-:fire:-name.txt",
        "-starts-with-dash.txt",
        "  spaces  .txt",
        "tab\tname.txt",
        "x" * 200 + ".txt",
        os.fsdecode(b"latin1-\xe9t\xe9.txt"),
        os.fsdecode(b"bytes-\xff\xfe\x80.txt"),
    )
    index = len(c.written)
    name = f"{index:04d}-odd-name-{c.rng.choice(names)}"
    path = c.dest / name
    path.write_text(c.unique() + "\n\n" + c.real.text(), encoding="utf-8")
    c.add(path, "odd-name")


def jsonl_mixed(c: Corpus) -> None:
    """Real records with bad ones among them."""
    bad = (
        "{not json",
        "[1, 2, 3]",
        "null",
        '"a string"',
        '{"text": null}',
        '{"text": 12}',
        '{"text": ""}',
        '{"title": "no text"}',
        '{"text": ["para", 1, null]}',
        '{"text": "lone \\ud800 surrogate", "title": "\\udfff"}',
        '{"text": {"nested": "object"}}',
        "\x00\x00\x00",
    )
    lines = [c.unique()]  # a bad first line too: not JSON
    for _ in range(c.rng.randint(2, 12)):
        if c.rng.random() < 0.4:
            record = c.real.article_record()
            record["title"] = f"{record.get('title')} {c.unique()}"
            lines.append(json.dumps(record))
        else:
            lines.append(c.rng.choice(bad))
    c.text_("jsonl-mixed", ".jsonl", "\n".join(lines))


def feed_variant(c: Corpus) -> None:
    """An RSS feed built from real entries, damaged at random."""
    items = []
    for _ in range(c.rng.randint(1, 5)):
        record = c.real.feed_record()
        items.append(
            f"<item><title>{_xml(str(record['title']))}</title><link>{_xml(str(record['link']))}</link>"
            f"<description>{_xml(str(record['description']))} {c.unique()}</description>"
            f"<guid>{c.rng.getrandbits(32)}</guid></item>"
        )
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{''.join(items)}</channel></rss>"
    )
    damage = c.rng.choice(("none", "truncate", "entity", "nul", "ansi"))
    if damage == "truncate":
        feed = feed[: c.rng.randrange(10, len(feed))]
    elif damage == "entity":
        feed = feed.replace("<title>t</title>", "<title>&undefined;</title>")
    elif damage == "nul":
        feed = feed.replace("<channel>", "<channel>\x00")
    elif damage == "ansi":
        feed = feed.replace("<title>t</title>", "<title>\x1b[31mred\x1b[0m</title>")
    c.text_(f"feed-{damage}", ".xml", feed)


def warc_variant(c: Corpus) -> None:
    """A WARC of real pages with one record damaged at random."""
    records = [
        _warc_response(f"https://example.org/{c.rng.getrandbits(32)}", c.real.unique_html(c.unique()))
        for _ in range(2)
    ]
    damage = c.rng.choice(("none", "no-uri", "short-length", "bad-length", "garbage"))
    if damage == "no-uri":
        records[1] = records[1].replace(b"WARC-Target-URI:", b"X-Nothing:", 1)
    elif damage == "short-length":
        records[1] = records[1][: len(records[1]) // 2]
    elif damage == "bad-length":
        records[1] = records[1].replace(b"Content-Length: ", b"Content-Length: 99", 1)
    elif damage == "garbage":
        records.append(c.rng.randbytes(300))
    gzipped = c.rng.random() < 0.5
    body = b"".join(gzip.compress(r, mtime=0) if gzipped else r for r in records)
    c.bytes_(f"warc-{damage}", ".warc.gz" if gzipped else ".warc", body)


RANDOM_CASES: tuple[Callable[[Corpus], None], ...] = (
    random_bytes,
    truncated_html,
    truncated_markdown,
    truncated_jsonl,
    truncated_gzip,
    wrong_encoding,
    mixed_encodings,
    nul_bytes,
    odd_html,
    odd_name,
    jsonl_mixed,
    feed_variant,
    warc_variant,
)


# --- fixed cases: written once ------------------------------------------------------------


def nesting_bombs(c: Corpus) -> None:
    c.text_("json-nesting-array", ".json", "[" * NESTING + "]" * NESTING)
    c.text_("json-nesting-object", ".json", '{"a":' * NESTING + "1" + "}" * NESTING)
    c.text_("jsonl-nesting", ".jsonl", '{"text": ' + "[" * NESTING + '"x"' + "]" * NESTING + "}\n")
    c.text_("json-nesting-unclosed", ".json", "[" * NESTING)


def lone_surrogates(c: Corpus) -> None:
    text = c.real.text()
    lines = [
        json.dumps({"title": "\udc80 title", "text": text[:2000] + " \ud800 " + c.unique()}),
        json.dumps({"title": "ok", "text": "\udfff" * 50}),
        json.dumps(
            {"text": c.unique() + " " + text[:1500], "author": "\ud83d", "url": "https://x.org/\udcff"}
        ),
    ]
    c.text_("jsonl-lone-surrogates", ".jsonl", "\n".join(lines))  # escapes: valid JSON text
    # the same surrogates as raw bytes (CESU-8 style), which is not UTF-8
    raw = (c.unique() + " " + text[:1000]).encode("utf-8") + b" \xed\xa0\x80 \xed\xbf\xbf"
    c.bytes_("text-raw-surrogates", ".txt", raw)


def html_bombs(c: Corpus) -> None:
    c.text_(
        "entity-bomb", ".html", f"<html><body><article><p>{'&amp;' * ENTITIES}</p></article></body></html>"
    )
    attributes = " ".join(f"a{i}='x'" for i in range(ATTRIBUTES))
    c.text_(
        "attribute-bomb", ".html", f"<html><body><p {attributes}>{c.real.text()[:3000]}</p></body></html>"
    )
    c.text_(
        "deep-divs",
        ".html",
        "<html><body>" + "<div>" * NESTING + "deep" + "</div>" * NESTING + "</body></html>",
    )
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    c.text_(
        "html-entity-expansion",
        ".html",
        f'<!DOCTYPE html [<!ENTITY l0 "lol">{laughs}]><html><body><p>&l9;</p></body></html>',
    )


def yaml_front_matter(c: Corpus) -> None:
    body = "\n\n" + c.real.text()[:3000] + "\n"
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    cases = {
        "yaml-billion-laughs": "\n".join(laughs) + "\ntitle: Laughs",
        "yaml-recursive-alias": "author: &a [*a]\ntitle: Recursive",
        "yaml-bad-date": "date: 2024-13-01\ntitle: Thirteenth month",
        "yaml-odd-types": (
            "title: [1, 2]\ndate: !!binary aGVsbG8=\ntags: {a: b}\npublished: 99999-01-01\nauthor: 12"
        ),
        "yaml-python-tag": "title: !!python/object/apply:os.system ['echo pwned']",
        "yaml-unclosed": 'title: "never closed\ndate: 2024-08-01',
        "yaml-huge-key": "title: " + "x" * 200_000,
    }
    for kind, front in cases.items():
        c.text_(kind, ".md", f"---\n{front}\n---\n# {kind} {c.unique()}{body}")


def gzip_bombs(c: Corpus) -> None:
    """Small files that expand past the 64 MiB file limit (compressed in pieces: little memory)."""
    head = b"<html><body><article><p>"
    c.bytes_("gzip-bomb-html", ".html.gz", _gzip_filled(head, GZIP_BOMB_BYTES))
    c.bytes_("gzip-bomb-text", ".txt.gz", _gzip_filled(b"Officials said ", GZIP_BOMB_BYTES, b"a "))
    inner = _gzip_filled(b"", GZIP_BOMB_BYTES)
    c.bytes_("gzip-bomb-nested", ".gz", gzip.compress(inner, mtime=0))
    body_size = GZIP_BOMB_BYTES // 2**20 * 2**20
    record = _warc_response("https://example.org/bomb", b"", declared=body_size)
    c.bytes_("gzip-bomb-warc", ".warc.gz", _gzip_filled(record[:-4], body_size, b" ", b"\r\n\r\n"))


def broken_warcs(c: Corpus) -> None:
    page = c.real.html()
    good = _warc_response("https://example.org/good", page)
    c.bytes_("warc-no-target-uri", ".warc", good.replace(b"WARC-Target-URI:", b"X-Gone:", 1))
    member = gzip.compress(good, mtime=0)
    c.bytes_("warc-truncated-gzip", ".warc.gz", member + member[: len(member) // 3])
    c.bytes_("warc-truncated-first", ".warc.gz", member[: len(member) // 2])
    c.bytes_(
        "warc-only-404",
        ".warc",
        b"".join(_warc_response(f"https://example.org/{i}", b"Not found", status=404) for i in range(5)),
    )
    c.bytes_(
        "warc-only-images",
        ".warc",
        b"".join(
            _warc_response(f"https://example.org/{i}.png", c.rng.randbytes(2000), content_type="image/png")
            for i in range(5)
        ),
    )
    c.bytes_("warc-only-warcinfo", ".warc", _warc_record("warcinfo", b"software: fuzz\r\n", {}))
    hostile = _warc_response(
        "https://example.org/\x1b[31mred\nline", page.replace(b"<title>", b"<title>\x1b[2J", 1)
    )
    c.bytes_("warc-hostile-uri", ".warc", hostile)
    c.bytes_("warc-header-only", ".warc", b"WARC/1.0\r\nWARC-Type: response\r\n")


def broken_feeds(c: Corpus) -> None:
    guids = "".join(
        f"<item><title>Entry {i}</title><guid isPermaLink='false'>urn:fuzz:{i}</guid></item>"
        for i in range(REPEATED_RECORDS)
    )
    c.text_(
        "rss-500-non-url-guids",
        ".xml",
        f"<rss version='2.0'><channel><title>g</title>{guids}</channel></rss>",
    )
    c.text_("rss-malformed", ".xml", "<rss version='2.0'><channel><item><title>x</ti")
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<rss version='2.0'><channel><title>&xxe;</title><item><title>&xxe;</title>"
        "<description>&xxe; " + _xml(c.real.text()[:500]) + "</description></item></channel></rss>"
    )
    c.text_("rss-xxe", ".xml", xxe)
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    c.text_(
        "rss-billion-laughs",
        ".xml",
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
        "<rss version='2.0'><channel><item><title>&l9;</title><description>&l9;</description></item>"
        "</channel></rss>",
    )
    c.text_("atom-empty", ".xml", "<feed xmlns='http://www.w3.org/2005/Atom'><title>none</title></feed>")
    records = "\n".join(json.dumps({"title": f"no text {i}"}) for i in range(REPEATED_RECORDS))
    c.text_("jsonl-500-same-error", ".jsonl", records)


def special_files(c: Corpus) -> None:
    c.bytes_("empty", ".txt", b"")
    c.bytes_("whitespace", ".txt", b" \n\t\r\n   \n")
    c.bytes_("bom-only", ".txt", b"\xef\xbb\xbf")
    c.bytes_("utf16-bom-only", ".txt", b"\xff\xfe")
    fifo = c.name("fifo", "")
    os.mkfifo(fifo)
    c.add(fifo, "fifo")
    for kind, target in (("symlink-etc-passwd", Path("/etc/passwd")), ("symlink-parent-loop", Path(".."))):
        link = c.name(kind, "")
        link.symlink_to(target)
        c.add(link, kind)
    dangling = c.name("symlink-dangling", ".txt")
    dangling.symlink_to("does-not-exist.txt")  # relative: the same link wherever the corpus is
    c.add(dangling, "symlink-dangling")
    own = c.name("symlink-self", ".txt")
    own.symlink_to(own.name)  # a link to itself: a loop
    c.add(own, "symlink-self")
    odd_dir = c.name("dir-\x1b[31m\nodd", "")
    odd_dir.mkdir()
    inside = c.add(odd_dir / "inside\u202e.txt", "odd-directory")
    inside.write_text(c.unique() + "\n\n" + c.real.text(), encoding="utf-8")
    hidden = c.add(c.dest / ".hidden-file.txt", "hidden")
    hidden.write_text(c.unique() + " hidden " + c.real.text()[:500], encoding="utf-8")
    c.add(c.dest / "README.md", "readme").write_text(
        "# About this corpus\n\nNot an article.\n", encoding="utf-8"
    )
    c.add(c.dest / "LICENSE", "license").write_text("No licence: fuzz data.\n", encoding="utf-8")


def limits(c: Corpus) -> None:
    """Texts around the limits: one over the character limit (far under the file limit), some under it."""
    c.text_("over-char-limit", ".txt", c.real.long_text(OVER_CHAR_LIMIT_CHARS))
    c.text_("long-real-article", ".txt", c.unique() + "\n\n" + c.real.long_text(LONG_ARTICLE_CHARS))
    lines = c.real.text().split()
    c.text_("one-word-lines", ".txt", "\n".join(lines * (50_000 // max(1, len(lines)) + 1)))
    c.text_("one-long-token", ".txt", "Officials said " + "a" * 300_000 + " on Monday.")


FIXED_CASES: tuple[Callable[[Corpus], None], ...] = (
    nesting_bombs,
    lone_surrogates,
    html_bombs,
    yaml_front_matter,
    gzip_bombs,
    broken_warcs,
    broken_feeds,
    special_files,
    limits,
)


# --- helpers ------------------------------------------------------------------------------


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _gzip_filled(head: bytes, size: int, fill: bytes = b"\x00", tail: bytes = b"") -> bytes:
    """gzip of ``head``, ``size`` bytes of ``fill`` and ``tail``, compressed a piece at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip container, timestamp 0
    out = [packer.compress(head)]
    piece = fill * 2**20
    for _ in range(size // len(piece)):
        out.append(packer.compress(piece))
    out.append(packer.compress(tail))
    out.append(packer.flush())
    return b"".join(out)


def _warc_record(kind: str, block: bytes, headers: dict[str, str], *, extra: int = 0) -> bytes:
    """A WARC record; ``extra`` bytes the caller appends to ``block`` are counted in its length."""
    lines = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        "WARC-Date: 2024-08-01T12:00:00Z",
        f"WARC-Record-ID: <urn:sha256:{hashlib.sha256(block).hexdigest()}>",
        *(f"{name}: {value}" for name, value in headers.items()),
        f"Content-Length: {len(block) + extra}",
    ]
    head = "\r\n".join(lines).encode("utf-8", "surrogateescape")
    return head + b"\r\n\r\n" + block + b"\r\n\r\n"


def _warc_response(
    uri: str,
    body: bytes,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    declared: int | None = None,
) -> bytes:
    """A response record; with ``declared``, one whose body of that many bytes the caller appends."""
    size = len(body) if declared is None else declared
    http = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {size}\r\n\r\n"
    headers = {"WARC-Target-URI": uri, "Content-Type": "application/http; msgtype=response"}
    return _warc_record("response", http.encode("ascii") + body, headers, extra=size - len(body))


# --- running the CLI over a corpus -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finished:
    """A finished CLI run: status, output, the child's peak memory, and whether it was killed as hung."""

    returncode: int
    stdout: str
    stderr: str
    max_rss_bytes: int
    hung: bool


def run_measured(args: list[str], cwd: Path, timeout: float) -> Finished:
    """Run ``python -m newsweave ARGS``; peak RSS from ``os.wait4``, a kill after ``timeout`` seconds."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "newsweave", *args], cwd=cwd, stdout=out, stderr=err, env=env
        )
        hung = threading.Event()

        def kill() -> None:
            hung.set()
            child.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    return Finished(
        returncode=child.returncode,
        # strict: every byte printed must be UTF-8 (a lone surrogate in a name must not leak out)
        stdout=out_path.read_bytes().decode("utf-8"),
        stderr=err_path.read_bytes().decode("utf-8"),
        max_rss_bytes=usage.ru_maxrss * 1024,  # kilobytes on Linux
        hung=hung.is_set(),
    )


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    written = write_corpus(target, count, int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    print(f"{len(written)} inputs in {target}")
