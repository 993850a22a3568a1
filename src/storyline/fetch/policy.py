"""Being a polite client: a per-host rate limit and robots.txt (urllib.robotparser)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.robotparser import RobotFileParser


class RateLimit:
    """At most one request per ``interval`` seconds to each host (callers wait their turn)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        if self.interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self.interval
        if start > now:
            time.sleep(start - now)


_SHARED: dict[float, RateLimit] = {}
_SHARED_LOCK = threading.Lock()


def shared_rate_limit(interval: float) -> RateLimit:
    """One limiter per interval for the whole process, so separate fetchers (a web add, a
    feed refresh) still space their requests to a host."""
    with _SHARED_LOCK:
        return _SHARED.setdefault(interval, RateLimit(interval))


class Robots:
    """robots.txt per origin, read once per run. ``load(origin)`` returns (status, text):
    a missing robots.txt (4xx) allows everything; 401/403 forbid everything, as the
    robots convention says; an unreachable one allows (the page fetch will fail anyway)."""

    def __init__(self, agent: str, load: Callable[[str], tuple[int, str]]) -> None:
        self.agent = agent
        self._load = load
        self._parsers: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def allowed(self, origin: str, url: str) -> bool:
        with self._lock:
            parser = self._parsers.get(origin)
        if parser is None:
            parser = RobotFileParser()
            try:
                status, text = self._load(origin)
            except Exception:  # noqa: BLE001 - any failure to read robots.txt means "no rules"
                status, text = 404, ""
            if status in (401, 403):
                parser.disallow_all = True
            elif 200 <= status < 300:
                parser.parse(text.splitlines())
            else:
                parser.allow_all = True
            with self._lock:
                self._parsers[origin] = parser
        return parser.can_fetch(self.agent, url)
