"""The line classifier: is one paragraph boilerplate, judged on its own text?

Owns the context-free features of a paragraph (length, sentence punctuation, second-person
address, imperative promo openings, boilerplate phrases, credits and positional captions,
icon-name runs, shouted and labelled teasers, lines that are a label and a bare link,
separators, menus and lists) and the reason string for a drop. Decisions that need the neighbouring lines (position
before the headline, teasers next to a "Read more", the junk tail) live in layout.py.

The features are meant to generalize: phrases are the stock vocabulary of site chrome, not
lines copied from any one site. Long lines (over 60 words) are content here unless a photo
credit closes them: no other chrome is that long, and skipping them keeps the classifier
fast. Long sentences (25+ words) are cleared by a few substring scans (_plain_sentence)
unless one of them finds a signal.
"""

from __future__ import annotations

import os
import re

from storyline.clean.phrases import (
    BODY_TRIGGERS,
    CREDIT_FIRST,
    CREDIT_STARTS,
    MOST_LABEL,
    STRONG_KEYS,
    BRACKETED,
    READER_TRIGGERS,
    RELATED_LABEL,
    SHOUTED_LABEL,
    TAG_PREFIX,
    TEASER_END,
    TEASER_FIRST,
    TEASER_PREFIX,
    TIMESTAMP,
    TIMESTAMP_FIRST,
    WORD,
    archive_notice,
    credit_word,
    photo_credit,
    positional_caption,
    strong_phrase,
    weak_phrase,
    words_of,
)
from storyline.clean.reflow import URL_ONLY

try:  # C: one pass that clears most body sentences before they are lowercased (_scan.c)
    from storyline.clean import _scan
except ImportError:  # not built: the Python checks below decide alone, with the same result
    _scan = None
if os.environ.get("STORYLINE_PURE_PYTHON") == "1":
    _scan = None
_scan_plain = _scan.plain_sentence if _scan is not None else None
_scan_mid = _scan.plain_mid if _scan is not None else None

LONG_LINE_WORDS = 60
# A sentence this long is body text unless it carries a credit, a copyright or a pitch to
# the reader: such lines skip the phrase tables (most of the text, so most of the time).
_BODY_FAST_WORDS = 25
_BODY_AND_READER_TRIGGERS = BODY_TRIGGERS + READER_TRIGGERS
BODY_TRIGGERS_START = ("a version of this", "with assistance", "— with assistance", "-- with assistance")

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
# The first words a teaser opens with (TEASER_PREFIX's words).
_TEASER_WORDS = frozenset("related read see more also watch listen recommended most photo photos video videos "
                          "slideshow gallery".split())
# A sentence of this many words (up to _BODY_FAST_WORDS) is too long for the checks of short
# lines (timestamps, weak words), so the C scan can clear it when it says nothing else.
_MID_WORDS = 13
if _scan_mid is not None:
    try:
        _scan.configure(STRONG_KEYS, _IMPERATIVES | _TEASER_WORDS)
    except ValueError:  # a word the scan cannot hold (over 16 letters): leave those lines to Python
        _scan_mid = None
_PROMO_NOUNS = re.compile(
    r"(?<![\w-])(?:access|offers?|trial|subscription|newsletters?|apps?|free|exclusives?|insights|account"
    r"|articles|stories|updates|alerts|deals|premium|unlimited|latest|coverage)(?![\w-])"
)
_QUESTION = re.compile(r"\?(?:[\s\"'”’)]|$)")  # a question mark that ends a question, not one in a URL
# Separators of menu items: one regex pass counts them all (a mark never overlaps another).
_LIST_MARK = re.compile(r"[,|•·/>»]| - ")
_NOT_LIST_BYTES = bytes(b for b in range(256) if b not in b",|/>")  # the ASCII marks of the class
_ALNUM = re.compile(r"[^\W_]")
_DATED_OR_QUOTED = re.compile(r"\d{4}|[\"“”]")
# A short line carrying a bare web address: "More info: http://...", "Tumblr: http://...".
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_LABEL_COLON = re.compile(r"^[a-z]+(?: [a-z]+)?: ")
_LIST_SPLIT = re.compile(r"\s*(?:[,|•·/>»]|\s-\s)\s*")


def _headline_case(text: str) -> bool:
    """Title Case or capitals, as a teaser headline is: "LUPICA: HEAT WILL...", "STORY: Tony
    Scott's Death: Witness Says...". A transcript's "GEORGE STEPHANOPOULOS: Do you have an
    iPad or just--" goes on in sentence case: it is speech, not a teaser."""
    long_words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    return not long_words or sum(word[0].isupper() for word in long_words) >= 0.6 * len(long_words)


