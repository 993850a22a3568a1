"""The timeline: sentences that report a dated event, merged across outlets.

An event sentence has a trigger word (met, summit, call, visit, said, voted, closed ...) and a
temporal expression outside any quotation; its date is that expression resolved against the
article's date (``dates``). The same event reported by several outlets, or twice by one, is
one entry with every citation: same kind and same resolved date. Events in undated articles
keep what the text says ("on Friday") and say the date is unknown, rather than guess.

Place: "here" and lede sentences of a datelined article ("OSAKA — ...") take the dateline;
otherwise a place entity after "in"/"at" in the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from storyline.extract.dates import Anchor, TimeExpr, find_dates, label
from storyline.extract.entities import Mention
from storyline.extract.published import year_hint
from storyline.model import Article, Citation, Sentence, TimelineEntry

# Most specific first: a sentence about a summit that someone "said" is a meeting.
_KINDS = (
    ("meeting", r"meet|meets|met|meeting|meetings|summit|talks|session|conference|golf outing"),
    ("call", r"telephone|phone|call"),
    ("visit", r"visit|visits|visited|visiting|arrived|arrives|arrival|trip"),
    ("decision", r"decided|decides|approved|approves|voted|vote|agreed|awarded|announced|signed|closed|reopen|began|begin|start"),
    ("election", r"elected|re-elected|election"),
    ("statement", r"said|says|told|speech|message|statement|op-ed|remarks|interview|press conference|reported"),
)
_KIND_RE = [(kind, re.compile(rf"\b(?:{words})\b", re.I)) for kind, words in _KINDS]
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:\([^)]*\))?\s*(?:—|--|–|-)\s", re.M)
_PAST_VERB = re.compile(r"\b(?:[a-z]{3,}ed|died|won|lost|fell|began|took|left|found|hit|rose|came|went|made|gave|held|swept|climbed)\b")
_QUOTED = re.compile(r"[“\"][^“”\"\n]*[”\"]")


def dateline(article: Article) -> tuple[str, int] | None:
    """The dateline city ("Osaka") and where the datelined paragraph starts."""
    m = _DATELINE.search(article.clean_text[:2000])
    return (m.group(1).strip().title(), m.start()) if m else None


def _kind(text: str) -> str | None:
    for kind, pattern in _KIND_RE:
        if pattern.search(text):
            return kind
    return None


def _place(sentence: Sentence, places: Sequence[Mention], line: tuple[str, int] | None, lede: bool) -> str | None:
    text = sentence.text
    if line and (re.search(r"\bhere\b", text) or lede):
        return line[0]
    for m in places:
        if sentence.start <= m.start < sentence.end:
            before = text[max(0, m.start - sentence.start - 4) : m.start - sentence.start]
            if re.search(r"\b(?:in|at)\s$", before):
                return m.name
    return None


def _choose(exprs: Sequence[TimeExpr], triggers: Sequence[int]) -> TimeExpr | None:
    """The expression nearest a trigger word, within 80 characters (further away it dates
    something else: "talks ... over a deal reached in 2015"); ties go to the more precise."""
    rank = {"day": 0, "weekday": 1, "week": 2, "month": 3, "year": 4}

    def distance(e: TimeExpr) -> int:
        return min((min(abs(t - e.start), abs(t - e.end)) for t in triggers), default=999)

    near = [e for e in exprs if distance(e) <= 80]
    if triggers:
        # The first trigger is usually the main clause's verb: prefer what dates it.
        first = [e for e in near if min(abs(triggers[0] - e.start), abs(triggers[0] - e.end)) <= 80]
        near = first or near
    return min(near, key=lambda e: (distance(e) // 40, rank[e.precision], distance(e)), default=None)


def article_events(article: Article, sentences: Sequence[Sentence], places: Sequence[Mention]) -> list[TimelineEntry]:
    """Dated event entries of one article (one per event sentence)."""
    inferred = bool(article.published_from and article.published_from.startswith("inferred: on or after"))
    anchor = Anchor(article.published, lower_bound=inferred, year=None if article.published else year_hint(article))
    line = dateline(article)
    out: list[TimelineEntry] = []
    for sentence in sentences:
        if len(sentence.text.split()) < 5 or "©" in sentence.text:
            continue
        unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), sentence.text)
        kind = _kind(unquoted)
        if kind is None:
            # Any other past-tense verb next to a day or a weekday is an event too ("died
            # Thursday", "was arraigned Wednesday"); months and years alone are too vague.
            verbs = [m.start() for m in _PAST_VERB.finditer(unquoted)]
            if not verbs:
                continue
            kind = "event"
            triggers = verbs
        else:
            triggers = [m.start() for k, pattern in _KIND_RE if k == kind for m in pattern.finditer(unquoted)]
        exprs = [e for e in find_dates(unquoted, anchor) if e.precision != "year" or e.explicit_year]
        expr = _choose(exprs, triggers)
        if kind == "event" and expr is not None and expr.precision not in ("day", "weekday") and not expr.explicit_year:
            continue
        # An expression that cannot be resolved although the article is dated is a misread.
        if expr is None or (expr.date is None and expr.precision != "weekday" and anchor.date is not None):
            continue
        if expr.date and expr.date.year < 1900:
            continue
        lede = bool(line) and line[1] <= sentence.start < line[1] + 400 and kind == "meeting"
        if expr.date is not None:
            when = label(expr.date, expr.precision)
            basis = f"'{expr.text.strip()}'" + ("" if expr.explicit_year else f" resolved against the article date {article.published}")
        else:
            when = f"{expr.text.strip()} (date unknown: the article is undated)"
            basis = f"'{expr.text.strip()}'; the article's date is unknown"
        out.append(
            TimelineEntry(
                date=expr.date,
                precision=expr.precision,
                when=when,
                text=sentence.text,
                kind=kind,
                place=_place(sentence, places, line, lede),
                citations=(Citation(article.id, sentence.position, sentence.start, sentence.end),),
                basis=basis,
            )
        )
    return out


def build_timeline(entries: Sequence[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    """Merge entries of the same kind and date into one with all citations; order by date,
    undated entries last (in source order)."""
    merged: list[TimelineEntry] = []
    for entry in entries:
        twin = None
        if entry.date is not None:
            twin = next((m for m in merged if m.date == entry.date and m.precision == entry.precision and m.kind == entry.kind), None)
        if twin is None:
            merged.append(entry)
            continue
        index = merged.index(twin)
        # Keep the reporting sentence that names a place: it says more.
        lead = twin if twin.place or not entry.place else entry
        merged[index] = TimelineEntry(
            date=twin.date,
            precision=twin.precision,
            when=twin.when,
            text=lead.text,
            kind=twin.kind,
            place=twin.place or entry.place,
            citations=(*twin.citations, *entry.citations) if lead is twin else (*entry.citations, *twin.citations),
            basis=twin.basis,
        )
    dated = sorted((e for e in merged if e.date), key=lambda e: (e.date or dt.date.min, e.precision != "day"))
    return (*dated, *(e for e in merged if not e.date))
