"""storyline's default summarizer: greedy coverage of weighted bigram concepts.

A concept is a stemmed bigram. Its weight grows with how often the cluster repeats it and,
much more, with how many different articles report it (cross-document support: a fact
several outlets state matters more). Sentences are picked greedily by the weight of the
concepts they add per word, times a prior on the sentence itself: by default the learned
scorer's probability that it belongs in a summary (scorer.py, trained with
cross-validation), or, with ``learned=False``, a plain bonus for early positions. Openers
that dangle ("He said...", "But ...") are penalised and near-duplicates vetoed; one that
opens with a personal pronoun, or closes a quotation opened before it, competes only
together with the sentences it needs. Coverage makes redundancy cost what it should: a
concept already covered adds nothing.

The gain of a sentence can only fall as coverage grows, so a lazy greedy (a heap of stale
upper bounds) picks exactly what the plain greedy would, in near-linear time.
"""

from __future__ import annotations

from collections import Counter
from heapq import heapify, heappop, heappush
from itertools import chain
from operator import mul
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.summarize.budget import Budget
from storyline.summarize.features import candidate_features, concept_masses
from storyline.summarize.focus import focus_weights, relevance
from storyline.summarize.scorer import probabilities
from storyline.summarize.units import (MAX_WORDS, REFERRING_OPENERS, Unit, cosine, ends_open_quote, is_candidate,
                                      opens_unclosed_quote)
from storyline.text.terms import words


@dataclass(frozen=True, slots=True)
class ConceptSettings:
    """Knobs of the concept summarizer; defaults measured on Multi-News (docs/benchmarks.md)."""

    support_weight: float = 5.0  # extra weight per additional article reporting a concept
    learned: bool = True  # prior from the learned scorer; False: position bonus only
    length_exponent: float = 1.0  # gain is divided by n_words ** this (0.7 suits learned=False)
    position_weight: float = 3.0  # learned=False: gain *= 1 + position_weight / (1 + position)
    min_prior: float = 0.05  # learned: floor on the scorer's probability
    repair_orphans: bool = True  # a sentence opening with he/she/they... or a quote tail never comes without its antecedent
    orphan_groups: bool = True  # such a sentence competes together with what it needs; False: pick, then repair or drop
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
           settings: ConceptSettings, masses: Sequence[float] | None = None) -> list[float]:
    """What each candidate's concept gain is multiplied by: prior / length."""
    if settings.learned:
        rows = candidate_features(docs, candidates, weights, masses=masses)
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

    A sentence that opens with a pronoun ("He added that ...") or closes a quotation opened
    in an earlier sentence is never picked without them: it competes as a group with the
    sentences it needs, its gain that of the group per word (``_greedy_groups``). A summary
    should not point back at a sentence the reader never sees. (``orphan_groups=False``:
    the sentence competes alone and, once picked, either brings its antecedent in, when that
    fits the budget, or is dropped and its words refilled.)
    """
    every = [u for doc in docs for u in doc]
    candidates = [u for u in every if is_candidate(u)]
    weights = concept_weights(every, settings.support_weight)
    if known:
        for concept in known & weights.keys():
            weights[concept] = 0.0
        # A sentence that mostly repeats what was known is no news, even with a new word.
        candidates = [u for u in candidates if len(u.terms - known_terms) >= MIN_NOVELTY * len(u.terms)]
    # The first round starts with nothing covered: its gains are the candidates' full
    # weights, computed once here and shared with the features (the sums are of integer
    # weights, so order-free).
    masses = concept_masses(candidates, weights)
    factors = priors(docs, candidates, weights, settings, masses)
    if focus:
        scores = relevance(candidates, focus_weights(focus, every))
        kept = [i for i, r in enumerate(scores) if r > 0]
        factors = [factors[i] * scores[i] for i in kept]
        candidates = [candidates[i] for i in kept]
        masses = [masses[i] for i in kept]
    pickable = {id(u) for u in candidates}
    first_gains = list(map(mul, masses, factors))
    excluded: set[int] = set()
    chosen: list[Unit] = []
    for _ in range(MAX_REPAIRS if settings.repair_orphans else 1):
        if not chosen and settings.repair_orphans and settings.orphan_groups:
            chosen = _greedy_groups(docs, candidates, factors, first_gains, pickable, weights, budget, settings)
        else:
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
    anyway (``reading_order``). Those costs were of repairing after the pick; letting such
    a sentence compete together with what it needs (``_greedy_groups``) costs nothing:
    CV 47.10 / 17.65 against 47.07 / 17.64 with no repair and 46.91 / 17.37 repairing after.
    """
    return [u for u in chosen if _needs_antecedent(u) and id(docs[u.doc][u.position - 1]) not in picked]


def _opening_word(unit: Unit) -> str:
    first = words(unit.sentence.text[:40])
    return first[0] if first else ""


