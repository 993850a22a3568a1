"""Article vectors for story clustering: hashed, sublinear TF-IDF with incremental IDF.

Owns the term view clustering uses (stemmed content terms from ``storyline.text.terms``,
hashed into ``DIM`` buckets with a stable CRC so a library written by one process reads the
same in the next) and ``DocFreq``, the running document frequencies that IDF comes from.
Hashing keeps the vocabulary fixed-size, so IDF state is one small array however large the
library grows, and saving it is one blob write per batch.
"""

from __future__ import annotations

import heapq
import math
import zlib
from collections import Counter

import numpy as np

from storyline.text.terms import STOPWORDS, content_terms, stems

DIM = 1 << 20  # ~1M buckets: collisions are rare at news vocabulary sizes (~300k stems)
CENTROID_TERMS = 200  # a story centroid keeps only its heaviest terms, so its size is bounded


class _Buckets(dict[str, int]):
    """stem -> bucket, memoised: news vocabulary repeats, CRC of every token would not."""

    def __missing__(self, term: str) -> int:
        value = self[term] = zlib.crc32(term.encode("utf-8")) & (DIM - 1)
        return value


_BUCKETS = _Buckets()

SparseVec = dict[int, float]


def term_counts(tokens: list[str], title: str | None = None) -> Counter[int]:
    """Bucketed content-term counts of an article's lowercase ``tokens``; the title counts
    twice more, as editors pack its words with what the story is about."""
    return count_terms(content_buckets(tokens), title)


def content_buckets(tokens: list[str]) -> list[int]:
    """The buckets of an article's content terms (stopwords and 1-letter tokens dropped,
    stemmed), in text order."""
    return list(map(_BUCKETS.__getitem__, stems([w for w in tokens if w not in STOPWORDS and len(w) > 1])))


def count_terms(buckets: list[int], title: str | None = None) -> Counter[int]:
    """``term_counts`` of buckets already made by ``content_buckets``."""
    counts = Counter(buckets)
    if title:
        counts.update(map(_BUCKETS.__getitem__, content_terms(title) * 2))
    return counts


_PAIR_MIX = 0x9E3779B1  # odd: multiplying by it permutes the buckets, so pairs spread evenly


def phrase_counts(buckets: list[int]) -> Counter[int]:
    """Counts of adjacent content-term pairs ("colchester zoo", "jobs speech", with the
    stopwords between them dropped), hashed into the same ``DIM`` buckets as single terms
    (a pair lands on a term's bucket about once in a million). Batch mode clusters on terms
    and pairs: a pair shared by two articles is much stronger evidence of one story than
    its two words apart (see ``batch``)."""
    if len(buckets) < 2:
        return Counter()
    b = np.asarray(buckets, dtype=np.int64)
    return Counter((((b[:-1] * _PAIR_MIX) ^ b[1:]) & (DIM - 1)).tolist())


class DocFreq:
    """Running document frequencies over hashed buckets, plus the document count."""

    def __init__(self, counts: np.ndarray | None = None, docs: int = 0) -> None:
        self.counts = counts if counts is not None else np.zeros(DIM, dtype=np.int32)
        self.docs = docs

    def add(self, terms: Counter[int]) -> None:
        if terms:
            self.counts[np.fromiter(terms.keys(), dtype=np.int64, count=len(terms))] += 1
        self.docs += 1

    def idf(self, bucket: int) -> float:
        return math.log((self.docs + 1) / (int(self.counts[bucket]) + 1)) + 1.0

    def to_bytes(self) -> bytes:
        return self.counts.tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes | None, docs: int) -> DocFreq:
        if not blob:
            return cls()
        return cls(np.frombuffer(blob, dtype=np.int32).copy(), docs)


def tfidf(terms: Counter[int], df: DocFreq) -> SparseVec:
    """Unit-length sublinear TF-IDF vector: (1 + log tf) * idf."""
    keys, weights = tfidf_arrays(terms, df)
    return dict(zip(keys.tolist(), weights.tolist()))


def tfidf_arrays(terms: Counter[int], df: DocFreq) -> tuple[np.ndarray, np.ndarray]:
    """``tfidf`` as (buckets, weights) arrays: a tenth of a dict's memory, for batch mode,
    which holds the whole library's vectors at once."""
    return weigh(*count_arrays(terms), df)


def count_arrays(terms: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
    """Term counts as (buckets, counts) arrays."""
    return (np.fromiter(terms.keys(), dtype=np.int64, count=len(terms)),
            np.fromiter(terms.values(), dtype=np.float64, count=len(terms)))


def weigh(keys: np.ndarray, tf: np.ndarray, df: DocFreq, min_df: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """``tfidf_arrays`` of counts already in arrays (``count_arrays``). ``min_df`` > 1 drops
    the buckets fewer documents have: a term only one article has can make it similar to
    no other, and only lengthens its vector, lowering all of its cosines."""
    if min_df > 1 and len(keys):
        keep = df.counts[keys] >= min_df
        keys, tf = keys[keep], tf[keep]
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    idf = np.log((df.docs + 1) / (df.counts[keys] + 1.0)) + 1.0
    weights = (1.0 + np.log(tf)) * idf
    weights /= float(np.sqrt(weights @ weights)) or 1.0
    return keys, weights


def dot(a: SparseVec, b: SparseVec) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(k, 0.0) for k, w in a.items())


def top_terms(vec: SparseVec, n: int) -> list[int]:
    """The ``n`` heaviest buckets, heaviest first."""
    return heapq.nlargest(n, vec, key=vec.__getitem__)


def add_into(centroid: SparseVec, vec: SparseVec) -> SparseVec:
    """``centroid + vec``, truncated to ``CENTROID_TERMS`` so a big story stays cheap."""
    for k, w in vec.items():
        centroid[k] = centroid.get(k, 0.0) + w
    if len(centroid) > 2 * CENTROID_TERMS:  # trim in bulk, not on every add
        centroid = {k: centroid[k] for k in heapq.nlargest(CENTROID_TERMS, centroid, key=centroid.__getitem__)}
    return centroid


def norm(vec: SparseVec) -> float:
    return math.sqrt(sum(w * w for w in vec.values())) or 1.0


def pack(vec: SparseVec) -> bytes:
    """Bytes for storage: int32 buckets then float32 weights."""
    keys = np.fromiter(vec.keys(), dtype=np.int32, count=len(vec))
    vals = np.fromiter(vec.values(), dtype=np.float32, count=len(vec))
    return keys.tobytes() + vals.tobytes()


def unpack(blob: bytes) -> SparseVec:
    half = len(blob) // 2
    keys = np.frombuffer(blob[:half], dtype=np.int32)
    vals = np.frombuffer(blob[half:], dtype=np.float32)
    return dict(zip(keys.tolist(), vals.tolist()))