def ascii_case(high: bytes | None) -> bool:
    """Whether ``str.lower`` changes only ASCII letters in a text whose non-ASCII characters
    are ``high`` (their UTF-8; None when unknown): then a paragraph lowercases as its UTF-8
    bytes do. For the curly quotes and dashes that make most paragraphs non-ASCII that is
    60% of the cost (val250: 18M against 31M instructions), since ``str.lower`` looks up
    the full Unicode case mapping of every character of a non-ASCII string.
    Lowercasing is per character (the final sigma, the one exception, is not lowercase), and
    ``bytes.lower`` touches only ASCII bytes, which never occur inside a multi-byte character."""
    if high is None:
        return False
    other = high.decode()
    return other.lower() == other


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def ends_sentence(text: str) -> bool:
    """Ends with . ! ? or an ellipsis, possibly inside closing quotes or brackets."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…", "。", "！", "？")


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
        match = WORD.match((_BULLET.sub("", lower) if lower[:1] in _BULLET_CHARS else lower).lstrip(_OPENERS))
        first = match.group() if match else ""
    if first in _IMPERATIVES and words <= 40:
        outside = _unquoted(lower)
        # "Try 3 months..." sells; "Try listening to your body..." advises: advice in a how-to
        # names no offer, so a long imperative line to the reader needs a promo noun too.
        if (_SECOND_PERSON.search(outside) or _FIRST_PLURAL.search(outside)) and (
            words <= 12 or _PROMO_NOUNS.search(outside)
        ):
            return True
        # "Get trusted insights...": a short pitch naming what is on offer. Longer lines that
        # open with a verb and mention "free" or "stories" are ordinary sentences.
        if (words <= 10 and _PROMO_NOUNS.search(outside)) or (words <= 6 and not ends_sentence(text)):
            return True
    if words > 30 or "you" not in lower:
        return False
    outside = _unquoted(lower)  # addresses_reader, with the unquoted text kept for the nouns
    return bool(_SECOND_PERSON.search(outside)) and bool(_PROMO_NOUNS.search(outside))


def is_reader_question(text: str, words: int) -> bool:
    """A question put to the reader ("Do you live in Asia?") or a bulleted poll question.

    Interviews are full of such questions too, so layout.py only drops them after the
    article's last real paragraph, where polls sit.
    """
    if "?" not in text or words > 40 or not _QUESTION.search(text):
        return False
    lower = text.lower()
    return addresses_reader(lower) or bool(_BULLET.match(lower))


def _list_marks(text: str) -> int:
    """``len(_LIST_MARK.findall(text))``: no mark overlaps another (" - " holds no character
    of the class), so in ASCII the marks are the class's bytes, which one bytes pass keeps,
    plus the non-overlapping " - ". The regex tries its alternation at every position."""
    if text.isascii():
        return len(text.encode().translate(None, _NOT_LIST_BYTES)) + text.count(" - ")
    return len(_LIST_MARK.findall(text))


def _is_list(text: str, words: int) -> bool:
    """A menu, breadcrumb or tag list: three or more short items and no sentence."""
    if words > 20 or _list_marks(text) < 2:
        return False
    if _DATED_OR_QUOTED.search(text):
        return False  # '"SOS," May 13, 2006': a line of a chart or a table, not a menu
    items = [item for item in _LIST_SPLIT.split(text) if item]
    return len(items) >= 3 and all(item.count(" ") <= 2 for item in items)


def sentence_like(text: str, lower: str, words: int, ends: bool | None = None) -> bool:
    """A plain statement: six or more words, final punctuation (or a colon introducing a
    quote or a list: "She shared part of an email:"), not addressed to the reader.

    ``ends`` is ``ends_sentence(text)`` when the caller has it."""
    if words < 6:
        return False
    if ends is None:
        ends = ends_sentence(text)
    return (ends or text[-1] == ":") and not addresses_reader(lower)




def _plain_sentence(lower: str) -> bool:
    """A long sentence (lowercased) that cannot carry a boilerplate signal: most body text is
    cleared by these few C-level scans instead of the full run of checks below."""
    if lower[-1] == ")" or "you" in lower or (lower[0] in CREDIT_FIRST and lower.startswith(CREDIT_STARTS)):
        return False
    if "left" in lower and positional_caption(lower):
        return False
    if ("{" in lower and "{{" in lower) or "©" in lower or "sign up" in lower or "crawl" in lower:  # anywhere
        return False
    # Credits and notices close a line ("... contributed to this report.", "All rights
    # reserved."): only the tail needs the longer list.
    tail = lower[-90:]
    if "reserved" in tail or "contributed" in tail or credit_word(tail):
        return False
    return not lower.startswith(BODY_TRIGGERS_START)


def line_reason(text: str, words: int, ends: bool, ascii_lower: bool = False) -> str | None:
    """Why ``text`` (one paragraph) is boilerplate on its own, or None if it may be content.

    ``words`` and ``ends`` are its ``word_count`` and ``ends_sentence``, computed once by
    the caller. "short non-sentence line" is the one reason layout.py may overrule: the
    headline is often short and unpunctuated. ``ascii_lower`` says the caller knows that
    lowercasing changes none of the text's non-ASCII characters (see ``ascii_case``).
    """
    if words > LONG_LINE_WORDS:
        # Only a credit closing a long caption ("... both 13. (Photo: J. Doe/Courier)"), or a
        # web archive's notice standing in for the page it captured.
        if archive_notice(text):
            return "boilerplate phrase: web archive notice"
        return "photo credit" if text[-1] == ")" and photo_credit(text[-90:].lower(), True) else None
    if ends and words >= _MID_WORDS:
        scan = _scan_plain if words >= _BODY_FAST_WORDS else _scan_mid
        if scan is not None and scan(text, ascii_lower):
            return None  # what the checks below would say, found without lowercasing the line
    lower = text.encode().lower().decode() if ascii_lower and not text.isascii() else text.lower()
    if words >= _BODY_FAST_WORDS and ends:
        if _plain_sentence(lower):
            return None
        reader = "you" in lower
        for trigger in _BODY_AND_READER_TRIGGERS if reader else BODY_TRIGGERS:
            if trigger in lower:
                break
        else:
            if reader and is_promotional(text, lower, words):
                return "promotional"
            if positional_caption(lower):
                return "photo caption"
            return "photo credit" if photo_credit(lower, True) else None
    if words == 1 and URL_ONLY.match(text):
        return "link residue"
    if not text[0].isalnum() and not _ALNUM.search(text):
        return "separator"  # "- - - -", "* * *": rules and ornaments, no words
    tokens = words_of(lower)
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
    if "left" in lower and positional_caption(lower):
        return "photo caption"
    # "CLOSE" is the label of a video player's close button, glued to the video's caption.
    if text[0] in "CM" and (text.startswith("CLOSE ") or (text[:4] == "MOST" and MOST_LABEL.match(lower))):
        return "photo caption" if text[0] == "C" else "read-more teaser"
    bulleted = lower[0] in _BULLET_CHARS and bool(_BULLET.match(lower))
    # Never empty: a line without a letter or digit went as a separator above.
    bare = _BULLET.sub("", lower) if bulleted else lower
    if words <= 25 and (
        (bare[0] in TEASER_FIRST and TEASER_PREFIX.match(bare))
        or ("more" in bare and TEASER_END.search(bare))
        or (bare[0] == "[" and BRACKETED.match(bare))
    ):
        return "read-more teaser"
    if not ends and words <= 20 and text[1:2].isupper():
        label = SHOUTED_LABEL.match(text)
        # A shouted name needs a headline after it; "RELATED", "WATCH" and the like do not.
        if label and (label.group(1) or _headline_case(text[label.end() :])):
            return "read-more teaser"
    if words <= 60 and text[0] == "R" and RELATED_LABEL.match(text):
        return "read-more teaser"
    if bulleted and _LABEL_COLON.match(bare):
        return "read-more teaser"  # "► Update: Man charged ...": a labelled link in a list
    if words <= 15 and ("http" in lower or "www." in lower) and (words <= 10 or not sentence_like(text, lower, words, ends)):
        if _BARE_URL.search(text):
            return "link line"
    if text[0] == "(" and text[-1] == ")" and words <= 8 and not ends and text.count("(") == 1:
        return "photo credit"  # "(Orange County Sheriff's Department)": a credit on its own
    if words <= 12 and bare[0] in TIMESTAMP_FIRST and TIMESTAMP.match(bare):
        return "boilerplate phrase: timestamp"
    if words <= 12 and not sentence_like(text, lower, words, ends):
        weak = weak_phrase(lower, tokens)
        if weak:
            return "boilerplate phrase: " + weak
    # The first word counts only as an imperative: test that before stripping openers.
    first = tokens[0] if tokens and tokens[0] in _IMPERATIVES and bare.lstrip(_OPENERS).startswith(tokens[0]) else ""
    # Without an imperative opening, only a line saying "you" can be promotional.
    if (first in _IMPERATIVES or "you" in lower) and is_promotional(text, lower, words, first):
        return "promotional"
    if not ends and ((":" in bare and TAG_PREFIX.match(bare)) or (words <= 20 and _is_list(text, words))):
        return "menu or tag list"
    if words <= 4 and not ends and not (words >= 2 and _MONEY_OR_AMOUNT.search(text)):
        return "short non-sentence line"
    if bulleted and words <= 6 and not ends:
        return "short non-sentence line"  # "• G7 Summit": a bulleted item, not a sentence
    return None
