"""Greedy selection under a word budget: the lazy greedy over concept coverage, and its
variant where a sentence that needs others before it competes together with them.

The gain of a sentence can only fall as coverage grows, so a lazy greedy (a heap of stale
upper bounds) picks exactly what the plain greedy would, in near-linear time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from heapq import heapify, heappop, heappush
from typing import TYPE_CHECKING

from storyline.summarize.budget import Budget
from storyline.summarize.orphans import needed
from storyline.summarize.units import Unit, cosine

if TYPE_CHECKING:  # concepts.py imports this module
    from storyline.summarize.concepts import ConceptSettings


def greedy(candidates: Sequence[Unit], factors: Sequence[float], masses: Sequence[float],
            gains: Sequence[float] | None, chosen: list[Unit], excluded: set[int], weights: dict[int, float],
            budget: Budget, settings: ConceptSettings) -> list[Unit]:
    """Extend ``chosen`` greedily until the budget is full (lazy greedy over a heap).

    ``gains``: each candidate's gain given ``chosen``, when the caller already knows them.
    A candidate's gain is ``factors[i]`` times the weight of its concepts not yet covered:
    its ``masses[i]`` (``features.concept_masses``) less what is covered (``uncovered``).
    """
    chosen = list(chosen)
    skip = excluded.union(map(id, chosen))
    covered: set[int] = set().union(*(u.bigrams for u in chosen))
    get = weights.__getitem__
    if gains is None:
        gains = [uncovered(u, m, covered, get) * f for u, m, f in zip(candidates, masses, factors)]
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
            current = uncovered(unit, masses[i], covered, get) * factors[i]
        if current > 0 and heap and current < -heap[0][0] - 1e-12:
            heappush(heap, (-current, i, version))
            continue
        n_words = unit.n_words  # the unit leaves the heap: picked or dropped for good
        left[n_words] -= 1
        if n_words == shortest_left and not left[n_words]:
            shortest_left = min((n for n, count in left.items() if count), default=1)
        if current <= 0 or not fits(used_words, version, n_words):
            continue
        if repeats(unit, chosen, chosen_terms, shortest, limit):
            continue
        chosen.append(unit)
        version += 1
        chosen_terms |= unit.terms
        shortest = min(shortest, len(unit.terms) or 1)
        covered.update(unit.bigrams)
        used_words += unit.n_words
    return chosen


def uncovered(unit: Unit, mass: float, covered: set[int], get: Callable[[int], float]) -> float:
    """The weight of ``unit``'s concepts not in ``covered``, given ``mass``, the weight of all
    of them. Few of a sentence's concepts are covered when it is re-scored, so subtracting
    those builds a far smaller set than ``unit.bigrams - covered``; the weights are integral
    (``concepts.concept_weights``), so the difference is exact and equals that sum."""
    return mass - sum(map(get, unit.bigrams & covered))


def repeats(unit: Unit, chosen: Sequence[Unit], chosen_terms: set[int], shortest: int, limit: float) -> bool:
    """Whether ``unit`` nearly repeats a chosen sentence. The overlap with all chosen terms
    bounds every pairwise cosine, so most candidates skip the pairwise loop."""
    terms = unit.terms
    if not terms or len(terms & chosen_terms) <= limit * (len(terms) * shortest) ** 0.5:
        return False
    return any(cosine(terms, c.terms) > limit for c in chosen)


def greedy_groups(docs: Sequence[Sequence[Unit]], candidates: Sequence[Unit], factors: Sequence[float],
                   masses: Sequence[float], gains: Sequence[float], pickable: set[int], weights: dict[int, float],
                   budget: Budget, settings: ConceptSettings) -> list[Unit]:
    """Lazy greedy like ``greedy``, where a sentence that needs others before it (a pronoun
    opener, a quote tail: ``needed``) competes as a group with those it still needs: the
    group's gain is its new concepts' weight times the sentence's prior, per word of the
    group. Picking it picks the whole group. A sentence that cannot be made to read is
    never picked.

    ``masses``: each candidate's concept weight (see ``greedy``); ``gains``: its gain alone
    with nothing covered.

    A group's gain can rise when one of its sentences is picked on its own (fewer words to
    pay for), so each pick pushes fresh entries for the groups it shortens; stale entries
    are skipped by a ``done`` flag.
    """
    exponent = settings.length_exponent
    # Most sentences need nothing: skip the call for them.
    needs = [needed(u, docs, pickable) if u.refers_back else [] for u in candidates]
    index = {id(u): i for i, u in enumerate(candidates)}
    waiting: dict[int, list[int]] = {}  # id of a needed sentence -> candidates that need it
    for i, before in enumerate(needs):
        for unit in before or ():
            waiting.setdefault(id(unit), []).append(i)
    get = weights.__getitem__
    picked: set[int] = set()
    covered: set[int] = set()

    def evaluate(i: int) -> tuple[float, list[Unit]]:
        unit = candidates[i]
        missing = [u for u in needs[i] if id(u) not in picked]
        if not missing:
            return uncovered(unit, masses[i], covered, get) * factors[i], [unit]
        group = missing + [unit]
        n_words = sum(u.n_words for u in group)
        prior = factors[i] * unit.n_words ** exponent
        concepts = set().union(*(u.bigrams for u in group)) - covered
        return sum(map(get, concepts)) * prior / n_words ** exponent, group

    done = [before is None for before in needs]
    heap = [(-(evaluate(i)[0] if needs[i] else g), i, 0) for i, g in enumerate(gains) if not done[i]]
    heapify(heap)
    # Candidates still in play, by length: once even the shortest cannot fit, nothing can.
    left = Counter(candidates[i].n_words for _, i, _ in heap)
    shortest_left = min(left, default=1)

    def drop(i: int) -> None:
        nonlocal shortest_left
        done[i] = True
        n_words = candidates[i].n_words
        left[n_words] -= 1
        if n_words == shortest_left and not left[n_words]:
            shortest_left = min((n for n, count in left.items() if count), default=1)

    chosen: list[Unit] = []
    version = 0  # number of picks (of a sentence or a group)
    used_words = 0
    chosen_terms: set[int] = set()
    shortest = 10**9
    fits, limit = budget.fits, settings.max_similarity
    while heap and fits(used_words, len(chosen), shortest_left):
        neg_bound, i, computed = heappop(heap)
        if done[i]:
            continue  # a stale entry of a candidate picked or dropped since
        unit = candidates[i]
        if not fits(used_words, len(chosen), unit.n_words):
            drop(i)  # not even alone: used words only grow
            continue
        if computed == version:
            current = -neg_bound
        elif needs[i]:
            current = evaluate(i)[0]
        else:
            current = uncovered(unit, masses[i], covered, get) * factors[i]
        if current > 0 and heap and current < -heap[0][0] - 1e-12:
            heappush(heap, (-current, i, version))
            continue
        if current <= 0:
            drop(i)
            continue
        group = evaluate(i)[1] if needs[i] else [unit]
        if len(group) > 1 and not fits_all(budget, used_words, len(chosen), [u.n_words for u in group]):
            continue  # the group may fit later, when some of its sentences get picked on their own
        if any(repeats(u, chosen, chosen_terms, shortest, limit) for u in group):
            drop(i)
            continue
        for u in group:
            chosen.append(u)
            picked.add(id(u))
            chosen_terms |= u.terms
            shortest = min(shortest, len(u.terms) or 1)
            covered.update(u.bigrams)
            used_words += u.n_words
            j = index.get(id(u))
            if j is not None and not done[j]:
                drop(j)
        version += 1
        for u in group:
            for j in waiting.get(id(u), ()):
                if not done[j]:
                    heappush(heap, (-evaluate(j)[0], j, version))
    return chosen


def fits_all(budget: Budget, used_words: int, used_sentences: int, lengths: Sequence[int]) -> bool:
    """Whether sentences of these lengths all fit, one after the other."""
    for n_words in lengths:
        if not budget.fits(used_words, used_sentences, n_words):
            return False
        used_words += n_words
        used_sentences += 1
    return True
