"""Brief: assemble what a reader sees from articles, a summary and its citations."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.brief.articles import in_reading_order, to_articles
from storyline.model import Article, Brief, Problem, RawDocument
from storyline.options import BriefOptions
from storyline.summarize import summarize
from storyline.text.sentences import sentences_of

__all__ = ["brief_from_articles", "build_brief"]


def build_brief(
    docs: Sequence[RawDocument], options: BriefOptions = BriefOptions(), problems: Sequence[Problem] = ()
) -> Brief:
    """Clean, split and summarize ``docs`` into a ``Brief``; ``problems`` from reading the
    inputs are carried along so the reader sees what was skipped."""
    articles, skipped = to_articles(docs)
    return brief_from_articles(articles, options, (*problems, *skipped))


def brief_from_articles(
    articles: Sequence[Article], options: BriefOptions = BriefOptions(), problems: Sequence[Problem] = ()
) -> Brief:
    """A ``Brief`` over articles that are already cleaned (a library's stored articles)."""
    # Imported here: summarize-batch imports this package for to_articles and never needs them.
    from storyline.brief.headline import headline
    from storyline.extract import date_articles, extract

    articles = in_reading_order(date_articles(articles))
    sentences = [sentences_of(a) for a in articles]
    fresh = None
    if options.since is not None:
        # Undated articles cannot be shown to be new: they count as what came before.
        fresh = [a.published is not None and a.published > options.since for a in articles]
    summary = summarize(sentences, options.budget, options.summarizer, options.focus, fresh)
    found = extract(articles, sentences, summary)
    return Brief(
        headline=headline(articles, summary),
        summary=tuple(summary),
        articles=tuple(articles),
        problems=tuple(problems),
        words=options.words or 0,
        summarizer=options.summarizer,
        timeline=found.timeline,
        quotes=found.quotes,
        entities=found.entities,
        numbers=found.numbers,
        disagreements=found.disagreements,
        coverage=found.coverage,
    )
