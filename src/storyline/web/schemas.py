"""The JSON API's request and response models: they validate input (sizes, ranges) and
document every endpoint in the OpenAPI schema at ``/openapi.json``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from storyline.store import SearchHit, Story, Storyline
from storyline.web.library import StoryCard

MAX_TEXT = 2_000_000  # characters of one pasted article, as ingest's own limit


class StoryOut(BaseModel):
    id: int
    title: str
    articles: int
    first: dt.date | None
    last: dt.date | None
    storyline: int | None
    outlets: list[str] = []

    @classmethod
    def of(cls, s: Story, outlets: tuple[str, ...] = ()) -> StoryOut:
        return cls(id=s.id, title=s.title, articles=s.size, first=s.first, last=s.last, storyline=s.storyline,
                   outlets=list(outlets))

    @classmethod
    def card(cls, c: StoryCard) -> StoryOut:
        return cls.of(c.story, c.outlets)


class StorylineOut(BaseModel):
    id: int
    title: str
    stories: list[StoryOut]

    @classmethod
    def of(cls, line: Storyline) -> StorylineOut:
        return cls(id=line.id, title=line.title, stories=[StoryOut.of(s) for s in line.stories])


class ArticleOut(BaseModel):
    id: str
    story: int | None
    outlet: str
    title: str | None
    url: str | None
    published: dt.date | None
    author: str | None
    source: str
    clean_text: str
    removed: list[dict[str, Any]] = Field(description="what cleaning removed: line_no, text, reason")


class HitOut(BaseModel):
    kind: str
    id: str
    story: int | None
    title: str
    outlet: str | None
    published: dt.date | None
    snippet: str

    @classmethod
    def of(cls, h: SearchHit) -> HitOut:
        return cls(kind=h.kind, id=h.id, story=h.story, title=h.title, outlet=h.outlet, published=h.published,
                   snippet=h.snippet)


class StatsOut(BaseModel):
    articles: int
    sources: int
    stories: int
    storylines: int
    schema_version: int


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: dt.date | None = None


class AddIn(BaseModel):
    articles: list[ArticleIn] = Field(default=[], max_length=1000)
    urls: list[str] = Field(default=[], max_length=100, description="http(s) pages or feeds to fetch")


class AddOut(BaseModel):
    read: int
    added: int
    duplicates: int
    near_duplicates: int
    already: int
    empty: int
    problems: list[str]
    stories: list[int] = Field(description="the stories the read articles are in")
