"""The clean stage: raw scraped article text in, clean paragraphs and a headline out.

Owns the public API (``clean_text``, ``CleanResult``, ``DroppedLine``, and ``line_verdicts``
for evaluation against hand labels) and the order of the steps: normalize characters,
re-flow wrapped lines into paragraphs, strip link residue, judge each paragraph
(boilerplate.py), then judge it in context (layout.py). Every removed paragraph or link is
reported with its 1-based line number in the raw input and a reason, so a reader can audit
what cleaning took away. For text an HTML extractor produced (``extracted=True``), only
reasons that rest on what a line says are applied: the second pass after trafilatura.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from storyline.clean.boilerplate import ascii_case, ends_sentence, line_reason
from storyline.clean.layout import classify, script_leads
from storyline.clean.links import strip_links
from storyline.clean.normalize import normalize, normalized
from storyline.clean.reflow import URL_ONLY, Paragraphs, paragraphs

__all__ = ["CleanResult", "DroppedLine", "clean_text", "line_verdicts"]


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


# Chinese, Japanese and Korean run words together: there, two characters count as a word,
# so a paragraph of Japanese is not taken for a one-word menu item.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Their UTF-8 lead bytes (U+3000-U+DFFF): deleting every other byte is a fast C test for
# "no CJK here", where a regex scan of the whole text would cost more than all the rest.
_NOT_CJK_LEADS = bytes(b for b in range(256) if not 0xE3 <= b <= 0xED)


_SENTENCE_ENDS = frozenset(".!?…")


def _words(body: str) -> int:
    return max(body.count(" ") + 1, len(_CJK.findall(body)) // 2)


def _has_md_link(text: str) -> bool:
    """Whether a Markdown link's "](" may be in ``text``: the one-character scan (memchr)
    answers for most texts, at a fraction of the cost of the two-character one."""
    return "]" in text and "](" in text


def _offset_of(parts: Paragraphs, index: int, url: str) -> int:
    """Offset of the source line holding a link target inside a re-flowed paragraph."""
    for offset, line in parts.lines.get(index, ()):
        if url in line:
            return offset
    return parts.starts[index]


class _Analysis(NamedTuple):
    """Everything one cleaning pass decided, before it is turned into a ``CleanResult``."""

    text: str  # the normalized input
    parts: Paragraphs
    bodies: list[str]  # paragraph texts after link repair ("" when only link residue)
    reasons: list[str | None]  # why each paragraph goes, None when it stays
    removed_links: list[tuple[int, str]]  # (offset, target) of inline links taken out
    headline: int | None
    given: str | None  # the metadata title, normalized


# Reasons that rest on a line's shape or place rather than on what it says. An HTML extractor
# has already cut the page into the article's own blocks, so there a short line is a heading
# and a list is a list: after extraction only what a line says (a phrase, a credit, a teaser,
# link residue) condemns it. On aeb-dev this keeps trafilatura's recall and adds precision.
_SHAPE_REASONS = frozenset({
    "short non-sentence line", "menu or tag list", "duplicate", "trailing boilerplate", "promotional",
    "reader question", "before headline", "related headline", "other script", "separator",
})


def _analyse(raw: str, title: str | None, extracted: bool = False) -> _Analysis:
    text, high = normalized(raw)
    parts = paragraphs(text)
    bodies = parts.texts
    removed_links: list[tuple[int, str]] = []
    if "<" in text or _has_md_link(text):
        bodies = list(bodies)
        for index, body in enumerate(bodies):
            if ("<" in body or _has_md_link(body)) and not URL_ONLY.match(body):
                bodies[index], removed = strip_links(body, text)
                removed_links.extend((_offset_of(parts, index, url), url) for url in removed)
    leads = script_leads(text, high)
    if not leads or not leads.translate(None, _NOT_CJK_LEADS):
        words = [body.count(" ") + 1 for body in bodies]  # word_count: bodies are never empty
    else:
        words = [_words(body) for body in bodies]
    # Most paragraphs end in a bare full stop: test the last character before calling out.
    ends = [body[-1:] in _SENTENCE_ENDS or ends_sentence(body) for body in bodies]
    case = ascii_case(high)
    reasons: list[str | None] = [
        line_reason(body, count, end, case) if body else "link residue"
        for body, count, end in zip(bodies, words, ends)
    ]
    given = " ".join(normalize(title).split()) if title else None
    headline = classify(bodies, reasons, words, ends, given, text, leads)
    if extracted:
        reasons = [None if reason in _SHAPE_REASONS else reason for reason in reasons]
    return _Analysis(text, parts, bodies, reasons, removed_links, headline, given)


def clean_text(raw: str, *, title: str | None = None, extracted: bool = False) -> CleanResult:
    """Clean one scraped article.

    ``title`` is a headline known from metadata (an HTML <title>): it is reported as the
    title and, when it appears in the text, marks where the article starts. The headline
    stays in ``text``; ``title`` only reports it. Cleaning is idempotent:
    ``clean_text(clean_text(x).text).text == clean_text(x).text``.

    ``extracted`` says the text is an HTML extractor's output (one block per paragraph, the
    page chrome already gone): then only lexical evidence drops a line, never its shape or
    position alone (the second pass after trafilatura).
    """
    found = _analyse(raw, title, extracted)
    text, parts, bodies, reasons = found.text, found.parts, found.bodies, found.reasons
    kept = [body for body, reason in zip(bodies, reasons) if reason is None]
    dropped: list[DroppedLine] = []
    if len(kept) < len(bodies) or found.removed_links:
        starts = parts.starts
        drops = [(offset, url, "link residue") for offset, url in found.removed_links]
        drops += [
            (starts[index], bodies[index] or parts.texts[index], reason)
            for index, reason in enumerate(reasons)
            if reason is not None
        ]
        drops.sort(key=_first)
        if parts.one_line:
            # Every drop (a paragraph, or a link inside one) is at a paragraph's start, and
            # paragraph i is line 2i + 1: no need to count the newlines of the whole text.
            dropped = [
                DroppedLine(2 * bisect.bisect_left(starts, offset) + 1, line, reason) for offset, line, reason in drops
            ]
        else:
            line_no, counted = 1, 0
            for offset, line, reason in drops:  # offsets ascend: count each newline once
                line_no += text.count("\n", counted, offset)
                counted = offset
                dropped.append(DroppedLine(line_no, line, reason))
    headline = bodies[found.headline] if found.headline is not None else None
    return CleanResult("\n\n".join(kept), found.given or headline, tuple(dropped))


def _first(drop: tuple[int, str, str]) -> int:
    return drop[0]


def line_verdicts(raw: str, *, title: str | None = None, extracted: bool = False) -> dict[int, str | None]:
    """For every non-blank line of ``raw`` (1-based number): why it was dropped, or None.

    The line-level view of ``clean_text``, for evaluation against hand labels: a line
    shares its paragraph's fate, except a line that is only a link target, which goes as
    link residue even inside a kept paragraph.
    """
    found = _analyse(raw, title, extracted)
    text, parts = found.text, found.parts
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    verdicts: dict[int, str | None] = {}
    for index, reason in enumerate(found.reasons):
        members = parts.lines.get(index) or ((parts.starts[index], parts.texts[index]),)
        for offset, line in members:
            number = bisect.bisect_right(line_starts, offset)
            verdicts[number] = reason if reason or not URL_ONLY.match(line) else "link residue"
    return verdicts
