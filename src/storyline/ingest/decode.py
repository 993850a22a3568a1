"""Bytes to text: byte-order marks, UTF-8, a declared charset, then charset-normalizer.

The order is chosen for news text. Valid UTF-8 is taken as UTF-8 (a legacy 8-bit file is
almost never valid UTF-8 by accident), and costs no detection. Among legacy encodings
Windows-1252 (which also covers Latin-1 files) is by far the most common, and charset-normalizer
misreads short Western text (it picks cp1250 or cp775 for a paragraph with curly quotes), so
cp1252 is taken whenever its reading looks like Western text; only other bytes go to
charset-normalizer, imported lazily since UTF-8 inputs never need it.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Non-ASCII characters that Western news text plausibly holds when read as cp1252.
_WESTERN_PUNCT = set("\u00a0¡¢£¥§©«®°±´µ¶·»¿€‚„…†‡•‘’“”–—™ˆ‹›")
# JSON may escape half of a surrogate pair on its own ("\\ud800"): json decodes it to a lone
# surrogate, which has no UTF-8 form, so every later encode (SQLite, output) would fail.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DETECT_SAMPLE = 1_000_000  # charset-normalizer reads this much; the choice holds for the rest


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs fill every other byte, as in mostly-ASCII UTF-16."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode ``data`` to text, or None when no encoding fits.

    ``declared`` is a charset the document names itself (an HTML ``<meta charset>``); it is
    tried after UTF-8, because pages often declare a charset they do not use.
    """
    bom = bom_encoding(data)
    if bom is not None:
        return _try(data, bom)
    wide = utf16_without_bom(data)  # first: ASCII in UTF-16 is valid UTF-8, NULs and all
    if wide is not None:
        return _try(data, wide)
    text = _try(data, "utf-8")
    if text is not None:
        return text
    declared = _codec_for(declared)
    if declared is not None:
        text = _try(data, declared)
        if text is not None:
            return text
    text = _try(data, "cp1252")
    if text is not None and looks_western(text):
        return text
    return _detect(data)


def looks_western(text: str) -> bool:
    """Whether text read as cp1252 looks like a Western language rather than mojibake.

    Cyrillic or Greek read as cp1252 turns into words made only of accented letters, and
    Central European text brings in odd signs (superscripts, currency), so both fail here.
    """
    letters = accented = 0
    for char in text[:_DETECT_SAMPLE]:  # a sample judges the whole, and keeps this loop short
        if char.isascii():
            letters += char.isalpha()
            continue
        if char.isalpha() and "\u00c0" <= char <= "\u017f" and char not in "×÷":
            letters += 1
            accented += 1
        elif char not in _WESTERN_PUNCT:
            return False
    return letters > 0 and accented <= 0.3 * letters


def is_mostly_text(text: str, max_bad_ratio: float = 0.05) -> bool:
    """Whether ``text`` is text: few control characters and replacement marks in its first 64K."""
    sample = text[:65536]
    if not sample:
        return True
    bad = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    )
    return bad <= max_bad_ratio * len(sample)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _codec_for(declared: str | None) -> str | None:
    """The codec for a declared charset; Latin-1 and ASCII mean cp1252, as browsers read them."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return "cp1252" if name in {"iso8859-1", "ascii"} else name


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only legacy-encoded inputs need it

    best = from_bytes(data[:_DETECT_SAMPLE]).best()
    if best is None or best.encoding is None:
        return None
    if len(data) <= _DETECT_SAMPLE:
        return str(best)
    # The guess came from a sample; a stray byte further on should not lose the whole file.
    return data.decode(best.encoding, errors="replace")


def json_loads(text: str) -> object:
    """``json.loads``, with lone surrogates in its strings replaced by U+FFFD (see above).

    The walk runs only when the text escapes a surrogate at all, which valid pairs (emoji
    written as two escapes) also do, so those are checked and left whole.
    """
    value = json.loads(text)
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        value = _without_surrogates(value)
    return value


def _without_surrogates(value: object) -> object:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value
