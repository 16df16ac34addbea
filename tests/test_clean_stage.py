"""The 'clean' stage on the seeds, CNN Markdown, HTML pages and hostile inputs."""

from __future__ import annotations

import gzip
import hashlib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import EmptyInput, ExtractionError, InputError
from newsweave.model import Annotations, Article, EditKind, InputFormat, RawDocument, article_id_for
from newsweave.pipeline import Pipeline, build
from newsweave.stages.clean.edits import undo
from newsweave.stages.clean.encoding import decode_bytes

from .conftest import SEEDS, SHARED, seed_path


@cache
def pipeline() -> Pipeline:
    return build(["clean"])


def run(content: bytes, fmt: InputFormat = InputFormat.TEXT, source: str = "test") -> Annotations:
    return pipeline().run(RawDocument(source=source, content=content, format=fmt))


def article(content: bytes, fmt: InputFormat = InputFormat.TEXT) -> Article:
    return run(content, fmt).require_article()


def seed(prefix: str) -> Article:
    return article(seed_path(prefix).read_bytes())


def assert_well_formed(art: Article) -> None:
    for repair in art.repairs:
        assert 0 <= repair.span.start < repair.span.end <= len(art.text)
    for removal in art.removed:
        assert 0 <= removal.at <= len(art.text)
    for span in art.paragraphs:
        assert span.of(art.text).strip() == span.of(art.text) != ""
    assert art.text == art.text.strip()
    assert "\n\n\n" not in art.text


def assert_idempotent(art: Article) -> None:
    again = article(art.text.encode("utf-8"))
    assert again.text == art.text
    assert again.repairs == () and again.removed == ()


SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_seed_undoes_to_its_decoded_input_and_is_idempotent(path: Path) -> None:
    content = path.read_bytes()
    art = article(content)
    assert undo(art.text, art.repairs, art.removed) == decode_bytes(content, declared=None, source=str(path))
    assert art.id == hashlib.sha256(content).hexdigest()[:16] == article_id_for(content)
    assert art.content_hash == hashlib.sha256(content).hexdigest()
    assert_well_formed(art)
    assert_idempotent(art)


def test_seed_004_is_free_of_page_furniture() -> None:
    art = seed("004")
    for gone in ("<img", "Linkedin Pinterest", "Loading...", "Photo Gallery"):
        assert gone not in art.text
    assert art.text.startswith("A supporter of the Islamist Hamas movement")  # the caption, once
    assert "\n\nIsrael’s suspected killing of Hamas’" in art.text
    assert "(AP Photo" not in art.text
    assert art.title == "Killing of Hamas leader points to break with U.S."
    assert art.byline == "ELLEN KNICKMEYER, Associated Press"
    assert art.dateline == "WASHINGTON"
    kinds = {r.kind: r.text for r in art.removed}
    assert "Published: July 31, 2024" in kinds[EditKind.PUBLISHED_LINE]  # kept apart for the metadata stage
    assert "November 13" in kinds[EditKind.PAGE_DATE]
    assert len(art.paragraphs) == 14  # the caption and 13 body paragraphs


def test_seed_001_ends_with_its_last_sentence() -> None:
    art = seed("001")
    assert not art.text.endswith("France24/AFP")
    assert "Share:" not in art.text
    assert art.title == "Iran, allies plan joint but limited retaliation against Israel"
    assert [r.text.strip() for r in art.removed if r.kind is EditKind.CREDIT] == ["France24/AFP"]


def test_seed_002_dateline_and_byline() -> None:
    art = seed("002")
    assert art.dateline == "JNS"
    assert art.byline == "Joshua Marks"
    assert art.text.startswith("Iran’s Supreme Leader Ayatollah Ali Khamenei shows him")  # caption kept
    assert "\nIranian Supreme Leader Ali Khamenei has ordered" in art.text
    assert "Getty Images" not in art.text


def test_seed_003_mojibake_is_repaired_through_the_stage() -> None:
    art = seed("003")
    assert "鈥" not in art.text and "\ufffd" not in art.text
    assert "Hamas’ political leader Ismail Haniyeh" in art.text
    assert {r.kind for r in art.repairs} <= {EditKind.GBK_MOJIBAKE, EditKind.GBK_GUESSED, EditKind.ENCODING}


