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

from storyline.summarize.units import Unit

FEATURES: tuple[str, ...] = (
    "inv_candidate_rank", "relative_position", "article_index", "log_words", "concept_share",
    "inv_concept_rank", "centroid_cosine", "dangling", "has_quote", "has_digit",
    "log_article_sentences", "log_articles", "first_candidate",
)

_QUOTE = re.compile('["“”]')
_DIGIT = re.compile(r"\d")
# ``\d`` looks each character up in Unicode's tables; a range test is cheaper and finds
# every ASCII digit, so ``\d`` is only needed for text with other characters.
_ASCII_DIGIT = re.compile(r"[0-9]")


def concept_masses(units: Sequence[Unit], weights: dict[int, float]) -> list[float]:
    """The summed weight of each unit's concepts (the summarizer's first-round gain, unscaled)."""
    get = weights.__getitem__
    return [sum(map(get, u.bigrams)) for u in units]


def candidate_features(
    docs: Sequence[Sequence[Unit]], candidates: Sequence[Unit], weights: dict[int, float], exponent: float = 0.7,
    masses: Sequence[float] | None = None,
) -> list[list[float]]:
    """One feature vector per candidate, in ``candidates`` order (see ``FEATURES``).

    ``candidates`` come in reading order (a subsequence of ``docs``, as the summarizer
    makes them); ``masses`` are their ``concept_masses``, when the caller already has them.
    """
    if not candidates:
        return []
    if masses is None:
        masses = concept_masses(candidates, weights)
    # Rank among the article's candidates: they come in reading order, so a running count.
    ranks = []
    last_doc, k = -1, 0
    for unit in candidates:
        if unit.doc != last_doc:
            last_doc, k = unit.doc, 0
        ranks.append(k)
        k += 1
    density = [m / u.n_words ** exponent for m, u in zip(masses, candidates)]
    top = max(density) or 1.0
    # Stable, so ties keep candidate order, as sorting by -density does.
    order = sorted(range(len(candidates)), key=density.__getitem__, reverse=True)
    concept_rank = [0] * len(candidates)
    for r, i in enumerate(order):
        concept_rank[i] = r

    # Centroid of the cluster's content terms, IDF-weighted over sentences.
    all_units = list(chain.from_iterable(docs))
    df = Counter(chain.from_iterable(u.terms for u in all_units))
    n = len(all_units)
    # A term's squared IDF and centroid weight depend on its count alone, and few counts
    # occur: tables by count, not dicts over every term of the cluster. The arithmetic is
    # the same, in the same order, as per-term comprehensions.
    idf2_of = {c: math.log((1 + n) / (1 + c)) ** 2 for c in set(df.values())}
    toward_of = {c: c * w for c, w in idf2_of.items()}  # centroid weight x idf, per count
    square_of = {c: c * c * w for c, w in idf2_of.items()}
    centroid_norm = math.sqrt(sum(map(square_of.__getitem__, df.values()))) or 1.0

    n_docs = len(docs)
    log_articles = math.log(n_docs)
    doc_lens = [len(doc) for doc in docs]
    log_doc_lens = [math.log(1 + n) for n in doc_lens]
    log_words = {n: math.log(n) for n in {u.n_words for u in candidates}}
    count, idf2, toward, sqrt = df.__getitem__, idf2_of.__getitem__, toward_of.__getitem__, math.sqrt
    rank_scale = [max(1, n) for n in doc_lens]  # relative position: rank / article length
    rows = []
    for i, unit in enumerate(candidates):
        counts = list(map(count, unit.terms))
        norm = sqrt(sum(map(idf2, counts))) or 1.0
        centroid = sum(map(toward, counts)) / (norm * centroid_norm)
        rank = ranks[i]
        text = unit.sentence.text
        rows.append([
            1.0 / (1 + rank),
            rank / rank_scale[unit.doc],
            unit.doc / n_docs,
            log_words[unit.n_words],
            density[i] / top,
            1.0 / (1 + concept_rank[i]),
            centroid,
            float(unit.dangling),
            float(unit.quoted and _QUOTE.search(text) is not None),  # quoted: any mark, a superset
            # A digit of any script (\d); most texts are settled by the ASCII range test.
            float(_ASCII_DIGIT.search(text) is not None or (not text.isascii() and _DIGIT.search(text) is not None)),
            log_doc_lens[unit.doc],
            log_articles,
            float(rank == 0),
        ])
    return rows
