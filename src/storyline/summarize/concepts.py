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

from collections import Counter
from heapq import heapify, heappop, heappush
from itertools import chain
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.summarize.budget import Budget
from storyline.summarize.features import candidate_features
from storyline.summarize.focus import focus_weights, relevance
from storyline.summarize.scorer import probabilities
from storyline.summarize.units import REFERRING_OPENERS, Unit, cosine, ends_open_quote, is_candidate
from storyline.text.terms import words


@dataclass(frozen=True, slots=True)
class ConceptSettings:
    """Knobs of the concept summarizer; defaults measured on Multi-News (docs/benchmarks.md)."""

    support_weight: float = 5.0  # extra weight per additional article reporting a concept
    learned: bool = True  # prior from the learned scorer; False: position bonus only
    length_exponent: float = 1.0  # gain is divided by n_words ** this (0.7 suits learned=False)
    position_weight: float = 3.0  # learned=False: gain *= 1 + position_weight / (1 + position)
    min_prior: float = 0.05  # learned: floor on the scorer's probability
    repair_orphans: bool = True  # a pick opening with he/she/they... or a quote tail brings its antecedent or is dropped
    max_similarity: float = 0.5  # cosine of content terms above which a sentence is a repeat
    scorer_weights: tuple[tuple[float, ...], float] | None = None  # None: the shipped weights


POSITION_ONLY = ConceptSettings(learned=False, length_exponent=0.7, max_similarity=0.6)


