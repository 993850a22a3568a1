"""Story clustering: dedup, incremental assignment, time windows, storylines, metrics."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from corpus_fixtures import EVENTS, article_text, event_docs

from storyline.cluster import dedup
from storyline.cluster.evaluation import cluster_items
from storyline.cluster.metrics import bcubed
from storyline.cluster.pipeline import Corpus
from storyline.model import RawDocument
from storyline.store import open_store
from storyline.text.terms import words


def test_events_become_one_story_each_in_any_order() -> None:
    docs = [(f"{e}/{i}", d) for e in EVENTS for i, d in enumerate(event_docs(e, 4, seed=1))]
    random.Random(3).shuffle(docs)
    stories = cluster_items(docs)
    truth = {ident: ident.split("/")[0] for ident, _ in docs}
    scores = bcubed(stories, truth)
    assert scores.f1 == 1.0 and scores.predicted_clusters == len(EVENTS)


def test_exact_and_near_duplicates_are_one_article_with_all_sources() -> None:
    original = event_docs("storm", 1, seed=2)[0]
    words_ = original.text.split()
    near = " ".join(words_[:-3] + ["tonight", "again", "too"])  # an updated version
    docs = [original, RawDocument("mirror.txt", original.text, outlet="Mirror"), RawDocument("update.txt", near)]
    with open_store(":memory:") as store:
        report = Corpus(store).add(docs)
        assert (report.added, report.duplicates, report.near_duplicates) == (1, 1, 1)
        assert len(set(report.outcome)) == 1
        stats = store.stats()
        assert (stats.articles, stats.sources) == (1, 3)
        again = Corpus(store).add(docs)  # the same inputs again: nothing new
        assert (again.added, again.already, store.stats().sources) == (0, 3, 3)


def test_minhash_similarity_tracks_overlap() -> None:
    rng = random.Random(5)
    a = article_text("vaccine", rng, 20)
    b = article_text("vaccine", rng, 20)
    same = dedup.signature(words(a))
    assert dedup.similarity(same, dedup.signature(words(a + " one more word"))) >= dedup.THRESHOLD
    assert dedup.similarity(same, dedup.signature(words(b))) < 0.3
    assert len(dedup.band_keys(same)) == dedup.bands()[0]


def test_same_subject_months_apart_is_two_stories_in_one_storyline() -> None:
    first = event_docs("election", 3, seed=1, day=dt.date(2020, 3, 1))
    later = event_docs("election", 3, seed=2, day=dt.date(2020, 9, 1), outlet_prefix="Post")
    other = event_docs("bridge", 3, seed=1, day=dt.date(2020, 3, 2))
    with open_store(":memory:") as store:
        Corpus(store).add(first + other)
        Corpus(store).add(later)  # a later add, with a new Corpus: state comes from the store
        stories = store.stories()
        assert len(stories) == 3
        lines = store.storylines()
        assert len(lines) == 1 and len(lines[0].stories) == 2
        assert {s.first for s in lines[0].stories} == {dt.date(2020, 3, 1), dt.date(2020, 9, 1)}
        assert "Rosa Lindqvist" in lines[0].title or "Eastvale" in lines[0].title or "Pellham" in lines[0].title


def test_incremental_adds_join_existing_stories() -> None:
    day = dt.date(2021, 5, 4)
    with open_store(":memory:") as store:
        Corpus(store).add(event_docs("vaccine", 2, seed=1, day=day))
        Corpus(store).add(event_docs("vaccine", 2, seed=9, day=day + dt.timedelta(days=1)))
        assert [s.size for s in store.stories()] == [4]


def test_bcubed_known_values() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": 1, "b": 1, "c": 2}, gold).f1 == 1.0
    lumped = bcubed({"a": 0, "b": 0, "c": 0}, gold)
    assert abs(lumped.precision - 5 / 9) < 1e-9 and lumped.recall == 1.0
    split = bcubed({"a": 1, "b": 2, "c": 3}, gold)
    assert split.precision == 1.0 and abs(split.recall - 2 / 3) < 1e-9


def test_recluster_rebuilds_the_same_grouping() -> None:
    docs = [d for e in ("bridge", "storm") for d in event_docs(e, 3, seed=6, day=dt.date(2022, 2, 2))]
    with open_store(":memory:") as store:
        Corpus(store).add(docs)
        before = sorted(s.size for s in store.stories())
        assert Corpus(store).recluster() == 6
        assert sorted(s.size for s in store.stories()) == before == [3, 3]
        assert all(isinstance(s, int) for s in store.article_stories([a.id for a in store.iter_articles()]).values())


def test_a_date_inferred_from_the_text_does_not_split_a_story() -> None:
    """An inferred date is often an earlier event the article mentions: it must not gate
    the time window, while a metadata date a year off still starts a new story."""
    from storyline.cluster.stories import StoryIndex
    from storyline.cluster.vectors import DocFreq, term_counts, tfidf

    rng = random.Random(4)
    texts = [article_text("storm", rng, 10) for _ in range(3)]
    df = DocFreq()
    counts = [term_counts(words(t)) for t in texts]
    for c in counts:
        df.add(c)
    vecs = [tfidf(c, df) for c in counts]
    with open_store(":memory:") as store:
        index = StoryIndex(store)
        day = 18_000
        first = index.assign(vecs[0], Counter(), day, "a")
        assert index.assign(vecs[1], Counter(), day - 365, "b", loose=True) == first  # inferred: joins
        assert index.assign(vecs[2], Counter(), day + 365, "c") != first  # metadata: too far


def test_batch_links_mutual_neighbours_and_leaves_scraps_alone() -> None:
    """Batch mode: each event's articles end up together and a few-word scrap that shares
    words with one of them stays a story of its own (too little text to place)."""
    from storyline.cluster import batch
    from storyline.cluster.params import PARAMS
    from storyline.cluster.vectors import DocFreq, term_counts, tfidf_arrays

    rng = random.Random(8)
    texts = [(e, article_text(e, rng, 6)) for e in ("bridge", "storm", "vaccine") for _ in range(3)]
    texts.append(("scrap", "Cyclone Orla storm winds."))
    counts = [term_counts(words(t)) for _, t in texts]
    df = DocFreq()
    for c in counts:
        df.add(c)
    labels = batch.cluster([tfidf_arrays(c, df) for c in counts], [None] * len(texts),
                           [sum(c.values()) for c in counts], PARAMS)
    truth = {str(n): e for n, (e, _) in enumerate(texts)}
    assert bcubed({str(n): lab for n, lab in enumerate(labels)}, truth).f1 == 1.0


def test_batch_respects_the_time_window_of_metadata_dates() -> None:
    from storyline.cluster import batch
    from storyline.cluster.params import PARAMS
    from storyline.cluster.vectors import DocFreq, term_counts, tfidf_arrays

    rng = random.Random(9)
    counts = [term_counts(words(article_text("storm", rng, 8))) for _ in range(4)]
    df = DocFreq()
    for c in counts:
        df.add(c)
    vecs = [tfidf_arrays(c, df) for c in counts]
    sizes = [sum(c.values()) for c in counts]
    labels = batch.cluster(vecs, [18_000, 18_001, 18_400, 18_401], sizes, PARAMS)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert len(set(batch.cluster(vecs, [None] * 4, sizes, PARAMS))) == 1  # undated: one story


def test_phrase_counts_are_ordered_adjacent_content_term_pairs() -> None:
    from storyline.cluster.vectors import content_buckets, phrase_counts

    zoo = content_buckets(words("Monkeys at the Colchester Zoo cover their eyes"))
    assert sum(phrase_counts(zoo).values()) == len(zoo) - 1  # stopwords dropped before pairing
    shared = phrase_counts(content_buckets(words("a visit to Colchester Zoo")))
    assert len(shared) == 2 and len(set(shared) & set(phrase_counts(zoo))) == 1  # "colchester zoo" only
    assert not set(shared) & set(phrase_counts(content_buckets(words("zoo Colchester"))))  # order matters
    assert phrase_counts(content_buckets(words("Zoo"))) == Counter()


def test_weigh_drops_terms_only_one_document_has() -> None:
    import numpy as np

    from storyline.cluster.vectors import DocFreq, count_arrays, term_counts, weigh

    counts = [term_counts(words(t)) for t in ("storm floods river town", "storm floods coast", "budget vote")]
    df = DocFreq()
    for c in counts:
        df.add(c)
    keys, weights = weigh(*count_arrays(counts[0]), df, min_df=2)
    assert len(keys) == 2 and abs(float(weights @ weights) - 1.0) < 1e-9  # storm, flood; still unit length
    assert len(weigh(*count_arrays(counts[2]), df, min_df=2)[0]) == 0
    assert np.array_equal(weigh(*count_arrays(counts[0]), df)[0], count_arrays(counts[0])[0])  # default keeps all


def test_recluster_saves_term_only_stories_and_idf() -> None:
    """Batch mode clusters on terms and term pairs, but what it leaves for later incremental
    adds (story centroids, document frequencies) must be of terms only, as those compare."""
    from storyline.cluster.features import featurize
    from storyline.cluster.vectors import DocFreq, unpack

    docs = [d for e in ("bridge", "storm") for d in event_docs(e, 3, seed=6, day=dt.date(2022, 2, 2))]
    with open_store(":memory:") as store:
        Corpus(store).add(docs)
        corpus = Corpus(store)
        corpus.recluster()
        articles = list(store.iter_articles())
        plain = [featurize(a) for a in articles]
        with_pairs = [featurize(a, phrases=True) for a in articles]
        assert [f.terms for f in plain] == [f.terms for f in with_pairs] and plain[0].phrases is None
        df = DocFreq()
        for f in plain:
            df.add(f.terms)
        assert (corpus.df.counts == df.counts).all() and corpus.df.docs == len(articles)
        terms = set().union(*(f.terms for f in plain))
        rows = store.load_stories(None, None) + store.load_stories(0, 10**6)
        assert rows and all(set(unpack(r.centroid)) <= terms for r in rows)
        assert sorted(s.size for s in store.stories()) == [3, 3]


def test_storyline_titles_restore_capitals() -> None:
    from collections import Counter

    from storyline.cluster.titles import storyline_title

    profiles = [Counter({"shinzo abe": 3, "u.s": 2, "trump": 2}), Counter({"u.s": 1, "trump": 4, "abe": 2})]
    title = storyline_title(profiles)
    assert set(title.split(" – ")) == {"Shinzo Abe", "U.S", "Trump"}


def test_batch_cluster_with_no_neighbours_keeps_each_article_alone() -> None:
    # A library of only short articles has no pair to score: each is its own story (this
    # used to fail inside the pair scoring).
    import numpy as np

    from storyline.cluster import batch
    from storyline.cluster.params import PARAMS

    empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
    assert batch.cluster([empty, empty, empty], [None, None, None], [0, 0, 0], PARAMS) == [0, 1, 2]
