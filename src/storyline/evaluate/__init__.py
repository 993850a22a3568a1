"""Evaluate: measure summaries (ROUGE against references) and, later, the other stages."""

from storyline.evaluate.rouge import RougeReport, score_files, score_pairs

__all__ = ["RougeReport", "score_files", "score_pairs"]
from storyline.evaluate.readability import Readability, readability  # noqa: E402

__all__ += ["Readability", "readability"]
