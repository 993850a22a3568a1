"""Corpus mode benchmark: story clustering quality, ingest scale, crash consistency.

    .venv/bin/python bench/cluster.py                       # scale 10000,30000,100000
    .venv/bin/python bench/cluster.py --quick               # small sizes, no cross-validation
    .venv/bin/python bench/cluster.py --quality             # the quality table only, with cross-validation
    .venv/bin/python bench/cluster.py --scale 5000,20000

Quality: every val250 document pooled and shuffled, clustered by the shipped settings in
batch mode (``storyline cluster``) and incremental mode (``storyline add``), scored by
B-cubed P/R/F1 and ARI against the true clusters, beside ablations and baselines in the
same run; plus the 5-fold cross-validated numbers of both modes from bench/tune_cluster.py. Scale: a fresh
on-disk library per size, filled by a real ``storyline add`` process from synthetic dated
articles (bench/corpus_synth.py); wall time, articles/s and peak RSS of that process.
Crash: ``kill -9`` of an ``add`` mid-way, a re-run, and an exactly-once check against an
uninterrupted run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAL250 = ROOT.parent / "shared" / "data" / "multinews-val250.jsonl"
STORYLINE = Path(sys.executable).parent / "storyline"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_synth  # noqa: E402
import tune_cluster  # noqa: E402
from storyline.cluster.evaluation import cluster_items  # noqa: E402
from storyline.cluster.metrics import ClusterScores, bcubed  # noqa: E402
from storyline.cluster.params import PARAMS  # noqa: E402

DEFAULT_SCALE = (10_000, 30_000, 100_000)


def _row(name: str, s: ClusterScores) -> str:
    return (f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.ari:.3f} | {s.predicted_clusters} |")


def quality(cv: bool) -> list[str]:
    items = tune_cluster.load_items()
    gold = {i: g for i, g, _ in items}
    # Timed on the command's own path (cleaning in worker processes), not the tuning cache.
    shuffled = items[:]
    random.Random(tune_cluster.SEED).shuffle(shuffled)
    t0 = time.perf_counter()
    ours = bcubed(cluster_items([(i, d) for i, _, d in shuffled]), gold)
    seconds = time.perf_counter() - t0
    incremental = partial(tune_cluster.score, batch=False)
    rows = [
        _row("storyline batch (shipped: `storyline cluster`, `storyline recluster`)", ours),
        _row("batch without the neighbour-rank penalty (plain average link, its best threshold 0.12)",
             tune_cluster.score(items, replace(PARAMS, rank_penalty=0.0, batch_threshold=0.12))),
        _row("batch with short articles placed too (min_terms=0)", tune_cluster.score(items, replace(PARAMS, min_terms=0))),
        _row("batch on single terms only (no term pairs, no min df; the method before, at its 0.06/0.1)",
             tune_cluster.score(items, replace(PARAMS, batch_phrases=False, batch_min_df=1, batch_threshold=0.06,
                                               rank_penalty=0.1))),
        _row("storyline incremental (shipped: `storyline add`)", incremental(items, PARAMS)),
        _row("incremental without inferring dates from the text", incremental(items, replace(PARAMS, infer_dates=False))),
        _row("incremental TF-IDF cosine only (no entities), same threshold", incremental(items, replace(PARAMS, entity_weight=0.0))),
        *_ceilings(items, gold),
        _row("every article its own story", bcubed({i: i for i in gold}, gold)),
        _row("one story for everything", bcubed({i: 0 for i in gold}, gold)),
    ]
    lines = [
        "### Story clustering: Multi-News val250, every document pooled and shuffled",
        "",
        f"{len(items)} documents, {len(set(gold.values()))} true clusters (junk pages included as they are). "
        f"Shipped batch: batch_threshold={PARAMS.batch_threshold}, rank_penalty={PARAMS.rank_penalty}, "
        f"neighbours={PARAMS.neighbours}, min_terms={PARAMS.min_terms}, batch_phrases={PARAMS.batch_phrases}, "
        f"batch_min_df={PARAMS.batch_min_df} "
        f"({seconds:.1f} s, {len(items) / seconds:.0f} documents/s including cleaning and the incremental pass); "
        f"incremental: join_threshold={PARAMS.join_threshold}, entity_weight={PARAMS.entity_weight}.",
        "",
        "| method | B-cubed P | B-cubed R | B-cubed F1 | ARI | stories |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
    ]
    if cv:
        lines += ["", "5-fold cross-validation over clusters (tune on 4/5, score the held-out 1/5 clustered on its own, "
                  "every cluster once):", ""]
        for mode, names in (("batch", "batch_threshold/rank_penalty"), ("incremental", "join_threshold/entity_weight")):
            cvs, chosen, best, full = tune_cluster.cross_validate(items, mode)
            lines.append(
                f"- {mode}: B-cubed P {cvs.precision:.3f} R {cvs.recall:.3f} **F1 {cvs.f1:.3f}**, ARI {cvs.ari:.3f}. "
                f"Chosen per fold ({names}): {', '.join(tune_cluster.label(p, mode) for p in chosen)}. "
                f"Best on the full set: {tune_cluster.label(best, mode)} (F1 {full.f1:.3f}).")
    return lines


def _ceilings(items: list[tune_cluster.Item], gold: dict[str, str]) -> list[str]:
    """What a perfect clusterer of the documents that have text could score: documents that
    clean to nothing (archive notices, tweet widgets) must stand alone, and so, in batch
    mode, must those under ``min_terms`` content terms. Their share of the pool caps recall."""
    terms = {}
    for ident, _, doc in items:
        features = tune_cluster._prepared(ident, doc, PARAMS.infer_dates)[1]
        terms[ident] = -1 if features is None else sum(features.terms.values())
    empty = sum(n < 0 for n in terms.values())
    short = sum(0 <= n < PARAMS.min_terms for n in terms.values())
    return [
        _row(f"ceiling: the {empty} documents with no text left alone, every other one in its true story",
             bcubed({i: gold[i] if terms[i] >= 0 else ("alone", i) for i in gold}, gold)),
        _row(f"ceiling: those and the {short} under min_terms alone, every other one in its true story",
             bcubed({i: gold[i] if terms[i] >= PARAMS.min_terms else ("alone", i) for i in gold}, gold)),
    ]


def _rss_run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MB) and exit code of a child process."""
    wrapper = ("import resource,subprocess,sys,time,json;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
               "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(json.dumps([w,u.ru_maxrss,r.returncode]))")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True, env=env)
    wall, rss_kb, code = json.loads(out.stdout)
    return wall, rss_kb // 1024, code


