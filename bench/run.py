"""``make bench``: measure storyline beside its baselines, in one run, into docs/benchmarks.md.

Sections: summary quality and speed on Multi-News val250 (storyline, Lead, sumy LexRank
and TextRank fed the same sentences); the whole ``summarize-batch`` process (throughput per
core, peak memory); a cold ``storyline brief`` on the seeds; sentence splitting. Data
from ../shared is read in place; a section whose data is missing says so and is skipped.
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
    """ROUGE and speed of each summarizer over the same cleaned, split sentences."""
    from storyline.brief.articles import to_articles
    from storyline.evaluate import score_pairs
    from storyline.ingest import read_multinews_record
    from storyline.summarize import Budget, summarize
    from storyline.text.sentences import sentences_of

    records = _records()
    mb = sum(len(json.dumps(r["documents"]).encode()) for r in records) / 1e6
    # Prepare once: cleaning and splitting are the same for every method; timed separately.
    t0 = time.process_time()
    prepared = []
    for r in records:
        articles, _ = to_articles(read_multinews_record(r, r["id"]))
        prepared.append([sentences_of(a) for a in articles])
    prep_cpu = time.process_time() - t0
    rows = []
    for method in METHODS:
        # Baselines follow the classic protocol (last sentence may run over, evaluation cuts
        # it); storyline never exceeds the budget and never cuts a sentence.
        budget = Budget(words=WORDS, overflow=method != "storyline")
        t0 = time.process_time()
        preds = [" ".join(s.text for s in summarize(docs, budget, method)) for docs in prepared]
        cpu = time.process_time() - t0
        report = score_pairs(zip((r["summary"] for r in records), preds), WORDS)
        rows.append((method, report, cpu))
        print(f"  {method}: R1 {report.rouge1} R2 {report.rouge2} RL {report.rougeL} ({cpu:.2f}s cpu)", file=sys.stderr)
    lines = [
        "## Summaries: Multi-News val250, 250 words",
        "",
        f"{len(records)} clusters, {mb:.2f} MB of documents. ROUGE F1 x100 (rouge-score, stemming, prediction cut at "
        f"{WORDS} words). All methods get the same cleaned, split sentences (cleaning and splitting: "
        f"{prep_cpu:.2f} s CPU, {mb / prep_cpu:.1f} MB/s, not included below). Selection speed is CPU time per cluster "
        "and input MB per CPU-second.",
        "",
        "| method | ROUGE-1 | ROUGE-2 | ROUGE-L | ms/cluster | MB/s per core |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for method, r, cpu in rows:
        lines.append(f"| {method} | {r.rouge1:.2f} | {r.rouge2:.2f} | {r.rougeL:.2f} | "
                     f"{1000 * cpu / len(records):.2f} | {mb / cpu:.2f} |")
    return "\n".join(lines)


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
    """The whole summarize-batch process, start-up to last byte written, three runs."""
    size = VAL250.stat().st_size / 1e6
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(3):
            runs.append(_run([str(BIN / "storyline"), "summarize-batch", "--input", str(VAL250),
                              "--output", f"{tmp}/preds.jsonl", "--words", str(WORDS), "-q"]))
    wall, cpu, rss = min(runs)
    return "\n".join([
        "## Whole process: `storyline summarize-batch` on val250",
        "",
        f"Input file {size:.2f} MB; best of 3 runs, including interpreter start-up, reading, cleaning, splitting, "
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


def sentences_section() -> str:
    import sentences  # bench/sentences.py

    return sentences.run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="Markdown file to write")
    args = parser.parse_args()
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. Every table was measured in the same run,",
        f"on {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
    ]
    sections = []
    if VAL250.exists():
        print("summaries ...", file=sys.stderr)
        sections.append(summaries_section())
        print("batch ...", file=sys.stderr)
        sections.append(batch_section())
    else:
        sections.append(f"## Summaries\n\nSkipped: {VAL250} not found.")
    if SEEDS.exists():
        print("brief ...", file=sys.stderr)
        sections.append(brief_section())
    print("sentences ...", file=sys.stderr)
    sections.append(sentences_section())
    text = "\n\n".join(["\n".join(header), *sections]) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
