"""Benchmark of sentence splitters: accuracy on the gold set and speed on news text.

Owns the ``## Sentence splitting`` section of the benchmark report. ``run()`` measures
storyline's splitter against pysbd, blingfire and spaCy's rule-based sentencizer (each only
if importable) and returns the section as Markdown; ``bench/run.py`` imports it, and running
this file prints it.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "sentences_gold.jsonl"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews-val250.jsonl"
CHUNK_CHARS = 64_000  # speed corpus is fed in chunks of whole documents of about this size
MIN_SECONDS = 1.0  # fast splitters repeat the corpus until this much time is measured
MAX_SECONDS = 3.0  # slow splitters stop after this much time, measured on what they did

try:
    from storyline.text import split_sentences
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.text import split_sentences

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True)
class Candidate:
    """A splitter under test; ``split`` is None when its library is not installed."""

    name: str
    split: Splitter | None


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    mb_per_s: float


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _storyline(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def _pysbd() -> Candidate:
    try:
        import pysbd
    except ImportError:
        return Candidate("pysbd", None)
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return Candidate(f"pysbd {_version('pysbd')}", segmenter.segment)


def _blingfire() -> Candidate:
    try:
        import blingfire
    except ImportError:
        return Candidate("blingfire", None)

    def split(text: str) -> list[str]:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [text[start:end] for start, end in offsets]

    return Candidate(f"blingfire {_version('blingfire')}", split)


def _spacy() -> Candidate:
    try:
        import spacy
    except ImportError:
        return Candidate("spaCy sentencizer", None)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10 * CHUNK_CHARS

    def split(text: str) -> list[str]:
        return [sentence.text for sentence in nlp(text).sents]

    return Candidate(f"spaCy {spacy.__version__} sentencizer (blank en)", split)


def candidates() -> list[Candidate]:
    """Every splitter the bench knows, storyline's first."""
    return [Candidate("storyline (rules)", _storyline), _pysbd(), _blingfire(), _spacy()]


def load_gold(path: Path = GOLD) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _normalise(sentence: str) -> str:
    return " ".join(sentence.split())


def accuracy(split: Splitter, gold: list[dict[str, object]]) -> tuple[float, float, float]:
    """Sentence-level exact match: a predicted sentence counts if its stripped text (runs of
    whitespace collapsed) equals a gold sentence of the same example."""
    matched = predicted = expected = 0
    for example in gold:
        text = str(example["text"])
        guess = Counter(_normalise(s) for s in split(text) if s.strip())
        sentences: list[str] = example["sentences"]  # type: ignore[assignment]
        truth = Counter(_normalise(s) for s in sentences)
        matched += sum((guess & truth).values())
        predicted += sum(guess.values())
        expected += sum(truth.values())
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def speed_documents(gold: list[dict[str, object]]) -> tuple[list[str], str]:
    """The documents speed is measured on, and a phrase saying what they are."""
    if MULTINEWS.exists():
        with MULTINEWS.open(encoding="utf-8") as lines:
            documents = [doc for line in lines for doc in json.loads(line)["documents"]]
        return documents, f"the {len(documents)} documents of Multi-News val250"
    return [str(example["text"]) for example in gold], f"the {len(gold)} gold texts"


def chunks(documents: list[str], size: int = CHUNK_CHARS) -> list[str]:
    """The documents joined by blank lines into pieces of about ``size`` characters."""
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for document in documents:
        current.append(document)
        length += len(document) + 2
        if length >= size:
            pieces.append("\n\n".join(current))
            current, length = [], 0
    if current:
        pieces.append("\n\n".join(current))
    return pieces


def _cycle(pieces: list[str]) -> Iterator[str]:
    while True:
        yield from pieces


def throughput(split: Splitter, pieces: list[str]) -> float:
    """UTF-8 megabytes per second of one thread splitting ``pieces`` (after one warm-up)."""
    split(pieces[0])
    total = sum(len(piece) for piece in pieces)
    done_bytes = done_chars = 0
    elapsed = 0.0
    for piece in _cycle(pieces):
        began = time.perf_counter()
        split(piece)
        elapsed += time.perf_counter() - began
        done_bytes += len(piece.encode("utf-8"))
        done_chars += len(piece)
        if elapsed >= MAX_SECONDS or (elapsed >= MIN_SECONDS and done_chars >= total):
            break
    return done_bytes / 1e6 / elapsed


def measure(candidate: Candidate, gold: list[dict[str, object]], pieces: list[str]) -> Scores:
    assert candidate.split is not None
    precision, recall, f1 = accuracy(candidate.split, gold)
    return Scores(precision, recall, f1, throughput(candidate.split, pieces))


def run() -> str:
    """The ``## Sentence splitting`` section of the benchmark report, as Markdown."""
    gold = load_gold()
    documents, corpus = speed_documents(gold)
    pieces = chunks(documents)
    megabytes = sum(len(piece.encode("utf-8")) for piece in pieces) / 1e6
    gold_sentences = sum(len(example["sentences"]) for example in gold)  # type: ignore[arg-type]
    rows = ["| splitter | precision | recall | F1 | MB/s |", "| --- | ---: | ---: | ---: | ---: |"]
    for candidate in candidates():
        if candidate.split is None:
            rows.append(f"| {candidate.name} | not installed | | | |")
            continue
        s = measure(candidate, gold, pieces)
        rows.append(
            f"| {candidate.name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
            f"| {s.mb_per_s:.2f} |"
        )
    how = (
        f"Accuracy: sentence-level exact match (stripped, whitespace runs collapsed) against "
        f"{gold_sentences} hand-written gold sentences in {len(gold)} news-like texts "
        f"(`tests/data/sentences_gold.jsonl`). Speed: one thread splitting {corpus} "
        f"({megabytes:.1f} MB UTF-8) joined by blank lines and fed in ~{CHUNK_CHARS // 1000} KB "
        f"chunks; slow splitters stop after {MAX_SECONDS:.0f} s and are rated on what they did."
    )
    return "\n".join(["## Sentence splitting", "", *rows, "", how, ""])


if __name__ == "__main__":
    print(run())
