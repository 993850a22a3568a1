"""SQLite read queries (totals, stories, storylines, full-text search) and the brief index.

Functions over a connection, so ``SQLiteStore`` stays a thin owner of it. Search goes
through FTS5 (porter stemming); user text is turned into quoted terms, so punctuation in a
query ("Abe–Trump", "U.S.") can never be an FTS syntax error.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from storyline.store.records import SearchHit, Stats, Story, Storyline

_TERM = re.compile(r"\w+")
_SNIPPET_WORDS = 14


def _date(day: int | None) -> dt.date | None:
    return None if day is None else dt.date(1970, 1, 1) + dt.timedelta(days=day)


def stats(conn: sqlite3.Connection) -> Stats:
    one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731
    return Stats(articles=one("SELECT COUNT(*) FROM articles"), sources=one("SELECT COUNT(*) FROM sources"),
                 stories=one("SELECT COUNT(*) FROM stories"), storylines=one("SELECT COUNT(*) FROM storylines"),
                 schema=one("PRAGMA user_version"))


def _story(row: tuple) -> Story:  # type: ignore[type-arg]
    return Story(id=row[0], title=row[1] or "", size=row[2], first=_date(row[3]), last=_date(row[4]), storyline=row[5])


_STORY = "SELECT id, title, size, first_day, last_day, storyline FROM stories"


def stories(conn: sqlite3.Connection, since_day: int | None, limit: int | None) -> list[Story]:
    # Newest first; undated stories (NULL days) after the dated ones, biggest first.
    sql, params = _STORY, []
    if since_day is not None:
        sql += " WHERE last_day >= ?"
        params.append(since_day)
    sql += " ORDER BY last_day IS NULL, last_day DESC, size DESC, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_story(r) for r in conn.execute(sql, params)]


def story(conn: sqlite3.Connection, story_id: int) -> Story | None:
    row = conn.execute(_STORY + " WHERE id=?", (story_id,)).fetchone()
    return _story(row) if row else None


def storylines(conn: sqlite3.Connection) -> list[Storyline]:
    members: dict[int, list[Story]] = {}
    for row in conn.execute(_STORY + " WHERE storyline IS NOT NULL ORDER BY first_day IS NULL, first_day, id"):
        members.setdefault(row[5], []).append(_story(row))
    lines = [Storyline(id=i, title=t or "", stories=tuple(members.get(i, ())))
             for i, t in conn.execute("SELECT id, title FROM storylines")]
    return sorted((line for line in lines if line.stories), key=lambda line: (-len(line.stories), line.id))


def save_brief(conn: sqlite3.Connection, story_id: int, headline: str, summary: str, markdown: str) -> None:
    old = conn.execute("SELECT headline, summary FROM briefs WHERE story=?", (story_id,)).fetchone()
    if old:  # external-content FTS: the old row must be removed with its old values
        conn.execute("INSERT INTO briefs_fts(briefs_fts, rowid, headline, summary) VALUES ('delete', ?, ?, ?)",
                     (story_id, *old))
    conn.execute("INSERT OR REPLACE INTO briefs(story, headline, summary, markdown) VALUES (?,?,?,?)",
                 (story_id, headline, summary, markdown))
    conn.execute("INSERT INTO briefs_fts(rowid, headline, summary) VALUES (?,?,?)", (story_id, headline, summary))


def fts_query(text: str) -> str:
    """Every word of ``text`` as a quoted FTS5 term (all must match)."""
    return " ".join(f'"{t}"' for t in _TERM.findall(text))


def search(conn: sqlite3.Connection, query: str, since_day: int | None, until_day: int | None,
           outlet: str | None, limit: int) -> list[SearchHit]:
    match = fts_query(query)
    if not match:
        return []
    where, params = ["articles_fts MATCH ?"], [match]
    if since_day is not None:
        where.append("a.day >= ?")
        params.append(since_day)
    if until_day is not None:
        where.append("a.day <= ?")
        params.append(until_day)
    if outlet:
        where.append("(a.outlet LIKE ? OR EXISTS (SELECT 1 FROM sources s WHERE s.article = a.id AND s.outlet LIKE ?))")
        params += [outlet, outlet]
    rows = conn.execute(
        "SELECT a.id, a.story, a.title, a.outlet, a.day,"
        f" snippet(articles_fts, 1, '[', ']', '…', {_SNIPPET_WORDS})"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f" WHERE {' AND '.join(where)} ORDER BY rank LIMIT ?", (*params, limit))
    hits = [SearchHit("article", r[0], r[1], r[2] or "", r[3], _date(r[4]), r[5]) for r in rows]
    where, params = ["briefs_fts MATCH ?"], [match]
    if since_day is not None:
        where.append("s.last_day >= ?")
        params.append(since_day)
    if until_day is not None:
        where.append("s.first_day <= ?")
        params.append(until_day)
    if outlet:
        where.append("EXISTS (SELECT 1 FROM articles a JOIN sources o ON o.article = a.id"
                     " WHERE a.story = s.id AND o.outlet LIKE ?)")
        params.append(outlet)
    rows = conn.execute(
        "SELECT b.story, b.headline, s.last_day,"
        f" snippet(briefs_fts, 1, '[', ']', '…', {_SNIPPET_WORDS})"
        " FROM briefs_fts JOIN briefs b ON b.story = briefs_fts.rowid JOIN stories s ON s.id = b.story"
        f" WHERE {' AND '.join(where)} ORDER BY rank LIMIT ?", (*params, limit))
    hits += [SearchHit("brief", str(r[0]), r[0], r[1] or "", None, _date(r[2]), r[3]) for r in rows]
    return hits
