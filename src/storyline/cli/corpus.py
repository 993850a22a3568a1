"""The corpus commands: a persistent library of articles grouped into stories and storylines.

``add``, ``stories``, ``story``, ``storylines``, ``search``, ``stats`` work on a library
(``--library PATH``, else ``$STORYLINE_LIBRARY``, else the per-user data directory);
``cluster`` is for evaluation: JSONL articles in, one story id per article out, through a
throwaway in-memory library and exactly the code path ``add`` uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from storyline.cli.common import (
    EPILOG, EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, budget_options, positive, warn, warn_problems, write_output,
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2019-05-27, got {text!r}") from None


def _open(args: argparse.Namespace) -> Any:
    """The library named by --library (else $STORYLINE_LIBRARY, else the per-user one)."""
    from storyline.store import open_store

    return open_store(args.library)


def _day(date: dt.date | None) -> int | None:
    from storyline.cluster.features import day_number

    return day_number(date)


def cmd_add(args: argparse.Namespace) -> int:
    from storyline.cluster.pipeline import Corpus
    from storyline.fetch import read_inputs

    result = read_inputs(args.paths, args.library)  # paths through ingest, http(s) URLs fetched
    warn_problems(result.problems)
    if not result.documents:
        warn("no readable article in " + ", ".join(args.paths))
        return EXIT_NO_INPUT
    with _open(args) as store:
        report = Corpus(store).add(result.documents)
        stats = store.stats()
    if not args.quiet:
        warn(f"read {report.read}: {report.added} new, {report.duplicates} duplicates, {report.near_duplicates} "
             f"near-duplicates, {report.already} already in the library, {report.empty} empty; library now "
             f"{stats.articles} articles, {stats.stories} stories, {stats.storylines} storylines")
    return EXIT_PARTIAL if result.problems or report.empty else EXIT_OK


def cmd_recluster(args: argparse.Namespace) -> int:
    from storyline.cluster.pipeline import Corpus

    with _open(args) as store:
        count = Corpus(store).recluster()
        stats = store.stats()
    warn(f"re-clustered {count} articles: {stats.stories} stories, {stats.storylines} storylines")
    return EXIT_OK


def _story_line(story: Any) -> str:
    dates = f"{story.first}..{story.last}" if story.first and story.last != story.first else str(story.first or "undated")
    line = f" [storyline {story.storyline}]" if story.storyline else ""
    return f"{story.id:>6}  {dates:<22} {story.size:>3} art.  {story.title}{line}"


def cmd_stories(args: argparse.Namespace) -> int:
    with _open(args) as store:
        stories = store.stories(_day(args.since), args.limit)
    if args.format == "json":
        print(json.dumps([{"id": s.id, "title": s.title, "articles": s.size, "first": str(s.first or ""),
                           "last": str(s.last or ""), "storyline": s.storyline} for s in stories]))
    else:
        for story in stories:
            print(_story_line(story))
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    from storyline.brief import brief_from_articles
    from storyline.extract.entities import prefetch
    from storyline.options import BriefOptions
    from storyline.render import render

    options = BriefOptions(words=args.words, sentences=args.sentences, summarizer=args.summarizer)
    prefetch()  # before the library is opened: the child must not inherit a live connection
    with _open(args) as store:
        if store.story(args.id) is None:
            warn(f"no story {args.id} in {store.path}")
            return EXIT_NO_INPUT
        articles = store.articles(store.story_article_ids(args.id))
        # Stored articles are already cleaned (HTML with its second pass): brief them as they are.
        brief = brief_from_articles(list(articles), options)
        markdown = render(brief, "md")
        with store.batch():  # briefs are searchable once made
            store.save_brief(args.id, brief.headline, " ".join(s.text for s in brief.summary), markdown)
    write_output(markdown if args.format == "md" else render(brief, args.format), args.output)
    return EXIT_OK


def cmd_storylines(args: argparse.Namespace) -> int:
    with _open(args) as store:
        lines = store.storylines()
    if args.format == "json":
        print(json.dumps([{"id": line.id, "title": line.title, "stories": [
            {"id": s.id, "title": s.title, "first": str(s.first or ""), "articles": s.size} for s in line.stories]}
            for line in lines]))
        return EXIT_OK
    for line in lines:
        print(f"storyline {line.id}: {line.title} ({len(line.stories)} stories)")
        for story in line.stories:
            print("  " + _story_line(story))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as store:
        hits = store.search(args.query, _day(args.since), _day(args.until), args.outlet, args.limit)
    if args.format == "json":
        print(json.dumps([{"kind": h.kind, "id": h.id, "story": h.story, "title": h.title, "outlet": h.outlet,
                           "published": str(h.published or ""), "snippet": h.snippet} for h in hits]))
    else:
        for h in hits:
            where = f"{h.outlet or ''} {h.published or ''}".strip()
            print(f"{h.kind} {h.id} (story {h.story}) {h.title} — {where}\n    {' '.join(h.snippet.split())}")
    return EXIT_OK if hits else EXIT_PARTIAL


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as store:
        stats = store.stats()
    if args.format == "json":
        print(json.dumps(stats.as_dict()))
    else:
        print(f"{stats.articles} articles ({stats.sources} sources), {stats.stories} stories, "
              f"{stats.storylines} storylines; schema {stats.schema}")
    return EXIT_OK


def cmd_cluster(args: argparse.Namespace) -> int:
    from storyline.cli.batch import open_output
    from storyline.cluster.evaluation import cluster_jsonl

    with open(args.input, encoding="utf-8", errors="replace") as lines, open_output(args.output) as out:
        count, problems = cluster_jsonl(lines, out)
    warn_problems(problems)
    if count == 0:
        return EXIT_NO_INPUT
    return EXIT_PARTIAL if problems else EXIT_OK


def _library(p: argparse.ArgumentParser) -> None:
    p.add_argument("--library", metavar="PATH", default=None,
                   help="library directory (default $STORYLINE_LIBRARY, else ~/.local/share/storyline)")


def register(sub: Any) -> None:
    p = sub.add_parser("add", help="add articles to a library (dedup, stories, storylines)", epilog=EPILOG)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or directories, JSONL, - for stdin, or http(s) URLs of pages or feeds")
    _library(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no totals on stderr")
    p.set_defaults(run=cmd_add)

    p = sub.add_parser("stories", help="list a library's stories, newest first", epilog=EPILOG)
    _library(p)
    p.add_argument("--since", type=_date, metavar="DATE", help="only stories with an article on or after DATE")
    p.add_argument("--limit", type=positive, default=None, help="at most this many")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_stories)

    p = sub.add_parser("story", help="the cited brief of one story", epilog=EPILOG)
    p.add_argument("id", type=int, metavar="ID", help="story id (see `storyline stories`)")
    _library(p)
    budget_options(p, 200)
    p.add_argument("--format", choices=("md", "json", "html"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_story)

    p = sub.add_parser("storylines", help="stories linked over time by subject", epilog=EPILOG)
    _library(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_storylines)

    p = sub.add_parser("search", help="full-text search over articles and briefs", epilog=EPILOG)
    p.add_argument("query", metavar="QUERY", help="words that must all appear")
    _library(p)
    p.add_argument("--since", type=_date, metavar="DATE", help="published on or after DATE")
    p.add_argument("--until", type=_date, metavar="DATE", help="published on or before DATE")
    p.add_argument("--outlet", metavar="NAME", help="only articles from this outlet")
    p.add_argument("--limit", type=positive, default=20, help="at most this many hits of each kind (default 20)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("stats", help="how many articles, stories and storylines a library holds", epilog=EPILOG)
    _library(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("recluster", epilog=EPILOG,
                       help="re-cluster a whole library at once (batch mode: better stories than add's single pass)")
    _library(p)
    p.set_defaults(run=cmd_recluster)

    p = sub.add_parser("cluster", help="assign JSONL articles to stories (evaluation, batch mode)", epilog=EPILOG,
                       description="Each input line {'id', 'text', optional 'title', 'published', 'source'}; "
                                   "each output line {'id', 'story'}. Clusters like add followed by recluster.")
    p.add_argument("--input", required=True, metavar="FILE", help="JSONL articles")
    p.add_argument("--output", required=True, metavar="FILE", help="JSONL of {'id', 'story'} ('-' for stdout)")
    p.set_defaults(run=cmd_cluster)
