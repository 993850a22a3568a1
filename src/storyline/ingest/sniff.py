"""Deciding what an input is: gzip, binary, HTML, JSON lines or plain text.

The file name is a hint, the content decides: an HTML page saved as ``.txt`` is still read as
HTML, and ``-`` (stdin) or a name without extension is judged by its first bytes alone.
"""

from __future__ import annotations

import re

from storyline.ingest.decode import bom_encoding, utf16_without_bom

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 65536  # how much of an input is read before deciding what it is

_NAME_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
# Formats with a signature, named so the reason tells the user what they passed in.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|ol|table|tr|td|script|style|meta|link|h[1-6]|article|section"
    r"|header|footer|nav|title)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_JSON_START = re.compile(r'\A\s*\{\s*(?:"|\})')


def split_gz(name: str) -> tuple[str, bool]:
    """The name without a ``.gz`` suffix, and whether it had one."""
    if name.lower().endswith(".gz"):
        return name[:-3], True
    return name, False


def kind_from_name(name: str) -> str | None:
    """``text``, ``html`` or ``jsonl`` from the file extension, or None when it says nothing."""
    dot = name.rfind(".")
    if dot <= max(name.rfind("/"), name.rfind("\\")) + 1:
        return None  # no extension, or a dotfile name
    return _NAME_KINDS.get(name[dot:].lower())


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` is binary (``NUL bytes``, ``PDF document``...), or None when it may be text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head and bom_encoding(head) is None and utf16_without_bom(head) is None:
        return "NUL bytes"
    return None


def looks_like_html(head: str, *, strong_only: bool = False) -> bool:
    """Whether the start of a text is HTML markup.

    A leading doctype or ``<html>``/``<head>``/``<body>`` is proof; with ``strong_only`` False,
    several common tags anywhere in the head are enough. Angle-bracketed links such as
    ``<https://...>`` in scraped text are no tags.
    """
    if _HTML_START.match(head[:4096]):
        return True
    if strong_only:
        return False
    return len(_HTML_TAG.findall(head, 0, HEAD_BYTES)) >= 5


def looks_like_json_lines(head: str) -> bool:
    """Whether the text starts like a JSON object (``{"...``), as JSON lines do."""
    return _JSON_START.match(head) is not None


def content_kind(name_kind: str | None, head: str) -> str:
    """The kind to read an input as, from its name's kind and the start of its decoded text."""
    if name_kind in {"html", "jsonl"}:
        return name_kind
    if name_kind == "text":
        return "html" if looks_like_html(head, strong_only=True) else "text"
    if looks_like_json_lines(head):
        return "jsonl"
    return "html" if looks_like_html(head) else "text"
