"""The C kernel (summarize/_kernel.c): built in a dev install, and the same as pure Python.

Every summary must come out the same with and without the kernel, so each test here runs
the pure-Python path (kernel.pure_python) and the kernel on the same stories and compares
what they build and pick, on invented stories, hostile text and, when the shared data is
beside the checkout, real Multi-News stories.
"""

from __future__ import annotations

import json
import os
import struct

import pytest

from storyline.brief.articles import to_articles
from storyline.ingest import read_multinews_record
from storyline.summarize import Budget, kernel, select
from storyline.summarize import concepts
from storyline.summarize.concepts import ConceptSettings, summarize_concepts
from storyline.summarize.units import make_units
from storyline.text.sentences import sentences_of

from conftest import SHARED
from helpers import make_article

needs_kernel = pytest.mark.skipif(not kernel.available(), reason="kernel not built (checked by test_kernel_is_built)")

BUDGETS = [Budget(words=250), Budget(words=60), Budget(words=None, sentences=3), Budget(words=40, overflow=True),
           Budget(words=120, sentences=2)]

STORY = [
    ["The Lakeside ferry company will raise fares by 12 percent from June 1, the company said on Monday.",
     "Chief executive Dana Holt said rising fuel costs left the company no other choice this year.",
     "He said the company had waited as long as it could before raising the price of a ticket.",
     '"We held prices for three years and we cannot do it any longer," Holt told reporters on Monday.',
     "Commuters who cross the lake every day said the increase would cost them hundreds of dollars."],
    ["Ferry fares on Lakeside routes will rise by 12 percent from June 1, the operator announced Monday.",
     "He blamed fuel.",
     '"It is simply too expensive to run the boats at the old fares and nobody should be surprised,',
     'and we told the council so last year when the budget was set," she said at the meeting.',
     "They said the regional council would review the fare increase at its May meeting next month."],
    ["Lakeside ferry fares are going up 12 percent on June 1 after the operator cited higher fuel costs.",
     "İstanbul-born rider Kemal Şahin paid 96 dollars, up from 86, for a monthly pass in the KELVIN era.",
     "But riders groups say the service has become less reliable over the past two winters on the lake.",
     "It is hard to say whether the ferry company will keep all of its routes open after the fare rise."],
]

HOSTILE = [
    [""],
    ["   ", "\u00a0\u2003 \t"],
    ["İİİİ İstanbul KKK \u212aelvin ǅemal ﬁnance ΣΑΣ σας", "\ud800 lone surrogate \udfff text with ☃ and 😀 emoji"],
    [" ".join(["word"] * 5000) + "."],
    ["................................................. he said it was so, and they agreed with him then.",
     "He " + "x" * 60 + " said it, and then everyone in the room agreed with him right away...",
     "They said the port would reopen on Monday, and then they said it again on Tuesday )"],
    ["a b c d e f g h i j k l m n o p q r s t u v w x y z " * 3 + "end."],
    ['"' * 50, "“”«»" * 20 + " quoted words here and there and everywhere now.", "١٢٣ Arabic digits in a sentence here, yes.",
     '"He said it was over."', "«Il a dit que c'était fini, et nous sommes partis tout de suite après cela.»",
     '‘Single quotes around a whole sentence that says enough words to count.’', '"Open', 'tail"', '“Open', 'tail”'],
]


def _stories() -> list[list[list[str]]]:
    return [STORY, HOSTILE, [STORY[1], STORY[0]], [STORY[2]]]


def _docs(story: list[list[str]]):
    return [make_article(f"a{i}", sents)[1] for i, sents in enumerate(story)]


def _view(units):
    return [[(u.codes, list(u.terms), u.bigrams, u.n_words, u.dangling, u.refers_back, u.quoted, u.quote_tail,
              u.quote_head, u.candidate, u.pronoun) for u in doc] for doc in units]


