"""What ingest hands back (``IngestResult``) and the size limits it reads under (``IngestLimits``).

Every input is untrusted, so every read is bounded. The defaults:

- ``max_file_bytes`` = 20 MB: one text or HTML file (after gunzipping), and one JSONL line.
- ``max_batch_bytes`` = 512 MB: one whole JSONL file (after gunzipping); it is streamed line by
  line, so memory is bounded by one line plus the documents it yields.
- ``max_text_chars`` = 2,000,000: the text of one document once decoded or extracted; a longer
  one is no news article and is skipped.
- ``max_files`` = 10,000: files taken from the directories of one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model import Problem, RawDocument

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class IngestLimits:
    """Upper bounds for one ``read_sources``/``read_bytes`` call (see the module docstring)."""

    max_file_bytes: int = 20 * MB
    max_batch_bytes: int = 512 * MB
    max_text_chars: int = 2_000_000
    max_files: int = 10_000


DEFAULT_LIMITS = IngestLimits()


@dataclass(frozen=True)
class IngestResult:
    """The documents read, in stable input order, and one ``Problem`` per skipped input."""

    documents: list[RawDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, other: IngestResult) -> None:
        """Append another result's documents and problems (the lists are ours to grow)."""
        self.documents.extend(other.documents)
        self.problems.extend(other.problems)


def skipped(source: str, reason: str) -> IngestResult:
    """A result holding only the problem ``reason`` for ``source``, phrased as a skip."""
    return IngestResult(problems=[Problem(source, f"{reason}, skipped")])


def size_text(n_bytes: int) -> str:
    """A byte count as people say it: ``20 MB``, ``512 KB``, ``100 bytes``."""
    if n_bytes >= MB:
        return f"{n_bytes / MB:g} MB"
    if n_bytes >= 1000:
        return f"{n_bytes / 1000:g} KB"
    return f"{n_bytes} bytes"
