"""The web app in-process (ASGI test client) over a temporary library: every page, the
JSON API, validation, size limits, security headers, and escaping of article text."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.web import WebSettings, create_app
from storyline.web.security import CSP

with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-bridge"
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = tmp_path_factory.mktemp("lib")
    with TestClient(create_app(WebSettings(library=library, max_body=3_000_000))) as c:
        files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLE.iterdir())]
        r = c.post("/add", files=files, data={"text": "", "urls": ""}, headers={"accept": "text/html"})
        assert r.status_code == 200, r.text
        yield c


def _story_id(client: TestClient) -> int:
    stories: list[dict[str, Any]] = client.get("/api/stories").json()
    return int(max(stories, key=lambda s: s["articles"])["id"])


def test_stories_page_lists_outlets_span_size(client: TestClient) -> None:
    html = client.get("/").text
    assert "Kestrel" in html and "5 articles" in html
    assert "Northport Ledger" in html or "Ledger" in html
    assert "2026-03" in html


def test_story_page_has_every_part(client: TestClient) -> None:
    r = client.get(f"/stories/{_story_id(client)}")
    assert r.status_code == 200
    for part in ('id="summary"', 'id="timeline"', 'class="tl-dot', 'id="quotes"', 'id="coverage"', 'id="sources"',
                 'class="cite"', "data-text="):
        assert part in r.text, part
    href = re.search(r'class="cite" href="(/articles/[0-9a-f]+#s\d+)"', r.text)
    assert href, "summary citations link to the article sentence"
    article = client.get(href.group(1).split("#")[0])
    assert article.status_code == 200
    assert f'id="{href.group(1).split("#")[1]}"' in article.text
    assert "Removed by cleaning" in article.text


def test_security_headers_everywhere(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/static/app.css", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"


def test_no_inline_scripts_styles_or_handlers(client: TestClient) -> None:
    for url in ("/", f"/stories/{_story_id(client)}", "/search?q=bridge", "/add", "/storylines", "/feeds"):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert " style=" not in html and "<style" not in html, url
        # no external assets (links out to an article's original page are not assets)
        assert not re.search(r'src="(https?:)?//', html), url
        assert not re.search(r'<link[^>]*href="(https?:)?//', html), url


def test_article_text_is_escaped(client: TestClient) -> None:
    r = client.post("/api/articles", json={"articles": [{"text": f"The harbour council met {EVIL}. " * 30,
                                                         "title": EVIL, "outlet": "Evil Times"}]})
    assert r.status_code == 200 and r.json()["added"] == 1
    story = r.json()["stories"][0]
    for url in (f"/stories/{story}", "/", "/search?q=harbour"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html or url == "/search?q=harbour"


def test_api_story_is_brief_json(client: TestClient) -> None:
    body = client.get(f"/api/stories/{_story_id(client)}").json()
    assert body["story"]["articles"] == 5
    assert body["brief"]["schema"] == "storyline.brief/1"
    assert body["brief"]["summary"]


def test_api_lists_and_search(client: TestClient) -> None:
    assert client.get("/api/stats").json()["articles"] >= 5
    hits = client.get("/api/search", params={"q": "bridge", "outlet": "Meridian Wire"}).json()
    articles = [h for h in hits if h["kind"] == "article"]
    assert articles and all(h["outlet"] == "Meridian Wire" for h in articles)
    assert client.get("/api/storylines").status_code == 200
    page = client.get("/search", params={"q": "bridge", "since": "2026-01-01"}).text
    assert "hit" in page and "/articles/" in page


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search", "/api/articles", "/api/stats"} <= set(paths)
    assert "/" not in paths  # pages are not API


@pytest.mark.parametrize(("url", "status"), [
    ("/api/stories?limit=0", 422), ("/api/stories?limit=abc", 422), ("/api/stories/999999", 404),
    ("/api/articles/nope", 404), ("/api/stories/99999999999999999999999", 422), ("/api/stories/0", 422), ("/api/search?q=", 422), ("/api/nope", 404), ("/search?q=x&since=notadate", 422),
])
def test_errors_are_json_with_a_message(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert isinstance(r.json()["error"], str) and r.json()["error"]


def test_error_pages_for_browsers(client: TestClient) -> None:
    r = client.get("/stories/999999", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<h1>404</h1>" in r.text


def test_validation_of_bodies(client: TestClient) -> None:
    assert client.post("/api/articles", json={"articles": [{"text": ""}]}).status_code == 422
    assert client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    r = client.post("/api/articles", json={"articles": [], "urls": []})
    assert r.status_code == 200 and r.json()["read"] == 0 and r.json()["problems"]


def test_body_size_limit(client: TestClient) -> None:
    r = client.post("/api/articles", content=b"x" * 3_100_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["error"]


def test_add_page_paste_text(client: TestClient) -> None:
    text = (EXAMPLE / "02_coastline-daily.txt").read_text(encoding="utf-8")
    r = client.post("/add", data={"text": text, "title": "", "urls": ""})
    assert r.status_code == 200 and "already in the library" in r.text
    assert client.get("/add").status_code == 200


def test_cross_site_posts_and_foreign_hosts_refused(tmp_path: Path) -> None:
    r = TestClient(create_app(WebSettings(library=tmp_path))).post(
        "/api/articles", json={"articles": []}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["error"]
    r = TestClient(create_app(WebSettings(library=tmp_path))).post(
        "/add", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    local = TestClient(create_app(WebSettings(library=tmp_path, allowed_hosts=("127.0.0.1", "localhost"))))
    assert local.get("/api/stats", headers={"host": "rebind.evil.example"}).status_code == 403
    assert local.get("/api/stats", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_json_body_limit(tmp_path: Path) -> None:
    client = TestClient(create_app(WebSettings(library=tmp_path, max_json=1000)))
    r = client.post("/api/articles", json={"articles": [{"text": "x" * 2000}]})
    assert r.status_code == 413


def test_every_citation_lands_on_its_sentence(client: TestClient) -> None:
    import html as html_lib

    page = client.get(f"/stories/{_story_id(client)}").text
    cites = re.findall(r'class="cite" href="/articles/([0-9a-f]+)#(s\d+)"[^>]*data-text="([^"]*)"', page)
    assert len(cites) > 5
    articles: dict[str, str] = {}
    for article_id, anchor, text in cites:
        if article_id not in articles:
            articles[article_id] = client.get(f"/articles/{article_id}").text
        found = re.search(rf'<span id="{anchor}" class="sent">([^<]*)</span>', articles[article_id])
        assert found, (article_id, anchor)
        # a summary cites whole sentences; a quote or a figure, a span inside one
        assert html_lib.unescape(text) in html_lib.unescape(found.group(1))


def test_head_requests(client: TestClient) -> None:
    r = client.head("/api/stats")
    assert r.status_code == 200 and r.content == b"" and r.headers["content-security-policy"] == CSP


def test_add_page_refuses_private_urls_by_default(client: TestClient) -> None:
    r = client.post("/add", data={"text": "", "urls": "http://169.254.169.254/latest/meta-data/\nhttp://10.0.0.7/"})
    assert r.status_code == 422
    assert r.text.count("not fetched") == 2 and "metadata" in r.text
