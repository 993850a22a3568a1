"""The summarize stage: budgets, candidates, the default summarizer, baselines, citations."""

from __future__ import annotations

import pytest

from storyline.errors import UsageError
from storyline.summarize import SUMMARIZERS, Budget, get_summarizer, summarize
from storyline.summarize.units import cosine, is_candidate, make_unit

from helpers import make_article

# Three invented outlets on one invented story: the ferry fare rise.
A = [
    "The Lakeside ferry company will raise fares by 12 percent from June 1, the company said on Monday.",
    "Chief executive Dana Holt said rising fuel costs left the company no other choice this year.",
    "Commuters who cross the lake every day said the increase would cost them hundreds of dollars.",
    "The company also plans to retire two of its oldest boats before the summer season begins.",
]
B = [
    "Ferry fares on Lakeside routes will rise by 12 percent from June 1, the operator announced Monday.",
    "He blamed fuel.",
    "The regional transport council said it would review the fare increase at its May meeting.",
    "Council member Ruth Adeyemi said the council had not been consulted before the announcement was made.",
]
C = [
    "Lakeside ferry fares are going up 12 percent on June 1 after the operator cited higher fuel costs.",
    "A monthly commuter pass will cost 96 dollars instead of 86 dollars under the new fare table.",
    "But riders groups say the service has become less reliable over the past two winters.",
]


def docs():
    return [make_article(i, s)[1] for i, s in (("a", A), ("b", B), ("c", C))]


def test_budget_rejects_nonsense() -> None:
    with pytest.raises(UsageError):
        Budget(words=0)
    with pytest.raises(UsageError):
        Budget(words=None, sentences=None)


def test_budget_fit_and_overflow() -> None:
    assert Budget(words=10).fits(5, 1, 5)
    assert not Budget(words=10).fits(6, 1, 5)
    assert Budget(words=10, overflow=True).fits(9, 1, 50)
    assert not Budget(words=None, sentences=2).fits(0, 2, 1)


def test_empty_input_gives_empty_summary() -> None:
    for name in SUMMARIZERS:
        assert summarize([], Budget(words=50), name) == []
        assert summarize([()], Budget(words=50), name) == []


def test_one_sentence_input() -> None:
    _, sents = make_article("x", [A[0]])
    out = summarize([sents], Budget(words=50))
    assert [s.text for s in out] == [A[0]]
    assert out[0].citations[0].article_id == "x"


@pytest.mark.parametrize("name", sorted(SUMMARIZERS))
def test_every_backend_respects_budget_and_copies_text(name: str) -> None:
    all_docs = docs()
    texts = {s.text for d in all_docs for s in d}
    out = summarize(all_docs, Budget(words=40), name)
    assert out, name
    assert sum(len(s.text.split()) for s in out) <= 40
    assert all(s.text in texts for s in out)  # extractive: never a word that was not there


def test_sentence_budget() -> None:
    out = summarize(docs(), Budget(words=None, sentences=2))
    assert len(out) == 2


def test_default_prefers_what_several_outlets_report() -> None:
    out = summarize(docs(), Budget(words=25))
    assert len(out) == 1
    assert "12 percent" in out[0].text


def test_no_near_duplicates_and_reading_order() -> None:
    out = summarize(docs(), Budget(words=120))
    texts = [s.text for s in out]
    fare_leads = [t for t in texts if "12 percent" in t]
    assert len(fare_leads) == 1, texts
    keys = [(s.citations[0].article_id, s.citations[0].position) for s in out]
    assert keys == sorted(keys)


def test_dangling_openers_avoided_when_possible() -> None:
    out = summarize(docs(), Budget(words=60))
    assert not out[0].text.startswith(("He ", "But "))


def test_citations_include_every_supporting_article() -> None:
    out = summarize(docs(), Budget(words=25))
    cited = {c.article_id for c in out[0].citations}
    assert cited == {"a", "b", "c"}
    own = out[0].citations[0]
    assert own.similarity == 1.0
    assert all(0 < c.similarity <= 1 for c in out[0].citations)


def test_citation_spans_point_at_the_text() -> None:
    all_docs = docs()
    by_key = {(s.article_id, s.position): s for d in all_docs for s in d}
    for s in summarize(all_docs, Budget(words=80)):
        for c in s.citations:
            sentence = by_key[(c.article_id, c.position)]
            assert (sentence.start, sentence.end) == (c.start, c.end)
        assert by_key[(s.citations[0].article_id, s.citations[0].position)].text == s.text


def test_unrelated_sentences_are_not_cited() -> None:
    out = summarize(docs(), Budget(words=200))
    council = [s for s in out if "consulted" in s.text]
    assert council and {c.article_id for c in council[0].citations} == {"b"}


def test_unknown_summarizer_lists_known_names() -> None:
    with pytest.raises(UsageError, match="lead"):
        get_summarizer("gpt")


