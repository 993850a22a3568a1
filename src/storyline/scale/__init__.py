"""Scale: run the pipeline over many stories at once (in-process batch today; Ray later)."""

from storyline.scale.batch import BatchStats, summarize_jsonl

__all__ = ["BatchStats", "summarize_jsonl"]
