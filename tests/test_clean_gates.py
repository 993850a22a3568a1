"""The cheap gates in front of the cleaner's regexes must never hide a match.

boilerplate.py tests a line's first character against a set before it runs an anchored
pattern (TEASER_FIRST before TEASER_PREFIX, TIMESTAMP_FIRST before TIMESTAMP). These tests
derive each pattern's possible first characters from the pattern itself, so a label added to
the pattern later without its letter in the set fails here instead of silently never firing.
"""

from __future__ import annotations

import re

from re import _constants as c, _parser as sre_parse  # the regex parser (Python 3.11+)

from storyline.clean.phrases import CREDIT_ANYWHERE, TEASER_FIRST, TEASER_PREFIX, TIMESTAMP, TIMESTAMP_FIRST, credit_word


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
