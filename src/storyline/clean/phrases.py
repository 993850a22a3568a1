"""The vocabulary of site chrome: phrase tables and the lookups over them.

Owns what boilerplate *says*: the strong phrases a site uses about itself ("subscribe to",
"log in or register", "all rights reserved"), the weak chrome words that only count on
short lines ("Share", "Menu"), teaser and tag prefixes, timestamps, and the shapes of photo
credits. boilerplate.py decides *when* a line is junk and asks this module what it contains.
These are the stock phrases of the trade, not lines copied from any site.
"""

from __future__ import annotations

import re

# Strong phrases: the site talking to the reader about the site. One hit drops a line (of up
# to boilerplate.LONG_LINE_WORDS words). Keyed by a word of the phrase: a line's words are
# found with one regex and intersected with these keys, much cheaper than testing every
# phrase on every line. Each entry is (key word, reason, literal that must also occur, or
# pattern that must match, or None).
_SUBSCRIBE = re.compile(r"subscribe (?:to|now|today|for)\b|(?:already|become) a subscriber|subscribers? only"
                        r"|need a subscription|subscription required")
_EXPIRED = re.compile(r"(?:trial|access)\b[^.]{0,40}\bhas expired")
_ORIGINALLY = re.compile(r"(?:article|story|post) (?:was )?(?:originally|first) (?:published|appeared)"
                         r"|originally published (?:on|in|at|by)")
_COMMENTS = re.compile(r"(?:view|show|load|hide) (?:all )?comments|log in to comment|^\d+ comments?$")
_SHARE = re.compile(r"^share (?:this|on|via)\b|share tweet|^(?:share|print|email)(?: (?:share|print|email|tweet))+$")
_MAIL_US = re.compile(r"e-?mail us\b|send us (?:a )?tips?\b")
# Credit lines: "Jane Doe contributed to this report.", "— With assistance by ...".
_CONTRIBUTED = re.compile(r"contributed (?:reporting )?to this (?:report|story|article)\b|^\W*with assistance (?:by|from)\b")
# "Join us on Facebook", "Find us on Instagram": the site's own accounts (a person is
# followed through "follow" below).
_ON_SOCIAL = re.compile(r"(?:join|like|find|follow) us on (?:facebook|twitter|instagram)")
# What a hosting service or a server shows instead of the article: a domain still being set
# up or for sale, a page that is not there.
_DOMAIN = re.compile(r"your (?:new )?custom domain|custom domain mapping|this domain (?:is|may be) for sale"
                     r"|this domain (?:has expired|is parked)")
# One literal prefix: "found" is a common word, and the regex engine skips to "page " with a fast scan.
_NOT_FOUND = re.compile(r"page (?:you (?:requested|were looking for|are looking for) (?:could not|cannot|can't|was not)"
                        r" be found|not found)")
_COPYRIGHT = re.compile(r"^(?:©|copyright)\s*(?:©\s*)?\d{4}")
# A web archive's own notice, served in place of a page it captured (the Wayback Machine's
# "these crawls are part of an effort to archive pages...", or the description of a crawl
# collection: its seed list, run settings, WARC files, dates): about the archive, never news.
ARCHIVE_NOTICE = re.compile(
    r"crawl data to the internet archive|these crawls are part of an effort to archive"
    r"|crawl[^.]{0,60}seed ?list|seed ?list[^.]{0,60}crawl|seed for this crawl|this crawl was run|warc files"
    r"|crawl (?:start|end) date|crawler (?:settings|configuration)"
    r"|crawl of outlinks|web ?wide crawl|crawls? (?:was |were )?performed by"
    r"|(?:these files|this data|this collection) (?:is|are) currently not publicly accessible"
    r"|^the seed for [a-z]+\d+ was\b|web collections curated by|using the archive-it service"
)


def archive_notice(text: str) -> bool:
    """Whether a long line, as written (not lowercased), is a web archive's notice.

    The regex runs only on a line holding a word its long notices hold as archives write
    them ("crawl", "curated", "WARC", "accessible"): searching every long line costs 50 ms
    over val250, half of clean_text. A short notice ("The seed for Wide00014 was:") is found
    by ``strong_phrase`` through its key words."""
    return ("rawl" in text or "urated" in text or "WARC" in text or "ccessible" in text) and (
        ARCHIVE_NOTICE.search(text.lower()) is not None)


