"""The token view of each candidate sentence, computed once and shared by every scorer.

Scoring, redundancy checks and citation matching all compare sentences by their stemmed
content terms and bigrams; building those once per sentence keeps the hot loops to set
operations.
"""

from __future__ import annotations

import re

from collections.abc import Sequence, Set as AbstractSet

from storyline.model import Sentence
from storyline.summarize import kernel
from storyline.text.terms import STEM_TABLE, byte_term_codes, word_bytes, word_count, words

# Sentences outside these lengths are headlines, captions, fragments or run-ons: they read
# badly in a summary and are rarely what several outlets agree on.
MIN_WORDS = 8
MAX_WORDS = 80

# Openers that refer back to someone the reader must already know: a summary never keeps
# such a sentence without the one before it (nor one opening with a non-expletive "It").
# Connectives ("But", "However") and demonstratives are left to the opener rule: measured
# on val250, repairing them too cost 0.2 ROUGE-1 for sentences that mostly read fine.
REFERRING_OPENERS = frozenset(
    "he she they his her their him them".split()
)
# "It is hard to say whether..." does not refer back; "It is the only bridge..." does.
_EXPLETIVE_IT = re.compile(r"It(?: is|'s|’s| was| has been| will be| would be| remains| seems)"
                           r" (?:\w+ ){0,2}?(?:to|that|for|whether|how|why|what|when|if)\b")

# Openers that may point back at a sentence the reader has not seen; a summary never
# opens with one.
DANGLING_OPENERS = frozenset(
    "he she they it his her their its this that these those but however and so also "
    "meanwhile still yet instead moreover furthermore besides then thus hence which "
    "there".split()
)


# Stem codes stay below 2**22 (4M stems), so a pair packs into one int: a * _PAIR + b.
_PAIR = 1 << 22

_OPEN_QUOTES = frozenset("\"“‘'«")
_CLOSE_QUOTES = frozenset("\"”’'»")


class Unit:
    """A sentence plus what comparisons need: word count, stem codes, bigrams, terms.

    A plain slotted class rather than a frozen dataclass: tens of thousands are built per
    second on the batch path, and frozen-dataclass construction costs several times more.
    Internal to summarize; nothing outside this package holds one.
    """

    __slots__ = ("sentence", "doc", "n_words", "codes", "_bigrams", "terms", "dangling", "refers_back", "quoted",
                 "quote_tail", "quote_head", "cues", "candidate", "pronoun",
                 "packed")

    def __init__(self, sentence: Sentence, doc: int, n_words: int, codes: list[int], bigrams: set[int] | None,
                 terms: set[int], dangling: bool, refers_back: bool, quoted: bool, quote_tail: bool = False,
                 quote_head: bool = False, cues: int = 0, candidate: bool = False, pronoun: bool = False,
                 packed: bytes | None = None) -> None:
        self.sentence = sentence
        self.doc = doc  # index of the article in the cluster
        self.n_words = n_words  # whitespace words, the unit budgets count in
        self.codes = codes  # stem codes of its words (text.terms.term_codes)
        # Packed stem-code pairs, not made only of stopwords (``bigrams``). It and ``terms``
        # are plain sets, never changed once built. None: built from ``codes`` when first
        # asked for (the C kernel's selection works from the codes and never needs it).
        self._bigrams = bigrams
        # Stem codes of its content words. Every scorer needs them for every unit (the
        # centroid is over all sentences), so they are built here rather than on demand.
        self.terms = terms
        self.dangling = dangling  # opens with a pronoun or connective, or is a bare quote
        self.refers_back = refers_back  # needs its antecedent: he/she/but/however..., bare quote
        self.quoted = quoted  # has a quotation mark of any kind
        self.quote_tail = quote_tail  # closes a quotation it did not open (ends_open_quote)
        self.quote_head = quote_head  # opens a quotation it does not close (opens_unclosed_quote)
        # The C kernel's scan also finds the scorer's surface cues: 16 when known, plus 4 for
        # a '"', '“' or '”' and 8 for a digit (features: has_quote, has_digit). 0: not known.
        self.cues = cues
        self.candidate = candidate  # may appear in a summary at all (is_candidate)
        self.pronoun = pronoun  # refers back, and opens with a personal pronoun (orphans.needs_antecedent)
        # The C kernel's compact copy of what its selection reads (_kernel.c, select); None
        # when built in Python.
        self.packed = packed

    @property
    def position(self) -> int:
        return self.sentence.position

    @property
    def bigrams(self) -> set[int]:
        if self._bigrams is None:
            self._bigrams = pair_codes(self.codes)
        return self._bigrams


