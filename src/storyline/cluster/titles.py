"""Short story and storyline titles.

A story is titled by its most typical article's headline (story assignment tracks which
article sits closest to the centroid); an article without a headline offers its opening
words instead. A storyline is titled by the main entities its stories share.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.model import Article

MAX_WORDS = 12
_SPACE = re.compile(r"\s+")


def article_title(article: Article) -> str:
    """The article's headline, else its first sentence cut at ``MAX_WORDS`` words."""
    if article.title and article.title.strip():
        return _SPACE.sub(" ", article.title.strip())
    lead = article.clean_text.strip().split("\n", 1)[0]
    lead = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    words = lead.split()
    return " ".join(words[:MAX_WORDS]) + (" …" if len(words) > MAX_WORDS else "") or "Untitled story"


def storyline_title(entity_profiles: Iterable[Counter[str]], n: int = 3) -> str:
    """The entities most of the storyline's stories mention, e.g. "Shinzo Abe – Trump – Japan"."""
    votes: Counter[str] = Counter()
    for profile in entity_profiles:
        votes.update(set(profile))
    # Prefer the full name ("shinzo abe") to the surname counted alone beside it ("abe").
    for name in [n for n in votes if " " in n]:
        last = name.rsplit(" ", 1)[1]
        if votes.get(last, 0) and 2 * votes[name] >= votes[last]:
            votes[name] = max(votes[name], votes.pop(last))
    names: list[str] = []
    for name, _ in votes.most_common():
        # "shinzo abe" makes "abe" redundant (entities also count a run's last word alone).
        if any(name in other.split() or other in name.split() for other in names):
            continue
        names.append(name)
        if len(names) == n:
            break
    return " – ".join(_titlecase(name) for name in names) or "Untitled storyline"


def _titlecase(name: str) -> str:
    """Entities are stored lowercased: "shinzo abe" -> "Shinzo Abe", and a dotted
    abbreviation ("u.s", "u.n.") goes back to capitals, not "U.s"."""
    return " ".join(w if w.isupper() else _DOTTED.sub(_upper, w) if _DOTTED.fullmatch(w) else w[:1].upper() + w[1:]
                    for w in name.split())


_DOTTED = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{0,2}")


def _upper(match: re.Match[str]) -> str:
    return match.group().upper()
