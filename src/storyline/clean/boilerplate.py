"""The line classifier: is one paragraph boilerplate, judged on its own text?

Owns the context-free features of a paragraph (length, sentence punctuation, second-person
address, imperative promo openings, boilerplate phrases, credits, icon-name runs, lists)
and the reason string for a drop. Decisions that need the neighbouring lines (position
before the headline, teasers next to a "Read more", the junk tail) live in layout.py.

The features are meant to generalize: phrases are the stock vocabulary of site chrome, not
lines copied from any one site. Long lines (over 60 words) are always content here: no
chrome is that long, and skipping them keeps the classifier fast.
"""

from __future__ import annotations

import re

from storyline.clean.phrases import (
    BODY_TRIGGERS,
    BRACKETED,
    READER_TRIGGERS,
    TAG_PREFIX,
    TEASER_END,
    TEASER_PREFIX,
    TIMESTAMP,
    WORD,
    photo_credit,
    strong_phrase,
    weak_phrase,
)
from storyline.clean.reflow import URL_ONLY

LONG_LINE_WORDS = 60
# A sentence this long is body text unless it carries a credit, a copyright or a pitch to
# the reader: such lines skip the phrase tables (most of the text, so most of the time).
_BODY_FAST_WORDS = 25
_BODY_AND_READER_TRIGGERS = BODY_TRIGGERS + READER_TRIGGERS

