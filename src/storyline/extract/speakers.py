"""Who is speaking: person names, one canonical name per person, their titles, pronouns.

Names come from spaCy's PERSON mentions (see ``entities``) plus names found in attribution
patterns, since NER misses some ("Kistanov" at the start of a clause). A surname alone is the
full name that ends with it ("Kistanov" = "Valery Kistanov"). Titles come from the story
itself: "Japanese Foreign Minister Taro Kono" (a capitalised role before the name) or an
appositive "Valery Kistanov, director of the Center of Japanese Studies in Moscow,".
Pronouns resolve to the first person named in the nearest earlier sentence that names one:
news writes the subject first, so that is the "fitting" person far more often than the
nearest name, which is usually an object ("Abe reminded Trump ... adding: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.extract.entities import Mention
from storyline.model import Article, Sentence

NAME = r"(?:[A-Z][\w’'.-]+\s+(?:(?:de|la|van|von|der|del|da|di|le|bin|al)\s+){0,2}){0,3}[A-Z][\w’'-]*\w"
_ROLE_WORDS = (
    "President|Minister|Secretary|Representative|Mayor|Councillor|Councilman|Councilwoman|Governor|"
    "Director|Chancellor|Ambassador|Spokesman|Spokeswoman|Senator|Premier|Leader|Chief|Officer|"
    "Chairman|Chairwoman|Commissioner|Judge|Justice|General|Admiral|Envoy|Adviser|Advisor|King|Queen|"
    "Prince|Speaker|Sen\\.|Rep\\.|Gov\\.|Dr\\.|Prof\\."
)
_TITLE_BEFORE = re.compile(
    rf"\b((?:(?:[A-Z][\w.’'-]*|of|the|and)\s+){{0,5}}?(?:{_ROLE_WORDS})(?:-designate|-elect)?)\s+({NAME})"
)
_APPOSITIVE = re.compile(
    rf"\b({NAME}),\s+(?!\w+ing\b|\w+ed\b)((?:the\s+|a\s+|an\s+)?(?:[a-z][\w’'-]*|[A-Z][\w]*[’']s)(?:\s+[^,.;“”\"]+?)?)(?=,|\.\s|\.$)"
)
_ROLE_FIRST = re.compile(rf"\b([A-Z][\w]*[’']s\s+[a-z][^,]{{2,60}}),\s+({NAME}),")
_ROLE_PREFIX = re.compile(rf"^(?:(?:{_ROLE_WORDS}|Mr\.?|Mrs\.?|Ms\.?|PM)\s+)+")
# Last words of institutions that title patterns would otherwise take for a person's name.
_PLACE_WORDS = frozenset("Hospital University Street Bridge Authority Council Ministry Office Department Base Tower".split())
_NOT_NAMES = frozenset(
    "He She They It We I You His Her Their The This That A An In On At But And If When Japan US "
    "U.S. Trump’s".split()
)


@dataclass
class People:
    """Every person named in the story, with canonical names and titles."""

    canonical: dict[str, str] = field(default_factory=dict)  # surface -> canonical
    titles: dict[str, str] = field(default_factory=dict)  # canonical -> title
    spans: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # article -> (start, end, canonical)
    texts: list[str] = field(default_factory=list)

    def name(self, surface: str) -> str:
        surface = re.sub(r"[’']s$", "", " ".join(surface.split()))
        surface = _ROLE_PREFIX.sub("", surface) or surface
        if surface in self.canonical and len(self.canonical[surface].split()) > 1:
            return self.canonical[surface]
        last = surface.split()[-1] if surface.split() else surface
        fulls = {c for s, c in self.canonical.items() if c.split()[-1] == last}
        fulls = {c for c in fulls if len(c.split()) > 1}
        if len(fulls) == 1:
            return next(iter(fulls))
        if len(surface.split()) == 1 and surface[:1].isupper():
            # NER missed the full name ("Tetsuya Otsuru" tagged ORG): a capitalised word right
            # before the surname, the same in every text that has one, is the given name.
            given = {m.group(1) for t in self.texts for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(surface)}\b", t)}
            given -= _NOT_NAMES
            if len(given) == 1:
                return f"{given.pop()} {surface}"
        return surface

    def add(self, surface: str) -> None:
        surface = _ROLE_PREFIX.sub("", " ".join(surface.split()))
        if len(surface.split()) > 1 and surface.split()[-1] not in _PLACE_WORDS:
            self.canonical.setdefault(surface, surface)


def _clean_title(title: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", title.strip(" ,"), flags=re.I)


def collect_people(articles: Sequence[Article], mentions: Iterable[Mention]) -> People:
    """Canonical names from NER mentions and attribution patterns; titles from the text."""
    people = People(texts=[a.clean_text for a in articles])
    persons = [m for m in mentions if m.type == "person"]
    for m in persons:
        people.add(m.name)
        people.canonical.setdefault(m.surface, _ROLE_PREFIX.sub("", m.name) or m.name)
    for article in articles:
        for m in _TITLE_BEFORE.finditer(article.clean_text):
            if m.group(2).split()[0] not in _NOT_NAMES and len(m.group(2).split()) > 1:
                people.add(m.group(2))
    # Surnames map to the one full name ending with them (after all full names are known).
    for surface in list(people.canonical):
        people.canonical[surface] = people.name(surface) if len(surface.split()) == 1 else people.canonical[surface]
    for article in articles:
        text = article.clean_text
        for m in _TITLE_BEFORE.finditer(text):
            title = m.group(1).strip()
            title = re.sub(r"^(?:In|On|At|But|And|When|During|As|After|Before|The|former)\s+", "", title)
            name = people.name(m.group(2))
            if title and title.split()[0] not in ("I", "A") and name in people.canonical.values():
                people.titles.setdefault(name, title)
        for m in _APPOSITIVE.finditer(text):
            name = people.name(m.group(1))
            role = m.group(2)
            # Titles are only ever looked up for speakers, so an unknown two-word name is fine
            # here ("Tetsuya Otsuru, a senior foreign ministry official", tagged ORG by NER).
            known = name in people.canonical.values() or (len(name.split()) > 1 and name.split()[0] not in _NOT_NAMES)
            if known and len(role.split()) <= 14 and not role.startswith(("who ", "which ")):
                people.titles.setdefault(name, _clean_title(m.group(2)))
        for m in _ROLE_FIRST.finditer(text):
            name = people.name(m.group(2))
            if name in people.canonical.values():
                people.titles.setdefault(name, m.group(1))
    # Every occurrence of a known name or surname counts, not only those NER tagged: the small
    # model misses many ("Okafor said ..."), and pronoun resolution needs them all.
    surfaces = {c for c in people.canonical.values()} | {c.split()[-1] for c in people.canonical.values()}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, surfaces), key=len, reverse=True)) + r")\b") if surfaces else None
    for article in articles:
        spans = [(m.start(), m.end(), people.name(m.group(1))) for m in pattern.finditer(article.clean_text)] if pattern else []
        people.spans[article.id] = sorted(spans)
    return people


def person_for_pronoun(
    people: People, article: Article, sentences: Sequence[Sentence], at: int, exclude: Sequence[tuple[int, int]] = ()
) -> str | None:
    """The first person named in the sentence holding ``at`` (before it), else in the nearest
    earlier sentence naming one; names inside quotations (``exclude``) do not count."""
    text = article.clean_text
    # Names in quotations, and possessives ("Ms. Clifford's lawyer, Michael Avenatti"), are
    # not the subject a pronoun points back to.
    spans = [
        s for s in people.spans.get(article.id, [])
        if not any(a <= s[0] < b for a, b in exclude) and not re.match(r"[’']s\b", text[s[1] : s[1] + 2])
    ]
    current = next((s for s in sentences if s.start <= at < s.end), None)
    if current is not None:
        inside = [s for s in spans if current.start <= s[0] < at]
        if inside:
            return inside[0][2]
    for sentence in reversed([s for s in sentences if s.end <= at]):
        inside = [s for s in spans if sentence.start <= s[0] < sentence.end]
        if inside:
            return inside[0][2]
    return None
