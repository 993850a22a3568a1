"""Train the learned sentence scorer on Multi-News val250 and report it honestly.

Labels: the sentences a greedy oracle picks to maximise bigram and unigram overlap with
the reference summary (within 250 words). Model: logistic regression over
``storyline.summarize.features.FEATURES`` (standardized for the fit, the scaling folded
into the shipped weights). Because val250 is also the benchmark, the score
that counts is 5-fold cross-validated (folds by cluster, seeded): every cluster is
summarized by a model that never saw it. The final weights, trained on all clusters, are
written to src/storyline/summarize/scorer_weights.json with the CV numbers beside them.

    python bench/train_summarizer.py            # CV report + write weights
    python bench/train_summarizer.py --cv-only  # CV report only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
VAL250 = ROOT.parent / "shared" / "data" / "multinews-val250.jsonl"
WEIGHTS = ROOT / "src" / "storyline" / "summarize" / "scorer_weights.json"
WORDS = 250
FOLDS = 5
SEED = 0
C = 1.0

from storyline.brief.articles import to_articles  # noqa: E402
from storyline.evaluate import RougeReport, score_pairs  # noqa: E402
from storyline.ingest import read_multinews_record  # noqa: E402
from storyline.summarize import Budget, reading_order  # noqa: E402
from storyline.summarize.concepts import ConceptSettings, concept_weights, summarize_concepts  # noqa: E402
from storyline.summarize.features import FEATURES, candidate_features  # noqa: E402
from storyline.summarize.units import Unit, is_candidate, make_units  # noqa: E402
from storyline.text.sentences import sentences_of  # noqa: E402
from storyline.text.terms import term_codes, words  # noqa: E402


def prepare(records: list[dict]) -> list[list[list[Unit]]]:
    """Each cluster's sentence units, through the same cleaning and splitting as the CLI."""
    out = []
    for r in records:
        articles, _ = to_articles(read_multinews_record(r, r["id"]))
        out.append(make_units([sentences_of(a) for a in articles]))
    return out


def _grams(codes: list[int]) -> tuple[set[int], set[tuple[int, int]]]:
    ids = [abs(c) for c in codes]
    return {c for c in codes if c > 0}, set(zip(ids, ids[1:]))


def oracle_labels(reference: str, candidates: list[Unit]) -> list[int]:
    """1 for the sentences a greedy overlap oracle picks within the word budget."""
    ref_uni, ref_bi = _grams(term_codes(words(reference)))
    grams = [_grams(u.codes) for u in candidates]
    got_uni: set[int] = set()
    got_bi: set[tuple[int, int]] = set()
    chosen: set[int] = set()
    used = 0
    while True:
        best, best_gain = None, 0.0
        for i, u in enumerate(candidates):
            if i in chosen or used + u.n_words > WORDS:
                continue
            uni, bi = grams[i]
            gain = (len((bi & ref_bi) - got_bi) + 0.5 * len((uni & ref_uni) - got_uni)) / u.n_words ** 0.3
            if gain > best_gain:
                best, best_gain = i, gain
        if best is None:
            return [int(i in chosen) for i in range(len(candidates))]
        chosen.add(best)
        used += candidates[best].n_words
        got_uni |= grams[best][0] & ref_uni
        got_bi |= grams[best][1] & ref_bi


def training_rows(records: list[dict], prepared: list[list[list[Unit]]]) -> list[tuple[list[list[float]], list[int]]]:
    settings = ConceptSettings()
    rows = []
    for record, docs in zip(records, prepared):
        units = [u for doc in docs for u in doc]
        candidates = [u for u in units if is_candidate(u)]
        weights = concept_weights(units, settings.support_weight)
        rows.append((candidate_features(docs, candidates, weights), oracle_labels(record["summary"], candidates)))
    return rows


def fit(rows: list[tuple[list[list[float]], list[int]]]) -> tuple[tuple[float, ...], float]:
    """Logistic regression on standardized features, folded back into raw-feature weights.

    Standardizing makes the L2 penalty treat every feature alike (unscaled, it mostly shrank
    the wide-range ones); folding the scaling into the coefficients keeps inference a plain
    dot product over the raw features. Measured: CV ROUGE-1 46.97 -> 47.07, ROUGE-2 17.63
    -> 17.64 without orphan repair (C from 1 to 10 gives the same; 0.1 is slightly worse).
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([x for features, _ in rows for x in features], dtype=float)
    y = [label for _, labels in rows for label in labels]
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=3000).fit((X - mean) / scale, y)
    coefficients = model.coef_[0] / scale
    return tuple(float(c) for c in coefficients), float(model.intercept_[0] - (coefficients * mean).sum())


def folds(n: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [order[k::FOLDS] for k in range(FOLDS)]


def summarize_with(docs: list[list[Unit]], settings: ConceptSettings) -> list[str]:
    """The summary's sentences, in reading order, as the CLI would give them."""
    return [u.sentence.text for u in reading_order(summarize_concepts(docs, Budget(words=WORDS), settings))]


def cross_validated_summaries(
    records: list[dict], prepared: list[list[list[Unit]]], settings: ConceptSettings = ConceptSettings()
) -> list[list[str]]:
    """Every cluster summarized by a model trained on the other folds."""
    rows = training_rows(records, prepared)
    predictions: dict[int, list[str]] = {}
    for held_out in folds(len(records)):
        held = set(held_out)
        weights = fit([rows[i] for i in range(len(rows)) if i not in held and rows[i][0]])
        for i in held_out:
            predictions[i] = summarize_with(prepared[i], replace(settings, scorer_weights=weights))
    return [predictions[i] for i in range(len(records))]


def cross_validate(records: list[dict], prepared: list[list[list[Unit]]],
                   settings: ConceptSettings = ConceptSettings()) -> RougeReport:
    """ROUGE with every cluster summarized by a model trained on the other folds."""
    summaries = cross_validated_summaries(records, prepared, settings)
    return score_pairs(((r["summary"], " ".join(s)) for r, s in zip(records, summaries)), WORDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv-only", action="store_true", help="report cross-validated ROUGE, write nothing")
    args = parser.parse_args()
    if not VAL250.exists():
        print(f"{VAL250} not found", file=sys.stderr)
        return 3
    records = [json.loads(line) for line in VAL250.read_text(encoding="utf-8").splitlines() if line.strip()]
    prepared = prepare(records)
    cv = cross_validate(records, prepared)
    print(f"{FOLDS}-fold CV on val250: ROUGE-1 {cv.rouge1} ROUGE-2 {cv.rouge2} ROUGE-L {cv.rougeL}")
    if args.cv_only:
        return 0
    coefficients, intercept = fit([r for r in training_rows(records, prepared) if r[0]])
    WEIGHTS.write_text(json.dumps({
        "model": "logistic regression (scikit-learn) on standardized features, folded into raw-feature weights, C=%g" % C,
        "features": list(FEATURES),
        "coefficients": [round(c, 6) for c in coefficients],
        "intercept": round(intercept, 6),
        "trained_on": "Multi-News val250 (all 250 clusters), greedy-oracle labels",
        "cross_validation": {"folds": FOLDS, "seed": SEED, "rouge1": cv.rouge1, "rouge2": cv.rouge2, "rougeL": cv.rougeL},
        "trained": dt.date.today().isoformat(),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
