"""Snapshot everything ``clean_text`` decides, to prove a speed change changed nothing.

``python bench/clean_snapshot.py OUT.jsonl`` writes one JSON line per (document, variant):
the clean text, the title, every dropped line with its reason (what ``--explain`` shows)
and the line verdicts used against the hand labels. Compare two snapshots with ``cmp``.

Documents: the val250 documents and aeb-dev pages from ../shared (when present), the seeds,
and the repository's own fixtures (tests/data, examples/). Variants: as the pipeline calls
it, as extractor output (``extracted=True``), with the first line given as the title, on its
own output (idempotence), and hard-wrapped at 72 columns (the re-flow path).
"""

from __future__ import annotations

import gzip
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def _documents() -> Iterator[tuple[str, str, str | None, bool]]:
    """(key, text, title, extracted) for every input document, as the pipeline reads it."""
    from storyline.ingest import read_bytes, read_multinews_record

    val250 = SHARED / "data" / "multinews-val250.jsonl"
    if val250.exists():
        for line in val250.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                for doc in read_multinews_record(record, record["id"]):
                    yield doc.source, doc.text, doc.title, False
    files = sorted((SHARED / "seeds").glob("*")) + sorted((ROOT / "examples").rglob("*"))
    files += sorted((ROOT / "tests" / "data" / "ingest").rglob("*"))
    for path in files:
        if path.is_file() and path.suffix in (".txt", ".html", ".md", ".jsonl", ".json"):
            for doc in read_bytes(path.read_bytes(), str(path.relative_to(ROOT.parent))).documents:
                yield doc.source, doc.text, doc.title, doc.kind == "html"
    for path in sorted((SHARED / "data" / "aeb-dev" / "html").glob("*.html.gz")):
        for doc in read_bytes(gzip.decompress(path.read_bytes()), path.name[: -len(".gz")]).documents:
            yield doc.source, doc.text, doc.title, True


def _wrapped(text: str) -> str:
    return "\n\n".join(textwrap.fill(block, 72) for block in text.split("\n") if block.strip())


def _record(key: str, variant: str, text: str, title: str | None, extracted: bool) -> dict:
    from storyline.clean import clean_text, line_verdicts

    result = clean_text(text, title=title, extracted=extracted)
    return {
        "key": key, "variant": variant, "text": result.text, "title": result.title,
        "dropped": [[d.line_no, d.text, d.reason] for d in result.dropped],
        "verdicts": sorted(line_verdicts(text, title=title, extracted=extracted).items()),
    }


def snapshot(out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for key, text, title, extracted in _documents():
            first = next((line.strip() for line in text.split("\n") if line.strip()), None)
            cleaned = _record(key, "pipeline", text, title, extracted)
            rows = [
                cleaned,
                _record(key, "extracted", text, None, not extracted),
                _record(key, "first-line title", text, first, False),
                _record(key, "again", cleaned["text"], None, False),
                _record(key, "wrapped", _wrapped(text), None, False),
            ]
            for row in rows:
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += len(rows)
    return count


if __name__ == "__main__":
    print(snapshot(Path(sys.argv[1])), "records")
