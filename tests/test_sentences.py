"""Tests of the sentence splitter (``storyline.text``): each hard case of English news text,
the span invariants (over the gold set and generated text), and an accuracy floor on the
hand-written gold set in ``tests/data/sentences_gold.jsonl``."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from storyline.model import Article, Sentence
from storyline.text import sentences_of, split_sentences

GOLD_PATH = Path(__file__).parent / "data" / "sentences_gold.jsonl"
GOLD: list[dict[str, object]] = [
    json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line
]


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Ordered, non-overlapping, non-empty, stripped, and covering all non-whitespace."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert text[previous_end:start].strip() == ""  # nothing skipped between spans
        previous_end = end
    assert text[previous_end:].strip() == ""


# --- edge inputs -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n "])
def test_empty_or_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


@pytest.mark.parametrize("text", ["Hello.", "  Hello world  ", "No final punctuation", "Why?"])
def test_one_sentence(text: str) -> None:
    assert split(text) == [text.strip()]


def test_spans_index_the_original_text() -> None:
    text = "  First one.   Second one!\n\nThird"
    assert split_sentences(text) == [(2, 12), (15, 26), (28, 33)]


# --- abbreviations, numbers, initials ----------------------------------------------------

ABBREVIATIONS = [
    ("The U.S. and U.N. envoys met. Talks went well.",
     ["The U.S. and U.N. envoys met.", "Talks went well."]),
    ("The firm moved to the U.S. The shift cost $2m.",
     ["The firm moved to the U.S.", "The shift cost $2m."]),
    ("Gen. Ada Moss met Mr. Li and Dr. Roe. They spoke.",
     ["Gen. Ada Moss met Mr. Li and Dr. Roe.", "They spoke."]),
    ("He lives on St. Paul Street in Towson, Md. with his wife.",
     ["He lives on St. Paul Street in Towson, Md. with his wife."]),
    ("The base is in Bethesda, Md. It opened in 1942.",
     ["The base is in Bethesda, Md.", "It opened in 1942."]),
    ("The deal went to Acme Inc. The rival bid failed.",
     ["The deal went to Acme Inc.", "The rival bid failed."]),
    ("Acme Inc. said it would appeal.", ["Acme Inc. said it would appeal."]),
    ("It was ranked No. 3 in the poll.", ["It was ranked No. 3 in the poll."]),
    ("Doors open at 9 a.m. and close at 5 p.m. on Fridays.",
     ["Doors open at 9 a.m. and close at 5 p.m. on Fridays."]),
    ("The vote closes at 8 p.m. Officials expect a result by midnight.",
     ["The vote closes at 8 p.m.", "Officials expect a result by midnight."]),
    ("It starts at 10 a.m. Monday in the hall.", ["It starts at 10 a.m. Monday in the hall."]),
    ("He admired J. R. R. Tolkien and George W. Bush.",
     ["He admired J. R. R. Tolkien and George W. Bush."]),
    ("It began on Jan. 4, 2016, in Oslo. It ended on Feb. 9.",
     ["It began on Jan. 4, 2016, in Oslo.", "It ended on Feb. 9."]),
    ("Sales hit $1.5bn, up 3.5% on the year. Profit was 0.4% lower.",
     ["Sales hit $1.5bn, up 3.5% on the year.", "Profit was 0.4% lower."]),
    ("The storm hit at dawn. 3,000 homes lost power.",
     ["The storm hit at dawn.", "3,000 homes lost power."]),
    ("Sen. Jo Park (R-Fla.) voted no. Rep. Al Ng (D-Tex.) — a freshman — voted yes.",
     ["Sen. Jo Park (R-Fla.) voted no.", "Rep. Al Ng (D-Tex.) — a freshman — voted yes."]),
    ("The case Holt v. Marren was cited.", ["The case Holt v. Marren was cited."]),
]


@pytest.mark.parametrize(("text", "expected"), ABBREVIATIONS)
def test_abbreviations_and_numbers(text: str, expected: list[str]) -> None:
    assert split(text) == expected


# --- quotes, ellipses, ? and ! ------------------------------------------------------------

QUOTES = [
    ("It is over, he said. “Next year we win.”",
     ["It is over, he said.", "“Next year we win.”"]),
    ("“We will go,” he said.", ["“We will go,” he said."]),
    ("“It is over.” She left.", ["“It is over.”", "She left."]),
    ("“It is over. We lost,” she said. Fans wept.",
     ["“It is over.", "We lost,” she said.", "Fans wept."]),
    ('"We will rebuild." She did not say when.',
     ['"We will rebuild."', "She did not say when."]),
    ("“Why now?” asked Reyes. Nobody knew.", ["“Why now?” asked Reyes.", "Nobody knew."]),
    ("They chanted “Stop!” as he came. Police watched.",
     ["They chanted “Stop!” as he came.", "Police watched."]),
    ("(The firm declined to comment.) Shares fell.",
     ["(The firm declined to comment.)", "Shares fell."]),
    ("Is it real? Who knows! Time will tell.", ["Is it real?", "Who knows!", "Time will tell."]),
    ("We fought hard … and lost. It hurts.", ["We fought hard … and lost.", "It hurts."]),
    ("A long summer... The season starts in May.",
     ["A long summer...", "The season starts in May."]),
    ("He waited… Then he left.", ["He waited…", "Then he left."]),
    ("We will respond…but we do not want war.", ["We will respond…but we do not want war."]),
    ("It was never true.” — Ann Lee, on Twitter", ["It was never true.” — Ann Lee, on Twitter"]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes_ellipses_and_marks(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_glued_sentences_from_scraping_are_split() -> None:
    assert split("It was preserved.Then it sank.") == ["It was preserved.", "Then it sank."]
    assert split('He left early."We knew," she said.') == [
        "He left early.",
        '"We knew," she said.',
    ]
    assert split("Version 3.5.1 of ASP.Net shipped.") == ["Version 3.5.1 of ASP.Net shipped."]


# --- datelines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline", ["OSAKA — ", "TOKYO -- ", "WASHINGTON (AP) — ", "ST. LOUIS — ", "LONDON: "]
)
def test_dateline_stays_in_first_sentence(dateline: str) -> None:
    text = dateline + "The U.S. envoy arrived on Friday. Talks begin today."
    assert split(text) == [dateline + "The U.S. envoy arrived on Friday.", "Talks begin today."]


# --- line structure -----------------------------------------------------------------------


def test_blank_line_always_ends_a_sentence() -> None:
    assert split("Water cut off\n\nthe utility said\n\nMore soon.") == [
        "Water cut off",
        "the utility said",
        "More soon.",
    ]
    assert split("One ends here. \n \n Another starts.") == ["One ends here.", "Another starts."]


def test_line_without_final_punctuation_ends_a_sentence() -> None:
    text = "Markets\nStocks slide as oil jumps\nShares fell on Monday. Oil rose.\nRelated: Fuel"
    assert split(text) == [
        "Markets",
        "Stocks slide as oil jumps",
        "Shares fell on Monday.",
        "Oil rose.",
        "Related: Fuel",
    ]


def test_single_newline_before_lowercase_continues_the_sentence() -> None:
    assert split("To join the discussion\nlog in or register.") == [
        "To join the discussion\nlog in or register."
    ]


HARD_WRAPPED = (
    "Japan’s leader will seek fresh assurances about the alliance when he becomes \n"
    "the first foreign head of government to meet the new president on Thursday, \n"
    "officials in Tokyo said. The talks in New York are expected to last an hour. \n"
    "Aides said the U.S. commitment to the region, including 47,000 troops based \n"
    "in Japan, would top the agenda.\n"
)


def test_hard_wrapped_text_does_not_split_at_line_breaks() -> None:
    assert [" ".join(s.split()) for s in split(HARD_WRAPPED)] == [
        "Japan’s leader will seek fresh assurances about the alliance when he becomes the "
        "first foreign head of government to meet the new president on Thursday, officials "
        "in Tokyo said.",
        "The talks in New York are expected to last an hour.",
        "Aides said the U.S. commitment to the region, including 47,000 troops based in "
        "Japan, would top the agenda.",
    ]


def test_short_headline_above_hard_wrapped_text_is_its_own_sentence() -> None:
    sentences = split("Leaders to meet\n" + HARD_WRAPPED)
    assert sentences[0] == "Leaders to meet"
    assert len(sentences) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegates:\n  • Ambassador Helen Marsh\n  • Gen. Ola Sandvik\nThey arrive today.",
         ["Delegates:", "• Ambassador Helen Marsh", "• Gen. Ola Sandvik", "They arrive today."]),
        ("Most read: • Storm closes schools • Mayor quits",
         ["Most read:", "• Storm closes schools", "• Mayor quits"]),
        ("Facts:\n- 14 hurt\n- two trains\nMore later.",
         ["Facts:", "- 14 hurt", "- two trains", "More later."]),
        ("Plan:\n1. Raise wages\n2. Cut taxes\nDone.",
         ["Plan:", "1. Raise wages", "2. Cut taxes", "Done."]),
    ],
)
def test_list_items_and_bullets_are_their_own_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_windows_line_endings() -> None:
    assert split("Ferries resume\r\nServices restarted on Sunday.\r\n\r\nMore soon.") == [
        "Ferries resume",
        "Services restarted on Sunday.",
        "More soon.",
    ]


# --- span properties ----------------------------------------------------------------------


@pytest.mark.parametrize("example", GOLD, ids=[str(example["id"]) for example in GOLD])
def test_spans_are_valid_on_gold_texts(example: dict[str, object]) -> None:
    text = str(example["text"])
    assert_valid_spans(text, split_sentences(text))


PIECES = [
    "a", "B", ".", " ", "\n", "\t", "!", "?", "…", "•", "“", "”", '"', "'", "(", ")", "-", "—",
    ":", ",", "1", "\r", "U.S.", "Mr.", " The ", "p.m.", "\n\n", "  • ", "1. ", "- ", "...",
    "x" * 70 + " ", "said.Then", 'out."Anne',
]


def test_spans_are_valid_on_generated_text() -> None:
    rng = random.Random(20240611)
    for _ in range(5000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        assert_valid_spans(text, split_sentences(text))


# --- sentences_of -------------------------------------------------------------------------


def test_sentences_of_builds_records_over_clean_text() -> None:
    clean = "Mr. Abe met Mr. Trump. “It went well,” he said.\n\nMore talks follow"
    article = Article(
        id="a1", source="x.txt", outlet="Example", title=None, url=None, published=None,
        raw_text="<p>" + clean + "</p>", clean_text=clean,
    )
    sentences = sentences_of(article)
    assert [s.text for s in sentences] == [
        "Mr. Abe met Mr. Trump.",
        "“It went well,” he said.",
        "More talks follow",
    ]
    assert all(isinstance(s, Sentence) and s.article_id == "a1" for s in sentences)
    assert [s.position for s in sentences] == [0, 1, 2]
    assert all(clean[s.start : s.end] == s.text for s in sentences)


# --- the gold set -------------------------------------------------------------------------


def test_gold_set_is_consistent() -> None:
    """Each gold sentence is a stripped substring, in order, covering all the text."""
    assert sum(len(example["sentences"]) for example in GOLD) >= 200  # type: ignore[arg-type]
    for example in GOLD:
        text, position = str(example["text"]), 0
        for sentence in example["sentences"]:  # type: ignore[attr-defined]
            assert sentence and sentence == sentence.strip()
            found = text.index(sentence, position)
            assert text[position:found].strip() == "", example["id"]
            position = found + len(sentence)
        assert text[position:].strip() == "", example["id"]


def test_accuracy_on_gold_set_is_above_floor() -> None:
    matched = predicted = expected = 0
    for example in GOLD:
        guess = Counter(" ".join(s.split()) for s in split(str(example["text"])))
        sentences: list[str] = example["sentences"]  # type: ignore[assignment]
        truth = Counter(" ".join(s.split()) for s in sentences)
        matched += sum((guess & truth).values())
        predicted += sum(guess.values())
        expected += sum(truth.values())
    precision, recall = matched / predicted, matched / expected
    assert 2 * precision * recall / (precision + recall) >= 0.97
