"""Numeric claims, normalised, and disagreements between articles."""

from __future__ import annotations

from storyline.extract.disagreements import find_disagreements
from storyline.extract.numbers import find_numbers
from storyline.model import Article
from storyline.text.sentences import sentences_of


def claims(text: str, aid: str = "a", as_of: str | None = "2026-03-03"):
    art = Article(aid, f"{aid}.txt", aid, None, None, None, text, text)
    return find_numbers(art, sentences_of(art), as_of)


def test_money_percent_and_counts():
    found = claims(
        "Toyota will invest $10 billion in the United States. Japan pays nearly 200bn yen (£1.5bn) in support. "
        "It covers 80 percent of the cost of the bases. About 47,000 US troops are based on Japanese soil. "
        "The bridge carries about 60,000 vehicles a day. It opened in 1968 on Route 9 at 6 a.m."
    )
    got = [(c.text, c.value, c.unit) for c in found]
    assert ("$10 billion", 1e10, "USD") in got
    assert ("nearly 200bn yen", 2e11, "JPY") in got
    assert ("£1.5bn", 1.5e9, "GBP") in got
    assert ("80 percent", 80.0, "%") in got
    assert ("About 47,000 US troops", 47000.0, "troops") in got
    assert ("about 60,000 vehicles", 60000.0, "vehicles") in got
    assert not [c for c in found if c.value in (1968, 9, 6)]
    troops = next(c for c in found if c.unit == "troops")
    assert troops.approximate and troops.key == "troops|japan" and troops.measure == "US troops in Japan"


def test_disagreement_between_articles_notes_dates():
    a = claims("Tokyo did not pay enough for the 47,000 US troops based on Japanese soil.", "a", "2016-11-16")
    b = claims("Around 50,000 U.S. troops are stationed in Japan.", "b", "2019-06-28")
    c = claims("28,500 US troops remain south of the border dividing the Korean peninsula.", "c", "2016-11-16")
    found = find_disagreements([*a, *b, *c])
    assert len(found) == 1
    d = found[0]
    assert {x.value for x in d.claims} == {47000.0, 50000.0}
    assert "2016-11-16" in d.note and "2019-06-28" in d.note


def test_far_apart_values_are_different_measures_and_equal_values_agree():
    a = claims("The bridge carries about 60,000 vehicles a day.", "a")
    b = claims("The tunnel usually carries about 41,000 vehicles a day.", "b")
    c = claims("The bridge carried about 60,000 vehicles a day.", "c")
    assert find_disagreements([*a, *b, *c]) == ()