def concept_weights(units: Sequence[Unit], support_weight: float) -> dict[int, float]:
    """Weight of each bigram: its frequency plus ``support_weight`` per extra article."""
    frequency = Counter(chain.from_iterable(u.bigrams for u in units))
    # Most concepts appear in one article only, where the weight is just the frequency
    # (n + support_weight * 0): copy those at C speed, then fix the few others. They stay
    # ints, which sum to exactly the same values as the integral floats they stand for.
    weights: dict[int, float] = dict(frequency)
    per_doc: dict[int, list[frozenset[int]]] = {}
    for unit in units:
        per_doc.setdefault(unit.doc, []).append(unit.bigrams)
    doc_sets = [set().union(*sets) for sets in per_doc.values()]
    seen: set[int] = set()
    shared: set[int] = set()  # concepts of more than one article
    for concepts in doc_sets:
        shared |= concepts & seen
        seen |= concepts
    if shared:
        support = Counter(chain.from_iterable([concepts & shared for concepts in doc_sets]))
        for concept, n_docs in support.items():
            weights[concept] = frequency[concept] + support_weight * (n_docs - 1)
    return weights


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
    every = [u for doc in docs for u in doc]
    candidates = [u for u in every if is_candidate(u)]
    weights = concept_weights(every, settings.support_weight)
    if known:
        for concept in known & weights.keys():
            weights[concept] = 0.0
        # A sentence that mostly repeats what was known is no news, even with a new word.
        candidates = [u for u in candidates if len(u.terms - known_terms) >= MIN_NOVELTY * len(u.terms)]
    factors = priors(docs, candidates, weights, settings)
    if focus:
        scores = relevance(candidates, focus_weights(focus, every))
        kept = [i for i, r in enumerate(scores) if r > 0]
        factors = [factors[i] * scores[i] for i in kept]
        candidates = [candidates[i] for i in kept]
    pickable = {id(u) for u in candidates}
    # The first round starts with nothing covered: its gains are the candidates' full
    # weights, computed once here (the sums are of integer weights, so order-free).
    get = weights.__getitem__
    first_gains = [sum(map(get, u.bigrams)) * f for u, f in zip(candidates, factors)]
    excluded: set[int] = set()
    chosen: list[Unit] = []
    for _ in range(MAX_REPAIRS if settings.repair_orphans else 1):
        gains = first_gains if not chosen else None
        chosen = _greedy(candidates, factors, gains, chosen, excluded, weights, budget, settings)
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
    or are the tail of a quotation split across sentences (`That's why I believe ...,"
    Kistanov said.`), while the sentence before them is left out: the reader would not know
    who is meant, or would meet a closing quote mark with no opening one.

    A whole quotation without its speaker, or a referring "It", also leans on context, but
    reads as a sentence; repairing those costs more than it buys. Measured under 5-fold CV
    on val250: repairing every ``refers_back`` sentence cost 0.4 ROUGE-1 and 0.5 ROUGE-2,
    pronouns alone 0.07 and 0.06, pronouns and quote tails 0.16 and 0.27 (kept: a stray
    half-quotation is a visible defect); and a summary never opens on a dangling sentence
    anyway (``reading_order``).
    """
    return [u for u in chosen if u.refers_back and u.position > 0 and id(docs[u.doc][u.position - 1]) not in picked
            and (_opening_word(u) in REFERRING_OPENERS or (u.quoted and ends_open_quote(u.sentence.text)))]


def _opening_word(unit: Unit) -> str:
    first = words(unit.sentence.text[:40])
    return first[0] if first else ""


# Update summaries: share of a sentence's concepts that must be new.
MIN_NOVELTY = 0.5

# Rounds of "repair orphans, refill the budget"; each round only removes or adds antecedents.
MAX_REPAIRS = 4


def _greedy(candidates: Sequence[Unit], factors: Sequence[float], gains: Sequence[float] | None,
            chosen: list[Unit], excluded: set[int], weights: dict[int, float],
            budget: Budget, settings: ConceptSettings) -> list[Unit]:
    """Extend ``chosen`` greedily until the budget is full (lazy greedy over a heap).

    ``gains``: each candidate's gain given ``chosen``, when the caller already knows them.
    A candidate's gain is ``factors[i]`` times the weight of its concepts not yet covered.
    """
    chosen = list(chosen)
    skip = excluded.union(map(id, chosen))
    covered: set[int] = set().union(*(u.bigrams for u in chosen))
    get = weights.__getitem__
    if gains is None:
        gains = [sum(map(get, u.bigrams - covered)) * f for u, f in zip(candidates, factors)]
    # Heap of (-upper bound, index, version): the index breaks ties (and so never lets
    # versions be compared); the version is len(chosen) when the bound was computed, so a
    # bound computed since the last pick is exact and is not recomputed.
    version = len(chosen)
    heap = [(-g, i, version) for i, (u, g) in enumerate(zip(candidates, gains)) if id(u) not in skip]
    heapify(heap)
    used_words = sum(u.n_words for u in chosen)
    chosen_terms: set[int] = set().union(*(u.terms for u in chosen))
    shortest = min((len(u.terms) or 1 for u in chosen), default=10**9)
    fits, limit = budget.fits, settings.max_similarity
    # Heap entries by length: once even the shortest left cannot fit, no later pop could
    # pick anything (used words only grow), so the loop stops with its picks final.
    left = Counter(candidates[i].n_words for _, i, _ in heap)
    shortest_left = min(left, default=1)
    while heap and fits(used_words, version, shortest_left):
        neg_bound, i, computed = heappop(heap)
        unit = candidates[i]
        if computed == version:
            current = -neg_bound
        else:
            current = sum(map(get, unit.bigrams - covered)) * factors[i]
        if current > 0 and heap and current < -heap[0][0] - 1e-12:
            heappush(heap, (-current, i, version))
            continue
        n_words = unit.n_words  # the unit leaves the heap: picked or dropped for good
        left[n_words] -= 1
        if n_words == shortest_left and not left[n_words]:
            shortest_left = min((n for n, count in left.items() if count), default=1)
        if current <= 0 or not fits(used_words, version, n_words):
            continue
        if _repeats(unit, chosen, chosen_terms, shortest, limit):
            continue
        chosen.append(unit)
        version += 1
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