_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘([ "
_MONEY_OR_AMOUNT = re.compile(r"[$€£¥]\s?\d|\d\s?(?:%|percent|million|billion|km|miles)\b", re.I)
_CAMEL = re.compile(r"[a-z][A-Z]")
_NOT_UPPER = bytes(b for b in range(256) if not 0x41 <= b <= 0x5A)
_BULLET_CHARS = "•·▪●◦‣►▶■□*-"
_BULLET = re.compile(r"^[•·▪●◦‣►▶■□*-]\s*")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")
# "you" as a word, not inside "all-you-can-eat".
_SECOND_PERSON = re.compile(r"(?<![\w-])(?:you|your|yours|you're|you’re|you'll|you’ll|you've|you’ve)(?![\w-])")
_FIRST_PLURAL = re.compile(r"(?<![\w-])(?:our|us|we'll|we’ll)(?![\w-])")
# Verbs a promo opens with: "Get trusted insights", "Stay ahead", "Try 3 months for $9".
_IMPERATIVES = frozenset(
    "get try see stay sign join subscribe follow download click tap read watch listen find "
    "discover explore enjoy support donate register share learn keep upgrade unlock claim "
    "visit start create log".split()
)
_PROMO_NOUNS = re.compile(
    r"(?<![\w-])(?:access|offers?|trial|subscription|newsletters?|apps?|free|exclusives?|insights|account"
    r"|articles|stories|updates|alerts|deals|premium|unlimited|latest|coverage)(?![\w-])"
)
_QUESTION = re.compile(r"\?(?:[\s\"'”’)]|$)")  # a question mark that ends a question, not one in a URL
_LIST_MARKS = (",", "|", "•", "·", "/", ">", "»", " - ")
_LIST_SPLIT = re.compile(r"\s*(?:[,|•·/>»]|\s-\s)\s*")


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def ends_sentence(text: str) -> bool:
    """Ends with . ! ? or an ellipsis, possibly inside closing quotes or brackets."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _unquoted(lower: str) -> str:
    """The text outside quotation marks: a speaker saying "you" is not the site saying it."""
    return _QUOTED.sub(" ", lower) if ('"' in lower or "“" in lower or "‘" in lower) else lower


def addresses_reader(lower: str) -> bool:
    return "you" in lower and bool(_SECOND_PERSON.search(_unquoted(lower)))


def is_promotional(text: str, lower: str, words: int, first: str | None = None) -> bool:
    """An imperative promo opening ("Get trusted insights...") or second-person selling.

    ``first`` is the first word of ``lower`` (letters only) when the caller has it.
    """
    if first is None:
        match = WORD.match(_BULLET.sub("", lower).lstrip(_OPENERS))
        first = match.group() if match else ""
    if first in _IMPERATIVES and words <= 40:
        outside = _unquoted(lower)
        if _SECOND_PERSON.search(outside) or _FIRST_PLURAL.search(outside):
            return True
        # "Get trusted insights...": a short pitch naming what is on offer. Longer lines that
        # open with a verb and mention "free" or "stories" are ordinary sentences.
        if (words <= 10 and _PROMO_NOUNS.search(outside)) or (words <= 6 and not ends_sentence(text)):
            return True
    return words <= 30 and addresses_reader(lower) and bool(_PROMO_NOUNS.search(_unquoted(lower)))


def is_reader_question(text: str, words: int) -> bool:
    """A question put to the reader ("Do you live in Asia?") or a bulleted poll question.

    Interviews are full of such questions too, so layout.py only drops them after the
    article's last real paragraph, where polls sit.
    """
    if "?" not in text or words > 40 or not _QUESTION.search(text):
        return False
    lower = text.lower()
    return addresses_reader(lower) or bool(_BULLET.match(lower))


def _is_list(text: str, words: int) -> bool:
    """A menu, breadcrumb or tag list: three or more short items and no sentence."""
    if words > 20 or sum(text.count(mark) for mark in _LIST_MARKS) < 2:
        return False
    items = [item for item in _LIST_SPLIT.split(text) if item]
    return len(items) >= 3 and all(item.count(" ") <= 2 for item in items)


def sentence_like(text: str, lower: str, words: int) -> bool:
    """A plain statement: six or more words, final punctuation, not addressed to the reader."""
    return words >= 6 and ends_sentence(text) and not addresses_reader(lower)


def line_reason(text: str, words: int, ends: bool) -> str | None:
    """Why ``text`` (one paragraph) is boilerplate on its own, or None if it may be content.

    ``words`` and ``ends`` are its ``word_count`` and ``ends_sentence``, computed once by
    the caller. "short non-sentence line" is the one reason layout.py may overrule: the
    headline is often short and unpunctuated.
    """
    if words > LONG_LINE_WORDS:
        return None
    lower = text.lower()
    if words >= _BODY_FAST_WORDS and ends:
        reader = "you" in lower
        for trigger in _BODY_AND_READER_TRIGGERS if reader else BODY_TRIGGERS:
            if trigger in lower:
                break
        else:
            if reader and is_promotional(text, lower, words):
                return "promotional"
            return "photo credit" if photo_credit(lower, True) else None
    if words == 1 and URL_ONLY.match(text):
        return "link residue"
    tokens = WORD.findall(lower)
    name = strong_phrase(lower, tokens)
    if name:
        return name if name == "template placeholder" else "boilerplate phrase: " + name
    if not ends and words >= 4:
        if "created with sketch" in lower:
            return "icon run"
        # Icon names glued together ("IconIcon FacebookIcon") have more capitals than words;
        # counting A-Z bytes is a fast C pass that spares most lines the camel-case regex.
        if len(text.encode().translate(None, _NOT_UPPER)) >= words + 4:
            camels = len(_CAMEL.findall(text))
            if camels >= 4 and camels * 3 >= words:
                return "icon run"
    if photo_credit(lower, words >= _BODY_FAST_WORDS):
        return "photo credit"
    bulleted = lower[0] in _BULLET_CHARS and bool(_BULLET.match(lower))
    bare = _BULLET.sub("", lower) if bulleted else lower
    if words <= 25 and (TEASER_PREFIX.match(bare) or TEASER_END.search(bare) or BRACKETED.match(bare)):
        return "read-more teaser"
    if words <= 12 and TIMESTAMP.match(bare):
        return "boilerplate phrase: timestamp"
    if words <= 12 and not sentence_like(text, lower, words):
        weak = weak_phrase(lower, tokens)
        if weak:
            return "boilerplate phrase: " + weak
    first = tokens[0] if tokens and bare.lstrip(_OPENERS).startswith(tokens[0]) else ""
    if is_promotional(text, lower, words, first):
        return "promotional"
    if not ends and (TAG_PREFIX.match(bare) or _is_list(text, words)):
        return "menu or tag list"
    if words <= 4 and not ends and not (words >= 2 and _MONEY_OR_AMOUNT.search(text)):
        return "short non-sentence line"
    if bulleted and words <= 6 and not ends:
        return "short non-sentence line"  # "• G7 Summit": a bulleted item, not a sentence
    return None
