"""The ``text`` stage: splitting cleaned article text into sentences."""

from storyline.text.sentences import sentences_of, split_sentences

__all__ = ["sentences_of", "split_sentences"]
