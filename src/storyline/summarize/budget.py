"""How long a summary may be: a word budget, a sentence budget, or both."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.errors import UsageError


@dataclass(frozen=True, slots=True)
class Budget:
    """Limits a summary must respect. ``None`` means no limit of that kind.

    Summaries never cut a sentence: a sentence that would overrun ``words`` is skipped and a
    shorter one that fits may take its place.
    """

    words: int | None = 200
    sentences: int | None = None
    # Let the last sentence run past ``words`` (evaluation then cuts it): the classic protocol
    # for baselines. storyline's own summaries never do this.
    overflow: bool = False

    def __post_init__(self) -> None:
        if self.words is None and self.sentences is None:
            raise UsageError("a summary needs a word or sentence budget")
        for name, value in (("words", self.words), ("sentences", self.sentences)):
            if value is not None and value < 1:
                raise UsageError(f"--{name} must be at least 1, got {value}")

    def fits(self, used_words: int, used_sentences: int, n_words: int) -> bool:
        """Whether a sentence of ``n_words`` still fits after what is already used."""
        if self.sentences is not None and used_sentences >= self.sentences:
            return False
        if self.words is None:
            return True
        return used_words < self.words if self.overflow else used_words + n_words <= self.words

    def full(self, used_words: int, used_sentences: int) -> bool:
        """Whether nothing more can be added (no sentence is shorter than one word)."""
        return not self.fits(used_words, used_sentences, 1)
