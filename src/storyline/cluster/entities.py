"""Named entities, cheaply: runs of capitalised words that do not open a sentence.

Story clustering and storyline linking compare "who and where" as well as words. A
statistical tagger (spaCy) would cost ~10 ms an article and a model download; a capitalised
run is right often enough for names in news prose and costs microseconds.
"""

from __future__ import annotations

import re
from collections import Counter

from storyline.text.terms import STOPWORDS

# A run of capitalised words, allowing a linking "of"/"de", e.g. "Shinzo Abe", "Bank of England".
_CAP = re.compile(r"\b[A-Z][A-Za-z.-]+(?:['’]s\b)?(?:[ \t]+(?:(?:of|de|van|von|bin|al)[ \t]+)?[A-Z][A-Za-z.-]+(?:['’]s\b)?)*")
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december he she it they we i you his her the a
    an in on at but and or if when while after before as this that these those there here what
    photo image getty reuters ap associated press advertisement""".split()
)
TOP_ENTITIES = 12
SCAN_CHARS = 4000  # the main actors are named early: scanning the lead is enough and 2x cheaper


def entities(text: str, limit: int = TOP_ENTITIES) -> Counter[str]:
    """The ``limit`` most frequent entity strings (lowercased) of ``text``, with counts."""
    found: Counter[str] = Counter()
    for m in _CAP.finditer(text, 0, SCAN_CHARS):
        run = m.group(0)
        words = (_POSSESSIVE.sub("", run) if "s" in run[-1:] else run).strip(" .-").split()
        # A single capitalised word at a sentence start is usually just a sentence start.
        if len(words) == 1 and _opens_sentence(text, m.start()):
            continue
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in STOPWORDS):
            words = words[1:]
        if not words or (len(words) == 1 and len(words[0]) < 3):
            continue
        found[" ".join(words).lower()] += 1
        if len(words) > 1:  # "President Donald Trump" and "Trump" are one person to a reader
            found[words[-1].lower()] += 1
    return Counter(dict(found.most_common(limit)))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?:\n"


def overlap(a: Counter[str], b: Counter[str]) -> float:
    """Share of the smaller entity set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a.keys() & b.keys()) / min(len(a), len(b))
