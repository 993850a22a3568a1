"""One input stream to documents: gunzip, sniff, then read it as text, HTML or JSON lines.

This is the per-input pipeline behind ``read_bytes`` and each file of ``read_sources``. Every
way an input can fail ends here as a ``Problem`` for that input; nothing is raised.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from storyline.ingest.decode import bom_encoding, decode_bytes, is_mostly_text, utf16_without_bom
from storyline.ingest.html import read_html
from storyline.ingest.jsonl import is_pretty_json, read_json_document, read_json_lines
from storyline.ingest.outlet import guess_outlet
from storyline.ingest.result import DEFAULT_LIMITS, IngestLimits, IngestResult, size_text, skipped
from storyline.ingest.sniff import HEAD_BYTES, binary_reason, content_kind, kind_from_name, split_gz
from storyline.ingest.streams import TooLarge, iter_lines, open_head, read_rest
from storyline.model import RawDocument

# What a corrupt gzip stream raises while it is read (BadGzipFile is an OSError).
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


def read_bytes(data: bytes, source: str, *, limits: IngestLimits = DEFAULT_LIMITS) -> IngestResult:
    """Read one input held in memory; its kind is sniffed from ``source``'s name and the bytes."""
    return read_stream(io.BytesIO(data), source, limits=limits)


def read_stream(
    stream: BinaryIO, source: str, *, limits: IngestLimits = DEFAULT_LIMITS, name: str | None = None
) -> IngestResult:
    """Read one input stream; ``name`` (default ``source``) gives the extension hint."""
    try:
        return _read(stream, source, name if name is not None else source, limits)
    except _GZIP_ERRORS as exc:
        return skipped(source, f"corrupt gzip data ({exc})")
    except OSError as exc:
        return skipped(source, f"could not read ({exc.strerror or exc})")


def _read(stream: BinaryIO, source: str, name: str, limits: IngestLimits) -> IngestResult:
    stream, head, gunzipped = open_head(stream)
    inner_name, _ = split_gz(name)
    if len(head) < HEAD_BYTES and not head.strip():  # the whole input, and blank
        return skipped(source, "empty file" if not head else "empty file (only whitespace)")
    reason = binary_reason(head)
    if reason is not None:
        return skipped(source, f"binary file ({reason})")
    kind = content_kind(kind_from_name(inner_name), _sniff_text(head))
    if kind == "jsonl":
        return _read_json(stream, head, source, limits)
    try:
        data = read_rest(head, stream, limits.max_file_bytes)
    except TooLarge:
        verb = "expands past" if gunzipped else "is larger than"
        return skipped(source, f"file {verb} the {size_text(limits.max_file_bytes)} limit")
    if kind == "html":
        return read_html(data, source, limits)
    return read_text(data, source, limits)


def read_text(data: bytes, source: str, limits: IngestLimits) -> IngestResult:
    """A plain-text file as one document, its outlet guessed from the text or its name."""
    text = decode_bytes(data)
    if text is None:
        return skipped(source, "could not decode the text (no text encoding fits)")
    if not is_mostly_text(text):
        return skipped(source, "binary file (mostly non-text characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return skipped(source, "empty file (only whitespace)")
    if len(text) > limits.max_text_chars:
        return skipped(source, f"text is longer than {limits.max_text_chars:,} characters")
    outlet = guess_outlet(text, None, source)
    return IngestResult(
        documents=[RawDocument(source=source, text=text, outlet=outlet, kind="text")]
    )


def _read_json(stream: BinaryIO, head: bytes, source: str, limits: IngestLimits) -> IngestResult:
    """JSON lines, streamed under the batch limit; a pretty-printed JSON file read whole."""
    if is_pretty_json(_sniff_text(head)):
        try:
            data = read_rest(head, stream, limits.max_file_bytes)
        except TooLarge:
            return skipped(
                source, f"JSON file is larger than the {size_text(limits.max_file_bytes)} limit"
            )
        return read_json_document(data, source, limits)
    lines = iter_lines(
        head, stream, line_limit=limits.max_file_bytes, total_limit=limits.max_batch_bytes
    )
    return read_json_lines(lines, source, limits)


def _sniff_text(head: bytes) -> str:
    """The head decoded well enough to look for markup and braces (all ASCII signals)."""
    encoding = bom_encoding(head) or utf16_without_bom(head) or "utf-8"
    return head.decode(encoding, errors="replace")
