"""The clean stage: raw scraped article text in, clean paragraphs and a headline out.

Owns the public API (``clean_text``, ``CleanResult``, ``DroppedLine``) and the order of the
steps: normalize characters, re-flow wrapped lines into paragraphs, strip link residue,
judge each paragraph (boilerplate.py), then judge it in context (layout.py). Every removed
paragraph or link is reported with its 1-based line number in the raw input and a reason,
so a reader can audit what cleaning took away.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.clean.boilerplate import ends_sentence, line_reason
from storyline.clean.layout import classify
from storyline.clean.links import strip_links
from storyline.clean.normalize import normalize
from storyline.clean.reflow import URL_ONLY, Paragraphs, paragraphs

__all__ = ["CleanResult", "DroppedLine", "clean_text"]


@dataclass(frozen=True)
class DroppedLine:
    """A paragraph (or inline link) that cleaning removed, where it started, and why."""

    line_no: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanResult:
    """Clean text (paragraphs separated by a blank line), the headline, and the drops."""

    text: str
    title: str | None
    dropped: tuple[DroppedLine, ...]


def _offset_of(parts: Paragraphs, index: int, url: str) -> int:
    """Offset of the source line holding a link target inside a re-flowed paragraph."""
    for offset, line in parts.lines.get(index, ()):
        if url in line:
            return offset
    return parts.starts[index]


def clean_text(raw: str, *, title: str | None = None) -> CleanResult:
    """Clean one scraped article.

    ``title`` is a headline known from metadata (an HTML <title>): it is reported as the
    title and, when it appears in the text, marks where the article starts. The headline
    stays in ``text``; ``title`` only reports it. Cleaning is idempotent:
    ``clean_text(clean_text(x).text).text == clean_text(x).text``.
    """
    text = normalize(raw)
    parts = paragraphs(text)
    bodies = parts.texts
    removed_links: list[tuple[int, str]] = []
    if "<" in text or "](" in text:
        bodies = list(bodies)
        for index, body in enumerate(bodies):
            if ("<" in body or "](" in body) and not URL_ONLY.match(body):
                bodies[index], removed = strip_links(body, text)
                removed_links.extend((_offset_of(parts, index, url), url) for url in removed)
    words = [body.count(" ") + 1 for body in bodies]  # word_count: bodies are never empty
    ends = [ends_sentence(body) for body in bodies]
    reasons: list[str | None] = [
        line_reason(body, count, end) if body else "link residue"
        for body, count, end in zip(bodies, words, ends)
    ]
    given = " ".join(normalize(title).split()) if title else None
    headline = classify(bodies, reasons, words, ends, given, text)
    kept: list[str] = []
    drops: list[tuple[int, str, str]] = [(offset, url, "link residue") for offset, url in removed_links]
    for index, reason in enumerate(reasons):
        if reason is None:
            kept.append(bodies[index])
        else:
            drops.append((parts.starts[index], bodies[index] or parts.texts[index], reason))
    drops.sort(key=lambda drop: drop[0])
    dropped: list[DroppedLine] = []
    line_no, counted = 1, 0
    for offset, line, reason in drops:  # offsets ascend: count each newline once
        line_no += text.count("\n", counted, offset)
        counted = offset
        dropped.append(DroppedLine(line_no, line, reason))
    found = bodies[headline] if headline is not None else None
    return CleanResult("\n\n".join(kept), given or found, tuple(dropped))