_STRONG_ENTRIES: tuple[tuple[str, str, str | re.Pattern[str] | None], ...] = (
    ("subscribe", "subscribe", _SUBSCRIBE), ("subscriber", "subscribe", _SUBSCRIBE),
    ("subscribers", "subscribe", _SUBSCRIBE), ("subscription", "subscribe", _SUBSCRIBE),
    ("offers", "subscribe", "see all offers"), ("offer", "subscribe", "offer ends"),
    ("unlimited", "subscribe", "unlimited access"),
    ("article", "subscribe", "free article"), ("article", "subscribe", "article left"),
    ("articles", "subscribe", "articles left"), ("article", "originally published", _ORIGINALLY),
    ("trial", "subscribe", "your trial"), ("trial", "subscribe", "your free trial"),
    ("expired", "subscribe", _EXPIRED),
    ("sign", "sign up", re.compile(r"sign up (?:to|for) (?:our|the)\b|sign up (?:now|here)")),
    ("sign", "log in or register", re.compile(r"sign in to (?:comment|continue|read)")),
    ("miss", "sign up", "never miss a"),
    ("register", "log in or register", re.compile(r"log ?in or register")),
    ("discussion", "log in or register", re.compile(r"participate in the discussion|join the discussion")),
    ("conversation", "log in or register", "join the conversation"),
    ("comment", "log in or register", "leave a comment"), ("comment", "log in or register", _COMMENTS),
    ("comments", "log in or register", "comments are closed"), ("comments", "log in or register", _COMMENTS),
    ("account", "log in or register", re.compile(r"create (?:an|your) (?:free )?account")),
    ("cookie", "cookie", re.compile(r"cookie (?:policy|settings|preferences|consent|notice)")),
    ("cookies", "cookie", re.compile(r"we use cookies|uses cookies|(?:accept|reject|manage) (?:all )?cookies")),
    ("reserved", "copyright", "all rights reserved"), ("copyright", "copyright", _COPYRIGHT),
    ("originally", "originally published", _ORIGINALLY), ("published", "originally published", _ORIGINALLY),
    ("appeared", "originally published", _ORIGINALLY),
    ("sponsored", "sponsored content", "sponsored content"), ("paid", "sponsored content", "paid content"),
    ("paid", "sponsored content", "paid post"), ("commissioned", "sponsored content", "content was commissioned"),
    ("advertiser", "sponsored content", "advertiser content"), ("partner", "sponsored content", "partner content"),
    ("advertisement", "advertisement", re.compile(r"^advertisement")),
    ("continue", "advertisement", "continue reading the main story"),
    ("continued", "advertisement", "story continued below"), ("ad", "advertisement", "report this ad"),
    ("tweet", "tweet with a location", "tweet with a location"), ("tweet", "tweet with a location", "your tweet"),
    ("tweets", "tweet with a location", "your tweets"),
    ("javascript", "javascript", re.compile(r"enable javascript|javascript (?:is )?(?:disabled|required)"
                                            r"|requires javascript")),
    ("share", "share", _SHARE), ("print", "share", _SHARE), ("email", "share", _SHARE),
    ("follow", "follow us", re.compile(r"follow us (?:on|at)\b")), ("facebook", "follow us", _ON_SOCIAL),
    ("twitter", "follow us", _ON_SOCIAL), ("instagram", "follow us", _ON_SOCIAL),
    ("mail", "email us", _MAIL_US), ("email", "email us", _MAIL_US), ("send", "email us", _MAIL_US),
    ("tip", "email us", "have a tip"), ("playback", "video player", "playback is unsupported"),
    ("rented", "video player", "video has been rented"), ("available", "video player", "is not available right now"),
    ("follow", "follow us", re.compile(r"^follow [\w .@'’-]{1,40} on (?:twitter|facebook|instagram)")),
    ("click", "click here", re.compile(r"^\(?click here|click here\W*$")),
    ("follow", "follow us", re.compile(r"follow (?:me|him|her|them)(?: on (?:twitter|facebook|instagram)|!|$)")),
    ("contributed", "credit line", _CONTRIBUTED), ("assistance", "credit line", _CONTRIBUTED),
    ("version", "originally published", re.compile(r"^a version of this (?:article|story) appeared")),
    ("scribd", "embed", re.compile(r"\bon scribd$")),
    ("crawl", "web archive notice", ARCHIVE_NOTICE), ("crawls", "web archive notice", ARCHIVE_NOTICE),
    ("warc", "web archive notice", ARCHIVE_NOTICE), ("accessible", "web archive notice", ARCHIVE_NOTICE),
    ("seed", "web archive notice", ARCHIVE_NOTICE), ("curated", "web archive notice", ARCHIVE_NOTICE),
    ("domain", "placeholder page", _DOMAIN), ("found", "placeholder page", _NOT_FOUND),
    ("updated", "keep updated", "keep updated"), ("date", "keep updated", "stay up to date"),
    ("know", "keep updated", "all you want to know about"), ("tuned", "keep updated", "stay tuned"),
)
_STRONG_KEYS = frozenset(key for key, _, _ in _STRONG_ENTRIES)
STRONG_KEYS = _STRONG_KEYS  # the C scan (_scan.c) looks for these words too
_KEY_ORDER = {key: order for order, (key, _, _) in reversed(list(enumerate(_STRONG_ENTRIES)))}
_BY_KEY: dict[str, list[tuple[str, str | re.Pattern[str] | None]]] = {key: [] for key in _KEY_ORDER}
for _key, _name, _check in _STRONG_ENTRIES:
    _BY_KEY[_key].append((_name, _check))
