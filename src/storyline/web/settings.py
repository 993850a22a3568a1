"""What a running web app is configured with (the CLI fills it from ``storyline serve``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class WebSettings:
    library: Path | str
    allow_private: bool = False  # let "add URL" and feeds reach private/loopback addresses
    max_body: int = 25 * MB  # whole request body (uploads included)
    max_json: int = 2 * MB  # JSON API bodies
    update_every: float | None = None  # seconds between background feed refreshes
    # Host names the server answers to (None: any). ``storyline serve`` on a loopback address
    # allows only loopback names, so a DNS-rebinding page cannot read the library.
    allowed_hosts: tuple[str, ...] | None = None
