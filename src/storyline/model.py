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
    # How ``published`` was obtained: "metadata", or a note on the text clue it was inferred
    # from ("on or after: latest past date in the text, 'Feb. 9, 2017'"); None if unknown.
    published_from: str | None = None


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
class TimelineEntry:
    """A dated event (meeting, call, visit, statement, decision) with every span reporting it.

    ``precision`` is "day", "week", "month", "year", or "weekday" (only the weekday is known,
    because the article's own date is not); ``date`` is None for "weekday", else the first day
    of the period. ``when`` is what a reader sees ("2017-02-10", "a Friday (year unknown)");
    ``basis`` says how the date was resolved.
    """

    date: dt.date | None
    precision: str
    when: str
    text: str  # the reporting sentence of the first citation, verbatim
    kind: str  # "meeting" | "call" | "visit" | "statement" | "decision" | "election" | "event"
    place: str | None
    citations: tuple[Citation, ...]
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation. ``citations`` are the quoted spans (two when a quote is split by
    its attribution); ``speaker`` is a canonical name, or None when unattributed."""

    text: str
    speaker: str | None
    speaker_title: str | None
    article_id: str
    citations: tuple[Citation, ...]
    attribution: str  # "after" | "before" | "pronoun" | "previous paragraph" | "unattributed"


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or event, canonicalised across articles."""

    name: str
    type: str  # "person" | "organisation" | "place" | "event"
    mentions: tuple[tuple[str, int], ...]  # (article_id, count), in source order
    aliases: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()  # the first mention in each article

    @property
    def total(self) -> int:
        return sum(n for _, n in self.mentions)


@dataclass(frozen=True, slots=True)
class NumberClaim:
    """A quantity stated as a fact: normalised ``value`` in ``unit`` ("USD", "troops", "%")."""

    text: str  # the quantity as written ("Around 50,000")
    value: float
    unit: str
    measure: str  # what it measures ("US troops in Japan")
    as_of: str | None  # ISO date, month or year the figure is stated for; None if unknown
    article_id: str
    citation: Citation
    approximate: bool = False
    key: str = ""  # normalised measure that claims are compared on across articles


@dataclass(frozen=True, slots=True)
class Disagreement:
    """The same measure given different values by different articles."""

    measure: str
    unit: str
    claims: tuple[NumberClaim, ...]
    note: str  # e.g. "stated for different dates: 2016-11-16 vs 2019"


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """What one article reports, as indices into the brief's summary, quotes and numbers, and
    which of them no other article reports."""

    article_id: str
    outlet: str
    summary: tuple[int, ...]
    quotes: tuple[int, ...]
    numbers: tuple[int, ...]
    only_summary: tuple[int, ...]
    only_quotes: tuple[int, ...]
    only_numbers: tuple[int, ...]


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
    timeline: tuple[TimelineEntry, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    numbers: tuple[NumberClaim, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    coverage: tuple[OutletCoverage, ...] = ()

    def source_number(self, article_id: str) -> int:
        """1-based number of an article in the source list, as [n] markers use."""
        for i, article in enumerate(self.articles, 1):
            if article.id == article_id:
                return i
        raise KeyError(article_id)
