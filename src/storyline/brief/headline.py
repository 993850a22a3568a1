"""A one-line headline for the whole story."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, SummarySentence
from storyline.text.terms import content_terms

MAX_HEADLINE_WORDS = 16


def headline(articles: Sequence[Article], summary: Sequence[SummarySentence]) -> str:
    """The article title that shares most with the summary; else the summary's opening,
    shortened at a word boundary. Titles are real headlines, so prefer them."""
    summary_terms = set(content_terms(" ".join(s.text for s in summary)))
    best, best_score = None, 0.0
    for article in articles:
        if not article.title:
            continue
        terms = set(content_terms(article.title))
        score = len(terms & summary_terms) / (len(terms) ** 0.5 or 1.0)
        if score > best_score:
            best, best_score = article.title, score
    if best:
        return best
    if not summary:
        return articles[0].title or "Untitled story" if articles else "Untitled story"
    words = summary[0].text.split()
    return " ".join(words[:MAX_HEADLINE_WORDS]) + (" …" if len(words) > MAX_HEADLINE_WORDS else "")
