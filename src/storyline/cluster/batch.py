"""Batch story clustering: average-link over a nearest-neighbour graph of the whole library.

Incremental assignment sees each article once, against the stories made so far, and
compares it with a centroid; batch mode (``storyline recluster``, ``storyline cluster``)
sees every article at once and can do better in three ways, measured on Multi-News val250
(bench/tune_cluster.py, cross-validated B-cubed F1 0.866 incremental, 0.897 batch; whole
pool 0.858 and 0.882):

* Average link over article pairs instead of article-to-centroid: a story is grown by
  merging the two groups whose articles are most similar on average, so three reports of
  one event that each share a different part of the wording still end up together.
* Mutual-neighbour ranks: two reports of one event are among each other's nearest
  neighbours even when their wording overlaps little, while a same-topic article from
  another story (another Trump story, another winter storm) is one of many similar ones.
  The pair's cosine loses ``rank_penalty * log(1 + mean rank)``, where each article ranks
  the other among its own neighbours (0 = nearest), so a low cosine between mutual nearest
  neighbours still links while a higher one deep in a crowded topic does not.
* Term pairs (``Corpus.recluster`` builds the vectors): adjacent content-term pairs
  ("colchester zoo", "jobs speech") count beside single terms, and terms only one article
  has are dropped. Two stories of one topic share words far more than phrases, so this
  raised whole-pool precision 0.932 -> 0.952 at the same recall (F1 0.874 -> 0.882, ARI
  0.743 -> 0.757; CV F1 0.897 either way). The pairs double the terms per article; batch
  mode on val250 takes about as long as before (~2 s, under a second of it clustering).

Cost: neighbours come from sparse matrix products over chunks of articles, each against
only the articles its time window allows (dated ones: ``window_days``; undated ones:
everything), keeping ``neighbours`` per article; average link runs per connected component
of the graph's strong edges, so memory is that of the graph plus the largest component.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from storyline.cluster.params import PARAMS, ClusterParams
from storyline.cluster.vectors import DIM

CHUNK = 1000  # articles whose neighbours one sparse product finds
MAX_COMPONENT = 3000  # above this a component is split at a stricter threshold first (memory)


def matrix(vecs: Sequence[tuple[np.ndarray, np.ndarray]]) -> sp.csr_matrix:
    """Unit-length article vectors, (buckets, weights) as ``vectors.tfidf_arrays`` makes
    them, as rows of a sparse matrix."""
    indptr = np.zeros(len(vecs) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(k) for k, _ in vecs])
    if not len(vecs) or indptr[-1] == 0:
        return sp.csr_matrix((len(vecs), DIM), dtype=np.float32)
    indices = np.concatenate([k for k, _ in vecs]).astype(np.int32)
    data = np.concatenate([w for _, w in vecs]).astype(np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(vecs), DIM))


def neighbours(x: sp.csr_matrix, days: Sequence[int | None], params: ClusterParams = PARAMS
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each article's ``params.neighbours`` nearest others by cosine, within the time window
    of a metadata date: arrays (row, col, cosine), rows in ``neighbours`` order per article."""
    n, k = x.shape[0], params.neighbours
    dated = np.array([d is not None for d in days])
    day = np.array([d if d is not None else 0 for d in days], dtype=np.int64)
    order = np.argsort(np.where(dated, day, np.iinfo(np.int64).max), kind="stable")
    sorted_days = day[order][: int(dated.sum())]
    undated = np.flatnonzero(~dated)
    out_r, out_c, out_s = [], [], []
    for start in range(0, n, CHUNK):
        rows = order[start:start + CHUNK]
        if dated[rows].all():
            lo = np.searchsorted(sorted_days, day[rows].min() - params.window_days, "left")
            hi = np.searchsorted(sorted_days, day[rows].max() + params.window_days, "right")
            cols = np.concatenate([order[lo:hi], undated])
        else:
            cols = np.arange(n)
        sims = (x[rows] @ x[cols].T).tocoo()
        r, c, s = rows[sims.row], cols[sims.col], sims.data
        keep = (r != c) & (s > 0)
        both = dated[r] & dated[c]
        keep &= ~both | (np.abs(day[r] - day[c]) <= params.window_days)
        r, c, s = r[keep], c[keep], s[keep]
        # top k per row: sort by (row, -cosine), then keep each row's first k
        idx = np.lexsort((-s, r))
        r, c, s = r[idx], c[idx], s[idx]
        first = np.searchsorted(r, r, "left")
        top = (np.arange(len(r)) - first) < k
        out_r.append(r[top]), out_c.append(c[top]), out_s.append(s[top])
    cat = (lambda parts, dt: np.concatenate(parts).astype(dt) if parts else np.zeros(0, dt))
    return cat(out_r, np.int64), cat(out_c, np.int64), cat(out_s, np.float64)


