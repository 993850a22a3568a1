"""A ``Brief`` as plain values for the story template: numbered sources, summary sentences
with the text of every cited sentence, the timeline laid out for SVG, quotes grouped by
speaker, figures, disagreements and the coverage grid.

Citations point at the stored article page (``/articles/{id}#s{position}``), where the
sentence is highlighted; the cited text travels with each marker so the page can show it
on hover (``title``) or click (static/app.js) without another request.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Brief, Citation, TimelineEntry
from storyline.render.tables import coverage_grid, figure_value
from storyline.web.library import StoryBrief



def safe_url(url: str | None) -> str | None:
    """Only http(s) links are ever made clickable: an article's URL is untrusted."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


class _Cites:
    def __init__(self, sb: StoryBrief) -> None:
        self.brief = sb.brief
        self.by_id = {a.id: a for a in sb.brief.articles}
        self.store_ids = sb.store_ids

    def one(self, c: Citation) -> dict[str, Any]:
        article = self.by_id[c.article_id]
        return {"n": self.brief.source_number(c.article_id), "outlet": article.outlet,
                "href": f"/articles/{self.store_ids.get(article.source, article.id)}#s{c.position}",
                "text": article.clean_text[c.start:c.end]}

    def many(self, citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
        seen: set[int] = set()
        out = []
        for c in citations:
            n = self.brief.source_number(c.article_id)
            if n not in seen:
                seen.add(n)
                out.append(self.one(c))
        return out


def _timeline(brief: Brief, cites: _Cites) -> dict[str, Any]:
    dated = [e for e in brief.timeline if e.date]
    rows = []
    first = last = None
    if dated:
        # The axis spans the events dated to the day or week; a year-only aside ("opened in
        # 1968") would squeeze them all into one corner, so it sits at the edge, marked off-axis.
        core = [e.date for e in dated if e.precision in ("day", "week") and e.date] or [e.date for e in dated if e.date]
        first, last = min(core), max(core)
        span = max((last - first).days, 1)
        for e in dated:
            assert e.date
            share = min(max((e.date - first).days / span, 0.0), 1.0)
            # Positions in steps of 5%: the CSP forbids inline styles, so the stylesheet
            # has one class per step (.at-0 … .at-100).
            rows.append({"at": 5 * round(20 * share), "off": not first <= e.date <= last, "entry": _entry(e, cites)})
    return {"rows": rows, "first": first.isoformat() if first else "", "last": last.isoformat() if last else "",
            "undated": [_entry(e, cites) for e in brief.timeline if e.date is None]}


def _entry(e: TimelineEntry, cites: _Cites) -> dict[str, Any]:
    gist = e.text if len(e.text) <= 70 else e.text[:68].rsplit(" ", 1)[0] + " …"
    return {"when": e.when.replace(" (date unknown: the article is undated)", ""), "kind": e.kind,
            "place": e.place, "text": e.text, "gist": gist, "basis": e.basis, "meeting": e.kind == "meeting",
            "cites": cites.many(e.citations)}


def _quotes(brief: Brief, cites: _Cites) -> list[dict[str, Any]]:
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(brief.quotes):
        groups.setdefault(q.speaker or "", []).append(i)
    out = []
    for speaker in sorted(groups, key=lambda s: (s == "", -len(groups[s]), s)):
        items = [brief.quotes[i] for i in groups[speaker]]
        out.append({"speaker": speaker, "title": next((q.speaker_title for q in items if q.speaker_title), None),
                    "quotes": [{"text": q.text, "attribution": q.attribution, "cites": cites.many(q.citations)}
                               for q in items]})
    return out


def _coverage(brief: Brief) -> list[dict[str, Any]]:
    return [{"label": label, "cells": states} for label, states in coverage_grid(brief)]


def story_view(sb: StoryBrief) -> dict[str, Any]:
    """Everything story.html shows, computed once per brief (the caller caches it)."""
    brief, cites = sb.brief, _Cites(sb)
    sources = [{"n": i, "outlet": a.outlet, "title": a.title, "published": a.published, "url": safe_url(a.url),
                "href": f"/articles/{sb.store_ids.get(a.source, a.id)}", "words": len(a.clean_text.split())}
               for i, a in enumerate(brief.articles, 1)]
    numbers = [{"text": n.text, "value": figure_value(n),
                "approximate": n.approximate, "unit": n.unit, "measure": n.measure, "as_of": n.as_of,
                "cite": cites.one(n.citation)} for n in brief.numbers]
    disagreements = [{"measure": d.measure, "note": d.note,
                      "claims": [{"text": c.text, "as_of": c.as_of, "cite": cites.one(c.citation)} for c in d.claims]}
                     for d in brief.disagreements]
    return {"headline": brief.headline, "sources": sources,
            "summary": [{"text": s.text, "cites": cites.many(s.citations)} for s in brief.summary],
            "timeline": _timeline(brief, cites), "quotes": _quotes(brief, cites), "numbers": numbers,
            "disagreements": disagreements, "coverage": _coverage(brief),
            "problems": [str(p) for p in brief.problems]}
