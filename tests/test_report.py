"""The self-contained HTML report: exact and safe highlighting, no external requests, and the
seeds' story with its disagreements, timeline and actor graph."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml.html import HtmlElement

from newsweave.cli import main
from newsweave.model import Modality, Precision, TimelineEntry
from newsweave.reference.outlets import load_registry
from newsweave.report.charts import GraphEdge, graph_layout, timeline_layout
from newsweave.report.highlight import Mark, highlight
from newsweave.report.render import static_text
from newsweave.store import Store

from .conftest import SEEDS

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "</div></section>",
)
TAG = re.compile(r"<(/?)(a|span)\b[^>]*>")


def text_of(markup: str) -> str:
    """Tags stripped and entities decoded: what a reader sees."""
    return html_lib.unescape(re.sub(r"<[^>]*>", "", markup))


def assert_nested(markup: str) -> None:
    """Every tag closes in order, and no link sits inside another link."""
    stack: list[str] = []
    for match in TAG.finditer(markup):
        closing, name = match.groups()
        if closing:
            assert stack and stack.pop() == name, markup
        else:
            assert not (name == "a" and "a" in stack), markup
            stack.append(name)
    assert not stack, markup


# --- highlight -------------------------------------------------------------------------------

hostile_text = st.text(alphabet=st.sampled_from(list("<>&\"'=/ :;\nscriptonerjavimgdv")), max_size=60)
any_text = st.one_of(st.text(max_size=80), hostile_text)


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(any_text)
    size = len(text)
    marks = []
    for n in range(draw(st.integers(0, 10))):
        start = draw(st.integers(-2, size + 2))
        end = draw(st.integers(start, size + 3))
        kind = draw(st.sampled_from(["actor", "event", "quote", "cite", "repair", "removed"]))
        href = draw(st.sampled_from([None, "#x", f"#a-{n}"]))
        title = draw(st.one_of(st.none(), hostile_text))
        mark_id = draw(st.sampled_from([None, f"m-{n}"]))
        marks.append(Mark(start=start, end=end, kind=kind, id=mark_id, href=href, title=title))
    return text, marks


@given(text_and_marks())
def test_highlight_keeps_the_text_exactly_and_nests_tags(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    markup = str(highlight(text, marks))
    assert text_of(markup) == text
    assert_nested(markup)
    assert "<script" not in markup and "<img" not in markup and "<div" not in markup
    assert not re.search(r"<[^>]*\son\w+=", markup)


@given(hostile_text)
def test_hostile_text_is_always_escaped(text: str) -> None:
    markup = str(highlight(text, [Mark(start=0, end=len(text), kind="quote", title=text)]))
    assert {m.group(2) for m in TAG.finditer(markup)} <= {"span"}
    assert markup.count("<") == 2  # the one span we opened and closed


def test_hostile_strings_become_text() -> None:
    text = " ".join(HOSTILE)
    markup = str(highlight(text, [Mark(start=0, end=8, kind="actor", href="#actor-x")]))
    assert "alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;" in markup
    assert "&lt;/div&gt;&lt;/section&gt;" in markup
    assert text_of(markup) == text


def test_overlapping_marks_are_split_not_crossed() -> None:
    markup = str(
        highlight(
            "Hamas political chief Haniyeh",
            [
                Mark(start=0, end=21, kind="descriptor", href="#d"),
                Mark(start=6, end=29, kind="quote", id="q1"),
            ],
        )
    )
    assert markup == (
        '<a class="hl hl-descriptor" href="#d">Hamas <span class="hl hl-quote" id="q1">political chief'
        '</span></a><span class="hl hl-quote hl-cont"> Haniyeh</span>'
    )


def test_marks_refuse_unsafe_hrefs_and_ids() -> None:
    for bad in ("javascript:alert(1)", "//evil.example/x", "https://example.org", '#x" onclick="y'):
        with pytest.raises(ValueError):
            Mark(start=0, end=1, kind="actor", href=bad)
    with pytest.raises(ValueError):
        Mark(start=0, end=1, kind="actor", id='x" onmouseover="alert(1)')
    with pytest.raises(ValueError):
        Mark(start=0, end=1, kind="a b")


def test_removed_furniture_is_a_point_marker_with_its_text_in_a_tooltip() -> None:
    markup = str(highlight("ab", [Mark(start=1, end=1, kind="removed", title="Share: <x>", href="#rm-1")]))
    assert markup == 'a<a class="hl hl-removed" href="#rm-1" title="Share: &lt;x&gt;"></a>b'


# --- charts ----------------------------------------------------------------------------------


def entry(event: str, start: dt.date | None, end: dt.date | None, **kw: object) -> TimelineEntry:
    return TimelineEntry(
        event_id=event,
        start=start,
        end=end,
        precision=kw.pop("precision", Precision.DAY),  # type: ignore[arg-type]
        label=f"label {event}",
        article_ids=("a1",),
        **kw,  # type: ignore[arg-type]
    )


def test_timeline_draws_ranges_as_bars_future_dashed_and_undated_apart() -> None:
    day = dt.date(2024, 7, 31)
    layout = timeline_layout(
        [
            entry("e1", day, day),
            entry(
                "e2",
                dt.date(2024, 8, 2),
                dt.date(2024, 8, 8),
                precision=Precision.WEEK,
                modality=Modality.EXPECTED,
            ),
            entry("e3", day, day, estimated=True),
            entry("e4", None, None, precision=Precision.UNRESOLVED),
            entry("e5", dt.date(2023, 10, 7), dt.date(2023, 10, 7), background=True),
        ],
        lambda e: f"#ev-{e}",
        (day, dt.date(2024, 8, 1)),
    )
    rows = {r["href"]: r for r in layout["rows"]}
    assert set(rows) == {"#ev-e1", "#ev-e2", "#ev-e3"}
    assert rows["#ev-e1"]["shape"] == "point" and rows["#ev-e2"]["shape"] == "bar"
    assert "future" in rows["#ev-e2"]["classes"] and "future" not in rows["#ev-e1"]["classes"]
    assert "estimated" in rows["#ev-e3"]["classes"] and rows["#ev-e3"]["short"].endswith("(est.)")
    assert rows["#ev-e2"]["x1"] - rows["#ev-e2"]["x0"] > 6 * (rows["#ev-e1"]["x1"] - rows["#ev-e1"]["x0"])
    assert [u["href"] for u in layout["undated"]] == ["#ev-e4"]
    assert [o["href"] for o in layout["outside"]] == ["#ev-e5"]


def test_actor_graph_is_deterministic_and_puts_the_busiest_actor_on_top() -> None:
    edges = [
        GraphEdge(source="il", target="ir", event_id="e1", label="strike", tone="material-conflict"),
        GraphEdge(
            source="ir", target="il", event_id="e2", label="threat", tone="verbal-conflict", future=True
        ),
        GraphEdge(source="us", target="il", event_id="e3", label="aid", tone="material-cooperation"),
        GraphEdge(source="us", target="il", event_id="e4", label="aid again", tone="material-cooperation"),
    ]
    names = {"il": "Israel", "ir": "Iran", "us": "United States"}
    first = graph_layout(edges, names, lambda e: f"#ev-{e}")
    assert first == graph_layout(edges, names, lambda e: f"#ev-{e}")
    top = first["nodes"][0]
    assert top["name"] == "Israel" and top["y"] == min(n["y"] for n in first["nodes"])
    assert len(first["edges"]) == 3  # the two aid events share one thicker arrow
    aid = next(e for e in first["edges"] if e["tone"] == "material-cooperation")
    assert aid["count"] == 2 and aid["width"] > 1.5
    assert next(e for e in first["edges"] if e["future"])["tone"] == "verbal-conflict"


# --- the report of the five seeds ------------------------------------------------------------


def parse(path: Path) -> HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def assert_self_contained(doc: HtmlElement) -> None:
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "element ids must be unique"
    known = set(ids)
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in ("href", "src") or name.endswith("}href"):
                assert value.startswith(("#", "data:")), (element.tag, name, value)
                if value.startswith("#"):
                    assert value[1:] in known, f"dangling link {value}"
    assert not doc.xpath("//link | //iframe | //object | //embed | //img | //script[@src]")
    (script,) = doc.xpath("//script")
    assert script.text == static_text("report.js")
    (csp,) = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("seeds")
    out, db = folder / "seeds.html", folder / "seeds.db"
    result = CliRunner().invoke(main, ["report", str(SEEDS), "--html", str(out), "--store", str(db)])
    assert result.exit_code == 0, result.output
    return out, db


def test_seed_report_is_self_contained(seeds_report: tuple[Path, Path]) -> None:
    assert_self_contained(parse(seeds_report[0]))


def test_seed_report_shows_the_three_methods_of_haniyehs_killing_with_evidence(
    seeds_report: tuple[Path, Path],
) -> None:
    doc = parse(seeds_report[0])
    tables = [
        t
        for t in doc.xpath("//table[contains(@class, 'disagreement')][@data-attribute='method']")
        if "Haniyeh" in t.xpath("string(caption)")
    ]
    assert len(tables) == 1
    rows = tables[0].xpath("tbody/tr")
    values = [" ".join(r.xpath("string(th)").split()) for r in rows]
    for method, word in (
        ("missile strike", "missile"),
        ("explosive device", "explosive"),
        ("airstrike", "airstrike"),
    ):
        (row,) = [r for r, v in zip(rows, values, strict=True) if v.startswith(method)]
        links = row.xpath(".//td//a/@href")
        assert links, method
        for href in links:
            assert re.fullmatch(r"#a-[0-9a-f]+-\d+", href)
            (target,) = doc.xpath(f"//*[@id='{href[1:]}']")
            assert "hl-cite" in target.get("class") and word in target.text_content().lower()


def test_seed_report_has_timeline_graph_outlets_briefing_and_quotes(seeds_report: tuple[Path, Path]) -> None:
    doc = parse(seeds_report[0])
    (timeline,) = doc.xpath("//svg[contains(@class, 'timeline-chart')]")
    items = timeline.xpath(".//*[contains(@class, 'tl-item')]")
    assert len(items) >= 10
    assert any("Haniyeh" in i.xpath("string(title)") for i in items)
    assert any("future" in i.get("class") for i in items)
    (graph,) = doc.xpath("//svg[contains(@class, 'graph-chart')]")
    assert graph.xpath(".//*[contains(@class, 'tone-material-conflict')]")
    assert "Ismail Haniyeh" in graph.text_content()
    france = load_registry().get("france-24")
    assert france is not None and france.state_funded
    outlets = [" ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='outlets']/li")]
    assert any(o.startswith("France 24") and "state funded" in o and "France" in o for o in outlets)
    cites = doc.xpath("//div[@class='briefing']//a[@class='cite']/@href")
    assert len(cites) >= 10
    assert all("hl-cite" in doc.xpath(f"//*[@id='{c[1:]}']")[0].get("class") for c in cites)
    speakers = doc.xpath("string(//div[@class='speaker'])")
    assert speakers.strip()


def test_seed_articles_keep_their_text_exactly_with_highlights(seeds_report: tuple[Path, Path]) -> None:
    out, db = seeds_report
    doc = parse(out)
    with Store.open(db) as store:
        articles = list(store.latest_articles())
    assert len(articles) == 5
    for article in articles:
        (section,) = doc.xpath(f"//article[@id='art-{article.id}']")
        (text,) = section.xpath(".//div[@class='text']")
        assert text.text_content() == article.text
        assert len(section.xpath(".//*[contains(@class, 'hl-actor')]")) >= 10
        repairs = section.xpath(".//*[contains(@class, 'hl-repair')][not(contains(@class, 'hl-cont'))]")
        assert len(repairs) == len(article.repairs)
        removed = section.xpath(".//*[contains(@class, 'hl-removed')]")
        assert [m.get("title").split(":")[0] for m in removed] == [
            f"removed ({r.kind})" for r in article.removed
        ]


def test_report_of_an_existing_store(seeds_report: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "stored.html"
    result = CliRunner().invoke(main, ["report", str(seeds_report[1]), "--html", str(out)])
    assert result.exit_code == 0, result.output
    doc = parse(out)
    assert_self_contained(doc)
    assert len(doc.xpath("//article[@class='article']")) == 5
    assert doc.xpath("//table[@data-attribute='method']")


def test_a_store_and_sources_together_is_a_usage_error(
    seeds_report: tuple[Path, Path], tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        main, ["report", str(seeds_report[1]), str(SEEDS), "--html", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 2


# --- hostile input ---------------------------------------------------------------------------


def test_hostile_article_is_shown_as_text_and_runs_nothing(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    body = "\n\n".join(
        f"Officials in Paris said the page contained {h} before the meeting on Tuesday." for h in HOSTILE
    )
    source.write_text(f"Title with {HOSTILE[0]} inside\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(
        main, ["report", str(source), "--html", str(out), "--store", str(tmp_path / "h.db")]
    )
    assert result.exit_code == 0, result.output
    raw = out.read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img" not in raw and 'href="javascript:' not in raw
    doc = lxml.html.fromstring(raw)
    assert_self_contained(doc)
    (section,) = doc.xpath("//article[@class='article']")
    # The cleaner may remove tags from the text (they are then listed as removed furniture):
    # wherever the hostile strings end up, they are shown as text.
    shown = section.text_content()
    for piece in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">',
    ):
        assert piece in shown
    assert "</div>" in shown and "</section>" in shown
    assert section.xpath("string(header/h3)") == f"Title with {HOSTILE[0]} inside"
    assert section.xpath(".//section | .//div[@class='text']//*[not(self::span or self::a)]") == []
    with Store.open(tmp_path / "h.db") as store:
        (article,) = store.latest_articles()
    assert section.xpath("string(.//div[@class='text'])") == article.text
