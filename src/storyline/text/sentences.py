"""Sentence splitting for English news text: the ``text`` stage.

Owns ``split_sentences`` (character spans of the sentences of a string) and ``sentences_of``
(``Sentence`` records over an ``Article``'s ``clean_text``).

Why hand-written rules rather than a library: the whole pipeline must run at >= 5 MB/s per
core, and no library measured is both accurate on news and fast. ``bench/sentences.py``
(258 hand-written gold sentences; one thread over the 2.7 MB of Multi-News val250):
pysbd 0.3.4 F1 0.785 at 0.16 MB/s, blingfire 0.1.8 F1 0.810 at ~4 MB/s, spaCy 3.8
sentencizer F1 0.614 at ~0.7 MB/s; these rules F1 0.994 at 26-42 MB/s (a shared VM's range).

How: one compiled regex finds every place a sentence may end (terminal punctuation followed
by whitespace, a line break, a bullet); a few cheap checks per candidate decide, so the cost
is one C-level scan plus Python work per sentence, not per character.
"""

from __future__ import annotations

import re

from storyline.model import Article, Sentence

_BULLETS = "•▪●◦‣"
_OPENERS = "“‘«\"'(["
_CLOSERS = "”’»\"')]"

# Starts with a single character class so the regex engine skips ahead in C; the branch is
# then picked by lookbehind, and each branch has one group so ``lastindex`` names it.
_CANDIDATE = re.compile(
    r"[.!?…\n•▪●◦‣]"
    r"(?:(?<=[.!?…])[.!?…]*[”’»\"')\]]*(\s+|\Z)"  # 1: terminal punctuation, closers, space
    r"|(?<=\n)(\s*)"  # 2: a line break and any blank lines after it
    r"|(?<=[•▪●◦‣])()"  # 3: a bullet
    r"|(?<=[a-z][a-z][.!?])()(?=[\"”“]?[A-Z][a-z]))"  # 4: glued by scraping: "preserved.Then"
)
_TERMINAL, _LINE_BREAK, _BULLET, _GLUED = 1, 2, 3, 4
_FIRST_NON_SPACE = re.compile(r"\S")
_NON_SPACE_RUN = re.compile(r"\S+")
_WORD_AFTER = re.compile(r"[“‘«\"'(\[]*([A-Za-z]+)")
_LIST_NUMBER = re.compile(r"\d{1,3}[.)] ")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, a.m, e.g (before the final period)

# Titles that precede a name and (in news) practically never end a sentence.
_TITLES = frozenset(
    "Mr Mrs Ms Messrs Dr Prof Gen Lt Col Maj Capt Cmdr Cdr Adm Brig Sgt Cpl Pvt Sen Sens Rep "
    "Reps Gov Pres Rev Fr Hon Amb Supt Det Insp Atty Mt Ft v vs".split()
)
# Abbreviations that often sit mid-sentence but can also end one ("moved to Tampa, Fla. It
# was..."): they end a sentence only when a typical sentence-opening word follows.
_AMBIGUOUS = frozenset(
    "St Jr Sr Inc Corp Co Cos Ltd Bros Ave Blvd Rd al "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo".split()
)
# Abbreviations that precede a number: "No. 3", "Vol. 2", "approx. 300".
_BEFORE_NUMBER = frozenset("No Nos Vol Vols pp p Art Sec Fig Figs Ch Op Rte approx est ca".split())
# Capitalised words that follow a.m./p.m. inside a sentence; any other one starts a new one.
_AFTER_CLOCK_TIME = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Jan Feb Mar Apr Jun Jul Aug "
    "Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST CET CEST UTC "
    "Eastern Central Mountain Pacific Greenwich".split()
)
_ABBREVIATIONS = _TITLES | _AMBIGUOUS | _BEFORE_NUMBER
# Words that typically open a sentence; after an ambiguous abbreviation they signal a new one.
_STARTERS = frozenset(
    "A An The He She It They We I You His Her Its Their Our My This That These Those There "
    "Then But And Or So Yet In On At For From By With As If When While After Before Since "
    "Although Though However Meanwhile Still Now Some Many Most All One Two What Why How Who "
    "Where No Not Last Earlier Later According Under During Despite Both Each Such Other "
    "Another Instead Officials Police".split()
)


