"""The ``storyline`` command line: thin wrappers over the stages, with honest exit codes.

Exit codes: 0 everything worked; 1 the job finished but some inputs were skipped (each
reported on stderr, one line); 2 the command was misused; 3 nothing usable was read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO

from storyline import __version__
from storyline.errors import StorylineError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NO_INPUT = 0, 1, 2, 3

EPILOG = """exit codes: 0 ok; 1 finished, but some inputs were skipped (listed on stderr);
2 usage error; 3 no usable input"""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _warn(message: str) -> None:
    print(f"storyline: {message}", file=sys.stderr)


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def cmd_brief(args: argparse.Namespace) -> int:
    from storyline.brief import build_brief
    from storyline.ingest import read_sources
    from storyline.options import BriefOptions
    from storyline.render import render

    options = BriefOptions(words=args.words, sentences=args.sentences, summarizer=args.summarizer)
    options.budget  # validate before the slow part
    result = read_sources(args.paths)
    for problem in result.problems:
        _warn(f"skipped {problem}")
    if not result.documents:
        _warn("no readable article in " + ", ".join(args.paths))
        return EXIT_NO_INPUT
    brief = build_brief(result.documents, options, result.problems)
    _write(render(brief, args.format), args.output)
    for problem in brief.problems[len(result.problems):]:
        _warn(f"skipped {problem}")
    return EXIT_PARTIAL if brief.problems else EXIT_OK


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
        _warn(f"{source}: no such file")
        return EXIT_NO_INPUT
    bar = update = None
    if sys.stderr.isatty() and not args.quiet:
        bar, update = _progress(source.stat().st_size, sys.stderr)
    with source.open(encoding="utf-8", errors="replace") as lines, _open_out(args.output) as out:
        stats = summarize_jsonl(lines, out, options, name=str(source), progress=update)
    if bar is not None:
        bar.close()
    for problem in stats.problems:
        _warn(f"failed {problem}")
    if not args.quiet:
        _warn(f"summarized {stats.summarized} of {stats.records} records ({stats.failed} failed)")
    if stats.records == 0:
        return EXIT_NO_INPUT
    return EXIT_PARTIAL if stats.failed else EXIT_OK


def _open_out(output: str) -> IO[str]:
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


def cmd_clean(args: argparse.Namespace) -> int:
    from storyline.clean import clean_text
    from storyline.ingest import read_sources

    result = read_sources([args.path])
    for problem in result.problems:
        _warn(f"skipped {problem}")
    if not result.documents:
        return EXIT_NO_INPUT
    for doc in result.documents:
        cleaned = clean_text(doc.text, title=doc.title)
        if len(result.documents) > 1:
            print(f"==> {doc.source} <==")
        print(cleaned.text)
        if args.explain:
            for line in cleaned.dropped:
                print(f"dropped line {line.line_no} ({line.reason}): {line.text}", file=sys.stderr)
    return EXIT_PARTIAL if result.problems else EXIT_OK


def _budget_options(p: argparse.ArgumentParser, words: int) -> None:
    from storyline.options import HELP

    p.add_argument("--words", type=_positive, default=words, help=HELP["words"] + f" (default {words})")
    p.add_argument("--sentences", type=_positive, default=None, help=HELP["sentences"])
    p.add_argument("--summarizer", default="storyline", help=HELP["summarizer"])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn raw news articles about one story into one cited brief.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("brief", help="make a cited brief from articles", epilog=EPILOG,
                       description="Read articles (files, directories, JSONL, HTML, '-' for stdin) and write a cited brief.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories, or - for stdin")
    _budget_options(p, 200)
    p.add_argument("--format", choices=("md", "json", "html"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(run=cmd_brief)

    p = sub.add_parser("summarize-batch", help="summarize every story of a Multi-News-style JSONL", epilog=EPILOG,
                       description="One JSON story per line ({'id', 'documents': [...]}) in; one {'id', 'summary'} per line out.")
    p.add_argument("--input", required=True, metavar="FILE", help="JSONL with 'documents' (list or '|||||'-joined string)")
    p.add_argument("--output", required=True, metavar="FILE", help="JSONL of {'id', 'summary'} ('-' for stdout)")
    _budget_options(p, 250)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or totals")
    p.set_defaults(run=cmd_summarize_batch)

    p = sub.add_parser("eval", help="ROUGE of predicted summaries against references", epilog=EPILOG)
    p.add_argument("--gold", required=True, metavar="FILE", help="JSONL with 'id' and reference 'summary'")
    p.add_argument("--pred", required=True, metavar="FILE", help="JSONL with 'id' and predicted 'summary'")
    p.add_argument("--words", type=_positive, default=250, help="cut predictions to this many words (default 250)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="report format (default text)")
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("clean", help="print an article's clean text", epilog=EPILOG)
    p.add_argument("path", metavar="PATH", help="an article file, or - for stdin")
    p.add_argument("--explain", action="store_true", help="list every dropped line and why, on stderr")
    p.set_defaults(run=cmd_clean)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except StorylineError as exc:
        _warn(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
