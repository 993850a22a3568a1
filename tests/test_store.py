"""The library store: location, WAL, migrations in place, transactions, search, registry."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from corpus_fixtures import event_docs

from storyline.cluster.features import day_number
from storyline.cluster.pipeline import Corpus
from storyline.errors import UsageError
from storyline.store import BACKENDS, default_library, open_store
from storyline.store.migrations import MIGRATIONS, SCHEMA_VERSION
from storyline.store.sqlite import FILENAME


def test_new_library_is_a_wal_sqlite_file_at_the_latest_schema(tmp_path: Path) -> None:
    with open_store(tmp_path / "lib") as store:
        assert store.stats().schema == SCHEMA_VERSION
    conn = sqlite3.connect(tmp_path / "lib" / FILENAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_old_library_is_upgraded_in_place_keeping_its_articles(tmp_path: Path) -> None:
    db = tmp_path / FILENAME
    conn = sqlite3.connect(db)
    for statement in filter(str.strip, MIGRATIONS[0][1].split(";")):
        conn.execute(statement)
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO articles(id, raw_text, clean_text) VALUES ('abc', 'raw', 'clean')")
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:
        assert store.stats().schema == SCHEMA_VERSION and store.stats().articles == 1
        with store.batch():
            store.save_brief(1, "Headline", "A summary sentence.", "# Headline")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / FILENAME)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(Exception, match="newer"):
        open_store(tmp_path)


def test_a_failed_batch_leaves_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        with pytest.raises(RuntimeError), store.batch():
            store.set_meta("x", b"1")
            raise RuntimeError("interrupted")
        assert store.get_meta("x") is None


def test_search_over_articles_and_briefs_with_filters(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        Corpus(store).add(event_docs("storm", 2, seed=1, day=dt.date(2022, 8, 1))
                          + event_docs("bridge", 2, seed=1, day=dt.date(2023, 1, 5), outlet_prefix="Ledger"))
        hits = store.search("Cyclone Orla")
        assert hits and all(h.kind == "article" for h in hits)
        assert store.search("Orla", since_day=day_number(dt.date(2023, 1, 1))) == []
        assert {h.outlet for h in store.search("bridge", outlet="Ledger 0")} == {"Ledger 0"}
        assert isinstance(store.search("U.S. (quoted) \"odd\" -- NOT syntax*"), list)  # never an FTS error
        story = store.search("Kestrel")[0].story
        assert story is not None
        with store.batch():
            store.save_brief(story, "Bridge reopens", "The Kestrel span reopens to cars.", "# Bridge reopens")
        assert any(h.kind == "brief" and h.story == story for h in store.search("span reopens"))


def test_backends_are_registered_by_name() -> None:
    assert "sqlite" in BACKENDS
    with pytest.raises(UsageError):
        open_store(":memory:", backend="nosuch")


def test_default_library_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STORYLINE_LIBRARY", str(tmp_path / "env"))
    assert default_library() == tmp_path / "env"
    monkeypatch.delenv("STORYLINE_LIBRARY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_library() == tmp_path / "xdg" / "storyline"
