"""The HTTP client: one ``Fetcher`` per run, over an httpx client, with every safeguard.

Redirects are followed by hand (at most ``max_redirects``) so the SSRF guard sees every
hop; each request goes to the address the guard checked (the URL's host is swapped for
that address; ``Host`` and TLS SNI keep the name, so virtual hosts and certificates still
work). Bodies are streamed and cut off at ``max_bytes``; a content type outside what the
caller accepts is refused before the body is read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx

from storyline import __version__
from storyline.fetch.guard import FetchRefused, check
from storyline.fetch.policy import Robots, shared_rate_limit
from storyline.fetch.state import FetchState

USER_AGENT = f"storyline/{__version__} (+https://github.com/storyline; local news library)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json")


class FetchError(Exception):
    """The fetch failed: network, status, size or content type (one line, for the user)."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    allow_private: bool = False  # reach private/loopback/link-local addresses (tests, intranets)
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    rate_interval: float = 1.0  # seconds between two requests to one host
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    not_modified: bool = False


def _pinned(parts: SplitResult, ip: str) -> tuple[str, dict[str, str]]:
    """The URL with its host replaced by the checked address, and the Host header."""
    literal = f"[{ip}]" if ":" in ip else ip
    netloc = literal + (f":{parts.port}" if parts.port else "")
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets in Host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), {
        "Host": host + (f":{parts.port}" if parts.port else "")}


class Fetcher:
    def __init__(self, settings: FetchSettings = FetchSettings(), state: FetchState | None = None) -> None:
        self.settings = settings
        self.state = state
        self.client = httpx.Client(timeout=settings.timeout, follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": settings.user_agent})
        self.rate = shared_rate_limit(settings.rate_interval)
        self.robots = Robots(settings.user_agent, self._robots_txt)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _robots_txt(self, origin: str) -> tuple[int, str]:
        got = self._request(origin + "/robots.txt", ("text/plain", "text/"), conditional=False, robots=False,
                            max_bytes=500_000, raise_status=False)
        return got.status, got.body.decode("utf-8", "replace")

    def get(self, url: str, accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES, conditional: bool = True) -> Fetched:
        """GET ``url`` (a 304 comes back as ``not_modified``); ``FetchRefused`` or ``FetchError``."""
        return self._request(url, accept, conditional=conditional, robots=self.settings.respect_robots)

    def _request(self, url: str, accept: tuple[str, ...], *, conditional: bool, robots: bool,
                 max_bytes: int | None = None, raise_status: bool = True) -> Fetched:
        limit = max_bytes or self.settings.max_bytes
        headers = {"Accept": ", ".join(accept) + ", */*;q=0.1"}
        if conditional and self.state is not None:
            etag, modified = self.state.validators(url)
            headers |= {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            parts = urlsplit(current)
            ip = check(parts, self.settings.allow_private)
            origin = f"{parts.scheme}://{parts.netloc}"
            if robots and not self.robots.allowed(origin, current):
                raise FetchRefused(f"robots.txt of {parts.hostname} disallows {current}")
            self.rate.wait(parts.hostname or "")
            target, host = _pinned(parts, str(ip))
            extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
            try:
                request = self.client.build_request("GET", target, headers=headers | host, extensions=extensions)
                response = self.client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from None
            try:
                if response.is_redirect and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    headers.pop("If-None-Match", None)
                    headers.pop("If-Modified-Since", None)
                    continue
                return self._finish(url, current, response, accept, limit, raise_status)
            finally:
                response.close()
        raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects")

    def _finish(self, asked: str, final: str, response: httpx.Response, accept: tuple[str, ...], limit: int,
                raise_status: bool) -> Fetched:
        ctype = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if response.status_code == 304:
            return Fetched(final, 304, ctype, b"", not_modified=True)
        if response.status_code >= 400 or response.status_code < 200:
            if raise_status:
                raise FetchError(f"{final}: HTTP {response.status_code}")
            return Fetched(final, response.status_code, ctype, b"")
        if ctype and not any(ctype.startswith(a) for a in accept):
            raise FetchError(f"{final}: content type {ctype} is not one storyline reads")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{final}: {int(declared):,} bytes is over the limit of {limit:,}")
        chunks, size = [], 0
        # httpx's timeout bounds each read; a server dripping bytes gets a deadline for the whole body.
        deadline = time.monotonic() + 4 * self.settings.timeout
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{final}: more than {limit:,} bytes, cut off")
                if time.monotonic() > deadline:
                    raise FetchError(f"{final}: too slow, gave up after {4 * self.settings.timeout:g} s")
                chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise FetchError(f"{final}: {type(exc).__name__}: {exc}") from None
        if self.state is not None:
            self.state.save_validators(asked, response.headers.get("etag"), response.headers.get("last-modified"))
        return Fetched(final, response.status_code, ctype, b"".join(chunks))
