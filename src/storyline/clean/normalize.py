"""Character-level normalization: the first thing clean does to raw text.

Owns line endings, Unicode composition (NFC, never NFKC: curly quotes, ellipses and
ligature-free typography stay as the outlet wrote them), removal of invisible and control
characters, and turning exotic spaces into plain ones. Line structure is kept: re-flow
needs it, and a leading space on a line is a signal there (text that followed a link).
"""

from __future__ import annotations

import re
import unicodedata

# Every way a line can end becomes "\n"; \x0b, \x0c and \x85 are line breaks in some scrapes.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")

# Invisible characters that only break matching: C0/C1 controls (tab and newline are kept
# for the space rule below), zero-width spaces and joiners, soft hyphen, bidi marks, BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)

# Spaces of every width (tab, NBSP, en/em/thin spaces, ideographic space) become " ".
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
# The ASCII characters none of the patterns above touch: printable ones and the newline.
_ASCII_TIDY = bytes(range(0x20, 0x7F)) + b"\n"
_HIGH = bytes(range(0x80, 0x100))  # the bytes of UTF-8's multi-byte characters
# A lone surrogate (JSON's "\\ud800" decodes to one) is no character: it has no UTF-8 form,
# so every later encode (script checks, SQLite, output) would fail on it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize(raw: str) -> str:
    """Return ``raw`` as NFC text with "\\n" line ends, no invisible characters and single spaces.

    Lines are not stripped here: re-flow reads leading spaces. Each step is skipped when the
    text has nothing for it to do, which keeps clean fast on already tidy input.
    """
    return normalized(raw)[0]


def normalized(raw: str) -> tuple[str, bytes | None]:
    """``normalize(raw)``, and the UTF-8 bytes of its non-ASCII characters (None if unknown).

    The per-character Unicode checks (printable? NFC?) run on those characters alone, a few
    per cent of a news text, instead of on all of it; layout.script_leads reuses the bytes.
    """
    text = raw
    high: bytes | None = b""
    # isprintable() is False for every character handled below (all are Unicode "other" or
    # "separator"), so tidy text skips the regex passes entirely. In ASCII only the C0
    # controls and DEL are handled: deleting every other byte finds them.
    if text.isascii():
        untidy = bool(text.encode("ascii").translate(None, _ASCII_TIDY))
    else:
        data = _utf8(text)
        if data is None:
            text = _SURROGATE.sub("\ufffd", text)
            data = text.encode()
        high = data.translate(None, _ASCII_TIDY)  # the non-ASCII bytes, and any ASCII control
        untidy = bool(high.translate(None, _HIGH)) or not high.decode().isprintable()
    if untidy:
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
        text = _ODD_SPACES.sub(" ", text)
        high = None if not text.isascii() else b""
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)  # spaces are ASCII: the non-ASCII bytes stay as they are
    if high or high is None:
        if not _is_nfc(text, high):
            return unicodedata.normalize("NFC", text), None
    return text, high


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None when a lone surrogate has no UTF-8 form."""
    try:
        return text.encode()
    except UnicodeEncodeError:
        return None


def _is_nfc(text: str, high: bytes | None) -> bool:
    """Whether ``text`` is NFC. ASCII characters are NFC and never reorder, and none composes
    with a following character except with a mark of U+0300-U+0338 (UTF-8 lead byte 0xCC;
    tests/test_clean_gates.py checks the Unicode data): without those marks, the non-ASCII
    characters (``high``) are NFC together exactly when the whole text is."""
    if high is not None and b"\xcc" not in high and b"\xcd" not in high:
        if unicodedata.is_normalized("NFC", high.decode()):
            return True
    return unicodedata.is_normalized("NFC", text)
