"""Invented news for the corpus tests: seeded, small, no real outlet's text.

Each event has its own names and vocabulary; articles about one event share most of it,
so a working clusterer groups them, and different events share only common words.
"""

from __future__ import annotations

import datetime as dt
import random

from storyline.model import RawDocument

COMMON = ("officials said the decision came after weeks of talks and would take effect soon while critics "
          "warned about costs and residents asked questions at a meeting on the plan").split()
EVENTS = {
    "bridge": ("Kestrel Harbour Bridge", "Mayor Ilse Varga", "Northport",
               "bridge span cables repairs traffic ferry engineers closure lanes steel reopening toll"),
    "storm": ("Cyclone Orla", "Governor Teo Mbeki", "Saltmarsh",
              "storm winds rainfall evacuation flooding shelters coast surge damage power outages"),
    "election": ("Pellham Party", "Candidate Rosa Lindqvist", "Eastvale",
                 "ballots votes polling turnout campaign count district recount candidates results"),
    "vaccine": ("Corvane Labs", "Doctor Amir Solberg", "Westbrook",
                "vaccine trial doses patients efficacy regulator approval clinics immunity study"),
}


def article_text(event: str, rng: random.Random, sentences: int = 8) -> str:
    org, person, place, words = EVENTS[event]
    vocab = words.split()
    out = []
    for _ in range(sentences):
        picked = rng.sample(vocab, 5) + rng.sample(COMMON, 4)
        rng.shuffle(picked)
        subject = rng.choice([org, person, place])
        out.append(f"{subject} {' '.join(picked)} in {place} according to {person}.")
    return " ".join(out)


def event_docs(event: str, n: int, seed: int, day: dt.date | None = None, outlet_prefix: str = "Wire") -> list[RawDocument]:
    rng = random.Random(f"{event}-{seed}")
    return [RawDocument(source=f"{event}-{seed}-{i}.txt", text=article_text(event, rng), title=f"{EVENTS[event][0]} news {i}",
                        outlet=f"{outlet_prefix} {i}", published=day) for i in range(n)]
