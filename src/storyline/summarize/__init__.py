"""Summarize: pick the sentences that tell the story, within a budget, with citations.

``summarize`` is the one entry point: it builds sentence units, runs the named summarizer
(``storyline`` by default; ``lead``, ``lexrank`` and ``textrank`` as baselines), puts the
picks in reading order (article order, then position) and attaches citations.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Sentence, SummarySentence
from storyline.summarize.budget import Budget
from storyline.summarize.citations import cite
from storyline.summarize.registry import SUMMARIZERS, get_summarizer
from storyline.summarize.units import make_units

__all__ = ["Budget", "SUMMARIZERS", "get_summarizer", "summarize"]


def summarize(
    docs: Sequence[Sequence[Sentence]], budget: Budget, method: str = "storyline"
) -> list[SummarySentence]:
    """Summary of the articles whose sentences are ``docs`` (given in reading order)."""
    summarizer = get_summarizer(method)
    units = make_units(docs)
    chosen = summarizer(units, budget)
    rank = {id(u): len(chosen) - i for i, u in enumerate(chosen)}
    ordered = sorted(chosen, key=lambda u: (u.doc, u.position))
    return cite(ordered, units, [float(rank[id(u)]) for u in ordered])
