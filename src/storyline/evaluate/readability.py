"""Readability of extractive summaries: what ROUGE does not see.

Three shares, each lower-is-better:
- summaries that open with a dangling pronoun or connective ("He", "But", "However"),
  which leave the reader asking who or what;
- sentence pairs within a summary that are near-duplicates (content-term cosine > 0.6);
- sentences that are boilerplate (the cleaner would drop them as a line) or cut
  mid-sentence: no closing punctuation, or the tail of a quotation whose opening sentence
  is not the one before it in the summary (`That's why ...," he said.`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from storyline.clean import clean_text
from storyline.summarize.units import DANGLING_OPENERS, cosine, ends_open_quote, opens_unclosed_quote
from storyline.text.terms import term_codes, words

NEAR_DUPLICATE = 0.6
_CLOSERS = tuple(".!?\"'”’)")


@dataclass(frozen=True, slots=True)
class Readability:
    """Shares in percent, and the counts behind them."""

    dangling_openers: float
    near_duplicate_pairs: float
    bad_sentences: float
    summaries: int
    pairs: int
    sentences: int


def _terms(text: str) -> frozenset[int]:
    return frozenset(c for c in term_codes(words(text)) if c > 0)


def is_bad_sentence(text: str) -> bool:
    """Cut mid-sentence, or a line the cleaner would throw away as boilerplate."""
    stripped = text.strip()
    if not stripped.endswith(_CLOSERS) or stripped.endswith("..."):
        return True
    return not clean_text(stripped).text.strip()


def readability(summaries: Iterable[Sequence[str]]) -> Readability:
    """Measure a collection of summaries, each given as its sentences in reading order."""
    n_summaries = dangling = n_pairs = duplicates = n_sentences = bad = 0
    for sentences in summaries:
        if not sentences:
            continue
        n_summaries += 1
        opener = words(sentences[0][:40])
        dangling += bool(opener) and opener[0] in DANGLING_OPENERS
        terms = [_terms(s) for s in sentences]
        for a, b in combinations(terms, 2):
            n_pairs += 1
            duplicates += cosine(a, b) > NEAR_DUPLICATE
        n_sentences += len(sentences)
        bad += sum(is_bad_sentence(s) or (ends_open_quote(s) and not (i and opens_unclosed_quote(sentences[i - 1])))
                   for i, s in enumerate(sentences))

    def share(k: int, n: int) -> float:
        return round(100 * k / n, 2) if n else 0.0

    return Readability(share(dangling, n_summaries), share(duplicates, n_pairs), share(bad, n_sentences),
                       n_summaries, n_pairs, n_sentences)
