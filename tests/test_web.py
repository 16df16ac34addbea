"""The web app, in process (Starlette's TestClient over ASGI): the seeds, searched, filtered and
browsed; JSON twins; OpenAPI; adding sources with the CLI's limits; hostile markup escaped."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from newsweave.config import Settings
from newsweave.run import run
from newsweave.store import Store
from newsweave.web import create_app

from .conftest import SEEDS

HOSTILE_TITLE = 'Breaking " onmouseover="alert(5) </title><script>alert(1)</script>'
HOSTILE_BODY = (
    "Officials in Springfield said on Monday that the council approved the budget. "
    '<img src=x onerror=alert(1)> Read <a href="javascript:alert(2)">more</a> here. '
    "</p></article></main><script>alert(3)</script> The mayor said javascript:alert(6) was fair."
)
# Markup that would run or break out if it reached a page unescaped.
ACTIVE = (
    "<script>alert",
    "<img src=x",
    '<a href="javascript:',
    'href="javascript:',
    "</title><script>",
    '" onmouseover="',
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    folder = tmp_path_factory.mktemp("web")
    sources = folder / "sources"
    shutil.copytree(SEEDS, sources)
    (sources / "hostile.md").write_text(f"# {HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n", encoding="utf-8")
    path = folder / "web.db"
    with Store.open(path) as store:
        summary = run([str(sources)], replace(Settings(), store_path=path), store)
    assert summary.stored == 6 and not summary.failed
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path, Settings()), base_url="http://127.0.0.1") as c:
        yield c


def stories(client: TestClient, query: str = "") -> dict:  # type: ignore[type-arg]
    response = client.get(f"/stories.json{query}")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def haniyeh_story(client: TestClient) -> dict:  # type: ignore[type-arg]
    found = stories(client, "?q=Haniyeh")["stories"]
    assert found
    return client.get(f"/stories/{quote(found[0]['id'], safe='')}.json").json()  # type: ignore[no-any-return]


def test_story_list_pages_and_security_headers(client: TestClient) -> None:
    listing = stories(client)
    assert listing["total"] >= 1 and listing["stories"][0]["articles"] >= 1
    page = client.get("/")
    assert page.status_code == 200
    assert listing["stories"][0]["title"][:30] in page.text.replace("&#39;", "'")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_search_finds_a_seed_word_and_not_a_missing_one(client: TestClient) -> None:
    found = stories(client, "?q=Tehran")
    assert found["stories"] and found["articles"]
    assert all("hostile" not in a["title"].lower() for a in found["articles"])
    assert stories(client, "?q=zxqvbnm")["total"] == 0
    assert "Tehran" not in client.get("/?q=zxqvbnm").text.split("<main>")[1].split("Best matching")[0]


def test_filters_by_date_outlet_and_actor(client: TestClient) -> None:
    all_stories = stories(client)["total"]
    assert stories(client, "?from=2024-07-01&to=2024-08-31")["total"] >= 1
    assert stories(client, "?to=1990-01-01")["total"] == 0
    assert stories(client, "?actor=Ismail%20Haniyeh")["total"] >= 1
    assert stories(client, "?actor=nobody-at-all")["total"] == 0
    outlet = stories(client)["stories"][0]["outlets"][0]
    assert 1 <= stories(client, f"?outlet={quote(outlet)}")["total"] <= all_stories
    assert stories(client, "?outlet=No%20Such%20Outlet")["total"] == 0
    bad = client.get("/stories.json?from=yesterday")
    assert bad.status_code == 400 and "from='yesterday'" in bad.json()["error"]


def test_story_page_and_its_json_twin(client: TestClient) -> None:
    story = haniyeh_story(client)
    assert story["events"] and story["timeline"] and story["articles"]
    page = client.get(f"/stories/{quote(story['id'], safe='')}")
    assert page.status_code == 200
    assert story["articles"][0]["href"] in page.text
    assert client.get("/stories/no-such-story").status_code == 404
    assert client.get("/stories/no-such-story.json").status_code == 404


def test_actor_page_lists_events_and_quotes_across_stories(client: TestClient) -> None:
    story = haniyeh_story(client)
    href = next(a["href"] for e in story["events"] for a in e["actors"] if a["name"] == "Joe Biden")
    actor = client.get(f"{href}.json").json()
    assert actor["name"] == "Joe Biden" and actor["events"]
    assert all(ev["sentence"] for e in actor["events"] for ev in e["evidence"])
    page = client.get(href)
    assert page.status_code == 200 and "Joe Biden" in page.text
    assert actor["events"][0]["evidence"][0]["href"] in page.text
    assert client.get("/actors/kb%3Anobody.json").status_code == 404


def test_article_and_outlet_pages_with_json_twins(client: TestClient) -> None:
    story = haniyeh_story(client)
    href = story["articles"][0]["href"]
    article = client.get(f"{href}.json").json()
    assert "Haniyeh" in article["text"]
    page = client.get(href)
    assert page.status_code == 200 and 'class="hl hl-' in page.text
    outlet = client.get(article["outlet_href"].replace("/outlets?", "/outlets.json?")).json()
    assert any(a["href"] == href for a in outlet["articles"])
    assert client.get(article["outlet_href"]).status_code == 200
    assert client.get("/outlets/No%20Such%20Outlet.json").status_code == 404
    assert client.get("/outlets.json?name=No+Such+Outlet").status_code == 404


def test_openapi_documents_every_json_twin(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] == "newsweave"
    expected = {
        "/stories.json",
        "/stories/{story_id}.json",
        "/actors/{actor_id}.json",
        "/articles/{article_id}.json",
        "/outlets/{name}.json",
        "/outlets.json",
    }
    assert expected <= set(doc["paths"])
    for path in expected:
        operation = doc["paths"][path]["get"]
        assert operation["summary"] and "200" in {str(k) for k in operation["responses"]}
        names = re.findall(r"{(\w+)}", path)
        assert [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"] == names


def test_hostile_article_is_escaped_on_every_page(client: TestClient) -> None:
    listing = stories(client, "?q=Springfield")
    (match,) = listing["articles"]
    article = client.get(f"{match['href']}.json").json()
    # The cleaner drops the body's tags (kept as removals) but the title keeps its markup:
    # both reach the pages, as data to escape.
    assert "<script>alert(1)</script>" in article["title"] and "javascript:alert(6)" in article["text"]
    assert {"<img src=x onerror=alert(1)>", "<script>alert(3)</script>"} <= {
        r["text"] for r in article["removed"]
    }
    pages = [
        "/",
        "/?q=Springfield",
        match["href"],
        match["outlet_href"],
        *(s["href"] for s in listing["stories"]),
    ]
    for url in pages:
        html = client.get(url).text
        for active in ACTIVE:
            assert active not in html, (url, active)
    article_html = client.get(match["href"]).text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in article_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)" in article_html


def form_action(client: TestClient) -> str:
    """The add form's action URL, which carries the CSRF token."""
    action = re.search(r'<form action="(/add\?csrf_token=[^"]+)"', client.get("/add").text)
    assert action is not None
    return action.group(1)


