"""Citations: every article span that reports what a summary sentence says.

The sentence a summary line was copied from is its first citation. Each other article is
searched for its closest sentence; if that sentence says enough of the same thing it is
cited too, so a reader sees how many outlets back each statement.

"The same thing" is an IDF-weighted cosine over the cluster's sentences: the story's
actors ("Abe", "Trump", "Japan") appear everywhere and say little, while the specifics
("Osaka", "47,000", "reassurances") carry the fact.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain
from collections.abc import Sequence

from storyline.model import Citation, SummarySentence
from storyline.summarize.units import Unit

# Weighted cosine a sentence needs to count as support. Checked by hand on the seeds (four
# different meetings: nothing should cross-cite) and on the demo story (same event from
# five outlets: paraphrases should). tests/test_brief.py holds both cases.
MIN_SUPPORT_SIMILARITY = 0.4


def term_weights(docs: Sequence[Sequence[Unit]]) -> dict[int, float]:
    """Squared IDF of each content term over the cluster's sentences."""
    df = Counter(chain.from_iterable(u.terms for doc in docs for u in doc))
    n = sum(len(doc) for doc in docs)
    return {t: math.log((1 + n) / (1 + c)) ** 2 for t, c in df.items()}


def _norm(unit: Unit, w: dict[int, float]) -> float:
    return math.sqrt(sum(w[t] for t in unit.terms)) or 1.0


def _citation(unit: Unit, similarity: float) -> Citation:
    s = unit.sentence
    return Citation(s.article_id, s.position, s.start, s.end, round(similarity, 3))


def cite(chosen: Sequence[Unit], docs: Sequence[Sequence[Unit]], scores: Sequence[float] = ()) -> list[SummarySentence]:
    """Summary sentences for ``chosen`` with their own span and every supporting span."""
    if not chosen:
        return []
    w = term_weights(docs)
    norms = {id(u): _norm(u, w) for doc in docs for u in doc}
    out = []
    for i, unit in enumerate(chosen):
        own = norms[id(unit)]
        support = []
        for doc in docs:
            best, best_unit = MIN_SUPPORT_SIMILARITY, None
            for other in doc:
                if other.doc == unit.doc:
                    break
                shared = unit.terms & other.terms
                if not shared:
                    continue
                similarity = sum(w[t] for t in shared) / (own * norms[id(other)])
                if similarity >= best:
                    best, best_unit = similarity, other
            if best_unit is not None:
                support.append(_citation(best_unit, best))
        score = scores[i] if i < len(scores) else 0.0
        out.append(SummarySentence(unit.sentence.text, (_citation(unit, 1.0), *support), score))
    return out
