"""Numeric claims: money with its currency, percentages, and counts of things (troops, jobs,
vehicles), each normalised to a value and unit, with what it measures and its as-of date.

Hand-written patterns, because the claims worth comparing have a regular shape in news
("$42 million", "200bn yen (£1.5bn)", "around 50,000 U.S. troops stationed in Japan",
"80 percent of the cost") and NER's MONEY/QUANTITY spans leave out the counted noun, which is
exactly what the comparison needs. Years, dates, clock times, ordinals and numbers inside
names ("Route 9", "Group of 20") are not claims and are skipped.

The measure key used to compare claims across articles is the counted noun (or, for money,
the noun it pays for) plus a place the clause names ("troops|japan"), so 47,000 troops on
Japanese soil and 50,000 stationed in Japan are one measure, 28,500 in Korea another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, Citation, NumberClaim, Sentence

_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCY_SIGN = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORD = {"yen": "JPY", "dollars": "USD", "euros": "EUR", "pounds": "GBP", "yuan": "CNY", "won": "KRW", "rubles": "RUB", "roubles": "RUB"}
_APPROX = r"(?P<approx>(?i:around|about|nearly|almost|roughly|some|more than|over|up to|at least|an estimated|approximately))?\s*"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_RE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|b)\b)?"
_MONEY_SIGN = re.compile(rf"{_APPROX}(?P<sign>US\$|\$|£|€|¥)\s?{_NUM}{_SCALE_RE}")
_MONEY_WORD = re.compile(rf"{_APPROX}{_NUM}{_SCALE_RE}\s*(?P<cur>yen|dollars|euros|pounds|yuan|won|rubles|roubles)\b")
_PERCENT = re.compile(rf"{_APPROX}{_NUM}\s*(?:%|percent\b|per cent\b)")
_COUNT = re.compile(
    rf"{_APPROX}{_NUM}{_SCALE_RE}\s+(?P<noun>(?:(?:new|more|US|U\.S\.|American|Japanese|Chinese|additional|daily|extra|full-time|[a-z]+(?:\s+and\s+[a-z]+)?)\s+){{0,3}}?"
    r"(?P<head>troops|soldiers|jobs|workers|people|vehicles|cars|passengers|residents|students|visitors|tourists|cables|homes|"
    r"houses|deaths|cases|refugees|migrants|members|employees|staff|sailors|marines|ships|aircraft|missiles|weapons|"
    r"delegates|votes|protesters|children|patients|companies|businesses|shops|trucks|buses|crossings|units|tons|tonnes))\b"
)
# "1.5 million in the auto industry" after "US jobs": a bare scaled number takes the noun
# counted just before it in the sentence.
_BARE_SCALED = re.compile(rf"{_APPROX}{_NUM}\s*(?P<scale>thousand|million|billion)\b(?!\s*(?:yen|dollars|euros|pounds))")
_DEMONYMS = {
    "japanese": "japan", "korean": "korea", "chinese": "china", "russian": "russia", "american": "united states",
    "british": "united kingdom", "german": "germany", "french": "france",
}
_PLACE_AFTER = re.compile(r"\b(?:in|on|to|into|at|across|south of|north of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?([A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)")
_MONEY_FOR = re.compile(r"\b(?:for|in|on|to|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(repairs?|infrastructure|support|funding|grant|contract|investment|projects?|deal|economy|aid|budget|cost)\b", re.I)
_SKIP_AFTER = re.compile(r"^(?:\s*(?:a\.m\.|p\.m\.|am|pm|-day|-year|-nation|th|st|nd|rd|\)))")


def _money_verb(before: str) -> str:
    """What an amount is, from the verb just before it ("invest $10 billion" is investment)."""
    for pattern, noun in ((r"invest|sink|pour", "investment"), (r"pay|paid|spend|spent|cost", "spending"),
                          (r"raise|raised|borrow", "funding"), (r"fine|fined", "fine")):
        if re.search(rf"\b(?:{pattern})\w*\b", before, re.I):
            return noun
    return "amount"


def _value(num: str, scale: str | None) -> float:
    return float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


def _place(clause: str) -> str | None:
    """The place a clause puts the quantity in: a named place or a demonym ("Japanese soil")."""
    clause = re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b", "", clause)
    for word in re.findall(r"\b([A-Z][a-z]+)\b", clause):
        if word.lower() in _DEMONYMS:
            return _DEMONYMS[word.lower()]
    m = _PLACE_AFTER.search(clause)
    if m:
        place = m.group(1).lower().rstrip(".")
        return {"u.s": "united states", "us": "united states", "the united states": "united states"}.get(place, place)
    return None


def _position(sentences: Sequence[Sentence], at: int) -> int:
    return next((s.position for s in sentences if s.start <= at < s.end), 0)


def find_numbers(article: Article, sentences: Sequence[Sentence], as_of: str | None) -> list[NumberClaim]:
    """The article's numeric claims, in text order; ``as_of`` is the article's date (ISO)."""
    text = article.clean_text
    claims: list[tuple[int, int, float, str, str, str, bool]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], value: float, unit: str, measure: str, key: str) -> None:
        start = m.start("approx") if m.group("approx") else m.start("num") if "sign" not in m.groupdict() else m.start("sign")
        if any(a < m.end() and start < b for a, b in taken):
            return
        taken.append((start, m.end()))
        claims.append((start, m.end(), value, unit, measure, key, bool(m.group("approx"))))

    for sentence in sentences:
        s, body = sentence.start, sentence.text
        for m in _MONEY_SIGN.finditer(body):
            value = _value(m.group("num"), m.group("scale"))
            purpose = _MONEY_FOR.search(body[m.end() : m.end() + 80]) or _MONEY_FOR.search(body[max(0, m.start() - 60) : m.start()])
            noun = purpose.group(1).lower().rstrip("s") if purpose else _money_verb(body[max(0, m.start() - 50) : m.start()])
            add(_shift(m, s), value, _CURRENCY_SIGN[m.group("sign")], noun, f"money|{noun}")
        for m in _MONEY_WORD.finditer(body):
            value = _value(m.group("num"), m.group("scale"))
            purpose = _MONEY_FOR.search(body[m.end() : m.end() + 80])
            noun = purpose.group(1).lower() if purpose else "amount"
            add(_shift(m, s), value, _CURRENCY_WORD[m.group("cur").lower()], noun, f"money|{noun}")
        for m in _PERCENT.finditer(body):
            rest = body[m.end() : m.end() + 60]
            of = re.match(r"\s+(?:of\s+(?:the\s+)?([\w -]{3,40}?)(?=[,.;]|\s+(?:of|on|in|for)\b)|with\s+(\w+))", rest)
            measure = (of.group(1) or f"with {of.group(2)}") if of else "share"
            add(_shift(m, s), float(m.group("num").replace(",", "")), "%", measure, f"percent|{measure}")
        for m in _COUNT.finditer(body):
            if _SKIP_AFTER.match(body[m.end("num") :]) or re.match(r"(?:19|20)\d\d$", m.group("num")):
                continue
            head = m.group("head").lower()
            place = _place(body[m.end() : m.end() + 90]) or _place(m.group("noun"))
            rate = re.match(r"\s+(?:a|per|each)\s+(day|week|month|year)\b", body[m.end() :])
            measure = " ".join(m.group("noun").split()) + (f" a {rate.group(1)}" if rate else "") + (f" in {place.title()}" if place else "")
            add(_shift(m, s), _value(m.group("num"), m.group("scale")), head, measure, f"{head}|{place or ''}")
        for m in _BARE_SCALED.finditer(body):
            earlier = list(re.finditer(r"\b(jobs|troops|people|vehicles|workers)\b", body[: m.start()]))
            if earlier:
                head = earlier[-1].group(1)
                where = body[m.end() : m.end() + 40].strip(" ,.")
                add(_shift(m, s), _value(m.group("num"), m.group("scale")), head, f"{head} {where}".strip(), f"{head}|{where}")
    claims.sort()
    return [
        NumberClaim(
            text=text[a:b],
            value=value,
            unit=unit,
            measure=measure,
            as_of=as_of,
            article_id=article.id,
            citation=Citation(article.id, _position(sentences, a), a, b),
            approximate=approx,
            key=key,
        )
        for a, b, value, unit, measure, key, approx in claims
    ]


class _Shifted:
    """A match seen through an offset, so spans found in a sentence index the article."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._offset = m, offset

    def start(self, group: str | int = 0) -> int:
        return self._m.start(group) + self._offset

    def end(self, group: str | int = 0) -> int:
        return self._m.end(group) + self._offset

    def group(self, name: str | int = 0) -> str | None:
        return self._m.group(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._m.groupdict()


def _shift(m: re.Match[str], offset: int) -> re.Match[str]:
    return _Shifted(m, offset)  # type: ignore[return-value]
