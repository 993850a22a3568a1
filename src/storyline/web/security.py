"""Security headers on every response and a cap on request bodies, as plain ASGI
middleware (cheaper per request than ``BaseHTTPMiddleware``).

Everything shown comes from articles, which are untrusted: besides autoescaping in the
templates, the CSP forbids inline scripts and styles and any remote load, so even markup
that slipped through could not run or phone home.
"""

from __future__ import annotations

import json
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # never leak a page address to another site
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    pass


class SecurityMiddleware:
    """Adds ``HEADERS`` and ``Server-Timing``; refuses bodies over ``max_body`` bytes
    (``max_json`` for JSON) with a JSON 413, whether the client declared the length or
    streams it; refuses foreign Hosts and cross-site writes with a JSON 403."""

    def __init__(self, app: ASGIApp, max_body: int, max_json: int | None = None,
                 allowed_hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.max_json = max_json or max_body
        self.allowed_hosts = allowed_hosts

    def _refused(self, method: str, headers: dict[bytes, bytes]) -> str | None:
        """Why the request is refused before it reaches the app, if it is: a Host this server
        does not answer to (DNS rebinding: a web page whose name now points at 127.0.0.1),
        or a state-changing request sent by another site's page (cross-site form posts)."""
        host = headers.get(b"host", b"")
        if self.allowed_hosts is not None and _host(host) not in self.allowed_hosts:
            return "this server does not answer to that Host"
        if method not in ("GET", "HEAD", "OPTIONS"):
            # Browsers say where a request comes from in Sec-Fetch-Site; older ones in Origin.
            site = headers.get(b"sec-fetch-site")
            if site is not None and site not in (b"same-origin", b"none"):
                return "cross-site request refused"
            origin = headers.get(b"origin") or headers.get(b"referer")
            if origin == b"null" and site is None:
                return "cross-site request refused"
            if origin and origin != b"null" and _host(origin) != _host(host):
                return "cross-site request refused"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        refused = self._refused(scope["method"], headers)
        if refused:
            await _reply(send, 403, refused)
            return
        limit = self.max_json if headers.get(b"content-type", b"").startswith(b"application/json") else self.max_body
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _reply(send, 413, f"request body over the limit of {limit:,} bytes")
            return
        seen = 0
        started = False
        began = time.perf_counter()

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # Server time to the first byte, for the bench and the browser's dev tools.
                timing = f"app;dur={(time.perf_counter() - began) * 1000:.2f}".encode()
                message["headers"] = [*message.get("headers", []), *HEADERS, (b"server-timing", timing)]
            await send(message)

        if scope["method"] == "HEAD":  # answer HEAD as GET without the body (FastAPI routes are GET only)
            scope = {**scope, "method": "GET"}
            inner = secured

            async def secured(message: Message) -> None:  # noqa: F811 - wraps the one above
                if message["type"] == "http.response.body":
                    message = {**message, "body": b""}
                await inner(message)

        try:
            await self.app(scope, counted, secured)
        except BodyTooLarge:
            if not started:
                await _reply(send, 413, f"request body over the limit of {limit:,} bytes")


def _host(value: bytes) -> str:
    """The host part of a Host header or an Origin/Referer URL, lower-cased, without port."""
    text = value.decode("latin-1").lower().split("://", 1)[-1].split("/", 1)[0]
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


async def _reply(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    headers: list[Any] = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                          *HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
