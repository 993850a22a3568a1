"""The records a library hands back: stories, storylines, search hits, totals.

Frozen like the records in ``storyline.model`` (which stays the pipeline's own); these are
what the corpus commands print and what any storage backend must return.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Story:
    """One event reported by one or more outlets: a group of articles."""

    id: int
    title: str
    size: int  # articles (near-duplicates count once)
    first: dt.date | None
    last: dt.date | None
    storyline: int | None = None


@dataclass(frozen=True, slots=True)
class Storyline:
    """Stories that continue one subject over time, oldest first."""

    id: int
    title: str
    stories: tuple[Story, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article or a stored brief that matches a full-text query."""

    kind: str  # "article" | "brief"
    id: str  # article id, or story id for a brief
    story: int | None
    title: str
    outlet: str | None
    published: dt.date | None
    snippet: str


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    sources: int  # every (article, source) pair: duplicates show up here, not in articles
    stories: int
    storylines: int
    schema: int

    def as_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "stories": self.stories, "storylines": self.storylines,
                "sources": self.sources, "schema": self.schema}