def test_kernel_records_hold_what_units_say() -> None:
    if not kernel.available():
        pytest.skip("kernel not built")
    docs = _docs(STORY)
    for doc in make_units(docs):
        for u in doc:
            n_words, flags, doc, position, n_codes, n_terms, *values = struct.unpack(f"={len(u.packed) // 8}q",
                                                                                      u.packed)
            assert (n_words, doc, position, n_codes, n_terms) == (u.n_words, u.doc, u.position, len(u.codes),
                                                                  len(u.terms))
            assert values == u.codes + list(u.terms)
            assert flags == (u.dangling | u.quoted << 1 | u.cues & 12 | u.candidate << 4 | u.refers_back << 5
                             | u.pronoun << 6 | u.quote_tail << 7 | u.quote_head << 8)


def _both(fn):
    with kernel.pure_python():
        expected = fn()
    return expected, fn()


def test_kernel_is_built() -> None:
    # A dev install (make venv: pip install -e) compiles the kernel; without it summaries
    # are still right but ~3x slower, which CI must not miss.
    if os.environ.get("STORYLINE_PURE_PYTHON") == "1":
        pytest.skip("pure Python asked for")
    assert kernel.available(), "storyline.summarize._kernel is not built: run `make clean venv`"
    assert kernel.KERNEL is not None


@needs_kernel
@pytest.mark.parametrize("story", _stories())
def test_units_match_python(story) -> None:
    docs = _docs(story)
    expected, got = _both(lambda: _view(make_units(docs)))
    assert got == expected


@needs_kernel
@pytest.mark.parametrize("story", _stories())
def test_selections_match_python(story) -> None:
    docs = _docs(story)
    for budget in BUDGETS:
        expected, got = _both(lambda: [s.text for s in select(docs, budget)])
        assert got == expected, budget
        # and the kernel did pick them (no silent fall-back to Python)
        units = make_units(docs)
        every = [u for doc in units for u in doc]
        assert concepts._kernel_pick(kernel.KERNEL, units, every, budget, ConceptSettings()) is not None


@needs_kernel
def test_settings_the_kernel_covers_match_python() -> None:
    docs = _docs(STORY)
    for settings in (ConceptSettings(support_weight=2.0, max_similarity=0.3, min_prior=0.2),
                     ConceptSettings(length_exponent=0.5), ConceptSettings(max_similarity=-1.0)):
        def run():
            units = make_units(docs)
            return [(u.doc, u.position) for u in summarize_concepts(units, Budget(words=80), settings)]
        expected, got = _both(run)
        assert got == expected, settings


@needs_kernel
def test_multinews_stories_match_python() -> None:
    path = SHARED / "data" / "multinews-val250.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(25), lines)]
    for number, record in enumerate(records):
        articles, _ = to_articles(read_multinews_record(record, f"r{number}", outlets=False))
        docs = [sentences_of(a) for a in articles]
        expected, got = _both(lambda: ([s.text for s in select(docs, Budget(words=250))], _view(make_units(docs))))
        assert got == expected, number
        units = make_units(docs)
        every = [u for doc in units for u in doc]
        if any(u.candidate for u in every):
            assert concepts._kernel_pick(kernel.KERNEL, units, every, Budget(words=250), ConceptSettings()) is not None


def _record(n_words, flags, codes, terms, doc=0, position=0) -> bytes:
    """A Unit.packed record as the kernel lays it out (int64: words, flags, article,
    position, counts, then the codes and terms)."""
    return struct.pack(f"={6 + len(codes) + len(terms)}q", n_words, flags, doc, position, len(codes), len(terms),
                       *codes, *terms)


CANDIDATE = 16


