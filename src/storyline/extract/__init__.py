"""Extraction: everything in a brief beyond the summary.

``extract`` runs the stages in dependency order: publication dates (``published``), then
entities (spaCy, loaded lazily on first use), speakers and quotes, dated events and the
timeline, numeric claims and disagreements, and per-outlet coverage. Each stage is one
module; this one only wires them together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.extract.coverage import build_coverage
from storyline.extract.disagreements import find_disagreements
from storyline.extract.entities import build_entities, find_mentions
from storyline.extract.events import article_events, build_timeline
from storyline.extract.numbers import find_numbers
from storyline.extract.published import infer_published
from storyline.extract.quotes import find_quotes
from storyline.extract.speakers import collect_people
from storyline.model import (
    Article,
    Disagreement,
    Entity,
    NumberClaim,
    OutletCoverage,
    Quote,
    Sentence,
    SummarySentence,
    TimelineEntry,
)

__all__ = ["Extraction", "date_articles", "extract"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``extract`` found, ready for ``Brief``'s fields."""

    timeline: tuple[TimelineEntry, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    numbers: tuple[NumberClaim, ...]
    disagreements: tuple[Disagreement, ...]
    coverage: tuple[OutletCoverage, ...]


def date_articles(articles: Sequence[Article]) -> list[Article]:
    """Articles with ``published`` filled where it can be inferred, and ``published_from``
    saying how (metadata, or which clue in the text)."""
    out = []
    for article in articles:
        date, how = infer_published(article)
        out.append(dataclasses.replace(article, published=date, published_from=how))
    return out


def extract(
    articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]], summary: Sequence[SummarySentence]
) -> Extraction:
    """Every extracted part of the brief, for already dated ``articles``."""
    mentions = find_mentions(articles)
    people = collect_people(articles, mentions)
    quotes: list[Quote] = []
    events: list[TimelineEntry] = []
    numbers: list[NumberClaim] = []
    for article, sents in zip(articles, sentences):
        quotes += find_quotes(article, sents, people)
        places = [m for m in mentions if m.article_id == article.id and m.type == "place"]
        events += article_events(article, sents, places)
        numbers += find_numbers(article, sents, article.published.isoformat() if article.published else None)
    return Extraction(
        timeline=build_timeline(events),
        quotes=tuple(quotes),
        entities=build_entities(articles, mentions, sentences),
        numbers=tuple(numbers),
        disagreements=find_disagreements(numbers),
        coverage=build_coverage(articles, summary, quotes, numbers),
    )
