"""``make bench``: measure storyline beside its baselines, in one run, into docs/benchmarks.md.

Sections: summary quality and speed on Multi-News val250 (storyline, Lead, sumy LexRank
and TextRank fed the same sentences, readability, an ablation); the whole
``summarize-batch`` process (throughput per core, peak memory); a cold ``storyline brief``
on the seeds; then bench/sentences.py, clean.py, extract.py and cluster.py, each a
``run() -> str``. Data from ../shared is read in place; a section whose data is missing
says so and is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VAL250 = SHARED / "data" / "multinews-val250.jsonl"
SEEDS = SHARED / "seeds"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

WORDS = 250
METHODS = ("storyline", "lead", "lexrank", "textrank")


def _records() -> list[dict]:
    return [json.loads(line) for line in VAL250.read_text(encoding="utf-8").splitlines() if line.strip()]


def summaries_section() -> str:
    """ROUGE, readability and speed of each summarizer over the same cleaned, split sentences,
    then an ablation of storyline's components."""
    from dataclasses import replace

    from storyline.brief.articles import to_articles
    from storyline.evaluate import readability, score_pairs
    from storyline.ingest import read_multinews_record
    from storyline.summarize import Budget, reading_order
    from storyline.summarize.concepts import POSITION_ONLY, ConceptSettings, summarize_concepts
    from storyline.summarize.registry import get_summarizer
    from storyline.summarize.units import make_units
    from storyline.text.sentences import sentences_of
    from train_summarizer import cross_validated_summaries

    records = _records()
    references = [r["summary"] for r in records]
    mb = sum(len(json.dumps(r["documents"]).encode()) for r in records) / 1e6
    # Prepare once: cleaning and splitting are the same for every method; timed separately.
    t0 = time.process_time()
    sentences = []
    for r in records:
        articles, _ = to_articles(read_multinews_record(r, r["id"]))
        sentences.append([sentences_of(a) for a in articles])
    prep_cpu = time.process_time() - t0

    def scored(name: str, summaries: list[list[str]], cpu: float | None) -> str:
        rouge = score_pairs(zip(references, (" ".join(s) for s in summaries)), WORDS)
        read = readability(summaries)
        speed = f"{1000 * cpu / len(records):.2f} | {mb / cpu:.2f}" if cpu else "– | –"
        print(f"  {name}: R1 {rouge.rouge1} R2 {rouge.rouge2} RL {rouge.rougeL}", file=sys.stderr)
        return (f"| {name} | {rouge.rouge1:.2f} | {rouge.rouge2:.2f} | {rouge.rougeL:.2f} | {speed} | "
                f"{read.dangling_openers:.1f} | {read.near_duplicate_pairs:.1f} | {read.bad_sentences:.1f} |")

    rows = []
    for method in METHODS:
        # Baselines follow the classic protocol (last sentence may run over, evaluation cuts
        # it); storyline never exceeds the budget and never cuts a sentence.
        budget = Budget(words=WORDS, overflow=method != "storyline")
        summarizer = get_summarizer(method)
        t0 = time.process_time()
        summaries = []
        for docs in sentences:
            units = make_units(docs)
            picked = summarize_concepts(units, budget) if method == "storyline" else summarizer(units, budget)
            summaries.append([u.sentence.text for u in reading_order(picked)])
        cpu = time.process_time() - t0
        label = "storyline (shipped weights: trained on these clusters)" if method == "storyline" else method
        rows.append(scored(label, summaries, cpu))
        if method == "storyline":
            prepared = [make_units(docs) for docs in sentences]
            rows.append(scored("**storyline, 5-fold cross-validated**", cross_validated_summaries(records, prepared), None))

    header = ("| method | ROUGE-1 | ROUGE-2 | ROUGE-L | ms/cluster | MB/s per core | dangling opener % | "
              "near-duplicate pairs % | boilerplate or cut % |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ablation = [
        ("concept coverage, frequency weights, no prior", replace(POSITION_ONLY, support_weight=0.0, position_weight=0.0, repair_orphans=False), False),
        ("+ cross-document support", replace(POSITION_ONLY, position_weight=0.0, repair_orphans=False), False),
        ("+ position prior (v1)", replace(POSITION_ONLY, repair_orphans=False), False),
        ("learned prior instead of position (CV)", replace(ConceptSettings(), repair_orphans=False), True),
        ("+ orphan repair (pronoun openers, quote tails) by antecedent or drop (v2, CV)", replace(ConceptSettings(), orphan_groups=False), True),
        ("orphans compete with their antecedents and quote openings instead: shipped default (CV)", ConceptSettings(), True),
    ]
    ablation_rows = []
    for name, settings, learned in ablation:
        if learned:
            summaries = cross_validated_summaries(records, prepared, settings)
        else:
            summaries = [[u.sentence.text for u in reading_order(summarize_concepts(units, Budget(words=WORDS), settings))]
                         for units in prepared]
        ablation_rows.append(scored(name, summaries, None))
    return "\n".join([
        "## Summaries: Multi-News val250, 250 words",
        "",
        f"{len(records)} clusters, {mb:.2f} MB of documents. ROUGE F1 x100 (rouge-score, stemming, prediction cut at "
        f"{WORDS} words). All methods get the same cleaned, split sentences (cleaning and splitting: "
        f"{prep_cpu:.2f} s CPU, {mb / prep_cpu:.1f} MB/s, not included below). Speed is selection CPU time per cluster "
        "and input MB per CPU-second. Readability (lower is better): summaries opening with a dangling pronoun or "
        "connective; sentence pairs that are near-duplicates; sentences that are boilerplate or cut mid-sentence.",
        "",
        "The learned prior's weights were trained on these same clusters, so the row that counts is the "
        "cross-validated one: every cluster summarized by a model that never saw it (bench/train_summarizer.py).",
        "",
        header,
        *rows,
        "",
        "### Ablation: what each part of storyline's summarizer adds",
        "",
        header,
        *ablation_rows,
    ])


