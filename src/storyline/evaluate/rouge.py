"""ROUGE-1/2/L F1 with Google's rouge-score (stemming on), predictions cut to a word budget.

This is the protocol the Multi-News literature reports, so numbers compare with published
ones. Gold and predictions are matched by ``id``; a gold id without a prediction scores 0
and is counted as missing, so a summarizer cannot look better by skipping hard clusters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError

METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class RougeReport:
    """Mean F1 (x100) per metric over all gold ids, and how many had no prediction."""

    rouge1: float
    rouge2: float
    rougeL: float
    scored: int
    missing: int

    def as_dict(self) -> dict[str, float | int]:
        return {"rouge1": self.rouge1, "rouge2": self.rouge2, "rougeL": self.rougeL,
                "scored": self.scored, "missing": self.missing}


def cut(text: str, words: int | None) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return text if words is None else " ".join(text.split()[:words])


def score_pairs(pairs: Iterable[tuple[str, str | None]], words: int | None = 250) -> RougeReport:
    """Score (reference, prediction) pairs; a ``None`` prediction counts as missing."""
    from rouge_score import rouge_scorer  # imports nltk: only pay for it when scoring

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = dict.fromkeys(METRICS, 0.0)
    n = missing = 0
    for reference, prediction in pairs:
        n += 1
        if prediction is None:
            missing += 1
            continue
        scores = scorer.score(reference, cut(prediction, words))
        for m in METRICS:
            totals[m] += scores[m].fmeasure
    mean = {m: round(100 * totals[m] / n, 2) if n else 0.0 for m in METRICS}
    return RougeReport(mean["rouge1"], mean["rouge2"], mean["rougeL"], n - missing, missing)


def _read_jsonl(path: Path, field: str) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    out: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            out[str(record["id"])] = str(record[field])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not a JSON object with 'id' and '{field}' ({exc})") from None
    return out


def score_files(gold: Path, pred: Path, words: int | None = 250) -> RougeReport:
    """Score a predictions JSONL (``id``, ``summary``) against a gold JSONL (``id``, ``summary``)."""
    references = _read_jsonl(gold, "summary")
    predictions = _read_jsonl(pred, "summary")
    return score_pairs(((ref, predictions.get(i)) for i, ref in references.items()), words)
