"""The fast HTML path (ingest/html.py) reads what trafilatura's own calls read."""

from __future__ import annotations

from pathlib import Path

import pytest

trafilatura = pytest.importorskip("trafilatura")
from trafilatura.metadata import extract_metadata  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from storyline.ingest.html import _METADATA_FIELDS, _extract, _metadata  # noqa: E402

DATA = Path(__file__).parent / "data" / "ingest"

_PAGE = """<html lang="en"><head><title>Bridge closed | Northport Ledger</title>
<meta property="og:site_name" content="Northport Ledger">
<link rel="canonical" href="https://ledger.example.com/2024/05/02/bridge-closed">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge closed",
"author": {"@type": "Person", "name": "Jane Doe"}, "datePublished": "2024-05-02"}</script>
</head><body><article><h1>Bridge closed</h1>
<p>The harbour bridge closed on Thursday after inspectors found cracks in two of its piers.</p>
</article><div class="tags"><a rel="tag" href="/t/a">Roads</a></div></body></html>"""


@pytest.mark.parametrize("name", ["inline", "ferry-strike.html"])
def test_light_metadata_matches_trafilatura(name: str) -> None:
    markup = _PAGE if name == "inline" else (DATA / name).read_text(encoding="utf-8")
    ours = _metadata(load_html(markup), None)
    theirs = extract_metadata(load_html(markup), None)
    for field in _METADATA_FIELDS:
        assert getattr(ours, field) == getattr(theirs, field), field


@pytest.mark.parametrize("name", ["inline", "ferry-strike.html"])
def test_fast_path_gives_trafilaturas_full_extraction(name: str) -> None:
    markup = _PAGE if name == "inline" else (DATA / name).read_text(encoding="utf-8")
    ours = _extract(markup, None)
    full = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    assert not isinstance(ours, str)
    assert ours.text == full.text
    for field in _METADATA_FIELDS:
        assert getattr(ours, field) == getattr(full, field), field