WORD = re.compile(r"[a-z]+")
# Every byte but a-z becomes a space: UTF-8 encodes other characters as bytes >= 0x80, so the
# split of the translated bytes gives exactly WORD's runs, in a few C passes instead of a regex
# scan that builds one match at a time (about twice as fast; every short line is tokenized).
_LETTERS_ONLY = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))


def words_of(lower: str) -> list[str]:
    """The words of lowercased text: ``WORD.findall(lower)``, faster."""
    return lower.encode().translate(_LETTERS_ONLY).decode().split()  # ASCII: the UTF-8 fast path


# What a long sentence is still checked for: copyright and sign-up lines (the other notices
# are short, so they never take the fast path).
BODY_TRIGGERS = ("{{", "©", "sign up", "reserved", "contributed", "a version of this", "with assistance", "crawl")
# ...and, when it says "you", for the site addressing its reader.
READER_TRIGGERS = ("tweet", "subscri", "newsletter", "inbox", "keep updated", "want to know", "cookie",
                    "comment", "account", "free", "download", "register", "sign in", "log in", "domain")
# Weak words: chrome vocabulary that is also ordinary English. They count only on short lines
# that are not plain sentences ("Subscribe", "See all offers and subscribe").
_WEAK_WORDS = frozenset(
    "subscribe subscribers subscription subscriptions register newsletter newsletters share print "
    "advertisement tweet email comment comments facebook twitter instagram linkedin pinterest "
    "whatsapp telegram cookie cookies copyright menu search trending loader newsfeed login sponsored slideshow "
    "gallery".split()
)
_WEAK_PHRASE_KEYS = frozenset({"sign", "log", "skip", "top", "click"})
_WEAK_PHRASES = ("sign up", "sign in", "log in", "skip to", "back to top", "click here")
TEASER_PREFIX = re.compile(
    r"^(?:related(?: stories| articles| coverage)?|read|read more|read next|read also|also read|see also"
    r"|more|also|watch|listen|recommended|most read|most popular|you (?:may|might) also like|photos|videos?"
    r"|slideshow|gallery|\(also (?:on|in|at|from|see)[^:()]{0,40})"
    r"(?:\s*[:|>]|\s+[-–—]\s)|^most (?:read|popular|viewed|shared) (?:in|on|from)\b"
    r"|^more (?:from|on|in|of) [^:.]{1,40}:\s*$"
)
# The first characters TEASER_PREFIX can match: a set lookup spares most lines the regex.
TEASER_FIRST = frozenset("rasmwlypvg(")
# A teaser that shouts its label: "RELATED Judge in retrial ...", "LUPICA: HEAT WILL ...". Matched
# on the original case: an all-capitals label of one to four words, then a colon or a capital.
# Editors' notes ("UPDATE:", "CORRECTION:") carry facts and are not labels of this kind.
SHOUTED_LABEL = re.compile(r"^(RELATED|MORE|WATCH|READ|SEE ALSO|PHOTOS?|VIDEO)\s+(?=[A-Z\"“‘])"
                           r"|^(?!UPDATE|CORRECTION|EDITOR|CLARIFICATION|NOTE)"
                           r"[A-Z][A-Z&'’.-]+(?: [A-Z][A-Z&'’.-]+){0,3}: (?=[A-Z\"“‘])")
# "Related Prodigy: 10 Essential Tracks ...": a title-case "Related" label on a story link.
RELATED_LABEL = re.compile(r"^Related [A-Z][^:]{0,40}: [A-Z0-9]")
BRACKETED = re.compile(r"^\[[^\[\]]+\]$")  # "[Related story headline]" on a line of its own
TEASER_END = re.compile(r"(?:read more|more ?>>|more ?»)[\s.:>»›]*$")
TIMESTAMP = re.compile(r"^(?:last )?(?:updated|modified|published|posted)(?: on| at|:)? [\w,:. ]*\d")
TIMESTAMP_FIRST = frozenset("lump")  # the first characters TIMESTAMP can match
TAG_PREFIX = re.compile(r"^(?:tags?|topics?|filed under|categories|keywords|more on|read more about)\s*:")
# Photo credits and captions. A credit starts the line ("© Jane Doe", "Photo: ..."), names an
# agency anywhere ("AP Photo/...", "Getty Images"), or closes it ("(AP)", "(Reuters)").
CREDIT_STARTS = ("©", "(c) ", "photo", "image", "picture", "credit", "caption", "pictured", "file",
                  "in this photo", "in this image", "in this file photo", "illustration", "close ")
