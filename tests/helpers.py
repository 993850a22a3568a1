"""Tiny inputs built in code, shared by the tests."""

from __future__ import annotations

import datetime as dt

from storyline.model import Article, Sentence


def make_article(id: str, sentences: list[str], outlet: str = "Test Wire", published: dt.date | None = None,
                 title: str | None = None) -> tuple[Article, tuple[Sentence, ...]]:
    """An article whose clean text is ``sentences`` joined by spaces, with exact spans."""
    spans = []
    text = ""
    for i, s in enumerate(sentences):
        if text:
            text += " "
        spans.append(Sentence(id, i, len(text), len(text) + len(s), s))
        text += s
    article = Article(id=id, source=f"{id}.txt", outlet=outlet, title=title, url=None, published=published,
                      raw_text=text, clean_text=text)
    return article, tuple(spans)