def _library_truth(db: Path, truth: dict[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Predicted and true story of every synthetic article (sources are ``file:line``)."""
    order = list(truth)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT s.source, a.story FROM sources s JOIN articles a ON a.id = s.article").fetchall()
    pred = {order[int(src.rsplit(":", 1)[1]) - 1]: story for src, story in rows}
    return pred, truth


def scale(sizes: tuple[int, ...]) -> list[str]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "articles.jsonl"
            truth = corpus_synth.write_jsonl(data, VAL250, n, seed=n)
            wall, rss, code = _rss_run([str(STORYLINE), "add", str(data), "--library", f"{tmp}/lib", "-q"])
            pred, gold = _library_truth(Path(tmp) / "lib" / "library.sqlite3", truth)
            s = bcubed(pred, gold)
            with sqlite3.connect(Path(tmp) / "lib" / "library.sqlite3") as conn:
                stories, lines = (conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("stories", "storylines"))
        rows.append(f"| {n:,} | {wall:.0f} | {n / wall:.0f} | {rss} | {stories:,} | {lines:,} | {s.f1:.3f} | {code} |")
        print(f"  scale {n}: {n / wall:.0f}/s, {rss} MB", file=sys.stderr)
    return [
        "### Scale: `storyline add` of synthetic dated articles into a new on-disk library",
        "",
        "One process per size, start-up to exit: reading the JSONL, cleaning and features (2 worker processes), "
        "dedup, story assignment, FTS indexing and commits (main process), storylines at the end. Articles arrive in "
        "random date order (the worst case for the in-memory window of weeks). B-cubed F1 against the synthetic stories (each built from one "
        "val250 cluster, so stories from the same cluster within a week are legitimately hard to tell apart).",
        "",
        "| articles | wall s | articles/s | peak RSS MB | stories | storylines | B-cubed F1 | exit |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def crash(n: int = 6000) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        corpus_synth.write_jsonl(data, VAL250, n, seed=7)
        ref, lib = f"{tmp}/ref", f"{tmp}/lib"
        subprocess.run([str(STORYLINE), "add", str(data), "--library", ref, "-q"], check=False)
        proc = subprocess.Popen([str(STORYLINE), "add", str(data), "--library", lib, "-q"])
        db = Path(lib) / "library.sqlite3"
        committed = 0
        while proc.poll() is None and committed < n // 3:
            time.sleep(0.1)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                        committed = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db) as conn:
            at_kill = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        subprocess.run([str(STORYLINE), "add", str(data), "--library", lib, "-q"], check=False)
        sets = []
        for path in (ref, lib):
            with sqlite3.connect(Path(path) / "library.sqlite3") as conn:
                ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
                sources = [r for r in conn.execute("SELECT article, source FROM sources")]
                check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            sets.append((ids, sources, check))
    (ref_ids, ref_src, _), (ids, src, check) = sets
    # Lines whose text cleans to nothing are reported and skipped, so they have no source row.
    ok = (killed and sorted(ids) == sorted(ref_ids) and len(ids) == len(set(ids)) and sorted(src) == sorted(ref_src)
          and len(src) == len(set(src)) and check == "ok")
    return [
        "### Crash test: `kill -9` during `storyline add`, then the same `add` again",
        "",
        f"{n} synthetic articles; killed with {at_kill} articles committed; after the re-run the library holds "
        f"{len(ids)} articles (reference run without a kill: {len(ref_ids)}), {len(src)} sources for {n} input "
        f"lines (the reference also has {len(ref_src)}: the rest have no text after cleaning), integrity_check {check}. **{'PASS' if ok else 'FAIL'}**: every article exactly once, every "
        "source exactly once, same articles as the uninterrupted run.",
    ]


def run(sizes: tuple[int, ...] = DEFAULT_SCALE, cv: bool = True) -> str:
    lines = ["## Corpus: clustering and scale", ""]
    if not VAL250.exists():
        return "\n".join([*lines, f"Skipped: {VAL250} not found."])
    print("corpus quality ...", file=sys.stderr)
    lines += quality(cv) + [""]
    print("corpus scale ...", file=sys.stderr)
    lines += scale(sizes) + [""]
    print("corpus crash ...", file=sys.stderr)
    lines += crash()
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default=",".join(map(str, DEFAULT_SCALE)), help="library sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,3000 and no cross-validation")
    parser.add_argument("--quality", action="store_true", help="only the quality table (with cross-validation)")
    args = parser.parse_args()
    if args.quality:
        print("\n".join(quality(cv=True)))
        return 0
    sizes = (1000, 3000) if args.quick else tuple(int(s) for s in args.scale.split(","))
    print(run(sizes, cv=not args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
