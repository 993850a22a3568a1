"""The typed records that flow between stages.

Every stage takes and returns these frozen dataclasses, fully populated: ingest makes
``RawDocument``s, clean turns them into ``Article``s, text splits ``Sentence``s, summarize
returns ``SummarySentence``s with ``Citation``s, and brief assembles a ``Brief``.
Behaviour lives in the stages, not here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read, before cleaning.

    ``source`` names where it came from (a path, ``path:line`` for JSONL, ``<stdin>``) and is
    what error messages and the fallback outlet name use. HTML has already been reduced to
    text by ingest; ``text`` is never markup.
    """

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    language: str | None = None
    kind: str = "text"  # "text" | "html" | "jsonl" | "multinews": how it was read


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was skipped, and why (one line, shown to the user)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit every later stage works on.

    ``clean_text`` is what sentences, spans and citations index into; ``raw_text`` is kept so a
    reader can see what cleaning removed.
    """

    id: str
    source: str
    outlet: str
    title: str | None
    url: str | None
    published: dt.date | None
    raw_text: str
    clean_text: str
    language: str = "en"
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``clean_text[start:end] == text``."""

    article_id: str
    position: int  # 0-based index of the sentence within its article
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer to the exact span of an article that supports a summary sentence."""

    article_id: str
    position: int  # sentence position in that article
    start: int
    end: int
    similarity: float = 1.0  # 1.0 for the sentence the summary text was taken from


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a summary with every article span that reports the same fact.

    ``citations[0]`` is the span the text was copied from (extractive summaries never
    rewrite text); the rest are other articles' sentences that say the same thing.
    """

    text: str
    citations: tuple[Citation, ...]
    score: float = 0.0

    @property
    def source(self) -> Citation:
        return self.citations[0]


@dataclass(frozen=True, slots=True)
class Brief:
    """What a reader sees: a cited summary over a set of articles, plus what was skipped."""

    headline: str
    summary: tuple[SummarySentence, ...]
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    words: int = 0  # the word budget the summary was made under
    summarizer: str = "storyline"
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    def source_number(self, article_id: str) -> int:
        """1-based number of an article in the source list, as [n] markers use."""
        for i, article in enumerate(self.articles, 1):
            if article.id == article_id:
                return i
        raise KeyError(article_id)
