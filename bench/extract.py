"""Brief extraction against hand-written gold: quotes (found, speaker), timeline events (found,
dated right), numeric claims (found with value and unit), disagreements, on the seeds, the
demo story and 15 Multi-News val250 documents; and the cold start of a JSON brief.

Gold lives in tests/data/gold/. Seeds and val250 gold hold offsets into the raw text and a
short hash, never the text: the span is read from ../shared and matched, whitespace
collapsed, against what storyline extracted, so the gold survives changes to cleaning.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "data" / "gold"
sys.path.insert(0, str(ROOT / "src"))

from storyline.brief import build_brief  # noqa: E402
from storyline.ingest import read_sources  # noqa: E402
from storyline.model import Brief, RawDocument  # noqa: E402

_QUOTES = "“”\"'‘’"


def norm(text: str) -> str:
    """Whitespace collapsed, quote marks and curly apostrophes unified, lower case."""
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).lower()


def _core(text: str) -> str:
    return norm(text).strip(_QUOTES + " ,.")


@dataclass
class Score:
    """Counts for one part: gold items, found, correct; predicted items and correct ones."""

    gold: int = 0
    found: int = 0
    correct: int = 0
    predicted: int = 0
    predicted_correct: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.correct += other.correct
        self.predicted += other.predicted
        self.predicted_correct += other.predicted_correct
        self.misses += other.misses

    def row(self, name: str) -> str:
        recall = self.found / self.gold if self.gold else float("nan")
        correct = self.correct / self.found if self.found else float("nan")
        strict = self.correct / self.gold if self.gold else float("nan")
        precision = f"{self.predicted_correct / self.predicted:.1%} ({self.predicted})" if self.predicted else "–"
        return f"| {name} | {self.gold} | {recall:.1%} | {correct:.1%} | {strict:.1%} | {precision} |"


def _span(raw: str, item: dict) -> str:
    span = raw[item["start"] : item["end"]]
    digest = hashlib.sha1(" ".join(span.split()).encode()).hexdigest()[:10]
    if digest != item["sha1"]:
        raise ValueError(f"gold span changed: {item}")
    return span


def _same_speaker(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    p, g = norm(predicted), norm(gold)
    return p == g or p.removeprefix("the ") == g.removeprefix("the ")


def score_quotes(brief: Brief, gold: Sequence[tuple[str, str, str]]) -> Score:
    """``gold``: (article id, quote text, speaker). A gold quote is found when an extracted
    quote of that article contains its opening (40 characters)."""
    s = Score(gold=len(gold))
    hits: set[int] = set()
    for article_id, text, speaker in gold:
        head = _core(text)[:40]
        match = next((i for i, q in enumerate(brief.quotes) if q.article_id == article_id and head in norm(q.text)), None)
        if match is None:
            s.misses.append(f"quote not found: {head[:30]}…")
            continue
        s.found += 1
        if _same_speaker(brief.quotes[match].speaker, speaker):
            s.correct += 1
            hits.add(match)
        else:
            s.misses.append(f"speaker {brief.quotes[match].speaker!r} != {speaker!r}: {head[:30]}…")
    s.predicted = len(brief.quotes)
    s.predicted_correct = len(hits)
    return s


def score_events(brief: Brief, gold: Sequence[tuple[str, str, str | None, str]]) -> Score:
    """``gold``: (article id, phrase of the reporting sentence, date or None, precision).
    Found when a timeline entry cites the sentence; correct when its date and precision agree."""
    by_id = {a.id: a for a in brief.articles}
    s = Score(gold=len(gold))
    good: set[int] = set()
    for article_id, phrase, date, precision in gold:
        phrase_n = _core(phrase)
        match = None
        for i, e in enumerate(brief.timeline):
            for c in e.citations:
                if c.article_id == article_id and phrase_n in norm(by_id[article_id].clean_text[c.start : c.end]):
                    match = i if match is None or (e.date and e.date.isoformat() == date) else match
        if match is None:
            s.misses.append(f"event not found: {phrase_n[:40]}")
            continue
        s.found += 1
        e = brief.timeline[match]
        if (e.date.isoformat() if e.date else None) == date and e.precision == precision:
            s.correct += 1
            good.add(match)
        else:
            s.misses.append(f"event dated {e.when} ({e.precision}) != {date} ({precision}): {phrase_n[:40]}")
    s.predicted = len(brief.timeline)
    s.predicted_correct = len(good)
    return s


def score_numbers(brief: Brief, gold: Sequence[tuple[str, str, float, str]]) -> Score:
    """``gold``: (article id, figure as written, value, unit); found with value and unit."""
    s = Score(gold=len(gold))
    good: set[int] = set()
    for article_id, text, value, unit in gold:
        text_n = _core(text)
        match = next(
            (i for i, n in enumerate(brief.numbers) if n.article_id == article_id and i not in good
             and (text_n in norm(n.text) or norm(n.text) in text_n) and abs(n.value - value) <= abs(value) * 0.005 and n.unit == unit),
            None,
        )
        if match is None:
            s.misses.append(f"number not found: {text_n}")
            continue
        s.found += 1
        s.correct += 1
        good.add(match)
    s.predicted = len(brief.numbers)
    s.predicted_correct = len(good)
    return s


def _seed_brief() -> tuple[Brief, dict[str, str], dict[str, str]] | None:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        return None
    result = read_sources([str(folder)])
    brief = build_brief(result.documents)
    ids = {Path(a.source).name: a.id for a in brief.articles}
    raws = {Path(a.source).name: a.raw_text for a in brief.articles}
    return brief, ids, raws


def seeds_scores() -> dict[str, Score] | None:
    """Scores on the seeds gold, plus the Abe-Trump meetings and the troop disagreement."""
    made = _seed_brief()
    if made is None:
        return None
    brief, ids, raws = made
    gold = json.loads((GOLD / "seeds.json").read_text(encoding="utf-8"))["files"]
    q, e, n, meetings = [], [], [], []
    for name, parts in gold.items():
        raw, aid = raws[name], ids[name]
        q += [(aid, _span(raw, g), g["speaker"]) for g in parts["quotes"]]
        e += [(aid, _span(raw, g), g["date"], g["precision"]) for g in parts["events"]]
        meetings += [(aid, _span(raw, g), g["date"], g["precision"]) for g in parts["events"] if g["abe_trump_meeting"]]
        n += [(aid, _span(raw, g), g["value"], g["unit"]) for g in parts["numbers"]]
    troops = [d for d in brief.disagreements if d.unit == "troops" and {47000.0, 50000.0} <= {c.value for c in d.claims}]
    both_dates = bool(troops) and all(c.as_of for c in troops[0].claims)
    dis = Score(gold=1, found=int(bool(troops)), correct=int(both_dates), predicted=len(brief.disagreements), predicted_correct=int(bool(troops)))
    if troops and not both_dates:
        dis.misses.append("troop disagreement found, but one claim has no as-of date")
    return {
        "quotes": score_quotes(brief, q),
        "timeline": score_events(brief, e),
        "Abe–Trump meetings": _recall_only(score_events(brief, meetings)),
        "numbers": score_numbers(brief, n),
        "disagreements (troops, both dates)": dis,
    }


def _recall_only(score: Score) -> Score:
    """A subset of the timeline gold: its precision would be measured against every entry."""
    score.predicted = score.predicted_correct = 0
    return score


def demo_scores() -> dict[str, Score]:
    result = read_sources([str(ROOT / "examples" / "harbor-bridge")])
    brief = build_brief(result.documents)
    ids = {Path(a.source).name: a.id for a in brief.articles}
    gold = json.loads((GOLD / "harbor-bridge.json").read_text(encoding="utf-8"))
    q, e, n = [], [], []
    for name, parts in gold["files"].items():
        q += [(ids[name], text, speaker) for text, speaker in parts["quotes"]]
        e += [(ids[name], text, date, precision) for text, date, precision in parts["events"]]
        n += [(ids[name], text, value, unit) for text, value, unit in parts["numbers"]]
    dis = Score(gold=len(gold["disagreements"]), predicted=len(brief.disagreements))
    for unit, values in gold["disagreements"]:
        hit = any(d.unit == unit and set(values) <= {c.value for c in d.claims} for d in brief.disagreements)
        dis.found += hit
        dis.correct += hit
        dis.predicted_correct += hit
    return {"quotes": score_quotes(brief, q), "timeline": score_events(brief, e), "numbers": score_numbers(brief, n), "disagreements": dis}


def val_scores() -> dict[str, Score] | None:
    path = SHARED / "data" / "multinews-val250.jsonl"
    if not path.is_file():
        return None
    rows = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows[row["id"]] = row
    gold = json.loads((GOLD / "val250.json").read_text(encoding="utf-8"))["docs"]
    total = {"quotes": Score(), "timeline": Score()}
    for doc in gold:
        raw = rows[doc["id"]]["documents"][doc["doc"]]
        brief = build_brief([RawDocument(source=f"{doc['id']}#{doc['doc']}", text=raw, kind="multinews")])
        if not brief.articles:
            continue
        aid = brief.articles[0].id
        total["quotes"].add(score_quotes(brief, [(aid, _span(raw, g), g["speaker"]) for g in doc["quotes"]]))
        total["timeline"].add(score_events(brief, [(aid, _span(raw, g), g["date"], g["precision"]) for g in doc["events"]]))
    return total


def cold_start() -> float | None:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        return None
    exe = Path(sys.executable).parent / "storyline"
    best = None
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([str(exe), "brief", str(folder), "--format", "json"], check=True, capture_output=True, cwd=ROOT)
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    return best


def run() -> str:
    lines = ["## Brief extraction", ""]
    lines.append(
        "Found = share of gold items extracted; speaker/date right = share of found items whose speaker "
        "(quotes) or date and precision (timeline) are right, value and unit for numbers; strict = right "
        "over all gold; precision = share of extracted items that match a gold item and are right (on "
        "a gold set that lists every item of its kind, else a lower bound)."
    )
    lines.append("")
    header = ["| part | gold | found | right when found | strict | precision (extracted) |", "|---|---|---|---|---|---|"]
    notes: list[str] = []
    for title, scores in (("Seeds (4 real articles)", seeds_scores()), ("Demo story (5 invented articles)", demo_scores()),
                          ("Multi-News val250 (15 documents)", val_scores())):
        lines.append(f"### {title}")
        lines.append("")
        if scores is None:
            lines += ["(data in ../shared is absent: skipped)", ""]
            continue
        lines += header + [s.row(name) for name, s in scores.items()] + [""]
        misses = [m for s in scores.values() for m in s.misses]
        if misses:
            notes.append(f"**{title}, misses**: " + "; ".join(misses[:30]))
    seconds = cold_start()
    lines.append(f"Cold start, `storyline brief ../shared/seeds/ --format json` (entities included, best of 3): "
                 + (f"{seconds:.2f} s" if seconds is not None else "seeds absent, skipped"))
    lines += ["", *notes]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(run())