def test_candidates_skip_fragments_and_headlines() -> None:
    _, sents = make_article("h", ["Fares rise on the lake ferry routes from June as fuel bites", "Too short.", A[0]])
    units = [make_unit(s, 0) for s in sents]
    assert [is_candidate(u) for u in units] == [False, False, True]


def test_cosine_bounds() -> None:
    a = frozenset({"x", "y"})
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, frozenset()) == 0.0
    assert cosine(a, frozenset({"z"})) == 0.0


def test_focus_keeps_only_relevant_sentences() -> None:
    out = summarize(docs(), Budget(words=60), focus="council review")
    assert out and all("council" in s.text.lower() for s in out)


def test_focus_needs_the_default_summarizer() -> None:
    with pytest.raises(UsageError, match="focus"):
        summarize(docs(), Budget(words=60), "lead", focus="fuel")


def test_update_summary_picks_only_from_fresh_articles() -> None:
    out = summarize(docs(), Budget(words=60), fresh=[False, True, False])
    assert out and {s.citations[0].article_id for s in out} == {"b"}
    # What an old article already said (the 12 percent rise) is not news.
    assert not any("12 percent" in s.text for s in out)


def test_nothing_fresh_gives_empty_summary() -> None:
    assert summarize(docs(), Budget(words=60), fresh=[False, False, False]) == []


def test_referring_sentence_brings_its_antecedent_or_stays_out() -> None:
    _, a = make_article("p", [
        "The harbour authority closed the Kestrel bridge on Tuesday after finding corroded cables.",
        "He said the repairs to the corroded bridge cables would take at least ten weeks to finish.",
    ])
    out = summarize([a], Budget(words=60))
    texts = [s.text for s in out]
    assert all(not t.startswith("He ") or a[0].text in texts for t in texts)
    assert not texts or not texts[0].startswith("He ")


@pytest.mark.parametrize(("opening", "tail", "other"), [
    # The opening sentence is no candidate on its own (it opens a quote it does not close)
    # but comes along with the tail, so the quotation reads whole: before, the tail was dropped.
    ("\"We had no choice but to act quickly.",
     "The corroded bridge cables needed urgent repairs before anyone could cross again,\" the harbour chief said.",
     "Engineers warned on Monday that the corroded bridge cables had snapped in two places."),
    # A tail that opens with a pronoun reaches back to its quotation's opening too.
    ("\"The corroded bridge cables snapped in two places on Monday.",
     "They needed urgent repairs before anyone could cross the bridge again,\" the harbour chief said.",
     "Engineers warned that urgent repairs to the harbour bridge could take ten weeks or more."),
])
def test_quote_tail_comes_with_the_sentences_that_open_its_quotation(opening: str, tail: str, other: str) -> None:
    _, a = make_article("q", [
        "The harbour authority met on Tuesday morning in the town hall to discuss the annual budget.",
        opening,
        tail,
    ])
    _, b = make_article("r", [
        other,
        "Ferry operators expect many more passengers while the crossing stays closed to all traffic.",
    ])
    texts = [s.text for s in summarize([a, b], Budget(words=80))]
    assert a[2].text in texts
    assert texts[texts.index(a[2].text) - 1] == a[1].text


def test_quote_tail_without_room_for_its_opening_stays_out() -> None:
    _, a = make_article("q", [
        "\"We had no choice but to act quickly and close the bridge to all traffic on Tuesday morning.",
        "The corroded bridge cables needed repairs before anyone could cross again,\" the harbour chief said.",
        "The corroded bridge cables will need repairs lasting ten weeks, engineers said.",
    ])
    texts = [s.text for s in summarize([a], Budget(words=20))]
    assert a[1].text not in texts



@pytest.mark.parametrize("text", [
    "", "one", "Two words.", "  padded  text ", "double  space", "tab\tand\nnewline",
    "non\u00a0breaking space", "a \u2003 wide space", "ends with space ", "line\u2028separator",
])
def test_word_count_is_whitespace_split(text: str) -> None:
    from storyline.text.terms import word_count

    assert word_count(text) == len(text.split())


def test_byte_codes_match_str_codes_for_new_words() -> None:
    from storyline.text.terms import byte_term_codes, term_codes, word_bytes, words

    text = "Zyxwvutsrqp qwertyzzz saying the says xq runs"
    assert byte_term_codes(word_bytes(text)) == term_codes(words(text))


@pytest.mark.parametrize("text", [
    "Plain ASCII, with CAPS and 42 numbers.", "“Curly” quotes — and dashes…", "İstanbul’s Kelvin: 300\u212a",
    "Ünïcödé wörds and DİYARBAKIR", "tab\tsplit\nlines", "",
])
def test_word_bytes_are_words(text: str) -> None:
    from storyline.text.terms import word_bytes, words

    assert [w.decode("ascii") for w in word_bytes(text)] == words(text)
