"""Feeds in the web app: the /feeds page (subscriptions, subscribe, update now) and
/api/feeds. Updating runs in a worker thread and takes the library's write lock only to
store; the same refresh ``serve --update-every`` runs on a schedule."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from storyline.fetch.state import FetchState
from storyline.web.library import Library

router = APIRouter()


class FeedIn(BaseModel):
    url: str = Field(min_length=8, max_length=2000, pattern=r"^(?i:https?)://\S+$")


class FeedOut(BaseModel):
    url: str
    title: str | None
    added: str
    checked: str | None
    status: str | None
    items: int


class UpdateOut(BaseModel):
    feeds: int
    not_modified: int
    items: int
    new: int
    added: int
    problems: list[str]


def _list(request: Request) -> list[FeedOut]:
    state = FetchState(request.app.state.settings.library)
    try:
        return [FeedOut(url=f.url, title=f.title, added=f.added, checked=f.checked, status=f.status, items=f.items)
                for f in state.feeds()]
    finally:
        state.close()


def _subscribe(request: Request, url: str) -> bool:
    state = FetchState(request.app.state.settings.library)
    try:
        return state.add_feed(url)
    finally:
        state.close()


def _update(request: Request) -> UpdateOut:
    from storyline.fetch import update_feeds
    from storyline.fetch.config import load_settings

    settings = request.app.state.settings
    library: Library = request.app.state.library
    fetch = load_settings(settings.library, allow_private=settings.allow_private or None)
    r = update_feeds(settings.library, fetch, lambda docs: library.add(docs).added)
    return UpdateOut(feeds=r.feeds, not_modified=r.not_modified, items=r.items, new=r.new, added=r.added,
                     problems=[str(p) for p in r.problems])


@router.get("/api/feeds", response_model=list[FeedOut], tags=["api"], summary="Subscribed feeds")
def api_feeds(request: Request) -> list[FeedOut]:
    return _list(request)


@router.post("/api/feeds", response_model=list[FeedOut], tags=["api"], summary="Subscribe to a feed")
def api_subscribe(request: Request, body: FeedIn) -> list[FeedOut]:
    _subscribe(request, body.url)
    return _list(request)


@router.post("/api/feeds/update", response_model=UpdateOut, tags=["api"], summary="Fetch new items of every feed now")
def api_update(request: Request) -> UpdateOut:
    return _update(request)


def _page(request: Request, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "feeds.html", {"feeds": _list(request), **context}, status_code=status)


@router.get("/feeds", include_in_schema=False)
def feeds_page(request: Request) -> Response:
    return _page(request, {"report": None, "message": None})


@router.post("/feeds", include_in_schema=False)
def feeds_action(request: Request, action: Annotated[str, Form(max_length=20)],
                 url: Annotated[str, Form(max_length=2000)] = "") -> Response:
    if action == "subscribe":
        try:
            FeedIn(url=url.strip())
        except ValueError:
            return _page(request, {"report": None, "message": f"not an http(s) URL: {url[:200]}"}, 422)
        new = _subscribe(request, url.strip())
        return _page(request, {"report": None, "message": ("subscribed to " if new else "already subscribed to ") + url})
    if action == "update":
        return _page(request, {"report": _update(request), "message": None})
    raise HTTPException(422, f"unknown action {action[:20]!r}")
