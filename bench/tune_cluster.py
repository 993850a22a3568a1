"""Tune the story-clustering thresholds on Multi-News val250 by 5-fold cross-validation.

Two grids, one per mode: batch (``storyline cluster``, ``storyline recluster``: the average
link cut ``batch_threshold`` and the ``rank_penalty``) and incremental (``storyline add``:
``join_threshold`` and ``entity_weight``).

Folds are of clusters (stories), never of documents: each fold's clusters are held out,
the grid is scored on the documents of the other four folds pooled and shuffled, the best
setting there is scored once on the held-out fold, so every cluster is scored exactly once
by a setting that never saw it. The script also prints the setting best on all of val250;
what ships in ``storyline.cluster.params`` is chosen from these numbers (its docstring says how).

    .venv/bin/python bench/tune_cluster.py            # both modes, 10-15 minutes on 2 cores
    .venv/bin/python bench/tune_cluster.py batch      # one mode
"""

from __future__ import annotations

import json
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAL250 = ROOT.parent / "shared" / "data" / "multinews-val250.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from storyline.cluster.evaluation import cluster_prepared  # noqa: E402
from storyline.cluster.metrics import ClusterScores, bcubed  # noqa: E402
from storyline.cluster.params import PARAMS, ClusterParams  # noqa: E402
from storyline.ingest import read_multinews_record  # noqa: E402
from storyline.cluster.features import Features  # noqa: E402
from storyline.cluster.pipeline import prepare_one  # noqa: E402
from storyline.model import Article, RawDocument  # noqa: E402

THRESHOLDS = (0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.25, 0.28, 0.32)
ENTITY_WEIGHTS = (0.0, 0.1, 0.2)
BATCH_THRESHOLDS = (0.02, 0.03, 0.04, 0.05, 0.06, 0.08)
RANK_PENALTIES = (0.05, 0.07, 0.1, 0.14)
MODES = ("batch", "incremental")
FOLDS = 5
SEED = 0
Item = tuple[str, str, RawDocument]  # (document id, true cluster, document)


def load_items(path: Path = VAL250) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            for i, doc in enumerate(read_multinews_record(record, record["id"])):
                items.append((f"{record['id']}/{i}", record["id"], doc))
    return items


_PREPARED: dict[tuple[str, bool], tuple[Article, Features | None]] = {}


def _prepared(ident: str, doc: RawDocument, infer_dates: bool) -> tuple[Article, Features | None]:
    """Cleaned and featurized once per document: the grid only changes the clustering."""
    key = (ident, infer_dates)
    if key not in _PREPARED:
        _PREPARED[key] = prepare_one(doc, infer_dates)
    return _PREPARED[key]


def score(items: list[Item], params: ClusterParams, seed: int = SEED, batch: bool = True) -> ClusterScores:
    """Pool, shuffle (seeded), cluster, score against the true clusters."""
    return bcubed(predict(items, params, seed, batch), {i: g for i, g, _ in items})


def predict(items: list[Item], params: ClusterParams, seed: int = SEED, batch: bool = True) -> dict[str, int]:
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    return cluster_prepared([(i, _prepared(i, d, params.infer_dates)) for i, _, d in shuffled], params, batch)


def label(p: ClusterParams, mode: str = "batch") -> str:
    return f"{p.batch_threshold}/{p.rank_penalty}" if mode == "batch" else f"{p.join_threshold}/{p.entity_weight}"


def grid(mode: str = "batch") -> list[ClusterParams]:
    if mode == "batch":
        return [replace(PARAMS, batch_threshold=t, rank_penalty=r) for r in RANK_PENALTIES for t in BATCH_THRESHOLDS]
    return [replace(PARAMS, join_threshold=t, entity_weight=w) for w in ENTITY_WEIGHTS for t in THRESHOLDS]


def _job(args: tuple[list[Item], ClusterParams, bool]) -> float:
    items, params, batch = args
    return score(items, params, batch=batch).f1


def cross_validate(items: list[Item], mode: str = "batch"
                   ) -> tuple[ClusterScores, list[ClusterParams], ClusterParams, ClusterScores]:
    clusters = sorted({g for _, g, _ in items})
    random.Random(SEED).shuffle(clusters)
    fold_of = {c: n % FOLDS for n, c in enumerate(clusters)}
    settings = grid(mode)
    batch = mode == "batch"
    chosen: list[ClusterParams] = []
    pred_all: dict[str, object] = {}
    for i, _, d in items:  # before the pool forks, so the workers share the prepared documents
        _prepared(i, d, PARAMS.infer_dates)
    with ProcessPoolExecutor(2) as pool:
        for k in range(FOLDS):
            train = [it for it in items if fold_of[it[1]] != k]
            test = [it for it in items if fold_of[it[1]] == k]
            f1s = list(pool.map(_job, [(train, p, batch) for p in settings]))
            best = settings[max(range(len(settings)), key=f1s.__getitem__)]
            chosen.append(best)
            for ident, story in predict(test, best, batch=batch).items():
                pred_all[ident] = (k, story)  # stories are per fold: keep them apart
            print(f"{mode} fold {k}: best {label(best, mode)} (train F1 {max(f1s):.3f})",
                  file=sys.stderr)
        cv = bcubed(pred_all, {i: g for i, g, _ in items})
        f1s = list(pool.map(_job, [(items, p, batch) for p in settings]))
    full_best = settings[max(range(len(settings)), key=f1s.__getitem__)]
    return cv, chosen, full_best, score(items, full_best, batch=batch)


def main() -> int:
    items = load_items()
    for mode in sys.argv[1:] or MODES:
        cv, chosen, best, full = cross_validate(items, mode)
        names = "batch_threshold/rank_penalty" if mode == "batch" else "join_threshold/entity_weight"
        print(f"{mode}: CV (5 folds of clusters, each scored once): P {cv.precision:.3f} R {cv.recall:.3f} "
              f"F1 {cv.f1:.3f} ARI {cv.ari:.3f}")
        print(f"{mode}: chosen per fold ({names}):", [label(p, mode) for p in chosen])
        print(f"{mode}: best on all of val250: {label(best, mode)} "
              f"-> P {full.precision:.3f} R {full.recall:.3f} F1 {full.f1:.3f} ARI {full.ari:.3f}")
        print(f"{mode}: shipped in storyline.cluster.params: {label(PARAMS, mode)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
