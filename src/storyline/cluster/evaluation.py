"""``storyline cluster``: JSONL articles in, one story per article out, for evaluation.

Runs the library's own path (clean, dedup, incremental assignment) over a throwaway
in-memory library, in input order. Each line is ``{"id", "text", optional "title",
"published", "source"}``; each output line ``{"id", "story"}``. Duplicates get their
original's story; an article with no text left after cleaning is a story of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import IO

from storyline.cluster.params import PARAMS, ClusterParams
from storyline.cluster.pipeline import Corpus
from storyline.model import Problem, RawDocument
from storyline.store import open_store


def _published(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_items(lines: Iterable[str], name: str = "<input>") -> tuple[list[tuple[str, RawDocument]], list[Problem]]:
    items: list[tuple[str, RawDocument]] = []
    problems: list[Problem] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            ident, text = str(record["id"]), record["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(f"{name}:{n}", f"not an article record ({exc})"))
            continue
        outlet = record.get("source") if isinstance(record.get("source"), str) else None
        items.append((ident, RawDocument(source=f"{name}:{n}", text=text, title=record.get("title") or None,
                                         outlet=outlet, published=_published(record.get("published")),
                                         kind="jsonl")))
    return items, problems


def cluster_items(items: list[tuple[str, RawDocument]], params: ClusterParams = PARAMS) -> dict[str, int]:
    """id -> story id for every item (negative ids for items with no text)."""
    with open_store(":memory:") as store:
        report = Corpus(store, params).add([doc for _, doc in items], batch=1000, link=False)
        stories = store.article_stories([a for a in report.outcome if a])
    return {ident: stories[a] if a else -n for n, ((ident, _), a) in enumerate(zip(items, report.outcome), 1)}


def cluster_jsonl(lines: Iterable[str], out: IO[str], name: str = "<input>") -> tuple[int, list[Problem]]:
    items, problems = read_items(lines, name)
    for ident, story in cluster_items(items).items():
        out.write(json.dumps({"id": ident, "story": story}) + "\n")
    return len(items), problems
