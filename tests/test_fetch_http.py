"""Fetching pages and feeds from a local HTTP server on 127.0.0.1, with the SSRF guard
explicitly relaxed (and proof that it refuses the same server by default)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.cluster.pipeline import Corpus
from storyline.fetch import FetchError, FetchRefused, FetchSettings, Fetcher, read_urls, update_feeds
from storyline.fetch.state import FetchState
from storyline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-bridge"
LOCAL = FetchSettings(allow_private=True, rate_interval=0, timeout=5)


def _item(i: int, text: str) -> str:
    return (f"<item><title>Item {i}</title><link>http://HOST/page/{i}</link><guid>item-{i}</guid>"
            f"<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description><![CDATA[{text}]]></description></item>")


class Site:
    """Routes of the test server, editable per test."""

    def __init__(self) -> None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
        self.routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        page = "<html><head><title>Bridge</title></head><body><nav>Home | News</nav><article><h1>Bridge</h1>" + \
            "".join(f"<p>{p}</p>" for p in texts[0].split("\n\n")) + "</article></body></html>"
        self.add("/page/0", page.encode(), "text/html; charset=utf-8")
        self.add("/plain", texts[1].encode(), "text/plain; charset=utf-8")
        self.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
        self.add("/private/page", page.encode(), "text/html")
        self.add("/image", b"\x89PNG....", "image/png")
        self.add("/big", b"x" * 2_000_000, "text/plain")
        self.routes["/redirect"] = (302, "text/plain", b"", {"Location": "/page/0"})
        self.routes["/loop"] = (302, "text/plain", b"", {"Location": "/loop"})
        self.routes["/to-metadata"] = (302, "text/plain", b"", {"Location": "http://169.254.169.254/latest/"})
        rss = "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbor Feed</title>" + \
            "".join(_item(i, t) for i, t in enumerate(texts)) + "</channel></rss>"
        self.feed = rss
        self.add("/feed.xml", rss.encode(), "application/rss+xml", {"ETag": '"v1"'})

    def add(self, path: str, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.routes[path] = (200, ctype, body, headers or {})


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.hits.append((self.path, dict(self.headers)))
            status, ctype, body, headers = state.routes.get(self.path, (404, "text/plain", b"no", {}))
            if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", formatdate(0, usegmt=True))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that stops reading (size cap, content type) is what some tests do

    server = Server(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.routes["/feed.xml"] = (200, "application/rss+xml", state.feed.replace("http://HOST", base).encode(),
                                 {"ETag": '"v1"'})
    try:
        yield state, base
    finally:
        server.shutdown()
        server.server_close()


def test_guard_refuses_local_server_by_default(site: tuple[Site, str]) -> None:
    state, base = site
    with Fetcher(FetchSettings(rate_interval=0)) as f, pytest.raises(FetchRefused):
        f.get(base + "/page/0")
    assert state.hits == []  # refused before any traffic


def test_page_is_extracted(site: tuple[Site, str]) -> None:
    _, base = site
    result = read_urls([base + "/page/0", base + "/plain"], LOCAL)
    assert not result.problems
    assert len(result.documents) == 2
    assert "Home | News" not in result.documents[0].text
    assert result.documents[0].url == base + "/page/0"


def test_user_agent_redirects_and_robots(site: tuple[Site, str]) -> None:
    state, base = site
    with Fetcher(LOCAL) as f:
        got = f.get(base + "/redirect")
        assert got.url == base + "/page/0" and got.status == 200
        with pytest.raises(FetchRefused, match="robots"):
            f.get(base + "/private/page")
        with pytest.raises(FetchError, match="redirects"):
            f.get(base + "/loop")
        with pytest.raises(FetchRefused):
            f.get(base + "/to-metadata")  # the guard checks every hop, even with private allowed
    assert all(h[1].get("User-Agent", "").startswith("storyline/") for h in state.hits)
    assert ("/private/page", ) not in [(h[0],) for h in state.hits]


def test_content_type_and_size_caps(site: tuple[Site, str]) -> None:
    _, base = site
    with Fetcher(FetchSettings(allow_private=True, rate_interval=0, max_bytes=1_000_000)) as f:
        with pytest.raises(FetchError, match="content type"):
            f.get(base + "/image")
        with pytest.raises(FetchError, match="limit"):
            f.get(base + "/big")


def test_conditional_get(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    fs = FetchState(tmp_path)
    with Fetcher(LOCAL, fs) as f:
        assert f.get(base + "/feed.xml").status == 200
        again = f.get(base + "/feed.xml")
    assert again.not_modified
    assert state.hits[-1][1].get("If-None-Match") == '"v1"'
    fs.close()


def test_feed_update_adds_each_item_once(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    fs = FetchState(tmp_path)
    assert fs.add_feed(base + "/feed.xml")
    fs.close()
    with open_store(tmp_path) as store:
        add = lambda docs: Corpus(store).add(docs).added  # noqa: E731
        first = update_feeds(tmp_path, LOCAL, add)
        assert first.new == 4 and first.added == 4 and not first.problems
        second = update_feeds(tmp_path, LOCAL, add)  # 304: nothing read
        assert second.not_modified == 1 and second.added == 0
        state.routes["/feed.xml"] = (*state.routes["/feed.xml"][:3], {"ETag": '"v2"'})
        third = update_feeds(tmp_path, LOCAL, add)  # re-read in full: every item already taken
        assert third.items == 4 and third.new == 0 and third.added == 0
        assert store.stats().articles == 4


def test_feed_given_as_url_reads_items(site: tuple[Site, str]) -> None:
    _, base = site
    result = read_urls([base + "/feed.xml"], LOCAL)
    assert len(result.documents) == 4
    assert all(d.outlet == "Harbor Feed" for d in result.documents)


def test_web_add_urls(site: tuple[Site, str], tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we pin
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from storyline.web import WebSettings, create_app

    _, base = site
    with TestClient(create_app(WebSettings(library=tmp_path / "lib", allow_private=True))) as client:
        r = client.post("/api/articles", json={"urls": [base + "/page/0"]})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 1
    with TestClient(create_app(WebSettings(library=tmp_path / "lib2"))) as client:
        r = client.post("/api/articles", json={"urls": [base + "/page/0"]})
        assert r.json()["added"] == 0 and "not fetched" in r.json()["problems"][0]


def test_cli_feeds_add_list_update(site: tuple[Site, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from storyline.cli import main

    _, base = site
    lib = str(tmp_path / "lib")
    assert main(["feeds", "add", base + "/feed.xml", "--library", lib]) == 0
    assert main(["feeds", "update", "--library", lib]) == 1  # refused by default: reported, exit 1
    assert "not fetched" in capsys.readouterr().err
    (tmp_path / "lib" / "settings.json").write_text(json.dumps({"fetch": {"allow_private": True, "rate_interval": 0}}))
    assert main(["feeds", "update", "--library", lib]) == 0
    assert "4 new articles" in capsys.readouterr().err
    assert main(["feeds", "list", "--library", lib]) == 0
    assert "Harbor Feed" in capsys.readouterr().out
    with open_store(lib) as store:
        assert store.stats().articles == 4


def test_serve_refreshes_feeds_in_the_background(site: tuple[Site, str], tmp_path: Path) -> None:
    import time
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from storyline.web import WebSettings, create_app

    _, base = site
    fs = FetchState(tmp_path)
    fs.add_feed(base + "/feed.xml")
    fs.close()
    (tmp_path / "settings.json").write_text('{"fetch": {"rate_interval": 0}}')
    app = create_app(WebSettings(library=tmp_path, allow_private=True, update_every=3600))
    with TestClient(app) as client:
        # The first refresh runs at start-up, in its own thread; requests are served meanwhile.
        assert client.get("/api/stats").status_code == 200
        for _ in range(600):
            if client.get("/api/stats").json()["articles"] == 4:
                break
            time.sleep(0.1)
        assert client.get("/api/stats").json()["articles"] == 4


def test_read_inputs_mixes_paths_and_urls(site: tuple[Site, str], tmp_path: Path) -> None:
    import json

    from storyline.fetch import read_inputs

    _, base = site
    (tmp_path / "settings.json").write_text(json.dumps({"fetch": {"allow_private": True, "rate_interval": 0}}))
    result = read_inputs([str(EXAMPLE / "02_coastline-daily.txt"), base + "/page/0"], tmp_path)
    assert len(result.documents) == 2 and not result.problems
    refused = read_inputs([base + "/page/0"], tmp_path / "other")
    assert not refused.documents and "not fetched" in refused.problems[0].reason


def test_connection_is_pinned_and_host_kept(site: tuple[Site, str]) -> None:
    state, base = site
    port = base.rsplit(":", 1)[1]
    with Fetcher(LOCAL) as f:
        got = f.get(f"http://localhost:{port}/plain")
    assert got.status == 200
    assert state.hits[-1][1]["Host"] == f"localhost:{port}"  # connected to the checked IP, named by host


def test_rate_limit_spaces_requests_to_one_host(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.fetch import policy

    waits: list[float] = []
    monkeypatch.setattr(policy.time, "sleep", waits.append)
    limit = policy.RateLimit(2.0)
    limit.wait("a.example")
    limit.wait("b.example")  # another host: no wait
    limit.wait("a.example")  # same host: waits its turn
    assert len(waits) == 1 and 0 < waits[0] <= 2.0


def test_robots_rules() -> None:
    from storyline.fetch.policy import Robots

    robots = Robots("storyline/1", lambda origin: (200, "User-agent: *\nDisallow: /private/\n"))
    assert robots.allowed("http://h", "http://h/news/1")
    assert not robots.allowed("http://h", "http://h/private/x")
    assert not Robots("storyline/1", lambda o: (403, "")).allowed("http://h", "http://h/a")
    assert Robots("storyline/1", lambda o: (404, "")).allowed("http://h", "http://h/a")


def test_web_feeds_page_and_api(site: tuple[Site, str], tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from storyline.web import WebSettings, create_app

    _, base = site
    (tmp_path / "settings.json").write_text('{"fetch": {"rate_interval": 0}}')
    with TestClient(create_app(WebSettings(library=tmp_path, allow_private=True))) as client:
        assert client.post("/api/feeds", json={"url": "javascript:alert(1)"}).status_code == 422
        assert client.post("/api/feeds", json={"url": base + "/feed.xml"}).json()[0]["url"] == base + "/feed.xml"
        page = client.post("/feeds", data={"action": "update"})
        assert page.status_code == 200 and "4 new articles" in page.text
        assert client.post("/api/feeds/update").json()["not_modified"] == 1
        assert "Harbor Feed" in client.get("/feeds").text


def test_feed_item_whose_page_fails_is_tried_again(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    short = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Short</title>"
             f"<item><title>Later</title><link>{base}/later</link><guid>later</guid></item></channel></rss>")
    state.add("/short.xml", short.encode(), "application/rss+xml", {"ETag": '"s1"'})
    fs = FetchState(tmp_path)
    fs.add_feed(base + "/short.xml")
    fs.close()
    with open_store(tmp_path) as store:
        add = lambda docs: Corpus(store).add(docs).added  # noqa: E731
        first = update_feeds(tmp_path, LOCAL, add)
        assert first.added == 0 and first.problems and first.new == 0  # 404: not taken, not lost
        state.routes["/later"] = state.routes["/page/0"]
        second = update_feeds(tmp_path, LOCAL, add)
        assert second.new == 1 and second.added == 1


def test_cli_add_accepts_urls(site: tuple[Site, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from storyline.cli import main

    _, base = site
    lib = tmp_path / "lib"
    assert main(["add", base + "/page/0", "--library", str(lib)]) == 3  # refused by default: nothing read
    assert "not fetched" in capsys.readouterr().err
    (lib / "settings.json").write_text(json.dumps({"fetch": {"allow_private": True, "rate_interval": 0}}))
    assert main(["add", base + "/page/0", str(EXAMPLE / "02_coastline-daily.txt"), "--library", str(lib)]) == 0
    with open_store(lib) as store:
        assert store.stats().articles == 2
