"""HTML sections for the extracted parts of a brief: the timeline (drawn as inline SVG),
quotes grouped by speaker, entities, figures and disagreements, and a source-by-fact
coverage grid. Every item links to the sentence it came from, highlighted in the article
text (anchors ``s{source}-{sentence}``, as summary citations use). No scripts, no external
assets; all text escaped.
"""

from __future__ import annotations

from html import escape

from storyline.model import Brief, Citation, TimelineEntry
from storyline.render.tables import coverage_grid, figure_value


def anchor(brief: Brief, c: Citation) -> str:
    return f"#s{brief.source_number(c.article_id)}-{c.position}"


def _refs(brief: Brief, citations: tuple[Citation, ...]) -> str:
    seen: set[int] = set()
    out = []
    for c in citations:
        n = brief.source_number(c.article_id)
        if n not in seen:
            seen.add(n)
            out.append(f'<a class="cite" href="{anchor(brief, c)}">[{n}]</a>')
    return "".join(out)


def _svg(brief: Brief, dated: list[TimelineEntry]) -> str:
    """One row per dated entry, its dot placed by date on a shared axis, so gaps show."""
    first, last = dated[0].date, dated[-1].date
    assert first and last
    span = max((last - first).days, 1)
    row, left, width = 26, 12, 220
    height = row * len(dated) + 24
    parts = [
        f'<svg class="timeline" role="img" aria-label="Timeline of dated events" viewBox="0 0 820 {height}" '
        f'width="100%">',
        f'<line x1="{left}" y1="10" x2="{left}" y2="{height - 10}" stroke="#bbb"/>',
        f'<line x1="{left + width}" y1="10" x2="{left + width}" y2="{height - 10}" stroke="#bbb"/>',
        f'<text x="{left}" y="{height - 1}" font-size="10" fill="#666">{first.isoformat()}</text>',
        f'<text x="{left + width}" y="{height - 1}" font-size="10" fill="#666" text-anchor="end">{last.isoformat()}</text>',
    ]
    for i, e in enumerate(dated):
        assert e.date
        x = left + width * (e.date - first).days / span
        y = 20 + i * row
        colour = "#c0392b" if e.kind == "meeting" else "#0a58ca"
        gist = e.text if len(e.text) <= 52 else e.text[:50].rsplit(" ", 1)[0] + " …"
        label = f"{e.when} · {e.kind}" + (f" · {e.place}" if e.place else "") + f" — {gist}"
        parts.append(
            f'<a href="{anchor(brief, e.citations[0])}"><title>{escape(e.text)}</title>'
            f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#eee"/>'
            f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{colour}"/>'
            f'<text x="{left + width + 12}" y="{y + 4}" font-size="12" fill="#1d1d1f">{escape(label)}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def timeline(brief: Brief) -> list[str]:
    if not brief.timeline:
        return []
    out = ['<section class="timeline"><h2>Timeline</h2>']
    dated = [e for e in brief.timeline if e.date]
    if dated:
        out.append(_svg(brief, dated))
    undated = [e for e in brief.timeline if e.date is None]
    for title, group in (("", dated), ("Undated: the article gives no date of its own, so these keep the text's words", undated)):
        if not group:
            continue
        if title:
            out.append(f'<p class="meta">{escape(title)}</p>')
        out.append('<ol class="events">')
        for e in group:
            place = f" · {escape(e.place)}" if e.place else ""
            when = e.when.replace(" (date unknown: the article is undated)", "")
            out.append(
                f'<li><strong>{escape(when)}</strong>{place} · {escape(e.kind)}: '
                f'<a href="{anchor(brief, e.citations[0])}" title="{escape(e.basis)}">{escape(e.text)}</a>{_refs(brief, e.citations)}</li>'
            )
        out.append("</ol>")
    out.append("</section>")
    return out


def quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(brief.quotes):
        groups.setdefault(q.speaker or "", []).append(i)
    out = ['<section class="quotes"><h2>Quotes</h2>']
    for speaker in sorted(groups, key=lambda s: (s == "", -len(groups[s]), s)):
        items = [brief.quotes[i] for i in groups[speaker]]
        title = next((q.speaker_title for q in items if q.speaker_title), None)
        head = escape(speaker) if speaker else "<em>Unattributed</em>"
        out.append(f"<h3>{head}" + (f' <span class="meta">{escape(title)}</span>' if title else "") + "</h3><ul>")
        for q in items:
            out.append(
                f'<li><a href="{anchor(brief, q.citations[0])}">“{escape(q.text)}”</a>{_refs(brief, q.citations)}'
                f' <span class="meta">({escape(q.attribution)})</span></li>'
            )
        out.append("</ul>")
    out.append("</section>")
    return out


def entities(brief: Brief) -> list[str]:
    if not brief.entities:
        return []
    out = ['<section class="entities"><h2>Who and what</h2>']
    for kind, label in (("person", "People"), ("organisation", "Organisations"), ("place", "Places"), ("event", "Events")):
        group = [e for e in brief.entities if e.type == kind][:25]
        if not group:
            continue
        items = []
        for e in group:
            per = " ".join(f'<a href="{anchor(brief, c)}">[{brief.source_number(c.article_id)}]</a>' for c in e.citations)
            counts = ", ".join(f"{brief.source_number(aid)}: {n}" for aid, n in e.mentions)
            items.append(f'<li>{escape(e.name)} <span class="meta" title="mentions per source">({e.total}; {counts})</span> {per}</li>')
        out.append(f"<h3>{label}</h3><ul class=\"ents\">{''.join(items)}</ul>")
    out.append("</section>")
    return out


def numbers(brief: Brief) -> list[str]:
    out: list[str] = []
    if brief.disagreements:
        out.append('<section class="disagreements"><h2>Where sources disagree</h2><ul>')
        for d in brief.disagreements:
            claims = " vs ".join(
                f'<a href="{anchor(brief, c.citation)}">{escape(c.text)}</a> [{brief.source_number(c.article_id)}]'
                f" (as of {escape(c.as_of or 'unknown date')})"
                for c in d.claims
            )
            out.append(f"<li><strong>{escape(d.measure)}</strong>: {claims}. {escape(d.note)}.</li>")
        out.append("</ul></section>")
    if brief.numbers:
        out.append('<section class="numbers"><h2>Figures</h2><table><tr><th>figure</th><th>value</th><th>unit</th>'
                   "<th>measure</th><th>as of</th><th>source</th></tr>")
        for n in brief.numbers:
            value = figure_value(n)
            out.append(
                f'<tr><td><a href="{anchor(brief, n.citation)}">{escape(n.text)}</a></td><td>{"~" if n.approximate else ""}{value}</td>'
                f"<td>{escape(n.unit)}</td><td>{escape(n.measure)}</td><td>{escape(n.as_of or 'unknown')}</td>"
                f"<td>[{brief.source_number(n.article_id)}]</td></tr>"
            )
        out.append("</table></section>")
    return out


def coverage(brief: Brief) -> list[str]:
    """A grid: rows are summary facts, quotes and figures; columns are sources."""
    if not brief.coverage:
        return []
    heads = "".join(f'<th title="{escape(a.outlet)}">[{i}]</th>' for i, a in enumerate(brief.articles, 1))
    out = ['<section class="coverage"><h2>Coverage</h2><table class="grid">',
           f"<tr><th>fact</th>{heads}</tr>"]
    for label, states in coverage_grid(brief):
        cells = "".join(f'<td class="{state}">{"" if state == "no" else "●"}</td>' for state in states)
        out.append(f"<tr><td>{escape(label)}</td>{cells}</tr>")
    out.append('</table><p class="meta">● reported by the source; highlighted: only that source reports it.</p></section>')
    return out
