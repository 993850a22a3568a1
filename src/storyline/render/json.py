"""The brief as JSON, schema ``storyline.brief/1`` (documented in docs/brief-schema.md).

Keys are stable: new keys may be added, existing ones keep their meaning. Every citation
carries the exact character span of the article's clean text it points at, and the text
of that span, so a consumer can check it without re-running storyline.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Article, Brief, Citation

SCHEMA = "storyline.brief/1"


def _citation(brief: Brief, c: Citation, by_id: dict[str, Article]) -> dict[str, Any]:
    return {
        "source": brief.source_number(c.article_id),
        "article_id": c.article_id,
        "sentence": c.position,
        "start": c.start,
        "end": c.end,
        "similarity": c.similarity,
        "text": by_id[c.article_id].clean_text[c.start : c.end],
    }


def _source(number: int, a: Article) -> dict[str, Any]:
    return {
        "number": number,
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
        "input": a.source,
        "author": a.author,
        "language": a.language,
        "words": len(a.clean_text.split()),
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The JSON-ready structure of a brief."""
    by_id = {a.id: a for a in brief.articles}
    return {
        "schema": SCHEMA,
        "headline": brief.headline,
        "generated": brief.generated.isoformat(timespec="seconds"),
        "summarizer": brief.summarizer,
        "budget_words": brief.words or None,
        "summary_words": sum(len(s.text.split()) for s in brief.summary),
        "summary": [
            {
                "text": s.text,
                "sources": sorted({brief.source_number(c.article_id) for c in s.citations}),
                "citations": [_citation(brief, c, by_id) for c in s.citations],
            }
            for s in brief.summary
        ],
        "sources": [_source(i, a) for i, a in enumerate(brief.articles, 1)],
        "skipped": [{"input": p.source, "reason": p.reason} for p in brief.problems],
    }


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"
