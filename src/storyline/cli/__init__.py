"""The ``storyline`` command line: thin wrappers over the stages, with honest exit codes.

Each module here registers one group of commands; ``COMMANDS`` lists them in help order.
Exit codes: 0 everything worked; 1 the job finished but some inputs were skipped (each
reported on stderr, one line); 2 the command was misused; 3 nothing usable was read.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from storyline import __version__
from storyline.cli.common import EPILOG, EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, warn
from storyline.errors import StorylineError

__all__ = ["EXIT_NO_INPUT", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "build_parser", "main"]

# Modules under storyline.cli with a ``register(subparsers)`` function, in help order.
COMMANDS = ("brief", "batch", "corpus", "web")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn raw news articles about one story into one cited brief.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"storyline.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except StorylineError as exc:
        warn(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        warn("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
