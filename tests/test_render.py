"""Renderers: Markdown, JSON schema, standalone HTML; hostile article text stays inert."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storyline.errors import UsageError
from storyline.model import Brief, Citation, Problem, SummarySentence
from storyline.render import render
from storyline.render.json import SCHEMA

from helpers import make_article

EVIL = 'The mayor said <script>alert("x")</script> and [a link](javascript:alert(1)) was *fine*.'


def brief() -> Brief:
    a, sa = make_article("a1", ["The bridge will close on Monday for repairs to its cables.", EVIL],
                         outlet="Harbour <b>News</b>", published=dt.date(2026, 3, 2), title="Bridge to close")
    b, sb = make_article("b2", ["Repairs to the bridge cables will close it from Monday, officials said."],
                         outlet="Coast Daily")
    b = type(b)(**{**{f: getattr(b, f) for f in b.__dataclass_fields__}, "url": "javascript:alert(2)"})
    s1 = SummarySentence(sa[0].text, (Citation("a1", 0, sa[0].start, sa[0].end), Citation("b2", 0, sb[0].start, sb[0].end, 0.61)))
    s2 = SummarySentence(EVIL, (Citation("a1", 1, sa[1].start, sa[1].end),))
    return Brief(headline="Bridge to close <now>", summary=(s1, s2), articles=(a, b),
                 problems=(Problem("bad.bin", "binary file (NUL bytes), skipped"),), words=50)


def test_markdown_has_markers_sources_and_skips() -> None:
    md = render(brief(), "md")
    assert md.startswith("# Bridge to close \\<now\\>")
    assert "repairs to its cables. [1][2]" in md
    assert "1. **Harbour \\<b\\>News\\</b\\>** · *Bridge to close* · 2026-03-02" in md
    assert "date unknown" in md
    assert "javascript:" not in md.split("## Sources")[1]
    assert "## Skipped inputs" in md and "bad.bin" in md
    assert "<script>" not in md and "\\[a link\\]" in md


def test_json_schema_and_spans() -> None:
    data = json.loads(render(brief(), "json"))
    assert data["schema"] == SCHEMA
    assert set(data) >= {"headline", "summary", "sources", "skipped", "generated", "summarizer"}
    first = data["summary"][0]
    assert first["sources"] == [1, 2]
    assert first["citations"][1]["text"] == "Repairs to the bridge cables will close it from Monday, officials said."
    assert data["sources"][0]["published"] == "2026-03-02"
    assert data["sources"][1]["published"] is None
    assert data["skipped"] == [{"input": "bad.bin", "reason": "binary file (NUL bytes), skipped"}]


def test_html_is_escaped_standalone_and_linked() -> None:
    page = render(brief(), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert 'href="javascript' not in page
    assert "http://" not in page and "https://" not in page  # no external assets or links
    assert 'href="#s1-0"' in page and 'id="s1-0"' in page  # marker -> highlighted span
    assert 'href="#s2-0"' in page and 'id="s2-0"' in page
    assert "Harbour &lt;b&gt;News&lt;/b&gt;" in page


def test_unknown_format() -> None:
    with pytest.raises(UsageError):
        render(brief(), "pdf")
