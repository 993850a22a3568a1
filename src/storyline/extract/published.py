"""An article's publication date: from metadata, else inferred from clues in its raw text.

The raw text is used, not the clean text, because the best clues are what cleaning removes:
photo captions ("Thursday, Feb. 9, 2017") and link residue with dated URLs
(".../2016/nov/15/..."). Each clue is a lower bound: an article cannot be older than a date
it reports as past or a page it links to; dates in sentences about the future are skipped.
The latest lower bound is taken, and the brief says it was inferred ("on or after").
With no clue at all, a summit the article reports from dates it (``known_events``).
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.extract.dates import Anchor, _FUTURE, _MONTHS, _safe_date, find_dates
from storyline.extract.known_events import date_from_summit
from storyline.model import Article
from storyline.text.sentences import split_sentences

# /2016/nov/15/ (Guardian), /2017/02/09/ (most CMSs); day optional in neither.
_PUBLISHED = re.compile(r"\b(?:Published|Updated|Posted|Last modified)\b", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]?\d|[a-z]{3})/([0-3]?\d)/", re.I)


def infer_published(article: Article, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """``(date, how)``: metadata if present, else the latest dated clue in the raw text."""
    if article.published:
        return article.published, "metadata"
    limit = today or dt.date.today()
    best: tuple[dt.date, str] | None = None
    text = article.raw_text
    for m in _URL_DATE.finditer(text):
        month_text = m.group(2).lower()
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        date = _safe_date(int(m.group(1)), month, int(m.group(3))) if month else None
        if date and date <= limit and (best is None or date > best[0]):
            best = (date, f"a dated link in the raw text ({m.group(0)})")
    spans = split_sentences(text)
    for start, end in spans:
        line = text[start:end]
        if _FUTURE.search(line):
            continue
        for expr in find_dates(line, Anchor(None)):
            if expr.explicit_year and expr.precision == "day" and expr.date and expr.date <= limit:
                # A weekday that contradicts the date means a misread; skip such a clue.
                if expr.weekday is not None and expr.weekday != expr.date.weekday():
                    continue
                if _PUBLISHED.search(line):
                    # A "Published: ..." line is the date itself, not a bound.
                    return expr.date, f"inferred: the text's publication line ('{expr.text.strip()}')"
                if best is None or expr.date > best[0]:
                    best = (expr.date, f"the latest past date in the text ('{expr.text.strip()}')")
    if best is None:
        return date_from_summit(text, spans) or (None, None)
    return best[0], f"inferred: on or after {best[0].isoformat()}, {best[1]}"


def year_hint(article: Article) -> int | None:
    """The one year the article's full dates fall in (future ones too), for dating "March 23"
    in an article whose own date is unknown; None when there are none or several."""
    years = {e.date.year for e in find_dates(article.clean_text, Anchor(None)) if e.explicit_year and e.precision == "day" and e.date}
    return years.pop() if len(years) == 1 else None
