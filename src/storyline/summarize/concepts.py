"""storyline's default summarizer: greedy coverage of weighted bigram concepts.

A concept is a stemmed bigram. Its weight grows with how often the cluster repeats it and,
much more, with how many different articles report it (cross-document support: a fact
several outlets state matters more). Sentences are picked greedily by the weight of the
concepts they add per word, with a bonus for early positions in their article, a penalty
for openers that dangle ("He said...", "But ..."), and a hard veto on near-duplicates.
Coverage makes redundancy cost what it should: a concept already covered adds nothing.

The gain of a sentence can only fall as coverage grows, so a lazy greedy (a heap of stale
upper bounds) picks exactly what the plain greedy would, in near-linear time.
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import chain
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.summarize.budget import Budget
from storyline.summarize.units import Unit, cosine, is_candidate


@dataclass(frozen=True, slots=True)
class ConceptSettings:
    """Knobs of the concept summarizer; defaults measured on Multi-News (docs/benchmarks.md)."""

    support_weight: float = 5.0  # extra weight per additional article reporting a concept
    length_exponent: float = 0.7  # gain is divided by n_words ** this
    position_weight: float = 3.0  # gain *= 1 + position_weight / (1 + position)
    dangling_penalty: float = 0.5  # gain *= this for sentences opening with a pronoun
    max_similarity: float = 0.6  # cosine of content terms above which a sentence is a repeat


def concept_weights(units: Sequence[Unit], support_weight: float) -> dict[int, float]:
    """Weight of each bigram: its frequency plus ``support_weight`` per extra article."""
    frequency = Counter(chain.from_iterable(u.bigrams for u in units))
    per_doc: dict[int, set[int]] = {}
    for unit in units:
        per_doc.setdefault(unit.doc, set()).update(unit.bigrams)
    support = Counter(chain.from_iterable(per_doc.values()))
    return {c: n + support_weight * (support[c] - 1) for c, n in frequency.items()}


def summarize_concepts(
    docs: Sequence[Sequence[Unit]], budget: Budget, settings: ConceptSettings = ConceptSettings()
) -> list[Unit]:
    """Pick sentences for ``budget``; returned in selection order (best first)."""
    candidates = [u for doc in docs for u in doc if is_candidate(u)]
    weights = concept_weights([u for doc in docs for u in doc], settings.support_weight)

    def factor(unit: Unit) -> float:
        f = (1.0 + settings.position_weight / (1 + unit.position)) / unit.n_words ** settings.length_exponent
        return f * settings.dangling_penalty if unit.dangling else f

    factors = {id(u): factor(u) for u in candidates}
    covered: set[int] = set()

    def gain(unit: Unit) -> float:
        return sum(map(weights.__getitem__, unit.bigrams - covered)) * factors[id(unit)]

    # Heap of (-upper bound, tiebreak, unit); bounds are refreshed lazily when popped.
    heap = [(-gain(u), i, u) for i, u in enumerate(candidates)]
    heapq.heapify(heap)
    chosen: list[Unit] = []
    used_words = 0
    while heap and not budget.full(used_words, len(chosen)):
        neg_bound, tiebreak, unit = heapq.heappop(heap)
        current = gain(unit)
        if current <= 0:
            continue
        if heap and current < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-current, tiebreak, unit))
            continue
        if not budget.fits(used_words, len(chosen), unit.n_words):
            continue
        if any(cosine(unit.terms, c.terms) > settings.max_similarity for c in chosen):
            continue
        chosen.append(unit)
        covered.update(unit.bigrams)
        used_words += unit.n_words
    return chosen
