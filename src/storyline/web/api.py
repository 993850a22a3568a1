"""The JSON API under ``/api``: the same data as the pages, validated, documented in the
OpenAPI schema, errors as ``{"error": message}``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from storyline.cluster.features import day_number
from storyline.model import RawDocument
from storyline.web import adding
from storyline.web.library import Library
from storyline.web.schemas import AddIn, AddOut, ArticleOut, HitOut, StatsOut, StorylineOut, StoryOut

router = APIRouter(prefix="/api", tags=["api"])
# Reads are async: a few SQLite lookups on the event loop's own connection cost less than a
# hop to the thread pool each; the slow work (building a brief, adding) runs in threads.
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
StoryId = Annotated[int, Path(ge=1, le=2**62)]  # SQLite integers are 64-bit
ArticleId = Annotated[str, Path(min_length=1, max_length=100)]


def _library(request: Request) -> Library:
    return request.app.state.library  # type: ignore[no-any-return]


@router.get("/stories", response_model=list[StoryOut], summary="Stories, newest first")
async def stories(request: Request, limit: Limit = 50, offset: Offset = 0, since: dt.date | None = None) -> list[StoryOut]:
    library = _library(request)
    return library.memo(("stories", limit, offset, since),  # type: ignore[no-any-return]
                        lambda: [StoryOut.card(c) for c in library.cards(limit, offset, day_number(since))])


@router.get("/stories/{story_id}", summary="A story and its cited brief (schema storyline.brief/1)",
            responses={200: {"content": {"application/json": {}}}, 404: {"description": "no such story"}})
async def story(request: Request, story_id: StoryId) -> Response:
    library = _library(request)
    hit = library.cached_brief(story_id)
    # Building a brief takes seconds: never on the event loop.
    sb = hit if not isinstance(hit, bool) else (await run_in_threadpool(library.story_brief, story_id) if hit else None)
    if sb is None:
        raise HTTPException(404, f"no story {story_id}")
    body = sb.cache.get("json")
    if body is None:
        from storyline.render import render

        head = StoryOut.of(sb.story).model_dump_json()
        brief = await run_in_threadpool(render, sb.brief, "json")  # tens of ms for a big story
        body = sb.cache["json"] = f'{{"story":{head},"brief":{brief}}}'.encode()
    return Response(body, media_type="application/json")


@router.get("/articles/{article_id}", response_model=ArticleOut, summary="An article: clean text and what was removed")
async def article(request: Request, article_id: ArticleId) -> ArticleOut:
    library = _library(request)
    a = library.article(article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    removed = [{"line_no": d.line_no, "text": d.text, "reason": d.reason} for d in library.removed(a)]
    return ArticleOut(id=a.id, story=library.article_story(a.id), outlet=a.outlet, title=a.title, url=a.url,
                      published=a.published, author=a.author, source=a.source, clean_text=a.clean_text,
                      removed=removed)


@router.get("/storylines", response_model=list[StorylineOut], summary="Stories linked over time")
async def storylines(request: Request) -> list[StorylineOut]:
    library = _library(request)
    return library.memo(("storylines",),  # type: ignore[no-any-return]
                        lambda: [StorylineOut.of(line) for line in library.store().storylines()])


@router.get("/search", response_model=list[HitOut], summary="Full-text search over articles and briefs")
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
           since: dt.date | None = None, until: dt.date | None = None,
           outlet: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 20) -> list[HitOut]:
    library = _library(request)
    return library.memo(("search", q, since, until, outlet, limit), lambda: [  # type: ignore[no-any-return]
        HitOut.of(h) for h in library.store().search(q, day_number(since), day_number(until), outlet or None, limit)])


@router.get("/stats", response_model=StatsOut, summary="What the library holds")
async def stats(request: Request) -> StatsOut:
    s = _library(request).store().stats()
    return StatsOut(articles=s.articles, sources=s.sources, stories=s.stories, storylines=s.storylines,
                    schema_version=s.schema)


@router.post("/articles", response_model=AddOut, summary="Add articles (text) and URLs (pages or feeds)")
def add(request: Request, body: AddIn) -> AddOut:
    settings = request.app.state.settings
    docs = [RawDocument(source=a.url or f"api:{i + 1}", text=a.text, title=a.title, url=a.url, outlet=a.outlet,
                        published=a.published, kind="text") for i, a in enumerate(body.articles)]
    result = adding.gather([], [], body.urls, settings)
    outcome = adding.add(_library(request), result, docs)
    return AddOut(**{k: getattr(outcome, k) for k in AddOut.model_fields})