def edge_scores(n: int, rows: np.ndarray, cols: np.ndarray, cos: np.ndarray,
                params: ClusterParams = PARAMS) -> sp.csr_matrix:
    """Symmetric pair scores: cosine less ``rank_penalty * log(1 + mean of the two ranks)``;
    a pair missing from one article's list ranks ``neighbours`` there."""
    if not len(rows):  # no article has a neighbour (all too short, or nothing shared)
        return sp.csr_matrix((n, n))
    first = np.searchsorted(rows, rows, "left")  # rows are grouped, nearest first
    rank = (np.arange(len(rows)) - first).astype(np.float64)
    k = float(params.neighbours)
    mine = sp.csr_matrix((rank + 1.0, (rows, cols)), shape=(n, n))  # +1: rank 0 must be stored
    other = mine.T.tocsr()
    both = (mine + other).tocoo()  # the union of the pairs; values: r1+1 (+ r2+1)
    a, b = both.row, both.col
    r1 = np.asarray(mine[a, b]).ravel()
    r2 = np.asarray(other[a, b]).ravel()
    r1 = np.where(r1 > 0, r1 - 1.0, k)
    r2 = np.where(r2 > 0, r2 - 1.0, k)
    cosine = sp.csr_matrix((cos, (rows, cols)), shape=(n, n))
    cosine = cosine.maximum(cosine.T)
    c = np.asarray(cosine[a, b]).ravel()
    score = np.maximum(c - params.rank_penalty * np.log1p((r1 + r2) / 2.0), 0.0)
    keep = score > 0
    return sp.csr_matrix((score[keep], (a[keep], b[keep])), shape=(n, n))


def average_link(scores: sp.csr_matrix, threshold: float) -> np.ndarray:
    """Labels from average-link clustering cut at ``threshold`` (pairs not in ``scores`` count
    as 0). A cluster's articles are always connected by pair scores >= the threshold (an
    average can only reach it through such a pair), so each connected component of those
    edges is clustered on its own, densely."""
    n = scores.shape[0]
    labels = np.arange(n)
    todo = [(np.arange(n), scores.tocoo(), threshold)]
    while todo:
        members, pairs, cut = todo.pop()
        strong = pairs.data >= cut
        graph = sp.coo_matrix((pairs.data[strong], (pairs.row[strong], pairs.col[strong])), shape=pairs.shape)
        _, comp = connected_components(graph, directed=False)
        # Every pair inside one component, grouped by component: one sort, not a slice each.
        inside = comp[pairs.row] == comp[pairs.col]
        rows, cols, vals = pairs.row[inside], pairs.col[inside], pairs.data[inside]
        by_pair = np.argsort(comp[rows], kind="stable")
        rows, cols, vals = rows[by_pair], cols[by_pair], vals[by_pair]
        pair_bounds = np.searchsorted(comp[rows], np.arange(comp.max() + 2))
        position = np.zeros(len(members), dtype=np.int64)
        by_comp = np.argsort(comp, kind="stable")
        for c, local in enumerate(np.split(by_comp, np.flatnonzero(np.diff(comp[by_comp])) + 1)):
            if len(local) < 2:
                continue
            lo, hi = pair_bounds[c], pair_bounds[c + 1]
            position[local] = np.arange(len(local))
            r, q = position[rows[lo:hi]], position[cols[lo:hi]]
            if len(local) > MAX_COMPONENT:  # too big to cluster densely: split it stricter first
                sub = sp.coo_matrix((vals[lo:hi], (r, q)), shape=(len(local), len(local)))
                todo.append((members[local], sub, cut + 0.05))
                continue
            block = np.zeros((len(local), len(local)))
            block[r, q] = vals[lo:hi]
            dist = 1.0 - np.minimum(np.maximum(block, block.T), 1.0)
            np.fill_diagonal(dist, 0.0)
            found = fcluster(linkage(squareform(dist, checks=False), method="average"), 1.0 - threshold, "distance")
            idx = members[local]
            labels[idx] = idx[_first_of(found)]
    return labels


def _first_of(found: np.ndarray) -> np.ndarray:
    """For each position, the position of the first member of its cluster."""
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(f), i) for i, f in enumerate(found)])


def cluster(vecs: Sequence[tuple[np.ndarray, np.ndarray]], days: Sequence[int | None], sizes: Sequence[int],
            params: ClusterParams = PARAMS) -> list[int]:
    """A story label per article (the index of one of its members). ``vecs`` are
    ``vectors.tfidf_arrays``; ``days`` metadata days (None: undated or inferred, which do not
    gate); ``sizes`` content-term counts: an article with fewer than ``params.min_terms``
    stands alone (a cookie notice or a caption is too little text to place, and placing it
    by a few shared words mostly merges it into a story it does not belong to)."""
    n = len(vecs)
    if n == 0:
        return []
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    usable = [v if size >= params.min_terms else empty for v, size in zip(vecs, sizes)]
    rows, cols, cos = neighbours(matrix(usable), days, params)
    return average_link(edge_scores(n, rows, cols, cos, params), params.batch_threshold).tolist()
