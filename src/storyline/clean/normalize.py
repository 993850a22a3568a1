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


def normalize(raw: str) -> str:
    """Return ``raw`` as NFC text with "\\n" line ends, no invisible characters and single spaces.

    Lines are not stripped here: re-flow reads leading spaces. Each step is skipped when the
    text has nothing for it to do, which keeps clean fast on already tidy input.
    """
    text = raw
    # isprintable() is a fast C scan that is False for every character handled below (all
    # are Unicode "other" or "separator"), so tidy text skips the regex passes entirely.
    # ASCII text can only hold the C0 controls and DEL: deleting every other byte is cheaper
    # still than a Unicode property lookup per character.
    if text.isascii():
        untidy = bool(text.encode("ascii").translate(None, _ASCII_TIDY))
    else:
        untidy = not text.replace("\n", " ").isprintable()
    if untidy:
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
        text = _ODD_SPACES.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
