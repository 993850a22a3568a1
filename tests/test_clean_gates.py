"""The cheap gates in front of the cleaner's costlier checks must never change an answer.

boilerplate.py tests a line's first character against a set before it runs an anchored
pattern (TEASER_FIRST before TEASER_PREFIX, TIMESTAMP_FIRST before TIMESTAMP). These tests
derive each pattern's possible first characters from the pattern itself, so a label added to
the pattern later without its letter in the set fails here instead of silently never firing.
normalize.py checks printability and NFC on the non-ASCII characters alone, and
boilerplate.py lowercases through UTF-8 bytes when no non-ASCII character has a lowercase:
the Unicode facts that make these exact are checked here too.
"""

from __future__ import annotations

import re
import unicodedata
from re import _constants as c, _parser as sre_parse  # the regex parser (Python 3.11+)

from storyline.clean.boilerplate import _LIST_MARK, _list_marks, ascii_case
from storyline.clean.normalize import normalize, normalized
from storyline.clean.phrases import (
    CREDIT_ANYWHERE,
    TEASER_FIRST,
    TEASER_PREFIX,
    TIMESTAMP,
    TIMESTAMP_FIRST,
    credit_word,
)


def _first_chars(items) -> set[str] | None:  # noqa: ANN001 - sre_parse's subpattern type
    """The characters a parsed (sub)pattern can start with; None if it can match empty."""
    for index, (op, arg) in enumerate(items):
        if op is c.AT:
            continue  # ^ and \b consume nothing
        if op is c.LITERAL:
            return {chr(arg)}
        if op is c.IN:
            found = set()
            for kind, value in arg:
                if kind is c.LITERAL:
                    found.add(chr(value))
                elif kind is c.RANGE:
                    found.update(chr(code) for code in range(value[0], value[1] + 1))
                else:
                    raise AssertionError(f"unsupported set item {kind}")
            return found
        if op is c.BRANCH:
            found = set()
            for branch in arg[1]:
                first = _first_chars(branch)
                assert first is not None, "a branch that can match empty"
                found |= first
            return found
        if op is c.SUBPATTERN:
            return _first_chars(arg[-1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first = _first_chars(arg[2])
            assert first is not None, "a repeat that can match empty"
            if arg[0] >= 1:
                return first
            rest = _first_chars(items[index + 1 :])  # optional: what follows can start it too
            return None if rest is None else first | rest
        raise AssertionError(f"unsupported opcode {op}")
    return None


def test_first_character_gates_cover_their_patterns() -> None:
    for pattern, gate in ((TEASER_PREFIX, TEASER_FIRST), (TIMESTAMP, TIMESTAMP_FIRST)):
        first = _first_chars(sre_parse.parse(pattern.pattern, pattern.flags))
        assert first is not None and first <= gate, (pattern.pattern, first - gate)


def test_credit_word_finds_every_credit_trigger() -> None:
    for word in CREDIT_ANYWHERE:
        assert credit_word(f"a caption ({word} jane doe)")
    assert not credit_word("the mayor said on tuesday that the bridge would reopen.")
    assert not re.search("|".join(CREDIT_ANYWHERE), "stock / prices: up x")
    assert not credit_word("stock / prices: up x")


def test_only_marks_of_u0300_compose_with_an_ascii_character() -> None:
    """normalize checks NFC on the non-ASCII characters alone unless a U+0300-U+037F mark
    (UTF-8 lead byte 0xCC or 0xCD) is present: that is sound only if no other character
    composes with an ASCII character before it."""
    seconds = set()
    for code in range(0x80, 0x110000):
        mapping = unicodedata.decomposition(chr(code)).split()
        if len(mapping) == 2 and not mapping[0].startswith("<") and int(mapping[0], 16) < 0x80:
            seconds.add(int(mapping[1], 16))
    assert seconds and all(0x300 <= code <= 0x37F for code in seconds)


def test_normalize_agrees_with_the_plain_definition() -> None:
    samples = [
        "cafe\u0301 au lait", "A\u030a and \u212b", "\u2019quoted\u201d \u2014 dash", "x\u20d0\u0301", "\u00e9t\u00e9",
        "\u1100\u1161 hangul", "a\u00a0b\u200bc", "tab\there", "line\u2028break", "\u0915\u093c devanagari",
        "\u00bd \u00a9 2024", "\u3042\u3099 kana", "soft\u00adhyphen", "ctrl\x07bell", "caf\u00e9  two  spaces",
    ]
    for sample in samples:
        expected = _plain_normalize(sample)
        assert normalize(sample) == expected, sample
        text, high = normalized(sample)
        assert text == expected
        if high is not None:
            assert high == text.encode().translate(None, bytes(range(0x80)))


def _plain_normalize(raw: str) -> str:
    """normalize() as first written: every step on the whole text."""
    text = re.sub("\r\n|[\r\x0b\x0c\x85\u2028\u2029]", "\n", raw)
    invisible = "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
    text = re.sub(invisible, "", text)
    text = re.sub("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = re.sub(" {2,}", " ", text)
    return unicodedata.normalize("NFC", text)


def test_bytes_lowercase_agrees_with_str_lower_when_the_case_gate_allows() -> None:
    """Every character that ``str.lower`` leaves alone stays alone through ``bytes.lower``,
    between capitals that both lowercase, so ascii_case's shortcut is exact."""
    keep = [chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code <= 0xDFFF and chr(code).lower() == chr(code)]
    text = "Ab" + "Q".join(keep) + "Z"
    assert ascii_case(text.encode().translate(None, bytes(range(0x80))))
    assert text.encode().lower().decode() == text.lower()
    for upper in ("\u00c9t\u00e9", "\u03a3\u03bf\u03c6\u03af\u03b1", "\u0130stanbul", "\u212a"):
        assert not ascii_case(upper.encode())
    assert not ascii_case(None)


def test_list_marks_count_as_the_regex_does() -> None:
    samples = ["Home | News > World", "a - b - c", " - - ", "a -- b,c/d", "x,, y", "Tags: a, b / c",
               "News \u2022 Sport \u00b7 More \u00bb", "plain sentence here.", "a - b-c - d | e"]
    for sample in samples:
        assert _list_marks(sample) == len(_LIST_MARK.findall(sample)), sample
