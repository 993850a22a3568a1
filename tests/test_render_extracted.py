"""Rendering of the extracted parts: timeline, quotes, entities, figures, disagreements,
coverage, in Markdown, JSON and HTML; links resolve; hostile text stays inert."""

from __future__ import annotations

import datetime as dt
import json
import re

from storyline.brief import build_brief
from storyline.ingest import read_sources
from storyline.model import RawDocument
from storyline.render import render

from conftest import ROOT

EVIL = "<script>alert(1)</script>"


def demo():
    result = read_sources([str(ROOT / "examples" / "harbor-bridge")])
    return build_brief(result.documents)


def test_markdown_sections():
    md = render(demo(), "md")
    for heading in ("## Timeline", "## Quotes", "## Who and what", "## Where sources disagree", "## Figures", "## Coverage"):
        assert heading in md
    assert "**Tom Okafor**, chief engineer of the Harbour Authority" in md
    assert "about 60,000 vehicles" in md and "about 58,000 vehicles" in md
    assert "2026-03-03" in md


def test_json_keys_and_spans():
    brief = demo()
    data = json.loads(render(brief, "json"))
    assert {"timeline", "quotes", "entities", "numbers", "disagreements", "coverage"} <= set(data)
    texts = {s["id"]: a.clean_text for s, a in zip(data["sources"], brief.articles)}
    entry = data["timeline"][0]
    assert set(entry) >= {"date", "precision", "text", "place", "citations"}
    quote = data["quotes"][0]
    assert set(quote) >= {"text", "speaker", "speaker_title", "article"}
    for q in data["quotes"]:
        for c in q["citations"]:
            assert texts[c["article_id"]][c["start"] : c["end"]] == c["text"]
    number = data["numbers"][0]
    assert set(number) >= {"text", "value", "unit", "measure", "as_of", "article"}
    assert number["citation"]["text"] == number["text"]
    assert set(data["entities"][0]) >= {"name", "type", "mentions"}
    assert data["disagreements"] and data["coverage"]
    assert [s["published_from"] for s in data["sources"]][2] == "metadata"


def test_html_draws_the_timeline_and_every_link_lands():
    page = render(demo(), "html")
    assert "<svg" in page and "<circle" in page and "<script" not in page
    assert not re.search(r'src="https?:', page)  # no external assets (source links are fine)
    assert 'class="grid"' in page and "<h3>Tom Okafor" in page
    ids = set(re.findall(r'id="([^"]+)"', page))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids, target


def test_hostile_text_in_quotes_and_entities_is_escaped():
    text = f"NORTHPORT — “We will not allow {EVIL} on this bridge again,” said Tom Okafor on Monday, March 2, 2026."
    brief = build_brief([RawDocument(source="evil.txt", text=text, published=dt.date(2026, 3, 3))])
    page = render(brief, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<script>" not in render(brief, "md")
    assert brief.quotes and brief.quotes[0].speaker == "Tom Okafor"
