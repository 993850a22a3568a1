"""The web and live-source commands: ``serve`` (the local web app) and ``feeds add|update|
list|remove``. ``storyline add URL`` goes through ``storyline.fetch.read_urls``."""

from __future__ import annotations

import argparse
import re
from typing import Any

from storyline.cli.common import EPILOG, EXIT_OK, EXIT_PARTIAL, warn, warn_problems

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")


def duration(text: str) -> float:
    """argparse type: ``90``, ``30s``, ``15m``, ``2h``, ``1d`` -> seconds."""
    match = _DURATION.match(text.strip())
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"expected a duration like 15m, 30s or 2h, got {text!r}")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def _library(args: argparse.Namespace) -> str:
    from storyline.store import default_library

    return str(args.library or default_library())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from storyline.web import WebSettings, create_app

    loopback = args.host in ("127.0.0.1", "localhost", "::1") or args.host.startswith("127.")
    settings = WebSettings(library=_library(args), allow_private=args.allow_private, update_every=args.update_every,
                           allowed_hosts=("127.0.0.1", "localhost", "::1", args.host) if loopback else None)
    warn(f"serving {settings.library} on http://{args.host}:{args.port}/")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def cmd_feeds_add(args: argparse.Namespace) -> int:
    from storyline.fetch.state import FetchState

    state = FetchState(_library(args))
    for url in args.urls:
        if not url.lower().startswith(("http://", "https://")):
            warn(f"{url}: not an http(s) URL, skipped")
            continue
        print(("subscribed " if state.add_feed(url) else "already subscribed ") + url)
    state.close()
    return EXIT_OK


def cmd_feeds_remove(args: argparse.Namespace) -> int:
    from storyline.fetch.state import FetchState

    state = FetchState(_library(args))
    gone = [u for u in args.urls if state.remove_feed(u)]
    state.close()
    for url in gone:
        print("removed " + url)
    return EXIT_OK if len(gone) == len(args.urls) else EXIT_PARTIAL


def cmd_feeds_list(args: argparse.Namespace) -> int:
    from storyline.fetch.state import FetchState

    state = FetchState(_library(args))
    for f in state.feeds():
        print(f"{f.url}  {f.title or ''}  items {f.items}, checked {f.checked or 'never'} ({f.status or '-'})")
    state.close()
    return EXIT_OK


def cmd_feeds_update(args: argparse.Namespace) -> int:
    from storyline.cluster.pipeline import Corpus
    from storyline.fetch import update_feeds
    from storyline.fetch.config import load_settings
    from storyline.store import open_store

    library = _library(args)
    settings = load_settings(library, allow_private=args.allow_private or None)
    with open_store(library) as store:
        report = update_feeds(library, settings, lambda docs: Corpus(store).add(docs).added, args.urls or None)
    warn_problems(report.problems)
    warn(f"{report.feeds} feeds: {report.not_modified} not modified, {report.items} items, {report.new} new, "
         f"{report.added} new articles")
    return EXIT_PARTIAL if report.problems else EXIT_OK


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--library", metavar="PATH", default=None,
                   help="library directory (default $STORYLINE_LIBRARY, else ~/.local/share/storyline)")


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="the local web app over a library", epilog=EPILOG)
    _common(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--update-every", type=duration, metavar="DURATION", default=None,
                   help="refresh subscribed feeds in the background this often (e.g. 15m)")
    p.add_argument("--allow-private", action="store_true",
                   help="let URLs and feeds reach private, loopback and link-local addresses")
    p.set_defaults(run=cmd_serve)

    feeds = sub.add_parser("feeds", help="subscribe to feeds and refresh them", epilog=EPILOG)
    fsub = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    for name, run, help_text in (("add", cmd_feeds_add, "subscribe to feed URLs"),
                                 ("remove", cmd_feeds_remove, "unsubscribe")):
        p = fsub.add_parser(name, help=help_text)
        p.add_argument("urls", nargs="+", metavar="URL")
        _common(p)
        p.set_defaults(run=run)
    p = fsub.add_parser("list", help="subscribed feeds")
    _common(p)
    p.set_defaults(run=cmd_feeds_list)
    p = fsub.add_parser("update", help="fetch new items of every subscribed feed into the library")
    p.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    _common(p)
    p.add_argument("--allow-private", action="store_true",
                   help="let feeds reach private, loopback and link-local addresses")
    p.set_defaults(run=cmd_feeds_update)
