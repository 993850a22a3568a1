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

# The module that registers each command. A run of one command builds only that module's
# parsers: building them all costs more than a short command's own work (a quarter of a
# cold ``storyline eval``). tests/test_cli.py checks this table against the full parser.
MODULE_OF = {
    "brief": "brief", "clean": "brief",
    "summarize-batch": "batch", "eval": "batch",
    "add": "corpus", "stories": "corpus", "story": "corpus", "storylines": "corpus", "search": "corpus",
    "stats": "corpus", "recluster": "corpus", "cluster": "corpus",
    "serve": "web", "feeds": "web",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, one that knows only that command's
    module (enough to parse a command line that starts with it)."""
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn raw news articles about one story into one cited brief.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in (MODULE_OF[command],) if command in MODULE_OF else COMMANDS:
        import_module(f"storyline.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
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
