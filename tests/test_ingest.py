"""Tests for the ingest stage: every input kind, and every way an input is skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.ingest import (
    IngestLimits,
    IngestResult,
    read_bytes,
    read_multinews_record,
    read_sources,
)
from storyline.model import RawDocument

DATA = Path(__file__).parent / "data" / "ingest"
STORY = (
    "The harbour council approved the new bridge on Tuesday after a long debate.\n\n"
    "Construction is expected to start in the spring and to last two years.\n"
)


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def only_document(result: IngestResult) -> RawDocument:
    assert result.problems == []
    assert len(result.documents) == 1
    return result.documents[0]


def only_problem(result: IngestResult) -> str:
    assert result.documents == []
    assert len(result.problems) == 1
    return str(result.problems[0])


# --- plain text -------------------------------------------------------------------------------


def test_text_file_is_read_unchanged_with_stem_outlet(tmp_path: Path) -> None:
    doc = only_document(read_sources([write(tmp_path / "harbour-daily.txt", STORY)]))
    assert doc.text == STORY
    assert doc.kind == "text"
    assert doc.outlet == "Harbour Daily"
    assert doc.source == str(tmp_path / "harbour-daily.txt")


def test_utf8_bom_and_crlf_are_dropped(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode()
    assert only_document(read_sources([write(tmp_path / "a.md", data)])).text == STORY


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le président a déclaré à Genève que la réunion était très utile.", "latin-1"),
        ("Café crème à Zürich.", "latin-1"),
        (
            "The minister said \u201cwe will act\u201d \u2014 the caf\u00e9 agreed \u2013 5\u20ac.",
            "cp1252",
        ),
        ("Der Bürgermeister äußerte sich über die Straßenbahn.", "utf-16"),
        ("Президент заявил, что переговоры были трудными.", "utf-16"),
        ("Plain words in UTF-16 without a byte-order mark.", "utf-16-le"),
        ("Президент заявил, что переговоры в Женеве были трудными, но полезными.", "cp1251"),
    ],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, text: str, encoding: str) -> None:
    path = write(tmp_path / "story", text.encode(encoding))
    assert only_document(read_sources([path])).text == text


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_gives_article_text_and_metadata() -> None:
    doc = only_document(read_sources([str(DATA / "ferry-strike.html")]))
    assert doc.kind == "html"
    assert doc.title == "Ferry crews walk out over rota changes"
    assert doc.published == dt.date(2024, 3, 14)
    assert doc.outlet == "Northbay Courier"
    assert doc.author == "Imogen Tarrant"
    assert doc.url == "https://www.northbay-courier.example/news/2024/03/ferry-crews-walk-out"
    assert doc.language == "en"
    assert "hundreds of commuters stranded" in doc.text
    assert "| Kelvick to Saltness | Reduced service |" in doc.text  # tables are kept
    for junk in ("Subscribe today", "Most read", "disgraceful", "All rights reserved", "Cookie"):
        assert junk not in doc.text
    assert "<" not in doc.text
    assert "\n\nThe operator, Sound Crossings Ltd" in doc.text  # one paragraph per block


def test_html_is_sniffed_from_content_and_gunzipped(tmp_path: Path) -> None:
    page = (DATA / "ferry-strike.html").read_bytes()
    as_txt = read_sources([write(tmp_path / "saved.txt", page)])
    gzipped = read_sources([write(tmp_path / "page.html.gz", gzip.compress(page))])
    no_name = read_bytes(page, "download")
    for result in (as_txt, gzipped, no_name):
        assert only_document(result).title == "Ferry crews walk out over rota changes"


def test_html_without_article_is_a_problem(tmp_path: Path) -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2024 Example</footer></body></html>"
    )
    assert "no article text found" in only_problem(read_sources([write(tmp_path / "x.html", page)]))


def test_trafilatura_is_not_imported_for_text(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    code = (
        "import sys\nfrom storyline.ingest import read_sources\n"
        f"assert read_sources([{str(tmp_path)!r}]).documents\n"
        "print('trafilatura' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- JSON lines and Multi-News -----------------------------------------------------------------


def test_jsonl_articles_with_a_bad_line_among_good_ones(tmp_path: Path) -> None:
    page = (DATA / "ferry-strike.html").read_text()
    lines = [
        json.dumps(
            {
                "text": STORY,
                "title": "Bridge approved",
                "url": "https://www.reuters.com/x",
                "published": "2024-03-14T09:00:00Z",
                "author": "A. Writer",
            }
        ),
        '{"text": "broken',
        "",
        json.dumps({"text": STORY, "source": "Harbour Daily", "published": "March 14"}),
        json.dumps({"title": "no body here"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"html": page, "outlet": "Courier Wire"}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = read_sources([path])
    first, second, third = result.documents
    assert (first.title, first.outlet, first.published, first.kind) == (
        "Bridge approved",
        "Reuters",
        dt.date(2024, 3, 14),
        "jsonl",
    )
    assert first.source == f"{path}:1" and first.author == "A. Writer"
    assert (second.outlet, second.published, second.source) == ("Harbour Daily", None, f"{path}:4")
    assert (
        third.outlet == "Courier Wire" and third.title == "Ferry crews walk out over rota changes"
    )
    assert "<p>" not in third.text and third.published == dt.date(2024, 3, 14)
    reasons = [str(p) for p in result.problems]
    assert len(reasons) == 3
    assert reasons[0].startswith(f"{path}:2: bad JSON (")
    assert (
        reasons[1]
        == f'{path}:5: JSON record has no text (no "text", "html" or "documents" field), skipped'
    )
    assert reasons[2] == f"{path}:6: JSON line is a list, not an object, skipped"


def test_json_record_whose_text_is_a_page_is_extracted(tmp_path: Path) -> None:
    page = (DATA / "ferry-strike.html").read_text()
    doc = only_document(read_bytes(json.dumps({"text": page}).encode(), "scrape.json"))
    assert doc.title == "Ferry crews walk out over rota changes" and "<" not in doc.text
    assert (doc.source, doc.kind) == ("scrape.json:1", "jsonl")


def test_multinews_list_and_separator_string(tmp_path: Path) -> None:
    records = [
        {
            "id": "a",
            "documents": [
                "Headline here \n \n First paragraph. \n \n \n \n Second.",
                "Other story.",
            ],
        },
        {"id": "b", "document": "Doc one text. \n \n More. ||||| Doc two text. |||||"},
    ]
    path = write(tmp_path / "mn.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    result = read_sources([path])
    assert result.problems == []
    assert [d.source for d in result.documents] == [
        f"{path}:1#doc1",
        f"{path}:1#doc2",
        f"{path}:2#doc1",
        f"{path}:2#doc2",
    ]
    assert result.documents[0].text == "Headline here\n\nFirst paragraph.\n\nSecond."
    assert result.documents[2].text == "Doc one text.\n\nMore."
    assert {d.kind for d in result.documents} == {"multinews"}
    assert [d.outlet for d in result.documents] == ["Document 1", "Document 2"] * 2


def test_read_multinews_record_directly() -> None:
    docs = read_multinews_record({"documents": ["One. \n \n Two.", "", "Three."]}, "val.jsonl:7")
    assert [(d.source, d.text) for d in docs] == [
        ("val.jsonl:7#doc1", "One.\n\nTwo."),
        ("val.jsonl:7#doc3", "Three."),
    ]
    assert read_multinews_record({"summary": "no documents"}, "val.jsonl:8") == []


def test_multinews_paragraph_breaks_match_the_plain_regex() -> None:
    # The fast version must cut exactly what "[ \t]*\n(?:[ \t]*\n)+[ \t]*" -> "\n\n" cuts.
    import random
    import re

    from storyline.ingest.jsonl import _paragraph_breaks

    plain = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")
    rng = random.Random(7)
    pieces = [" ", "\t", "\n", "a", "\xa0", "\n\n", " \n \n "]
    texts = ["", "a \n \n b", "a  \n\t\n\n  b \nc", "\n\n a", "a \n \n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        assert _paragraph_breaks(text) == plain.sub("\n\n", text), repr(text)


def test_pretty_printed_json_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "articles.json",
        json.dumps([{"text": STORY}, {"text": "Second story."}], indent=2),
    )
    result = read_sources([path])
    assert result.problems == []
    assert [d.source for d in result.documents] == [f"{path}:1", f"{path}:2"]


# --- directories and stdin ----------------------------------------------------------------------


def test_directory_is_walked_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "story"
    for name in [
        "b.txt",
        "a/z.txt",
        "a/c.txt",
        "c.md",
        ".hidden.txt",
        ".git/x.txt",
        "a/.cache/y.txt",
    ]:
        write(root / name, f"Text of {name}, long enough to be an article sentence.")
    (root / "a" / "loop").symlink_to(root)  # a cycle back to the root
    (root / "outside").symlink_to(tmp_path)
    result = read_sources([str(root)])
    assert [d.source for d in result.documents] == [
        str(root / "a" / "c.txt"),
        str(root / "a" / "z.txt"),
        str(root / "b.txt"),
        str(root / "c.md"),
    ]
    assert [str(p) for p in result.problems] == [
        f"{root / 'outside'}: symlink points outside the directory, skipped"
    ]


def test_directory_file_count_limit(tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path / f"{i}.txt", STORY)
    result = read_sources([str(tmp_path)], limits=IngestLimits(max_files=3))
    assert len(result.documents) == 3
    assert [p.reason for p in result.problems] == ["more than 3 files, the rest skipped"]


def test_stdin_is_sniffed_like_a_file(tmp_path: Path) -> None:
    doc = only_document(read_sources(["-"], stdin=io.BytesIO(STORY.encode())))
    assert (doc.source, doc.text, doc.outlet) == ("<stdin>", STORY, "<stdin>")
    lines = b'{"text": "From a pipe."}\n{"text": "Second line."}\n'
    result = read_sources(["-"], stdin=io.BytesIO(gzip.compress(lines)))
    assert [d.source for d in result.documents] == ["<stdin>:1", "<stdin>:2"]


def test_sources_keep_their_order_across_kinds(tmp_path: Path) -> None:
    text = write(tmp_path / "one.txt", STORY)
    lines = write(tmp_path / "two.jsonl", json.dumps({"text": "Line story."}) + "\n")
    result = read_sources([lines, "-", text], stdin=io.BytesIO(b"Piped story text."))
    assert [d.source for d in result.documents] == [f"{lines}:1", "<stdin>", text]


# --- problems: each skipped input is one Problem, and the rest still load --------------------


def test_bad_inputs_are_problems_and_good_ones_still_load(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    inputs = {
        "missing.txt": None,
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n",
        "notes.bin": b"\x00\x01\x02binary\x00\x00" * 10,
        "report.pdf": b"%PDF-1.7\n%\xe2\xe3\n1 0 obj",
        "noise.dat": bytes(range(1, 32)) * 50,
        "bad.gz": b"\x1f\x8b\x08\x00broken",
    }
    paths = [
        write(tmp_path / name, data) if data is not None else str(tmp_path / name)
        for name, data in inputs.items()
    ]
    result = read_sources([*paths, good])
    assert [d.source for d in result.documents] == [good]
    reasons = {Path(p.source).name: p.reason for p in result.problems}
    assert reasons["missing.txt"] == "no such file or directory, skipped"
    assert reasons["empty.txt"] == "empty file, skipped"
    assert reasons["blank.txt"] == "empty file (only whitespace), skipped"
    assert reasons["notes.bin"] == "binary file (NUL bytes), skipped"
    assert reasons["report.pdf"] == "binary file (PDF document), skipped"
    assert reasons["noise.dat"] == "binary file (mostly non-text characters), skipped"
    assert reasons["bad.gz"].startswith("corrupt gzip data")
    assert str(result.problems[3]) == f"{tmp_path / 'notes.bin'}: binary file (NUL bytes), skipped"


def test_size_limits(tmp_path: Path) -> None:
    limits = IngestLimits(max_file_bytes=1000, max_text_chars=500, max_batch_bytes=50_000)
    big = write(tmp_path / "big.txt", "word " * 300)
    long_text = write(tmp_path / "long", "word " * 150)
    bomb = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 10_000_000))
    record = json.dumps({"text": "A short story."})
    lines = write(tmp_path / "many.jsonl.gz", gzip.compress("\n".join([record] * 2000).encode()))
    result = read_sources([big, long_text, bomb, lines], limits=limits)
    reasons = [str(p) for p in result.problems]
    assert reasons[:3] == [
        f"{big}: file is larger than the 1 KB limit, skipped",
        f"{long_text}: text is longer than 500 characters, skipped",
        f"{bomb}: file expands past the 1 KB limit, skipped",
    ]
    # JSON lines are streamed: the lines before the limit still load.
    assert reasons[3:] == [f"{lines}: file is larger than the 50 KB limit, the rest skipped"]
    assert 1000 < len(result.documents) < 2000


def test_over_long_jsonl_line_is_skipped_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "x" * 5000}), json.dumps({"text": "Fine."})]
    path = write(tmp_path / "a.jsonl", "\n".join(lines))
    result = read_sources([path], limits=IngestLimits(max_file_bytes=1000))
    assert [d.text for d in result.documents] == ["Fine."]
    assert [str(p) for p in result.problems] == [
        f"{path}:1: line is longer than 1,000 bytes, skipped"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", STORY)
    os.chmod(path, 0)
    assert only_problem(read_sources([path])).endswith("permission denied, skipped")


def test_lone_surrogate_escapes_in_json_become_replacement_characters() -> None:
    # "\ud800" alone decodes to a lone surrogate, which no later encode (SQLite, stdout) takes;
    # a whole pair (an emoji written as two escapes) is a real character and stays.
    line = ('{"text": "' + STORY.replace("\n", "\\n") + ' Odd \\ud800 mark.", "title": "Bridge \\udc00 vote",'
            ' "source": "Harbour\\ud801 Daily", "author": "Smile \\ud83d\\ude00"}\n')
    result = read_bytes(line.encode(), "odd.jsonl")
    assert not result.problems
    (doc,) = result.documents
    assert "Odd \ufffd mark." in doc.text and doc.title == "Bridge \ufffd vote"
    for value in (doc.text, doc.title, doc.outlet, doc.author):
        assert value is not None
        value.encode("utf-8")  # raises on a surrogate
    assert doc.author == "Smile \U0001f600"
