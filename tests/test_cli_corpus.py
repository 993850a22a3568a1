"""The corpus commands as a user runs them: add, stories, story, storylines, search, stats,
cluster; and a library that survives ``kill -9`` mid-add."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import EVENTS, event_docs

from storyline.cli import main


def _write_articles(folder: Path) -> None:
    folder.mkdir()
    for event in ("bridge", "storm"):
        for doc in event_docs(event, 3, seed=1, day=dt.date(2024, 4, 2)):
            (folder / doc.source).write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")


def test_add_then_browse_a_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_articles(tmp_path / "in")
    lib = ["--library", str(tmp_path / "lib")]
    assert main(["add", str(tmp_path / "in"), *lib]) == 0
    assert main(["add", str(tmp_path / "in"), *lib]) == 0  # again: a no-op
    capsys.readouterr()
    assert main(["stats", "--format", "json", *lib]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["articles"], stats["stories"]) == (6, 2) and stats["storylines"] == 0
    assert main(["stories", *lib, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert sorted(s["articles"] for s in stories) == [3, 3]
    assert main(["story", str(stories[0]["id"]), *lib, "--words", "40"]) == 0
    brief = capsys.readouterr().out
    assert brief.startswith("# ") and "[1]" in brief
    assert main(["search", "Cyclone Orla", *lib]) == 0
    assert "Orla" in capsys.readouterr().out
    assert main(["storylines", *lib]) == 0
    assert main(["story", "999", *lib]) == 3


def test_library_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _write_articles(tmp_path / "in")
    monkeypatch.setenv("STORYLINE_LIBRARY", str(tmp_path / "envlib"))
    assert main(["add", str(tmp_path / "in"), "-q"]) == 0
    assert (tmp_path / "envlib" / "library.sqlite3").is_file()


@pytest.mark.parametrize("dated", [True, False])
def test_cluster_command(tmp_path: Path, dated: bool, capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    for event in EVENTS:
        for i, doc in enumerate(event_docs(event, 3, seed=4)):
            record = {"id": f"{event}-{i}", "text": doc.text}
            if dated:
                record |= {"published": "2024-02-0%d" % (i + 1), "title": doc.title, "source": doc.outlet}
            lines.append(json.dumps(record))
    lines.append(json.dumps({"id": "empty", "text": "   "}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["cluster", "--input", str(tmp_path / "in.jsonl"), "--output", str(tmp_path / "out.jsonl")])
    assert code == 0
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    story = {o["id"]: o["story"] for o in out}
    assert len(story) == 3 * len(EVENTS) + 1
    for event in EVENTS:
        assert len({story[f"{event}-{i}"] for i in range(3)}) == 1
    assert len(set(story.values())) == len(EVENTS) + 1


def test_kill_during_add_then_rerun_holds_every_article_once(tmp_path: Path) -> None:
    n = 810  # two batches of `add` (500 each): killed after the first commits
    records = []
    for k in range(n // 3):
        event = list(EVENTS)[k % len(EVENTS)]
        for doc in event_docs(event, 3, seed=k, day=dt.date(2020, 1, 1) + dt.timedelta(days=k)):
            records.append(json.dumps({"text": doc.text, "title": doc.title, "published": str(doc.published)}))
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(records) + "\n", encoding="utf-8")
    lib = tmp_path / "lib"
    cmd = [sys.executable, "-m", "storyline", "add", str(data), "--library", str(lib), "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    db = lib / "library.sqlite3"
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:  # kill once a batch is committed
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    if conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] > 0:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    with sqlite3.connect(db) as conn:
        sources = conn.execute("SELECT source FROM sources").fetchall()
        articles = conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone()
        orphans = conn.execute("SELECT COUNT(*) FROM articles WHERE story IS NULL"
                               " OR story NOT IN (SELECT id FROM stories)").fetchone()[0]
    assert len(sources) == len(set(sources)) == n  # every input line recorded exactly once
    assert articles[0] == articles[1] and articles[0] <= n and orphans == 0
