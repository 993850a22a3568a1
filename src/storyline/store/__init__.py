"""Persistent article libraries: the storage interface, its backends, where a library lives.

    store = open_store("~/news")          # a directory holding library.sqlite3, made if absent
    with store.batch():                   # one transaction
        ...

Backends register by name in ``BACKENDS`` ("sqlite" now; "postgres" can be added without
touching the corpus stages, which use only the ``Store`` protocol in ``base``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from storyline.errors import UsageError
from storyline.store.base import Store, StoryRow
from storyline.store.records import SearchHit, Stats, Story, Storyline

__all__ = ["BACKENDS", "SearchHit", "Stats", "Store", "Story", "StoryRow", "Storyline", "default_library",
           "open_store"]


def _sqlite(location: str) -> Store:
    from storyline.store.sqlite import SQLiteStore

    return SQLiteStore(location)


BACKENDS: dict[str, Callable[[str], Store]] = {"sqlite": _sqlite}


def default_library() -> Path:
    """``$STORYLINE_LIBRARY``, else the per-user data directory (XDG) + ``storyline``."""
    if os.environ.get("STORYLINE_LIBRARY"):
        return Path(os.environ["STORYLINE_LIBRARY"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "storyline"


def open_store(location: str | Path | None = None, backend: str = "sqlite") -> Store:
    """Open (creating and upgrading as needed) the library at ``location``; ``":memory:"``
    gives a throwaway in-memory library."""
    try:
        factory = BACKENDS[backend]
    except KeyError:
        raise UsageError(f"unknown library backend {backend!r} (known: {', '.join(BACKENDS)})") from None
    return factory(str(location if location is not None else default_library()))
