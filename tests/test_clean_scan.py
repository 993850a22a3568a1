"""The C scan (clean/_scan.c): built in a dev install, and never clears a line Python would not.

``plain_sentence(text, ascii_lower)`` may only say True when boilerplate._plain_sentence
(text.lower()) says True, and ``plain_mid`` only when line_reason finds no reason for a
13-24 word sentence: these tests put every needle, chrome word and opening into sentences,
at the start, inside, across the 90-character tail boundary and at the end, in both cases
and beside non-ASCII text, and check the contract on them and on val250's lines; then
check that cleaning gives the same result with and without the scan.
"""

from __future__ import annotations

import itertools
import json

import pytest

from storyline.clean import boilerplate, clean_text
from storyline.clean.boilerplate import _plain_sentence
from storyline.ingest import read_multinews_record

from conftest import SHARED

scan = pytest.importorskip("storyline.clean._scan", reason="checked by test_scan_is_built")

BASE = ("The harbour board met on Thursday evening and agreed after a long debate to raise the "
        "ferry fares by ten per cent from the first of June this year, officials said afterwards.")
NEEDLES = ["you", "left", "{{", "©", "sign up", "crawl", "reserved", "contributed", "photo", "image",
           "getty", "alamy", "shutterstock", "istock", "reuters/", "picture:", "rex features"]
OPENINGS = ["©", "(c) ", "photo", "image", "picture", "pictured", "credit", "caption", "file", "in this photo",
            "in this image", "in this file photo", "illustration", "close ", "a version of this",
            "with assistance", "— with assistance", "-- with assistance"]


def test_scan_is_built() -> None:
    # A dev install (make) compiles it: without it cleaning is correct but slower.
    assert boilerplate._scan_plain is not None


def _variants() -> list[str]:
    lines = [BASE, BASE.upper(), BASE.replace("ferry", "ferry’s"), BASE[:-1] + " (AP)", BASE + " Café."]
    for needle, where in itertools.product(NEEDLES, range(0, len(BASE) + 1, 7)):
        for form in (needle, needle.upper(), needle.title()):
            lines.append(BASE[:where] + form + BASE[where:])
    for opening in OPENINGS:
        lines += [opening + " " + BASE, opening.upper() + " " + BASE]
    return lines


def test_scan_never_clears_what_python_would_not() -> None:
    for line in _variants():
        for ascii_lower in (True, False):
            if scan.plain_sentence(line, ascii_lower):
                assert _plain_sentence(line.lower()), line


def test_scan_clears_plain_sentences() -> None:
    assert scan.plain_sentence(BASE, True) and scan.plain_sentence(BASE, False)
    assert scan.plain_sentence(BASE.replace("ferry", "ferry’s"), True)
    # A non-ASCII character whose lowercase form is unknown to the caller: look closer.
    assert not scan.plain_sentence(BASE.replace("ferry", "ferry’s"), False)
    assert not scan.plain_sentence("", True)


def test_scan_agrees_on_multinews_lines() -> None:
    path = SHARED / "data" / "multinews-val250.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/multinews-val250.jsonl not present")
    cleared = plain = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for doc in read_multinews_record(record, record["id"]):
            for paragraph in filter(None, (p.strip() for p in doc.text.split("\n"))):
                high = "".join(c for c in paragraph if c > "\x7f")
                mine = scan.plain_sentence(paragraph, high.lower() == high)  # as clean's ascii_case
                python = _plain_sentence(paragraph.lower())
                assert python or not mine, paragraph
                cleared += mine
                plain += python
    assert cleared >= 0.8 * plain  # it must do its job, not only be safe


MID = "The harbour board met on Thursday and agreed to raise the ferry fares by ten per cent."
MID_WORDS = ["subscribe", "cookies", "share", "email", "Advertisement", "follow", "tweet", "continue", "sponsored",
             "offers", "crawl", "domain", "found", "javascript", "Get", "Read", "Watch", "Related", "MOST", "more",
             "http://x.example/a", "www.example.com", "{{name}}", "}}", "(AP)", "[", "•", "*", "- ", "©",
             "CLOSE", "Photo:", "Getty", "left", "you", "YOU", "pictured", "Shutterstock", "Reuters/"]


def _mid_variants() -> list[str]:
    lines = [MID, MID.upper(), MID[:-1] + " more.", MID[:-1] + " Read more >>", MID.replace("ferry", "ferry’s")]
    words = MID.split()
    for word, where in itertools.product(MID_WORDS, range(len(words) + 1)):
        lines.append(" ".join(words[:where] + [word] + words[where:]))
        lines.append(" ".join(words[:where] + [word + ":"] + words[where:]))
    return lines


def test_mid_scan_never_clears_what_line_reason_would_not(monkeypatch: pytest.MonkeyPatch) -> None:
    cleared = []
    for line in _mid_variants():
        words = boilerplate.word_count(line)
        for ascii_lower in (True, False):
            if words >= boilerplate._MID_WORDS and scan.plain_mid(line, ascii_lower):
                cleared.append((line, words, ascii_lower))
    assert any(line == MID for line, _, _ in cleared)  # it does clear plain sentences
    monkeypatch.setattr(boilerplate, "_scan_plain", None)  # the Python checks alone
    monkeypatch.setattr(boilerplate, "_scan_mid", None)
    for line, words, ascii_lower in cleared:
        if words < boilerplate._BODY_FAST_WORDS:
            assert boilerplate.line_reason(line, words, True, ascii_lower) is None, line


def test_mid_scan_agrees_on_multinews_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SHARED / "data" / "multinews-val250.jsonl"
    if not path.exists():
        pytest.skip("../shared/data/multinews-val250.jsonl not present")
    cleared = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for doc in read_multinews_record(record, record["id"]):
            for paragraph in filter(None, (p.strip() for p in doc.text.split("\n"))):
                words = boilerplate.word_count(paragraph)
                high = "".join(c for c in paragraph if c > "\x7f")
                ascii_lower = high.lower() == high
                if boilerplate._MID_WORDS <= words < boilerplate._BODY_FAST_WORDS and scan.plain_mid(paragraph, ascii_lower):
                    cleared.append((paragraph, words, ascii_lower))
    assert len(cleared) > 1000
    monkeypatch.setattr(boilerplate, "_scan_plain", None)
    monkeypatch.setattr(boilerplate, "_scan_mid", None)
    for paragraph, words, ascii_lower in cleared:
        assert boilerplate.line_reason(paragraph, words, True, ascii_lower) is None, paragraph


def test_configure_refuses_words_it_could_not_find() -> None:
    with pytest.raises(ValueError):
        scan.configure({"a" * 40}, set())
    scan.configure(boilerplate.STRONG_KEYS, boilerplate._IMPERATIVES | boilerplate._TEASER_WORDS)  # restore


def test_cleaning_is_the_same_without_the_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["\n\n".join(_variants()[:200]), "\n\n".join(_mid_variants()), BASE, "Subscribe now\n\n" + BASE + "\n\nAll rights reserved."]
    seeds = SHARED / "seeds"
    if seeds.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    with_scan = [clean_text(t) for t in texts]
    monkeypatch.setattr(boilerplate, "_scan_plain", None)
    monkeypatch.setattr(boilerplate, "_scan_mid", None)
    assert [clean_text(t) for t in texts] == with_scan
