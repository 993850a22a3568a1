"""Near-duplicate detection: MinHash signatures (datasketch) and LSH band keys.

Exact duplicates are caught upstream by the article id (a hash of the clean text). This
module catches the rest: syndicated wire copy, one article on two sites, updated versions.
Signatures are datasketch ``MinHash``es over word 5-shingles; LSH splits them into bands
(datasketch's optimal parameters for the threshold) and hashes each band to one integer key,
so the store can index keys in an ordinary B-tree and any backend can find candidates with
one indexed look-up, without rebuilding an in-memory LSH every time a library opens.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 64  # 64 permutations estimate Jaccard within ~0.06: enough to confirm a duplicate
SHINGLE = 5
THRESHOLD = 0.7  # estimated Jaccard of 5-shingles at or above which two texts are one article


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Building permutations costs more than hashing a whole article: do it once.
    return MinHash(num_perm=NUM_PERM, seed=1)


@lru_cache(maxsize=1)
def bands() -> tuple[int, int]:
    """(bands, rows per band) that minimise false positives + negatives at ``THRESHOLD``."""
    b, r = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
    return int(b), int(r)


class _WordHashes(dict[str, int]):
    """word -> stable 32-bit hash, memoised (news vocabulary repeats)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_WORD_HASHES = _WordHashes()
# Odd multipliers that mix the five words of a shingle into one 32-bit value.
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1], dtype=np.uint64)


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of the word 5-shingles of ``tokens``, computed in numpy: hashing each
    shingle string in Python cost more than everything else in ingest together."""
    words = np.fromiter(map(_WORD_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    if len(words) < SHINGLE:
        words = np.concatenate([words, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    n = len(words) - SHINGLE + 1
    mixed = sum(words[i:i + n] * _MIX[i] for i in range(SHINGLE)) & np.uint64(0xFFFFFFFF)
    return np.unique(mixed)


def signature(tokens: list[str]) -> np.ndarray:
    """MinHash hash values (``NUM_PERM`` of them) of the word 5-shingles of ``tokens``
    (lowercase words, as ``storyline.text.terms.words`` gives them)."""
    template = _template()
    # The items are already 32-bit hashes, so datasketch's hash function is the identity.
    m = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=template.permutations, scheme=template.scheme)
    m.update_batch(shingle_hashes(tokens).tolist())
    return m.hashvalues


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in, so bands never collide)."""
    b, r = bands()
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(sig[i * r:(i + 1) * r].tobytes(), digest_size=8, salt=struct.pack("<I", i)).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype(np.uint64).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)