# Their first characters: one set lookup spares most lines the startswith over the tuple.
CREDIT_FIRST = frozenset(start[0] for start in CREDIT_STARTS)
_CREDIT_START = re.compile(
    r"^(?:©|\(c\) |file photo|file\s*[-–—:]\s*in this|in this (?:file )?(?:photo|image))"
    r"|^(?:photo(?:graph)?|image|picture|credit|photo credit|caption|pictured|illustration)s?\s*(?:by)?\s*[:/]"
    r"|^(?:photo(?:graph)?|image|picture)s? (?:by|courtesy)\b|^image copyright\b"
)
CREDIT_ANYWHERE = ("photo", "image", "getty", "shutterstock", "istock", "reuters/", "picture:", "rex features",
                    "alamy")


def credit_word(region: str) -> bool:
    """Whether ``region`` contains one of CREDIT_ANYWHERE. A scan for a word costs as much as
    the text is long, a scan for one character (memchr) a fraction of that: the words that
    hold a rare character are looked for only where that character occurs."""
    return (
        "photo" in region or "image" in region or "getty" in region or "alamy" in region
        or ("stock" in region and ("shutterstock" in region or "istock" in region))
        or ("/" in region and "reuters/" in region) or (":" in region and "picture:" in region)
        or ("x" in region and "rex features" in region)
    )
_CREDIT_IN = re.compile(r"ap photo|getty images|/getty|\(getty|getty\s*[-–—]|[-–—]\s*getty\b|shutterstock|istock|reuters/"
                        r"|^rex features|alamy"
                        r"|(?:photo(?:graph)?|image|picture)s?:"
                        r"|\(photo|photo credit")
_CREDIT_END = re.compile(r"\((?:[^()]*/)?(?:ap|reuters|afp|getty|epa|associated press)\)$")


# Where people stand in a photo: "Sen. Bill Nelson, left, and Gov. Rick Scott", "from left".
_POSITION = re.compile(r", (?:far |second from |third from )?(?:left|right|center|centre)[,)]"
                       r"|\((?:far )?(?:left|right|center|centre)\)|\bfrom left\b|\bleft to right\b")
# Labels of most-read boxes glued to their first teaser: "MOST READ IN LIVING ...".
MOST_LABEL = re.compile(r"^most (?:read|popular|viewed|shared|watched)\b")


def positional_caption(lower: str) -> bool:
    """A caption naming where people stand in the picture."""
    return "left" in lower and bool(_POSITION.search(lower))


def strong_phrase(lower: str, tokens: list[str]) -> str | None:
    """The reason name of the first strong phrase in ``lower`` (``tokens`` are its words)."""
    if ("{" in lower or "}" in lower) and ("{{" in lower or "}}" in lower):  # memchr first
        return "template placeholder"
    if "©" in lower and _COPYRIGHT.match(lower):
        return "copyright"
    if _STRONG_KEYS.isdisjoint(tokens):  # most lines: no set to build
        return None
    keys = _STRONG_KEYS.intersection(tokens)
    if len(keys) > 1:
        keys = sorted(keys, key=_KEY_ORDER.__getitem__)  # table order: the reason is deterministic
    for key in keys:
        for name, check in _BY_KEY[key]:
            if check is None or (check in lower if isinstance(check, str) else check.search(lower)):
                return name
    return None


def weak_phrase(lower: str, tokens: list[str]) -> str | None:
    """The first weak chrome word or phrase in ``lower``, if any."""
    if not _WEAK_PHRASE_KEYS.isdisjoint(tokens):
        for phrase in _WEAK_PHRASES:
            if phrase in lower:
                return phrase
    for token in tokens:
        if token in _WEAK_WORDS:
            return token
    return None


def photo_credit(lower: str, long: bool) -> bool:
    """A credit starts the line, names an agency, or closes it. On long lines only the last
    stretch is searched for an agency: that is where captions put the credit. ``lower`` is
    never empty (a paragraph's text, lowercased)."""
    if lower[0] in CREDIT_FIRST and lower.startswith(CREDIT_STARTS) and _CREDIT_START.match(lower):
        return True
    region = lower[-90:] if long else lower
    if credit_word(region) and _CREDIT_IN.search(region):
        return True
    return lower[-1] == ")" and bool(_CREDIT_END.search(lower, max(0, len(lower) - 60)))
