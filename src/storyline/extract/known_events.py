"""Dating an article by the summit it reports from, when nothing else in it has a year.

Wire copy often carries no date at all: "OSAKA — Abe on Friday met Trump ... the two-day
Group of 20 summit that is set to start later in the day in Osaka". A reader dates that at
once, because the G20 summit in Osaka has public dates; so does this module, from a small
table of leaders' summits (data/summits.csv: G20, G7, APEC, NATO) rather than a guess.

A summit anchors the article only when the text places itself at it: a sentence names the
series and a host place of exactly one summit, and either the dateline is that place or
the sentence speaks of it as happening now ("later in the day", "this week", "on the
sidelines", a weekday). A summit recalled with a month or a year ("met in Hamburg in July")
is history, not the article's day. The day is then the weekday the opening lines name,
if exactly one day near the summit has it; else the summit's first day, said as "around".
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from storyline.extract.dates import _WEEKDAYS

_SERIES = {
    "G20": re.compile(r"\bG-?20\b|\bGroup of (?:20|Twenty)\b"),
    "G7": re.compile(r"\bG-?7\b|\bGroup of (?:7|Seven)\b"),
    "APEC": re.compile(r"\bAPEC\b|\bAsia[- ]Pacific Economic Cooperation\b"),
    "NATO": re.compile(r"\bNATO\b(?=.*\bsummit)", re.I),
}
_NOW = re.compile(
    r"\b(?:today|tonight|later in the day|earlier in the day|this week(?:end)?|on the sidelines|"
    r"under ?way|kick(?:s|ed)? off|open(?:s|ed)|beg(?:ins|an)|here)\b",
    re.I,
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# A month or a year in the sentence makes the summit a memory or a plan, not today.
_ELSEWHEN = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"(?:19|20)\d\d|last year|next year|previous|ago)\b"
)
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]+?)(?:,[^\n]{0,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]", re.M)
_LEAD_SENTENCES = 6  # where the opening's weekday is looked for: site chrome and headline come first
_BEFORE, _AFTER = 3, 1  # days around a summit an article written "at" it may carry


@dataclass(frozen=True, slots=True)
class Summit:
    """One leaders' summit: its series, the names of its host place, and its days."""

    series: str
    places: tuple[str, ...]
    start: dt.date
    end: dt.date
    named: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = "|".join(re.escape(place) for place in self.places)
        object.__setattr__(self, "named", re.compile(rf"\b(?:{names})\b", re.I))

    @property
    def label(self) -> str:
        return f"the {self.series} summit in {self.places[0]} ({self.start.isoformat()} to {self.end.isoformat()})"


@cache
def summits() -> tuple[Summit, ...]:
    """The bundled table of summits."""
    text = resources.files("storyline.extract").joinpath("data/summits.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        Summit(r["series"], tuple(r["places"].split("|")), dt.date.fromisoformat(r["start"]), dt.date.fromisoformat(r["end"]))
        for r in rows
    )


def summit_at(text: str, spans: Sequence[tuple[int, int]]) -> Summit | None:
    """The one summit the text (its sentences at ``spans``) reports from."""
    dateline = _DATELINE.search(text[:3000])
    dateline_place = dateline.group(1).strip() if dateline else ""
    found: set[Summit] = set()
    for start, end in spans:
        sentence = text[start:end]
        for series, pattern in _SERIES.items():
            if not pattern.search(sentence) or _ELSEWHEN.search(sentence):
                continue
            hosts = [s for s in summits() if s.series == series and s.named.search(sentence)]
            if len(hosts) != 1:
                continue  # no host named, or one city that hosted several (Brussels)
            summit = hosts[0]
            here = bool(dateline_place) and summit.named.search(dateline_place)
            if here or _NOW.search(sentence) or _WEEKDAY.search(sentence):
                found.add(summit)
    return found.pop() if len(found) == 1 else None


def date_from_summit(text: str, spans: Sequence[tuple[int, int]]) -> tuple[dt.date, str] | None:
    """``(date, how)`` for an article written at a summit, or None; ``spans`` are the
    text's sentences (``split_sentences``), which the caller has already."""
    summit = summit_at(text, spans)
    if summit is None:
        return None
    window = [summit.start + dt.timedelta(days=d) for d in range(-_BEFORE, (summit.end - summit.start).days + _AFTER + 1)]
    for start, end in spans[:_LEAD_SENTENCES]:
        named = _WEEKDAY.search(text[start:end])
        if named is None:
            continue
        days = [d for d in window if d.weekday() == _WEEKDAYS[named.group(1).lower()]]
        if len(days) == 1:
            return days[0], f"inferred: it reports from {summit.label}, and its opening says '{named.group(1)}'"
        break
    return summit.start, f"inferred: around {summit.start.isoformat()}, it reports from {summit.label}"
