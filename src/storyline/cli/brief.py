"""``storyline brief`` and ``storyline clean``: one story's articles to a brief or clean text."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from storyline.cli.common import (
    EPILOG, EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, budget_options, warn, warn_problems, write_output,
)


def cmd_brief(args: argparse.Namespace) -> int:
    from storyline.extract.entities import prefetch

    prefetch()  # spaCy loads in a child while this process reads, cleans and summarizes
    from storyline.brief import build_brief
    from storyline.ingest import read_sources
    from storyline.options import BriefOptions
    from storyline.render import render

    options = BriefOptions(words=args.words, sentences=args.sentences, summarizer=args.summarizer,
                           focus=args.focus, since=args.since)
    options.budget  # validate before the slow part
    result = read_sources(args.paths)
    warn_problems(result.problems)
    if not result.documents:
        warn("no readable article in " + ", ".join(args.paths))
        return EXIT_NO_INPUT
    brief = build_brief(result.documents, options, result.problems)
    write_output(render(brief, args.format), args.output)
    warn_problems(brief.problems[len(result.problems):])
    return EXIT_PARTIAL if brief.problems else EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    import sys

    from storyline.clean import clean_text
    from storyline.ingest import read_sources

    result = read_sources([args.path])
    warn_problems(result.problems)
    if not result.documents:
        return EXIT_NO_INPUT
    for doc in result.documents:
        # An HTML page's text comes out of trafilatura already cut into the article's blocks:
        # the cleaner then runs as a second pass that drops only on lexical evidence.
        cleaned = clean_text(doc.text, title=doc.title, extracted=doc.kind == "html")
        if len(result.documents) > 1:
            print(f"==> {doc.source} <==")
        print(cleaned.text)
        if args.explain:
            for line in cleaned.dropped:
                print(f"dropped line {line.line_no} ({line.reason}): {line.text}", file=sys.stderr)
    return EXIT_PARTIAL if result.problems else EXIT_OK


def iso_date(text: str) -> dt.date:
    """argparse type: a calendar date, YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2019-06-28, got {text!r}") from None


def register(sub: Any) -> None:
    from storyline.options import HELP

    p = sub.add_parser("brief", help="make a cited brief from articles", epilog=EPILOG,
                       description="Read articles (files, directories, JSONL, HTML, '-' for stdin) and write a cited brief.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories, or - for stdin")
    budget_options(p, 200)
    p.add_argument("--focus", metavar="TEXT", help=HELP["focus"])
    p.add_argument("--since", metavar="DATE", type=iso_date, help=HELP["since"])
    p.add_argument("--format", choices=("md", "json", "html"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_brief)

    p = sub.add_parser("clean", help="print an article's clean text", epilog=EPILOG)
    p.add_argument("path", metavar="PATH", help="an article file, or - for stdin")
    p.add_argument("--explain", action="store_true", help="list every dropped line and why, on stderr")
    p.set_defaults(run=cmd_clean)
