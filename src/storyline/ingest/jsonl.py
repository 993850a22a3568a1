"""JSON lines: article records and Multi-News records, one object per line.

An article record has ``text`` (or ``html``, extracted like a page) and optionally ``title``,
``url``, ``outlet`` (or ``source``), ``published`` (or ``date``), ``author``, ``language``.
A Multi-News record has ``documents`` (a list) or ``document`` (one string, documents
separated by ``|||||``); each document becomes its own RawDocument, sourced
``file.jsonl:LINE#docN`` (both 1-based). A bad line is that line's problem only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from storyline.ingest.decode import decode_bytes, json_loads
from storyline.ingest.fields import clean_field, parse_date
from storyline.ingest.html import html_document
from storyline.ingest.outlet import guess_outlet
from storyline.ingest.result import DEFAULT_LIMITS, IngestLimits, IngestResult, size_text, skipped
from storyline.ingest.sniff import looks_like_html
from storyline.ingest.streams import TooLarge
from storyline.model import Problem, RawDocument

MULTINEWS_SEPARATOR = "|||||"
# Multi-News joins paragraphs with " \n \n " (sometimes repeated); any such run is one break.
# The run is spaces and tabs, a newline, then spaces, tabs and newlines with one more newline
# among them. The pattern starts at the newline, so the regex engine jumps from newline to
# newline instead of trying every position; the spaces before the run are cut after.
_MULTINEWS_BREAK = re.compile(r"\n[ \t]*\n[ \t\n]*")

Found = tuple[list[RawDocument], list[Problem]]


def read_json_lines(
    lines: Iterable[bytes | None], source: str, limits: IngestLimits
) -> IngestResult:
    """Read every line (None: an over-long one) into documents and per-line problems.

    When ``lines`` raises ``TooLarge`` (the file passed the batch limit), the lines read so far
    are kept and the rest of the file becomes one problem.
    """
    result = IngestResult()
    try:
        _read_lines(lines, source, limits, result)
    except TooLarge:
        limit = size_text(limits.max_batch_bytes)
        result.problems.append(
            Problem(source, f"file is larger than the {limit} limit, the rest skipped")
        )
    return result


def _read_lines(
    lines: Iterable[bytes | None], source: str, limits: IngestLimits, result: IngestResult
) -> None:
    for number, line in enumerate(lines, 1):
        line_source = f"{source}:{number}"
        if line is None:
            result.problems.append(
                Problem(
                    line_source, f"line is longer than {limits.max_file_bytes:,} bytes, skipped"
                )
            )
            continue
        record = _parse_line(line, first=number == 1)
        if record is None:
            continue  # blank line
        if isinstance(record, str):
            result.problems.append(Problem(line_source, f"{record}, skipped"))
            continue
        documents, problems = record_documents(record, line_source, limits)
        result.documents.extend(documents)
        result.problems.extend(problems)


def record_documents(record: dict[str, object], source: str, limits: IngestLimits) -> Found:
    """The documents of one JSON record of either kind, and problems with its parts."""
    if "documents" in record or "document" in record:
        return multinews_documents(record, source, limits)
    document = article_document(record, source, limits)
    if isinstance(document, Problem):
        return [], [document]
    return [document], []


def read_multinews_record(record: dict[str, object], source: str, *, outlets: bool = True) -> list[RawDocument]:
    """The documents of one Multi-News record (``documents`` list or ``|||||`` string).

    ``source`` names the record (``val.jsonl:12``); each document is ``source#docN``. Empty or
    over-long documents are left out, so the list is empty when the record holds none.
    ``outlets=False`` skips guessing the outlet of plain-text documents (they are named
    "Document N"), for callers that never show it.
    """
    documents, _problems = multinews_documents(record, source, DEFAULT_LIMITS, outlets=outlets)
    return documents


def multinews_documents(record: dict[str, object], source: str, limits: IngestLimits, *,
                        outlets: bool = True) -> Found:
    """Each document of a Multi-News record as a RawDocument, with problems for unusable ones."""
    parts = _multinews_parts(record)
    if parts is None:
        return [], [Problem(source, '"documents" is neither a list nor a string, skipped')]
    documents: list[RawDocument] = []
    problems: list[Problem] = []
    for number, part in enumerate(parts, 1):
        doc_source = f"{source}#doc{number}"
        if isinstance(part, dict):  # a list of article records is read like article lines
            found = article_document(part, doc_source, limits)
        elif isinstance(part, str):
            found = _multinews_text(part, doc_source, number, limits, outlets)
        else:
            found = Problem(doc_source, "document is not text, skipped")
        if isinstance(found, Problem):
            problems.append(found)
        else:
            documents.append(found)
    if not parts:
        problems.append(Problem(source, "record has no documents, skipped"))
    return documents, problems


def article_document(
    record: dict[str, object], source: str, limits: IngestLimits
) -> RawDocument | Problem:
    """One article record as a RawDocument (its ``html`` extracted), or the reason it cannot be."""
    url = clean_field(record.get("url"))
    text, markup = record.get("text"), record.get("html")
    if isinstance(text, str) and looks_like_html(text, strong_only=True):
        markup, text = text, None  # "text" that is a whole page: text is never markup
    if isinstance(text, str) and text.strip():
        base = RawDocument(source=source, text=_normalize_newlines(text), url=url, kind="jsonl")
    elif isinstance(markup, str) and markup.strip():
        found = html_document(markup, source, limits, url=url, kind="jsonl")
        if isinstance(found, Problem):
            return found
        base = found
    else:
        return Problem(
            source, 'JSON record has no text (no "text", "html" or "documents" field), skipped'
        )
    if len(base.text) > limits.max_text_chars:
        return Problem(source, f"text is longer than {limits.max_text_chars:,} characters, skipped")
    return _with_record_fields(base, record)


def _with_record_fields(base: RawDocument, record: dict[str, object]) -> RawDocument:
    """``base`` with the record's own metadata, which wins over what extraction found."""
    url = clean_field(record.get("url")) or base.url
    sitename = clean_field(record.get("outlet")) or clean_field(record.get("source"))
    return RawDocument(
        source=base.source,
        text=base.text,
        title=clean_field(record.get("title")) or base.title,
        url=url,
        outlet=sitename or base.outlet or guess_outlet(base.text, url, base.source),
        published=parse_date(record.get("published"))
        or parse_date(record.get("date"))
        or base.published,
        author=clean_field(record.get("author")) or base.author,
        language=clean_field(record.get("language")) or base.language,
        kind="jsonl",
    )


