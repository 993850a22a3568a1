"""Clustering quality against true clusters: B-cubed precision, recall, F1 and adjusted Rand.

B-cubed scores each item by how much its predicted cluster and its true cluster agree, so
a few big wrong merges and many small wrong splits are both visible; ARI comes from
scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClusterScores:
    precision: float
    recall: float
    f1: float
    ari: float
    items: int
    predicted_clusters: int
    true_clusters: int


def bcubed(pred: Mapping[str, object], gold: Mapping[str, object]) -> ClusterScores:
    """Scores of ``pred`` (item -> predicted cluster) against ``gold`` (item -> true cluster),
    over the items in ``gold``; an item with no prediction counts as its own cluster."""
    from sklearn.metrics import adjusted_rand_score

    items = list(gold)
    labels = [pred.get(i, ("missing", i)) for i in items]
    pair = Counter(zip(labels, (gold[i] for i in items)))
    p_size = Counter(labels)
    g_size = Counter(gold[i] for i in items)
    precision = recall = 0.0
    for (p, g), n in pair.items():
        # each of the n items shares n items with both its clusters
        precision += n * n / p_size[p]
        recall += n * n / g_size[g]
    precision /= len(items) or 1
    recall /= len(items) or 1
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score([str(gold[i]) for i in items], [str(x) for x in labels])
    return ClusterScores(precision, recall, f1, float(ari), len(items), len(p_size), len(g_size))
