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
