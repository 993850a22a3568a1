"""One options object for making a brief, with a default and a help line per setting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from storyline.summarize import Budget

# The help line of each setting; tests check every field has one, and the CLI shows them.
HELP: dict[str, str] = {
    "words": "word budget of the summary (sentences are never cut)",
    "sentences": "at most this many summary sentences",
    "summarizer": "summarizer backend: storyline (default), lead, lexrank, textrank",
    "focus": "summarize only what bears on this topic or question (storyline summarizer)",
    "since": "update summary: what articles published after this date (YYYY-MM-DD) add",
}


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """How to make a brief. Build it once, pass it down; stages read what they need."""

    words: int | None = 200
    sentences: int | None = None
    summarizer: str = "storyline"
    focus: str | None = None
    since: dt.date | None = None

    @property
    def budget(self) -> Budget:
        return Budget(words=self.words, sentences=self.sentences)


def documented_settings() -> list[str]:
    """Names of the settings that have a help line (all of them, tests make sure)."""
    return [f.name for f in fields(BriefOptions) if f.name in HELP]
