"""The web commands' command line: ``serve`` and ``feeds`` are registered, durations parse."""

from __future__ import annotations

import argparse

import pytest

from storyline.cli import build_parser
from storyline.cli.web import duration


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                               ("1.5m", 90)])
def test_duration(text: str, seconds: float) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "15 minutes", "m", "1w"])
def test_bad_duration(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        duration(text)


def test_serve_and_feeds_registered() -> None:
    parser = build_parser()
    args = parser.parse_args(["serve", "--port", "9001", "--update-every", "15m", "--library", "/tmp/x"])
    assert (args.host, args.port, args.update_every) == ("127.0.0.1", 9001, 900)
    assert parser.parse_args(["feeds", "update", "--allow-private"]).allow_private
    assert parser.parse_args(["feeds", "add", "https://example.org/feed.xml"]).urls == ["https://example.org/feed.xml"]
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--update-every", "soon"])