def _multinews_parts(record: dict[str, object]) -> list[object] | None:
    value = record.get("documents", record.get("document"))
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        # A trailing separator is common in the original data and is no empty document.
        parts: list[object] = []
        parts.extend(value.rstrip().removesuffix(MULTINEWS_SEPARATOR).split(MULTINEWS_SEPARATOR))
        return parts
    return None


def _multinews_text(
    text: str, source: str, number: int, limits: IngestLimits, outlets: bool = True
) -> RawDocument | Problem:
    text = _paragraph_breaks(_normalize_newlines(text)).strip()
    if not text:
        return Problem(source, "empty document, skipped")
    if len(text) > limits.max_text_chars:
        return Problem(source, f"text is longer than {limits.max_text_chars:,} characters, skipped")
    fallback = f"Document {number}"
    outlet = guess_outlet(text, None, source, fallback=fallback) if outlets else fallback
    return RawDocument(source=source, text=text, outlet=outlet, kind="multinews")


def _parse_line(line: bytes, *, first: bool) -> dict[str, object] | str | None:
    """The line's JSON object; None for a blank line; else a short reason."""
    if first:
        line = line.removeprefix(b"\xef\xbb\xbf")
    if not line.strip():
        return None
    text = decode_bytes(line)
    if text is None:
        return "could not decode the line"
    try:
        value = json_loads(text)
    except json.JSONDecodeError as exc:
        return f"bad JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:  # "[[[[..." thousands deep: hostile or broken, not a record
        return "bad JSON (nested too deeply)"
    if not isinstance(value, dict):
        return f"JSON line is a {type(value).__name__}, not an object"
    return value


def _paragraph_breaks(text: str) -> str:
    """Each run of blank lines, with the spaces and tabs around it, as one "\\n\\n"."""
    paragraphs = _MULTINEWS_BREAK.sub("\n\n", text).split("\n\n")
    # Every "\n\n" left is a replaced run (one in the text was part of a run): cut the
    # spaces and tabs that ended the paragraph before it.
    last = paragraphs.pop()
    paragraphs = [p.rstrip(" \t") for p in paragraphs]
    paragraphs.append(last)
    return "\n\n".join(paragraphs)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_pretty_json(head: str) -> bool:
    """Whether a JSON text is laid out over lines (``{`` or ``[`` alone first), not JSON lines."""
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    return first in {"{", "["} or first.startswith("[")


def read_json_document(data: bytes, source: str, limits: IngestLimits) -> IngestResult:
    """A whole JSON file holding one record or a list of them (records sourced ``file:N``)."""
    text = decode_bytes(data.removeprefix(b"\xef\xbb\xbf"))
    if text is None:
        return skipped(source, "could not decode the JSON (no text encoding fits)")
    try:
        value = json_loads(text)
    except json.JSONDecodeError as exc:
        return skipped(source, f"bad JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return skipped(source, "bad JSON (nested too deeply)")
    if isinstance(value, dict):
        return _records_result([(source, value)], limits)
    if isinstance(value, list):
        return _records_result([(f"{source}:{i}", item) for i, item in enumerate(value, 1)], limits)
    return skipped(source, f"JSON holds a {type(value).__name__}, not records")


def _records_result(records: list[tuple[str, object]], limits: IngestLimits) -> IngestResult:
    result = IngestResult()
    for record_source, record in records:
        if not isinstance(record, dict):
            result.problems.append(Problem(record_source, "JSON record is not an object, skipped"))
            continue
        documents, problems = record_documents(record, record_source, limits)
        result.documents.extend(documents)
        result.problems.extend(problems)
    return result
