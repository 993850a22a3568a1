"""The ingest stage: sources (files, directories, stdin, bytes) to ``RawDocument``s.

It reads plain text (any encoding), HTML pages (article text and metadata via trafilatura),
JSON lines of articles or Multi-News records, each optionally gzipped. Inputs are untrusted:
every read is bounded by ``IngestLimits`` and every input that cannot be read becomes one
``Problem`` in the result instead of an exception, so one bad file never sinks a batch.

    result = read_sources(["articles/", "extra.html", "-"])
    result.documents   # list[RawDocument], in input order
    result.problems    # list[Problem], one per skipped input or JSON line
"""

from __future__ import annotations

from storyline.ingest.jsonl import read_multinews_record
from storyline.ingest.outlet import guess_outlet
from storyline.ingest.read import read_bytes
from storyline.ingest.result import IngestLimits, IngestResult
from storyline.ingest.sources import read_sources

__all__ = [
    "IngestLimits",
    "IngestResult",
    "guess_outlet",
    "read_bytes",
    "read_multinews_record",
    "read_sources",
]
