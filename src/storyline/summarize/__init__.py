"""Summarize: pick the sentences that tell the story, within a budget, with citations.

``summarize`` is the one entry point: it builds sentence units, runs the named summarizer
(``storyline`` by default; ``lead``, ``lexrank`` and ``textrank`` as baselines), puts the
picks in reading order (article order, then position) and attaches citations.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from storyline.errors import UsageError

from storyline.model import Sentence, SummarySentence
from storyline.summarize.budget import Budget
from storyline.summarize.citations import cite
from storyline.summarize.concepts import summarize_concepts
from storyline.summarize.registry import SUMMARIZERS, get_summarizer
from storyline.summarize.units import Unit, make_units

__all__ = ["Budget", "SUMMARIZERS", "get_summarizer", "select", "summarize"]


def _pick(
    docs: Sequence[Sequence[Sentence]], budget: Budget, method: str, focus: str | None, fresh: Sequence[bool] | None
) -> tuple[list[Unit], list[list[Unit]], list[float]]:
    summarizer = get_summarizer(method)
    units = make_units(docs)
    if focus and method != "storyline":
        raise UsageError(f"--focus needs the storyline summarizer, not {method}")
    if fresh is not None:
        # An update summary: pick only from new articles; what old ones said is known.
        old = [u for d, doc in enumerate(units) if not fresh[d] for u in doc]
        known = frozenset(chain.from_iterable(u.bigrams for u in old))
        known_terms = frozenset(chain.from_iterable(u.terms for u in old))
        view = [doc if fresh[d] else [] for d, doc in enumerate(units)]
    else:
        known, known_terms, view = frozenset(), frozenset(), units
    if method == "storyline":
        chosen = summarize_concepts(view, budget, focus=focus, known=known, known_terms=known_terms)
    else:
        chosen = summarizer(view, budget)
    if not chosen:
        return [], units, []
    # Importance: 1.0 for the first pick, falling linearly; kept for readers who re-cut.
    importance = {id(u): 1.0 - i / len(chosen) for i, u in enumerate(chosen)}
    ordered = reading_order(chosen)
    return ordered, units, [round(importance[id(u)], 3) for u in ordered]


def reading_order(chosen: Sequence[Unit]) -> list[Unit]:
    """Article order, then position; but never open on a sentence that points back at one
    the reader has not seen ("He said..."): the first sentence that stands on its own
    goes first instead."""
    ordered = sorted(chosen, key=lambda u: (u.doc, u.position))
    keys = {(u.doc, u.position) for u in ordered}

    def stands_alone(u: Unit) -> bool:
        return not u.dangling or (u.doc, u.position - 1) in keys

    if ordered and not stands_alone(ordered[0]):
        first = next((u for u in ordered if stands_alone(u) and not u.sentence.text[0] in "\"“"), None)
        if first is not None:
            ordered.remove(first)
            ordered.insert(0, first)
    return ordered


def select(
    docs: Sequence[Sequence[Sentence]], budget: Budget, method: str = "storyline",
    focus: str | None = None, fresh: Sequence[bool] | None = None,
) -> list[Sentence]:
    """The summary's sentences in reading order, without citations (the batch fast path)."""
    return [u.sentence for u in _pick(docs, budget, method, focus, fresh)[0]]


def summarize(
    docs: Sequence[Sequence[Sentence]], budget: Budget, method: str = "storyline",
    focus: str | None = None, fresh: Sequence[bool] | None = None,
) -> list[SummarySentence]:
    """Summary of the articles whose sentences are ``docs`` (given in reading order), each
    sentence with its citations (which may point at any article, old or new).

    ``focus``: only what bears on this topic or question. ``fresh``: one flag per article;
    when given, an update summary of what the flagged articles add to the others."""
    ordered, units, importance = _pick(docs, budget, method, focus, fresh)
    return cite(ordered, units, importance)
