"""Timeline entries: dated event sentences, places, merging across outlets, undated ones."""

from __future__ import annotations

import datetime as dt

from storyline.extract.events import article_events, build_timeline, dateline
from storyline.model import Article
from storyline.text.sentences import sentences_of


def art(aid: str, text: str, published: dt.date | None) -> Article:
    return Article(aid, f"{aid}.txt", aid, None, None, published, text, text, published_from="metadata" if published else None)


def events(a: Article):
    return article_events(a, sentences_of(a), [])


def test_same_event_from_two_outlets_is_one_entry_with_both_citations():
    a = art("a", "OSAKA — Abe met Trump on Friday to discuss trade and the alliance.", dt.date(2019, 6, 28))
    b = art("b", "The two leaders held talks in Osaka on Friday, officials said afterwards.", dt.date(2019, 6, 29))
    timeline = build_timeline([*events(a), *events(b)])
    meetings = [e for e in timeline if e.kind == "meeting"]
    assert len(meetings) == 1
    entry = meetings[0]
    assert entry.date == dt.date(2019, 6, 28) and entry.precision == "day"
    assert {c.article_id for c in entry.citations} == {"a", "b"}
    assert entry.place == "Osaka"


def test_dateline_and_here():
    a = art("a", "TOKYO -- The leaders will hold a summit here Monday as tensions rise in the region.", dt.date(2017, 11, 5))
    assert dateline(a) == ("Tokyo", 0)
    (entry,) = events(a)
    assert (entry.date, entry.place, entry.kind) == (dt.date(2017, 11, 6), "Tokyo", "meeting")


def test_undated_article_says_so_and_sorts_last():
    a = art("a", "Abe on Friday highlighted the alliance as he met Trump at the summit.", None)
    b = art("b", "Trump will meet Abe in New York on Thursday for the first time since the election.", dt.date(2016, 11, 16))
    timeline = build_timeline([*events(a), *events(b)])
    assert timeline[0].date == dt.date(2016, 11, 17)
    last = timeline[-1]
    assert last.date is None and last.precision == "weekday" and "date unknown" in last.when


def test_expression_far_from_the_event_does_not_date_it():
    a = art("a", "During the talks with Trump, Abe was also expected to discuss the tension stemming from a nuclear deal reached in 2015.", dt.date(2019, 6, 28))
    assert not [e for e in events(a) if e.date and e.date.year == 2015]
