"""From raw documents to cleaned, identified, ordered articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from storyline.clean import clean_text
from storyline.model import Article, Problem, RawDocument


def article_id(clean_text: str) -> str:
    """A short, stable id from the clean text: the same article read twice gets one id."""
    return hashlib.sha1(clean_text.encode("utf-8")).hexdigest()[:12]


def to_article(doc: RawDocument) -> Article:
    """Clean one raw document into an ``Article``."""
    # HTML was already cut to the article by trafilatura: cleaning is then a second pass
    # that drops lines only for what they say, never for their shape or position.
    result = clean_text(doc.text, title=doc.title, extracted=doc.kind == "html")
    outlet = doc.outlet or doc.source.rsplit("/", 1)[-1]
    return Article(
        id=article_id(result.text),
        source=doc.source,
        outlet=outlet,
        title=result.title,
        url=doc.url,
        published=doc.published,
        raw_text=doc.text,
        clean_text=result.text,
        language=doc.language or "en",
        author=doc.author,
    )


def to_articles(docs: Iterable[RawDocument]) -> tuple[list[Article], list[Problem]]:
    """Articles in reading order, plus what was set aside: documents with no text left
    after cleaning, and exact repeats.

    Reading order is by publication date when every article has one; otherwise input
    order is kept (file names often carry it), since undated articles cannot be placed."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for doc in docs:
        article = to_article(doc)
        if not article.clean_text.strip():
            problems.append(Problem(doc.source, "no article text left after removing boilerplate, skipped"))
        elif article.id in seen:
            problems.append(Problem(doc.source, f"same text as {seen[article.id]}, counted once"))
        else:
            seen[article.id] = doc.source
            articles.append(article)
    return in_reading_order(articles), problems


def in_reading_order(articles: list[Article]) -> list[Article]:
    """Dated articles by publication date, then the undated ones in input order: an undated
    article cannot be placed among the others, and a reader expects the story to run forward."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published or dt.date.min)
    return dated + [a for a in articles if not a.published]
