"""The learned sentence scorer: a logistic regression over ``features.FEATURES``.

Its weights are trained by bench/train_summarizer.py on Multi-News val250 (labels: the
sentences a greedy ROUGE oracle picks) and shipped as ``scorer_weights.json``; the script
reports 5-fold cross-validated ROUGE, since the same data also serves as benchmark.
Inference is a dot product in plain Python: no numpy or scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
import pkgutil
from functools import lru_cache
from operator import mul

from storyline.summarize.features import FEATURES

WEIGHTS_FILE = "scorer_weights.json"


@lru_cache(maxsize=1)
def load_weights() -> tuple[tuple[float, ...], float]:
    """(coefficients in FEATURES order, intercept) from the packaged weights file."""
    # pkgutil reads package data through the package's loader (zip installs too) without
    # importing importlib.resources, whose tempfile/shutil/bz2 imports cost the CLI's start.
    raw = pkgutil.get_data("storyline.summarize", WEIGHTS_FILE)
    if raw is None:
        raise RuntimeError(f"{WEIGHTS_FILE} is missing from the storyline.summarize package")
    data = json.loads(raw.decode("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{WEIGHTS_FILE} was trained on other features; re-run bench/train_summarizer.py")
    return tuple(float(c) for c in data["coefficients"]), float(data["intercept"])


def probabilities(rows: list[list[float]], weights: tuple[tuple[float, ...], float] | None = None) -> list[float]:
    """P(sentence belongs in a good summary) for each feature row."""
    coefficients, intercept = weights or load_weights()
    out = []
    for row in rows:
        z = intercept + sum(map(mul, coefficients, row))
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0)
    return out
