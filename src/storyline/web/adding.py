"""Adding to the library from a request: pasted text, uploaded files and URLs become
``RawDocument``s (through ingest and fetch, exactly as the CLI reads them), then go through
the corpus pipeline under the library's write lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.ingest import IngestResult, read_bytes
from storyline.model import Problem, RawDocument
from storyline.web.library import Library
from storyline.web.settings import WebSettings


@dataclass(slots=True)
class AddOutcome:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    already: int = 0
    empty: int = 0
    problems: list[str] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)


def gather(texts: Sequence[tuple[str, str]], files: Sequence[tuple[str, bytes]], urls: Sequence[str],
           settings: WebSettings) -> IngestResult:
    """(source, text) pairs, (filename, bytes) uploads and URLs, read into one result."""
    result = IngestResult()
    for source, text in texts:
        if text.strip():
            result.extend(read_bytes(text.encode("utf-8", "replace"), source))  # "replace": a lone surrogate
    for name, data in files:
        result.extend(read_bytes(data, name or "upload"))
    wanted = [u.strip() for u in urls if u.strip()]
    if wanted:
        from storyline.fetch import read_urls
        from storyline.fetch.config import load_settings

        fetch = load_settings(settings.library, allow_private=settings.allow_private or None)
        result.extend(read_urls(wanted, fetch, state_dir=str(settings.library)))
    return result


def add(library: Library, result: IngestResult, extra: Sequence[RawDocument] = ()) -> AddOutcome:
    docs = [*result.documents, *extra]
    outcome = AddOutcome(problems=[str(p) for p in result.problems])
    if not docs:
        if not outcome.problems:
            outcome.problems.append(str(Problem("input", "nothing to add: give text, files or URLs")))
        return outcome
    report = library.add(docs)
    ids = [a for a in report.outcome if a]
    stories = library.store().article_stories(ids) if ids else {}
    outcome.read, outcome.added, outcome.duplicates = report.read, report.added, report.duplicates
    outcome.near_duplicates, outcome.already, outcome.empty = report.near_duplicates, report.already, report.empty
    outcome.stories = sorted(set(stories.values()), reverse=True)
    library.prewarm(outcome.stories)
    return outcome
