"""Summarizers by name: the default and the baselines share one signature.

A summarizer takes the cluster's sentence units (one list per article) and a ``Budget``,
and returns the units it picked. Citations and ordering are applied afterwards, the same
for every backend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from storyline.errors import UsageError
from storyline.summarize.baselines import summarize_lead, summarize_lexrank, summarize_textrank
from storyline.summarize.budget import Budget
from storyline.summarize.concepts import summarize_concepts
from storyline.summarize.units import Unit

Summarizer = Callable[[Sequence[Sequence[Unit]], Budget], list[Unit]]

SUMMARIZERS: dict[str, Summarizer] = {
    "storyline": summarize_concepts,
    "lead": summarize_lead,
    "lexrank": summarize_lexrank,
    "textrank": summarize_textrank,
}


def get_summarizer(name: str) -> Summarizer:
    """The summarizer registered as ``name``; a clear error lists the known names."""
    try:
        return SUMMARIZERS[name]
    except KeyError:
        known = ", ".join(sorted(SUMMARIZERS))
        raise UsageError(f"unknown summarizer {name!r} (known: {known})") from None