@needs_kernel
def test_select_rejects_bad_arguments_without_crashing() -> None:
    k = kernel.KERNEL
    coefficients = (0.0,) * 13
    rec = _record(9, CANDIDATE, [1, 2], [1, 2])

    def call(packed, doc_lens, coefs=coefficients, quote_sentences=3, max_chain=3):
        return k.select(packed, doc_lens, coefs, 0.0, 5.0, 1.0, 0.05, 0.5, 250, -1, False, 80, quote_sentences,
                        max_chain)

    assert call([rec], [1]) == [0]
    assert call([rec, _record(9, CANDIDATE, [3, 4], [3, 4], doc=1)], [1, 1]) == [0, 1]
    bad = [
        ([rec], []),  # article index out of range
        ([_record(9, CANDIDATE, [1, 2], [1], doc=1)], [1]),  # article index out of range
        ([_record(9, CANDIDATE, [1, 2], [1], position=1)], [1]),  # position is not the index
        ([_record(9, CANDIDATE, [1, 2], [1], doc=1), rec], [1, 1]),  # articles out of order
        ([_record(9, CANDIDATE, [1 << 50], [1])], [1]),  # code too large
        ([_record(9, CANDIDATE, [1, 2], [-1])], [1]),  # a term must be positive
        ([_record(9, 1 << 12, [1, 2], [1])], [1]),  # unknown flags
        ([_record(-9, CANDIDATE, [1, 2], [1])], [1]),  # negative length
        ([rec[:-8]], [1]),  # truncated
        ([rec[:-3]], [1]),  # not whole values
        ([struct.pack("=6q", 9, CANDIDATE, 0, 0, 1 << 62, -(1 << 62))], [1]),  # counts that overflow
        ([b""], [1]),
    ]
    for packed, doc_lens in bad:
        with pytest.raises(ValueError):
            call(packed, doc_lens)
    with pytest.raises(TypeError):
        call(["not bytes"], [1])
    with pytest.raises(ValueError):
        call([rec], [1], coefs=(1.0,) * 12)
    with pytest.raises(ValueError):
        call([rec], [1], quote_sentences=1000)
    assert call([], []) == []
    assert call([_record(9, 0, [1, 2], [1, 2])], [1]) == []  # no candidate
    # a pronoun opener whose antecedent cannot be picked: never picked itself
    refers, pronoun = 32, 64
    first = _record(9, 0, [1, 2], [1, 2])
    second = _record(9, CANDIDATE | refers | pronoun, [3, 4], [3, 4], position=1)
    assert call([first, second], [2]) == []
    assert call([_record(9, CANDIDATE, [1, 2], [1, 2]), second], [2]) == [0, 1]


@needs_kernel
def test_units_of_odd_text() -> None:
    from storyline.summarize.units import make_unit
    from storyline.text.terms import word_bytes

    odd = ["", " ", "İ", "İİ", "aİb", "K\u212a", "x" * 100_000, "\ud800a\udfffb", "Ǆ ǅ ǆ", "😀a😀b😀", "\x1c\x1d a\x85b",
           "It is the only bridge over the river that was still open to lorries on Sunday.",
           "It is hard to say whether the bridge will reopen before the end of the month, officials said.",
           "They said so.", "x" * 45 + " he said it.", "(He said it was so and then they all went home for the night.)"]
    for text in odd:
        sentence = make_article("t", [text])[1][0]
        expected, got = _both(lambda: make_unit(sentence, 3))
        assert _view([[got]]) == _view([[expected]]), text
        assert (got.doc, got.sentence, got.cues & 16) == (3, sentence, 16)
        assert len(got.codes) == len(word_bytes(text))
    k = kernel.KERNEL
    from storyline.summarize.units import _KERNEL_ARGS
    with pytest.raises(AttributeError):
        k.make_units([[object()]], *_KERNEL_ARGS)  # no text, as in Python
    with pytest.raises(TypeError):
        k.make_units([[make_article("t", ["x"])[1][0]]], *_KERNEL_ARGS[:-1])
    with pytest.raises(TypeError):
        k.make_units(5, *_KERNEL_ARGS)
    stemmer_fails = (_KERNEL_ARGS[0], lambda word: 1 / 0, {}, *_KERNEL_ARGS[3:])
    with pytest.raises(ZeroDivisionError):  # a stemmer's error comes through
        k.make_units([[make_article("t", ["brand new words"])[1][0]]], *stemmer_fails)
    # and the real table still works after that (the cache started over)
    sentence = make_article("t", ["Ferry fares rose."])[1][0]
    expected, got = _both(lambda: make_units([[sentence]]))
    assert _view(got) == _view(expected)
