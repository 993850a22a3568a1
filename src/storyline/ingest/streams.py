"""Bounded reading of one input stream: the sniffing head, gunzipping, whole reads and lines.

Nothing here reads past a limit: a gzip stream is only decompressed as far as the limit plus
one byte, so a decompression bomb costs no more memory than an honest file at the limit, and
JSON lines are cut off (not buffered) once a line grows past its limit.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import BinaryIO, cast

from storyline.ingest.sniff import GZIP_MAGIC, HEAD_BYTES

_CHUNK = 1 << 20


class TooLarge(Exception):
    """A stream went past its byte limit (internal: callers turn it into a Problem)."""


class _Replay(io.RawIOBase):
    """A stream that yields already-read ``head`` bytes again, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read until ``size`` bytes or the end, even from streams that return short reads."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        data = stream.read(min(remaining, _CHUNK))
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


def open_head(stream: BinaryIO) -> tuple[BinaryIO, bytes, bool]:
    """The stream to read on, its first bytes, and whether it was gzip (then gunzipped).

    gzip is recognised by its magic number, not the name: stdin may be compressed too.
    """
    head = read_up_to(stream, HEAD_BYTES)
    if not head.startswith(GZIP_MAGIC):
        return stream, head, False
    gzip_file = gzip.GzipFile(fileobj=io.BufferedReader(_Replay(head, stream)), mode="rb")
    unzipped = cast(BinaryIO, gzip_file)  # a GzipFile is a binary file; typeshed says otherwise
    return unzipped, read_up_to(unzipped, HEAD_BYTES), True


def read_rest(head: bytes, stream: BinaryIO, limit: int) -> bytes:
    """``head`` plus the rest of ``stream``; raises ``TooLarge`` past ``limit`` bytes in all."""
    if len(head) > limit:
        raise TooLarge
    rest = read_up_to(stream, limit - len(head) + 1)
    if len(head) + len(rest) > limit:
        raise TooLarge
    return head + rest


def iter_lines(
    head: bytes, stream: BinaryIO, *, line_limit: int, total_limit: int
) -> Iterator[bytes | None]:
    """The lines of ``head`` + ``stream`` without their ends; None stands for an over-long line.

    Raises ``TooLarge`` before the line that would take the bytes read past ``total_limit``
    (lines already yielded stay good). An over-long line is dropped as it streams by, never
    buffered whole.
    """
    pending = bytearray()
    line_bytes = 0  # bytes of the current line so far, dropped ones included
    used = 0  # bytes of the lines already yielded
    chunk = head
    while chunk:
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            line_bytes += end + 1 - start
            used += line_bytes
            if used > total_limit:
                raise TooLarge
            yield None if line_bytes - 1 > line_limit else bytes(pending) + chunk[start:end]
            pending.clear()
            line_bytes = 0
            start = end + 1
        line_bytes += len(chunk) - start
        if used + line_bytes > total_limit:
            raise TooLarge
        if line_bytes <= line_limit:
            pending += chunk[start:]
        else:
            pending.clear()  # over-long: keep counting, stop keeping
        chunk = stream.read(_CHUNK)
    if line_bytes:
        yield None if line_bytes > line_limit else bytes(pending)
