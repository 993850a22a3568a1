"""The SQLite backend: one object owns the connection; WAL; migrations on open; FTS5.

Durability: WAL with ``synchronous=NORMAL`` (a committed batch survives a killed process;
only a power cut can lose the last commits, never corrupt the file). Every write happens
inside ``batch()``, one transaction, so ``kill -9`` mid-ingest leaves whole batches only.
Outside a batch, writes still run in their own implicit transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import StorylineError
from storyline.model import Article
from storyline.store import sqlite_queries
from storyline.store.base import StoryRow
from storyline.store.migrations import MIGRATIONS, SCHEMA_VERSION
from storyline.store.records import SearchHit, Stats, Story, Storyline

FILENAME = "library.sqlite3"
RECENT_PER_ENTITY = 300
_ARTICLE_COLUMNS = "id, source, outlet, title, url, published, raw_text, clean_text, language, author"
_STORY_COLUMNS = "id, title, title_score, size, first_day, last_day, centroid, entities, storyline"


def _row_article(row: Sequence) -> Article:  # type: ignore[type-arg]
    published = dt.date.fromisoformat(row[5]) if row[5] else None
    return Article(id=row[0], source=row[1], outlet=row[2], title=row[3], url=row[4], published=published,
                   raw_text=row[6], clean_text=row[7], language=row[8] or "en", author=row[9])


class SQLiteStore:
    """A library in ``directory/library.sqlite3`` (or ``:memory:``)."""

    def __init__(self, directory: str | Path) -> None:
        if str(directory) == ":memory:":
            self.path = ":memory:"
        else:
            folder = Path(directory).expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            self.path = str(folder / FILENAME)
        # isolation_level=None: transactions are ours (BEGIN/COMMIT in batch()), not implicit.
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self.conn.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
        self._depth = 0
        self._migrate()

    # -- lifecycle
    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorylineError(f"{self.path}: library schema {version} is newer than this storyline ({SCHEMA_VERSION})")
        for number, (_name, sql) in enumerate(MIGRATIONS[version:], version + 1):
            # executescript would COMMIT first: run statements one by one inside our transaction
                # (so migration SQL must not hold a ";" inside a comment or string).
            with self.batch():
                for statement in filter(str.strip, sql.split(";")):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction; nested batches join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- metadata
    def get_meta(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def set_meta(self, key: str, value: bytes) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- articles and dedup
    def canonical(self, variant: str) -> str | None:
        row = self.conn.execute("SELECT article FROM sources WHERE variant=? LIMIT 1", (variant,)).fetchone()
        return row[0] if row else None

    def add_source(self, article: str, variant: str, source: str, outlet: str | None, url: str | None,
                   published: str | None) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO sources(article, source, variant, outlet, url, published) VALUES (?,?,?,?,?,?)",
            (article, source, variant, outlet, url, published))
        return cur.rowcount > 0

    def band_candidates(self, keys: Sequence[int]) -> list[tuple[str, bytes]]:
        marks = ",".join("?" * len(keys))
        return self.conn.execute(
            f"SELECT DISTINCT a.id, a.signature FROM bands b JOIN articles a ON a.id = b.article WHERE b.key IN ({marks})",
            tuple(keys)).fetchall()

    def insert_article(self, article: Article, day: int | None, story: int, signature: bytes,
                       keys: Sequence[int]) -> None:
        published = article.published.isoformat() if article.published else None
        cur = self.conn.execute(
            "INSERT INTO articles(id, source, outlet, title, url, published, day, raw_text, clean_text, language,"
            " author, story, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, article.source, article.outlet, article.title, article.url, published, day,
             article.raw_text, article.clean_text, article.language, article.author, story, signature))
        self.conn.execute("INSERT INTO articles_fts(rowid, title, clean_text) VALUES (?,?,?)",
                          (cur.lastrowid, article.title or "", article.clean_text))
        self.conn.executemany("INSERT INTO bands(key, article) VALUES (?,?)", [(k, article.id) for k in keys])
        self.add_source(article.id, article.id, article.source, article.outlet, article.url, published)

    def articles(self, ids: Sequence[str]) -> list[Article]:
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", tuple(ids))
        found = {r[0]: _row_article(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def iter_articles(self) -> Iterator[Article]:
        for row in self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY day, rowid"):
            yield _row_article(row)

    def set_article_stories(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.conn.executemany("UPDATE articles SET story=? WHERE id=?", [(s, a) for a, s in pairs])

    # -- stories and storylines
    def new_story_id(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='next_story'").fetchone()
        story = int(row[0]) if row else 1
        self.set_meta("next_story", str(story + 1).encode())
        return story

    def save_stories(self, rows: Iterable[StoryRow]) -> None:
        # The storyline is linking's to set, so an upsert here leaves it alone; a changed
        # story is marked for linking again.
        self.conn.executemany(
            "INSERT INTO stories(id, title, title_score, size, first_day, last_day, centroid, entities, linked)"
            " VALUES (?,?,?,?,?,?,?,?,0) ON CONFLICT(id) DO UPDATE SET title=excluded.title,"
            " title_score=excluded.title_score, size=excluded.size, first_day=excluded.first_day,"
            " last_day=excluded.last_day, centroid=excluded.centroid, entities=excluded.entities, linked=0",
            [(r.id, r.title, r.title_score, r.size, r.first_day, r.last_day, r.centroid, r.entities) for r in rows])

    def unlinked_stories(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM stories WHERE linked=0 ORDER BY id")]

    def mark_linked(self, stories: Sequence[int]) -> None:
        self.conn.executemany("UPDATE stories SET linked=1 WHERE id=?", [(s,) for s in stories])

    def article_stories(self, ids: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(f"SELECT id, story FROM articles WHERE id IN ({marks})", chunk).fetchall())
        return out

    def load_stories(self, day_lo: int | None, day_hi: int | None) -> list[StoryRow]:
        if day_lo is None or day_hi is None:
            rows = self.conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE last_day IS NULL")
        else:
            rows = self.conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE last_day >= ? AND first_day <= ?",
                                     (day_lo, day_hi))
        return [StoryRow(*r) for r in rows]

    def story_rows(self, ids: Sequence[int]) -> list[StoryRow]:
        marks = ",".join("?" * len(ids))
        return [StoryRow(*r) for r in self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id IN ({marks})", tuple(ids))]

    def clear_stories(self) -> None:
        for table in ("stories", "story_entities", "storylines", "briefs"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("INSERT INTO briefs_fts(briefs_fts) VALUES ('delete-all')")
        self.conn.execute("UPDATE articles SET story=NULL")

    def set_story_entities(self, story: int, entities: Sequence[str]) -> None:
        self.conn.execute("DELETE FROM story_entities WHERE story=?", (story,))
        self.conn.executemany("INSERT INTO story_entities(entity, story) VALUES (?,?)", [(e, story) for e in entities])

    def stories_sharing(self, entities: Sequence[str], min_shared: int, exclude: int, limit: int) -> list[int]:
        # Only the most recent stories of each entity are looked at, so the cost per story is
        # bounded however often a name ("Trump") occurs in the library.
        counts: Counter[int] = Counter()
        for entity in entities:
            counts.update(r[0] for r in self.conn.execute(
                "SELECT story FROM story_entities WHERE entity=? AND story != ? ORDER BY story DESC LIMIT ?",
                (entity, exclude, RECENT_PER_ENTITY)))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0]))
        return [story for story, n in ranked if n >= min_shared][:limit]

    def storyline_story_ids(self, storyline: int) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM stories WHERE storyline=? ORDER BY id", (storyline,))]

    def new_storyline(self, title: str) -> int:
        return int(self.conn.execute("INSERT INTO storylines(title) VALUES (?)", (title,)).lastrowid or 0)

    def set_storyline(self, story: int, storyline: int | None) -> None:
        self.conn.execute("UPDATE stories SET storyline=? WHERE id=?", (storyline, story))

    def merge_storylines(self, keep: int, drop: int) -> None:
        self.conn.execute("UPDATE stories SET storyline=? WHERE storyline=?", (keep, drop))
        self.conn.execute("DELETE FROM storylines WHERE id=?", (drop,))

    def retitle_storyline(self, storyline: int, title: str) -> None:
        self.conn.execute("UPDATE storylines SET title=? WHERE id=?", (title, storyline))

    # -- reading and the brief index (queries live in sqlite_queries)
    def stats(self) -> Stats:
        return sqlite_queries.stats(self.conn)

    def stories(self, since_day: int | None = None, limit: int | None = None) -> list[Story]:
        return sqlite_queries.stories(self.conn, since_day, limit)

    def story(self, story: int) -> Story | None:
        return sqlite_queries.story(self.conn, story)

    def story_article_ids(self, story: int) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE story=? ORDER BY day, rowid", (story,))]

    def storylines(self) -> list[Storyline]:
        return sqlite_queries.storylines(self.conn)

    def save_brief(self, story: int, headline: str, summary: str, markdown: str) -> None:
        sqlite_queries.save_brief(self.conn, story, headline, summary, markdown)

    def search(self, query: str, since_day: int | None = None, until_day: int | None = None,
               outlet: str | None = None, limit: int = 20) -> list[SearchHit]:
        return sqlite_queries.search(self.conn, query, since_day, until_day, outlet, limit)