def _run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a child process."""
    wrapper = (
        "import resource,subprocess,sys,time,json;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps([w,u.ru_utime+u.ru_stime,u.ru_maxrss,r.returncode]))"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    wall, cpu, rss_kb, code = json.loads(out.stdout)
    if code not in (0, 1):
        raise RuntimeError(f"{cmd} exited {code}")
    return wall, cpu, rss_kb // 1024


def batch_section() -> str:
    """The whole summarize-batch process, start-up to last byte written, best of five runs (this
    shared machine's speed varies by a third from run to run; the fastest is the least disturbed)."""
    size = VAL250.stat().st_size / 1e6
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(5):
            runs.append(_run([str(BIN / "storyline"), "summarize-batch", "--input", str(VAL250),
                              "--output", f"{tmp}/preds.jsonl", "--words", str(WORDS), "-q"]))
    wall, cpu, rss = min(runs)
    return "\n".join([
        "## Whole process: `storyline summarize-batch` on val250",
        "",
        f"Input file {size:.2f} MB; best of 5 runs, including interpreter start-up, reading, cleaning, splitting, "
        "selection and writing.",
        "",
        "| wall s | CPU s | MB/s per core (CPU) | peak RSS MB |",
        "|---:|---:|---:|---:|",
        f"| {wall:.2f} | {cpu:.2f} | {size / cpu:.2f} | {rss} |",
    ])


def brief_section() -> str:
    """A cold ``storyline brief`` on the four seeds, each format."""
    rows = []
    for fmt in ("md", "json", "html"):
        runs = [_run([str(BIN / "storyline"), "brief", str(SEEDS), "--words", "200", "--format", fmt]) for _ in range(3)]
        wall, cpu, rss = min(runs)
        rows.append(f"| {fmt} | {wall:.2f} | {cpu:.2f} | {rss} |")
    return "\n".join([
        "## Cold start: `storyline brief ../shared/seeds/`",
        "",
        "New process each run (best of 3), four seed articles, 200 words.",
        "",
        "| format | wall s | CPU s | peak RSS MB |",
        "|---|---:|---:|---:|",
        *rows,
    ])


SECTIONS = ("summaries", "batch", "brief", "sentences", "clean", "extract", "cluster", "web")


def section(name: str, quick: bool) -> str:
    """One section's Markdown; the ones that need ../shared say so when it is missing."""
    if name in ("summaries", "batch") and not VAL250.exists():
        return f"## {name.title()}\n\nSkipped: {VAL250} not found."
    if name == "brief" and not SEEDS.exists():
        return f"## Cold start\n\nSkipped: {SEEDS} not found."
    if name == "summaries":
        return summaries_section()
    if name == "batch":
        return batch_section()
    if name == "brief":
        return brief_section()
    module = import_module(name)  # bench/<name>.py, each with a run() -> str
    if name == "cluster":
        return module.run((1000, 3000), cv=False) if quick else module.run()
    if name == "web":
        return module.run(quick=quick)
    return module.run()


def merge(old: str, new: dict[str, str]) -> list[str]:
    """Old sections (split at '## ' headings) with the newly measured ones put in their place."""
    blocks = [b if i == 0 else "## " + b for i, b in enumerate(old.split("\n## "))][1:]
    out, placed = [], set()
    for block in blocks:
        title = block.splitlines()[0]
        replacement = next((text for text in new.values() if text.splitlines()[0] == title), None)
        out.append((replacement or block).strip())
        if replacement:
            placed.add(replacement)
    return out + [text for text in new.values() if text not in placed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="Markdown file to write")
    parser.add_argument("--only", nargs="*", choices=SECTIONS, help="measure only these sections and put them in "
                        "place in the existing file (the others keep the numbers of their own run)")
    parser.add_argument("--quick", action="store_true", help="small corpus scale and a short web load test")
    args = parser.parse_args()
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. All numbers in a section were measured in the "
        "same run, baselines beside storyline.",
        f"Last run: {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; sections: {', '.join(args.only or SECTIONS)}"
        + ("; the other sections keep the numbers of the run before, which measured them." if args.only else "."),
    ]
    measured = {}
    for name in args.only or SECTIONS:
        print(f"{name} ...", file=sys.stderr)
        try:
            measured[name] = section(name, args.quick).strip()
        except Exception as exc:  # one broken section must not lose the others' numbers
            traceback.print_exc()
            measured[name] = f"## {name}\n\nFailed in this run: {type(exc).__name__}: {exc}"
    out = Path(args.out)
    if args.only and out.exists():
        sections = merge(out.read_text(encoding="utf-8"), measured)
    else:
        sections = list(measured.values())
    text = "\n\n".join(["\n".join(header), *sections]) + "\n"
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
