"""The cleaner against hand labels: every non-blank line of the four seeds and of 44
Multi-News val250 documents, labelled keep or drop by reading it (tests/data/clean_gold/).

The labels hold document keys, line numbers and line hashes, never the text: the texts are
read from ../shared at run time, and the tests skip when it is absent. Each label's hash is
checked first, so the labels stay keyed to the data they were made on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.clean import line_verdicts
from storyline.ingest import read_multinews_record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "data" / "clean_gold"
VAL250 = SHARED / "data" / "multinews-val250.jsonl"

Doc = tuple[str, str, list[dict]]


def _labels(name: str) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in (GOLD / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_doc.setdefault(row["doc"], []).append(row)
    return by_doc


def _seed_docs() -> list[Doc]:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED / 'seeds'} is absent: the seed texts are not in this repository")
    return [(key, (SHARED / key).read_text(encoding="utf-8"), rows) for key, rows in _labels("seeds").items()]


def _multinews_docs() -> list[Doc]:
    if not VAL250.exists():
        pytest.skip(f"{VAL250} is absent: the Multi-News texts are not in this repository")
    records = {}
    for line in VAL250.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["id"]] = record
    docs = []
    for key, rows in _labels("multinews").items():
        record_id, number = key.split("#")
        found = [d for d in read_multinews_record(records[record_id], record_id) if d.source.endswith(f"#doc{number}")]
        assert len(found) == 1, key
        docs.append((key, found[0].text, rows))
    return docs


def _lines(docs: list[Doc]) -> Iterator[tuple[str, dict, str | None]]:
    """(doc key, label row, the cleaner's reason or None) for every labelled line."""
    for key, text, rows in docs:
        verdicts = line_verdicts(text)
        for row in rows:
            yield key, row, verdicts.get(row["line"])


def _hash(line: str) -> str:
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:12]


def test_gold_covers_the_documents_it_claims() -> None:
    seeds, multinews = _labels("seeds"), _labels("multinews")
    assert len(seeds) == 4
    assert len(multinews) >= 40
    for by_doc in (seeds, multinews):
        for rows in by_doc.values():
            assert [row["line"] for row in rows] == sorted({row["line"] for row in rows})
            assert all(row["label"] in ("keep", "drop") for row in rows)


@pytest.mark.parametrize("source", ["seeds", "multinews"])
def test_labels_still_match_their_lines(source: str) -> None:
    docs = _seed_docs() if source == "seeds" else _multinews_docs()
    for key, text, rows in docs:
        lines = text.split("\n")
        labelled = {row["line"] for row in rows}
        # Every non-blank line is labelled, and every label's hash is its line's.
        assert labelled == {n for n, line in enumerate(lines, 1) if line.strip()}, key
        for row in rows:
            assert _hash(lines[row["line"] - 1]) == row["sha1"], f"{key} line {row['line']}"


def test_seeds_lose_no_content_and_keep_no_junk() -> None:
    wrong = [
        f"{key}:{row['line']} labelled {row['label']}, cleaner said {reason or 'keep'}"
        for key, row, reason in _lines(_seed_docs())
        if (reason is not None) != (row["label"] == "drop")
    ]
    assert wrong == []


def test_boilerplate_recall_and_content_loss_floors() -> None:
    docs = _seed_docs() + _multinews_docs()
    caught = junk = lost = content = 0
    for _key, row, reason in _lines(docs):
        if row["label"] == "drop":
            junk += 1
            caught += reason is not None
        else:
            content += 1
            lost += reason is not None
    assert caught / junk >= 0.95, f"boilerplate recall {caught}/{junk}"
    assert lost / content <= 0.01, f"content lost {lost}/{content}"
