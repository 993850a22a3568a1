"""``storyline summarize-batch`` and ``storyline eval``: many stories at once, and their ROUGE."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, Any

from storyline.cli.common import (
    EPILOG, EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, budget_options, positive, warn,
)


def _progress(total: int, stream: IO[str]):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = tqdm(total=total, unit="B", unit_scale=True, file=stream, desc="summarizing")
    seen = [0]

    def update(done: int) -> None:
        bar.update(done - seen[0])
        seen[0] = done

    return bar, update


def cmd_summarize_batch(args: argparse.Namespace) -> int:
    from storyline.options import BriefOptions
    from storyline.scale import summarize_jsonl

    options = BriefOptions(words=args.words, sentences=args.sentences, summarizer=args.summarizer)
    options.budget
    source = Path(args.input)
    if not source.is_file():
        warn(f"{source}: no such file")
        return EXIT_NO_INPUT
    bar = update = None
    if sys.stderr.isatty() and not args.quiet:
        bar, update = _progress(source.stat().st_size, sys.stderr)
    with source.open(encoding="utf-8", errors="replace") as lines, open_output(args.output) as out:
        stats = summarize_jsonl(lines, out, options, name=str(source), progress=update)
    if bar is not None:
        bar.close()
    for problem in stats.problems:
        warn(f"failed {problem}")
    if not args.quiet:
        warn(f"summarized {stats.summarized} of {stats.records} records ({stats.failed} failed)")
    if stats.records == 0:
        return EXIT_NO_INPUT
    return EXIT_PARTIAL if stats.failed else EXIT_OK


def open_output(output: str) -> IO[str]:
    if output == "-":
        return open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
    return open(output, "w", encoding="utf-8")


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from storyline.evaluate import score_files

    report = score_files(Path(args.gold), Path(args.pred), args.words)
    if args.format == "json":
        print(json.dumps(report.as_dict()))
    else:
        print(f"ROUGE F1 (x100, stemmed, predictions cut at {args.words} words) over {report.scored + report.missing} stories")
        print(f"  ROUGE-1 {report.rouge1:6.2f}   ROUGE-2 {report.rouge2:6.2f}   ROUGE-L {report.rougeL:6.2f}")
        if report.missing:
            print(f"  {report.missing} stories had no prediction and scored 0")
    return EXIT_PARTIAL if report.missing else EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("summarize-batch", help="summarize every story of a Multi-News-style JSONL", epilog=EPILOG,
                       description="One JSON story per line ({'id', 'documents': [...]}) in; one {'id', 'summary'} per line out.")
    p.add_argument("--input", required=True, metavar="FILE", help="JSONL with 'documents' (list or '|||||'-joined string)")
    p.add_argument("--output", required=True, metavar="FILE", help="JSONL of {'id', 'summary'} ('-' for stdout)")
    budget_options(p, 250)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or totals")
    p.set_defaults(run=cmd_summarize_batch)

    p = sub.add_parser("eval", help="ROUGE of predicted summaries against references", epilog=EPILOG)
    p.add_argument("--gold", required=True, metavar="FILE", help="JSONL with 'id' and reference 'summary'")
    p.add_argument("--pred", required=True, metavar="FILE", help="JSONL with 'id' and predicted 'summary'")
    p.add_argument("--words", type=positive, default=250, help="cut predictions to this many words (default 250)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.set_defaults(run=cmd_eval)
