"""Synthetic dated articles for the corpus scale and crash tests, built from val250.

Each synthetic story takes one val250 cluster, a date between 2015 and 2024 and three
invented names (the "event"); each of its articles is one of the cluster's documents with
a fifth of its sentences dropped, the rest lightly shuffled, one word in twelve replaced by
an invented word (so copies are not near-duplicates of each other), the event's names
woven in, a date within three days of the story's and an invented outlet. Seeded: the same
arguments give the same articles.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

_SENT = re.compile(r"(?<=[.!?])\s+")
_SYLLABLES = "ka lo mi ren sa to vel dor an ish ur be ny qua zel mor tin pa rek so".split()
OUTLETS = [f"{a} {b}" for a in ("Northport", "Coastline", "Meridian", "Bay", "Civic", "Harbor", "Summit")
           for b in ("Ledger", "Daily", "Wire", "Radio", "Record", "Post")]
START = dt.date(2015, 1, 1)
DAYS = 3650


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def _clusters(val250: Path) -> list[list[str]]:
    out = []
    for line in val250.read_text(encoding="utf-8").splitlines():
        if line.strip():
            docs = json.loads(line)["documents"]
            docs = docs if isinstance(docs, list) else docs.split("|||||")
            docs = [d for d in docs if len(d.split()) > 80]
            if docs:
                out.append(docs)
    return out


def articles(val250: Path, n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``n`` JSONL-ready records {"id", "text", "title", "published", "source", "story"}."""
    rng = random.Random(seed)
    clusters = _clusters(val250)
    made = story = 0
    while made < n:
        story += 1
        docs = rng.choice(clusters)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        names = [_word(rng).title() + " " + _word(rng).title() for _ in range(3)]
        for doc in docs:
            if made >= n:
                break
            sentences = [s for s in _SENT.split(doc) if rng.random() > 0.2] or [doc]
            for i in range(len(sentences) - 1):
                if rng.random() < 0.15:
                    sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
            words = " ".join(sentences).split()
            words = [_word(rng) if rng.random() < 1 / 12 else w for w in words]
            for name in names:
                words.insert(rng.randrange(len(words) + 1), name)
            made += 1
            yield {"id": f"syn-{made}", "text": " ".join(words), "title": f"{names[0]} and {names[1]}: {words[0]}",
                   "published": (day + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
                   "source": rng.choice(OUTLETS), "story": f"s{story}"}


def write_jsonl(path: Path, val250: Path, n: int, seed: int = 0) -> dict[str, str]:
    """Write ``n`` articles to ``path``; returns id -> true story."""
    truth = {}
    with path.open("w", encoding="utf-8") as out:
        for record in articles(val250, n, seed):
            truth[record["id"]] = record.pop("story")
            out.write(json.dumps(record) + "\n")
    return truth
