"""storyline's default summarizer: greedy coverage of weighted bigram concepts.

A concept is a stemmed bigram. Its weight grows with how often the cluster repeats it and,
much more, with how many different articles report it (cross-document support: a fact
several outlets state matters more). Sentences are picked greedily by the weight of the
concepts they add per word, times a prior on the sentence itself: by default the learned
scorer's probability that it belongs in a summary (scorer.py, trained with
cross-validation), or, with ``learned=False``, a plain bonus for early positions. Openers
that dangle ("He said...", "But ...") are penalised and near-duplicates vetoed. Coverage
makes redundancy cost what it should: a concept already covered adds nothing.

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
from storyline.summarize.features import candidate_features
from storyline.summarize.focus import focus_weights, relevance
from storyline.summarize.scorer import probabilities
from storyline.summarize.units import REFERRING_OPENERS, Unit, cosine, is_candidate
from storyline.text.terms import words


@dataclass(frozen=True, slots=True)
class ConceptSettings:
    """Knobs of the concept summarizer; defaults measured on Multi-News (docs/benchmarks.md)."""

    support_weight: float = 5.0  # extra weight per additional article reporting a concept
    learned: bool = True  # prior from the learned scorer; False: position bonus only
    length_exponent: float = 1.0  # gain is divided by n_words ** this (0.7 suits learned=False)
    position_weight: float = 3.0  # learned=False: gain *= 1 + position_weight / (1 + position)
    min_prior: float = 0.05  # learned: floor on the scorer's probability
    repair_orphans: bool = True  # a pick opening with he/she/they... brings its antecedent or is dropped
    max_similarity: float = 0.5  # cosine of content terms above which a sentence is a repeat
    scorer_weights: tuple[tuple[float, ...], float] | None = None  # None: the shipped weights


POSITION_ONLY = ConceptSettings(learned=False, length_exponent=0.7, max_similarity=0.6)


def concept_weights(units: Sequence[Unit], support_weight: float) -> dict[int, float]:
    """Weight of each bigram: its frequency plus ``support_weight`` per extra article."""
    frequency = Counter(chain.from_iterable(u.bigrams for u in units))
    per_doc: dict[int, set[int]] = {}
    for unit in units:
        per_doc.setdefault(unit.doc, set()).update(unit.bigrams)
    support = Counter(chain.from_iterable(per_doc.values()))
    return {c: n + support_weight * (support[c] - 1) for c, n in frequency.items()}


def priors(docs: Sequence[Sequence[Unit]], candidates: Sequence[Unit], weights: dict[int, float],
           settings: ConceptSettings) -> list[float]:
    """What each candidate's concept gain is multiplied by: prior / length."""
    if settings.learned:
        rows = candidate_features(docs, candidates, weights)
        base = [max(settings.min_prior, p) for p in probabilities(rows, settings.scorer_weights)]
    else:
        base = [1.0 + settings.position_weight / (1 + u.position) for u in candidates]
    return [b / u.n_words ** settings.length_exponent for b, u in zip(base, candidates)]


def summarize_concepts(
    docs: Sequence[Sequence[Unit]],
    budget: Budget,
    settings: ConceptSettings = ConceptSettings(),
    *,
    focus: str | None = None,
    known: frozenset[int] = frozenset(),
    known_terms: frozenset[int] = frozenset(),
) -> list[Unit]:
    """Pick sentences for ``budget``; returned in selection order (best first).

    ``focus`` keeps only sentences relevant to a topic and weighs them by relevance.
    ``known`` are concepts (``known_terms`` content terms) the reader already has, for an
    update summary: they add nothing, and a sentence made mostly of them is left out.

    A picked sentence that opens with a pronoun ("He added that ...") with its antecedent left out
    either brings the antecedent in, when it fits the budget, or is dropped and its words
    refilled: a summary should not point back at a sentence the reader never sees.
    """
    candidates = [u for doc in docs for u in doc if is_candidate(u)]
    weights = concept_weights([u for doc in docs for u in doc], settings.support_weight)
    if known:
        for concept in known & weights.keys():
            weights[concept] = 0.0
        # A sentence that mostly repeats what was known is no news, even with a new word.
        candidates = [u for u in candidates if len(u.terms - known_terms) >= MIN_NOVELTY * len(u.terms)]
    factors = {id(u): p for u, p in zip(candidates, priors(docs, candidates, weights, settings))}
    if focus:
        scores = relevance(candidates, focus_weights(focus, [u for doc in docs for u in doc]))
        factors = {id(u): factors[id(u)] * r for u, r in zip(candidates, scores)}
        candidates = [u for u, r in zip(candidates, scores) if r > 0]
    pickable = {id(u) for u in candidates}
    excluded: set[int] = set()
    chosen: list[Unit] = []
    for _ in range(MAX_REPAIRS if settings.repair_orphans else 1):
        chosen = _greedy(candidates, chosen, excluded, weights, factors, budget, settings)
        picked = {id(u) for u in chosen}
        orphans = orphans_of(chosen, docs, picked)
        if not orphans or not settings.repair_orphans:
            break
        used = sum(u.n_words for u in chosen)
        for orphan in orphans:
            antecedent = docs[orphan.doc][orphan.position - 1]
            # Only a sentence that could have been picked itself (with --focus: a relevant one).
            if id(antecedent) in pickable and budget.fits(used, len(chosen), antecedent.n_words):
                chosen.insert(chosen.index(orphan), antecedent)
                used += antecedent.n_words
            else:
                chosen.remove(orphan)
                excluded.add(id(orphan))
                used -= orphan.n_words
    return chosen


