"""The local web app over a corpus library: server-rendered pages and a JSON API.

    from storyline.web import create_app
    app = create_app(WebSettings(library=Path("~/news")))

``app`` builds the FastAPI application (error handlers, routers, static files);
``security`` is the middleware (CSP and other headers, body limits, Host and cross-site
checks); ``library`` owns every read and write of the store on behalf of requests, with
``memo`` keeping answers until the library changes; ``view`` turns a ``Brief`` into plain
values for the templates; ``pages``, ``api`` and ``feeds`` are the routers; ``adding``
reads pasted text, uploads and URLs; ``refresh`` is ``serve --update-every``.
"""

from __future__ import annotations

from storyline.web.app import create_app
from storyline.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
