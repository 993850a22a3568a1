"""Link residue: remove inline ``<https://...>`` targets and repair the words they glued.

Plain-text scrapes of HTML keep a link as "anchor text <https://target>" and often eat the
space before the anchor: "to meetDonald Trump <https://...> on Thursday". This module owns
removing the target and putting that space back. Repairs are made only inside the anchor
window, the few words right before a link in the same sentence, so legitimate camel-case
words elsewhere ("McDonald", "iPhone", "YouTube", "PlayStation") are never touched.
"""

from __future__ import annotations

import re

# An inline link target, with the spaces the scrape put before it.
_LINK = re.compile(r" *<(?:https?://|www\.)[^<>\s]*>", re.I)
# Markdown-style residue: keep the anchor text, drop the target.
_MD_LINK = re.compile(r"\[([^\[\]]{1,300})\]\((?:https?://|www\.)[^()\s]*\)", re.I)
# A sentence end inside the window: the anchor cannot start before it.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]? ")
# "meetDonald" / "theAsia": a lowercase word start run straight into a capitalised word.
_CAPITAL_GLUE = re.compile(r"\b([a-z]{2,})([A-Z][a-z]+)")
# "pact,now": punctuation with no space after it, between two lowercase words.
_PUNCT_GLUE = re.compile(r"(?<=[a-z])([,;])(?=[a-z]{2,}\b)")
# "hehinted" / "theembattled": a function word run into a lowercase anchor. The prefixes are
# the words that most often precede a link; rarer ones would add false splits for no gain.
_LOWER_GLUE = re.compile(
    r"\b(the|he|she|his|their|its|our|to|of|on|with|and|from|by|was|has|had|were|said)"
    r"([a-z]{4,})\b"
)
# Real words that the lowercase pattern above would split: never touch these.
_REAL_WORDS = frozenset(
    """
    thematic theme themed themes themselves thence theology theologian theorem theoretical
    theories theorist theory therapeutic therapies therapist therapy there thereafter thereby
    therefore therein thereof thermal thermometer thermostat these thesis theater theaters
    theatre theatres theatrical theft thefts theirs
    head headed header heading headline headlines headquarters heads heal healing health
    healthy heap heard hearing hearings heart hearts heat heated heating heaven heavily heavy
    hedge heel height heights heir heist hefty helicopter helicopters hello helmet help helped
    helpful helping helps hence henceforth herald here heritage hero heroes heroic heroin
    hesitant hesitate herbs herds
    shelter shelters shell shells shelf sheriff sheet sheets sheep shepherd sheikh sheer shelves
    history historic historical historian historians histories
    itself ourselves
    today together tomorrow tonight toward towards topic topics total totally touch touched
    touching tough tougher tour touring tourism tourist tourists tournament tower towers town
    towns toxic tobacco token tolerance tolerate tomato tongue tools topple toppled torch
    tornado torpedo torture tortured toilet toddler
    office officer officers offices official officials offer offered offering offers offense
    offensive offshore offset offspring
    online onto onset onward onwards ongoing
    within without withdraw withdrawal withdrawals withdrawing withdrawn withdrew withhold
    withholding withheld withstand withstood wither
    android anders anderson andrew andrews andes andorra
    bypass byline bystander bystanders byproduct
    washing wasted waste wasteful wastewater hassle hasten hastily
    """.split()
)
# Spaces before punctuation are what is left when a link sat between a word and a comma.
_AFTER_LINK_PUNCT = frozenset(",.;:!?)]’”")
_WINDOW_WORDS = 8


def _window_start(text: str, start: int, end: int) -> int:
    """Index where the anchor window before a link at ``end`` begins (``start`` at most)."""
    last = start
    for match in _SENTENCE_END.finditer(text, start, end):
        last = match.end()
    # Keep only the last few words: an anchor is short, and a small window means few chances
    # to touch an innocent word.
    position = end
    for _ in range(_WINDOW_WORDS):
        space = text.rfind(" ", last, position - 1)
        if space < 0:
            return last
        position = space + 1
    return max(last, position)


def _repair(window: str, document: str) -> str:
    """Put back the one space the scrape ate at the start of the anchor in ``window``."""
    capitals = list(_CAPITAL_GLUE.finditer(window))
    if capitals:
        match = capitals[-1]  # the one nearest the link: the anchor starts there
        return f"{window[:match.start(2)]} {window[match.start(2):]}"
    punctuation = list(_PUNCT_GLUE.finditer(window))
    if punctuation:
        cut = punctuation[-1].end()
        return f"{window[:cut]} {window[cut:]}"
    for match in _LOWER_GLUE.finditer(window):
        word = match.group(0)
        # A word that also occurs elsewhere in the document is a real word, not residue.
        if word in _REAL_WORDS or document.count(word) > 1:
            continue
        return f"{window[:match.start(2)]} {window[match.start(2):]}"
    return window


def strip_links(text: str, document: str) -> tuple[str, list[str]]:
    """Remove link residue from one paragraph and repair the glued anchor words.

    ``document`` is the whole text, used to tell real words from glued ones. Returns the
    repaired paragraph and the removed link targets (for the dropped-lines report).
    """
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "<" not in text:
        return text, []
    pieces: list[str] = []
    removed: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        begin = _window_start(text, position, match.start())
        pieces.append(text[position:begin])
        pieces.append(_repair(text[begin : match.start()], document))
        removed.append(match.group(0).strip())
        position = match.end()
        # "president <https://...> , Park" -> "president, Park"
        if text[position : position + 1] == " " and text[position + 1 : position + 2] in _AFTER_LINK_PUNCT:
            position += 1
    if not removed:
        return text, []
    pieces.append(text[position:])
    return "".join(pieces).strip(), removed