def orphans_of(chosen: Sequence[Unit], docs: Sequence[Sequence[Unit]], picked: set[int]) -> list[Unit]:
    """Chosen sentences that open with a personal pronoun ("He said...", "Their plan...")
    while the sentence before them is left out: the reader would not know who is meant.

    Only pronoun openers are repaired. A quotation without its speaker, or a referring
    "It", also leans on context, but repairing those costs more than it buys: measured
    under 5-fold CV on val250, repairing every ``refers_back`` sentence cost 0.4 ROUGE-1
    and 0.5 ROUGE-2, pronouns alone 0.07 and 0.06 (quotes alone 0.16 and 0.34); and a
    summary never opens on a dangling sentence anyway (``reading_order``).
    """
    return [u for u in chosen if u.refers_back and u.position > 0 and id(docs[u.doc][u.position - 1]) not in picked
            and _opening_word(u) in REFERRING_OPENERS]


def _opening_word(unit: Unit) -> str:
    first = words(unit.sentence.text[:40])
    return first[0] if first else ""


# Update summaries: share of a sentence's concepts that must be new.
MIN_NOVELTY = 0.5

# Rounds of "repair orphans, refill the budget"; each round only removes or adds antecedents.
MAX_REPAIRS = 4


def _greedy(candidates: Sequence[Unit], chosen: list[Unit], excluded: set[int], weights: dict[int, float],
            factors: dict[int, float], budget: Budget, settings: ConceptSettings) -> list[Unit]:
    """Extend ``chosen`` greedily until the budget is full (lazy greedy over a heap)."""
    chosen = list(chosen)
    chosen_ids = {id(u) for u in chosen}
    covered: set[int] = set().union(*(u.bigrams for u in chosen)) if chosen else set()

    def gain(unit: Unit) -> float:
        return sum(map(weights.__getitem__, unit.bigrams - covered)) * factors[id(unit)]

    # Heap of (-upper bound, tiebreak, unit); bounds are refreshed lazily when popped.
    heap = [(-gain(u), i, u) for i, u in enumerate(candidates) if id(u) not in chosen_ids and id(u) not in excluded]
    heapq.heapify(heap)
    used_words = sum(u.n_words for u in chosen)
    chosen_terms: set[int] = set().union(*(u.terms for u in chosen)) if chosen else set()
    shortest = min((len(u.terms) or 1 for u in chosen), default=10**9)
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
        if _repeats(unit, chosen, chosen_terms, shortest, settings.max_similarity):
            continue
        chosen.append(unit)
        chosen_terms |= unit.terms
        shortest = min(shortest, len(unit.terms) or 1)
        covered.update(unit.bigrams)
        used_words += unit.n_words
    return chosen


def _repeats(unit: Unit, chosen: Sequence[Unit], chosen_terms: set[int], shortest: int, limit: float) -> bool:
    """Whether ``unit`` nearly repeats a chosen sentence. The overlap with all chosen terms
    bounds every pairwise cosine, so most candidates skip the pairwise loop."""
    terms = unit.terms
    if not terms or len(terms & chosen_terms) <= limit * (len(terms) * shortest) ** 0.5:
        return False
    return any(cosine(terms, c.terms) > limit for c in chosen)
