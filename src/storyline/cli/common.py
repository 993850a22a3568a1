"""What every command shares: exit codes, warnings on stderr, option types, output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.model import Problem

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NO_INPUT = 0, 1, 2, 3

EPILOG = """exit codes: 0 ok; 1 finished, but some inputs were skipped (listed on stderr);
2 usage error; 3 no usable input"""


def positive(text: str) -> int:
    """argparse type: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def warn(message: str) -> None:
    """One line on stderr, prefixed so it is clear which program said it."""
    print(f"storyline: {message}", file=sys.stderr)


def warn_problems(problems: Iterable[Problem]) -> None:
    """A line each; a problem says what became of its input ("x: empty file, skipped")."""
    for problem in problems:
        warn(str(problem))


def write_output(text: str, output: str | None) -> None:
    """Write to a file, or to stdout for None or ``-``."""
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def budget_options(p: argparse.ArgumentParser, words: int) -> None:
    """--words/--sentences/--summarizer, with the help lines of ``BriefOptions``."""
    from storyline.options import HELP

    p.add_argument("--words", type=positive, default=words, help=HELP["words"] + f" (default {words})")
    p.add_argument("--sentences", type=positive, default=None, help=HELP["sentences"])
    p.add_argument("--summarizer", default="storyline", help=HELP["summarizer"])
