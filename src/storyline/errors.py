"""Errors storyline reports to users: always one line, naming the input and the reason."""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: the message is shown to the user as is."""


class InputError(StorylineError):
    """An input could not be read; ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(StorylineError):
    """The command was called with options that cannot work together."""
