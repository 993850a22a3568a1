"""Temporal expressions and their resolution against an article's date."""

from __future__ import annotations

import datetime as dt

from storyline.extract.dates import Anchor, find_dates, label

THU = dt.date(2017, 2, 9)  # a Thursday


def one(text: str, anchor: Anchor):
    found = find_dates(text, anchor)
    assert found, text
    return found[0]


def test_weekday_follows_tense():
    assert one("Abe will meet Trump in Washington on Friday.", Anchor(THU)).date == dt.date(2017, 2, 10)
    assert one("Abe met Trump in Washington on Friday.", Anchor(THU)).date == dt.date(2017, 2, 3)
    assert one("Abe met Trump on Thursday.", Anchor(THU)).date == THU


def test_last_and_next_weekday_are_calendar_weeks():
    wed = dt.date(2016, 11, 16)
    assert one("In his message last Tuesday, Abe wrote.", Anchor(wed)).date == dt.date(2016, 11, 8)
    assert one("They meet next Monday.", Anchor(wed)).date == dt.date(2016, 11, 21)


def test_would_is_future_only_near_the_expression():
    tue = dt.date(2026, 3, 3)
    assert one("Ruiz said the city would hold a meeting on Thursday.", Anchor(tue)).date == dt.date(2026, 3, 5)
    assert one("On Monday, advisers said he would never again sign bad deals.", Anchor(tue)).date == dt.date(2026, 3, 2)


def test_absolute_dates_and_weekday_checks():
    e = one("Abe arrived at Andrews Air Force Base, Md., Thursday, Feb. 9, 2017.", Anchor(None))
    assert (e.date, e.precision, e.weekday, e.explicit_year) == (THU, "day", 3, True)
    assert one("The order, dated 2018-02-27, was sealed.", Anchor(None)).date == dt.date(2018, 2, 27)


def test_months_weeks_years_with_precision():
    wed = dt.date(2016, 11, 16)
    e = one("Putin visits Tokyo next month.", Anchor(wed))
    assert (e.date, e.precision, label(e.date, e.precision)) == (dt.date(2016, 12, 1), "month", "2016-12")
    e = one("They spoke by telephone last week.", Anchor(wed))
    assert (e.date, e.precision) == (dt.date(2016, 11, 7), "week")
    assert one("Talks ended in July.", Anchor(wed)).date == dt.date(2016, 7, 1)
    assert one("Elections will be held in July.", Anchor(wed)).date == dt.date(2017, 7, 1)
    e = one("He climbed it in 2011.", Anchor(None))
    assert (e.date, e.precision) == (dt.date(2011, 1, 1), "year")


def test_unknown_article_date_keeps_what_the_text_says():
    e = one("Abe on Friday met Trump.", Anchor(None))
    assert (e.date, e.precision) == (None, "weekday")
    assert label(None, "weekday", e.weekday) == "a Friday (date unknown)"
    assert one("Work began on Monday, March 23.", Anchor(None, year=2026)).date == dt.date(2026, 3, 23)


def test_inferred_lower_bound_prefers_the_days_just_after():
    tue = dt.date(2026, 3, 3)  # only "on or after"
    assert one("Ridership tripled on Wednesday.", Anchor(tue, lower_bound=True)).date == dt.date(2026, 3, 4)
    assert one("Ridership tripled on Wednesday.", Anchor(tue)).date == dt.date(2026, 2, 25)


def test_may_the_verb_is_not_a_month():
    assert not [e for e in find_dates("Trump may take longer than usual.", Anchor(THU)) if e.precision == "month"]


def test_a_past_clause_keeps_its_month_in_the_past_despite_later_future_words():
    fri = dt.date(2019, 6, 28)
    text = "During his previous visit as a state guest in May, the mayor said he will not push for a deal."
    assert one(text, Anchor(fri)).date == dt.date(2019, 5, 1)
    # A future word in the expression's own clause still wins.
    later = find_dates("The councillor, who was elected last year, will stand again next July.", Anchor(fri))[-1]
    assert later.date == dt.date(2019, 7, 1)
