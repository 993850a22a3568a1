"""Document-level junk decisions: what a paragraph is, given where it sits.

Owns the rules that need neighbours or the whole document: captions whose " - Outlet"
trailer repeats, lines in another script than the article, duplicates, everything above the
headline, the teaser headline before a "Read more", related-story headlines wedged between
captions, the junk tail (paywall, polls, promos) after the last real paragraph, and a web
archive's own page; and the two rules that keep short lines inside the body: subheadings
between body paragraphs and the items of a list that a kept line introduces with a colon.
boilerplate.py judges each paragraph alone first; this module adds reasons, and clears
"short non-sentence line" only from the headline, subheadings and list items.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, count, repeat
from operator import not_

from storyline.clean.boilerplate import is_reader_question, sentence_like, word_count
from storyline.clean.headline import find_headline, looks_like_headline, match_title, title_case_ratio

_MEDIA_WORDS = re.compile(
    r"\b(?:news|daily|times|post|international|press|wire|radio|ledger|record|herald|journal"
    r"|tribune|gazette|review|agency|tv|online|media|network|chronicle|observer|telegraph|reuters"
    r"|afp|bbc|cnn|weekly|magazine|channel|broadcasting|report|express|mail|today)\b",
    re.I,
)
# A caption trailer: "... Feb. 9, 2017. - Sputnik International".
_TRAILER = re.compile(r"\s[-–—|]\s+([A-Z][\w.&'’]*(?:\s+(?:[A-Z][\w.&'’]*|of|the|and|on)){0,4})$")
# Latin letters are A-Za-z and these; _OTHER_LETTER matches no ASCII character.
_LATIN_HIGH = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_ASCII = bytes(range(0x80))
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
# UTF-8 lead bytes of Greek, Cyrillic, Hebrew, Arabic (U+0340-U+06FF), Indic and Thai
# (U+0800-U+0FFF), and CJK, kana and Hangul (U+3000-U+DFFF). Deleting every other byte is a
# fast C pass that tells whether a document needs the per-paragraph script check at all.
_NOT_OTHER_SCRIPT_LEADS = bytes(b for b in range(256) if not (0xCD <= b <= 0xDB or b == 0xE0 or 0xE3 <= b <= 0xED))
_BARE_READ_MORE = re.compile(r"^read more\W*$", re.I)
_QUOTE_SAID = re.compile(r"[“\"].*\b(?:said|says|told)\b")
_STRONG_WORDS = 10
_DUPLICATE_WORDS = 5
# Reasons of the furniture around photos and links, which a subheading may follow.
_MEDIA_REASONS = frozenset({"photo credit", "photo caption", "link line", "boilerplate phrase: advertisement"})
_SUBHEADING_WORDS = 12
_SUBHEADING_START = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
_BODY_WORDS = 20
_LEAD_WORDS = 15


class _Doc:
    """The paragraphs of one document with their features, computed once."""

    __slots__ = ("texts", "reasons", "words", "ends", "listed")

    def __init__(self, texts: list[str], reasons: list[str | None], words: list[int], ends: list[bool]) -> None:
        self.texts = texts
        self.reasons = reasons
        self.words = words
        self.ends = ends
        self.listed: set[int] = set()  # items of a list a kept line introduced: never tail junk

    def strong(self, index: int, words: int = _STRONG_WORDS) -> bool:
        """Unmistakable body text: a kept, full sentence of ``words`` words or more."""
        return self.reasons[index] is None and self.words[index] >= words and self.ends[index]


class _Leads:
    """``leads[i]``: whether paragraph i is kept body text of a lead's length. Above a
    headline there can be a one-sentence caption (short); a lead paragraph is longer.
    Computed only where asked: the headline search stops at the first such paragraph."""

    __slots__ = ("reasons", "words", "ends")

    def __init__(self, reasons: list[str | None], words: list[int], ends: list[bool]) -> None:
        self.reasons, self.words, self.ends = reasons, words, ends

    def __getitem__(self, index: int) -> bool:
        number = self.words[index]
        return self.reasons[index] is None and (number >= _BODY_WORDS or (number >= _LEAD_WORDS and self.ends[index]))


def _caption_trailers(doc: _Doc) -> None:
    """Mark captions that end with an outlet trailer (a media word, or repeated)."""
    found: dict[int, str] = {}
    # An outlet name ends the line: no final full stop, a capitalised last word. Most lines
    # end a sentence: compress skips them in C, and only the rest are looked at in Python.
    reasons, words = doc.reasons, doc.words
    candidates = [
        index for index in compress(count(), map(not_, doc.ends)) if reasons[index] is None and words[index] >= 8
    ]
    for index in candidates:
        text = doc.texts[index]
        if not text[text.rfind(" ") + 1 :][:1].isupper():
            continue
        tail = text[-70:]
        if " - " in tail or " – " in tail or " — " in tail or " | " in tail:
            match = _TRAILER.search(text, max(0, len(text) - 70))
            if match and word_count(text[: match.start()]) >= 6:
                found[index] = match.group(1)
    if not found:
        return
    counts = Counter(found.values())
    for index, name in found.items():
        if counts[name] >= 2 or _MEDIA_WORDS.search(name):
            doc.reasons[index] = "photo caption"


def script_leads(whole: str, high: bytes | None = None) -> bytes:
    """The UTF-8 lead bytes of the document's non-Latin letters (empty for Latin-only text).

    ``high`` is the UTF-8 of the document's non-ASCII characters when the caller has it
    (normalize.normalized): the same lead bytes, from a fraction of the text."""
    if whole.isascii():
        return b""
    return (whole.encode() if high is None else high).translate(None, _NOT_OTHER_SCRIPT_LEADS)


def _letters(text: str) -> tuple[int, int]:
    """(other-script letters, Latin letters) in ``text``.

    Both are counts of characters in a class, so they can be taken apart: ASCII letters are
    counted by deleting them in one bytes pass, and the two regexes only see the paragraph's
    non-ASCII characters (a few per cent of it) instead of building a list of one-letter
    matches over all of it."""
    data = text.encode()
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if len(data) == len(text):  # ASCII: no other script, and no Latin letter beyond A-Z
        return 0, ascii_letters
    high = data.translate(None, _ASCII).decode()
    return len(_OTHER_LETTER.findall(high)), ascii_letters + len(_LATIN_HIGH.findall(high))


def _other_script(doc: _Doc, leads: bytes) -> None:
    """Mark paragraphs written mostly in another script than the document as a whole."""
    if not leads or not doc.texts:
        return
    others, latins = zip(*map(_letters, doc.texts))
    document_latin = sum(latins) >= sum(others)
    for index, reason in enumerate(doc.reasons):
        if reason not in (None, "short non-sentence line"):
            continue
        other, latin = others[index], latins[index]
        if other + latin >= 3 and (other > latin) == document_latin:
            doc.reasons[index] = "other script"


def _duplicates(doc: _Doc) -> None:
    """A repeated paragraph goes the second time; short lines may repeat in dialogue ("Monica?")."""
    # Most documents repeat no paragraph (a C pass settles it). Equal texts have equal
    # lengths: when no two lengths agree, no paragraph needs hashing at all.
    if len(set(map(len, doc.texts))) == len(doc.texts) or len(set(doc.texts)) == len(doc.texts):
        return
    seen: set[str] = set()
    for index, text in enumerate(doc.texts):
        if doc.reasons[index] is None and doc.words[index] >= _DUPLICATE_WORDS:
            if text in seen:
                doc.reasons[index] = "duplicate"
            seen.add(text)


def _teasers(doc: _Doc, headline: int | None) -> None:
    """The headline line before a bare "Read more", and related headlines between captions."""
    texts, reasons = doc.texts, doc.reasons
    if "read-more teaser" in reasons:  # a C scan spares most documents the loop
        for index, reason in enumerate(reasons):
            if index and reason == "read-more teaser" and _BARE_READ_MORE.match(texts[index]):
                before = index - 1
                teaser = texts[before]
                if reasons[before] is None and before != headline and doc.words[before] <= 30:
                    if not doc.ends[before] or looks_like_headline(teaser):
                        reasons[before] = "read-more teaser"
    if _TEASER_NEIGHBOURS.isdisjoint(reasons):
        return  # no caption, credit or teaser for a related headline to follow
    start = 1 if headline is None else headline + 1
    # The lines after a caption, credit or teaser (compress finds them in C).
    for index in compress(count(start), map(_TEASER_NEIGHBOURS.__contains__, reasons[start - 1 : -1])):
        if reasons[index] is not None:
            continue
        text = texts[index]
        # A related-story link sits inside the body: real text resumes right after it.
        if index + 1 < len(texts) and doc.strong(index + 1) and looks_like_headline(text):
            if title_case_ratio(text) >= 0.6:
                reasons[index] = "related headline"


# Lines whose next line, if it is a title-cased headline, is a related-story link.
_TEASER_NEIGHBOURS = frozenset(
    {"photo caption", "photo credit", "short non-sentence line", "read-more teaser", "related headline",
     "menu or tag list"}
)


def _subheadings(doc: _Doc, headline: int | None) -> None:
    """Keep short unpunctuated lines that sit inside the body ("Broken leg", "1. Take
    inventory", "They include:"): kept text before them, a kept paragraph after.

    Chrome inside the body repeats ("Today" under every photo) or sits next to other junk,
    so a line that occurs twice, or whose neighbours went, stays dropped.
    """
    texts, reasons = doc.texts, doc.reasons
    counts: Counter[str] | None = None  # built on the first candidate: most documents have none
    body_seen = False
    start = 0 if headline is None else headline + 1
    for index in range(start, len(texts) - 1):
        reason = reasons[index]
        if reason is None:
            body_seen = body_seen or doc.words[index] >= 6
            continue
        if reason != "short non-sentence line" or not body_seen:
            continue
        counts = counts or Counter(texts)
        if counts[texts[index]] > 1:
            continue
        text = texts[index]
        # One word alone ("Home", "Related", "Photofest") is more often chrome than a heading.
        if not 2 <= doc.words[index] <= _SUBHEADING_WORDS or not _SUBHEADING_START.match(text) or text[-1] in "-–—|":
            continue
        # What went between the body and this line must be media furniture, not chrome.
        between = reasons[start:index]
        previous = next((i for i in range(len(between) - 1, -1, -1) if between[i] not in _MEDIA_REASONS), None)
        following = index + 1
        if previous is not None and between[previous] is None and reasons[following] is None and (
            doc.words[following] >= 6
        ):
            reasons[index] = None


def _lists(doc: _Doc) -> None:
    """The items after a kept line that introduces them ("Here is a recap of her No. 1s:")
    are content however short: keep them up to the next strong paragraph or real junk."""
    texts, reasons = doc.texts, doc.reasons
    # Few lines, if any, end in a colon (compress finds them in C).
    for opener in compress(count(), map(str.endswith, texts, repeat(":"))):
        if reasons[opener] is not None or doc.words[opener] < 3:
            continue
        index = opener + 1
        while index < len(texts) and reasons[index] in (None, "short non-sentence line") and not doc.strong(index):
            reasons[index] = None
            doc.listed.add(index)
            index += 1


def _tail(doc: _Doc) -> None:
    """After the last strong paragraph: reader polls go, and once junk starts, only plain
    sentences survive (paywalls, promos and related links pile up at the end)."""
    texts, reasons = doc.texts, doc.reasons
    last_strong = -1
    for index in range(len(texts) - 1, -1, -1):
        if doc.strong(index) and not is_reader_question(texts[index], doc.words[index]):
            last_strong = index
            break
    for index in range(last_strong + 1, len(texts)):
        if reasons[index] is None and is_reader_question(texts[index], doc.words[index]):
            reasons[index] = "reader question"
    junk_from = next((i for i in range(last_strong + 1, len(texts)) if reasons[i] is not None), None)
    if junk_from is None:
        return
    for index in range(junk_from + 1, len(texts)):
        text = texts[index]
        # A long paragraph is text even unpunctuated; chrome of that length has a reason already.
        words = doc.words[index]
        if reasons[index] is None and words < _BODY_WORDS and index not in doc.listed and not sentence_like(
            text, text.lower(), words
        ):
            reasons[index] = "trailing boilerplate"


_ARCHIVE = "boilerplate phrase: web archive notice"


def _archive_page(doc: _Doc) -> None:
    """A document that opens with a web archive's notice is the archive's own page (a crawl
    collection's description, its dates and counts): none of it is news, so all of it goes.
    The opening is the first line of six words or more, or a shorter notice above it ("The
    seed for Wide00014 was:")."""
    for index, number in enumerate(doc.words):
        if doc.reasons[index] == _ARCHIVE:
            doc.reasons[:] = [_ARCHIVE] * len(doc.reasons)
            return
        if number >= 6:
            return


def classify(
    texts: list[str],
    reasons: list[str | None],
    words: list[int],
    ends: list[bool],
    title: str | None,
    whole: str,
    leads: bytes | None = None,
) -> int | None:
    """Add context reasons to ``reasons`` (one per paragraph, in place); return the headline index.

    ``words`` and ``ends`` are each paragraph's word count and sentence-end flag; ``whole``
    is the normalized document and ``leads`` its ``script_leads`` when the caller has them.
    """
    doc = _Doc(texts, reasons, words, ends)
    _archive_page(doc)
    _caption_trailers(doc)
    _other_script(doc, script_leads(whole) if leads is None else leads)
    _duplicates(doc)
    strong = _Leads(reasons, words, ends)
    headline = match_title(texts, title) if title else None
    if headline is not None:
        reasons[headline] = None  # the metadata title says this line is the headline
    else:
        headline = find_headline(texts, reasons, strong)
    if headline is not None:
        if reasons[headline] == "short non-sentence line":
            reasons[headline] = None
        for index in range(headline):
            # Chrome and captions sit above a headline; body text and quotes do not.
            if reasons[index] is None and not strong[index] and not _QUOTE_SAID.search(texts[index]):
                reasons[index] = "before headline"
    _teasers(doc, headline)
    if "short non-sentence line" in reasons:
        _subheadings(doc, headline)
    _lists(doc)
    _tail(doc)
    return headline
