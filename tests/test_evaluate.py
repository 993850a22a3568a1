"""ROUGE evaluation: the protocol (cut, stemming), id matching, missing predictions, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate import score_files, score_pairs
from storyline.evaluate.rouge import cut


def test_cut_counts_whitespace_words() -> None:
    assert cut("a b  c\nd", 3) == "a b c"
    assert cut("a b", None) == "a b"


def test_identical_texts_score_100_and_stemming_applies() -> None:
    r = score_pairs([("the ships were sailing", "the ships were sailing")])
    assert (r.rouge1, r.rouge2, r.rougeL) == (100.0, 100.0, 100.0)
    stemmed = score_pairs([("ships sailing", "ship sails")])
    assert stemmed.rouge1 == 100.0


def test_prediction_is_cut_before_scoring() -> None:
    long = score_pairs([("alpha beta", "alpha beta gamma delta")], words=2)
    assert long.rouge1 == 100.0


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_missing_predictions_score_zero(tmp_path: Path) -> None:
    gold = write(tmp_path / "g.jsonl", [{"id": "1", "summary": "a b c"}, {"id": "2", "summary": "d e f"}])
    pred = write(tmp_path / "p.jsonl", [{"id": "1", "summary": "a b c"}])
    r = score_files(gold, pred)
    assert r.missing == 1 and r.scored == 1 and r.rouge1 == 50.0


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    gold = write(tmp_path / "g.jsonl", [{"id": "1", "summary": "a"}])
    pred = tmp_path / "p.jsonl"
    pred.write_text('{"id": "1", "summary": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.jsonl:2"):
        score_files(gold, pred)


def test_readability_counts_each_defect() -> None:
    from storyline.evaluate.readability import readability

    good = [
        "The council approved the bridge repairs on Tuesday.",
        "“We will reopen it in May,” the mayor said.",
    ]
    dangling = ["He said the cables were corroded.", "The council met on Monday to vote on repairs."]
    duplicate = ["The bridge will reopen in May after repairs.", "The bridge will reopen in May after the repairs."]
    cut = ["The council approved the repairs and", "That is why we closed it,” the engineer said."]
    r = readability([good, dangling, duplicate, cut])
    assert (r.summaries, r.pairs, r.sentences) == (4, 4, 8)
    assert r.dangling_openers == 25.0  # "He" opens one summary of four
    assert r.near_duplicate_pairs == 25.0  # one pair of four
    assert r.bad_sentences == 25.0  # the cut one, and the quote tail without its head


def test_a_quote_tail_after_its_head_is_not_cut() -> None:
    from storyline.evaluate.readability import readability

    split = ["“We found corrosion everywhere.", "That is why we closed it,” the engineer said."]
    assert readability([split]).bad_sentences == 0.0
    assert readability([split[1:]]).bad_sentences == 100.0
