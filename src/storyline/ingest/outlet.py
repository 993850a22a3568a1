"""Guessing which outlet published a document, for ``RawDocument.outlet``.

Metadata wins (the page's URL, then its declared site name); scraped text without metadata
often still names its outlet, either in a trailer the site appends to captions and headlines
("... 2017. - Sputnik International") or through its inline links, which mostly point back at
the outlet's own site (``<https://www.theguardian.com/world/japan>``). When nothing tells, the
file name stem stands in, so every document has some outlet to show.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from storyline.ingest.domains import host_of, known_outlet, outlet_for_host, registrable_domain
from storyline.ingest.fields import clean_field

MAX_OUTLET_CHARS = 60  # a "site name" longer than this is a tagline, not a name

# A dash or bar, then 1-6 capitalised words (small joining words allowed) ending the line.
_TRAILER = re.compile(
    r"(?:^|[ \t])[-–—|][ \t]+"
    r"((?:[A-Z][\w&'.]*)(?:[ \t]+(?:[A-Z][\w&'.]*|of|the|and|for|de|&)){0,5})[ \t]*$",
    re.MULTILINE,
)
# The site's paywall, subscription and copyright chrome names the site itself. Only phrases
# that name the publisher, never a photo agency: "© AP Photo / ..." is a credit, so a
# copyright line counts only with a year, without a slash after it, and not for an agency.
# Atomic (?>...): a name that fails the lookahead must not shrink into a match ("Getty Image").
_NAME = r"(?>((?:The[ \t]+)?[A-Z][\w&'-]*(?:[ \t]+(?:[A-Z][\w&'-]*|of|the|and|&)){0,4}))"
_CHROME = re.compile(
    r"(?i:\b(?:access|subscription)[ \t]+to|\bsubscribe[ \t]+to)[ \t]+(?:the[ \t]+)?"
    + _NAME + r"[ \t]+(?:has expired|today\b|now\b)"
    + r"|(?:Copyright|©)[ \t]*(?:©[ \t]*|\(c\)[ \t]*)?(?:19|20)\d\d(?:[-–][ \t]*(?:19|20)\d\d)?,?[ \t]+"
    + _NAME + r"(?![ \t]*/)"
)
_PICTURE_AGENCY = re.compile(r"\b(?:Getty|Shutterstock|Alamy|EPA|Photos?|Images?)\b")
_ANGLE_LINK = re.compile(r"<(https?://[^\s<>]+)>")
_SOURCE_SUFFIX = re.compile(r"(?::\d+)?(?:#doc\d+)?$")  # path:LINE#docN, as JSONL sources are
_TRAILER_MIN = 2  # one "- Name" line may be a byline; a trailer repeats
_LINKS_MIN = 3
_LINKS_SHARE = 0.5


def guess_outlet(
    text: str,
    url: str | None,
    source: str,
    *,
    sitename: str | None = None,
    fallback: str | None = None,
) -> str:
    """The best guess at a document's outlet; never empty.

    Tries, in order: the URL's domain when it is a well-known outlet, the declared
    ``sitename``, the URL's domain, a repeated trailer in the text, the dominant domain of
    inline links, the site's own chrome naming it ("Your access to the X has expired"),
    then ``fallback`` or the stem of ``source``'s file name.
    """
    guess = (
        outlet_from_metadata(url, sitename)
        or outlet_from_trailer(text)
        or outlet_from_links(text)
        or outlet_from_chrome(text)
        or fallback
        or readable_stem(source_stem(source))
    )
    return masthead_form(text, guess)


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def masthead_form(text: str, guess: str) -> str:
    """The outlet as its own masthead spells it: a domain-derived "Coastlinedaily" becomes
    "Coastline Daily" when one of the first lines reads "COASTLINE DAILY"."""
    key = _squash(guess)
    if not key:
        return guess
    for line in [ln.strip() for ln in text[:2000].splitlines() if ln.strip()][:6]:
        squashed = _squash(line)
        if line[0].isalnum() and len(line) <= MAX_OUTLET_CHARS and key in (squashed, squashed.removeprefix("the")):
            return line.title() if line.isupper() else line
    return guess


def readable_stem(stem: str) -> str:
    """A file stem as a name: "01_northport-ledger" -> "Northport Ledger". Stems that are
    ids or hashes ("002_4bc4ae08b7ab4796") are kept as they are: they name no outlet."""
    words = re.sub(r"^\d+[_\-. ]+", "", stem).replace("_", " ").replace("-", " ").split()
    if not words or any(not w.isalpha() for w in words):
        return stem
    return " ".join(w if w.isupper() else w.capitalize() for w in words)


def outlet_from_metadata(url: str | None, sitename: str | None) -> str | None:
    """The outlet a URL or site name states; the table beats site names like ``SputnikInt``."""
    host = host_of(url)
    known = known_outlet(host)
    if known:
        return known
    name = clean_sitename(sitename)
    if name:
        return name
    return outlet_for_host(host) if host else None


def clean_sitename(sitename: str | None) -> str | None:
    """A site name fit to show: the first part of ``Name | Section``; a domain made readable."""
    name = clean_field(sitename)
    if not name:
        return None
    name = name.split(" | ")[0].strip()
    host = host_of(f"https://{name}") if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name) else None
    if host:
        return outlet_for_host(host)
    if not name or len(name) > MAX_OUTLET_CHARS:
        return None
    return name


def outlet_from_trailer(text: str) -> str | None:
    """The outlet named by a `` - Name`` trailer that ends at least two lines of the text."""
    counts = Counter(match.group(1) for match in _TRAILER.finditer(text))
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    if count < _TRAILER_MIN or len(name) > MAX_OUTLET_CHARS:
        return None
    return name


def outlet_from_links(text: str) -> str | None:
    """The outlet behind most inline ``<https://...>`` links, when one domain dominates."""
    domains = Counter(
        registrable_domain(host)
        for link in _ANGLE_LINK.findall(text)
        if (host := host_of(link)) is not None
    )
    if not domains:
        return None
    domain, count = domains.most_common(1)[0]
    if count < _LINKS_MIN or count < _LINKS_SHARE * sum(domains.values()):
        return None
    return outlet_for_host(domain)


def outlet_from_chrome(text: str) -> str | None:
    """The outlet the page's own chrome names: "Your full access to the Nikkei Asian Review
    has expired", "Copyright 2019 The Kingston Courier". The most frequent name wins."""
    names = Counter(
        name.strip(" .")
        for match in _CHROME.finditer(text)
        if (name := match.group(1) or match.group(2)) and len(name) <= MAX_OUTLET_CHARS
        and not _PICTURE_AGENCY.search(name)
    )
    return names.most_common(1)[0][0] if names else None


def source_stem(source: str) -> str:
    """The file name stem of a source (``a/b/cnn-story.txt:3`` -> ``cnn-story``), or the source."""
    name = PurePath(_SOURCE_SUFFIX.sub("", source)).name
    if name.lower().endswith(".gz"):  # story.html.gz -> story, not story.html
        name = name[:-3]
    return PurePath(name).stem or source