class _WrapWidth:
    """The column a hard-wrapped text was wrapped at (0 if it is not), computed on demand."""

    __slots__ = ("_text", "_width")

    def __init__(self, text: str) -> None:
        self._text = text
        self._width: int | None = None

    def get(self) -> int:
        if self._width is None:
            self._width = _estimate_wrap_width(self._text)
        return self._width


def _estimate_wrap_width(text: str) -> int:
    """Width of a text's hard wrapping, or 0 when its line breaks are not wrapping.

    Wrapped text has many multi-word lines close to one width of 60-120 columns (seed 001:
    ~80); unwrapped news puts whole paragraphs on a line, of very different lengths, and
    lists have short lines. The 90th percentile, not the maximum, so that one over-long line
    does not inflate the width.
    """
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if " " in line.strip())
    if len(lengths) < 2:
        return 0
    width = lengths[len(lengths) * 9 // 10]
    near = sum(1 for n in lengths if n >= width * 0.85)
    return width if 60 <= width <= 120 and near * 3 >= len(lengths) else 0


def _line_break_ends_sentence(text: str, newline: int, after: int, wrap: _WrapWidth) -> bool:
    """Whether the line break at ``newline`` (whitespace runs to ``after``) is a hard break.

    A blank line always is. A single one is not when the next line goes on in lowercase or
    when the text is hard-wrapped and the next word would not have fit on the line (so the
    wrapper, not the writer, broke it); otherwise it is (headlines, list items, captions).
    """
    if text.count("\n", newline, after) >= 2 or after >= len(text):
        return True
    first = text[after]
    if (first in "-*" and text[after + 1 : after + 2] == " ") or _LIST_NUMBER.match(text, after):
        return True  # a list item: "- Two trains", "2. Expand childcare"
    if first.islower():
        return False
    width = wrap.get()
    if not width:
        return True
    line_start = text.rfind("\n", 0, newline) + 1
    line_length = len(text[line_start:newline].rstrip())
    next_word = _NON_SPACE_RUN.match(text, after)
    next_length = next_word.end() - after if next_word else 0
    return line_length + 1 + next_length <= width


def _word_before(text: str, mark: int) -> str:
    """The token ending at ``mark`` (the terminal punctuation), without quotes or brackets."""
    token = text[text.rfind(" ", 0, mark) + 1 : mark]
    if "\n" in token or "\t" in token:
        token = token.split()[-1] if token.strip() else ""
    return token.strip(_OPENERS).rstrip(_CLOSERS)


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` is one that typically starts a sentence (The, He, In, ...)."""
    match = _WORD_AFTER.match(text, at)
    if match is None:
        return True  # not a word (a digit after quotes, a symbol): no abbreviation reading
    word = match.group(1)
    if word.isupper() and len(word) > 1:
        word = word.capitalize()
    return word in _STARTERS


def _is_list_number(text: str, word: str, mark: int) -> bool:
    """A short number that opens its line, like the ``1`` of ``1. Raise the minimum wage``."""
    if not word.isdigit() or len(word) > 3:
        return False
    line_start = text.rfind("\n", 0, mark) + 1
    return text[line_start : mark - len(word)].strip() == ""


def _special_word_ends_sentence(text: str, word: str, mark: int, after: int) -> bool:
    """Whether a period after ``word`` (an abbreviation, initial, number, ...) ends a sentence."""
    word = word.rpartition("-")[2]  # "(R-Fla.)" is Fla.
    if word.isupper() and len(word) > 1 and "." not in word:
        word = word.capitalize()  # ST. LOUIS in a dateline is St. Louis
    is_initial = len(word) == 1 and word.isupper()
    is_acronym = _ACRONYM.fullmatch(word) is not None
    if text[after].isdigit():
        known = word in _ABBREVIATIONS or is_initial or is_acronym
        return not (known or _is_list_number(text, word, mark))
    if word in _TITLES:
        return False
    if word.lower() in ("a.m", "p.m"):
        following = _WORD_AFTER.match(text, after)
        return following is None or following.group(1) not in _AFTER_CLOCK_TIME
    if is_initial or is_acronym or word in _AMBIGUOUS:
        return _opens_sentence(text, after)
    return not _is_list_number(text, word, mark)


def _punctuation_ends_sentence(text: str, mark: int, after: int) -> bool:
    """Whether the terminal punctuation at ``mark``, followed by text at ``after``, ends a
    sentence (the whitespace between them has no line break)."""
    if after >= len(text):
        return True
    first = text[after]
    if first.islower():
        return False
    if first in "”’»)]" or first in ".,;:—–":  # a detached closer, a spaced ellipsis, or
        return False  # an attribution dash ("ready. — Jason Smith") goes on
    if first in "\"'":
        following = text[after + 1 : after + 2]
        if not following or following.isspace() or following.islower():
            return False  # a detached closing quote, or a quote going on in lowercase
    if text[mark] != "." or text[mark + 1] in ".…?!":
        return True  # ?, !, ellipses
    word = _word_before(text, mark)
    if word[-1:].islower() and len(word) > 1 and word not in _ABBREVIATIONS:
        if "." not in word and "-" not in word:
            return True  # the common case: an ordinary word ("said.") ends the sentence
    return _special_word_ends_sentence(text, word, mark, after)


def _glued_sentence_end(text: str, start: int, after: int) -> int:
    """Where a sentence glued to the next one ("out.\"Anne", "rest.Then") ends.

    A quote between them closes this sentence if it is ” or an odd straight quote in it.
    """
    quote = text[after]
    if quote == "”" or (quote == '"' and text.count('"', start, after) % 2 == 1):
        return after + 1
    return after


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans never overlap, are never empty, never start or end with whitespace, and together
    cover every non-whitespace character of ``text``.
    """
    spans: list[tuple[int, int]] = []
    first = _FIRST_NON_SPACE.search(text)
    if first is None:
        return spans
    start = first.start()
    wrap = _WrapWidth(text)
    find, append = text.find, spans.append  # hot loop: one iteration per candidate
    for match in _CANDIDATE.finditer(text, start):
        branch = match.lastindex
        if branch == _TERMINAL:
            end, after = match.span(1)  # terminal punctuation ends a span: nothing to strip
            newline = find("\n", end, after)
            if newline != -1 and (
                find("\n", newline + 1, after) != -1  # a blank line
                or _line_break_ends_sentence(text, newline, after, wrap)
            ):
                pass
            elif not _punctuation_ends_sentence(text, match.start(), after):
                continue
            append((start, end))
            start = after
            continue
        mark = match.start()
        if branch == _LINE_BREAK:
            if not _line_break_ends_sentence(text, mark, match.end(), wrap):
                continue
            end, after = mark, match.end()
        elif branch == _BULLET:
            if mark > 0 and not text[mark - 1].isspace():
                continue
            end = after = mark
        else:
            end = after = _glued_sentence_end(text, start, match.end())
        sentence = text[start:end].rstrip()
        if sentence:
            spans.append((start, start + len(sentence)))
        start = after
    tail = text[start:].rstrip()
    if tail:
        spans.append((start, start + len(tail)))
    return spans


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """The sentences of ``article.clean_text``, numbered from 0."""
    text = article.clean_text
    return tuple(
        Sentence(article.id, position, start, end, text[start:end])
        for position, (start, end) in enumerate(split_sentences(text))
    )
