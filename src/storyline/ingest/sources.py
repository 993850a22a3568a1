"""Command-line sources to inputs: files, directories (walked), and ``-`` for stdin.

Directories are walked depth-first in sorted name order, so a run reads the same files in the
same order on every machine. Hidden files and directories are skipped, and so are special
files (a FIFO in a tree would block the walk). Symlinks inside a tree are followed only when
they stay inside it, and each real directory and file is visited once, so symlink cycles end.
A path named explicitly is read whatever it is: the user asked for it, and reads are bounded.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from storyline.ingest.read import read_stream
from storyline.ingest.result import DEFAULT_LIMITS, IngestLimits, IngestResult, size_text, skipped
from storyline.ingest.sniff import kind_from_name, split_gz
from storyline.model import Problem

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def read_sources(
    paths: Sequence[str], *, limits: IngestLimits = DEFAULT_LIMITS, stdin: BinaryIO | None = None
) -> IngestResult:
    """Read every path (file, directory or ``-``) into documents, in order; never raises.

    ``stdin`` is the stream ``-`` reads (default: the process's standard input); it is read once.
    """
    result = IngestResult()
    stdin_read = False
    for path in paths:
        if path == STDIN:
            result.extend(read_stdin(stdin, limits, already_read=stdin_read))
            stdin_read = True
        elif os.path.isdir(path):
            result.extend(read_directory(path, limits))
        else:
            result.extend(read_file(path, limits))
    return result


def read_stdin(stdin: BinaryIO | None, limits: IngestLimits, *, already_read: bool) -> IngestResult:
    """Standard input (or the given stream) as one input named ``<stdin>``."""
    if already_read:
        return skipped(STDIN_SOURCE, "standard input was already read")
    if stdin is None:
        if sys.stdin is None:  # e.g. started with stdin closed
            return skipped(STDIN_SOURCE, "there is no standard input")
        stdin = sys.stdin.buffer
    return read_stream(stdin, STDIN_SOURCE, limits=limits)


def read_directory(root: str, limits: IngestLimits) -> IngestResult:
    """Every file of a directory tree, in sorted order, up to ``limits.max_files`` files."""
    result = IngestResult()
    for count, file_path in enumerate(walk(root, result.problems)):
        if count == limits.max_files:
            result.problems.append(
                Problem(root, f"more than {limits.max_files:,} files, the rest skipped")
            )
            break
        result.extend(read_file(file_path, limits))
    return result


def read_file(path: str, limits: IngestLimits) -> IngestResult:
    """One file; its size is checked before it is opened, when the name says what it holds."""
    try:
        size = os.stat(path).st_size
        if size > _size_limit(path, limits):
            return skipped(
                path, f"file is larger than the {size_text(_size_limit(path, limits))} limit"
            )
        with open(path, "rb") as stream:
            return read_stream(stream, path, limits=limits)
    except FileNotFoundError:
        return skipped(path, "no such file or directory")
    except PermissionError:
        return skipped(path, "permission denied")
    except OSError as exc:
        return skipped(path, f"could not read ({exc.strerror or exc})")


def walk(root: str, problems: list[Problem]) -> Iterator[str]:
    """The regular files under ``root`` in sorted order; problems met on the way are appended."""
    real_root = os.path.realpath(root)
    seen: set[str] = {real_root}
    yield from _walk(root, real_root, seen, problems)


def _walk(directory: str, real_root: str, seen: set[str], problems: list[Problem]) -> Iterator[str]:
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as exc:
        problems.append(
            Problem(directory, f"could not list the directory ({exc.strerror or exc}), skipped")
        )
        return
    for name in names:
        path = os.path.join(directory, name)
        real = os.path.realpath(path)
        if real in seen:
            continue  # a symlink back into the tree (a cycle) or to a file read already
        if os.path.islink(path) and not _inside(real, real_root):
            problems.append(Problem(path, "symlink points outside the directory, skipped"))
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError:
            problems.append(Problem(path, "broken symlink or unreadable entry, skipped"))
            continue
        seen.add(real)
        if stat.S_ISDIR(mode):
            yield from _walk(path, real_root, seen, problems)
        elif stat.S_ISREG(mode):
            yield path


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _size_limit(path: str, limits: IngestLimits) -> int:
    """The most bytes a file may have on disk: JSON lines stream up to the batch limit."""
    inner, gzipped = split_gz(os.path.basename(path))
    if gzipped or kind_from_name(inner) in {None, "jsonl"}:
        return limits.max_batch_bytes  # may be JSON lines; the reader enforces the finer limits
    return limits.max_file_bytes
