"""Re-flow: turn normalized lines into paragraphs, one logical paragraph per item.

Owns the decision "is this line the continuation of the previous one?". Scrapes come in two
shapes: hard-wrapped text (every line cut near a fixed width, single newlines inside a
paragraph, blank lines between paragraphs) and one-paragraph-per-line text (single newlines
between complete paragraphs). The shape is decided once per document from line lengths, so a
run of short menu lines is never glued into a paragraph. Link residue lines (a bare
``<https://...>`` left on its own line by the wrap) are transparent: they attach to the text
around them, and links.py removes them later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import is_not

# A line that is nothing but a link, as scrapes leave it: "<https://...>" or a bare URL.
URL_ONLY = re.compile(r"^\s*(?:<(?:https?://|www\.)[^<>\s]*>|(?:https?://|www\.)\S+)\s*$", re.I)
# Lines that always stand alone: a "Read more" marker and bulleted items.
_HARD_LINE = re.compile(r"^\s*(?:read more\W*$|[•·▪●◦‣►▶■□]\s|[-*]\s)", re.I)
# One or more blank (or all-space) lines between blocks.
_BLANK_RUN = re.compile(r"(\n(?: *\n)+)")
_TERMINAL = frozenset(".!?:\"”")
# Text that carries on a sentence after a link: the wrap put it on a new line.
_CONTINUES_AFTER_LINK = frozenset(",.;:!?)]’”'–—-")


@dataclass(slots=True)
class Paragraphs:
    """The logical paragraphs of a text, as parallel lists.

    ``texts[i]`` is paragraph i: its stripped source lines joined with single spaces.
    ``starts[i]`` is the character offset of its first line in the normalized text, and
    ``lines[i]``, only for re-flowed paragraphs, holds (offset, line) for each source line,
    so later steps can say which line a removed link or a dropped paragraph came from.
    ``one_line`` says the text had one line per paragraph and a blank line between them:
    then paragraph i is line 2i + 1, with no newline to count.
    Offsets, not line numbers, are kept: counting newlines is only worth doing for the few
    paragraphs that get reported. Parallel lists, not one object per paragraph, because
    this is the hot path of cleaning.
    """

    starts: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    lines: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    one_line: bool = False

    def add(self, lines: list[tuple[int, str]]) -> None:
        if len(lines) > 1:
            self.lines[len(self.texts)] = tuple(lines)
            self.texts.append(" ".join(line for _, line in lines))
        else:
            self.texts.append(lines[0][1])
        self.starts.append(lines[0][0])


def _hard_wrap_width(raw_lines: list[str]) -> int | None:
    """Return the wrap width if the document is hard-wrapped, else None.

    Hard-wrapped text has a tight ceiling on line length (typically 70-100 columns) with most
    paragraph lines close to it, and many lines followed directly by another line. Lines
    holding links are ignored: the link often pushed them past the width.
    """
    lengths: list[int] = []
    followed = 0
    previous_nonblank = False
    for raw in raw_lines:
        line = raw.rstrip()
        if not line:
            previous_nonblank = False
            continue
        if previous_nonblank:
            followed += 1
        previous_nonblank = True
        if "http" in line or "www." in line:
            continue
        lengths.append(len(line))
    if len(lengths) < 6:
        return None
    lengths.sort()
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 50 <= width <= 110:
        return None
    too_long = sum(1 for n in lengths if n > width + 10)
    near_full = sum(1 for n in lengths if n >= 0.6 * width)
    if too_long > 0.05 * len(lengths) or near_full < 0.5 * len(lengths):
        return None
    if followed < 0.3 * len(lengths):
        return None
    return width


def _continues(prev_raw: str, prev: str, raw: str, line: str, full: int | None) -> bool:
    """Whether ``line`` carries on the paragraph whose last line is ``prev``."""
    if _HARD_LINE.match(prev_raw) or _HARD_LINE.match(raw):
        return False
    if line.startswith(("<http", "<www.")):
        return True  # a link pushed onto the next line by the wrap belongs to the text before it
    if URL_ONLY.match(prev):
        # After a wrapped "<link>" the sentence goes on only if the text starts the way a
        # continuation does: the scrape kept the space that followed the link, or punctuation
        # or lowercase. A bare URL on its own line is leftover junk and stands alone.
        if not prev.startswith("<"):
            return False
        return raw[:1] == " " or line[0] in _CONTINUES_AFTER_LINK or line[0].islower()
    first = line[0]
    if first.islower() and not line[1:2].isupper() and prev[-1] not in _TERMINAL:
        return True  # "...exclusives on Asia;" / "the most dynamic..." style fragments
    return full is not None and len(prev_raw.rstrip()) >= 0.6 * full


def paragraphs(text: str) -> Paragraphs:
    """Split normalized ``text`` into paragraphs, joining wrapped lines.

    Blocks between blank lines come from one regex split; a block without an inner newline
    (the common case) is a paragraph as is, so only multi-line blocks pay for line logic.
    """
    simple = _one_line_paragraphs(text)
    if simple is not None:
        return simple
    out = Paragraphs()
    starts, texts = out.starts, out.texts
    width: int | None = None
    width_known = False
    parts = _BLANK_RUN.split(text)
    position = 0
    last = len(parts) - 1
    for index in range(0, len(parts), 2):
        block = parts[index]
        if "\n" not in block:
            line = block.strip()
            if line:
                starts.append(position + len(block) - len(block.lstrip()))
                texts.append(line)
        else:
            if not width_known:
                width, width_known = _hard_wrap_width(text.split("\n")), True
            _join_block(block, position, width, out)
        position += len(block) + (len(parts[index + 1]) if index < last else 0)
    return out


def _one_line_paragraphs(text: str) -> Paragraphs | None:
    """The paragraphs of text in the commonest shape, one line each with one empty line
    between them, or None for any other shape. Splitting on the single newline and checking
    the shape are C passes over the text, cheaper than the blank-run regex and the block loop.
    """
    lines = text.split("\n")
    if not len(lines) % 2 or any(lines[1::2]):
        return None
    blocks = lines[0::2]
    texts = list(map(str.strip, blocks))
    if not all(texts):
        return None  # a blank line of spaces: the general path decides how it joins blocks
    starts = list(accumulate(map(_PLUS_SEPARATOR, map(len, blocks)), initial=0))
    starts.pop()
    for index in compress(count(), map(is_not, blocks, texts)):  # lines with outer spaces
        block = blocks[index]
        starts[index] += len(block) - len(block.lstrip())
    return Paragraphs(starts, texts, one_line=True)


_PLUS_SEPARATOR = (2).__add__  # a line's length plus the "\n\n" after it


def _join_block(block: str, start: int, full: int | None, out: Paragraphs) -> None:
    """Re-flow one blank-line-delimited block of several lines into paragraphs."""
    current: list[tuple[int, str]] = []
    prev_raw = ""
    offset = start
    for raw in block.split("\n"):
        line = raw.strip()
        line_start = offset + len(raw) - len(raw.lstrip())
        offset += len(raw) + 1
        if not line:
            continue
        if current and _continues(prev_raw, current[-1][1], raw, line, full):
            current.append((line_start, line))
        else:
            if current:
                out.add(current)
            current = [(line_start, line)]
        prev_raw = raw
    if current:
        out.add(current)
