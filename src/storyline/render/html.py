"""The brief as one standalone HTML file: no scripts, no external assets, all text escaped.

Each [n] marker links to the exact cited sentence, highlighted inside that article's clean
text further down the page, and shows the sentence on hover (a ``title`` attribute, so no
script is needed). A Content-Security-Policy forbids scripts and remote loads outright.
"""

from __future__ import annotations

from html import escape

from storyline.model import Article, Brief, Citation
from storyline.render import extracted_html
from storyline.text.sentences import sentences_of

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.7rem;line-height:1.25;margin-bottom:.3rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666;font-size:.9rem}.summary p{margin:.6rem 0}
a.cite{font-size:.75rem;vertical-align:super;text-decoration:none;margin-left:1px;color:#0a58ca}
a.cite:hover{text-decoration:underline}ol.sources li{margin:.3rem 0}.outlet{font-weight:600}
details{margin:.6rem 0;border:1px solid #e3e3e3;border-radius:6px;padding:.4rem .8rem}summary{cursor:pointer;font-weight:600}
.article p{margin:.5rem 0;font-size:.95rem}mark{background:#fff3b0;padding:0 1px}mark:target{background:#ffd24d;outline:2px solid #e0a800}
.skipped li{color:#8a4b00}code{font-size:.85rem}
h3{font-size:1.05rem;margin:1rem 0 .3rem}.quotes li,.events li{margin:.35rem 0}.quotes a,.events a:not(.cite){color:inherit;text-decoration:none}
.quotes a:hover,.events a:hover{text-decoration:underline}svg.timeline{margin:.5rem 0;font-family:inherit}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}td,th{border:1px solid #e3e3e3;padding:.2rem .4rem;text-align:left;vertical-align:top}
table.grid td.yes,table.grid td.only,table.grid td.no{text-align:center;width:2rem}table.grid td.only{background:#ffe7a3}
ul.ents{columns:2;font-size:.9rem}
@media (max-width:480px){body{margin:1rem auto;font-size:15px}h1{font-size:1.4rem}}
"""


def _anchor(brief: Brief, c: Citation) -> str:
    return f"s{brief.source_number(c.article_id)}-{c.position}"


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are followed: ``javascript:`` and friends never become hrefs."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _summary(brief: Brief, by_id: dict[str, Article]) -> list[str]:
    out = ['<section class="summary"><h2>Summary</h2>']
    for s in brief.summary:
        marks = []
        seen: set[int] = set()
        for c in s.citations:
            n = brief.source_number(c.article_id)
            if n in seen:
                continue
            seen.add(n)
            quoted = by_id[c.article_id].clean_text[c.start : c.end]
            tip = f"{by_id[c.article_id].outlet}: {quoted}"
            marks.append(f'<a class="cite" href="#{_anchor(brief, c)}" title="{escape(tip)}">[{n}]</a>')
        out.append(f"<p>{escape(s.text)}{''.join(marks)}</p>")
    if not brief.summary:
        out.append("<p><em>No summary: no article had sentences to summarize.</em></p>")
    out.append("</section>")
    return out


def _sources(brief: Brief) -> list[str]:
    out = ['<section><h2>Sources</h2><ol class="sources">']
    for i, a in enumerate(brief.articles, 1):
        title = escape(a.title or "(untitled)")
        url = _safe_url(a.url)
        title_html = f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>' if url else title
        date = a.published.isoformat() if a.published else "date unknown"
        if a.published and a.published_from and a.published_from != "metadata":
            date += f' <span class="meta">({escape(a.published_from)})</span>'
        out.append(
            f'<li id="src-{i}"><span class="outlet">{escape(a.outlet)}</span> · {title_html} · {date}'
            f' · <a href="#article-{i}">text</a> · <code>{escape(a.source)}</code></li>'
        )
    out.append("</ol></section>")
    return out


def _article_text(number: int, a: Article, cited: dict[int, tuple[int, int]]) -> str:
    """The clean text as paragraphs, with cited sentences wrapped in anchored marks."""
    spans = sorted(cited.items(), key=lambda kv: kv[1][0])
    pieces: list[str] = []
    cursor = 0
    for position, (start, end) in spans:
        pieces.append(escape(a.clean_text[cursor:start]))
        pieces.append(f'<mark id="s{number}-{position}">{escape(a.clean_text[start:end])}</mark>')
        cursor = end
    pieces.append(escape(a.clean_text[cursor:]))
    body = "".join(pieces)
    return "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())


def _extracted_citations(brief: Brief) -> list[Citation]:
    out = [c for e in brief.timeline for c in e.citations]
    out += [c for q in brief.quotes for c in q.citations]
    out += [n.citation for n in brief.numbers]
    out += [c for e in brief.entities for c in e.citations]
    return out


def _articles(brief: Brief) -> list[str]:
    cited: dict[str, dict[int, tuple[int, int]]] = {}
    for s in brief.summary:
        for c in s.citations:
            cited.setdefault(c.article_id, {})[c.position] = (c.start, c.end)
    # Extracted items cite spans inside a sentence; the whole sentence is marked, so anchors
    # never nest or overlap, and the link lands on the sentence that holds the span.
    extra = _extracted_citations(brief)
    if extra:
        by_id = {a.id: a for a in brief.articles}
        wanted: dict[str, set[int]] = {}
        for c in extra:
            wanted.setdefault(c.article_id, set()).add(c.position)
        for article_id, positions in wanted.items():
            for sentence in sentences_of(by_id[article_id]):
                if sentence.position in positions:
                    cited.setdefault(article_id, {}).setdefault(sentence.position, (sentence.start, sentence.end))
    out = ["<section><h2>Articles</h2>"]
    for i, a in enumerate(brief.articles, 1):
        opened = " open" if a.id in cited else ""
        out.append(
            f'<details id="article-{i}"{opened}><summary>[{i}] {escape(a.outlet)}: '
            f'{escape(a.title or "(untitled)")}</summary><div class="article">'
            f"{_article_text(i, a, cited.get(a.id, {}))}</div></details>"
        )
    out.append("</section>")
    return out


def render_html(brief: Brief) -> str:
    by_id = {a.id: a for a in brief.articles}
    n = len(brief.articles)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(brief.headline)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>{escape(brief.headline)}</h1>",
        f'<p class="meta">Brief of {n} article{"s" if n != 1 else ""} · '
        f"{escape(brief.summarizer)} summarizer · generated {brief.generated:%Y-%m-%d %H:%M} UTC</p></header>",
        *_summary(brief, by_id),
        *extracted_html.timeline(brief),
        *extracted_html.quotes(brief),
        *extracted_html.numbers(brief),
        *extracted_html.entities(brief),
        *extracted_html.coverage(brief),
        *_sources(brief),
        *_articles(brief),
    ]
    if brief.problems:
        parts.append('<section class="skipped"><h2>Skipped inputs</h2><ul>')
        parts += [f"<li><code>{escape(p.source)}</code>: {escape(p.reason)}</li>" for p in brief.problems]
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
