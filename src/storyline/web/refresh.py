"""Background feed refresh for ``storyline serve --update-every``: a daemon thread that
refreshes every subscribed feed on a schedule, so requests are never blocked by it (adds
take the library's write lock only while they store a batch)."""

from __future__ import annotations

import logging
import threading

from storyline.web.library import Library
from storyline.web.settings import WebSettings

log = logging.getLogger("storyline.web.refresh")


class Refresher:
    def __init__(self, library: Library, settings: WebSettings) -> None:
        self.library = library
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="feed-refresh", daemon=True)
        self.runs = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def refresh_once(self) -> None:
        from storyline.fetch import update_feeds
        from storyline.fetch.config import load_settings

        fetch = load_settings(self.settings.library, allow_private=self.settings.allow_private or None)
        report = update_feeds(self.settings.library, fetch, lambda docs: self.library.add(docs).added)
        self.runs += 1
        log.info("feeds refreshed: %d feeds, %d new items, %d added, %d problems", report.feeds, report.new,
                 report.added, len(report.problems))

    def _run(self) -> None:
        interval = float(self.settings.update_every or 0)
        while not self._stop.is_set():
            try:
                self.refresh_once()
            except Exception:  # noqa: BLE001 - a failed refresh must not end the schedule
                log.exception("feed refresh failed")
            self._stop.wait(interval)
