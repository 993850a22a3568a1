"""The brief as Markdown: headline, cited summary, numbered sources, skipped inputs.

Article text is untrusted: characters Markdown would treat as markup or raw HTML are
backslash-escaped, so a hostile article cannot inject links, images or HTML.
"""

from __future__ import annotations

import re

from storyline.model import Article, Brief

_MARKUP = re.compile(r"([\\`*_\[\]<>#|!])")


def escape_md(text: str) -> str:
    """Escape Markdown and HTML markup characters in untrusted text."""
    return _MARKUP.sub(r"\\\1", text)


def _source_line(number: int, a: Article) -> str:
    parts = [f"**{escape_md(a.outlet)}**"]
    if a.title:
        parts.append(f"*{escape_md(a.title)}*")
    parts.append(a.published.isoformat() if a.published else "date unknown")
    if a.url and a.url.lower().startswith(("http://", "https://")):
        parts.append(f"<{a.url.replace('>', '%3E').replace(' ', '%20')}>")
    parts.append(f"`{a.source.replace('`', '')}`")
    return f"{number}. " + " · ".join(parts)


def render_markdown(brief: Brief) -> str:
    lines = [f"# {escape_md(brief.headline)}", ""]
    if brief.summary:
        for s in brief.summary:
            numbers = sorted({brief.source_number(c.article_id) for c in s.citations})
            lines.append(escape_md(s.text) + " " + "".join(f"[{n}]" for n in numbers))
            lines.append("")
    else:
        lines += ["*No summary: no article had sentences to summarize.*", ""]
    lines += ["## Sources", ""]
    lines += [_source_line(i, a) for i, a in enumerate(brief.articles, 1)]
    if brief.problems:
        lines += ["", "## Skipped inputs", ""]
        lines += [f"- `{p.source.replace('`', '')}`: {escape_md(p.reason)}" for p in brief.problems]
    return "\n".join(lines).rstrip() + "\n"
