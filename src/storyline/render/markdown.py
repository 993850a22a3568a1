"""The brief as Markdown: headline, cited summary, numbered sources, skipped inputs.

Article text is untrusted: characters Markdown would treat as markup or raw HTML are
backslash-escaped, so a hostile article cannot inject links, images or HTML.
"""

from __future__ import annotations

import re

from storyline.model import Article, Brief, Citation
from storyline.render.tables import figure_value

_MARKUP = re.compile(r"([\\`*_\[\]<>#|!])")


def escape_md(text: str) -> str:
    """Escape Markdown and HTML markup characters in untrusted text."""
    return _MARKUP.sub(r"\\\1", text)


def _source_line(number: int, a: Article) -> str:
    parts = [f"**{escape_md(a.outlet)}**"]
    if a.title:
        parts.append(f"*{escape_md(a.title)}*")
    if a.published and a.published_from and a.published_from != "metadata":
        parts.append(f"{a.published.isoformat()} ({escape_md(a.published_from)})")
    else:
        parts.append(a.published.isoformat() if a.published else "date unknown (no metadata or dated clue in the text)")
    if a.url and a.url.lower().startswith(("http://", "https://")):
        parts.append(f"<{a.url.replace('>', '%3E').replace(' ', '%20')}>")
    parts.append(f"`{a.source.replace('`', '')}`")
    return f"{number}. " + " · ".join(parts)


def _refs(brief: Brief, citations: tuple[Citation, ...] | list[Citation]) -> str:
    """[n] markers, one per source, in source order."""
    return "".join(f"[{n}]" for n in sorted({brief.source_number(c.article_id) for c in citations}))


def _timeline(brief: Brief) -> list[str]:
    if not brief.timeline:
        return []
    lines = ["## Timeline", ""]
    undated = [e for e in brief.timeline if e.date is None]
    for e in brief.timeline:
        if e.date is not None:
            where = f" · {escape_md(e.place)}" if e.place else ""
            lines.append(f"- **{escape_md(e.when)}**{where} · {e.kind}: {escape_md(e.text)} {_refs(brief, e.citations)}")
    if undated:
        # Kept apart: their dates cannot be placed on the line, only what the text says.
        lines += ["", "Undated (the article gives no date of its own, so these keep the text's words):", ""]
        for e in undated:
            where = f" · {escape_md(e.place)}" if e.place else ""
            when = e.when.replace(" (date unknown: the article is undated)", "")
            lines.append(f"- {_refs(brief, e.citations)} **{escape_md(when)}**{where} · {e.kind}: {escape_md(e.text)}")
    return lines + [""]


def _quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    lines = ["## Quotes", ""]
    speakers: dict[str, list[int]] = {}
    for i, q in enumerate(brief.quotes):
        speakers.setdefault(q.speaker or "", []).append(i)
    for speaker in sorted(speakers, key=lambda s: (s == "", -len(speakers[s]), s)):
        quotes = [brief.quotes[i] for i in speakers[speaker]]
        title = next((q.speaker_title for q in quotes if q.speaker_title), None)
        head = escape_md(speaker) if speaker else "Unattributed"
        lines.append(f"**{head}**" + (f", {escape_md(title)}" if title else ""))
        lines.append("")
        for q in quotes:
            lines.append(f"- “{escape_md(q.text)}” {_refs(brief, q.citations)}")
        lines.append("")
    return lines


def _entities(brief: Brief) -> list[str]:
    if not brief.entities:
        return []
    lines = ["## Who and what", ""]
    labels = {"person": "People", "organisation": "Organisations", "place": "Places", "event": "Events"}
    for kind, label in labels.items():
        group = [e for e in brief.entities if e.type == kind]
        if not group:
            continue
        items = []
        for e in group[:25]:
            per = ", ".join(f"[{brief.source_number(aid)}]×{n}" for aid, n in e.mentions)
            items.append(f"{escape_md(e.name)} ({e.total}: {per})")
        lines.append(f"- **{label}**: " + "; ".join(items))
    return lines + [""]


def _numbers(brief: Brief) -> list[str]:
    lines: list[str] = []
    if brief.disagreements:
        lines += ["## Where sources disagree", ""]
        for d in brief.disagreements:
            parts = [
                f"{escape_md(c.text)} [{brief.source_number(c.article_id)}] (as of {c.as_of or 'unknown date'})"
                for c in d.claims
            ]
            lines.append(f"- **{escape_md(d.measure)}**: " + " vs ".join(parts) + f". {escape_md(d.note)}.")
        lines.append("")
    if brief.numbers:
        lines += ["## Figures", ""]
        lines += ["| figure | value | unit | measure | as of | source |", "|---|---|---|---|---|---|"]
        for n in brief.numbers:
            value = figure_value(n)
            lines.append(
                f"| {escape_md(n.text)} | {'~' if n.approximate else ''}{value} | {escape_md(n.unit)} | "
                f"{escape_md(n.measure)} | {n.as_of or 'unknown'} | [{brief.source_number(n.article_id)}] |"
            )
        lines.append("")
    return lines


def _coverage(brief: Brief) -> list[str]:
    if not brief.coverage:
        return []
    lines = ["## Coverage", "", "| source | summary facts | quotes | figures | only this source |", "|---|---|---|---|---|"]
    for c in brief.coverage:
        only = []
        if c.only_summary:
            only.append(f"{len(c.only_summary)} summary fact{'s' * (len(c.only_summary) != 1)}")
        if c.only_quotes:
            only.append(f"{len(c.only_quotes)} quote{'s' * (len(c.only_quotes) != 1)}")
        if c.only_numbers:
            figures = ", ".join(escape_md(brief.numbers[i].text) for i in c.only_numbers[:6])
            only.append(f"figures: {figures}")
        lines.append(
            f"| [{brief.source_number(c.article_id)}] {escape_md(c.outlet)} | {len(c.summary)} | {len(c.quotes)} | "
            f"{len(c.numbers)} | {'; '.join(only) or '-'} |"
        )
    return lines + [""]


def render_markdown(brief: Brief) -> str:
    lines = [f"# {escape_md(brief.headline)}", ""]
    if brief.summary:
        for s in brief.summary:
            numbers = sorted({brief.source_number(c.article_id) for c in s.citations})
            lines.append(escape_md(s.text) + " " + "".join(f"[{n}]" for n in numbers))
            lines.append("")
    else:
        lines += ["*No summary: no article had sentences to summarize.*", ""]
    lines += _timeline(brief) + _quotes(brief) + _entities(brief) + _numbers(brief) + _coverage(brief)
    lines += ["## Sources", ""]
    lines += [_source_line(i, a) for i, a in enumerate(brief.articles, 1)]
    if brief.problems:
        lines += ["", "## Skipped inputs", ""]
        lines += [f"- `{p.source.replace('`', '')}`: {escape_md(p.reason)}" for p in brief.problems]
    return "\n".join(lines).rstrip() + "\n"
