"""The brief as JSON, schema ``storyline.brief/1`` (documented in docs/brief-schema.md).

Keys are stable: new keys may be added, existing ones keep their meaning. Every citation
carries the exact character span of the article's clean text it points at, and the text
of that span, so a consumer can check it without re-running storyline.
"""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Article, Brief, Citation, NumberClaim

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
        "published_from": a.published_from,
        "url": a.url,
        "input": a.source,
        "author": a.author,
        "language": a.language,
        "words": len(a.clean_text.split()),
    }


def _span(brief: Brief, c: Citation, by_id: dict[str, Article]) -> dict[str, Any]:
    """A citation of an extracted item: the exact span (not the whole sentence)."""
    out = _citation(brief, c, by_id)
    del out["similarity"]
    return out


def _extracted(brief: Brief, by_id: dict[str, Article]) -> dict[str, Any]:
    """The extracted parts: timeline, quotes, entities, numbers, disagreements, coverage."""
    number_of = {n: i for i, n in enumerate(brief.numbers)}

    def claim(n: NumberClaim) -> dict[str, Any]:
        return {
            "text": n.text,
            "value": n.value,
            "unit": n.unit,
            "measure": n.measure,
            "as_of": n.as_of,
            "approximate": n.approximate,
            "article": brief.source_number(n.article_id),
            "citation": _span(brief, n.citation, by_id),
        }

    return {
        "timeline": [
            {
                "date": e.date.isoformat() if e.date else None,
                "precision": e.precision,
                "when": e.when,
                "kind": e.kind,
                "text": e.text,
                "place": e.place,
                "basis": e.basis,
                "sources": sorted({brief.source_number(c.article_id) for c in e.citations}),
                "citations": [_span(brief, c, by_id) for c in e.citations],
            }
            for e in brief.timeline
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_title": q.speaker_title,
                "attribution": q.attribution,
                "article": brief.source_number(q.article_id),
                "citations": [_span(brief, c, by_id) for c in q.citations],
            }
            for q in brief.quotes
        ],
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "mentions": e.total,
                "by_source": {str(brief.source_number(aid)): n for aid, n in e.mentions},
                "aliases": list(e.aliases),
                "citations": [_span(brief, c, by_id) for c in e.citations],
            }
            for e in brief.entities
        ],
        "numbers": [claim(n) for n in brief.numbers],
        "disagreements": [
            {
                "measure": d.measure,
                "unit": d.unit,
                "note": d.note,
                "claims": [dict(claim(n), number=number_of.get(n)) for n in d.claims],
            }
            for d in brief.disagreements
        ],
        "coverage": [
            {
                "source": brief.source_number(c.article_id),
                "outlet": c.outlet,
                "summary": list(c.summary),
                "quotes": list(c.quotes),
                "numbers": list(c.numbers),
                "only_summary": list(c.only_summary),
                "only_quotes": list(c.only_quotes),
                "only_numbers": list(c.only_numbers),
            }
            for c in brief.coverage
        ],
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
        **_extracted(brief, by_id),
        "skipped": [{"input": p.source, "reason": p.reason} for p in brief.problems],
    }


def render_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2) + "\n"
