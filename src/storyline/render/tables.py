"""What the brief's tables hold, independent of markup: the coverage grid and figure values.

The standalone HTML, the Markdown and the web pages all show these; computing them once
here keeps the three views from drifting apart.
"""

from __future__ import annotations

from storyline.model import Brief, NumberClaim


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def figure_value(number: NumberClaim) -> str:
    """A claim's value for a table: thousands separated, no ".0" on whole numbers."""
    return f"{number.value:,.0f}" if number.value == int(number.value) else f"{number.value:,}"


def coverage_grid(brief: Brief) -> list[tuple[str, list[str]]]:
    """Rows of the source-by-fact grid: a label, then per source "only" (only it reports
    the fact), "yes" (it reports it) or "no"."""
    rows: list[tuple[str, set[int], set[int]]] = []
    for i, s in enumerate(brief.summary):
        who = {brief.source_number(c.article_id) for c in s.citations}
        rows.append((f"Summary {i + 1}: {clip(s.text, 80)}", who, who if len(who) == 1 else set()))
    for c in brief.coverage:
        source = brief.source_number(c.article_id)
        for i in c.quotes:
            q = brief.quotes[i]
            rows.append((f"Quote ({q.speaker or 'unattributed'}): {clip(q.text, 60)}", {source},
                         {source} if i in c.only_quotes else set()))
        for i in c.numbers:
            rows.append((f"Figure: {brief.numbers[i].text}", {source}, {source} if i in c.only_numbers else set()))
    n = len(brief.articles)
    return [(label, ["only" if k in only else "yes" if k in who else "no" for k in range(1, n + 1)])
            for label, who, only in rows]
