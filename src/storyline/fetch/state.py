"""What fetching remembers between runs, in ``fetch_state.sqlite3`` beside the library (the
library's own schema belongs to the store): validators for conditional GET, the feeds
subscribed to, and the feed items already taken (so a re-read feed adds nothing twice)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILENAME = "fetch_state.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, title TEXT, added TEXT NOT NULL, checked TEXT,
                                  status TEXT, items INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS feed_items (feed TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (feed, key)) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str | None
    added: str
    checked: str | None
    status: str | None
    items: int


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class FetchState:
    """One connection, shared by threads under a lock (writes are small and rare)."""

    def __init__(self, directory: str | Path | None) -> None:
        if directory is None or str(directory) == ":memory:":
            path = ":memory:"
        else:
            folder = Path(directory).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            path = str(folder / FILENAME)
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    # -- conditional GET
    def validators(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            row = self.conn.execute("SELECT etag, last_modified FROM validators WHERE url=?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            if etag or last_modified:
                self.conn.execute("INSERT OR REPLACE INTO validators VALUES (?,?,?)", (url, etag, last_modified))

    def forget_validators(self, url: str) -> None:
        with self._lock:
            self.conn.execute("DELETE FROM validators WHERE url=?", (url,))

    # -- feeds
    def add_feed(self, url: str) -> bool:
        with self._lock:
            cur = self.conn.execute("INSERT OR IGNORE INTO feeds(url, added) VALUES (?,?)", (url, _now()))
        return cur.rowcount > 0

    def remove_feed(self, url: str) -> bool:
        with self._lock:
            return self.conn.execute("DELETE FROM feeds WHERE url=?", (url,)).rowcount > 0

    def feeds(self) -> list[Feed]:
        with self._lock:
            rows = self.conn.execute("SELECT url, title, added, checked, status, items FROM feeds ORDER BY added, url")
            return [Feed(*r) for r in rows]

    def checked(self, url: str, status: str, title: str | None, new_items: int) -> None:
        with self._lock:
            self.conn.execute("UPDATE feeds SET checked=?, status=?, title=COALESCE(?, title), items=items+? WHERE url=?",
                              (_now(), status, title, new_items, url))

    def seen(self, feed: str, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in self.conn.execute(
                    f"SELECT key FROM feed_items WHERE feed=? AND key IN ({marks})", (feed, *chunk)))
        return found

    def mark_seen(self, feed: str, keys: Iterable[str]) -> None:
        with self._lock:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT OR IGNORE INTO feed_items VALUES (?,?)", [(feed, k) for k in keys])
            self.conn.execute("COMMIT")