def add(client: TestClient, **kwargs: object) -> tuple[int, list[str]]:
    data = kwargs.pop("data", {})
    response = client.post(form_action(client), data=data, **kwargs)  # type: ignore[arg-type]
    return response.status_code, re.findall(r'<p class="(?:error|message)">([^<]*)</p>', response.text)


def test_upload_of_a_seed_file_adds_it_and_refreshes_the_corpus(tmp_path: Path, shared: Path) -> None:
    path = tmp_path / "empty.db"
    Store.open(path).close()
    with TestClient(create_app(path, Settings()), base_url="http://127.0.0.1") as c:
        assert stories(c)["total"] == 0
        seed = next(SEEDS.glob("001_*.txt"))
        status, messages = add(c, files={"file": (seed.name, seed.read_bytes(), "text/plain")})
        assert status == 200, messages
        assert messages[0].startswith("added: ") and "corpus analysed again: 1 story" in messages
        assert stories(c)["total"] == 1
    assert list((tmp_path / "newsweave-uploads").iterdir())


def test_binary_upload_and_private_url_give_one_line_errors(client: TestClient) -> None:
    binary = bytes(range(256)) * 8
    status, messages = add(client, files={"file": ("photo.bin", binary, "application/octet-stream")})
    assert status == 422 and len(messages) == 1 and messages[0].startswith("error: ")
    assert "photo.bin" in messages[0] and "\n" not in messages[0]
    assert "newsweave-uploads" not in messages[0] and "/" not in messages[0].split("photo.bin")[0]
    status, messages = add(client, data={"url": "http://127.0.0.1:9/news.html"})
    assert status == 422 and len(messages) == 1
    assert messages[0].startswith("error: ") and "127.0.0.1" in messages[0]


def test_upload_over_the_size_limit_is_refused(store_path: Path) -> None:
    app = create_app(store_path, replace(Settings(), max_file_bytes=1000))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        status, messages = add(c, files={"file": ("big.txt", b"word " * 400, "text/plain")})
    assert status == 400 and messages == ["error: big.txt: file is over the 1000-byte limit (max_file_bytes)"]


def test_form_posts_without_the_token_or_from_another_site_are_refused(client: TestClient) -> None:
    assert client.post("/add", data={"url": "https://example.org/"}).status_code == 403
    # a token in the body is no token: the app decides before it reads the body
    token = form_action(client).split("=", 1)[1]
    assert client.post("/add", data={"url": "https://example.org/", "csrf_token": token}).status_code == 403
    assert client.post("/add?csrf_token=wrong", data={"url": "https://example.org/"}).status_code == 403
    status, _ = add(client, data={"url": "https://example.org/"}, headers={"origin": "https://evil.example"})
    assert status == 403
    status, _ = add(client, data={"url": "https://example.org/"}, headers={"sec-fetch-site": "cross-site"})
    assert status == 403
