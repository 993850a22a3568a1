"""Reference summarizers to measure against: Lead, and sumy's LexRank and TextRank.

They share storyline's sentences and budget, so a benchmark compares selection alone.
sumy is an optional (dev) dependency, imported only when one of its methods is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyline.errors import UsageError
from storyline.summarize.budget import Budget
from storyline.summarize.units import Unit


def summarize_lead(docs: Sequence[Sequence[Unit]], budget: Budget) -> list[Unit]:
    """The first sentence of each article in turn, then the second, ... until the budget."""
    chosen: list[Unit] = []
    used = 0
    depth = 0
    while any(depth < len(doc) for doc in docs):
        for doc in docs:
            if depth >= len(doc):
                continue
            unit = doc[depth]
            if not budget.fits(used, len(chosen), unit.n_words):
                return chosen
            chosen.append(unit)
            used += unit.n_words
        depth += 1
    return chosen


class _Tokenizer:
    """sumy's tokenizer interface over storyline's tokens (sumy's own needs nltk data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        from storyline.text.terms import words

        return tuple(words(sentence))


def _sumy(method: str) -> Any:
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError(f"the {method} summarizer needs sumy: pip install 'storyline[dev]'") from exc
    cls = LexRankSummarizer if method == "lexrank" else TextRankSummarizer
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer, ObjectDocumentModel, Paragraph, Sentence


def _ranked_by_sumy(method: str, docs: Sequence[Sequence[Unit]], budget: Budget) -> list[Unit]:
    summarizer, Document, Paragraph, Sentence = _sumy(method)
    tokenizer = _Tokenizer()
    units = [u for doc in docs for u in doc if u.n_words > 0]
    if not units:
        return []
    paragraphs = [
        Paragraph([Sentence(u.sentence.text, tokenizer) for u in doc if u.n_words > 0])
        for doc in docs
        if any(u.n_words > 0 for u in doc)
    ]
    ranked: list[Any] = []

    def keep_ranking(infos: list[Any]) -> list[Any]:
        # sumy hands its count callback the sentences sorted best first; keep that order.
        ranked.extend(infos)
        return infos

    summarizer(Document(paragraphs), keep_ranking)
    chosen: list[Unit] = []
    used = 0
    for info in ranked:
        unit = units[info.order]
        if not budget.fits(used, len(chosen), unit.n_words):
            continue
        chosen.append(unit)
        used += unit.n_words
    return chosen


def summarize_lexrank(docs: Sequence[Sequence[Unit]], budget: Budget) -> list[Unit]:
    """sumy's LexRank over the same sentences."""
    return _ranked_by_sumy("lexrank", docs, budget)


def summarize_textrank(docs: Sequence[Sequence[Unit]], budget: Budget) -> list[Unit]:
    """sumy's TextRank over the same sentences."""
    return _ranked_by_sumy("textrank", docs, budget)
