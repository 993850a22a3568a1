"""Adding documents to a library: clean, dedup, assign stories, link storylines.

``Corpus.add`` takes any ``RawDocument``s (what ``storyline.ingest`` reads) and works in
batches, each one transaction: an interrupted add loses only its batch in flight, and
re-adding finds the committed articles already there (same text and source: a no-op).
Document frequencies are updated with a whole batch before its articles are assigned, so
even the first batch of a new library gets meaningful IDF.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from storyline.brief.articles import to_article
from storyline.cluster import batch, dedup, vectors
from storyline.cluster.features import Features, featurize
from storyline.cluster.params import PARAMS, ClusterParams
from storyline.cluster.stories import StoryIndex, StoryState
from storyline.cluster.storylines import link_storylines
from storyline.cluster.titles import article_title
from storyline.model import Article, RawDocument
from storyline.store.base import Store

BATCH = 500
PARALLEL_FROM = 200  # batches at least this big are cleaned and featurized in worker processes
_POOL: list[tuple[int, ProcessPoolExecutor]] = []  # (pid that made it, pool)


def prepare_one(doc: RawDocument, infer_dates: bool = True) -> tuple[Article, Features | None]:
    article = to_article(doc)
    if article.published is None and infer_dates:
        article = _dated(article)
    return article, featurize(article) if article.clean_text.strip() else None


def _dated(article: Article) -> Article:
    """The article with a publication date inferred from its text where metadata had none
    (a dateline, a dated URL): time windows and storylines need dates, and scraped text
    often has them only in the prose."""
    try:
        from storyline.extract import date_articles
    except ImportError:  # the extract stage is optional to corpus mode
        return article
    return date_articles([article])[0]


def _prepare(docs: list[RawDocument], infer_dates: bool) -> Iterable[tuple[Article, Features | None]]:
    """Clean and featurize a batch: pure per-document work, so with more than one core it
    runs in a process pool (the store and the story index stay in this process). The pool
    starts at once and is read lazily, so the next batch is prepared while this one is stored."""
    workers = min(os.cpu_count() or 1, 4)
    # Inside a worker process (of ours, or of a caller's pool) stay serial: pools in forked
    # children deadlock, and the caller already uses the cores.
    if workers < 2 or len(docs) < PARALLEL_FROM or multiprocessing.parent_process() is not None:
        return [prepare_one(d, infer_dates) for d in docs]
    if not _POOL or _POOL[0][0] != os.getpid():
        _POOL[:] = [(os.getpid(), ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                      initializer=_exit_with_parent, initargs=(os.getpid(),)))]
    return _POOL[0][1].map(prepare_one, docs, [infer_dates] * len(docs), chunksize=16)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: leave as soon as the parent is gone (a ``kill -9`` of ``add``
    must not leave workers behind)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


@dataclass(slots=True)
class AddReport:
    read: int = 0
    added: int = 0  # new articles
    duplicates: int = 0  # exact copies of a stored article from a new source
    near_duplicates: int = 0  # near-copies, kept as one article with both sources
    already: int = 0  # this very text from this very source was there: nothing to do
    empty: int = 0  # no article text left after cleaning
    outcome: list[str | None] = field(default_factory=list)  # per document: its stored article id


def _as_read(article: Article) -> Article:
    """The article with only the date its metadata gave: an inferred date lives on in the
    story's days (``articles.day``), while the brief infers and explains it again."""
    if getattr(article, "published_from", None) in (None, "metadata"):
        return article
    return dataclasses.replace(article, published=None, published_from=None)  # type: ignore[call-arg]


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Corpus:
    """A library being added to: the store plus the clustering state read from it.

    If an add raises, its batch is rolled back but this object's in-memory state is not:
    open a new ``Corpus`` on the store to go on (the CLI exits instead)."""

    def __init__(self, store: Store, params: ClusterParams = PARAMS) -> None:
        self.store = store
        self.params = params
        docs = int((store.get_meta("df_docs") or b"0").decode())
        self.df = vectors.DocFreq.from_bytes(store.get_meta("df"), docs)
        self.index = StoryIndex(store, params)

    def add(self, docs: Iterable[RawDocument], batch: int = BATCH, link: bool = True,
            progress: Callable[[int], None] | None = None) -> AddReport:
        report = AddReport()
        chunks = _chunks(docs, batch)
        infer = self.params.infer_dates
        ahead = _prepare(first, infer) if (first := next(chunks, None)) else None
        while ahead is not None:
            current = ahead
            ahead = _prepare(following, infer) if (following := next(chunks, None)) else None
            self._add_batch(list(current), report)
            if progress:
                progress(report.read)
        if link:
            with self.store.batch():
                link_storylines(self.store, self.params)
        return report

    def add_prepared(self, prepared: Iterable[tuple[Article, Features | None]], batch: int = BATCH) -> AddReport:
        """``add`` of documents already cleaned and featurized (``prepare_one``): lets a tuning
        grid clean a data set once and cluster it many times. Storylines are not linked."""
        report = AddReport()
        it = iter(prepared)
        while chunk := list(islice(it, batch)):
            self._add_batch(chunk, report)
        return report

    def _add_batch(self, prepared: list[tuple[Article, Features | None]], report: AddReport) -> None:
        with self.store.batch():
            fresh: list[tuple[Article, Features, list[int]]] = []
            pending: dict[int, tuple[str, object]] = {}  # band key -> article of this batch
            batch_ids: set[str] = set()
            for article, features in prepared:
                report.read += 1
                report.outcome.append(self._dedup(article, features, fresh, batch_ids, pending, report))
            self.index.prepare(f.day for _, f, _ in fresh)
            for _, features, _ in fresh:
                self.df.add(features.terms)
            for article, features, keys in fresh:
                vec = vectors.tfidf(features.terms, self.df)
                story = self.index.assign(vec, features.entities, features.day, article_title(article),
                                          features.day_inferred)
                self.store.insert_article(article, features.day, story, dedup.to_bytes(features.signature), keys)
            days = [f.day for _, f, _ in fresh if f.day is not None]
            # Keep in memory only the weeks a later, similar-dated batch can still join.
            self.index.flush(keep_after_day=min(days) - 4 * self.params.window_days if days else None)
            self.store.set_meta("df", self.df.to_bytes())
            self.store.set_meta("df_docs", str(self.df.docs).encode())

    def recluster(self, link: bool = True) -> int:
        """Batch mode: forget every story and storyline and cluster the whole library again
        at once (``cluster.batch``: average link over nearest neighbours, which incremental
        assignment cannot afford), with IDF from the whole library. Returns the number of
        articles."""
        p = self.params
        with self.store.batch():
            self.store.clear_stories()
            self.df = vectors.DocFreq()
            # Clustering reads terms and term pairs (``batch_phrases``) with their own document
            # frequencies; the stories saved, and the IDF kept for later adds, are of terms only,
            # as incremental assignment compares terms only.
            pair_df = vectors.DocFreq() if p.batch_phrases else self.df
            # One featurizing pass: counts kept as compact arrays until the IDF is complete.
            ids, counts, both, ents, days, sizes, titles = [], [], [], [], [], [], []
            for article in self.store.iter_articles():
                f = featurize(article, phrases=p.batch_phrases)
                self.df.add(f.terms)
                ids.append(article.id)
                counts.append(vectors.count_arrays(f.terms))
                if f.phrases is not None:
                    terms_and_pairs = f.terms + f.phrases
                    pair_df.add(terms_and_pairs)
                    both.append(vectors.count_arrays(terms_and_pairs))
                ents.append(f.entities)
                days.append(None if f.day_inferred else f.day)  # only metadata dates gate
                sizes.append(sum(f.terms.values()))
                titles.append(article_title(article))
            cluster_vecs = [vectors.weigh(keys, tf, pair_df, p.batch_min_df) for keys, tf in (both or counts)]
            del both
            labels = batch.cluster(cluster_vecs, days, sizes, p)
            del cluster_vecs
            vecs = [vectors.weigh(keys, tf, self.df) for keys, tf in counts]
            del counts
            self._save_batch_stories(ids, vecs, ents, days, titles, labels)
            self.index = StoryIndex(self.store, self.params)
            self.store.set_meta("df", self.df.to_bytes())
            self.store.set_meta("df_docs", str(self.df.docs).encode())
            if link:
                link_storylines(self.store, self.params)
        return len(ids)

    def _save_batch_stories(self, ids: list[str], vecs: list[tuple[np.ndarray, np.ndarray]],
                            ents: list[Counter[str]], days: list[int | None], titles: list[str],
                            labels: list[int]) -> None:
        """Stories for ``batch.cluster``'s labels, each saved as soon as its last article is
        in (articles come oldest first), so memory holds only the stories still open."""
        left = Counter(labels)
        open_: dict[int, StoryState] = {}
        pairs: list[tuple[str, int]] = []
        for aid, (keys, weights), e, day, title, label in zip(ids, vecs, ents, days, titles, labels):
            state = open_.get(label)
            if state is None:
                state = open_[label] = StoryState(self.store.new_story_id(), {}, Counter(), 0, day, day, title, -1.0)
            state.absorb(dict(zip(keys.tolist(), weights.tolist())), e, day, title)
            pairs.append((aid, state.id))
            left[label] -= 1
            if not left[label]:
                self.store.save_stories([open_.pop(label).to_row()])
        self.store.set_article_stories(pairs)

    def _dedup(self, article: Article, features: Features | None, fresh: list[tuple[Article, Features, list[int]]],
               batch_ids: set[str], pending: dict[int, tuple[str, object]], report: AddReport) -> str | None:
        """The stored (or to-be-stored) article id this one is; queues it in ``fresh`` if new."""
        if features is None:
            report.empty += 1
            return None
        article = _as_read(article)
        published = article.published.isoformat() if article.published else None
        canonical = article.id if article.id in batch_ids else self.store.canonical(article.id)
        if canonical is not None:
            if self.store.add_source(canonical, article.id, article.source, article.outlet, article.url, published):
                report.duplicates += 1
            else:
                report.already += 1
            return canonical
        keys = dedup.band_keys(features.signature)
        near = self._near_duplicate(features, keys, pending)
        if near is not None:
            self.store.add_source(near, article.id, article.source, article.outlet, article.url, published)
            report.near_duplicates += 1
            return near
        fresh.append((article, features, keys))
        batch_ids.add(article.id)
        for k in keys:
            pending[k] = (article.id, features.signature)
        report.added += 1
        return article.id

    def _near_duplicate(self, features: Features, keys: list[int], pending: dict[int, tuple[str, object]]) -> str | None:
        candidates = self.store.band_candidates(keys)
        candidates += [(aid, sig) for k in keys if (hit := pending.get(k)) for aid, sig in [hit]]
        for aid, sig in candidates:
            other = sig if not isinstance(sig, bytes) else dedup.from_bytes(sig)
            if dedup.similarity(features.signature, other) >= dedup.THRESHOLD:  # type: ignore[arg-type]
                return aid
        return None
