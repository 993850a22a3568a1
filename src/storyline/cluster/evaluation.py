"""``storyline cluster``: JSONL articles in, one story per article out, for evaluation.

Runs the library's own path (clean, dedup, incremental assignment, then the batch
re-cluster of ``storyline recluster``) over a throwaway in-memory library, in input order.
Each line is ``{"id", "text", optional "title", "published", "source"}``; each output line
``{"id", "story"}``. Duplicates get their
original's story; an article with no text left after cleaning is a story of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import IO

from storyline.cluster.features import Features
from storyline.cluster.params import PARAMS, ClusterParams
from storyline.cluster.pipeline import Corpus
from storyline.model import Article, Problem, RawDocument
from storyline.store import open_store

BATCH = 1000


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


def cluster_items(items: list[tuple[str, RawDocument]], params: ClusterParams = PARAMS,
                  batch: bool = True) -> dict[str, int]:
    """id -> story id for every item (negative ids for items with no text). ``batch``:
    re-cluster the whole set at once (``Corpus.recluster``) after the incremental add."""
    with open_store(":memory:") as store:
        corpus = Corpus(store, params)
        report = corpus.add([doc for _, doc in items], batch=BATCH, link=False)
        if batch:
            corpus.recluster(link=False)
        stories = store.article_stories([a for a in report.outcome if a])
    return _story_of(items, report.outcome, stories)


def cluster_prepared(items: list[tuple[str, tuple[Article, Features | None]]],
                     params: ClusterParams = PARAMS, batch: bool = True) -> dict[str, int]:
    """``cluster_items`` of documents already cleaned and featurized (``pipeline.prepare_one``
    with ``params.infer_dates``): the same result, without cleaning again."""
    with open_store(":memory:") as store:
        corpus = Corpus(store, params)
        report = corpus.add_prepared([p for _, p in items], batch=BATCH)
        if batch:
            corpus.recluster(link=False)
        stories = store.article_stories([a for a in report.outcome if a])
    return _story_of(items, report.outcome, stories)


def _story_of(items: list[tuple[str, object]], outcome: list[str | None], stories: dict[str, int]) -> dict[str, int]:
    return {ident: stories[a] if a else -n for n, ((ident, _), a) in enumerate(zip(items, outcome), 1)}


def cluster_jsonl(lines: Iterable[str], out: IO[str], name: str = "<input>") -> tuple[int, list[Problem]]:
    items, problems = read_items(lines, name)
    for ident, story in cluster_items(items).items():
        out.write(json.dumps({"id": ident, "story": story}) + "\n")
    return len(items), problems