CNN_FILES = sorted((SHARED / "corpus" / "cnn-2024-07" / "2024" / "07" / "31").glob("*haniyeh*.md"))


@pytest.mark.parametrize("path", CNN_FILES, ids=lambda p: p.stem[:40])
def test_cnn_markdown_header_is_cut_and_subheads_kept(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    art = article(path.read_bytes(), InputFormat.MARKDOWN)
    assert art.title and art.title in raw and art.title not in art.text
    assert "Published :" not in art.text and not art.text.startswith("---")
    assert "\n###" not in art.text
    assert art.removed[0].kind is EditKind.FRONT_MATTER
    assert undo(art.text, art.repairs, art.removed) == raw
    body_lines = [line for line in raw.split("---", 1)[1].splitlines() if line.strip()]
    assert len(art.paragraphs) == len(body_lines)
    assert_idempotent(art)


def test_html_page_through_the_stage() -> None:
    path = next((SHARED / "corpus" / "scrapinghub-extraction" / "html").glob("*.html.gz"))
    analysis = run(gzip.decompress(path.read_bytes()), InputFormat.HTML, source=path.name)
    art = analysis.require_article()
    assert len(art.text.split()) > 100
    assert art.title and ("title", art.title) in analysis.meta_hints
    assert_well_formed(art)
    assert undo(art.text, art.repairs, art.removed).startswith(art.text[:20].split()[0])


def test_raw_hints_are_passed_on() -> None:
    raw = RawDocument(
        source="j",
        content=b"A line of text that is long enough.",
        format=InputFormat.TEXT,
        hints=(("outlet", "X"),),
    )
    assert pipeline().run(raw).meta_hints == (("outlet", "X"),)


@pytest.mark.parametrize(
    ("content", "fmt", "error"),
    [
        (b"   \n\t \n", InputFormat.TEXT, EmptyInput),
        (b'<img src="x.gif">\n<br>\n', InputFormat.TEXT, EmptyInput),
        (b"Share:\nLoading...\n", InputFormat.TEXT, EmptyInput),
        (b"<html><body><div></div></body></html>", InputFormat.HTML, ExtractionError),
        (b"", InputFormat.TEXT, InputError),
    ],
)
def test_nothing_left_is_a_clear_error(content: bytes, fmt: InputFormat, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        run(content, fmt, source="bad-input")
    assert "bad-input" in str(info.value)


def test_long_and_huge_inputs() -> None:
    long_line = article(("word " * 10_000).encode())  # one 50,000-character line
    assert len(long_line.text) == 49_999
    huge = article(("A sentence of prose that goes on. " * 150_000).encode())  # ~5 MB
    assert len(huge.paragraphs) == 1


LINES = st.sampled_from(
    [
        "Share:",
        "Linkedin Pinterest",
        "Loading...",
        "Tags",
        "2 Photos",
        "By Ann Lee, Example Press",
        "Published: July 31, 2024, 4:31pm",
        "News / Politics",
        "France24/AFP",
        '<img src="t.gif">',
        "Storm hits the coast",
        "WASHINGTON — Officials said the storm was strong.",
        "The storm reached the coast on Friday, officials said.",
        "Residents were told to stay indoors &amp; wait.",
        "“We are ready,” the mayor said.",
        "A crowd waits by the river. (AP Photo/Jo Doe)",
        "",
        "   ",
    ]
)
TEXTS = st.lists(
    st.one_of(LINES, st.text(alphabet="ab .—\n’&;<>", max_size=30)), min_size=1, max_size=12
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_cleaning_is_idempotent_and_spans_lie_inside(text: str) -> None:
    content = text.encode("utf-8")
    try:
        art = article(content)
    except EmptyInput:
        return
    assert_well_formed(art)
    assert undo(art.text, art.repairs, art.removed) == decode_bytes(content, declared=None, source="t")
    assert_idempotent(art)
