"""Render a Brief for readers: Markdown, JSON (a stable schema) or standalone HTML."""

from __future__ import annotations

from collections.abc import Callable

from storyline.errors import UsageError
from storyline.model import Brief
from storyline.render.html import render_html
from storyline.render.json import render_json
from storyline.render.markdown import render_markdown

RENDERERS: dict[str, Callable[[Brief], str]] = {
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}


def render(brief: Brief, fmt: str) -> str:
    """The brief as text in format ``fmt`` (md, json or html)."""
    try:
        return RENDERERS[fmt](brief)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(RENDERERS)})") from None
