"""Focused summaries: how relevant each sentence is to a topic or question (``--focus``).

The focus text's content terms are expanded with the terms that co-occur with them in the
story's own sentences (a one-step pseudo-relevance feedback, weighted by how often a term
appears in sentences that contain a focus term), so "trade" also finds sentences about
"tariffs" or "NAFTA" when the articles put them together. A sentence's relevance is the
weight of the focus and expansion terms it contains; only relevant sentences are picked.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain

from storyline.summarize.units import Unit
from storyline.text.terms import term_codes, words

EXPANSION_WEIGHT = 0.5  # an expansion term counts at most half a focus term
EXPANSION_TERMS = 20  # how many co-occurring terms join the focus
MIN_COOCCURRENCE = 2  # a term must share this many sentences with the focus to join


def focus_terms(focus: str) -> frozenset[int]:
    """Stem codes of the content words of the focus text."""
    return frozenset(c for c in term_codes(words(focus)) if c > 0)


def focus_weights(focus: str, units: Sequence[Unit]) -> dict[int, float]:
    """Weight per term: 1 for the focus's own terms, up to ``EXPANSION_WEIGHT`` for the
    terms that most often share a sentence with them."""
    core = focus_terms(focus)
    weights = dict.fromkeys(core, 1.0)
    hits = [u for u in units if u.terms & core]
    if not hits:
        return weights
    together = Counter(chain.from_iterable(u.terms - core for u in hits))
    overall = Counter(chain.from_iterable(u.terms for u in units))
    # Ties go to the term the story uses first: term codes depend on what the process saw
    # before, so ordering by code would make the same story's summary depend on history.
    first_seen: dict[int, int] = {}
    for u in units:
        for code in u.codes:
            first_seen.setdefault(code, len(first_seen))
    scored = [(-n / overall[t], first_seen[t], t) for t, n in together.items() if n >= MIN_COOCCURRENCE]
    for share, _, term in sorted(scored)[:EXPANSION_TERMS]:
        weights[term] = -EXPANSION_WEIGHT * share
    return weights


def relevance(units: Sequence[Unit], weights: dict[int, float]) -> list[float]:
    """Relevance of each unit: the summed weight of the focus terms it contains."""
    # fsum: exact, so the result cannot depend on the set's (code-dependent) iteration order.
    return [math.fsum(weights.get(t, 0.0) for t in u.terms) for u in units]
