"""Every read and write of the library on behalf of requests, and the caches that make
pages fast.

Requests run in a thread pool, so each thread keeps its own store connection (SQLite
connections are not shared across threads here); writes (adds, feed refreshes) are
serialised by one lock on one writer connection, and WAL lets readers go on meanwhile.
A story's brief is built once per set of articles and kept in a small LRU: the key is the
story's article ids, so a story that gains an article is rebuilt on its next view.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Article, Brief
from storyline.store import Store, Story, open_store
from storyline.web.memo import Memo

_BRIEFS = 128
_PREWARM = 16  # stories whose briefs an add builds ahead


@dataclass(frozen=True, slots=True)
class StoryCard:
    """A story as the list shows it: the stored record plus its outlets."""

    story: Story
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryBrief:
    story: Story
    brief: Brief
    store_ids: dict[str, str]  # brief article source -> stored article id
    cache: dict[str, Any]  # per-brief derived values (the view, the JSON), filled lazily


class Library:
    def __init__(self, location: Path | str) -> None:
        self.location = str(location)
        self._local = threading.local()
        self._stores: list[tuple[threading.Thread, Store]] = []
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        self._briefs: OrderedDict[tuple[int, tuple[str, ...]], StoryBrief] = OrderedDict()
        self._outlets: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._removed: dict[str, tuple[Any, ...]] = {}
        self._memo = Memo()
        self._unsaved: dict[int, tuple[str, str, str]] = {}  # story -> brief to store when the writer is free
        self._lock = threading.Lock()
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-prewarm")
        self.store()  # create (and migrate) the library before the first request

    def store(self) -> Store:
        """This thread's read connection."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.location)
            self._local.store = store
            with self._lock:
                # Worker threads come and go (idle ones exit): close the stores of dead ones.
                for thread, old in self._stores:
                    if not thread.is_alive():
                        old.close()
                self._stores = [(t, s) for t, s in self._stores if t.is_alive()]
                self._stores.append((threading.current_thread(), store))
        return store

    def prewarm(self, stories: Sequence[int]) -> None:
        """Build these stories' briefs in the background (after an add), so opening one is
        fast; a failure here only means the page builds it itself."""
        for story in stories[:_PREWARM]:
            self._background.submit(self.story_brief, story)

    def close(self) -> None:
        self._background.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for _thread, store in self._stores:
                store.close()
            self._stores.clear()
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    # -- reading
    def memo(self, key: tuple[Any, ...], make: Any) -> Any:
        """``make()``, cached under ``key`` until the library changes (search results, lists)."""
        return self._memo.get(key, make, self.store().path)

    def cards(self, limit: int, offset: int = 0, since_day: int | None = None) -> list[StoryCard]:
        store = self.store()
        stories = store.stories(since_day, offset + limit)[offset:]
        return [StoryCard(s, self._story_outlets(store, s.id)) for s in stories]

    def _story_outlets(self, store: Store, story: int) -> tuple[str, ...]:
        ids = tuple(store.story_article_ids(story))
        found = self._outlets.get(ids)
        if found is None:
            seen: dict[str, None] = {}
            for article in store.articles(ids):
                seen.setdefault(article.outlet, None)
            found = self._outlets[ids] = tuple(seen)
            if len(self._outlets) > 10_000:  # a bound, not a policy: start afresh
                self._outlets.clear()
        return found

    def cached_brief(self, story_id: int) -> StoryBrief | bool:
        """The story's brief if it is built already; else True if the story exists (build
        it with ``story_brief``, off the event loop), False if it does not."""
        store = self.store()
        story = store.story(story_id)
        if story is None:
            return False
        key = (story_id, tuple(store.story_article_ids(story_id)))
        with self._lock:
            hit = self._briefs.get(key)
            if hit is not None:
                self._briefs.move_to_end(key)
                return hit
        return True

    def story_brief(self, story_id: int, words: int = 200) -> StoryBrief | None:
        hit = self.cached_brief(story_id)
        if not isinstance(hit, bool):
            return hit
        if not hit:
            return None
        store = self.store()
        story = store.story(story_id)
        ids = tuple(store.story_article_ids(story_id))
        if story is None:
            return None
        key = (story_id, ids)
        made = self._build(store, story, ids, words)
        with self._lock:
            self._briefs[key] = made
            while len(self._briefs) > _BRIEFS:
                self._briefs.popitem(last=False)
        return made

    def _build(self, store: Store, story: Story, ids: Sequence[str], words: int) -> StoryBrief:
        from storyline.brief import brief_from_articles
        from storyline.options import BriefOptions
        from storyline.render import render

        articles = store.articles(ids)
        # As `storyline story` does: stored articles are already clean, brief them as they are.
        brief = brief_from_articles(list(articles), BriefOptions(words=words))
        # Briefs are searchable once made; but a page never waits for an add (or a feed
        # refresh) in progress to store one: the add stores it when it is done.
        with self._lock:
            self._unsaved[story.id] = (brief.headline, " ".join(s.text for s in brief.summary), render(brief, "md"))
        if self._write_lock.acquire(blocking=False):
            try:
                self._save_briefs()
            finally:
                self._write_lock.release()
        return StoryBrief(story, brief, {a.source: a.id for a in articles}, {})

    def article(self, article_id: str) -> Article | None:
        found = self.store().articles([article_id])
        return found[0] if found else None

    def removed(self, article: Article) -> tuple[Any, ...]:
        """What cleaning removed from ``article`` (``DroppedLine``s), cached: an article's
        text never changes under its id (the id is a hash of the clean text)."""
        found = self._removed.get(article.id)
        if found is None:
            from storyline.clean import clean_text

            found = clean_text(article.raw_text, title=article.title).dropped
            if len(self._removed) > 10_000:
                self._removed.clear()
            self._removed[article.id] = found
        return found

    def article_story(self, article_id: str) -> int | None:
        return self.store().article_stories([article_id]).get(article_id)

    # -- writing
    def _writer_store(self) -> Store:
        if self._writer is None:
            self._writer = open_store(self.location)
        return self._writer

    def add(self, docs: Sequence[RawDocument]) -> Any:
        """Add documents through the corpus pipeline; returns its ``AddReport``."""
        from storyline.cluster.pipeline import Corpus

        with self._write_lock:
            try:
                return Corpus(self._writer_store()).add(docs)
            finally:
                self._save_briefs()

    def _save_briefs(self) -> None:
        """Store the briefs made since the last write (the caller holds the write lock)."""
        with self._lock:
            pending, self._unsaved = self._unsaved, {}
        if pending:
            writer = self._writer_store()
            with writer.batch():
                for story, (headline, summary, markdown) in pending.items():
                    writer.save_brief(story, headline, summary, markdown)
