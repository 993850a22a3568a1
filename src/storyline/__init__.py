"""storyline: from raw news articles about one story to one brief a reader can trust.

The Python API, in the order data flows::

    from storyline import read_sources, build_brief, render_brief, BriefOptions
    result = read_sources(["articles/"])            # ingest: RawDocuments + Problems
    brief = build_brief(result.documents, BriefOptions(words=200), result.problems)
    print(render_brief(brief, "md"))                # or "json", "html"

Names are imported on first use, so ``import storyline`` stays cheap for the CLI. Stage
functions named like their package (``storyline.summarize.summarize``) are exported under
another name, since the package attribute would shadow them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_ALIASES = {"render_brief": "render", "summarize_sentences": "summarize"}
_EXPORTS = {
    "read_sources": "storyline.ingest",
    "build_brief": "storyline.brief",
    "render_brief": "storyline.render",
    "BriefOptions": "storyline.options",
    "Budget": "storyline.summarize",
    "summarize_sentences": "storyline.summarize",
    "clean_text": "storyline.clean",
    "split_sentences": "storyline.text",
    "Article": "storyline.model",
    "Brief": "storyline.model",
    "Citation": "storyline.model",
    "Problem": "storyline.model",
    "RawDocument": "storyline.model",
    "Sentence": "storyline.model",
    "SummarySentence": "storyline.model",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), _ALIASES.get(name, name))
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
