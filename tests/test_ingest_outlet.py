"""Tests for outlet guessing, and for ingest on the real inputs in shared/ (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import guess_outlet, read_multinews_record, read_sources
from storyline.ingest.domains import outlet_for_host, registrable_domain
from storyline.ingest.outlet import masthead_form, outlet_from_chrome, readable_stem, source_stem

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TRAILER_TEXT = """- Harbour Wire
Bridge vote passes after a long night

The council chamber erupted as the result was read. - Harbour Wire
Subscribe
Councillors voted 31 to 12 in favour of the new crossing.
The mayor speaks to reporters outside the town hall on Tuesday. - Harbour Wire
"""
LINKED_TEXT = """The council approved the bridge <https://www.example-news.com/local/bridge> after
a long debate about costs <https://www.example-news.com/local/costs> and the route
<https://www.example-news.com/maps/route>, said a report <https://other.org/report>.
"""


def test_metadata_comes_first() -> None:
    assert guess_outlet(TRAILER_TEXT, "https://www.theguardian.com/x", "a.txt") == "The Guardian"
    assert guess_outlet("", "https://news.bbc.co.uk/1/hi/world", "a.txt") == "BBC"
    assert guess_outlet("", "https://www.sputniknews.com/x", "a.txt", sitename="SputnikInt") == (
        "Sputnik International"
    )
    assert guess_outlet("", None, "a.txt", sitename="Autoracing | F1 | Indy") == "Autoracing"
    assert guess_outlet("", "https://harbour-gazette.co.uk/story", "a.txt") == "Harbour Gazette"


def test_trailer_names_the_outlet() -> None:
    assert guess_outlet(TRAILER_TEXT, None, "notes/story.txt") == "Harbour Wire"


def test_a_single_dash_line_is_no_trailer() -> None:
    text = "Officials confirmed the vote.\n- Jane Smith\n"
    assert guess_outlet(text, None, "notes/story.txt") == "Story"


def test_dominant_link_domain_names_the_outlet() -> None:
    assert guess_outlet(LINKED_TEXT, None, "x.txt") == "Example News"
    guardian = LINKED_TEXT.replace("example-news.com", "theguardian.com")
    assert guess_outlet(guardian, None, "x.txt") == "The Guardian"


def test_too_few_links_fall_back_to_the_file_stem() -> None:
    text = "See <https://www.example-news.com/a> and <https://other.org/b>."
    assert guess_outlet(text, None, "dir/harbour-story.html.gz") == "Harbour Story"
    assert guess_outlet(text, None, "dir/feed.jsonl:3", fallback="Document 2") == "Document 2"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Your full access to the Harbour Ledger has expired\nSee all offers", "Harbour Ledger"),
        ("Subscribe to The Northport Times today for $1", "The Northport Times"),
        ("Copyright © 2021 Coastline Daily. All rights reserved.", "Coastline Daily"),
        ("The mayor at the opening. © AP Photo / Jane Doe", None),
        ("© 2019 Getty Images", None),
        ("Subscribe to our newsletter today", None),
        ("She was a member of the Harbour Trust for years.", None),
    ],
)
def test_site_chrome_names_the_outlet(text: str, outlet: str | None) -> None:
    assert outlet_from_chrome(text) == outlet
    assert guess_outlet(text, None, "dir/0042.txt") == (outlet or "0042")


def test_source_stem_and_domains() -> None:
    assert source_stem("a/b/feed.jsonl:12#doc3") == "feed"
    assert source_stem("<stdin>") == "<stdin>"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert outlet_for_host("www.the-daily_post.com") == "The Daily Post"


# --- real inputs in shared/ --------------------------------------------------------------------


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (shared data lives beside the repository)")
    return path


def test_seeds_load_with_sensible_outlets() -> None:
    result = read_sources([str(shared("seeds"))])
    assert result.problems == []
    outlets = {Path(d.source).name: d.outlet for d in result.documents}
    # 000 repeats a "- Sputnik International" trailer; 001 links to theguardian.com throughout;
    # 003's paywall says "Your full access to the Nikkei Asian Review has expired"; 002 names
    # no outlet anywhere, so its file stem stands in.
    assert outlets == {
        "000_e711861f96a40a7d.txt": "Sputnik International",
        "001_c30d2828a4d7206d.txt": "The Guardian",
        "002_4bc4ae08b7ab4796.txt": "002_4bc4ae08b7ab4796",
        "003_b077f9a99e6e8b9c.txt": "Nikkei Asian Review",
    }
    for doc in result.documents:
        assert doc.kind == "text" and "Abe" in doc.text


def test_multinews_records_load() -> None:
    path = shared("data", "multinews-val250.jsonl")
    result = read_sources([str(path)])
    assert result.problems == []
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    assert len(result.documents) == sum(len(r["documents"]) for r in records)
    first = read_multinews_record(records[0], f"{path}:1")
    assert [d.text for d in first] == [d.text for d in result.documents[: len(first)]]
    assert all(" \n \n " not in d.text for d in result.documents)


def test_aeb_pages_extract_with_metadata() -> None:
    pages = sorted(shared("data", "aeb-dev", "html").glob("*.html.gz"))[:5]
    result = read_sources([str(p) for p in pages])
    assert result.problems == []
    for doc in result.documents:
        assert doc.kind == "html" and doc.title and doc.outlet and len(doc.text) > 200
    assert result.documents[0].outlet == "The Wall Street Journal"


def test_file_stems_read_as_names_but_hashes_stay() -> None:
    assert readable_stem("01_northport-ledger") == "Northport Ledger"
    assert readable_stem("002_4bc4ae08b7ab4796") == "002_4bc4ae08b7ab4796"


def test_masthead_spelling_beats_a_squashed_domain() -> None:
    text = "COASTLINE DAILY\n\nTransport\n\nA story about the bridge."
    assert masthead_form(text, "Coastlinedaily") == "Coastline Daily"
    assert masthead_form("- Coastline Daily\nbody", "Coastlinedaily") == "Coastlinedaily"
    assert masthead_form("Home > Local\nThe Civic Record\n\nStory", "Civic Record") == "The Civic Record"
