"""The feed part of the "## Web" bench: a local RSS feed of 1,000 items (full text in the
feed; items with a short description have their page served too) through ``update_feeds``
into a fresh library; items per second; then the feed re-read unchanged (a 304), with 100
new items, and in full under a new ETag: no item lost (every item is stored as a source of
an article, unless cleaning left it no text) and none duplicated."""

from __future__ import annotations

import random
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-bridge"
VAL250 = ROOT.parent / "shared" / "data" / "multinews-val250.jsonl"
_SENT = re.compile(r"(?<=[.!?])\s+")
_SYL = "ka lo mi ren sa to vel dor an ish ur be ny qua zel mor tin pa rek so".split()


def _variant(text: str, rng: random.Random) -> str:
    """The text with a fifth of its sentences dropped and one word in twelve invented: the
    same story, but not a near-duplicate of another variant."""
    out = []
    for para in text.split("\n\n"):
        sentences = [s for s in _SENT.split(para) if rng.random() > 0.2] or [para]
        words = [("".join(rng.choice(_SYL) for _ in range(2)) if rng.random() < 1 / 12 else w)
                 for w in " ".join(sentences).split(" ")]
        out.append(" ".join(words))
    return "\n\n".join(out)


def _story_docs(n: int = 20) -> list:  # list[RawDocument]
    from storyline.ingest import read_sources
    from storyline.model import RawDocument

    base = read_sources([str(EXAMPLE)]).documents
    rng = random.Random(7)
    docs = []
    for i in range(n):
        d = base[i % len(base)]
        docs.append(RawDocument(source=f"bench/{i}/{d.source}", text=_variant(d.text, rng), title=d.title, url=None,
                                outlet=f"{d.outlet or 'Outlet'} {i // len(base) + 1}",
                                # years after the original story, so the variants never join it
                                published=d.published.replace(year=2031) if d.published else None,
                                kind="text"))
    return docs


def _feed_texts(n: int) -> list[tuple[str, str]]:
    """(title, text) for ``n`` distinct articles: synthetic val250 stories if ../shared has
    them, else variants of the example story."""
    if VAL250.exists():
        import corpus_synth

        return [(r["title"], r["text"]) for r in corpus_synth.articles(VAL250, n, seed=3)]
    docs = _story_docs(n)
    return [(d.title or "untitled", d.text) for d in docs]


def _rss(items: list[tuple[str, str]], base: str) -> bytes:
    parts = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Bench Wire</title>"]
    for i, (title, text) in enumerate(items):
        body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
        parts.append(f"<item><title>{escape(title)}</title><link>{base}/item/{i}</link><guid>bench-{i}</guid>"
                     f"<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>{escape(body)}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def feed_ingest(folder: Path, n: int = 1000, extra: int = 100) -> dict[str, float]:
    from storyline.cluster.pipeline import Corpus
    from storyline.fetch import FetchSettings, update_feeds
    from storyline.fetch.state import FetchState
    from storyline.store import open_store

    texts = _feed_texts(n + extra)
    feed = {"body": b"", "etag": '"1"'}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.headers.get("If-None-Match") == feed["etag"]:
                self.send_response(304)
                self.end_headers()
                return
            body, ctype = feed["body"], "application/rss+xml"
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            if self.path.startswith("/item/"):  # an item's page, for items with a short description
                title, text = texts[int(self.path.rsplit("/", 1)[1])]
                body = ("<html><head><title>" + escape(title) + "</title></head><body><article>" +
                        "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n")) + "</article></body></html>").encode()
                ctype = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", feed["etag"])
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda request, address: None  # type: ignore[method-assign] # clients that hang up
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = FetchSettings(allow_private=True, rate_interval=0, max_bytes=100_000_000)
    out: dict[str, float] = {"items": n}
    try:
        state = FetchState(folder)
        state.add_feed(base + "/feed.xml")
        state.close()
        with open_store(folder) as store:
            empty = [0]

            def add(docs: list) -> int:  # type: ignore[type-arg]
                report = Corpus(store).add(docs)
                empty[0] += report.empty  # no article text left after cleaning: read, not stored
                return report.added

            feed["body"] = _rss(texts[:n], base)
            t = time.perf_counter()
            first = update_feeds(folder, settings, add)
            out["seconds"] = time.perf_counter() - t
            out["new1"], out["sources1"], out["empty1"] = first.new, store.stats().sources, empty[0]
            out["not_modified"] = update_feeds(folder, settings, add).not_modified  # same ETag: 304
            feed["body"], feed["etag"] = _rss(texts[:n + extra], base), '"2"'
            second = update_feeds(folder, settings, add)
            out["new2"], out["sources2"] = second.new, store.stats().sources
            feed["etag"] = '"3"'  # same items, new ETag: read in full again
            third = update_feeds(folder, settings, add)
            out["new3"], out["sources3"] = third.new, store.stats().sources
            out["articles"] = store.stats().articles
            out["empty"] = empty[0]
            out["problems"] = len(first.problems) + len(second.problems) + len(third.problems)
    finally:
        server.shutdown()
        server.server_close()
    return out
