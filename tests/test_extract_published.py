"""Publication dates: metadata first, else clues in the raw text, else unknown."""

from __future__ import annotations

import datetime as dt

from storyline.extract.published import infer_published
from storyline.model import Article


def article(raw: str, published: dt.date | None = None) -> Article:
    return Article("x", "x.txt", "Outlet", None, None, published, raw, raw)


def test_metadata_wins():
    assert infer_published(article("Thursday, Feb. 9, 2017.", dt.date(2017, 2, 10))) == (dt.date(2017, 2, 10), "metadata")


def test_latest_past_date_in_a_caption_is_a_lower_bound():
    date, how = infer_published(article("Abe arrives, Thursday, Feb. 9, 2017.\nAbe spoke on Monday, Jan. 4, 2016."))
    assert date == dt.date(2017, 2, 9) and how and "on or after" in how


def test_dated_links_in_raw_text():
    raw = "Read more <https://www.example.com/world/2016/nov/15/some-story>\nand <https://x.example/2016/11/16/y>"
    assert infer_published(article(raw))[0] == dt.date(2016, 11, 16)


def test_future_dates_are_not_clues_and_publication_lines_are_exact():
    assert infer_published(article("The bridge will reopen on Monday, May 18, 2026.")) == (None, None)
    date, how = infer_published(article("Published: Tuesday, March 17, 2026 at 7:42 a.m.\nLater text, March 20, 2026."))
    assert date == dt.date(2026, 3, 17) and how and "publication line" in how


def test_unknown_when_there_is_no_clue():
    assert infer_published(article("Abe met Trump on Friday.")) == (None, None)


SUMMIT_LEAD = """print PRINT
Leaders pledge action on shipping lanes

HANGZHOU — Ministers from the two countries on Sunday signed a port agreement, hours before
the Group of 20 summit opens in Hangzhou.
"""


def test_a_summit_the_article_reports_from_dates_it():
    date, how = infer_published(article(SUMMIT_LEAD))
    # G20 Hangzhou ran 4-5 Sept 2016; the only Sunday near it is the 4th.
    assert date == dt.date(2016, 9, 4) and how and "G20 summit in Hangzhou" in how and "'Sunday'" in how


def test_a_remembered_summit_dates_nothing():
    text = "When the leaders met at the G20 summit in Hangzhou in September, trade came up.\nThey met again on Friday."
    assert infer_published(article(text)) == (None, None)
    # One city that hosted several summits of a series names none of them.
    assert infer_published(article("NATO leaders gather today in Brussels for a summit.")) == (None, None)


def test_without_a_weekday_the_summit_start_is_given_as_around():
    date, how = infer_published(article("Leaders arrived for the G7 summit under way in Biarritz."))
    assert date == dt.date(2019, 8, 24) and how and how.startswith("inferred: around 2019-08-24")