# Update summaries: share of a sentence's concepts that must be new.
MIN_NOVELTY = 0.5

# Rounds of "repair orphans, refill the budget"; each round only removes or adds antecedents.
# With orphan groups the first round leaves no orphan and the loop stops there.
MAX_REPAIRS = 4

# How far back a quote tail may reach for the sentence that opens its quotation (a quote
# of up to four sentences). Measured under 5-fold CV on val250 (ROUGE-1 / ROUGE-2, share
# of cut sentences): 1: 46.98 / 17.49, 0.7%; 2: 47.07 / 17.59, 0.95%; 3: 47.10 / 17.65,
# 1.0%; 4: 47.08 / 17.62, 1.2%. (The cut share rises because readability only accepts a
# tail right after its opening sentence, not after a middle one of the same quotation.)
QUOTE_SENTENCES = 3

# How many orphans may chain back ("He ... . He ... . He ..."): deeper chains are left out.
MAX_CHAIN = 3


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


def _needs_antecedent(unit: Unit) -> bool:
    """Opens with a personal pronoun, or closes a quotation it did not open (``orphans_of``)."""
    return unit.refers_back and unit.position > 0 and (
        _opening_word(unit) in REFERRING_OPENERS or (unit.quoted and ends_open_quote(unit.sentence.text)))


def _needed(unit: Unit, docs: Sequence[Sequence[Unit]], pickable: set[int], depth: int = MAX_CHAIN) -> list[Unit] | None:
    """The sentences ``unit`` needs before it, in article order: none for most; the one
    before a pronoun opener (only a sentence that could have been picked itself: with
    --focus, a relevant one), and what that one needs in turn; the sentences back to the
    opening of the quotation a quote tail closes. None: it cannot be made to read."""
    if not _needs_antecedent(unit):
        return []
    if depth == 0:
        return None
    doc = docs[unit.doc]
    # A quote tail that opens with a pronoun (`They are not designed for this," she said.`)
    # needs its quotation's opening, which the sentence before it may not be.
    if not (unit.quoted and ends_open_quote(unit.sentence.text)):
        before = [doc[unit.position - 1]]
        if id(before[0]) not in pickable:
            return None
    else:
        before = []
        for position in range(unit.position - 1, max(-1, unit.position - 1 - QUOTE_SENTENCES), -1):
            sentence = doc[position]
            if sentence.n_words > MAX_WORDS or (sentence.quoted and not opens_unclosed_quote(sentence.sentence.text)):
                return None  # a run-on, or a quote mark that is not the opening one: no clean quotation
            before.append(sentence)
            if sentence.quoted:
                break
        else:
            return None
        before.reverse()
    more = _needed(before[0], docs, pickable, depth - 1)
    return None if more is None else more + before


def _greedy_groups(docs: Sequence[Sequence[Unit]], candidates: Sequence[Unit], factors: Sequence[float],
                   gains: Sequence[float], pickable: set[int], weights: dict[int, float], budget: Budget,
                   settings: ConceptSettings) -> list[Unit]:
    """Lazy greedy like ``_greedy``, where a sentence that needs others before it (a pronoun
    opener, a quote tail: ``_needed``) competes as a group with those it still needs: the
    group's gain is its new concepts' weight times the sentence's prior, per word of the
    group. Picking it picks the whole group. A sentence that cannot be made to read is
    never picked.

    ``gains``: each candidate's gain alone with nothing covered.

    A group's gain can rise when one of its sentences is picked on its own (fewer words to
    pay for), so each pick pushes fresh entries for the groups it shortens; stale entries
    are skipped by a ``done`` flag.
    """
    exponent = settings.length_exponent
    # Most sentences need nothing: skip the call for them.
    needs = [_needed(u, docs, pickable) if u.refers_back else [] for u in candidates]
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
            return sum(map(get, unit.bigrams - covered)) * factors[i], [unit]
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
            current = sum(map(get, unit.bigrams - covered)) * factors[i]
        if current > 0 and heap and current < -heap[0][0] - 1e-12:
            heappush(heap, (-current, i, version))
            continue
        if current <= 0:
            drop(i)
            continue
        group = evaluate(i)[1] if needs[i] else [unit]
        if len(group) > 1 and not _fits_all(budget, used_words, len(chosen), [u.n_words for u in group]):
            continue  # the group may fit later, when some of its sentences get picked on their own
        if any(_repeats(u, chosen, chosen_terms, shortest, limit) for u in group):
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


def _fits_all(budget: Budget, used_words: int, used_sentences: int, lengths: Sequence[int]) -> bool:
    """Whether sentences of these lengths all fit, one after the other."""
    for n_words in lengths:
        if not budget.fits(used_words, used_sentences, n_words):
            return False
        used_words += n_words
        used_sentences += 1
    return True
