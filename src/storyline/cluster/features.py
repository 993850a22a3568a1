"""What clustering knows about one article, computed once: terms, signature, entities, day.

Dedup, story assignment and storylines all read these, so the text is tokenised once per
article (the same lowercase tokens feed the MinHash shingles and the TF-IDF terms).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import numpy as np

from storyline.cluster import dedup
from storyline.cluster.entities import entities
from storyline.cluster.vectors import content_buckets, count_terms, phrase_counts
from storyline.model import Article
from storyline.text.terms import words

EPOCH = dt.date(1970, 1, 1)


def day_number(date: dt.date | None) -> int | None:
    """Days since 1970-01-01: what the store indexes and time windows compare."""
    return None if date is None else (date - EPOCH).days


def day_date(day: int | None) -> dt.date | None:
    return None if day is None else EPOCH + dt.timedelta(days=day)


@dataclass(frozen=True, slots=True)
class Features:
    terms: Counter[int]  # hashed content-term counts (vectors.term_counts)
    signature: np.ndarray  # MinHash hash values (dedup.signature)
    entities: Counter[str]  # top entity strings with counts
    day: int | None  # publication day, None when undated
    day_inferred: bool = False  # the day was inferred from the text, not given by metadata
    phrases: Counter[int] | None = None  # hashed adjacent-term pair counts (batch mode only)


def featurize(article: Article, phrases: bool = False) -> Features:
    """``phrases``: also count adjacent content-term pairs (``vectors.phrase_counts``), which
    only batch mode uses; incremental assignment skips them to stay cheap."""
    tokens = words(article.clean_text)
    buckets = content_buckets(tokens)
    return Features(
        terms=count_terms(buckets, article.title),
        signature=dedup.signature(tokens),
        entities=entities(article.clean_text if not article.title else f"{article.title}\n{article.clean_text}"),
        day=day_number(article.published),
        day_inferred=getattr(article, "published_from", None) not in (None, "metadata"),
        phrases=phrase_counts(buckets) if phrases else None,
    )
