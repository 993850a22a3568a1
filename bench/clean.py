"""Cleaning benchmark: boilerplate detection on hand-labelled lines, text cleaning speed,
HTML extraction on the Article Extraction Benchmark pages, and what cleaning changes in
summary ROUGE.

``run()`` returns the Markdown section (``## Cleaning``); ``python bench/clean.py`` prints it.
Every part reads its data from ``../shared`` and says so and skips when it is missing. The
third-party texts are read at run time and never copied into the repository: the gold
labels in tests/data/clean_gold/ hold only document keys, line numbers and line hashes.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VAL250 = SHARED / "data" / "multinews-val250.jsonl"
AEB = SHARED / "data" / "aeb-dev"
GOLD = ROOT / "tests" / "data" / "clean_gold"
sys.path.insert(0, str(ROOT / "src"))

WORDS = 250
Verdict = Callable[[str], dict[int, bool]]  # raw text -> {line number: dropped?}


# --- gold labels -------------------------------------------------------------------------


def _records() -> dict[str, dict]:
    rows = (json.loads(line) for line in VAL250.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row for row in rows}


def gold_documents(records: dict[str, dict] | None = None) -> dict[str, list[tuple[str, str, list[dict]]]]:
    """{source: [(doc key, raw text, label rows)]} for every labelled document whose text is
    present in ../shared. Raises ValueError if a label's hash no longer matches its line."""
    from storyline.ingest import read_multinews_record

    out: dict[str, list[tuple[str, str, list[dict]]]] = {}
    for path in sorted(GOLD.glob("*.jsonl")):
        by_doc: dict[str, list[dict]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            by_doc.setdefault(row["doc"], []).append(row)
        docs = []
        for key, rows in by_doc.items():
            if key.startswith("seeds/"):
                file = SHARED / key
                if not file.exists():
                    continue
                text = file.read_text(encoding="utf-8")
            else:
                if records is None:
                    if not VAL250.exists():
                        continue
                    records = _records()
                record_id, number = key.split("#")
                found = [d for d in read_multinews_record(records[record_id], record_id)
                         if d.source.endswith(f"#doc{number}")]
                text = found[0].text
            lines = text.split("\n")
            for row in rows:
                stripped = lines[row["line"] - 1].strip()
                if hashlib.sha1(stripped.encode("utf-8")).hexdigest()[:12] != row["sha1"]:
                    raise ValueError(f"{key} line {row['line']}: text no longer matches its label")
            docs.append((key, text, rows))
        if docs:
            out[path.stem] = docs
    return out


def storyline_verdict(text: str) -> dict[int, bool]:
    from storyline.clean import line_verdicts

    return {number: reason is not None for number, reason in line_verdicts(text).items()}


def keep_all_verdict(text: str) -> dict[int, bool]:
    return {}


def phrase_verdict(text: str) -> dict[int, bool]:
    """A phrase-only baseline: drop a line when it contains one of the cleaner's strong
    boilerplate phrases (subscribe, cookies, copyright, "Advertisement" ...)."""
    from storyline.clean.phrases import WORD, strong_phrase

    out = {}
    for number, line in enumerate(text.split("\n"), 1):
        lower = line.strip().lower()
        if lower:
            out[number] = strong_phrase(lower, WORD.findall(lower)) is not None
    return out


def score_lines(docs: Iterable[tuple[str, str, list[dict]]], verdict: Verdict) -> dict[str, float]:
    """Boilerplate precision/recall and content loss over labelled lines."""
    tp = fp = fn = lost = content = 0
    for _key, text, rows in docs:
        dropped = verdict(text)
        for row in rows:
            drop = dropped.get(row["line"], False)
            if row["label"] == "drop":
                tp += drop
                fn += not drop
            else:
                content += 1
                lost += drop
                fp += drop
    junk = tp + fn
    return {
        "junk": junk, "content": content, "tp": tp, "fp": fp, "fn": fn, "lost": lost,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / junk if junk else 1.0,
        "loss": lost / content if content else 0.0,
    }


def gold_section() -> list[str]:
    if not GOLD.exists():
        return ["Gold labels missing (tests/data/clean_gold/): skipped."]
    sources = gold_documents()
    if not sources:
        return ["../shared texts for the gold labels missing: skipped."]
    methods: list[tuple[str, Verdict]] = [
        ("keep everything", keep_all_verdict), ("phrase filter", phrase_verdict), ("storyline", storyline_verdict),
    ]
    lines = [
        "### Boilerplate lines (hand labels)",
        "",
        "Every non-blank line of the labelled documents, labelled keep/drop by hand (tests/data/clean_gold/). "
        "Precision and recall are of boilerplate detection; content lost is the share of content lines dropped.",
        "",
        "| set | docs | junk / content lines | method | precision | recall | content lost |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    groups = list(sources.items()) + [("all", [doc for docs in sources.values() for doc in docs])]
    for name, docs in groups:
        for method, verdict in methods:
            s = score_lines(docs, verdict)
            lines.append(f"| {name} | {len(docs)} | {s['junk']} / {s['content']} | {method} | {s['precision']:.3f} | "
                         f"{s['recall']:.3f} | {s['loss']:.3%} ({s['lost']}) |")
    return lines


# --- speed --------------------------------------------------------------------------------


def speed_section(runs: int = 5) -> list[str]:
    if not VAL250.exists():
        return ["### Text cleaning speed", "", "../shared/data/multinews-val250.jsonl missing: skipped."]
    from storyline.clean import clean_text
    from storyline.ingest import read_multinews_record

    texts = [d.text for r in _records().values() for d in read_multinews_record(r, r["id"])]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        for text in texts:
            clean_text(text)
        best = min(best, time.process_time() - t0)
    return [
        "### Text cleaning speed",
        "",
        f"`clean_text` over all {len(texts)} val250 documents ({mb:.2f} MB UTF-8), best of {runs} runs, "
        f"CPU time: **{mb / best:.1f} MB/s per core** ({best:.2f} s).",
    ]


# --- aeb-dev ------------------------------------------------------------------------------


def _scorer() -> ModuleType:
    """The benchmark's own evaluate.py (MIT), loaded from ../shared at run time."""
    spec = importlib.util.spec_from_file_location("aeb_evaluate", AEB / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def aeb_pages() -> list[tuple[str, bytes]]:
    return [(p.name.split(".")[0], gzip.decompress(p.read_bytes())) for p in sorted((AEB / "html").glob("*.html.gz"))]


def _decode(data: bytes) -> str:
    from storyline.ingest.decode import decode_bytes
    from storyline.ingest.html import declared_charset

    return decode_bytes(data, declared=declared_charset(data)) or ""


def trafilatura_body(precision: bool) -> Callable[[bytes], str]:
    import trafilatura

    def extract(data: bytes) -> str:
        # The benchmark's own call (extractors/run_trafilatura.py), plus favor_precision.
        return trafilatura.extract(_decode(data), include_comments=False, favor_precision=precision) or ""

    return extract


def storyline_body(data: bytes) -> str:
    """What storyline reads from a page: trafilatura (favor_precision) then clean_text."""
    from storyline.clean import clean_text
    from storyline.ingest.html import read_html
    from storyline.ingest.result import DEFAULT_LIMITS

    found = read_html(data, "page.html", DEFAULT_LIMITS)
    if not found.documents:
        return ""
    doc = found.documents[0]
    return clean_text(doc.text, title=doc.title, extracted=True).text


def aeb_section(passes: int = 3) -> list[str]:
    if not (AEB / "ground-truth.json").exists():
        return ["### HTML pages: aeb-dev", "", "../shared/data/aeb-dev missing: skipped."]
    scorer = _scorer()
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(key, data) for key, data in aeb_pages() if key in truth]
    truth = {key: truth[key] for key, _ in pages}
    methods = [
        ("trafilatura (benchmark call)", trafilatura_body(False)),
        ("trafilatura favor_precision", trafilatura_body(True)),
        ("storyline (favor_precision + clean_text)", storyline_body),
    ]
    storyline_body(pages[0][1])  # import everything before timing
    lines = [
        "### HTML pages: aeb-dev",
        "",
        f"{len(pages)} news pages of the Article Extraction Benchmark, scored by its own evaluate.py "
        "(4-word shingles, precision and recall averaged over pages). Pages/s is wall time in-process, "
        f"decoding included, one core, best of {passes} passes. storyline's pass also reads the page's metadata "
        "(title, author, date, site name, URL), as `storyline brief` does.",
        "",
        "| extractor | F1 | precision | recall | pages/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, extract in methods:
        seconds = float("inf")
        for _ in range(passes):  # best of a few passes: other processes share the machine
            t0 = time.perf_counter()
            output = {key: {"articleBody": extract(data)} for key, data in pages}
            seconds = min(seconds, time.perf_counter() - t0)
        m = scorer.evaluate(truth, output, n_bootstrap=0)
        lines.append(f"| {name} | {m['f1']:.4f} | {m['precision']:.4f} | {m['recall']:.4f} | {len(pages) / seconds:.1f} |")
    return lines


# --- ROUGE --------------------------------------------------------------------------------


def _unclean(raw: str, *, title: str | None = None, extracted: bool = False):  # noqa: ANN202 - mirrors clean_text
    """Cleaning off: normalization and re-flow only, every paragraph kept."""
    from storyline.clean import CleanResult
    from storyline.clean.normalize import normalize
    from storyline.clean.reflow import paragraphs

    return CleanResult("\n\n".join(paragraphs(normalize(raw)).texts), title, ())


def rouge_section() -> list[str]:
    if not VAL250.exists():
        return ["### Summary ROUGE", "", "../shared/data/multinews-val250.jsonl missing: skipped."]
    import storyline.brief.articles as articles
    from storyline.evaluate import score_pairs
    from storyline.ingest import read_multinews_record
    from storyline.summarize import Budget, select
    from storyline.text.sentences import sentences_of

    records = list(_records().values())
    rows = []
    original = articles.clean_text
    for name, cleaner in (("clean_text", original), ("cleaning off (normalize + re-flow)", _unclean)):
        articles.clean_text = cleaner
        try:
            preds = []
            for r in records:
                found, _ = articles.to_articles(read_multinews_record(r, r["id"]))
                docs = [sentences_of(a) for a in found]
                preds.append(" ".join(s.text for s in select(docs, Budget(words=WORDS))))
        finally:
            articles.clean_text = original
        rows.append((name, score_pairs(zip((r["summary"] for r in records), preds), WORDS)))
    lines = [
        "### Summary ROUGE: Multi-News val250, 250 words",
        "",
        "The storyline summarizer on the same documents with and without cleaning (ROUGE F1 x100, rouge-score "
        "with stemming).",
        "",
        "| input | ROUGE-1 | ROUGE-2 | ROUGE-L |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {name} | {r.rouge1:.2f} | {r.rouge2:.2f} | {r.rougeL:.2f} |" for name, r in rows]
    return lines


def run() -> str:
    parts = [["## Cleaning"], gold_section(), speed_section(), aeb_section(), rouge_section()]
    return "\n\n".join("\n".join(part) for part in parts)


if __name__ == "__main__":
    print(run())
