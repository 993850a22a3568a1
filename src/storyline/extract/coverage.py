"""Coverage: per outlet, which summary facts, quotes and numbers it reports, and which of
them only it reports.

A summary fact is reported by every article its sentence cites (the summarizer already
matched supporting sentences across articles). A quote is shared when another article has
a quote by the same speaker with mostly the same words; a number when another article states
the same value for the same measure.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, NumberClaim, OutletCoverage, Quote, SummarySentence


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?…“”\"'’").lower() for w in text.split() if len(w) > 3}


def _same_quote(a: Quote, b: Quote) -> bool:
    wa, wb = _words(a.text), _words(b.text)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def build_coverage(
    articles: Sequence[Article], summary: Sequence[SummarySentence], quotes: Sequence[Quote], numbers: Sequence[NumberClaim]
) -> tuple[OutletCoverage, ...]:
    out: list[OutletCoverage] = []
    for article in articles:
        facts = [i for i, s in enumerate(summary) if any(c.article_id == article.id for c in s.citations)]
        only_facts = [i for i in facts if {c.article_id for c in summary[i].citations} == {article.id}]
        own_quotes = [i for i, q in enumerate(quotes) if q.article_id == article.id]
        only_quotes = [
            i for i in own_quotes
            if not any(q.article_id != article.id and _same_quote(q, quotes[i]) for q in quotes)
        ]
        own_numbers = [i for i, n in enumerate(numbers) if n.article_id == article.id]
        only_numbers = [
            i for i in own_numbers
            if not any(
                n.article_id != article.id and n.unit == numbers[i].unit and n.value == numbers[i].value
                and (n.key == numbers[i].key or not numbers[i].key)
                for n in numbers
            )
        ]
        out.append(
            OutletCoverage(
                article_id=article.id,
                outlet=article.outlet,
                summary=tuple(facts),
                quotes=tuple(own_quotes),
                numbers=tuple(own_numbers),
                only_summary=tuple(only_facts),
                only_quotes=tuple(only_quotes),
                only_numbers=tuple(only_numbers),
            )
        )
    return tuple(out)
