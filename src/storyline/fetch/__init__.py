"""Live sources: fetch pages and feeds from the web, safely, into ``RawDocument``s.

    settings = FetchSettings()                        # refuses private addresses by default
    result = read_urls(["https://example.org/a"], settings, state_dir="~/news")
    report = update_feeds(library_dir, settings, add)  # every subscribed feed, new items only

``guard`` refuses private, loopback, link-local and metadata addresses after DNS resolution
and on every redirect; ``client`` does the HTTP (httpx: timeouts, size caps, content-type
checks, bounded redirects, conditional GET, per-host rate limit, robots.txt, a clear
User-Agent) and pins each connection to the address it checked; ``state`` keeps ETags and
feed subscriptions in ``fetch_state.sqlite3`` beside the library; ``feeds`` parses feeds
with feedparser; ``pages`` turns responses into documents (trafilatura via ingest).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Lazy exports: ``storyline add`` of local files imports this package, and httpx and
# feedparser cost ~0.15 s to import, so they load only when a URL is actually fetched.
_EXPORTS = {
    "FeedReport": "feeds", "update_feeds": "feeds",
    "FetchError": "client", "FetchSettings": "client", "Fetched": "client", "Fetcher": "client",
    "FetchRefused": "guard",
    "is_url": "pages", "read_inputs": "pages", "read_urls": "pages", "split_urls": "pages",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"storyline.fetch.{_EXPORTS[name]}"), name)
