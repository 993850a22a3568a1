"""The app factory: settings in, a FastAPI app out (middleware, error handlers, static
files, the page and API routers, and the background feed refresh if asked for)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import logging
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from storyline import __version__
from storyline.web.library import Library
from storyline.web.security import SecurityMiddleware
from storyline.web.settings import WebSettings

HERE = Path(__file__).parent
log = logging.getLogger("storyline.web")


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every template, whatever its name: article text is untrusted
    return t


def _message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(settings: WebSettings) -> FastAPI:
    library = Library(settings.library)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        refresher = None
        if settings.update_every:
            from storyline.web.refresh import Refresher

            refresher = Refresher(library, settings)
            refresher.start()
        try:
            yield
        finally:
            if refresher is not None:
                refresher.stop()
            library.close()

    app = FastAPI(title="storyline", version=__version__, lifespan=lifespan,
                  description="A local library of news articles clustered into stories, with cited briefs.",
                  docs_url=None, redoc_url=None)  # the docs pages load remote assets: the schema is enough
    app.state.library = library
    app.state.settings = settings
    app.state.templates = templates()
    app.add_middleware(SecurityMiddleware, max_body=settings.max_body, max_json=settings.max_json,
                       allowed_hosts=settings.allowed_hosts)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _message(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "internal error: the server could not answer this request")

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, getattr(exc, "detail", None) or "not found")

    from storyline.web import api, feeds, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status)
