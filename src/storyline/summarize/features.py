"""Sentence features for the learned scorer, computed the same way at training and run time.

Each candidate sentence gets a short, fixed vector: where it sits (rank among its
article's candidates, relative position, which article), how long it is, how much of the
story's weighted concepts it carries and how close it is to the cluster's centroid, and
cheap surface cues (dangling opener, quotation, digits). ``FEATURES`` names them in order;
the shipped weights file lists the same names, so a mismatch fails loudly.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from operator import mul

from storyline.summarize.units import Unit

FEATURES: tuple[str, ...] = (
    "inv_candidate_rank", "relative_position", "article_index", "log_words", "concept_share",
    "inv_concept_rank", "centroid_cosine", "dangling", "has_quote", "has_digit",
    "log_article_sentences", "log_articles", "first_candidate",
)

_QUOTE = re.compile('["“”]')
_DIGIT = re.compile(r"\d")


def _concept_density(unit: Unit, weights: dict[int, float], exponent: float) -> float:
    return sum(map(weights.__getitem__, unit.bigrams)) / unit.n_words ** exponent


def candidate_features(
    docs: Sequence[Sequence[Unit]], candidates: Sequence[Unit], weights: dict[int, float], exponent: float = 0.7
) -> list[list[float]]:
    """One feature vector per candidate, in ``candidates`` order (see ``FEATURES``)."""
    if not candidates:
        return []
    candidate_ids = {id(u) for u in candidates}
    rank_in_doc: dict[int, int] = {}
    for doc in docs:
        k = 0
        for unit in doc:
            if id(unit) in candidate_ids:
                rank_in_doc[id(unit)] = k
                k += 1
    density = [_concept_density(u, weights, exponent) for u in candidates]
    top = max(density) or 1.0
    order = sorted(range(len(candidates)), key=lambda i: -density[i])
    concept_rank = {i: r for r, i in enumerate(order)}

    # Centroid of the cluster's content terms, IDF-weighted over sentences.
    all_units = list(chain.from_iterable(docs))
    df = Counter(chain.from_iterable(u.terms for u in all_units))
    n = len(all_units)
    # Squared IDF depends on the count alone and few counts occur: one log per count. The
    # maps below do the same arithmetic, in the same order, as per-term comprehensions.
    idf2_of_count = {c: math.log((1 + n) / (1 + c)) ** 2 for c in set(df.values())}
    idf2 = dict(zip(df, map(idf2_of_count.__getitem__, df.values())))
    toward_centroid = dict(zip(df, map(mul, df.values(), idf2.values())))  # centroid weight x idf, per term
    centroid_norm = math.sqrt(sum(map(mul, map(mul, df.values(), df.values()), idf2.values()))) or 1.0

    n_docs = len(docs)
    rows = []
    for i, unit in enumerate(candidates):
        terms = unit.terms
        norm = math.sqrt(sum(map(idf2.__getitem__, terms))) or 1.0
        centroid = sum(map(toward_centroid.__getitem__, terms)) / (norm * centroid_norm)
        doc_len = len(docs[unit.doc])
        rank = rank_in_doc[id(unit)]
        text = unit.sentence.text
        rows.append([
            1.0 / (1 + rank),
            rank / max(1, doc_len),
            unit.doc / n_docs,
            math.log(unit.n_words),
            density[i] / top,
            1.0 / (1 + concept_rank[i]),
            centroid,
            float(unit.dangling),
            float(unit.quoted and _QUOTE.search(text) is not None),  # quoted: any mark, a superset
            float(_DIGIT.search(text) is not None),
            math.log(1 + doc_len),
            math.log(n_docs),
            float(rank == 0),
        ])
    return rows
