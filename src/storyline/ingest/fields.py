"""Normalising metadata values (titles, names, dates) that come from untrusted inputs.

JSON records and HTML metadata may hold anything: numbers where strings belong, megabyte-long
"titles", dates in any format. These helpers turn such values into a short string, a
``datetime.date``, or ``None``, and never raise.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_FIELD_CHARS = 1000  # a title or name longer than this is not metadata

_SPACE = re.compile(r"\s+")


def clean_field(value: object) -> str | None:
    """A one-line string with collapsed whitespace, or None when empty or not a string."""
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    if not text:
        return None
    return text[:MAX_FIELD_CHARS]


def parse_date(value: object) -> dt.date | None:
    """A date from an ISO-like value (``2017-02-10``, ``2017-02-10T09:00:00Z``), else None.

    Only the first 10 characters are read, so times and zones never get in the way; any other
    format is left as unknown rather than guessed.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
