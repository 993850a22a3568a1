"""The HTML pages: stories, a story's brief, an article, storylines, search, add.

Each page is one Jinja2 template (autoescaped); the values come from ``library`` and
``view``, never markup built in Python.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from storyline.cluster.features import day_number
from storyline.text.sentences import sentences_of
from storyline.web import adding
from storyline.web.library import Library
from storyline.web.view import safe_url, story_view

router = APIRouter(include_in_schema=False)
_HIT = re.compile(r"\[([^\[\]]{1,200})\]")
PAGE = 30
MAX_FILES = 50


def _library(request: Request) -> Library:
    return request.app.state.library  # type: ignore[no-any-return]


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)  # type: ignore[no-any-return]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise HTTPException(422, f"expected a date like 2019-05-27, got {text[:40]!r}") from None


@router.get("/", response_class=HTMLResponse)
def stories(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    library = _library(request)
    cards = library.cards(PAGE + 1, (page - 1) * PAGE)
    return _page(request, "stories.html", {"cards": cards[:PAGE], "page": page, "more": len(cards) > PAGE,
                                           "stats": library.store().stats()})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    sb = _library(request).story_brief(story_id)
    if sb is None:
        raise HTTPException(404, f"no story {story_id}")
    view = sb.cache.get("view")
    if view is None:
        view = sb.cache["view"] = story_view(sb)
    return _page(request, "story.html", {"story": sb.story, "v": view})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Annotated[str, Path(min_length=1, max_length=100)]) -> Response:
    library = _library(request)
    a = library.article(article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    paragraphs: list[list[dict[str, Any]]] = [[]]
    cursor = 0
    for s in sentences_of(a):
        # A blank line between two sentences starts a new paragraph.
        if "\n\n" in a.clean_text[cursor:s.start] and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append({"id": f"s{s.position}", "text": s.text})
        cursor = s.end
    removed = library.removed(a)
    return _page(request, "article.html", {"a": a, "url": safe_url(a.url), "paragraphs": paragraphs,
                                           "removed": removed, "story": library.article_story(a.id)})


@router.get("/storylines", response_class=HTMLResponse)
def storylines(request: Request) -> Response:
    return _page(request, "storylines.html", {"lines": _library(request).store().storylines()})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "",
           since: Annotated[str, Query(max_length=10)] = "", until: Annotated[str, Query(max_length=10)] = "",
           outlet: Annotated[str, Query(max_length=200)] = "") -> Response:
    hits = []
    if q.strip():
        hits = _library(request).store().search(q, day_number(_date(since)), day_number(_date(until)),
                                                outlet.strip() or None, 50)
    shown = [{"hit": h, "snippet": _marked(h.snippet)} for h in hits]
    return _page(request, "search.html", {"q": q, "since": since, "until": until, "outlet": outlet, "hits": shown,
                                          "searched": bool(q.strip())})


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """The store's snippet, whose matches are in [brackets], as (text, matched) pieces for
    the template to wrap in <mark> (escaped like any text)."""
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for m in _HIT.finditer(snippet):
        pieces += [(snippet[cursor:m.start()], False), (m.group(1), True)]
        cursor = m.end()
    return [*pieces, (snippet[cursor:], False)]


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> Response:
    return _page(request, "add.html", {"outcome": None})


@router.post("/add", response_class=HTMLResponse)
def add(request: Request, text: Annotated[str, Form(max_length=2_000_000)] = "",
        title: Annotated[str, Form(max_length=1000)] = "", urls: Annotated[str, Form(max_length=100_000)] = "",
        files: Annotated[list[UploadFile] | None, File()] = None) -> Response:
    uploads = [(f.filename or "upload", f.file.read()) for f in (files or [])[:MAX_FILES] if f.filename]
    texts = [("pasted text", f"{title.strip()}\n\n{text}" if title.strip() else text)]
    result = adding.gather(texts, uploads, urls.split(), request.app.state.settings)
    outcome = adding.add(_library(request), result)
    cards = {c.story.id: c for c in _library(request).cards(500)}
    touched = [cards[s] for s in outcome.stories if s in cards]
    status = 200 if outcome.read else 422
    return _page(request, "add.html", {"outcome": outcome, "touched": touched}, status)
