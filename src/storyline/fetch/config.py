"""Fetch settings from the library's ``settings.json`` (``{"fetch": {"allow_private": true,
"rate_interval": 2}}``): where a user allows private addresses for an intranet or a test."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from storyline.errors import UsageError
from storyline.fetch.client import FetchSettings

FILENAME = "settings.json"


def load_settings(library: str | Path, **overrides: Any) -> FetchSettings:
    """The library's fetch settings, with ``overrides`` (command-line flags) on top."""
    path = Path(library).expanduser() / FILENAME
    values: dict[str, Any] = {}
    if path.is_file():
        try:
            values = dict(json.loads(path.read_text(encoding="utf-8")).get("fetch", {}))
        except (ValueError, AttributeError, TypeError) as exc:
            raise UsageError(f"{path}: not a settings file ({exc})") from None
    known = {f.name for f in dataclasses.fields(FetchSettings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UsageError(f"{path}: unknown fetch settings {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    values |= {k: v for k, v in overrides.items() if v is not None}
    return FetchSettings(**values)
