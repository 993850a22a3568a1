"""Words and content terms: the token view of text that scoring and similarity use.

Tokens follow ROUGE's own view of text (lowercase alphanumeric runs), so what the
summarizer optimises is what evaluation counts. Content terms drop stopwords and are
stemmed with Snowball's English stemmer through PyStemmer (C: val250's 24.6k distinct
words in 0.016-0.025 s with its own cache off, where the pure-Python snowballstemmer took
1.6 s for 26k and nltk's Porter costs 0.45 s just to import). Stems are memoised in dicts
here because news vocabulary repeats heavily.
"""

from __future__ import annotations

import re

import Stemmer  # PyStemmer

_WORD = re.compile(r"[a-z0-9]+")
# No PyStemmer cache (size 0): the dicts below already remember every word's stem or code,
# so the stemmer only ever sees new words, for which its cache is pure overhead (a failed
# lookup, an insert, and a sort of the whole cache each time it fills): stemming val250's
# 24.6k distinct words took 0.05-0.07 s with it, 0.016-0.025 s without.
_STEMMER = Stemmer.Stemmer("english", 0)

# A hand-kept list: the libraries that ship one (nltk, spaCy) need a data download or a
# large import, and this set only has to cover function words in news prose.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    ever every few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just least less let like may me might more
    most much must my myself neither no nor not now of off often on once one only or other
    our ours ourselves out over own per quite rather said same says say she should since so
    some such than that the their theirs them themselves then there these they this those
    though through thus to too under until up upon us very was we were what when where whether
    which while who whom whose why will with within without would yet you your yours yourself
    yourselves s t don didn doesn isn wasn aren weren won wouldn couldn shouldn ve ll re d m
    mr mrs ms told tell according also just new get got go going gone make made
    """.split()
)


class _StemCache(dict[str, str]):
    """word -> stem, computing a stem the first time a word is seen."""

    def __missing__(self, word: str) -> str:
        value = self[word] = _STEMMER.stemWord(word)
        return value


class _TermCodes(dict[str, int]):
    """word -> integer code of its stem: positive for content words, negative for
    stopwords. Scoring compares sets of these ints, far cheaper to hash than strings."""

    def __missing__(self, word: str) -> int:
        code = self[word] = _new_code(word)
        return code


def _new_code(word: str) -> int:
    """The code of a word not seen before (see ``_TermCodes``)."""
    # The stemmer directly, not the _STEMS cache: _CODES is the cache for codes.
    stem_id = _STEM_IDS.setdefault(_STEMMER.stemWord(word), len(_STEM_IDS) + 1)
    return -stem_id if word in STOPWORDS or len(word) < 2 else stem_id


class _ByteTermCodes(dict[bytes, int]):
    """The same codes keyed by ASCII bytes tokens, as ``word_bytes`` makes them."""

    def __missing__(self, word: bytes) -> int:
        # Straight from the stem ids, which _CODES shares: a word gets the same code in both.
        code = self[word] = _new_code(word.decode("ascii"))
        return code


_STEMS = _StemCache()
_STEM_IDS: dict[str, int] = {}
_CODES = _TermCodes()
_BYTE_CODES = _ByteTermCodes()
# What the C kernel (summarize/_kernel.c, make_units) needs to give a new word its code as
# _new_code does, against the same stem ids.
STEM_TABLE = (_STEMMER.stemWord, _STEM_IDS, STOPWORDS)

# Every byte but [A-Za-z0-9] becomes a space, and A-Z become a-z. After lowercasing, ROUGE's
# tokens are the runs of [a-z0-9]: all other characters, non-ASCII ones included, only
# separate tokens.
_SEPARATORS = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else b + 32 if 65 <= b <= 90 else 32 for b in range(256))
# The only characters outside ASCII whose lowercase has an ASCII letter or digit (found by
# scanning all of Unicode): "İ" -> "i̇" and the Kelvin sign -> "k".
_LOWERS_TO_ASCII = ("\u0130", "\u212a")


def words(text: str) -> list[str]:
    """Lowercase alphanumeric tokens, as ROUGE tokenizes."""
    return _WORD.findall(text.lower())


def word_bytes(text: str) -> list[bytes]:
    """``words(text)`` as ASCII bytes, twice as fast: non-ASCII characters become ``?``
    (one separator byte each), then every separator a space, and bytes split in C.

    Lowercasing is part of the byte translation: ``str.lower`` looks every character of a
    non-ASCII text up in Unicode's tables, and only two characters outside ASCII lowercase
    to a token character, so only a text with one of them needs it."""
    if _LOWERS_TO_ASCII[0] in text or _LOWERS_TO_ASCII[1] in text:
        text = text.lower()
    return text.encode("ascii", "replace").translate(_SEPARATORS).split()


def word_count(text: str) -> int:
    """Whitespace-separated words: how budgets are set and how evaluation truncates."""
    # Counting spaces after ruling out other whitespace (isprintable) measured no cheaper:
    # isprintable looks up every character, about what split spends building the words.
    return len(text.split())


def stem(word: str) -> str:
    """Snowball stem of a lowercase word."""
    return _STEMS[word]


def stems(tokens: list[str]) -> list[str]:
    """Stems of many lowercase words at once (the fast path)."""
    return list(map(_STEMS.__getitem__, tokens))


def term_codes(tokens: list[str]) -> list[int]:
    """Integer stem codes of lowercase words (see ``_TermCodes``); stable within a process."""
    return list(map(_CODES.__getitem__, tokens))


def byte_term_codes(tokens: list[bytes]) -> list[int]:
    """``term_codes`` of the tokens ``word_bytes`` makes; the codes are the same."""
    return list(map(_BYTE_CODES.__getitem__, tokens))


def content_terms(text: str) -> list[str]:
    """Stemmed non-stopword tokens of ``text``, in order, with repeats."""
    return stems([w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1])
