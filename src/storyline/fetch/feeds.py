"""Feeds: parse with feedparser, turn items into documents, refresh subscriptions.

An item's key is its id (guid), else its link, else its title; keys already taken from a
feed are remembered in the fetch state, so re-reading a feed adds only new items, and the
keys are marked only after the library has committed the items (a crash re-reads them,
and the library's own dedup makes that a no-op). An item with the full text in the feed
(content:encoded, or a long summary) is read from there; otherwise its page is fetched,
and an item whose page cannot be fetched (with no text in the feed) is tried again on the
next refresh rather than marked taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import feedparser

from storyline.fetch.client import Fetched, Fetcher, FetchError, FetchSettings
from storyline.fetch.guard import FetchRefused
from storyline.fetch.state import FetchState
from storyline.ingest import IngestResult
from storyline.ingest.html import read_html
from storyline.ingest.result import DEFAULT_LIMITS
from storyline.model import Problem, RawDocument

FULL_TEXT_WORDS = 120  # an item with at least this many words of content is read from the feed
_TAG = re.compile(r"<[^>]+>")


@dataclass(slots=True)
class FeedReport:
    feeds: int = 0
    not_modified: int = 0
    items: int = 0  # items in the feeds as read
    new: int = 0  # items not taken before
    added: int = 0  # new articles in the library
    problems: list[Problem] = field(default_factory=list)


def _key(entry: Any) -> str:
    return str(entry.get("id") or entry.get("link") or entry.get("title") or "")


def _published(entry: Any) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    except ValueError:
        return None


def _content(entry: Any) -> str:
    for part in entry.get("content") or ():
        if part.get("value"):
            return str(part["value"])
    return str(entry.get("summary") or "")


def _from_content(content: str, title: str | None, source: str, link: str | None) -> IngestResult:
    page = f"<html><head><title>{escape(title or '')}</title></head><body><article>{content}</article></body></html>"
    return read_html(page.encode("utf-8"), source, DEFAULT_LIMITS, url=link)


def _item(entry: Any, feed_url: str, outlet: str | None, fetcher: Fetcher) -> tuple[IngestResult, bool]:
    """The item as documents, and whether a failure was transient (its page could not be
    fetched and the feed has no text of its own): such an item is tried again next time."""
    link = entry.get("link") or None
    source = link or f"{feed_url}#{_key(entry)}"
    title, published = entry.get("title") or None, _published(entry)
    content = _content(entry)
    if len(_TAG.sub(" ", content).split()) >= FULL_TEXT_WORDS or not link:
        if not content.strip():
            return IngestResult(problems=[Problem(source, "feed item with no text and no link, skipped")]), False
        result = _from_content(content, title, source, link)
    else:
        from storyline.fetch.pages import page_result

        try:
            result = page_result(fetcher.get(link, conditional=False))
        except (FetchRefused, FetchError) as exc:
            if not content.strip():
                return IngestResult(problems=[Problem(source, f"not fetched: {exc}")]), True
            result = IngestResult()  # the page is out of reach: the feed's own text will do
        if not result.documents and content.strip():
            result = _from_content(content, title, source, link)
    # The feed's own title, date and outlet are better metadata than a guess from the text.
    docs = [RawDocument(source=source, text=d.text, title=title or d.title, url=link or d.url,
                        outlet=outlet or d.outlet, published=published or d.published, author=d.author,
                        language=d.language, kind=d.kind) for d in result.documents]
    return IngestResult(documents=docs, problems=result.problems), False


def parse(fetched: Fetched) -> tuple[str | None, list[Any]]:
    """(the feed's title, its entries)."""
    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.url})
    return parsed.feed.get("title") or None, list(parsed.entries)


def feed_documents(fetched: Fetched, fetcher: Fetcher, seen: set[str] = frozenset(),  # type: ignore[assignment]
                   keys_out: list[str] | None = None, parsed: tuple[str | None, list[Any]] | None = None
                   ) -> IngestResult:
    """The items of a fetched feed as documents, leaving out those whose key is in ``seen``;
    the keys of items done with are appended to ``keys_out`` (not those to try again)."""
    title, entries = parsed or parse(fetched)
    result = IngestResult()
    taken: set[str] = set()
    for entry in entries:
        key = _key(entry)
        if key in seen or key in taken:  # a feed may list one item twice
            continue
        taken.add(key)
        item, transient = _item(entry, fetched.url, title, fetcher)
        result.extend(item)
        if keys_out is not None and not transient:
            keys_out.append(key)
    return result


def update_feeds(library: str | Path, settings: FetchSettings, add: Callable[[Sequence[RawDocument]], int],
                 only: Sequence[str] | None = None) -> FeedReport:
    """Refresh every subscribed feed (or ``only`` these): conditional GET, new items only,
    each feed's new items handed to ``add`` (which returns how many articles it added)."""
    report = FeedReport()
    state = FetchState(library)
    try:
        with Fetcher(settings, state) as fetcher:
            for feed in state.feeds():
                if only and feed.url not in only:
                    continue
                report.feeds += 1
                try:
                    fetched = fetcher.get(feed.url, conditional=True)
                except (FetchRefused, FetchError) as exc:
                    report.problems.append(Problem(feed.url, f"not fetched: {exc}"))
                    state.checked(feed.url, f"error: {exc}", None, 0)
                    continue
                if fetched.not_modified:
                    report.not_modified += 1
                    state.checked(feed.url, "not modified", None, 0)
                    continue
                title, entries = parsed = parse(fetched)
                keys: list[str] = []
                seen = state.seen(feed.url, [_key(e) for e in entries])
                result = feed_documents(fetched, fetcher, seen, keys, parsed)
                report.items += len(entries)
                report.new += len(keys)  # items done with (an item whose page failed is tried again)
                report.problems.extend(result.problems)
                if result.documents:
                    report.added += add(result.documents)
                state.mark_seen(feed.url, keys)  # only after the library committed them
                if len(seen) + len(keys) < len({_key(e) for e in entries}):
                    state.forget_validators(feed.url)  # items to try again: no 304 next time
                state.checked(feed.url, "ok", title, len(keys))
    finally:
        state.close()
    return report
