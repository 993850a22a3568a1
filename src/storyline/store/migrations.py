"""The library schema as named, ordered migrations; a library upgrades in place on open.

Each migration runs once, in order, inside one transaction with the bump of
``PRAGMA user_version``, so an old library opened by new code is brought up to date and an
interrupted upgrade leaves the previous version intact. Never edit a shipped migration:
append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("articles, sources, dedup bands, stories, storylines", """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,          -- sha1 of the clean text (storyline.brief.articles)
            title TEXT, outlet TEXT, url TEXT, published TEXT, day INTEGER,
            language TEXT, author TEXT, source TEXT,
            raw_text TEXT NOT NULL, clean_text TEXT NOT NULL,
            story INTEGER, signature BLOB);
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_day ON articles(day);
        -- every place an article was read from, variant being the id of the text as read there
        -- (differs from article for a near-duplicate)
        CREATE TABLE sources (
            article TEXT NOT NULL, source TEXT NOT NULL, variant TEXT NOT NULL,
            outlet TEXT, url TEXT, published TEXT,
            PRIMARY KEY (article, source)) WITHOUT ROWID;
        CREATE INDEX sources_variant ON sources(variant);
        CREATE TABLE bands (key INTEGER NOT NULL, article TEXT NOT NULL);
        CREATE INDEX bands_key ON bands(key);
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY, title TEXT, title_score REAL, size INTEGER NOT NULL,
            first_day INTEGER, last_day INTEGER, centroid BLOB, entities TEXT, storyline INTEGER,
            linked INTEGER NOT NULL DEFAULT 0);  -- 0: storyline links not yet looked for
        CREATE INDEX stories_days ON stories(last_day, first_day);
        CREATE INDEX stories_storyline ON stories(storyline);
        CREATE INDEX stories_unlinked ON stories(linked) WHERE linked = 0;
        CREATE TABLE story_entities (entity TEXT NOT NULL, story INTEGER NOT NULL);
        CREATE INDEX story_entities_entity ON story_entities(entity, story);
        CREATE INDEX story_entities_story ON story_entities(story);
        CREATE TABLE storylines (id INTEGER PRIMARY KEY, title TEXT);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, clean_text, content='articles', content_rowid='rowid', tokenize='porter unicode61');
    """),
    ("briefs, searchable", """
        CREATE TABLE briefs (story INTEGER PRIMARY KEY, headline TEXT, summary TEXT, markdown TEXT);
        CREATE VIRTUAL TABLE briefs_fts USING fts5(
            headline, summary, content='briefs', content_rowid='story', tokenize='porter unicode61');
    """),
)

SCHEMA_VERSION = len(MIGRATIONS)
