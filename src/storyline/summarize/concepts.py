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

The selection itself is in greedy.py; what a sentence needs before it, in orphans.py.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain
from operator import mul
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from storyline.summarize import kernel
from storyline.summarize.budget import Budget
from storyline.summarize.features import candidate_features, concept_masses
from storyline.summarize.focus import focus_weights, relevance
from storyline.summarize.scorer import load_weights, probabilities
from storyline.summarize.greedy import greedy, greedy_groups
from storyline.summarize.orphans import MAX_CHAIN, QUOTE_SENTENCES, orphans_of
from storyline.summarize.units import MAX_WORDS, Unit


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
    per_doc: dict[int, list[set[int]]] = {}
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
    sentences it needs, its gain that of the group per word (``greedy_groups``). A summary
    should not point back at a sentence the reader never sees. (``orphan_groups=False``:
    the sentence competes alone and, once picked, either brings its antecedent in, when that
    fits the budget, or is dropped and its words refilled.)
    """
    every = [u for doc in docs for u in doc]
    if kernel.KERNEL is not None and not focus and not known and _kernel_settings(settings):
        chosen = _kernel_pick(kernel.KERNEL, docs, every, budget, settings)
        if chosen is not None:
            return chosen
    candidates = [u for u in every if u.candidate]  # is_candidate
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
            chosen = greedy_groups(docs, candidates, factors, masses, first_gains, pickable, weights, budget, settings)
        else:
            gains = first_gains if not chosen else None
            chosen = greedy(candidates, factors, masses, gains, chosen, excluded, weights, budget, settings)
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


def _kernel_settings(settings: ConceptSettings) -> bool:
    """Whether the C kernel covers these settings: the learned prior with orphan groups
    (the default), and integral concept weights (whose sums are exact in any order)."""
    return (settings.learned and settings.repair_orphans and settings.orphan_groups
            and float(settings.support_weight).is_integer())


def _kernel_pick(compiled: ModuleType, docs: Sequence[Sequence[Unit]], every: list[Unit], budget: Budget,
                 settings: ConceptSettings) -> list[Unit] | None:
    """What the Python path below picks, computed by ``_kernel.select`` from the units'
    records (``Unit.packed``): candidates, what each needs (``orphans.needed``), concept
    weights, masses, features, scorer, priors and ``greedy_groups``. None when the units
    were not made by the kernel or are not laid out as it assumes (article order, each
    unit's position its index), or the picks would still need the repair loop (never seen:
    groups leave no orphan); the caller then runs Python."""
    packed = [u.packed for u in every]
    if None in packed:  # units made without the kernel
        return None
    coefficients, intercept = settings.scorer_weights or load_weights()
    try:
        picks = compiled.select(
            packed, [len(doc) for doc in docs], coefficients, intercept, settings.support_weight,
            settings.length_exponent, settings.min_prior, settings.max_similarity,
            -1 if budget.words is None else budget.words, -1 if budget.sentences is None else budget.sentences,
            budget.overflow, MAX_WORDS, QUOTE_SENTENCES, MAX_CHAIN,
        )
    except ValueError:  # units not laid out as the kernel assumes
        return None
    chosen = [every[k] for k in picks]
    if orphans_of(chosen, docs, {id(u) for u in chosen}):
        return None
    return chosen


# Update summaries: share of a sentence's concepts that must be new.
MIN_NOVELTY = 0.5

# Rounds of "repair orphans, refill the budget"; each round only removes or adds antecedents.
# With orphan groups the first round leaves no orphan and the loop stops there.
MAX_REPAIRS = 4
