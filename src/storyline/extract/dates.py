"""Temporal expressions in news text, resolved against the article's date.

Finds absolute dates ("Thursday, Feb. 9, 2017", "March 3", "2017-02-09"), months ("in July",
"mid-April", "next month", "earlier in the month"), weekdays ("on Friday", "last Tuesday"),
weeks ("earlier this week", "last week"), days ("today", "later in the day") and years
("in 2015"), and resolves each to a date with a precision: day, week, month or year.

Why hand-written rather than dateparser: ``dateparser.search.search_dates`` is slow (about
a second per article), finds false dates in ordinary words ("may", "second"), and resolves a
bare weekday always to the past, whereas news writes "meets him on Thursday" for the coming
Thursday. Tense decides the direction here; month and weekday names come from the standard
library's calendar module.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# One alternation, most specific first, so each stretch of text matches once.
_EXPR = re.compile(
    rf"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
    rf"|(?P<mdy>\b(?:(?P<wd1>{_WEEKDAY}),?\s+)?(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?)"
    rf"|(?P<dmy>\b(?P<d2>[0-3]?\d)\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b)"
    rf"|(?P<rel_month>\b(?:(?P<rm>last|next|this|earlier this|later this|earlier in the|later in the)\s+month)\b)"
    rf"|(?P<rel_week>\b(?P<rw>last|next|this|earlier this|later this)\s+week(?:end)?\b)"
    rf"|(?P<rel_year>\b(?P<ry>last|next|this|earlier this|later this)\s+year\b)"
    rf"|(?P<rel_day>\b(?:yesterday|today|tomorrow|tonight|later in the day|earlier in the day|earlier that day|later that day)\b)"
    rf"|(?P<wd>\b(?:(?P<wq>last|next|this|on|since|from|by|until)\s+)?(?P<wn>{_WEEKDAY})\b(?!,?\s+{_MONTH}\s+\d))"
    rf"|(?P<my>\b(?:(?P<mq>in|since|by|until|from|mid-|early|late|end of|start of)\s*)?(?P<m3>January|February|March|April|June|July|August|September|October|November|December|(?<=in )May|May(?=\s+(?:19|20)\d\d))(?:\s+(?P<y3>(?:19|20)\d\d))?\b(?!\s+[0-3]?\d\b))"
    rf"|(?P<year>\b(?:in|since|by|until|from|of)\s+(?P<y4>(?:19|20)\d\d)\b)"
)
# Words that put a sentence in the future, so a bare weekday or month points forward.
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|'ll|shall|is to|are to|set to|due to|plans? to|expected to|going to|"
    r"scheduled|to meet|to visit|to start|to reopen|upcoming|next|later)\b",
    re.I,
)

# Near the expression, these put it ahead: "would hold a meeting on Thursday", "seek to
# showcase ... in a summit here Monday" (news uses the present for scheduled events).
_WOULD = re.compile(r"\b(?:would|seeks?|aims?|hopes?|prepares?|ahead of)\b", re.I)
# In the expression's own clause, these keep it in the past whatever the rest of the sentence
# says: "During his previous visit in May, Trump suggested he will ..." is last May.
_PAST_CLAUSE = re.compile(r"\b(?:previous|prior|last|earlier|ago|was|were|had|did)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a text's dates are resolved against: the article's date, if known.

    ``lower_bound`` says the date is only "on or after" (inferred from clues), so a past
    weekday far before it more likely falls just after it. ``year`` is a year to give
    month-and-day dates when the article's date is unknown but its text dates other things
    in one year ("reopen on Monday, May 18, 2026" makes "March 23" 2026).
    """

    date: dt.date | None
    lower_bound: bool = False
    year: int | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One temporal expression and what it resolves to (``date`` None if it cannot be)."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str  # "day" | "week" | "month" | "year" | "weekday"
    weekday: int | None = None  # 0 = Monday, when the text names one
    explicit_year: bool = False


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _shift_month(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _weekday(anchor: dt.date, weekday: int, qualifier: str, future: bool, lower_bound: bool = False) -> dt.date:
    """News convention: "on Friday" is this week's Friday, forward if the sentence speaks of
    the future, else back; "last Friday" is the previous calendar week's, "next" the next."""
    if qualifier == "last":
        monday = anchor - dt.timedelta(days=anchor.weekday() + 7)
        return monday + dt.timedelta(days=weekday)
    if qualifier == "next":
        monday = anchor - dt.timedelta(days=anchor.weekday() - 7)
        return monday + dt.timedelta(days=weekday)
    delta = weekday - anchor.weekday()
    if future or qualifier in ("from", "by", "until"):
        return anchor + dt.timedelta(days=delta % 7)
    back = (-delta) % 7
    # An inferred date is a lower bound: the article may be a day or two newer, so a weekday
    # most of a week before it is more likely the one just after it.
    if lower_bound and back > 4:
        return anchor + dt.timedelta(days=7 - back)
    return anchor - dt.timedelta(days=back)


def _month_only(anchor: dt.date, month: int, future: bool) -> dt.date:
    """A month named without a year is the nearest one in the sentence's direction."""
    year = anchor.year
    if future and month < anchor.month:
        year += 1
    elif not future and month > anchor.month:
        year -= 1
    return dt.date(year, month, 1)


def _clause_before(text: str, at: int) -> str:
    """The part of ``at``'s clause that comes before it."""
    head = text[:at]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def find_dates(text: str, anchor: Anchor, future: bool | None = None) -> list[TimeExpr]:
    """Every temporal expression in ``text`` (one sentence, ideally), resolved against
    ``anchor``. ``future`` overrides the tense detected from the text."""
    sentence_future = bool(_FUTURE.search(text)) if future is None else future
    a = anchor.date
    out: list[TimeExpr] = []
    for m in _EXPR.finditer(text):
        g = m.groupdict()
        # "would" is future only near the expression ("said the city would hold a meeting on
        # Thursday"); anywhere in a sentence it is too often reported speech about the past.
        is_future = sentence_future or (future is None and bool(_WOULD.search(text[max(0, m.start() - 60) : m.start()])))
        if is_future and future is None:
            clause = _clause_before(text, m.start())
            if _PAST_CLAUSE.search(clause) and not _FUTURE.search(clause):
                is_future = False
        date: dt.date | None = None
        precision, weekday, explicit = "day", None, False
        if g["iso"]:
            date, explicit = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"])), True
        elif g["mdy"] or g["dmy"]:
            month = _month(g["m1"] or g["m2"])
            day = int(g["d1"] or g["d2"])
            year_text = g["y1"] or g["y2"]
            weekday = _WEEKDAYS[g["wd1"].lower()] if g["wd1"] else None
            if year_text:
                date, explicit = _safe_date(int(year_text), month, day), True
            elif a is None and anchor.year:
                date = _safe_date(anchor.year, month, day)
            elif a:
                guess = _safe_date(a.year, month, day)
                # A date months away in the wrong direction belongs to the adjacent year.
                if guess and is_future and (a - guess).days > 60:
                    guess = _safe_date(a.year + 1, month, day)
                elif guess and not is_future and (guess - a).days > 60:
                    guess = _safe_date(a.year - 1, month, day)
                date = guess
        elif g["rel_month"]:
            q = g["rm"]
            if a:
                date = _shift_month(a, {"last": -1, "next": 1}.get(q, 0))
            precision = "month"
        elif g["rel_week"]:
            q = g["rw"]
            if a:
                monday = a - dt.timedelta(days=a.weekday())
                date = monday + dt.timedelta(days={"last": -7, "next": 7}.get(q, 0))
            precision = "week"
        elif g["rel_year"]:
            if a:
                date = dt.date(a.year + {"last": -1, "next": 1}.get(g["ry"], 0), 1, 1)
            precision = "year"
        elif g["rel_day"]:
            word = g["rel_day"].lower()
            if a:
                date = a + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        elif g["wd"]:
            weekday = _WEEKDAYS[g["wn"].lower()]
            q = (g["wq"] or "").lower()
            if a:
                date = _weekday(a, weekday, q, is_future, anchor.lower_bound)
            else:
                precision = "weekday"
        elif g["my"]:
            month = _month(g["m3"])
            precision = "month"
            if g["y3"]:
                date, explicit = dt.date(int(g["y3"]), month, 1), True
            elif a:
                date = _month_only(a, month, is_future)
            elif anchor.year:
                date = dt.date(anchor.year, month, 1)
        elif g["year"]:
            date, precision, explicit = dt.date(int(g["y4"]), 1, 1), "year", True
        out.append(TimeExpr(m.start(), m.end(), m.group(0), date, precision, weekday, explicit))
    return out


def label(date: dt.date | None, precision: str, weekday: int | None = None) -> str:
    """How a resolved date is shown: ISO at its precision, or what is known of it."""
    if date is None:
        if weekday is not None:
            return f"a {calendar.day_name[weekday]} (date unknown)"
        return "date unknown"
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%Y-%m}"
    if precision == "week":
        return f"week of {date.isoformat()}"
    return date.isoformat()
