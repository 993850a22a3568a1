"""Headline guessing: which paragraph near the top is the article's title.

Owns what a headline looks like (a short, unpunctuated, capitalised line) and where it may
be (before the first real paragraph of body text). A title from metadata, when the caller
has one, is matched against the text first and always wins as the reported title.
"""

from __future__ import annotations

import re
from typing import Protocol

from storyline.clean.boilerplate import word_count


class Flags(Protocol):
    """One flag per paragraph, by index (a list, or layout's lazily computed leads)."""

    def __getitem__(self, index: int, /) -> bool: ...

# Lines looked at before giving up: chrome above a headline is dropped first, so only a
# few candidate lines remain to look at.
_MAX_CANDIDATES = 3
_MAX_TITLE_SCAN = 12
_KEY = re.compile(r"[\W_]+")
# Bylines and timestamps look like titles (short, capitalised, no full stop) but are not.
_BYLINE = re.compile(
    r"^(?:by|written by|posted by|from|(?:last )?(?:updated|modified|published|posted))\b"
    r"|\b(?:minutes?|hours?|days?|weeks?|months?|years?) ago$|>>",
    re.I,
)
_STARTS_TITLE = re.compile(r"^[\"“‘'(]?[A-Z0-9]")


def looks_like_headline(text: str) -> bool:
    """Short-ish, starts with a capital or digit, and ends without a full stop or colon."""
    words = word_count(text)
    if not 3 <= words <= 25 or len(text) > 220 or _BYLINE.match(text):
        return False
    last = text.rstrip("\"'”’)]")[-1:]
    if last in (".", ":", ";", ",", "-", "–", "—", "…") or not _STARTS_TITLE.match(text):
        return False
    return sum(1 for word in text.split() if word[:1].isalpha()) >= 2


def title_case_ratio(text: str) -> float:
    """Share of the longer words (4+ letters, first word excluded) that are capitalised."""
    long_words = [word for word in text.split()[1:] if len(word) >= 4 and word[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(1 for word in long_words if word[0].isupper()) / len(long_words)


def _key(text: str) -> str:
    return _KEY.sub(" ", text.casefold()).strip()


def match_title(paragraphs: list[str], title: str) -> int | None:
    """Index of the paragraph that is the metadata ``title``, allowing an outlet suffix."""
    wanted = _key(title)
    if not wanted:
        return None
    for index, text in enumerate(paragraphs[:_MAX_TITLE_SCAN]):
        got = _key(text)
        if got == wanted:
            return index
        # "Bridge closed | Northport Ledger" in <title> vs "Bridge closed" in the body.
        if word_count(text) >= 3 and (wanted.startswith(got + " ") or got.startswith(wanted + " ")):
            if len(got) >= 0.5 * len(wanted):
                return index
    return None


def find_headline(
    paragraphs: list[str], reasons: list[str | None], is_strong: Flags
) -> int | None:
    """Index of the first headline-like paragraph before the body starts, or None.

    Paragraphs already judged junk are skipped. A short unpunctuated line ("short
    non-sentence line") is only a fallback: above a real headline it is a masthead or a
    section name ("Bay Radio News"), so a longer headline-like line after it wins. The search
    stops at the first strong body paragraph, so a teaser or subheading further down is never
    taken for the title.
    """
    looked = 0
    fallback: int | None = None
    for index, text in enumerate(paragraphs):
        reason = reasons[index]
        if reason is not None and reason != "short non-sentence line":
            continue
        if looks_like_headline(text):
            if reason is None:
                return index
            # A short unpunctuated line followed by another one is a menu, not a title.
            following = reasons[index + 1] if index + 1 < len(reasons) else None
            if fallback is None and following != "short non-sentence line":
                fallback = index
            continue
        if is_strong[index]:
            break
        if reason is None:
            looked += 1
            if looked >= _MAX_CANDIDATES:
                break
    return fallback
