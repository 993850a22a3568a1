"""The CLI through its real entry point: commands, formats, exit codes, error paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import EXIT_NO_INPUT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main

ARTICLE_A = """Ferry fares to rise 12 percent

The Lakeside ferry company will raise fares by 12 percent from June 1, the company said on Monday.
Chief executive Dana Holt said rising fuel costs left the company no other choice this year.
Commuters who cross the lake every day said the increase would cost them hundreds of dollars.
"""
ARTICLE_B = """Lakeside ferry fares going up in June

Ferry fares on Lakeside routes will rise by 12 percent from June 1, the operator announced on Monday.
The regional transport council said it would review the fare increase at its May meeting.
Council member Ruth Adeyemi said the council had not been consulted before the announcement was made.
"""


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point in a new process, as a user would."""
    exe = Path(sys.executable).parent / "storyline"
    return subprocess.run([str(exe), *args], input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": ""})


def test_brief_markdown_through_entry_point(story: Path) -> None:
    done = run_cli("brief", str(story), "--words", "40")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.startswith("# ")
    assert "12 percent" in done.stdout
    assert "## Sources" in done.stdout and "[1][2]" in done.stdout


@pytest.mark.parametrize("fmt", ["json", "html", "md"])
def test_brief_formats_to_file(story: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"brief.{fmt}"
    assert main(["brief", str(story), "--format", fmt, "-o", str(out)]) == EXIT_OK
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert len(data["sources"]) == 2 and data["summary"]
    elif fmt == "html":
        assert text.startswith("<!doctype html>")
    else:
        assert "## Sources" in text


def test_sentence_budget(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(story), "--sentences", "1", "--format", "json"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)["summary"]) == 1


def test_stdin(story: Path) -> None:
    done = run_cli("brief", "-", stdin=ARTICLE_A.encode())
    assert done.returncode == EXIT_OK, done.stderr
    assert "12 percent" in done.stdout


def test_bad_files_are_skipped_with_one_line_each(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (story / "empty.txt").write_text("", encoding="utf-8")
    (story / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    assert main(["brief", str(story), "--format", "json"]) == EXIT_PARTIAL
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("storyline: ")]
    assert len(errors) == 2
    # One line each, naming the input and the reason, saying "skipped" once.
    assert any("empty.txt: empty file, skipped" in e for e in errors)
    assert any("blob.bin: binary file" in e for e in errors)
    assert all(e.rsplit("/", 1)[-1].count("skipped") == 1 for e in errors)  # the tmp path has the test's name
    data = json.loads(captured.out)
    assert len(data["sources"]) == 2 and len(data["skipped"]) == 2


def test_missing_path_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(tmp_path / "nope")]) == EXIT_NO_INPUT
    err = capsys.readouterr().err
    assert "nope" in err


def test_usage_errors() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["brief", "x", "--words", "0"])
    assert exc.value.code == EXIT_USAGE
    with pytest.raises(SystemExit) as exc:
        main(["brief", "x", "--format", "pdf"])
    assert exc.value.code == EXIT_USAGE


def test_unknown_summarizer_is_a_usage_error(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(story), "--summarizer", "magic"]) == EXIT_USAGE
    assert "unknown summarizer 'magic'" in capsys.readouterr().err


def test_summarize_batch_and_eval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    rows = [
        {"id": "s1", "documents": [ARTICLE_A, ARTICLE_B], "summary": "Ferry fares will rise 12 percent from June 1."},
        {"id": "s2", "document": ARTICLE_B + "|||||" + ARTICLE_A, "summary": "The council will review the fare rise."},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{not json\n", encoding="utf-8")
    preds = tmp_path / "preds.jsonl"
    code = main(["summarize-batch", "--input", str(data), "--output", str(preds), "--words", "30"])
    assert code == EXIT_PARTIAL  # the bad line is reported and kept as an error row
    out = [json.loads(line) for line in preds.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out[:2]] == ["s1", "s2"]
    assert all(r["summary"] and "error" not in r for r in out[:2])
    assert out[2]["summary"] == "" and "not valid JSON" in out[2]["error"]
    assert "in.jsonl:3" in capsys.readouterr().err

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"id": r["id"], "summary": r["summary"]}) + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", "--gold", str(gold), "--pred", str(preds), "--format", "json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["scored"] == 2 and 0 < report["rouge1"] <= 100


def test_summarize_batch_missing_input(tmp_path: Path) -> None:
    assert main(["summarize-batch", "--input", str(tmp_path / "x.jsonl"), "--output", str(tmp_path / "o")]) == EXIT_NO_INPUT


def test_version_and_help() -> None:
    done = run_cli("--help")
    assert done.returncode == 0 and "brief" in done.stdout and "exit codes" in done.stdout
    assert run_cli("--version").stdout.startswith("storyline ")


def test_focus_and_since_flags(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(story), "--focus", "council", "--format", "json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] and all("council" in s["text"].lower() for s in data["summary"])
    with pytest.raises(SystemExit) as exc:
        main(["brief", str(story), "--since", "last week"])
    assert exc.value.code == EXIT_USAGE


def test_each_command_is_registered_by_its_listed_module() -> None:
    """A run builds only its command's module's parsers (``MODULE_OF``): the table must name
    every command, and the module that registers it."""
    import argparse
    from importlib import import_module

    from storyline.cli import COMMANDS, MODULE_OF

    registered = {}
    for name in COMMANDS:
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(f"storyline.cli.{name}").register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == MODULE_OF