def pair_codes(codes: list[int]) -> set[int]:
    """A sentence's concepts: its bigrams of stem codes, packed into one int each."""
    # A bigram packs the two stem ids (codes without their stopword sign) into one int:
    # |a| * 2**22 + |b|. Pairs of two stopwords carry no content. This is the hottest loop
    # of the pure-Python path (a few hundred thousand words): one pass over code pairs.
    return {abs(a) * _PAIR + abs(b) for a, b in zip(codes, codes[1:]) if a > 0 or b > 0}


def make_unit(sentence: Sentence, doc: int) -> Unit:
    compiled = kernel.KERNEL
    if compiled is not None:  # the same Unit, built in C (_kernel.c: build_unit)
        return compiled.make_unit(sentence, doc, *_KERNEL_ARGS)
    text = sentence.text
    tokens = word_bytes(text)
    codes = byte_term_codes(tokens)
    bigrams = pair_codes(codes)
    terms = {c for c in codes if c > 0}
    first = tokens[0].decode("ascii") if tokens else ""
    n_words = word_count(text)
    # Most sentences quote nobody: skip the counts. (Five substring tests cost a third of
    # one regex search.)
    quoted = '"' in text or "“" in text or "”" in text or "«" in text or "»" in text
    bare_quote = quoted and _is_bare_quote(text)
    quote_tail = quoted and ends_open_quote(text)
    quote_head = quoted and opens_unclosed_quote(text)
    dangling = first in DANGLING_OPENERS or bare_quote
    refers_back = (first in REFERRING_OPENERS or bare_quote or quote_tail
                   or (first == "it" and not _EXPLETIVE_IT.match(text)))
    # A sentence that ends without punctuation is a headline, caption or cut fragment; one
    # that opens a quotation it does not close is a speaker's words cut off from "he said".
    candidate = (MIN_WORDS <= n_words <= MAX_WORDS and text[-1] in ".!?\"'”’)" and not text.endswith("...")
                 and not quote_head)
    pronoun = refers_back and opening_word(text) in REFERRING_OPENERS
    return Unit(sentence, doc, n_words, codes, bigrams, terms, dangling, refers_back, quoted, quote_tail, quote_head,
                0, candidate, pronoun)


def opening_word(text: str) -> str:
    """The first word of a sentence, looked for in its first 40 characters only."""
    first = words(text[:40])
    return first[0] if first else ""


def ends_open_quote(text: str) -> bool:
    """The tail of a quotation split across sentences: it closes a quote it never opened."""
    opening = text.count("“") + text.count("«")
    closing = text.count("”") + text.count("»")
    if opening or closing:
        return closing > opening
    return text.count('"') % 2 == 1 and not text.startswith('"')


def opens_unclosed_quote(text: str) -> bool:
    """The head of a quotation split across sentences: it opens a quote it does not close."""
    opening = text.count("“") + text.count("«")
    closing = text.count("”") + text.count("»")
    if opening or closing:
        return opening > closing
    return text.count('"') % 2 == 1 and text.startswith('"')


def _is_bare_quote(text: str) -> bool:
    """A sentence that is all quotation: its speaker is named in another sentence, so out
    of context a reader cannot tell who said it."""
    return len(text) > 2 and text[0] in _OPEN_QUOTES and text[-1] in _CLOSE_QUOTES


def make_units(docs: Sequence[Sequence[Sentence]]) -> list[list[Unit]]:
    """Units for every sentence of every article, in article and sentence order."""
    compiled = kernel.KERNEL
    if compiled is not None:
        return compiled.make_units(docs, *_KERNEL_ARGS)
    return [[make_unit(s, d) for s in sentences] for d, sentences in enumerate(docs)]


def is_candidate(unit: Unit) -> bool:
    """Whether a sentence may appear in a summary at all (decided by make_unit)."""
    return unit.candidate


def cosine(a: AbstractSet[int], b: AbstractSet[int]) -> float:
    """Cosine similarity of two term sets (binary vectors)."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


# What the kernel's make_unit(s) need besides the sentences: the class to build, how a new
# word gets its code (text.terms), and the constants make_unit reads.
_KERNEL_ARGS = (Unit, *STEM_TABLE, DANGLING_OPENERS, REFERRING_OPENERS, _EXPLETIVE_IT.match, opening_word,
                MIN_WORDS, MAX_WORDS)
