"""URLs to documents: a page through trafilatura (ingest's HTML reader), plain text as
text, a feed as its items. What ``storyline add URL`` and the web app's add form use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.ingest import IngestResult, read_bytes
from storyline.ingest.html import read_html
from storyline.ingest.result import DEFAULT_LIMITS
from storyline.model import Problem

if TYPE_CHECKING:  # the HTTP stack loads only when a URL is fetched (see the package docstring)
    from storyline.fetch.client import Fetched, Fetcher, FetchSettings


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def split_urls(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(paths, urls): what ``storyline add`` reads from disk and what it fetches."""
    return [i for i in inputs if not is_url(i)], [i for i in inputs if is_url(i)]


def looks_like_feed(fetched: Fetched) -> bool:
    if fetched.content_type in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    head = fetched.body[:2000].lstrip().lower()
    return (fetched.content_type.endswith("xml") or head.startswith(b"<?xml")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def page_result(fetched: Fetched) -> IngestResult:
    """One fetched page (not a feed) as an ingest result."""
    if fetched.content_type.startswith(("text/html", "application/xhtml")) or not fetched.content_type:
        return read_html(fetched.body, fetched.url, DEFAULT_LIMITS, url=fetched.url)
    return read_bytes(fetched.body, fetched.url)


def read_urls(urls: Sequence[str], settings: FetchSettings | None = None,
              state_dir: str | Path | None = None, fetcher: Fetcher | None = None) -> IngestResult:
    """Fetch each URL: a page becomes one document, a feed its items; a URL that cannot be
    fetched becomes one ``Problem`` (refused by the guard or robots.txt, HTTP error, size,
    content type). One-off reads are not conditional: the user asked for this page now."""
    from storyline.fetch.client import Fetcher, FetchError, FetchSettings
    from storyline.fetch.feeds import feed_documents
    from storyline.fetch.guard import FetchRefused
    from storyline.fetch.state import FetchState

    result = IngestResult()
    state = FetchState(state_dir) if fetcher is None and state_dir is not None else None
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings or FetchSettings(), state)
    try:
        for url in urls:
            try:
                fetched = fetcher.get(url, conditional=False)
                if looks_like_feed(fetched):
                    result.extend(feed_documents(fetched, fetcher))
                else:
                    result.extend(page_result(fetched))
            except (FetchRefused, FetchError) as exc:
                result.problems.append(Problem(url, f"not fetched: {exc}"))
    finally:
        if own:
            fetcher.close()
        if state is not None:
            state.close()
    return result


def read_inputs(inputs: Sequence[str], library: str | Path | None = None) -> IngestResult:
    """What ``storyline add`` reads: paths (files, folders, ``-``) through ingest and
    http(s) URLs fetched with the library's fetch settings, documents in input order by kind."""
    from storyline.fetch.config import load_settings
    from storyline.ingest import read_sources
    from storyline.store import default_library

    paths, urls = split_urls(inputs)
    result = read_sources(paths)
    if urls:
        folder = library if library is not None else default_library()
        result.extend(read_urls(urls, load_settings(folder), state_dir=folder))
    return result
